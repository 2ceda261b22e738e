// prototype: long fz_shift(unsigned int flags)
// report: UBSAN: shift-out-of-bounds
// SPDX-License-Identifier: GPL-2.0
/* A planted bug: a shift by any count the caller gives. */
#include <linux/syscalls.h>

SYSCALL_DEFINE1(fz_shift, unsigned int, flags)
{
	int bit = 1 << (flags & 0xff);

	return bit & 0x5;
}
