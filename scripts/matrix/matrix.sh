#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# matrix.sh ARCH...: for each kernel of MATRIX_KERNELS (a Debian version,
# 6.12 say, or the path of a tree: KERNEL_SRC; by default the make
# variables the caller gave: KERNEL, KERNEL_SRC) and each architecture
# (config/arches), with the caller's CFG: build the kernel with the calls,
# read each call's number out of the built kernel's table
# (scripts/matrix/built-nr.sh), and where the row has a QEMU machine boot
# it: make run and make selftest. One PASS/FAIL/SKIP line per check as make
# check writes them, a table of kernel x architecture x result with a
# column for each ABI the selftest called the calls from, and the last line
# "N passed, N failed, N skipped". Logs in build/log/matrix-[KERNEL-]ARCH-*.log.
# A cell that fails does not stop the others.
set -u
cd "$(dirname "$0")/../.." || exit 2
if [ $# -eq 0 ]; then
	read -ra all <<<"$(scripts/steps/arches.sh names)"
	set -- "${all[@]}"
fi
scripts/steps/arches.sh deps "$@" >/dev/null || exit 2
# The kernels: MATRIX_KERNELS's words, each Debian's version or a tree's
# path, or (none given) the caller's variables (KERNEL=, KERNEL_SRC=,
# CFG=), which reach each make through MAKEFLAGS; a variable on each
# make's command line (ARCH=, KERNEL=, KERNEL_SRC=) wins over the caller's.
read -ra kernels <<<"${MATRIX_KERNELS:-}"
debian=" $(make -s print-DEBIAN_KERNELS) "
kvars=()
for k in "${kernels[@]}"; do
	if [ -d "$k" ]; then
		kvars+=("KERNEL_SRC=$(realpath "$k")")
	elif [[ $debian == *" $k "* ]]; then
		kvars+=("KERNEL=$k KERNEL_SRC=")
	else
		echo "make matrix: MATRIX_KERNELS: $k is neither a kernel tree (a folder) nor one of Debian's kernels:$debian" >&2
		exit 2
	fi
done
[ ${#kernels[@]} -gt 0 ] || { kernels=(-) kvars=(""); }

scripts/steps/deps.sh run "$@" || exit 1
B=$PWD/build
R=$B/matrix
L=$B/log
mkdir -p "$R" "$L"
: > "$R/results"
say() { echo "$1" | tee -a "$R/results"; }
# secs START: seconds since START (date +%s.%N), one decimal.
secs() { printf '%.1f' "$(echo "$(date +%s.%N) - $1" | bc)"; }
# guest TARGET: make run|selftest of the cell; its checks as TAP, counted as
# make check counts them; prints the boot's seconds (qrun's own figure).
guest() {
	local target=$1 log=$L/matrix-$cf-$1.log rc
	rm -f "$R/guest.tap"
	mk "$target" RESULTS="$R/guest.tap" >"$log" 2>&1
	rc=$?
	perl tests/tap.pl "$cn $target" "$R/guest.tap" "$rc" >"$R/$cf-$target" 2>&1
	tee -a "$R/results" < "$R/$cf-$target" >&2
	sed -n 's/^qrun: .* in \([0-9.]*\) s (.*/\1/p' "$log" | tail -1
}
# counts FILE [PREFIX]: "P/F/S" of the PASS, FAIL and SKIP lines in FILE
# (those whose check's name starts with PREFIX).
counts() {
	printf '%d/%d/%d' "$(grep -c "^PASS: ${2:-}" "$1")" "$(grep -c "^FAIL: ${2:-}" "$1")" \
		"$(grep -c "^SKIP: ${2:-}" "$1")"
}

# The table's rows, a tab between fields: kernel, arch, version, build s,
# boot s, run, selftest, number, then LABEL=P/F/S for each ABI of the selftest.
: > "$R/rows"
row() { local IFS=$'\t'; echo "$*" >> "$R/rows"; }
for i in "${!kernels[@]}"; do
read -ra kv <<<"${kvars[$i]}"
# the cell's name in the results (cn) and in file names (cf)
kt=${kernels[$i]}
[ "$kt" = - ] || kt=$(basename "$kt")
src=$(make -s print-KERNEL_SRC "${kv[@]}")
[ -n "$src" ] && kshow=$(basename "$src") || kshow=$(make -s print-KERNEL "${kv[@]}")
read -ra calls <<<"$(make -s print-ALL_CALLS "${kv[@]}")"
for a in "$@"; do
	if [ "$kt" = - ]; then cn=$a cf=$a; else cn="$kt $a" cf=$kt-$a; fi
	echo "== $cn" >&2
	mk() { make --no-print-directory "$@" ARCH="$a" "${kv[@]}"; }
	qemu=$(mk -s print-ARCH_QEMU)
	start=$(date +%s.%N)
	goals=(kernel headers)
	[ -n "$qemu" ] && goals+=(guest)
	if mk "${goals[@]}" >"$L/matrix-$cf-build.log" 2>&1; then
		build_s=$(secs "$start")
		version=$(make -s -C "$(mk -s print-PSRC)" kernelversion 2>/dev/null || echo "?")
		say "PASS: $cn: kernel builds ($build_s s)"
	else
		say "FAIL: $cn: kernel builds (log: $L/matrix-$cf-build.log)"
		row "$kshow" "$a" - - - - - "build failed"
		continue
	fi
	# What the reading needs, asked of make once.
	vmlinux=$(mk -s print-OBJ)/vmlinux cross=$(mk -s print-CROSS) hdr=$(mk -s print-HDR)
	numbers=ok nr=
	for c in "${calls[@]}"; do
		if out=$(scripts/matrix/built-nr.sh "$vmlinux" "$cross" "$hdr" "$c" 2>&1); then
			say "PASS: $cn: the built table has $out"
			if [ "$c" = hello_syscall ]; then nr=${out#hello_syscall: } nr=${nr%%,*}; fi
		else
			numbers=FAIL
			say "FAIL: $cn: the built table: $out"
		fi
	done
	# The 32-bit callers' table (arm64's AArch32 one; x86 since 6.9 has a
	# switch instead of a table: nothing to read there).
	cc32=$(mk -s print-ARCH_CC32)
	[ -z "$cc32" ] || hdr32=$(mk -s print-HDR32)
	for c in ${cc32:+"${calls[@]}"}; do
		out=$(scripts/matrix/built-nr.sh -c "$cc32" "$vmlinux" "$cross" "$hdr32" "$c" 2>&1)
		case $?:$out in
		0:*) say "PASS: $cn: the built compat table has $out" ;;
		2:*"has no "*_call_table) say "SKIP: $cn: 32-bit callers: ${out#built-nr.sh: }" ;;
		*) numbers=FAIL; say "FAIL: $cn: the built compat table: $out" ;;
		esac
	done
	# The further ABIs' tables (mips' n32; x86's x32 before 6.9), the
	# number as each ABI's compiler sees the headers.
	for abi in $(mk -s print-ARCH_ABIS); do
		l=${abi%%=*} acc=${abi#*=}
		case $l in n32) t=sysn32_call_table ;; x32) t=x32_sys_call_table ;; *) continue ;; esac
		for c in "${calls[@]}"; do
			out=$(scripts/matrix/built-nr.sh -c "${acc//,/ }" -t "$t" "$vmlinux" "$cross" "$hdr" "$c" 2>&1)
			case $?:$out in
			0:*) say "PASS: $cn: the built $l table has $out" ;;
			2:*"has no $t") say "SKIP: $cn: $l callers: ${out#built-nr.sh: }" ;;
			*) numbers=FAIL; say "FAIL: $cn: the built $l table: $out" ;;
			esac
		done
	done
	[ "$numbers" = ok ] && numbers="ok ($nr)"
	abis=()
	if [ -n "$qemu" ]; then
		boot_s=$(guest run)
		guest selftest >/dev/null
		run=$(counts "$R/$cf-run")
		selftest=$(counts "$R/$cf-selftest")
		# each ABI's checks: the selftest names them "LABEL: ..."
		for l in 64-bit 32-bit $(mk -s print-ABI_LABELS); do
			c=$(counts "$R/$cf-selftest" "$cn selftest: $l: ")
			[ "$c" = 0/0/0 ] || abis+=("$l=$c")
		done
	else
		boot_s=- run="not booted" selftest="-"
		say "SKIP: $cn: not booted here (no QEMU machine for it in config/arches)"
	fi
	row "$kshow" "$a" "$version" "$build_s" "${boot_s:--}" "$run" "$selftest" "$numbers" "${abis[@]}"
done
done

# The table: a column for each ABI any row has (64-bit and 32-bit first).
table() {
	awk -F '\t' '
	{ n[NR] = NF; for (i = 1; i <= NF; i++) f[NR, i] = $i
	  for (i = 9; i <= NF; i++) { split($i, p, "="); if (!(p[1] in col)) { col[p[1]] = ++ncol; name[ncol] = p[1] } } }
	END {
		printf "%-7s %-10s %-9s %8s %7s %-10s %-10s", "kernel", "arch", "version", "build s", "boot s", "run", "selftest"
		for (j = 1; j <= ncol; j++) printf " %-10s", name[j]
		printf " %s\n", "number"
		for (r = 1; r <= NR; r++) {
			printf "%-7s %-10s %-9s %8s %7s %-10s %-10s", f[r, 1], f[r, 2], f[r, 3], f[r, 4], f[r, 5], f[r, 6], f[r, 7]
			delete cell
			for (i = 9; i <= n[r]; i++) { split(f[r, i], p, "="); cell[col[p[1]]] = p[2] }
			for (j = 1; j <= ncol; j++) printf " %-10s", (j in cell) ? cell[j] : "-"
			printf " %s\n", f[r, 8]
		}
	}' "$R/rows"
}

echo
echo "run, selftest and each ABI's selftest: passed/failed/skipped checks; number: hello_syscall's, read from the built table"
table | tee "$R/table"
echo
passed=$(grep -c '^PASS' "$R/results")
failed=$(grep -c '^FAIL' "$R/results")
skipped=$(grep -c '^SKIP' "$R/results")
grep '^FAIL' "$R/results"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
