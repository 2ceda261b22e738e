/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crash_marks.h: the kernel log text that means a kernel bug was reported.
 * One list, read by the host's runner (on the console) and by the guest's
 * init (in /dev/kmsg after the tests), so both judge a log the same way.
 */
#ifndef CRASH_MARKS_H
#define CRASH_MARKS_H

static const char *const crash_marks[] = {
	"Kernel panic", "Oops:", "BUG:", "WARNING:", "cut here ]",
	"general protection fault", "UBSAN:", "KASAN:",
	"possible recursive locking", "possible circular locking",
	"inconsistent lock state", "sleeping function called from invalid context",
	"INFO: task ", "Call Trace:",
};

#define N_CRASH_MARKS (sizeof(crash_marks) / sizeof(crash_marks[0]))

#endif
