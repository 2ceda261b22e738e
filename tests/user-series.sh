#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make patch KERNEL_SRC= CALLS=: the calls a user wrote by hand in their
# tree (fixtures.sh's hand_calls, and one more in a file of Linux's own,
# kernel/sys.c) as a series, a patch a call, that git am applies to the
# tree they started from, giving back their files; the same for a 5.8
# tree hooked by the top Makefile's core-y line; one call alone; a name
# that is not theirs, or a mix with the project's calls, refused.
# check: host-plain -- make patch CALLS=: a series of the calls a user wrote by hand
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"
plan 6
scratch
export SIGNOFF="A User <user@example.org>"
G() { gd=$1; shift; git -C "$gd" -c user.name=t -c user.email=t@example.org -c commit.gpgsign=false "$@"; }
# repo DIR: DIR as a git repository of one commit
repo() { G "$1" init -q && G "$1" add -A && G "$1" commit -q -m base; }
# series TREE OUT CALLS...: the series, written by the script make patch runs
series() { t=$1 o=$2; shift 2; "$ROOT/scripts/patch/user-series.sh" "$PATCHER" "$ROOT/kernel" "$t" "$o" "$@"; }
# applied SERIES BASE TREE: git am of SERIES onto a copy of BASE gives TREE
applied() {
	rm -rf "$T/am"
	cp -a "$2" "$T/am" && repo "$T/am" &&
		G "$T/am" am -q "$1"/0*[1-9]-*.patch >"$T/am.log" 2>&1 &&
		diff -r -x .git "$T/am" "$3" >"$T/am.diff" 2>&1
}

# 6.1: my-syscalls/ in ./Kbuild, and a fourth call in kernel/sys.c
make_tree "$T/base" 6.1
printf '// SPDX-License-Identifier: GPL-2.0\n#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(getpid)\n{\n\treturn 1;\n}\n' \
	>"$T/base/kernel/sys.c"
cp -a "$T/base" "$T/hand"
hand_calls "$T/hand"
printf '\n/* How many times it was called: never. */\nSYSCALL_DEFINE1(my_peek, int, x)\n{\n\treturn x;\n}\n' >>"$T/hand/kernel/sys.c"
sed -i "s/^453\t.*/&\n454\tcommon\tmy_peek\t\t\tsys_my_peek/" "$T/hand/arch/x86/entry/syscalls/syscall_64.tbl"
sed -i 's|^#endif$|asmlinkage long sys_my_peek(int x);\n#endif|' "$T/hand/include/linux/syscalls.h"
if series "$T/hand" "$T/s1" my_hello my_add my_log my_peek >"$T/s1.log" 2>&1 && applied "$T/s1" "$T/base" "$T/hand"; then
	pass "four calls written by hand: a series that git am applies to the tree they started from, giving their files"
else
	fail "four calls written by hand: a series that git am applies to the tree they started from, giving their files" \
		"$(cat "$T/s1.log" "$T/am.log" "$T/am.diff" 2>/dev/null | head -n 20)"
fi
subjects=$(grep -h '^Subject:' "$T/s1"/0*[1-9]-*.patch)
if [ "$subjects" = "$(printf '%s\n' 'Subject: [PATCH 1/4] my-syscalls: add the my_hello() system call' \
	'Subject: [PATCH 2/4] my-syscalls: add the my_add() system call' \
	'Subject: [PATCH 3/4] my-syscalls: add the my_log() system call' \
	'Subject: [PATCH 4/4] syscalls: add the my_peek() system call')" ] &&
	[ "$(grep -l "^Signed-off-by: $SIGNOFF\$" "$T/s1"/0*[1-9]-*.patch | wc -l)" = 4 ] &&
	grep -q 'Subject: \[PATCH 0/4\] Add the system calls my_hello(), my_add(), my_log(), my_peek()' "$T/s1/0000-cover-letter.patch"; then
	pass "a patch a call, in the table's order, each signed off, with a cover letter"
else
	fail "a patch a call, in the table's order, each signed off, with a cover letter" "$subjects"
fi

# 5.8: the tutorial's own layout, my_syscalls/ on the top Makefile's core-y line
make_tree "$T/base58" 5.8
cp -a "$T/base58" "$T/hand58"
mkdir "$T/hand58/my_syscalls"
printf 'obj-y := my_syscalls.o\n' >"$T/hand58/my_syscalls/Makefile"
printf '#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(hello)\n{\n\treturn 0;\n}\n' >"$T/hand58/my_syscalls/my_syscalls.c"
printf 'long hello_syscall(void);\n' >"$T/hand58/my_syscalls/my_syscalls.h"
sed -i 's|^core-y.*|& my_syscalls/|' "$T/hand58/Makefile"
sed -i "s/^439\t.*/&\n440\tcommon\thello\t\t\tsys_hello/" "$T/hand58/arch/x86/entry/syscalls/syscall_64.tbl"
sed -i 's|^#endif$|asmlinkage long sys_hello(void);\n#endif|' "$T/hand58/include/linux/syscalls.h"
if series "$T/hand58" "$T/s2" hello >"$T/s2.log" 2>&1 && applied "$T/s2" "$T/base58" "$T/hand58" &&
	grep -q '^+core-y.* my_syscalls/$' "$T/s2"/0001-*.patch; then
	pass "5.8's core-y line: the series adds the folder to it, and applies"
else
	fail "5.8's core-y line: the series adds the folder to it, and applies" \
		"$(cat "$T/s2.log" "$T/am.log" "$T/am.diff" 2>/dev/null | head -n 20)"
fi

# One call alone, through make patch: the other calls stay in the base.
out=$(make --no-print-directory -C "$ROOT" patch KERNEL_SRC="$T/hand" CALLS=my_add 2>&1)
dir=$(echo "$out" | sed -n 's/^series: //p')
cp -a "$T/hand" "$T/less" && repo "$T/less"
if [ -n "$dir" ] && [ "$(find "$dir" -name "*.patch" | wc -l)" = 2 ] && G "$T/less" apply -R "$dir"/0001-*.patch 2>"$T/r.log" &&
	! grep -rq my_add "$T/less" --exclude-dir=.git && grep -q my_hello "$T/less/arch/x86/entry/syscalls/syscall_64.tbl" &&
	[ -f "$T/less/my-syscalls/hello.c" ]; then
	pass "make patch CALLS=my_add: its patch alone, on top of the other calls"
else
	fail "make patch CALLS=my_add: its patch alone, on top of the other calls" "$out $(cat "$T/r.log")"
fi

out=$(make --no-print-directory -C "$ROOT" patch KERNEL_SRC="$T/hand" CALLS=my_nope 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "my_nope is not a call written by hand" &&
	echo "$out" | grep -q "calls written by hand: my_hello my_add my_log my_peek"; then
	pass "a name that is not one of the tree's calls: refused, with the tree's calls"
else
	fail "a name that is not one of the tree's calls: refused, with the tree's calls" "$out"
fi
out=$(make --no-print-directory -C "$ROOT" patch KERNEL_SRC="$T/hand" CALLS="my_add greet" 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "mixes the project's calls (greet) with your tree's (my_add)"; then
	pass "the project's calls and the tree's in one CALLS=: refused"
else
	fail "the project's calls and the tree's in one CALLS=: refused" "$out"
fi
done_tests
