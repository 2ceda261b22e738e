#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# doctor.sh list|protos|check PATCHER KERNELDIR TREE: the system calls of TREE
# written by hand, the tutorial's way (not the project's: KERNELDIR/
# syscalls.tbl names those): x86_64 table entries above the tree's own
# release's last call (its pristine generic table says which) and below
# the x32 range.
#   list:  one line a call, "NAME NUMBER", and its 32-bit number if any
#   protos: one line a call, its prototype as its SYSCALL_DEFINEn() says,
#          "long NAME(TYPE ARG, ...)" (what make fuzz-calls fuzzes it by);
#          none for a call without one (doctor.sh check says why)
#   check: each call checked for the mistakes the tutorial's users make,
#          each finding as FILE:LINE: what is wrong, and what to do;
#          exit 1 if there is any
# The mistakes: a table line of another form than the tree's own (fields,
# ABI, entry point's name and prefix), a number given twice; no
# SYSCALL_DEFINEn() (or an asmlinkage function instead, which on x86_64
# gets a struct pt_regs, not the arguments); a folder that no Makefile
# builds (core-y, ./Kbuild's obj-y, its own Makefile's obj-y); no
# prototype in <linux/syscalls.h>, or one whose types are not the
# definition's; a call built under a Kconfig option without
# COND_SYSCALL() in kernel/sys_ni.c.
set -u
[ $# -eq 4 ] || { echo "usage: doctor.sh list|protos|check PATCHER KERNELDIR TREE" >&2; exit 2; }
mode=$1 patcher=$2 kdir=$3 t=$4
tbl=arch/x86/entry/syscalls/syscall_64.tbl
[ -f "$t/$tbl" ] || { echo "doctor: $t has no $tbl: give the top of a Linux source tree" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# pristine FILE: the tree's FILE as it was before the project's patch
pristine() { "$patcher" -k "$kdir" pristine "$t" "$1" 2>/dev/null; }

# The release's last call: the generic table's (6.11 on), else unistd.h's count.
if pristine scripts/syscall.tbl >"$tmp/generic" && [ -s "$tmp/generic" ]; then
	last=$(awk '$1 ~ /^[0-9]+$/ && $1 > m { m = $1 } END { print m + 0 }' "$tmp/generic")
else
	pristine include/uapi/asm-generic/unistd.h >"$tmp/generic"
	last=$(($(sed -n 's/^#define __NR_syscalls[[:space:]]*\([0-9]*\).*/\1/p' "$tmp/generic" | tail -n 1) - 1))
fi
[ "$last" -gt 0 ] || { echo "doctor: cannot tell the last call of $t's release (no __NR_syscalls in its generic unistd.h)" >&2; exit 2; }
awk '!/^#/ && NF { print $1 }' "$kdir/syscalls.tbl" >"$tmp/project"

# The user's calls: "LINE NR ABI NAME ENTRY" of the 64-bit table.
awk -v last="$last" -v project="$tmp/project" '
	BEGIN { while ((getline n < project) > 0) ours[n] = 1 }
	/^[ \t]*#/ || NF == 0 { next }
	$1 + 0 > last && $1 + 0 < 512 && !($3 in ours) { print NR, $1, $2, $3, $4 }' "$t/$tbl" >"$tmp/calls"

if [ "$mode" = list ]; then
	while read -r _ nr _ name _; do
		nr32=$(awk -v c="$name" '$3 == c { print $1; exit }' "$t/arch/x86/entry/syscalls/syscall_32.tbl" 2>/dev/null)
		echo "$name $nr${nr32:+ (32-bit: $nr32)}"
	done <"$tmp/calls"
	exit 0
fi
[ "$mode" = check ] || [ "$mode" = protos ] || { echo "doctor: $mode: give list, protos or check" >&2; exit 2; }

found=0
say() { echo "$1"; found=$((found + 1)); }
# the entry point's prefix of the tree's own calls: sys_ (5.7 on) or __x64_sys_
prefix=$(awk -v last="$last" '$1 == last { e = $4; sub(/sys_.*/, "sys_", e); print e; exit }' "$t/$tbl")
[ -n "$prefix" ] || prefix=sys_
# the C files a call may be defined in (not tools/, not Documentation/)
grep -rlE --include='*.c' 'SYSCALL_DEFINE[0-6]\(|asmlinkage long sys_' "$t" 2>/dev/null |
	grep -v "^$t/\(tools\|Documentation\|\.hello_syscall\)/" >"$tmp/cfiles"
# define_args NAME: the words of NAME's SYSCALL_DEFINEn(), a line each
# (name, type, arg, type, arg...), over as many lines as it takes
define_args() {
	def=$(xargs -d "\n" grep -nHE "SYSCALL_DEFINE[0-6]\($1[,)]" <"$tmp/cfiles" 2>/dev/null | head -n 1)
	[ -n "$def" ] || return 1
	file=${def%%:*} dline=$(echo "$def" | cut -d: -f2)
	awk -v l="$dline" 'FNR >= l { s = s " " $0; if (/\)/) { print s; exit } }' "$file" |
		sed 's/.*SYSCALL_DEFINE[0-6](\([^)]*\)).*/\1/' | tr ',' '\n' |
		sed 's/^[[:space:]]*//; s/[[:space:]]*$//; s/[[:space:]][[:space:]]*/ /g'
}
if [ "$mode" = protos ]; then
	while read -r _ _ _ name _; do
		define_args "$name" >"$tmp/args" || continue
		echo "long $name($(sed 1d "$tmp/args" | paste -d' ' - - | sed 's/\* /*/' | paste -sd, | sed 's/,/, /g; s/^$/void/'))"
	done <"$tmp/calls"
	exit 0
fi

awk '{ n[$2]++ } END { for (k in n) if (n[k] > 1) print k }' "$tmp/calls" >"$tmp/twice"
while read -r line nr abi name entry; do
	where="$t/$tbl:$line"
	# the table line
	if grep -qx "$nr" "$tmp/twice"; then
		say "$where: $name: number $nr is given to another call too; give each call a number of its own, the next free one"
	fi
	case $abi in
	common | 64) ;;
	*) say "$where: $name: ABI '$abi'; a call of 64-bit programs (and x32's) is 'common' here, as the tree's own" ;;
	esac
	if [ "$entry" != "$prefix$name" ]; then
		say "$where: $name: entry point '$entry'; this tree's tables name it '$prefix$name' (the table's own form: $(awk -v l="$last" '$1 == l { print $4; exit }' "$t/$tbl"))"
	fi
	# the definition
	def=$(xargs -d "\n" grep -nHE "SYSCALL_DEFINE[0-6]\(${name}[,)]" <"$tmp/cfiles" 2>/dev/null | head -n 1)
	if [ -z "$def" ]; then
		old=$(xargs -d "\n" grep -nHE "asmlinkage long sys_${name}\(" <"$tmp/cfiles" 2>/dev/null | head -n 1)
		if [ -n "$old" ]; then
			say "${old%%:*}:$(echo "$old" | cut -d: -f2): $name: defined as an asmlinkage function; on x86_64 the table calls a wrapper that takes a struct pt_regs (4.17 on): define it with SYSCALL_DEFINEn($name, type, arg, ...)"
		else
			say "$where: $name: no SYSCALL_DEFINEn($name, ...) in the tree's C files; define it with that macro"
		fi
		continue
	fi
	file=${def%%:*} dline=$(echo "$def" | cut -d: -f2)
	rel=${file#"$t"/}
	dir=${rel%/*} base=${rel##*/}
	# the folder's Makefile builds the file, and the tree builds the folder
	mk=$t/$dir/Makefile
	[ -f "$mk" ] || mk=$t/$dir/Kbuild
	rule=$(grep -nE "^[[:space:]]*obj-[^ =+:]*[[:space:]]*[:+]?=.*\<${base%.c}\.o\>" "$mk" 2>/dev/null | head -n 1)
	if [ -z "$rule" ]; then
		say "$mk: $name: no obj-y line builds ${base%.c}.o (say: obj-y := ${base%.c}.o)"
	fi
	top=${dir%%/*}
	# (each folder said once, at the line to add to)
	if [ "$top" = "$dir" ] && ! grep -qE "^(core|obj)-y[[:space:]]*[:+]?=.*[[:space:]]$top/([[:space:]]|\$)" "$t/Makefile" "$t/Kbuild" 2>/dev/null &&
		! grep -qxF "$top" "$tmp/unbuilt" 2>/dev/null; then
		echo "$top" >>"$tmp/unbuilt"
		hook=$(grep -nE '^core-y[[:space:]]*\+=' "$t/Makefile" | head -n 1 | cut -d: -f1)
		if [ -f "$t/Kbuild" ] && grep -q '^obj-y' "$t/Kbuild"; then
			say "$t/Kbuild:$(grep -n '^obj-y' "$t/Kbuild" | tail -n 1 | cut -d: -f1): $name: the folder $top/ is built by nothing: add 'obj-y += $top/' after this line"
		else
			say "$t/Makefile:${hook:-1}: $name: the folder $top/ is built by nothing: add $top/ to this core-y line"
		fi
	fi
	# a Kconfig option builds it: COND_SYSCALL for when it is off
	case $rule in
	*'obj-$(CONFIG_'*)
		grep -q "^COND_SYSCALL($name);" "$t/kernel/sys_ni.c" ||
			say "$mk:${rule%%:*}: $name: built only with $(echo "$rule" | sed 's/.*obj-\$(\(CONFIG_[A-Z0-9_]*\)).*/\1/'), but kernel/sys_ni.c has no COND_SYSCALL($name); (without it the table's entry does not link when the option is off)" ;;
	esac
	# the prototype, with the definition's types
	define_args "$name" | sed '1d' | awk 'NR % 2 == 1' >"$tmp/deftypes"
	proto=$(grep -n "asmlinkage long sys_$name(" "$t/include/linux/syscalls.h" | head -n 1)
	if [ -z "$proto" ]; then
		say "$t/include/linux/syscalls.h: $name: no prototype; add: asmlinkage long sys_$name($(paste -sd, "$tmp/deftypes" | sed 's/,/, /g; s/^$/void/'));"
		continue
	fi
	awk -v l="${proto%%:*}" 'FNR >= l { s = s " " $0; if (/\)/) { print s; exit } }' "$t/include/linux/syscalls.h" |
		sed 's/.*sys_'"$name"'(\([^)]*\)).*/\1/' | tr ',' '\n' |
		sed 's/^[[:space:]]*//; s/[[:space:]]*$//; s/[[:space:]][[:space:]]*/ /g; /^void$/d' |
		sed 's/\([[:space:]*]\)[A-Za-z_][A-Za-z_0-9]*$/\1/; s/[[:space:]]*$//' >"$tmp/prototypes"
	# a prototype's parameter names are optional: compare the types alone
	if ! diff -q "$tmp/deftypes" "$tmp/prototypes" >/dev/null; then
		say "$t/include/linux/syscalls.h:${proto%%:*}: $name: the prototype's types ($(paste -sd, "$tmp/prototypes")) are not the definition's at $rel:$dline ($(paste -sd, "$tmp/deftypes"))"
	fi
done <"$tmp/calls"
[ $found -eq 0 ] || exit 1
echo "doctor: $(wc -l <"$tmp/calls") call(s) written by hand in $t, no mistake found"
