#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The patcher on a 5.8-layout tree made here, and on bad inputs: each bad
# input must give a clear error, exit 2, and leave the tree byte for byte.
# check: host -- patcher: 5.8 layout and bad inputs (ASan+UBSan)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"
plan 32
scratch

make_tree58 "$T/pristine"
cp -a "$T/pristine" "$T/t"
tbl="$T/t/arch/x86/entry/syscalls"

expect "5.8: apply" P -q apply "$T/t"
# Every call, in every table it belongs to, with the number it must have.
nr=440
for c in hello_syscall hello_syscall_arg; do
	for f in 64:common 32:i386; do
		expect "5.8: $c is $nr in syscall_${f%%:*}.tbl" \
			grep -qP "^$nr\t${f#*:}\t$c\t+sys_$c\$" "$tbl/syscall_${f%%:*}.tbl"
	done
	expect "5.8: generic __NR_$c is $nr" grep -qx "#define __NR_$c $nr" "$T/t/include/uapi/asm-generic/unistd.h"
	nr=$((nr + 1))
done
# Inserted right after 439, before the x32 block, and the table stays sorted.
if awk '$1 ~ /^[0-9]+$/ { print $1 }' "$tbl/syscall_64.tbl" | sort -n -c 2>/dev/null &&
	[ "$(grep -n . "$tbl/syscall_64.tbl" | grep -P '\thello_syscall_arg\t' | cut -d: -f1)" -lt \
	  "$(grep -n '^512' "$tbl/syscall_64.tbl" | cut -d: -f1)" ]; then
	pass "5.8: syscall_64.tbl sorted, calls before the x32 block"
else
	fail "5.8: syscall_64.tbl sorted, calls before the x32 block" "order broken"
fi
# 440 on, one number per call of the project's table
n=$((440 + $(grep -cv '^#' "$ROOT/kernel/syscalls.tbl")))
expect "5.8: generic __NR_syscalls raised to $n" grep -qx "#define __NR_syscalls $n" "$T/t/include/uapi/asm-generic/unistd.h"
expect "5.8: hooked in the core-y line" grep -qx 'core-y		+= kernel/ certs/ mm/ fs/ ipc/ security/ crypto/ block/ my_syscalls/' "$T/t/Makefile"
expect "5.8: prototype of sys_hello_syscall" grep -qx 'asmlinkage long sys_hello_syscall(void);' "$T/t/include/linux/syscalls.h"
expect "5.8: prototype of sys_hello_syscall_arg" grep -qx 'asmlinkage long sys_hello_syscall_arg(int arg);' "$T/t/include/linux/syscalls.h"
for c in hello_syscall hello_syscall_arg; do
	expect "5.8: COND_SYSCALL($c)" grep -qx "COND_SYSCALL($c);" "$T/t/kernel/sys_ni.c"
done
# The section's prototypes compile on their own: each struct they name is
# declared first (else it is a type of the prototype alone, and the
# architectures that take the generic table's calls conflict).
{ printf '#define asmlinkage\n#define __user\ntypedef unsigned long size_t;\n'
  sed -n '/^\/\* my_syscalls\/ \*\//,/^$/p' "$T/t/include/linux/syscalls.h"
  echo 'asmlinkage long sys_counters(struct hello_counters __user *out, size_t size);'
} > "$T/protos.c"
expect "5.8: the prototypes' structs are declared before them (gcc -Werror)" \
	gcc -fsyntax-only -Werror -Wall "$T/protos.c"
expect "5.8: Kconfig sourced" grep -qx 'source "my_syscalls/Kconfig"' "$T/t/Kconfig"
expect "5.8: my_syscalls/ copied" cmp -s "$ROOT/kernel/my_syscalls/my_syscalls.c" "$T/t/my_syscalls/my_syscalls.c"

touch "$T/stamp"
sleep 1
out=$(P apply "$T/t" 2>&1)
if [ $? -eq 0 ] && echo "$out" | grep -q "already patched" &&
	[ -z "$(find "$T/t" -newer "$T/stamp")" ]; then
	pass "5.8: second apply changes nothing"
else
	fail "5.8: second apply changes nothing" "$out"
fi
expect "5.8: check says up to date" P -q check "$T/t"
expect "5.8: revert" P -q revert "$T/t"
expect "5.8: revert gives the pristine tree back" diff -r "$T/pristine" "$T/t"

# bad NAME MESSAGE SETUP: breaks a copy of the tree with SETUP, then apply
# must fail with exit 2, say MESSAGE, and leave the tree as it was.
bad() {
	name=$1 msg=$2 setup=$3
	rm -rf "$T/b" "$T/b.ref"
	cp -a "$T/pristine" "$T/b"
	(cd "$T/b" && eval "$setup")
	cp -a "$T/b" "$T/b.ref"
	out=$(P apply "$T/b" 2>&1)
	rc=$?
	if [ $rc -ne 2 ]; then
		fail "bad input: $name" "exit $rc, expected 2: $out"
	elif ! echo "$out" | grep -q -- "$msg"; then
		fail "bad input: $name" "message '$out' lacks '$msg'"
	elif ! diff -r "$T/b.ref" "$T/b" >/dev/null 2>&1; then
		fail "bad input: $name" "tree changed: $(diff -rq "$T/b.ref" "$T/b" | head -3)"
	else
		pass "bad input: $name"
	fi
}
bad "unsorted table" "not sorted" \
	"sed -i 's/^300\tcommon/3000\tcommon/' arch/x86/entry/syscalls/syscall_64.tbl"
bad "unknown layout" "this layout is not known" \
	"sed -i '/^core-y/d' Makefile"
bad "missing file" "kernel/sys_ni.c: No such file" "rm kernel/sys_ni.c"
bad "read-only file" "is read-only" "chmod 0444 include/linux/syscalls.h"
bad "hello_syscall already at another number" "already has hello_syscall at number 300" \
	"sed -i 's/^300\tcommon\tcall300\t\t\tsys_call300/300\tcommon\thello_syscall\t\tsys_hello_syscall/' arch/x86/entry/syscalls/syscall_64.tbl"
bad "a tree older than the project claims" "is Linux 4.19 (its Makefile says so); this project supports Linux 5.4 and later" \
	"sed -i 's/^VERSION = .*/VERSION = 4/; s/^PATCHLEVEL = .*/PATCHLEVEL = 19/' Makefile"
bad "not a kernel tree" "not the top of a Linux source tree" "find . -mindepth 1 -delete"
bad "my_syscalls/ already there" "exists already" "mkdir my_syscalls && echo x > my_syscalls/Makefile"
# Failures in the middle of writing: all that was done must be undone.
bad "a file cannot be written" "cannot write" "mkdir include/linux/syscalls.h.hello-new"
bad "a file cannot be put in place" "cannot replace" "mkdir -p my_syscalls/Kconfig"

# The project's table itself, broken.
mkdir -p "$T/k"
cp -a "$ROOT/kernel/my_syscalls" "$T/k/"
printf 'hello_syscall sys_wrong void\n' > "$T/k/syscalls.tbl"
out=$("$PATCHER" -k "$T/k" apply "$T/t" 2>&1)
if [ $? -eq 2 ] && echo "$out" | grep -q "line 1: hello_syscall: entry point must be sys_hello_syscall"; then
	pass "bad syscalls.tbl line is named"
else
	fail "bad syscalls.tbl line is named" "$out"
fi
done_tests
