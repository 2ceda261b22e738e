#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# config/arches and what reads it (scripts/steps/arches.sh, deps.sh, qrun, make),
# and scripts/matrix/built-nr.sh on small ELF files made here: a table of entry
# points at the numbers a fake uapi header gives, 64- and 32-bit, one entry
# a weak stub (a call compiled out), one sys_ni_syscall, one table without
# a size (as mips makes it in assembly), one number from a base (mips).
# check: host-plain -- architectures table, and a call's number read out of a built kernel
. "$(dirname "$0")/lib.sh"
plan 32
scratch
A="$ROOT/scripts/steps/arches.sh"

# Every row has the header's columns: the C table is made without error.
expect "arches: every row has the header's columns (qrun's table is made)" sh "$A" c
# Each row's fragments exist.
missing=
for a in $(sh "$A" names); do
	for f in $(sh "$A" make "$a" | sed -n 's/^ARCH_CONFIGS := //p'); do
		[ -f "$ROOT/config/$f.config" ] || missing="$missing $a:$f"
	done
done
if [ -z "$missing" ]; then pass "arches: every row's config fragments exist"; else fail "arches: every row's config fragments exist" "$missing"; fi
# An unknown name: exit 2, the names listed.
out=$(sh "$A" make sparc32 2>&1)
if [ $? -eq 2 ] && echo "$out" | grep -q "ARCH=sparc32: give one of: x86_64 "; then
	pass "arches: an unknown ARCH is refused with the list"
else
	fail "arches: an unknown ARCH is refused with the list" "$out"
fi
# A row with a column missing is named.
mkdir -p "$T/p/config" "$T/p/scripts/steps"
cp "$A" "$T/p/scripts/steps/"
sed 's/^\(riscv64\t[^\t]*\)\t[^\t]*/\1/' "$ROOT/config/arches" > "$T/p/config/arches"
out=$(sh "$T/p/scripts/steps/arches.sh" c 2>&1)
rc=$?
ncol=$(sed -n 's/^# name\t/name\t/p' "$ROOT/config/arches" | awk -F'\t' '{ print NF }')
if [ $rc -ne 0 ] && echo "$out" | grep -q "the riscv64 row has $((ncol - 1)) columns, the header $ncol"; then
	pass "arches: a row short of a column is named"
else
	fail "arches: a row short of a column is named" "$out"
fi
# Packages: an architecture's own, with its QEMU; not another's.
deps=$(sh "$A" deps arm)
case " $deps " in
*" gcc-arm-linux-gnueabihf "*" qemu-system-arm "*) case " $deps " in
	*" gcc-aarch64-linux-gnu "*) fail "arches: deps arm: its compiler and QEMU, no other's" "$deps" ;;
	*) pass "arches: deps arm: its compiler and QEMU, no other's" ;;
	esac ;;
*) fail "arches: deps arm: its compiler and QEMU, no other's" "$deps" ;;
esac
# qrun knows the booted ones only, and says which.
out=$("$ROOT/build/tools/qrun" --arch hppa --kernel /dev/null 2>&1)
if [ $? -eq 2 ] && echo "$out" | grep -q "those with a QEMU machine" && ! echo "$out" | grep -qx "  hppa"; then
	pass "qrun: a built-only architecture is refused, the booted ones listed"
else
	fail "qrun: a built-only architecture is refused, the booted ones listed" "$out"
fi
# make refuses to boot it, and says what it can do.
out=$(make -C "$ROOT" --no-print-directory run ARCH=hppa 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "not booted (no QEMU machine for it in config/arches); make kernel ARCH=hppa"; then
	pass "make run ARCH=hppa: refused, make kernel and make matrix named"
else
	fail "make run ARCH=hppa: refused, make kernel and make matrix named" "$out"
fi
# A row's ldflags reach every static link of its guest programs (alpha's
# --no-relax: without it glibc's static start never finds its TLS).
cf=$(mkvar GUEST_CFLAGS ARCH=alpha)
sf=$(mkvar SELFTEST_CFLAGS ARCH=alpha)
case "$cf|$sf" in
*"-static -Wl,--no-relax "*"|"*"-static -Wl,--no-relax "*) pass "make: alpha's programs link with its ldflags (-Wl,--no-relax)" ;;
*) fail "make: alpha's programs link with its ldflags (-Wl,--no-relax)" "$cf | $sf" ;;
esac
# make matrix's kernels: a word neither a folder nor Debian's is refused
# before anything is built, Debian's listed.
out=$(make -C "$ROOT" --no-print-directory matrix ARCHES=x86_64 MATRIX_KERNELS="6.12 5.9" 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "MATRIX_KERNELS: 5.9 is neither a kernel tree (a folder) nor one of Debian's kernels: 6.12 6.1" &&
	! echo "$out" | grep -q "^== "; then
	pass "make matrix MATRIX_KERNELS=\"6.12 5.9\": 5.9 refused before any build"
else
	fail "make matrix MATRIX_KERNELS=\"6.12 5.9\": 5.9 refused before any build" "$out"
fi
# A row's kernels column: make's default KERNEL is the first Debian kernel
# that builds for it (6.1 for alpha), the newest elsewhere; another is
# refused before anything is built, the one to give named.
k=$(mkvar KERNEL ARCH=alpha) k64=$(mkvar KERNEL ARCH=x86_64)
if [ "$k $k64" = "6.1 6.12" ]; then
	pass "make: the default KERNEL of ARCH=alpha is 6.1 (its kernels column), of x86_64 6.12"
else
	fail "make: the default KERNEL of ARCH=alpha is 6.1 (its kernels column), of x86_64 6.12" "$k $k64"
fi
out=$(make -C "$ROOT" --no-print-directory kernel ARCH=sparc64 KERNEL=6.12 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "ARCH=sparc64: linux-source-6.12 does not build for it; give KERNEL=6.1" &&
	! echo "$out" | grep -q "^configure"; then
	pass "make kernel ARCH=sparc64 KERNEL=6.12: refused before any step, KERNEL=6.1 named"
else
	fail "make kernel ARCH=sparc64 KERNEL=6.12: refused before any step, KERNEL=6.1 named" "$out"
fi
# make matrix skips such a row (nothing installed, nothing built), and with
# two cells at once keeps the rows in the order asked.
out=$(make -C "$ROOT" --no-print-directory matrix ARCHES="sparc64 alpha" MATRIX_KERNELS=6.12 MATRIX_JOBS=2 2>&1)
rows=$(echo "$out" | awk '$1 == "6.12" && / not built \(kernels: 6.1\)$/ { printf "%s ", $2 }')
if [ "$rows" = "sparc64 alpha " ] && echo "$out" | grep -q "^SKIP: 6.12 alpha: not built: .*give KERNEL=6.1" &&
	echo "$out" | grep -q "^0 passed, 0 failed, 2 skipped$" && ! echo "$out" | grep -q "kernel builds"; then
	pass "make matrix MATRIX_KERNELS=6.12 MATRIX_JOBS=2: sparc64 and alpha skipped, named, in order"
else
	fail "make matrix MATRIX_KERNELS=6.12 MATRIX_JOBS=2: sparc64 and alpha skipped, named, in order" "$out"
fi
out=$(make -C "$ROOT" --no-print-directory matrix ARCHES=x86_64 MATRIX_JOBS=two 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "MATRIX_JOBS=two: give a number" && ! echo "$out" | grep -q "^== "; then
	pass "make matrix MATRIX_JOBS=two: refused before any cell"
else
	fail "make matrix MATRIX_JOBS=two: refused before any cell" "$out"
fi
# Two make matrix at once would share build/matrix: the second is refused.
mkdir -p "$ROOT/build/matrix"
flock -o "$ROOT/build/matrix/.lock" sleep 30 &
held=$!
# (until the lock is taken: a loaded machine may start flock late)
i=0
while flock -n "$ROOT/build/matrix/.lock" true && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
out=$(make -C "$ROOT" --no-print-directory matrix ARCHES=sparc64 MATRIX_KERNELS=6.12 2>&1)
rc=$?
pkill -P $held sleep
wait $held 2>/dev/null
if [ $rc -ne 0 ] && echo "$out" | grep -q "another make matrix of this project is running" && ! echo "$out" | grep -q "^== "; then
	pass "make matrix while another runs: refused, no cell run"
else
	fail "make matrix while another runs: refused, no cell run" "$out"
fi
# make lava ARCHES=alpha (no KERNEL, no KERNELS): alpha's cell is made by a
# make that is given no KERNEL (so it takes the row's, 6.1 above); one
# given KERNEL= passes it on. (MAKE=echo: the cells' makes shown, not run.)
out=$(make -C "$ROOT" --no-print-directory lava-jobs ARCHES="x86_64 alpha" MAKE=echo 2>&1)
out1=$(make -C "$ROOT" --no-print-directory lava-jobs ARCHES=alpha KERNEL=6.1 MAKE=echo 2>&1)
if echo "$out" | grep -q "lava-cell ARCH=alpha CFG=vm " && ! echo "$out" | grep -q "KERNEL=" &&
	echo "$out1" | grep -q "lava-cell KERNEL=6.1 ARCH=alpha CFG=vm "; then
	pass "make lava ARCHES=\"x86_64 alpha\": each cell on its row's kernel (KERNEL= only when given)"
else
	fail "make lava ARCHES=\"x86_64 alpha\": each cell on its row's kernel (KERNEL= only when given)" "$out; $out1"
fi
# A row's device tree (armv5's) goes to qrun, found below arch/arm/boot/dts
# (in a vendor's folder since 6.5); a row without one gives none.
v5=$(mkvar QRUN_ARGS ARCH=armv5)
v7=$(mkvar QRUN_ARGS ARCH=arm)
case "$v5" in
*"--dtb $(mkvar OBJ ARCH=armv5)/arch/arm/boot/dts/"*versatile-pb.dtb" "*)
	case "$v7" in *--dtb*) fail "make: armv5's device tree reaches qrun (--dtb), arm's row has none" "$v7" ;;
	*) pass "make: armv5's device tree reaches qrun (--dtb), arm's row has none" ;; esac ;;
*) fail "make: armv5's device tree reaches qrun (--dtb), arm's row has none" "$v5" ;;
esac
# make lava's cells: each kernel of KERNELS by each booted row of ARCHES
# (hppa is built only: no cell).
out=$(make -C "$ROOT" --no-print-directory -s print-LAVA_CELLS ARCHES="x86_64 mips64el hppa" KERNELS="6.1 6.12" 2>&1)
if [ "$out" = "6.1:x86_64:vm 6.1:mips64el:vm 6.12:x86_64:vm 6.12:mips64el:vm" ]; then
	pass "make lava KERNELS=\"6.1 6.12\" ARCHES=...: a cell per kernel and booted architecture"
else
	fail "make lava KERNELS=\"6.1 6.12\" ARCHES=...: a cell per kernel and booted architecture" "$out"
fi
# kbuild gets its own ARCH, not ours (riscv64 is kbuild's riscv): what
# make hands its sub-makes keeps the other variables, not ARCH.
out=$(make -C "$ROOT" --no-print-directory -s print-MAKEOVERRIDES ARCH=riscv64 CFG=vm 2>&1)
case $out in
*ARCH=*) fail "make: ARCH=riscv64 does not reach kbuild's make" "$out" ;;
*CFG=vm*) pass "make: ARCH=riscv64 does not reach kbuild's make" ;;
*) fail "make: ARCH=riscv64 does not reach kbuild's make" "$out" ;;
esac

# ---- built-nr.sh ----
mkdir -p "$T/h/include/asm"
cat > "$T/h/include/asm/unistd.h" <<'EOF'
#define __NR_hello_syscall 2
#define __NR_gone 3
#define __NR_never 1
EOF
cat > "$T/k.c" <<'EOF'
long sys_ni_syscall(void) { return -38; }
long __x64_sys_hello_syscall(void) { return 0; }
__attribute__((weak)) long __x64_sys_gone(void) { return -38; }
long (*const sys_call_table[])(void) = {
	sys_ni_syscall, sys_ni_syscall, __x64_sys_hello_syscall, __x64_sys_gone,
};
int main(void) { return 0; }
EOF
# nr WANT-STATUS PATTERN NAME ARGS...: built-nr.sh ARGS must exit with
# WANT-STATUS and say PATTERN.
nr() {
	want=$1 pattern=$2 name=$3
	shift 3
	"$ROOT/scripts/matrix/built-nr.sh" "$@" >"$T/out" 2>&1
	if [ $? -eq "$want" ] && grep -q "$pattern" "$T/out"; then pass "$name"; else fail "$name" "$(cat "$T/out")"; fi
}
for bits in 64 32; do
	gcc -m$bits -O0 -no-pie -o "$T/k$bits" "$T/k.c" || { fail "built-nr: the $bits-bit ELF builds" "gcc failed"; continue; }
	nr 0 "hello_syscall: 2, entry 2 of sys_call_table: __x64_sys_hello_syscall" \
		"built-nr: $bits-bit: the call at its number" "$T/k$bits" "" "$T/h" hello_syscall
	nr 1 "__x64_sys_gone(weak)" "built-nr: $bits-bit: a weak stub is not the call (exit 1)" \
		"$T/k$bits" "" "$T/h" gone
	nr 1 "is not never's: sys_ni_syscall" "built-nr: $bits-bit: sys_ni_syscall at the number (exit 1)" \
		"$T/k$bits" "" "$T/h" never
done
# arm's Thumb-2 kernel: entry points with the low bit set.
arm-linux-gnueabihf-gcc -mthumb -O0 -nostdlib -no-pie -Wl,-e,sys_ni_syscall -o "$T/kt" "$T/k.c" &&
	nr 0 "hello_syscall: 2, entry 2 of sys_call_table: __x64_sys_hello_syscall" \
		"built-nr: Thumb entry points (arm-linux-gnueabihf-gcc -mthumb)" "$T/kt" arm-linux-gnueabihf- "$T/h" hello_syscall ||
	fail "built-nr: Thumb entry points (arm-linux-gnueabihf-gcc -mthumb)" "arm-linux-gnueabihf-gcc failed"
nr 2 "has no __NR_nosuch" "built-nr: a name the headers lack: exit 2, said" "$T/k64" "" "$T/h" nosuch
# mips: numbers from a base (__NR_Linux), a table without .size.
cat > "$T/h/include/asm/unistd.h" <<'EOF'
#define __NR_Linux 5000
#define __NR_hello_syscall (__NR_Linux + 2)
EOF
# tables OUT WORD NAME=ENTRY,ENTRY,...: an ELF (OUT) whose data holds each
# table NAME, its entries WORD-sized (.quad, .long), without a .size (as
# mips' tables made in assembly have none).
tables() {
	out=$1 word=$2
	shift 2
	{
		printf '\t.text\n\t.globl sys_ni_syscall, sys_hello_syscall, after\n'
		printf 'sys_ni_syscall:\tret\nsys_hello_syscall:\tret\n\t.data\n'
		for t in "$@"; do
			printf '\t.globl %s\n%s:\n\t%s %s\n' "${t%%=*}" "${t%%=*}" "$word" "${t#*=}"
		done
		printf 'after:\t%s 0\n' "$word"
	} >"$out.S"
	gcc -nostdlib -no-pie -Wl,-e,sys_ni_syscall -o "$out" "$out.S"
}
ni=sys_ni_syscall
tables "$T/m" .quad sys_call_table=$ni,$ni,sys_hello_syscall
nr 0 "hello_syscall: 5002, entry 2 of sys_call_table" "built-nr: a number from a base, a table without a size" \
	"$T/m" "" "$T/h" hello_syscall
# mips' 32-bit callers of a 64-bit kernel: o32's table (sys32_call_table,
# found with -c) and n32's (sysn32_call_table, named with -t), the call at
# its number in one only.
tables "$T/o" .quad sys32_call_table=$ni,$ni,sys_hello_syscall sysn32_call_table=$ni,$ni,$ni
nr 0 "hello_syscall: 5002, entry 2 of sys32_call_table: sys_hello_syscall" \
	"built-nr -c: mips' o32 table found (sys32_call_table)" -c gcc "$T/o" "" "$T/h" hello_syscall
nr 1 "of sysn32_call_table.*sys_ni_syscall" \
	"built-nr -c -t: the table named (n32's), its entry read (exit 1: sys_ni_syscall)" \
	-c gcc -t sysn32_call_table "$T/o" "" "$T/h" hello_syscall
# sparc64's 32-bit callers: sys_call_table32, whose entries are 4 bytes in
# a 64-bit kernel.
tables "$T/s" .long sys_call_table32=$ni,$ni,sys_hello_syscall
nr 0 "hello_syscall: 5002, entry 2 of sys_call_table32: sys_hello_syscall" \
	"built-nr -c: sparc64's 32-bit table (sys_call_table32, 4-byte entries)" -c gcc "$T/s" "" "$T/h" hello_syscall
# A kernel without a table of 32-bit callers (x86 since 6.9: a switch)
# says so, in words make matrix takes for a skip.
nr 2 "has no 32-bit callers' table (none of: compat_sys_call_table " \
	"built-nr -c: no 32-bit callers' table: exit 2, said" -c gcc "$T/m" "" "$T/h" hello_syscall
# x32's numbers carry the x32 bit (a hexadecimal constant in the header),
# which the kernel takes off before its table (x32_sys_call_table).
cat > "$T/h/include/asm/unistd.h" <<'EOF'
#define __X32_SYSCALL_BIT 0x40000000
#define __NR_hello_syscall (__X32_SYSCALL_BIT + 2)
EOF
tables "$T/x" .quad x32_sys_call_table=$ni,$ni,sys_hello_syscall
nr 0 "hello_syscall: 1073741826, entry 2 of x32_sys_call_table: sys_hello_syscall" \
	"built-nr -c -t: an x32 number (the x32 bit), its entry in x32_sys_call_table" -c gcc -t x32_sys_call_table "$T/x" "" "$T/h" hello_syscall
done_tests
