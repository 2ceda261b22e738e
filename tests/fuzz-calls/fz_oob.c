// prototype: long fz_oob(const char __user *buf, size_t len)
// report: KASAN: stack-out-of-bounds
// SPDX-License-Identifier: GPL-2.0
/* A planted bug: the length check lets len == sizeof(kbuf) by. */
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

SYSCALL_DEFINE2(fz_oob, const char __user *, buf, size_t, len)
{
	char kbuf[16];

	if (len > sizeof(kbuf))
		return -EINVAL;
	if (copy_from_user(kbuf, buf, len))
		return -EFAULT;
	kbuf[len] = '\0';
	return strlen(kbuf);
}
