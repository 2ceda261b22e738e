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
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/spinlock.h>
#include <linux/syscalls.h>

#include "my_syscalls.h"

static DEFINE_RATELIMIT_STATE(hello_ratelimit,
			      HELLO_RATELIMIT_INTERVAL_MS * HZ / 1000,
			      HELLO_RATELIMIT_BURST);

/* What ratelimit_interval_ms reads back; written only with the limit's lock. */
static unsigned int hello_interval_ms = HELLO_RATELIMIT_INTERVAL_MS;

/*
 * A new limit applies from now: the next call starts a fresh interval. What
 * was dropped so far is still reported at the end of that interval.
 * Called with hello_ratelimit.lock held.
 */
static void hello_restart_interval(void)
{
	hello_ratelimit.begin = 0;
	hello_ratelimit.printed = 0;
}

static int hello_set_burst(const char *val, const struct kernel_param *kp)
{
	unsigned long flags;
	int burst;
	int ret;

	ret = kstrtoint(val, 0, &burst);
	if (ret)
		return ret;
	if (burst < 0)
		return -EINVAL;

	raw_spin_lock_irqsave(&hello_ratelimit.lock, flags);
	hello_ratelimit.burst = burst;
	hello_restart_interval();
	raw_spin_unlock_irqrestore(&hello_ratelimit.lock, flags);
	return 0;
}

static int hello_set_interval(const char *val, const struct kernel_param *kp)
{
	unsigned long flags;
	unsigned int ms;
	int ret;

	ret = kstrtouint(val, 0, &ms);
	if (ret)
		return ret;
	if (ms > 3600 * 1000)
		return -ERANGE;

	raw_spin_lock_irqsave(&hello_ratelimit.lock, flags);
	hello_ratelimit.interval = msecs_to_jiffies(ms);
	hello_interval_ms = ms;
	hello_restart_interval();
	raw_spin_unlock_irqrestore(&hello_ratelimit.lock, flags);
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

module_param_cb(ratelimit_burst, &hello_burst_ops, &hello_ratelimit.burst,
		0644);
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
	if (__ratelimit(&hello_ratelimit))
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
	if (__ratelimit(&hello_ratelimit))
		pr_info("arg = %d\n", arg);
	return 0;
}
