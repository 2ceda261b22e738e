// SPDX-License-Identifier: GPL-2.0
/*
 * hello_syscall() and hello_syscall_arg(): the smallest useful system calls.
 *
 * Any process may call them, and each call may write a line to the kernel
 * log, so the lines go through one rate limit that both calls share: a
 * burst of calls always logs its first lines, a flood cannot fill the log.
 * When a burst was cut short, the kernel notes how many lines it dropped.
 * The limit is set in my_syscalls.h and tunable by root at run time.
 */
#define pr_fmt(fmt) "hello_syscall: " fmt

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/syscalls.h>

#include "my_syscalls.h"

/*
 * The limit is changed by swapping in a fresh limiter, never by writing the
 * fields of one in use: struct ratelimit_state is the ratelimit library's
 * own, and its fields differ from one kernel version to the next. Readers
 * find the limiter in use under RCU; a change fills the idle one with
 * ratelimit_state_init(), publishes it, and waits until nobody uses the old
 * one, which becomes the idle one. hello_limit_lock serializes changes.
 */
static DEFINE_RATELIMIT_STATE(hello_limit_a,
			      HELLO_RATELIMIT_INTERVAL_MS * HZ / 1000,
			      HELLO_RATELIMIT_BURST);
static struct ratelimit_state hello_limit_b;
static struct ratelimit_state __rcu *hello_limit =
	RCU_INITIALIZER(&hello_limit_a);
static DEFINE_MUTEX(hello_limit_lock);

DEFINE_PER_CPU(local64_t, hello_calls);
DEFINE_PER_CPU(local64_t, hello_arg_calls);

/* One more call on this CPU: its own counter, so no lock, no shared line. */
static void hello_count(local64_t __percpu *calls)
{
	local64_inc(get_cpu_ptr(calls));
	put_cpu_ptr(calls);
}

/* What the parameters read back; written only with hello_limit_lock held. */
static int hello_burst = HELLO_RATELIMIT_BURST;
static unsigned int hello_interval_ms = HELLO_RATELIMIT_INTERVAL_MS;

static bool hello_may_log(void)
{
	struct ratelimit_state *rs;
	bool ret;

	rcu_read_lock();
	rs = rcu_dereference(hello_limit);
	ret = __ratelimit(rs);
	rcu_read_unlock();
	return ret;
}

/*
 * A new limit applies from now, with a fresh interval; lines dropped under
 * the old limit are no longer counted. A negative argument keeps its value.
 */
static void hello_set_limit(int burst, long interval_ms)
{
	struct ratelimit_state *old, *next;

	mutex_lock(&hello_limit_lock);
	if (burst >= 0)
		hello_burst = burst;
	if (interval_ms >= 0)
		hello_interval_ms = interval_ms;
	old = rcu_dereference_protected(hello_limit,
					lockdep_is_held(&hello_limit_lock));
	next = old == &hello_limit_a ? &hello_limit_b : &hello_limit_a;
	ratelimit_state_init(next, msecs_to_jiffies(hello_interval_ms),
			     hello_burst);
	rcu_assign_pointer(hello_limit, next);
	synchronize_rcu();
	mutex_unlock(&hello_limit_lock);
}

static int hello_set_burst(const char *val, const struct kernel_param *kp)
{
	int burst;
	int ret;

	ret = kstrtoint(val, 0, &burst);
	if (ret)
		return ret;
	if (burst < 0)
		return -EINVAL;
	hello_set_limit(burst, -1);
	return 0;
}

static int hello_set_interval(const char *val, const struct kernel_param *kp)
{
	unsigned int ms;
	int ret;

	ret = kstrtouint(val, 0, &ms);
	if (ret)
		return ret;
	if (ms > 3600 * 1000)
		return -ERANGE;
	hello_set_limit(-1, ms);
	return 0;
}

static const struct kernel_param_ops hello_burst_ops = {
	.set = hello_set_burst,
	.get = param_get_int,
};

static const struct kernel_param_ops hello_interval_ops = {
	.set = hello_set_interval,
	.get = param_get_uint,
};

module_param_cb(ratelimit_burst, &hello_burst_ops, &hello_burst, 0644);
MODULE_PARM_DESC(ratelimit_burst,
		 "Log lines allowed per interval, both calls together (default 10)");
module_param_cb(ratelimit_interval_ms, &hello_interval_ops, &hello_interval_ms,
		0644);
MODULE_PARM_DESC(ratelimit_interval_ms,
		 "Rate limit interval in milliseconds, 0 for no limit (default 5000)");

/**
 * sys_hello_syscall - write "Hello world!" to the kernel log
 *
 * The line is "hello_syscall: Hello world!" at KERN_INFO, unless the shared
 * rate limit has dropped it.
 *
 * Return: 0, always.
 */
SYSCALL_DEFINE0(hello_syscall)
{
	hello_count(&hello_calls);
	if (hello_may_log())
		pr_info("Hello world!\n");
	return 0;
}

/**
 * sys_hello_syscall_arg - write the argument to the kernel log
 * @arg: any int; only the low 32 bits of the register are used
 *
 * The line is "hello_syscall: arg = <arg>" at KERN_INFO, unless the shared
 * rate limit has dropped it.
 *
 * Return: 0, always.
 */
SYSCALL_DEFINE1(hello_syscall_arg, int, arg)
{
	hello_count(&hello_arg_calls);
	if (hello_may_log())
		pr_info("arg = %d\n", arg);
	return 0;
}
