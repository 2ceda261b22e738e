#!/bin/bash
# make check: every test, host tests first, then the booted kernels. Each
# check is one "PASS: ..." or "FAIL: ..." line; the last line counts them.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/build
R=$B/check
mkdir -p "$R"
: > "$R/results"
export MAKEFLAGS=

# t NAME COMMAND...: runs a test script; its PASS/FAIL lines count.
t() {
	local name
	echo "== $1" >&2
	shift
	"$@" 2>&1 | tee -a "$R/log" | grep -E '^(PASS|FAIL): ' | tee -a "$R/results" >&2
}
# ok NAME COMMAND...: one check that passes when the command succeeds.
ok() {
	local name r
	name=$1
	shift
	if "$@" >>"$R/log" 2>&1; then r="PASS: $name"; else r="FAIL: $name (log: $R/log)"; fi
	echo "$r" | tee -a "$R/results" >&2
}
# guest TARGET NAME LOG MAKE-ARGS...: make run or selftest; each guest
# check becomes a line.
guest() {
	local target name log rc
	target=$1 name=$2 log=$3
	shift 3
	make --no-print-directory $target "$@" >"$log" 2>&1
	rc=$?
	grep -E '^\[init\] (PASS|FAIL) ' "$log" | sed -E "s/^\[init\] (PASS|FAIL) /\1: $name: /" |
		tee -a "$R/results" >&2
	return $rc
}

: > "$R/log"
tools/deps.sh || { echo "FAIL: packages (tools/deps.sh)"; echo "0 passed, 1 failed"; exit 1; }

# ---- host ---------------------------------------------------------------
ok "host tools build with -Wall -Wextra -Werror" make --no-print-directory tools
SAN="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
mkdir -p "$B/asan"
ok "host tools build with ASan and UBSan" bash -c "
	cc $SAN -Wall -Wextra -Werror -o $B/asan/patcher tools/patcher.c tools/tbl.c tools/fileset.c &&
	cc $SAN -Wall -Wextra -Werror -o $B/asan/qrun tools/qrun.c"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
t "patcher: 5.8 layout and bad inputs" sh tests/patcher-fixture.sh
t "patcher: 5.8 layout and bad inputs (ASan+UBSan)" env PATCHER=$B/asan/patcher sh tests/patcher-fixture.sh
for k in 6.12 6.1; do
	t "patcher on linux-source-$k (ASan+UBSan)" env PATCHER=$B/asan/patcher sh tests/patcher-tree.sh $k
done
t "table readers: kept fuzz inputs" sh tests/fuzz.sh replay
t "table readers: fuzzing, 10 s each" sh tests/fuzz.sh 10

# ---- kernels ------------------------------------------------------------
for k in 6.12 6.1; do
	ok "$k: kernel and initramfs build" make --no-print-directory kernel guest KERNEL=$k
	t "$k: W=1" sh tests/w1.sh $k
done
t "runner exit codes (ASan+UBSan)" env QRUN=$B/asan/qrun sh tests/runner.sh

for k in 6.12 6.1; do
	ok "$k: make run shows the tutorial's lines" guest run "$k" "$R/run-$k.log" KERNEL=$k
	ok "$k: selftest passes" guest selftest "$k selftest" "$R/selftest-$k.log" KERNEL=$k
done

# CONFIG_HELLO_SYSCALL=n: both calls must fail with ENOSYS, 64- and 32-bit.
ok "6.12 nohello: kernel builds" make --no-print-directory kernel CFG=nohello
ok "6.12 nohello: selftest passes" guest selftest "6.12 nohello" "$R/selftest-nohello.log" CFG=nohello
for abi in 64 32; do
	ok "6.12 nohello: $abi-bit calls fail with ENOSYS" \
		grep -q "^PASS: 6.12 nohello: $abi-bit: global.calls_fail_with_enosys_when_compiled_out" "$R/results"
done

# The debug kernel: KASAN, UBSAN, lockdep, sleep-in-atomic; no report allowed.
ok "6.12 debug: kernel builds" make --no-print-directory kernel CFG=debug
ok "6.12 debug: selftest passes, no report" guest selftest "6.12 debug" "$R/selftest-debug.log" \
	CFG=debug QEMU_MEM=256 TIMEOUT=600

# A second run compiles nothing; an edit of the call relinks only the kernel.
ok "6.12: second make run builds nothing" bash -c \
	"make -q kernel guest KERNEL=6.12 && ! make run KERNEL=6.12 2>&1 | grep -E '^(build|configure|unpack|headers)'"
src=kernel/my_syscalls/my_syscalls.c
stamp=$(stat -c %Y $src)
touch $src
make -n run KERNEL=6.12 > "$R/edit.log" 2>&1
touch -d "@$stamp" $src
ok "6.12: after an edit of my_syscalls.c only the kernel rebuilds" bash -c \
	"grep -q 'build bzImage' $R/edit.log && ! grep -qE 'configure|gen_init_cpio|headers_install' $R/edit.log"

# The tutorial's program on a kernel without the patch: a clear ENOSYS.
ok "stock 6.12 kernel builds" make --no-print-directory kernel CFG=stock
guest run "stock 6.12" "$R/run-stock.log" CFG=stock 2>/dev/null
rc=$?
# (the guest's own FAIL lines there are expected; this check judges the run)
sed -i '/^FAIL: stock 6.12: hello_test: exit status/d; /^FAIL: stock 6.12: kernel log lacks/d' "$R/results"
ok "stock 6.12: hello_test says the kernel has no hello_syscall, run fails" bash -c \
	"[ $rc -ne 0 ] && grep -q 'this kernel has no hello_syscall' $R/run-stock.log && ! grep -q 'Kernel panic' $R/run-stock.log"

passed=$(grep -c '^PASS' "$R/results")
failed=$(grep -c '^FAIL' "$R/results")
echo
grep '^FAIL' "$R/results"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
