// prototype: long fz_leak(char __user *buf, size_t size)
// report: usercopy: Kernel memory exposure attempt|KASAN: slab-out-of-bounds
// SPDX-License-Identifier: GPL-2.0
/* A planted bug: one byte more copied out than the object holds. */
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

SYSCALL_DEFINE2(fz_leak, char __user *, buf, size_t, size)
{
	long ret = 0;
	char *k;

	if (!size || size > 256)
		return -EINVAL;
	k = kzalloc(size, GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	if (copy_to_user(buf, k, size + 1))
		ret = -EFAULT;
	kfree(k);
	return ret;
}
