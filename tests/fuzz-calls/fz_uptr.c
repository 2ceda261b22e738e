// prototype: long fz_uptr(const char __user *buf, size_t len)
// report: Oops: 
// SPDX-License-Identifier: GPL-2.0
/* A planted bug: the user's buffer read directly, not copied. */
#include <linux/errno.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE2(fz_uptr, const char __user *, buf, size_t, len)
{
	const char *p = (const char __force *)buf;

	if (!len || !buf)
		return -EINVAL;
	return p[0];
}
