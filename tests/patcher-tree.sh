#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/patcher-tree.sh 6.1|6.12: the patcher on a tree unpacked from Debian's
# linux-source package: numbers, prototypes, idempotence, exact revert,
# checkpatch, and 'make patch' giving the same change.
# check: host 6.12 -- patcher on linux-source-6.12 (ASan+UBSan)
# check: host 6.1 -- patcher on linux-source-6.1 (ASan+UBSan)
. "$(dirname "$0")/lib.sh"
K=$1
# The first free number, and whether the tree has scripts/syscall.tbl (6.11 on).
case $K in
6.1) first=451 generic_tbl=0 ;;
6.12) first=463 generic_tbl=1 ;;
*) echo "usage: $0 6.1|6.12" >&2; exit 2 ;;
esac
calls=$(awk '!/^#/ && NF { print $1 }' "$ROOT/kernel/syscalls.tbl")
ncalls=$(echo "$calls" | wc -l)
plan $((16 + ncalls * (2 + generic_tbl)))
# The tarball decompressed and unpacked once (scripts/steps/srctar.sh); the tree
# tested is a hard-linked copy of that one: the patcher and patch(1) write
# a new file and rename it over the old, so the cached tree stays pristine
# (the revert check below compares every file with the tarball).
xz=/usr/src/linux-source-$K.tar.xz
tarball=$("$ROOT/scripts/steps/srctar.sh" "$xz") && tree=$("$ROOT/scripts/steps/srctar.sh" -x "$xz") ||
	{ fail "$K: unpack $xz" "scripts/steps/srctar.sh failed"; done_tests; }
T=$B/test/tree-$K
t=$T/linux-source-$K
rm -rf "$T"
mkdir -p "$T"
# (a plain copy where links cannot be made)
cp -al "$tree" "$T/" 2>/dev/null || { rm -rf "$t" && cp -a "$tree" "$T/"; } ||
	{ fail "$K: copy $tree" "cp failed"; done_tests; }
tbl=$t/arch/x86/entry/syscalls
cp "$t/arch/arm64/include/asm/unistd32.h" "$T/a64-unistd32.h"

expect "$K: apply" P -q apply "$t"
# Every call, in every table the tree has, with the number it must have.
nr=$first
for c in $calls; do
	for f in "$tbl/syscall_64.tbl:common" "$tbl/syscall_32.tbl:i386" "$t/scripts/syscall.tbl:common"; do
		[ "${f%%:*}" != "$t/scripts/syscall.tbl" ] || [ $generic_tbl = 1 ] || continue
		expect "$K: $c is $nr in ${f#"$t"/}" grep -qP "^$nr\t${f##*:}\t$c\t+sys_$c\$" "${f%:*}"
	done
	nr=$((nr + 1))
done
# As upstream wires a call: every other architecture's table too, each call
# at one number (alpha's 110 higher), in its ABI column; s390's compat
# column names the same entry.
bad=
for f in $(cd "$t" && ls arch/*/kernel/syscalls/*.tbl arch/arm/tools/syscall.tbl \
		arch/arm64/tools/syscall_32.tbl 2>/dev/null); do
	off=0
	case $f in arch/alpha/*) off=110 ;; esac
	abi=common
	case $f in */syscall_n32.tbl) abi=n32 ;; */syscall_n64.tbl) abi=n64 ;; */syscall_o32.tbl) abi=o32 ;; esac
	extra=
	case $f in arch/s390/*) extra='\t+sys_$c' ;; esac
	nr=$((first + off))
	for c in $calls; do
		grep -qP "^$nr\t$abi\t$c\t+sys_$c$(eval echo "\"$extra\"")\$" "$t/$f" || bad="$bad $f:$c@$nr"
		nr=$((nr + 1))
	done
done
# shellcheck disable=SC2012 # the kernel's own file names, plain
ntables=$(cd "$t" && ls arch/*/kernel/syscalls/*.tbl arch/arm/tools/syscall.tbl arch/arm64/tools/syscall_32.tbl 2>/dev/null | wc -l)
if [ -z "$bad" ] && [ "$ntables" -ge 12 ]; then
	pass "$K: every architecture's table ($ntables) has every call at its number"
else
	fail "$K: every architecture's table ($ntables) has every call at its number" "missing:$bad"
fi
# arm64's AArch32 calls: their table (6.11 on), or before it unistd32.h and
# the count __NR_compat_syscalls in unistd.h.
a64=$t/arch/arm64
if [ -f "$a64/tools/syscall_32.tbl" ]; then
	expect "$K: arm64 AArch32: in tools/syscall_32.tbl" grep -qP "^$first\tcommon\thello_syscall\t" "$a64/tools/syscall_32.tbl"
	expect "$K: arm64 AArch32: unistd32.h left to its generated header" \
		cmp -s "$a64/include/asm/unistd32.h" "$T/a64-unistd32.h"
else
	expect "$K: arm64 AArch32: unistd32.h defines them" \
		grep -qx "#define __NR_hello_syscall $first" "$a64/include/asm/unistd32.h"
	expect "$K: arm64 AArch32: __NR_compat_syscalls is past them" \
		grep -qP "^#define __NR_compat_syscalls\t+$((first + ncalls))\$" "$a64/include/asm/unistd.h"
fi
if [ "$(grep -nP '\thello_syscall_arg\t' "$tbl/syscall_64.tbl" | cut -d: -f1)" -lt \
	"$(grep -n '^512' "$tbl/syscall_64.tbl" | cut -d: -f1)" ] &&
	awk '$1 ~ /^[0-9]+$/ && $2 != "x32" { print $1 }' "$tbl/syscall_64.tbl" | sort -n -c; then
	pass "$K: syscall_64.tbl sorted, calls before the x32 block"
else
	fail "$K: syscall_64.tbl sorted, calls before the x32 block" "order broken"
fi
expect "$K: generic __NR_syscalls raised" grep -qx "#define __NR_syscalls $((first + ncalls))" "$t/include/uapi/asm-generic/unistd.h"
expect "$K: hooked in ./Kbuild" grep -qxP 'obj-y\t+\+= my_syscalls/' "$t/Kbuild"
expect "$K: COND_SYSCALL" grep -qx 'COND_SYSCALL(hello_syscall_arg);' "$t/kernel/sys_ni.c"

# Prototypes must match the SYSCALL_DEFINEn lines: "int, arg" -> "int arg".
ok=1
for name in $calls; do
	# the definition joined into one line where it is wrapped
	def=$(awk -v re="^SYSCALL_DEFINE[0-6][(]${name}[,)]" '$0 ~ re { on = 1 } on { print; if (/\)$/) exit }' \
		"$t"/my_syscalls/*.c | tr '\t\n' '  ' | sed -E 's/ +/ /g; s/ $//')
	args=$(echo "$def" | sed -E 's/^SYSCALL_DEFINE0\([a-z_0-9]+\).*/void/; s/^SYSCALL_DEFINE[1-6]\([a-z_0-9]+, (.*)\).*/\1/' |
		awk -F', ' '{ if ($0 == "void") { print; exit } s = ""; for (i = 1; i < NF; i += 2) s = s (i > 1 ? ", " : "") $i " " $(i + 1); print s }' |
		sed 's/\* /*/g')
	grep -qxF "asmlinkage long sys_$name($args);" "$t/include/linux/syscalls.h" || { ok=0; echo "  no 'asmlinkage long sys_$name($args);'"; }
done
[ $ok = 1 ] && [ -n "$def" ] && pass "$K: prototypes match the definitions" ||
	fail "$K: prototypes match the definitions" "see above"

# Clean means every file's summary says 0 errors, 0 warnings, 0 checks.
clean() { ! echo "$1" | grep "^total: " | grep -qv "^total: 0 errors, 0 warnings, 0 checks,"; }
out=$("$t/scripts/checkpatch.pl" --strict --no-tree --max-line-length=80 -f "$t"/my_syscalls/* 2>&1)
if ! clean "$out" || ! echo "$out" | grep -q "^total: "; then
	fail "$K: checkpatch --strict on my_syscalls/" "$(echo "$out" | grep -E '^(WARNING|ERROR|CHECK)' | head -3)"
else
	pass "$K: checkpatch --strict on my_syscalls/"
fi
# ENOSYS is checkpatch's known false positive here: the test expects it
# exactly where it means "no such call" (the calls compiled out).
# The project's selftests and uapi headers, as installed in the tree.
files=
for d in "$ROOT"/kernel/selftests/*/; do
	files="$files $(ls "$t/tools/testing/selftests/$(basename "$d")"/*.[ch])"
done
for h in "$ROOT"/kernel/uapi/*.h; do
	[ -f "$h" ] && files="$files $t/include/uapi/linux/$(basename "$h")"
done
# shellcheck disable=SC2086 # one argument per file
out=$("$t/scripts/checkpatch.pl" --strict --no-tree --max-line-length=80 --ignore ENOSYS \
	-f $files 2>&1)
if ! clean "$out" || ! echo "$out" | grep -q "^total: "; then
	fail "$K: checkpatch --strict on the selftest (installed in the tree)" "$(echo "$out" | grep -E '^(WARNING|ERROR|CHECK)' | head -3)"
else
	pass "$K: checkpatch --strict on the selftest (installed in the tree)"
fi

touch "$T/stamp"
sleep 1
out=$(P apply "$t" 2>&1)
if [ $? -eq 0 ] && echo "$out" | grep -q "already patched" && [ -z "$(find "$t" -newer "$T/stamp")" ]; then
	pass "$K: second apply changes nothing"
else
	fail "$K: second apply changes nothing" "$out"
fi
# Every file the patcher changed or added, to compare with 'make patch'.
cp -a "$t/my_syscalls" "$T/patched-my_syscalls"
changed=$(sed -n 's/^[MA] \([0-9a-f]\{16\} \)\{0,1\}//p' "$t/.hello_syscall/manifest")
for f in $changed; do
	mkdir -p "$T/patched/$(dirname "$f")"
	cp "$t/$f" "$T/patched/$f"
done
expect "$K: the patcher's manifest names the tables, unistd.h and syscalls.h" sh -c "
	for f in arch/x86/entry/syscalls/syscall_64.tbl arch/x86/entry/syscalls/syscall_32.tbl \
		include/uapi/asm-generic/unistd.h include/linux/syscalls.h kernel/sys_ni.c; do
		echo '$changed' | grep -qx \"\$f\" || exit 1
	done"

expect "$K: revert" P -q revert "$t"
# Identical to the tarball: same content and mode for every file, nothing
# extra. (Dates of the restored files are new, as they must be for make.)
(cd "$T" && tar --compare -f "$tarball" 2>&1) | grep -v ': Mod time differs$' >"$T/compare"
if [ ! -s "$T/compare" ] &&
	[ "$(cd "$T" && find "linux-source-$K" ! -type d | wc -l)" -eq "$(tar -tf "$tarball" | grep -cv '/$')" ]; then
	pass "$K: revert gives the tarball's files back"
else
	fail "$K: revert gives the tarball's files back" "$(head -3 "$T/compare")
(if the cached tree was written through a link, remove $(dirname "$tree"))"
fi

# make patch: applies with patch -p1 to the pristine tree, same result.
pf=$(SIGNOFF="Ada Tester <ada@example.org>" make -s -C "$ROOT" patch KERNEL="$K" 2>/dev/null | tail -n 1)
if [ -f "$pf" ] && (cd "$t" && patch -p1 -s < "$pf") &&
	diff -r "$T/patched-my_syscalls" "$t/my_syscalls" >/dev/null &&
	(cd "$T/patched" && find . -type f | while read -r f; do cmp -s "$f" "$t/$f" || exit 1; done); then
	pass "$K: make patch applies with patch -p1, same change as the patcher"
else
	fail "$K: make patch applies with patch -p1, same change as the patcher" "patch file: $pf"
fi
rm -rf "$T"
done_tests
