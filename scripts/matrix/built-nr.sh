#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# built-nr.sh [-c CC32 [-t TABLE]] VMLINUX CROSS HDR NAME: reads the system
# call table out of a built kernel and checks that the entry at NAME's
# number is NAME's entry point. With -c, the table of 32-bit callers of a
# 64-bit kernel (compat_sys_call_table: arm64's AArch32, ppc64's ppc32;
# ia32_sys_call_table: x86; sys32_call_table: mips' o32; sys_call_table_emu:
# s390's 31-bit; sys_call_table32: sparc64's), or -t's (mips'
# n32: sysn32_call_table), the number as CC32 sees HDR (arm's headers for
# arm64). The number is __NR_NAME of the uapi headers in HDR (as the cross
# compiler's default ABI sees them, less __NR_Linux where the architecture
# numbers from a base: mips); the table is the symbol sys_call_table64
# (sparc64, parisc 64-bit) or sys_call_table, its entries the ELF's word
# size, or 4 bytes (sparc64 keeps 32-bit entries in a 64-bit kernel).
# Prints "NAME: N, entry I of TABLE: SYMBOL"; exit 1 when the entry is not
# NAME's (a weak stub or sys_ni_syscall: the call is compiled out), 2 when
# it cannot tell.
set -euo pipefail
cc32='' table=''
if [ "${1:-}" = -c ]; then
	cc32=$2
	shift 2
	if [ "${1:-}" = -t ]; then
		table=$2
		shift 2
	fi
fi
[ $# -eq 4 ] || { echo "usage: built-nr.sh [-c CC32 [-t TABLE]] VMLINUX CROSS HDR NAME" >&2; exit 2; }
vmlinux=$1 cross=$2 hdr=$3 name=$4
cc=${cc32:-${cross}gcc}
die() { echo "built-nr.sh: $*" >&2; exit 2; }
[ -f "$vmlinux" ] || die "no $vmlinux: build the kernel first"

# The number, the base it counts from and x86's x32 bit, by the cross
# compiler's preprocessor: "(5000 + 463) 5000 __X32_SYSCALL_BIT" on mips
# n64, "(0x40000000 + 463) __NR_Linux 0x40000000" for x32 (gcc -mx32),
# "463 __NR_Linux ..." elsewhere. The table's index is the number less the
# base, without the x32 bit (as the kernel takes it off).
line=$(printf '#include <asm/unistd.h>\n__NR_%s __NR_Linux __X32_SYSCALL_BIT\n' "$name" |
	$cc -E -P -isystem "$hdr/include" - 2>/dev/null | tail -1) ||
	die "cannot read __NR_$name from $hdr with $cc"
x32bit=${line##* } rest=${line% *}
base=${rest##* } expr=${rest% *}
case $expr in
*[!0-9a-fx\ +\(\)]* | "") die "$hdr has no __NR_$name (the preprocessor gave: ${rest})" ;;
esac
case $base in *[!0-9]* | "") base=0 ;; esac
case $x32bit in 0x[0-9a-f]* | [1-9]*) ;; *) x32bit=0 ;; esac
nr=$((expr))
index=$(((nr - base) & ~x32bit))

syms=$("${cross}nm" -S "$vmlinux") || die "${cross}nm cannot read $vmlinux"
if [ -n "$table" ]; then
	:
elif [ -n "$cc32" ]; then
	tables="compat_sys_call_table ia32_sys_call_table sys32_call_table sys_call_table_emu sys_call_table32"
	for table in $tables ''; do
		[ -n "$table" ] || die "$vmlinux has no 32-bit callers' table (none of: $tables)"
		grep -q " $table\$" <<<"$syms" && break
	done
else
	table=sys_call_table64
	grep -q " $table\$" <<<"$syms" || table=sys_call_table
fi
# Its size: nm's, or (a table made in assembly without .size: mips) up to
# the next symbol.
read -r addr size < <(awk -v t="$table" '$NF == t { print $1, (NF == 4 ? $2 : "") }' <<<"$syms") ||
	die "$vmlinux has no $table"
if [ -z "$size" ]; then
	# (as strings: awk would read 001871e8 as a number with an exponent)
	next=$(awk -v a="$addr" '{ s = $1 "" } s > a "" && (n == "" || s < n) { n = s } END { print n }' <<<"$syms")
	[ -n "$next" ] || die "$table has no size, and no symbol follows it"
	size=$(printf '%x' $((0x$next - 0x$addr)))
fi
width=${#addr}
class=$("${cross}readelf" -h "$vmlinux" | sed -n 's/^ *Class: *ELF//p')
endian=$("${cross}readelf" -h "$vmlinux" | sed -n 's/^ *Data:.*\(little\|big\) endian.*/\1/p')
stop=$(printf '0x%x' $((0x$addr + 0x$size)))

# The table's bytes, as objdump -s shows them: "ADDR HEX HEX HEX HEX  ASCII".
bytes=$("${cross}objdump" -s --start-address="0x$addr" --stop-address="$stop" "$vmlinux" |
	awk '/^ [0-9a-f]+ [0-9a-f]/ {
		line = substr($0, 2); cut = index(line, "  ")
		if (cut) line = substr(line, 1, cut - 1)
		n = split(line, w, " ")
		for (i = 2; i <= n; i++) printf "%s", w[i]
	}')
# (A size taken from the next symbol may run past the section: objdump
# stops at its end. The entry wanted must be inside what it gave.)
[ ${#bytes} -gt 0 ] || die "objdump gave nothing of $table"

# entry SIZE I: the I-th entry of SIZE bytes, as nm writes an address.
entry() {
	local hex=${bytes:$(($2 * $1 * 2)):$(($1 * 2))} out="" i
	[ ${#hex} -eq $(($1 * 2)) ] || return 1
	if [ "$endian" = little ]; then
		for ((i = $1 - 1; i >= 0; i--)); do out+=${hex:$((i * 2)):2}; done
	else
		out=$hex
	fi
	# (nm writes a 32-bit mips kernel's addresses sign-extended to 64 bits)
	local pad=0
	[ "$class" = 32 ] && [ "$width" -gt ${#out} ] && [[ $out == [89a-f]* ]] && pad=f
	printf '%*s' "$width" "$out" | tr ' ' "$pad"
}
# The symbols at an address, one per line: a weak one (COND_SYSCALL's stub
# or alias of sys_ni_syscall, for a call compiled out) with "(weak)".
at() { awk -v a="$1" '$1 "" == a "" { print $NF ($(NF - 1) ~ /^[WwVv]$/ ? "(weak)" : "") }' <<<"$syms"; }

sizes=$([ "$class" = 64 ] && echo "8 4" || echo 4)
for s in $sizes; do
	value=$(entry "$s" "$index") || continue
	names=$(at "$value")
	# A Thumb-2 kernel's entries (arm) have the low bit set.
	case $value in
	*[13579bdf]) [ -n "$names" ] || names=$(at "$(printf '%0*x' "$width" $((0x$value - 1)))") ;;
	esac
	[ -n "$names" ] || continue
	what=$(echo "$names" | tr '\n' ' ' | sed 's/ $//')
	if grep -Eq "(^|_)sys_${name}\$" <<<"$names"; then
		echo "$name: $nr, entry $index of $table: $what"
		exit 0
	fi
	echo "$name: $nr, entry $index of $table is not $name's: $what" >&2
	exit 1
done
die "entry $index of $table (${#bytes} hex digits of it, ELF$class $endian endian) is past its end or points at no symbol"
