// prototype: long fz_uaf(const char __user *buf, size_t len)
// report: KASAN: slab-use-after-free
// SPDX-License-Identifier: GPL-2.0
/* A planted bug: a long buffer's last byte read after it is freed. */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE2(fz_uaf, const char __user *, buf, size_t, len)
{
	long ret;
	char *k;

	if (!len || len > 4096)
		return -EINVAL;
	k = memdup_user(buf, len);
	if (IS_ERR(k))
		return PTR_ERR(k);
	ret = k[0];
	kfree(k);
	if (len > 128)
		ret += k[len - 1];
	return ret;
}
