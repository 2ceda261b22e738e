/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MY_SYSCALLS_H
#define _MY_SYSCALLS_H

#include <linux/percpu.h>
#include <asm/local64.h>

/*
 * Default rate limit of the log lines of hello_syscall() and
 * hello_syscall_arg(), shared by both calls: at most
 * HELLO_RATELIMIT_BURST lines every HELLO_RATELIMIT_INTERVAL_MS
 * milliseconds. Root changes them at run time through
 * /sys/module/my_syscalls/parameters/ratelimit_burst and
 * ratelimit_interval_ms, or at boot with my_syscalls.ratelimit_burst=
 * and my_syscalls.ratelimit_interval_ms= on the kernel command line.
 * An interval of 0 turns the limit off.
 */
#define HELLO_RATELIMIT_INTERVAL_MS	5000
#define HELLO_RATELIMIT_BURST		10

/*
 * The calls of each, counted by the CPU that runs them; see counters.c.
 * 64 bits everywhere, as counters() reports them: an unsigned long would
 * wrap at 2^32 on a 32-bit kernel. local64_t: read whole from any CPU.
 */
DECLARE_PER_CPU(local64_t, hello_calls);
DECLARE_PER_CPU(local64_t, hello_arg_calls);

#endif /* _MY_SYSCALLS_H */
