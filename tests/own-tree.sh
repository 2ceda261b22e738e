#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# own-tree.sh DIR: prints DIR, having made it (once) the tree of a user who
# followed the tutorial by hand: Debian's 6.12 source with three calls of
# their own in their own folder mine/ (obj-y), hooked into ./Kbuild:
# mine_version() in mine.c, mine_sum(int, int) in sum.c and
# mine_len(const char __user *) in len.c, at 463, 464 and 465 in
# syscall_64.tbl (6.12's first free numbers, so the patcher's calls go
# after them), declared in include/linux/syscalls.h; and a line of theirs in
# init/main.c that the kernel prints at boot ("own tree: N").
# make check builds it with KERNEL_SRC= (the arm row of its matrix, and
# tests/stale.sh); tests edit it with edit_own below, never in place: the
# tree is a hard-linked copy (cp -al) of srctar.sh's, which must never be
# written to, and sed -i writes a new file.
set -eu
dir=$1
root=$(cd "$(dirname "$0")/.." && pwd)
pristine=$("$root/scripts/steps/srctar.sh" -x /usr/src/linux-source-6.12.tar.xz)
# made from this pristine tree and this script already (a new package or a
# change here makes it again)
from="$pristine $(cksum <"$0")"
if [ "$(cat "$dir.from" 2>/dev/null)" = "$from" ] && [ -d "$dir" ]; then
	echo "$dir"
	exit 0
fi
rm -rf "$dir" "$dir.tmp" "$dir.from"
mkdir -p "$(dirname "$dir")"
cp -al "$pristine" "$dir.tmp"
t=$dir.tmp
mkdir "$t/mine"
printf 'obj-y := mine.o\nobj-y += sum.o\nobj-y += len.o\n' > "$t/mine/Makefile"
cat > "$t/mine/mine.c" <<'C'
// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/syscalls.h>

/* Which version of this call the kernel has: the tests edit the number. */
SYSCALL_DEFINE0(mine_version)
{
	return 0;
}
C
cat > "$t/mine/sum.c" <<'C'
// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE2(mine_sum, int, a, int, b)
{
	printk(KERN_INFO "mine_sum: %d + %d\n", a, b);
	return a + b;
}
C
cat > "$t/mine/len.c" <<'C'
// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/syscalls.h>

/* The length of a user's string of at most 255 bytes. */
SYSCALL_DEFINE1(mine_len, const char __user *, s)
{
	long n = strnlen_user(s, 256);

	if (n == 0)
		return -EFAULT;
	if (n > 255)
		return -E2BIG;
	return n - 1;
}
C
sed -i '$a obj-y += mine/' "$t/Kbuild"
sed -i 's/^462[[:space:]].*/&\n463\tcommon\tmine_version\t\tsys_mine_version\n464\tcommon\tmine_sum\t\tsys_mine_sum\n465\tcommon\tmine_len\t\tsys_mine_len/' \
	"$t/arch/x86/entry/syscalls/syscall_64.tbl"
sed -i 's/^asmlinkage long sys_ni_syscall(void);$/&\nasmlinkage long sys_mine_version(void);\nasmlinkage long sys_mine_sum(int a, int b);\nasmlinkage long sys_mine_len(const char __user *s);/' \
	"$t/include/linux/syscalls.h"
sed -i 's/^\tpr_notice("%s", linux_banner);$/&\n\tpr_warn("own tree: 0\\n");/' "$t/init/main.c"
# each file has its line, or the tree is not what the tests expect
while read -r f want; do
	grep -qF "$want" "$t/$f" || { echo "own-tree.sh: could not add '$want' to $t/$f" >&2; exit 1; }
done <<LINES
Kbuild obj-y += mine/
arch/x86/entry/syscalls/syscall_64.tbl sys_mine_version
arch/x86/entry/syscalls/syscall_64.tbl sys_mine_sum
arch/x86/entry/syscalls/syscall_64.tbl sys_mine_len
include/linux/syscalls.h sys_mine_version(void);
include/linux/syscalls.h sys_mine_sum(int a, int b);
include/linux/syscalls.h sys_mine_len(const char __user *s);
init/main.c own tree: 0
LINES
mv "$t" "$dir"
echo "$from" > "$dir.from"
echo "$dir"
