#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The patcher on a tree of each layout family (tests/fixtures.sh): numbers,
# the form of each table's entries, the build hook, apply twice, revert byte
# for byte; then files changed by hand, CRLF line ends and symbolic links,
# each refused with the tree left as it was.
# check: host -- patcher: every layout family, hand edits, CRLF, links (ASan+UBSan)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"
plan 50
scratch
tab=$(printf '\t')

# family VERSION FIRST ENTRY64 ENTRY32 HOOK-FILE HOOK-LINE
family() {
	v=$1 first=$2 e64=$3 e32=$4 hookfile=$5 hookline=$6
	rm -rf "$T/p" "$T/t"
	make_tree "$T/p" "$v"
	cp -a "$T/p" "$T/t"
	tbl=$T/t/arch/x86/entry/syscalls
	expect "$v: apply" P -q apply "$T/t"
	ok=1 nr=$first why=
	# shellcheck disable=SC2059 # the formats are the family's entries
	for c in hello_syscall hello_syscall_arg; do
		want64=$(printf "$e64" "$c")
		case $e32 in
		*%s*%s*) want32=$(printf "$e32" "$c" "$c") ;;
		*) want32=$(printf "$e32" "$c") ;;
		esac
		grep -qP "^$nr\\tcommon\\t$c\\t+$want64\$" "$tbl/syscall_64.tbl" || { ok=0; why="$why 64:$c"; }
		grep -qP "^$nr\\ti386\\t$c\\t+$want32\$" "$tbl/syscall_32.tbl" || { ok=0; why="$why 32:$c"; }
		grep -qx "#define __NR_$c $nr" "$T/t/include/uapi/asm-generic/unistd.h" || { ok=0; why="$why unistd:$c"; }
		if [ -f "$T/p/scripts/syscall.tbl" ]; then
			grep -qP "^$nr\\tcommon\\t$c\\t+sys_$c\$" "$T/t/scripts/syscall.tbl" || { ok=0; why="$why generic:$c"; }
		fi
		nr=$((nr + 1))
	done
	if [ $ok = 1 ]; then pass "$v: both calls from $first, in the family's entry form, in every table"
	else fail "$v: both calls from $first, in the family's entry form, in every table" "missing:$why"; fi
	# the other architectures, as upstream wires a call
	a=$T/t/arch ok=1 why='' nr=$first
	for c in hello_syscall hello_syscall_arg; do
		grep -qP "^$((nr + 110))\\tcommon\\t$c\\t+sys_$c\$" "$a/alpha/kernel/syscalls/syscall.tbl" || why="$why alpha:$c"
		grep -qP "^$nr\\tcommon\\t$c\\t+sys_$c\\t+sys_$c\$" "$a/s390/kernel/syscalls/syscall.tbl" || why="$why s390:$c"
		grep -qP "^$nr\\tn64\\t$c\\t+sys_$c\$" "$a/mips/kernel/syscalls/syscall_n64.tbl" || why="$why mips:$c"
		if [ -f "$a/arm64/tools/syscall_32.tbl" ]; then
			grep -qP "^$nr\\tcommon\\t$c\\t+sys_$c\$" "$a/arm64/tools/syscall_32.tbl" || why="$why arm64:$c"
		else
			grep -qx "#define __NR_$c $nr" "$a/arm64/include/asm/unistd32.h" || why="$why arm64:$c"
		fi
		nr=$((nr + 1))
	done
	[ -f "$a/arm64/tools/syscall_32.tbl" ] ||
		grep -qP "^#define __NR_compat_syscalls\\t+$((first + $(grep -cv '^#' "$ROOT/kernel/syscalls.tbl")))\$" \
			"$a/arm64/include/asm/unistd.h" || why="$why __NR_compat_syscalls"
	[ -z "$why" ] && pass "$v: alpha (+110), s390 (compat column), mips n64, arm64 AArch32 wired too" ||
		fail "$v: alpha (+110), s390 (compat column), mips n64, arm64 AArch32 wired too" "missing:$why"
	expect "$v: hooked in ./$hookfile" grep -qxF "$hookline" "$T/t/$hookfile"
	touch "$T/stamp"
	sleep 1
	out=$(P apply "$T/t" 2>&1)
	if [ $? -eq 0 ] && [ -z "$(find "$T/t" -newer "$T/stamp")" ]; then
		pass "$v: second apply changes nothing"
	else
		fail "$v: second apply changes nothing" "$out"
	fi
	expect "$v: revert" P -q revert "$T/t"
	expect "$v: revert gives the tree back byte for byte" diff -r "$T/p" "$T/t"
	# The tables stay sorted and the calls sit before the x32 block.
	expect "$v: syscall_64.tbl sorted after apply" sh -c "
		'$PATCHER' -q -k '$ROOT/kernel' apply '$T/t' &&
		awk '\$1 ~ /^[0-9]+\$/ && \$2 != \"x32\" { print \$1 }' '$tbl/syscall_64.tbl' | sort -n -c &&
		awk '\$1 ~ /^[0-9]+\$/ { print \$1 }' '$tbl/syscall_64.tbl' | sort -n -c &&
		'$PATCHER' -q -k '$ROOT/kernel' revert '$T/t'"
}
family 5.4 436 '__x64_sys_%s' "sys_%s$tab+__ia32_sys_%s" Makefile \
	"core-y$tab$tab+= kernel/ certs/ mm/ fs/ ipc/ security/ crypto/ block/ my_syscalls/"
family 5.8 440 'sys_%s' 'sys_%s' Makefile \
	"core-y$tab$tab+= kernel/ certs/ mm/ fs/ ipc/ security/ crypto/ block/ my_syscalls/"
family 5.15 449 'sys_%s' 'sys_%s' Makefile \
	"core-y$tab$tab$tab+= kernel/ certs/ mm/ fs/ ipc/ security/ crypto/ my_syscalls/"
family 6.1 451 'sys_%s' 'sys_%s' Kbuild "obj-y$tab$tab$tab+= my_syscalls/"
family 6.18 470 'sys_%s' 'sys_%s' Kbuild "obj-y$tab$tab$tab+= my_syscalls/"

# refused NAME MESSAGE COMMAND-ON-$T/t: the patcher exits 2, says MESSAGE,
# and the tree is byte for byte what it was before.
refused() {
	name=$1 msg=$2
	shift 2
	rm -rf "$T/ref"
	cp -a "$T/t" "$T/ref"
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc -eq 2 ] && echo "$out" | grep -qF -- "$msg" && diff -r "$T/ref" "$T/t" >/dev/null 2>&1 &&
		[ "$(find "$T/t" -type l | wc -l)" -eq "$(find "$T/ref" -type l | wc -l)" ]; then
		pass "refused: $name"
	else
		fail "refused: $name" "exit $rc: $out"
	fi
}
fresh() { rm -rf "$T/t"; make_tree "$T/t" 6.18; }

# A patched file changed by hand: apply and revert both refuse and name it;
# -f drops the change and gives the pristine tree back.
fresh
P -q apply "$T/t"
echo "asmlinkage long sys_mine(void);" >> "$T/t/include/linux/syscalls.h"
refused "apply after a change by hand" "include/linux/syscalls.h" P apply "$T/t"
refused "revert after a change by hand" "revert would lose those changes" P revert "$T/t"
refused "revert after a change by hand: says the make variable that drops them" "make revert OVERWRITE=1" P revert "$T/t"
echo "/* mine */" >> "$T/t/my_syscalls/my_syscalls.c"
refused "apply after a change by hand of an added file" "my_syscalls/my_syscalls.c" P apply "$T/t"
if P -q -f revert "$T/t" 2>/dev/null && rm -rf "$T/p" && make_tree "$T/p" 6.18 && diff -r "$T/p" "$T/t" >/dev/null; then
	pass "revert -f drops the changes by hand, pristine tree back"
else
	fail "revert -f drops the changes by hand, pristine tree back" "tree differs"
fi

# CRLF line ends: one error naming the file and the line.
fresh
sed -i 's/$/\r/' "$T/t/kernel/sys_ni.c"
refused "CRLF line ends" "kernel/sys_ni.c:1: carriage return" P apply "$T/t"
fresh
sed -i '3s/$/\r/' "$T/t/arch/x86/entry/syscalls/syscall_64.tbl"
refused "one CRLF line in a table" "syscall_64.tbl:3: carriage return" P apply "$T/t"

# A file the patcher would write is a symbolic link: refused, link kept.
fresh
mv "$T/t/kernel/sys_ni.c" "$T/t/kernel/sys_ni.c.real"
ln -s sys_ni.c.real "$T/t/kernel/sys_ni.c"
refused "a symbolic link among the files to change" "kernel/sys_ni.c is a symbolic link" P apply "$T/t"

# An unknown layout: the file, the line expected, and what was found.
fresh
sed -i 's/^obj-y\t\t\t+= kernel\//obj-$(CONFIG_X) += kernel\//' "$T/t/Kbuild"
refused "unknown hook: names the line expected and the one found" \
	"Kbuild (Linux 6.1 and later): no line 'obj-y += kernel/ ...'; found 'obj-y" P apply "$T/t"
fresh
sed -i 's/sys_file_setattr$/__se_sys_file_setattr/' "$T/t/arch/x86/entry/syscalls/syscall_64.tbl"
refused "unknown entry form: names the entry found" "entry point of call 469 is '__se_sys_file_setattr" P apply "$T/t"
done_tests
