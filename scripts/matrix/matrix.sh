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
# A cell that fails does not stop the others. A row whose Debian kernel
# does not build for it (config/arches' kernels column) is skipped, with
# the kernel that does. MATRIX_JOBS=N: N cells at once (one build step of
# the project runs at a time, scripts/steps/stage.sh: a cell boots while
# another builds); each cell's lines are printed when it ends.
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
jobs=${MATRIX_JOBS:-1}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "make matrix: MATRIX_JOBS=$jobs: give a number of cells to run at once (1, 2...)" >&2; exit 2; }

# The packages of the architectures some kernel builds for (a Debian
# kernel that does not build for a row skips it: nothing to install).
need=()
for a in "$@"; do
	for kv in "${kvars[@]}"; do
		# shellcheck disable=SC2086 # kv: the kernel's make variables, one a word
		if [ -z "$(make -s print-KERNEL_NOT_FOR_ARCH ARCH="$a" $kv)" ]; then need+=("$a"); break; fi
	done
done
[ ${#need[@]} -eq 0 ] || scripts/steps/deps.sh run "${need[@]}" || exit 1
B=$PWD/build
R=$B/matrix
L=$B/log
mkdir -p "$R" "$L"
: > "$R/results"
# say LINE: a check's line, printed and kept in the cell's results ($cres)
say() { echo "$1" | tee -a "$cres"; }
# secs START: seconds since START (date +%s.%N), one decimal.
secs() { printf '%.1f' "$(echo "$(date +%s.%N) - $1" | bc)"; }
# guest TARGET: make run|selftest of the cell; its checks as TAP, counted as
# make check counts them; prints the boot's seconds (qrun's own figure).
guest() {
	local target=$1 log=$L/matrix-$cf-$1.log rc
	rm -f "$R/$cf-$target.tap"
	mk "$target" RESULTS="$R/$cf-$target.tap" >"$log" 2>&1
	rc=$?
	perl tests/tap.pl "$cn $target" "$R/$cf-$target.tap" "$rc" >"$R/$cf-$target" 2>&1
	tee -a "$cres" < "$R/$cf-$target" >&2
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
# row FIELD...: the cell's row ($rowf)
row() { local IFS=$'\t'; echo "$*" > "$rowf"; }
# cell N KERNEL-INDEX ARCH: the Nth cell, its results in $R/cell.N.results
# and its row in $R/cell.N.row
cell() {
	local n=$1 i=$2 a=$3 kv kt cn cf src kshow why c l out abi acc t
	local cres=$R/cell.$n.results rowf=$R/cell.$n.row
	: > "$cres"
	read -ra kv <<<"${kvars[$i]}"
	# the cell's name in the results (cn) and in file names (cf)
	kt=${kernels[$i]}
	[ "$kt" = - ] || kt=$(basename "$kt")
	if [ "$kt" = - ]; then cn=$a cf=$a; else cn="$kt $a" cf=$kt-$a; fi
	echo "== $cn" >&2
	mk() { make --no-print-directory "$@" ARCH="$a" "${kv[@]}"; }
	src=$(mk -s print-KERNEL_SRC)
	[ -n "$src" ] && kshow=$(basename "$src") || kshow=$(mk -s print-KERNEL)
	why=$(mk -s print-KERNEL_NOT_FOR_ARCH)
	if [ -n "$why" ]; then
		say "SKIP: $cn: not built: $why"
		row "$kshow" "$a" - - - - - "not built (kernels: $(mk -s print-ARCH_KERNELS))"
		return
	fi
	read -ra calls <<<"$(mk -s print-ALL_CALLS)"
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
		return
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
		2:*"has no 32-bit callers' table"*) say "SKIP: $cn: 32-bit callers: ${out#built-nr.sh: }" ;;
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
}

# The cells, MATRIX_JOBS at a time (one: each cell's lines as they come;
# more: each cell's lines, into $R/cell.N.log, printed when it ends).
rm -f "$R"/cell.*
n=0 names=()
for i in "${!kernels[@]}"; do
	for a in "$@"; do
		n=$((n + 1)) names[n]="${kernels[$i]} $a"
		if [ "$jobs" -eq 1 ]; then
			cell "$n" "$i" "$a"
			continue
		fi
		while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
		( cell "$n" "$i" "$a" >"$R/cell.$n.log" 2>&1
		  flock "$R/cell.print" cat "$R/cell.$n.log" >&2 ) &
	done
done
wait
# the cells' results and rows in the cells' order; a cell that did not end
# (killed) is a failure
for c in $(seq "$n"); do
	cat "$R/cell.$c.results" 2>/dev/null
	[ -s "$R/cell.$c.row" ] || echo "FAIL: ${names[c]#- }: the cell did not end (log: $R/cell.$c.log)"
done > "$R/results"
for c in $(seq "$n"); do
	cat "$R/cell.$c.row" 2>/dev/null
done > "$R/rows"

# The table: a column for each ABI any row has (64-bit and 32-bit first).
table() {
	awk -F '\t' '
	{ n[NR] = NF; for (i = 1; i <= NF; i++) f[NR, i] = $i
	  for (i = 9; i <= NF; i++) { split($i, p, "="); if (!(p[1] in seen)) { seen[p[1]] = 1; abi[++nabi] = p[1] } } }
	function add(l) { col[l] = ++ncol; name[ncol] = l }
	END {
		if ("64-bit" in seen) add("64-bit")
		if ("32-bit" in seen) add("32-bit")
		for (j = 1; j <= nabi; j++) if (!(abi[j] in col)) add(abi[j])
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
[ "$jobs" -eq 1 ] || echo "(MATRIX_JOBS=$jobs: a row's build s includes its wait for another row's build step)"
table | tee "$R/table"
echo
passed=$(grep -c '^PASS' "$R/results")
failed=$(grep -c '^FAIL' "$R/results")
skipped=$(grep -c '^SKIP' "$R/results")
grep '^FAIL' "$R/results"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
