#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# matrix.sh ARCH...: for each architecture (config/arches), with the make
# variables the caller gave (KERNEL, KERNEL_SRC, CFG): build the kernel with
# the calls, read each call's number out of the built kernel's table
# (scripts/matrix/built-nr.sh), and where the row has a QEMU machine boot it: make
# run and make selftest. One PASS/FAIL/SKIP line per check as make check
# writes them, a table of architecture x result, and the last line
# "N passed, N failed, N skipped". Logs in build/log/matrix-ARCH-*.log.
# A cell that fails does not stop the others.
set -u
cd "$(dirname "$0")/../.." || exit 2
if [ $# -eq 0 ]; then
	read -ra all <<<"$(scripts/steps/arches.sh names)"
	set -- "${all[@]}"
fi
scripts/steps/arches.sh deps "$@" >/dev/null || exit 2
scripts/steps/deps.sh run "$@" || exit 1
B=$PWD/build
R=$B/matrix
L=$B/log
mkdir -p "$R" "$L"
: > "$R/results"
# The caller's variables (KERNEL=, KERNEL_SRC=, CFG=) reach each make
# through MAKEFLAGS; ARCH= on each make's command line wins over theirs.
read -ra calls <<<"$(make -s print-ALL_CALLS)"

say() { echo "$1" | tee -a "$R/results"; }
# secs START: seconds since START (date +%s.%N), one decimal.
secs() { printf '%.1f' "$(echo "$(date +%s.%N) - $1" | bc)"; }
# guest TARGET ARCH: make run|selftest; its checks as TAP, counted as make
# check counts them; prints the boot's seconds (qrun's own figure).
guest() {
	local target=$1 a=$2 log=$L/matrix-$2-$1.log rc
	rm -f "$R/guest.tap"
	make --no-print-directory "$target" ARCH="$a" RESULTS="$R/guest.tap" >"$log" 2>&1
	rc=$?
	perl tests/tap.pl "$a $target" "$R/guest.tap" "$rc" >"$R/$a-$target" 2>&1
	tee -a "$R/results" < "$R/$a-$target" >&2
	sed -n 's/^qrun: .* in \([0-9.]*\) s (.*/\1/p' "$log" | tail -1
}
# counts FILE: "P/F/S" of the PASS, FAIL and SKIP lines in FILE.
counts() {
	printf '%d/%d/%d' "$(grep -c '^PASS' "$1")" "$(grep -c '^FAIL' "$1")" "$(grep -c '^SKIP' "$1")"
}

# row ARCH KERNEL BUILD BOOT RUN SELFTEST NUMBER: one line of the table.
row() { printf '%-9s %-7s %8s %7s %-9s %-10s %s\n' "$@" >> "$R/table"; }
: > "$R/table"
row arch kernel "build s" "boot s" run "selftest" number
for a in "$@"; do
	echo "== $a" >&2
	mk() { make --no-print-directory -s "$@" ARCH="$a"; }
	qemu=$(mk print-ARCH_QEMU)
	start=$(date +%s.%N)
	goals=(kernel headers)
	[ -n "$qemu" ] && goals+=(guest)
	if make --no-print-directory "${goals[@]}" ARCH="$a" >"$L/matrix-$a-build.log" 2>&1; then
		build_s=$(secs "$start")
		version=$(make -s -C "$(mk print-PSRC)" kernelversion 2>/dev/null || echo "?")
		say "PASS: $a: kernel builds ($build_s s)"
	else
		build_s=-
		say "FAIL: $a: kernel builds (log: $L/matrix-$a-build.log)"
		row "$a" - - - - - "build failed"
		continue
	fi
	# What the reading needs, asked of make once.
	vmlinux=$(mk print-OBJ)/vmlinux cross=$(mk print-CROSS) hdr=$(mk print-HDR)
	numbers=ok nr=
	for c in "${calls[@]}"; do
		if out=$(scripts/matrix/built-nr.sh "$vmlinux" "$cross" "$hdr" "$c" 2>&1); then
			say "PASS: $a: the built table has $out"
			if [ "$c" = hello_syscall ]; then nr=${out#hello_syscall: } nr=${nr%%,*}; fi
		else
			numbers=FAIL
			say "FAIL: $a: the built table: $out"
		fi
	done
	# The 32-bit callers' table (arm64's AArch32 one; x86 since 6.9 has a
	# switch instead of a table: nothing to read there).
	cc32=$(mk print-ARCH_CC32)
	[ -z "$cc32" ] || hdr32=$(mk print-HDR32)
	for c in ${cc32:+"${calls[@]}"}; do
		out=$(scripts/matrix/built-nr.sh -c "$cc32" "$vmlinux" "$cross" "$hdr32" "$c" 2>&1)
		case $?:$out in
		0:*) say "PASS: $a: the built compat table has $out" ;;
		2:*"has no "*_call_table) say "SKIP: $a: 32-bit callers: ${out#built-nr.sh: }" ;;
		*) numbers=FAIL; say "FAIL: $a: the built compat table: $out" ;;
		esac
	done
	[ "$numbers" = ok ] && numbers="ok ($nr)"
	if [ -n "$qemu" ]; then
		boot_s=$(guest run "$a")
		guest selftest "$a" >/dev/null
		run=$(counts "$R/$a-run")
		selftest=$(counts "$R/$a-selftest")
	else
		boot_s=- run="not booted" selftest="-"
		say "SKIP: $a: not booted here (no QEMU machine for it in config/arches)"
	fi
	row "$a" "$version" "$build_s" "${boot_s:--}" "$run" "$selftest" "$numbers"
done

echo
echo "run and selftest: passed/failed/skipped checks; number: hello_syscall's, read from the built table"
cat "$R/table"
echo
passed=$(grep -c '^PASS' "$R/results")
failed=$(grep -c '^FAIL' "$R/results")
skipped=$(grep -c '^SKIP' "$R/results")
grep '^FAIL' "$R/results"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
