#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make doctor: a tree with three calls written by hand the tutorial's way
# (a fixture of the 6.1 family, tests/fixtures.sh: its own folder
# my-syscalls/ in ./Kbuild, lines in the 64- and 32-bit tables,
# prototypes): listed with their numbers and their prototypes (make
# fuzz-calls fuzzes them by those), no finding; then five trees, each
# with one of the tutorial's mistakes seeded, each found with its file and
# line.
# check: host-plain -- make doctor: hand-written calls listed, five seeded mistakes found
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"
plan 9
scratch
D() { "$ROOT/scripts/steps/doctor.sh" "$1" "$PATCHER" "$ROOT/kernel" "$2"; }
make_tree "$T/good" 6.1
hand_calls "$T/good"
out=$(D list "$T/good")
if [ "$out" = "$(printf 'my_hello 451 (32-bit: 451)\nmy_add 452\nmy_log 453')" ]; then
	pass "the three calls written by hand, with their 64- and 32-bit numbers"
else
	fail "the three calls written by hand, with their 64- and 32-bit numbers" "$out"
fi
# the prototypes, as the SYSCALL_DEFINEn lines say (my_add's over two lines)
out=$(D protos "$T/good")
if [ "$out" = "$(printf 'long my_hello(void)\nlong my_add(int a, int b)\nlong my_log(const char __user *msg, size_t len)')" ]; then
	pass "the three calls' prototypes, as their SYSCALL_DEFINEn() says"
else
	fail "the three calls' prototypes, as their SYSCALL_DEFINEn() says" "$out"
fi
out=$(D check "$T/good" 2>&1)
if [ $? = 0 ] && echo "$out" | grep -q "3 call(s) written by hand .* no mistake found"; then
	pass "a tree without mistakes: none found"
else
	fail "a tree without mistakes: none found" "$out"
fi
P -q apply "$T/good" >/dev/null
out=$(D list "$T/good")
if [ "$out" = "$(printf 'my_hello 451 (32-bit: 451)\nmy_add 452\nmy_log 453')" ]; then
	pass "once the project's calls are applied too: the same three, not the project's"
else
	fail "once the project's calls are applied too: the same three, not the project's" "$out"
fi

# seeded NAME EDIT WANT: a tree with one mistake (EDIT, a shell command in
# $t); doctor check must fail with a finding matching WANT
seeded() {
	t=$T/$1
	make_tree "$t" 6.1
	hand_calls "$t"
	sh -c "$2" t "$t"
	out=$(D check "$t" 2>&1)
	if [ $? = 1 ] && echo "$out" | grep -q "$3"; then
		pass "seeded: $1: found, with file and line"
	else
		fail "seeded: $1: found, with file and line" "want /$3/: $out"
	fi
}
seeded "a table line with the 5.4 entry prefix" \
	'sed -i "s/sys_my_add\$/__x64_sys_my_add/" "$1/arch/x86/entry/syscalls/syscall_64.tbl"' \
	"syscall_64.tbl:[0-9]*: my_add: entry point '__x64_sys_my_add'; this tree's tables name it 'sys_my_add'"
seeded "the folder not in ./Kbuild" \
	'sed -i "/my-syscalls/d" "$1/Kbuild"' \
	"/Kbuild:[0-9]*: my_hello: the folder my-syscalls/ is built by nothing"
seeded "a prototype whose types are not the definition's" \
	'sed -i "s/sys_my_add(int a, int b)/sys_my_add(long a, int b)/" "$1/include/linux/syscalls.h"' \
	"syscalls.h:[0-9]*: my_add: the prototype's types (long,int) are not the definition's at my-syscalls/add.c:3 (int,int)"
seeded "asmlinkage instead of SYSCALL_DEFINE" \
	'printf "#include <linux/syscalls.h>\n\nasmlinkage long sys_my_hello(void)\n{\n\treturn 0;\n}\n" >"$1/my-syscalls/hello.c"' \
	"my-syscalls/hello.c:3: my_hello: defined as an asmlinkage function"
seeded "a call under a Kconfig option without COND_SYSCALL" \
	'sed -i "/my_log/d" "$1/kernel/sys_ni.c"' \
	"my-syscalls/Makefile:3: my_log: built only with CONFIG_MY_LOG, but kernel/sys_ni.c has no COND_SYSCALL(my_log)"
done_tests
