#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/check.sh [host|full]: make check (no argument), make check-host
# (host), make check-full (full). Host tests first, then the booted
# kernels. make check boots three kernels, all x86_64 6.12: the project's
# (vm), a copy of the project with a call of every kind make new-call makes
# (debug+trace, tests/newcall-guest.sh) and a user's tree with calls written
# by hand (tests/stale.sh); make check-full adds Debian's 6.1, arm64, arm,
# the project's own debug+trace, nohello through distcc, the stock kernel
# and the install on a Debian disk (the lines marked "full" below, and the
# test scripts of the stages named full-...). Each check is one "PASS: ...",
# "FAIL: ..." or "SKIP: ..." line (the test scripts and the guest speak TAP,
# counted by tests/tap.pl against their plans); the last line counts them.
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
B=$ROOT/build
# make's CHECK_DIR (make check gives it); the results are its results file
R=${CHECK_DIR:-$(make -s --no-print-directory print-CHECK_DIR)}
tier=${1-}
# full: true in make check-full
full() { [ "$tier" = full ]; }
mkdir -p "$R"
: > "$R/results"
export MAKEFLAGS=
# One compiler cache for every kernel of the run, copies of the project too.
export CCACHE_DIR="$B/ccache" CCACHE_BASEDIR="$ROOT"

# ok NAME COMMAND...: one check that passes when the command succeeds.
ok() {
	local name r
	name=$1
	shift
	if "$@" >>"$R/log" 2>&1; then r="PASS: $name"; else r="FAIL: $name (log: $R/log)"; fi
	echo "$r" | tee -a "$R/results" >&2
}
# finish: the last lines (the failures again, then the counts); the exit
# status says whether anything failed or nothing passed
finish() {
	local passed failed skipped
	passed=$(grep -c '^PASS' "$R/results")
	failed=$(grep -c '^FAIL' "$R/results")
	skipped=$(grep -c '^SKIP' "$R/results")
	echo
	grep '^FAIL' "$R/results"
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
	exit
}
# stage NAME [JOBS]: every test script that says "# check: NAME [ARGS] --
# TITLE" (one line per run; tests/*.sh, in name order), run with ARGS and
# counted by tests/tap.pl against its plan and exit status, JOBS of them at once (default 1); their results are
# printed in that order, each as soon as it and those before it are done,
# with the seconds it took. A new test is a new file with such a line.
# Stage host runs with the ASan+UBSan builds of the tools; host-plain with
# the plain ones (strace and LeakSanitizer do not mix); kernel once the
# kernels are built and booted; install after make install-test; full-NAME
# in make check-full only, after NAME. NAME may
# name several stages ("host-plain host"): one pool, their tests in that
# order (the longest, patcher-crash.sh, first).
stage() {
	local names=$1 jobs=${2:-1} name f args title n=0 shown=0
	local -a titles=()
	# shown..n-1 are running or done; print those done, in order
	flush() {
		while [ "$shown" -lt "$n" ] && [ -f "$R/stage.$shown.rc" ]; do
			cat "$R/stage.$shown.err" "$R/stage.$shown.tap" >>"$R/log"
			echo "-- ${titles[shown]}: $(cat "$R/stage.$shown.s") s" >&2
			perl tests/tap.pl "${titles[shown]}" "$R/stage.$shown.tap" "$(cat "$R/stage.$shown.rc")" |
				tee -a "$R/results" >&2
			shown=$((shown + 1))
		done
	}
	rm -f "$R"/stage.*
	while IFS='|' read -r name f args title; do
		while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
			wait -n
			flush
		done
		echo "== $title" >&2
		titles[n]=$title
		(
			s=$SECONDS
			# shellcheck disable=SC2086 # ARGS are words
			case $name in
			host) env PATCHER="$B/asan/patcher" NEWCALL="$B/asan/newcall" \
				QRUN="$B/asan/qrun" sh "$f" $args ;;
			*) sh "$f" $args ;;
			esac >"$R/stage.$n.tap" 2>"$R/stage.$n.err"
			rc=$?
			echo $((SECONDS - s)) >"$R/stage.$n.s"
			echo $rc >"$R/stage.$n.rc"
		) &
		n=$((n + 1))
	done < <(for name in $names; do for f in tests/*.sh; do
		sed -n "s|^# check: $name\( \(.*\)\)\{0,1\} -- \(.*\)|$name\|$f\|\2\|\3|p" "$f"; done; done)
	wait
	flush
}
# guest TARGET NAME LOG MAKE-ARGS...: make run or selftest; the runner
# writes the guest's checks as TAP (RESULTS=), counted by tests/tap.pl.
guest() {
	local target=$1 name=$2 log=$3 rc
	shift 3
	echo "== $name" >&2
	rm -f "$R/guest.tap"
	make --no-print-directory "$target" RESULTS="$R/guest.tap" "$@" >"$log" 2>&1
	rc=$?
	perl tests/tap.pl "$name" "$R/guest.tap" "$rc" | tee -a "$R/results" >&2
	# kept by cell (tests/lava.sh compares LAVA's cases with these)
	mkdir -p "$R/cells"
	cp "$R/guest.tap" "$R/cells/$(make -s print-LAVA_NAME "$@")-$target.tap" 2>/dev/null
}

: > "$R/log"
rm -rf "$R/cells"
# The architectures this run builds (the arm64 and arm cells below), and
# Debian's kernel sources (make's DEBIAN_KERNELS): their packages first.
# (The host tests need both Debian sources: the patcher runs on each.)
arches="x86_64 arm64 arm"
kernels=$(make -s --no-print-directory print-DEBIAN_KERNELS)
# shellcheck disable=SC2086,SC2046 # words
scripts/steps/deps.sh check $arches $(printf 'linux-source-%s ' $kernels) || { echo "FAIL: packages (scripts/steps/deps.sh)"; echo "0 passed, 1 failed"; exit 1; }
# make check boots Debian's newest; make check-full each of them
full || kernels=$(make -s --no-print-directory print-KERNEL)

# ---- host ---------------------------------------------------------------
ok "host tools build with -Wall -Wextra -Werror" make --no-print-directory tools
ok "host tools build with ASan and UBSan" make --no-print-directory tools SANITIZE=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
ok "every test script says when make check runs it (# check: STAGE -- TITLE)" bash -c \
	'for f in tests/*.sh; do case $f in tests/check.sh|tests/lib.sh|tests/fixtures.sh|tests/own-tree.sh|tests/fuzz-seeded.sh) ;;
	 *) grep -q "^# check: [a-z-]*[ a-z0-9.]* -- ." "$f" || { echo "$f has no # check: line"; exit 1; } ;; esac; done'
stage "host-plain host" "$(nproc)"

# make check-host: the host tests alone
[ "$tier" = host ] && finish

# ---- kernels ------------------------------------------------------------
for k in $kernels; do
	ok "$k: kernel and initramfs build" make --no-print-directory kernel guest KERNEL="$k"
done

for k in $kernels; do
	guest run "$k run" "$R/run-$k.log" KERNEL="$k"
	guest selftest "$k selftest" "$R/selftest-$k.log" KERNEL="$k"
done
# x86_64's x32 callers (config/arches' abis): every check the 64-bit
# programs made, made again from x32 ones (passed or skipped alike: x32's
# long is 32 bits, so a test of a register's upper half skips there; an
# older harness's skip lines have no test name, hence no space after ':').
for k in $kernels; do
	ok "$k selftest: the x32 programs made every check the 64-bit ones made" bash -c \
		"n64=\$(grep -c '^[A-Z]*: $k selftest: 64-bit:' $R/results); [ \$n64 -gt 0 ] &&
		 [ \$(grep -c '^[A-Z]*: $k selftest: x32:' $R/results) -eq \$n64 ]"
done
# What make run shows: the programs' lines and the calls' kernel log lines,
# not the kernel's own console (V=1 shows that too).
ok "6.12 run: the programs' lines shown, not the kernel's console lines" bash -c \
	"grep -q '^\[kernel log\] hello_syscall: Hello world!' $R/run-6.12.log &&
	 ! grep -qE '^\[ *[0-9]+\.[0-9]+\] ' $R/run-6.12.log"

# The guest's check of the kernel's log for BUG and WARNING lines can fail
# only if the kernel prints them (tinyconfig's kernel does not).
ok "6.12: the test kernel has BUG() and WARN() on (CONFIG_BUG=y)" grep -qx CONFIG_BUG=y "$(make -s print-OBJ)/.config"

# The calls' numbers in the built kernel's 64-bit table (ia32's is the
# same number), as the tree's table says.
for c in $(make -s print-BASE_CALLS); do
	ok "6.12 x86_64: the built kernel's table has $c at its number" scripts/matrix/built-nr.sh \
		"$(make -s print-OBJ)/vmlinux" "" "$(make -s print-HDR)" "$c"
done

if full; then
	# arm64: cross-built, booted on QEMU's virt machine, the tutorial's lines
	# and the selftest (64-bit: the numbers come from the generic table;
	# 32-bit from AArch32 programs: arm's table, the compat entry). One
	# kernel, with syscall tracepoints, so that the tracing tests run there too.
	ok "6.12 arm64 trace: kernel and initramfs build" make --no-print-directory kernel guest ARCH=arm64 CFG=trace
	guest run "6.12 arm64 run" "$R/run-arm64.log" ARCH=arm64 CFG=trace
	guest selftest "6.12 arm64 selftest" "$R/selftest-arm64.log" ARCH=arm64 CFG=trace
	ok "6.12 arm64 trace: enter and exit events of hello_syscall_arg" \
		grep -q "^PASS: 6.12 arm64 selftest: 64-bit: trace.enter_event_has_the_arg_exit_event_the_return" "$R/results"
	ok "6.12 arm64 trace: 32-bit: no events for an AArch32 (compat) caller" \
		grep -q "^PASS: 6.12 arm64 selftest: 32-bit: trace.calls_of_a_compat_caller_have_no_events" "$R/results"

	# arm, 32-bit (QEMU's virt machine): built, its calls' numbers read from
	# the built kernel's table, booted, selftested; as make matrix does it (the
	# other architectures are in make matrix). On a user's tree (KERNEL_SRC=):
	# Debian's 6.12 with a call of theirs written by hand (tests/own-tree.sh),
	# which tests/stale.sh edits and boots again.
	echo "== make matrix ARCHES=arm KERNEL_SRC=(6.12 with a hand-written call)" >&2
	rm -f "$B/matrix/results"
	own=$(sh tests/own-tree.sh "$B/own/linux" 2>"$R/matrix-arm.log") &&
		make --no-print-directory matrix ARCHES=arm KERNEL_SRC="$own" >"$R/matrix-arm.log" 2>&1
	[ -s "$B/matrix/results" ] || echo "FAIL: make matrix ARCHES=arm gave no results (log: $R/matrix-arm.log)" |
		tee -a "$R/results" >&2
	grep -E '^(PASS|FAIL|SKIP): ' "$B/matrix/results" | sed 's/^\(PASS\|FAIL\|SKIP\): /\1: matrix: /' | tee -a "$R/results" >&2
	ok "make matrix ARCHES=arm: its results have each call's number read from the built table" bash -c \
		"[ \$(grep -c '^PASS: arm: the built table has ' $B/matrix/results) -eq $(make -s print-ALL_CALLS KERNEL_SRC="$own" | wc -w) ]"
	# The calls' numbers in the built arm64 kernel, as its tree's table says.
	for c in $(make -s print-BASE_CALLS); do
		ok "6.12 arm64: the built kernel's table has $c at its number" scripts/matrix/built-nr.sh \
			"$(make -s print-OBJ ARCH=arm64 CFG=trace)/vmlinux" aarch64-linux-gnu- \
			"$(make -s print-HDR ARCH=arm64)" "$c"
	done
	ok "6.12 arm64: the built compat (AArch32) table has hello_syscall at arm's number" scripts/matrix/built-nr.sh \
		-c arm-linux-gnueabihf-gcc "$(make -s print-OBJ ARCH=arm64 CFG=trace)/vmlinux" aarch64-linux-gnu- \
		"$(make -s print-HDR32 ARCH=arm64)" hello_syscall

	# The tutorial's install and reboot: the patched 6.12 as Debian packages,
	# installed with dpkg in a Debian 12 system on a disk, booted from that
	# disk with systemd; and the same disk, changed, must fail.
	ok "make deb: linux-image package with the kernel and its release" bash -c \
		"make --no-print-directory deb && r=\$(cat $B/deb/6.12/release) &&
		 dpkg-deb -c $B/deb/6.12/linux-image-\${r}_*.deb | grep -q \"/boot/vmlinuz-\$r\$\""
	guest install-test "6.12 make install-test" "$R/install-test.log"
fi

# init reads each boot parameter on its own, and refuses a mode it does not know.
Q="$B/tools/qrun --quiet --accel tcg --workdir $B/run --kvm-cache $B/kvm-fails"
Q="$Q --kernel $(make -s print-KIMAGE) --initrd $(make -s print-INITRD)"
# shellcheck disable=SC2086 # Q: qrun and its options, one a word
ok "init: hello.mode=run hello.uid=1000 runs the run mode" $Q -- hello.mode=run hello.uid=1000
ok "init: an unknown hello.mode is a failed verdict" bash -c \
	"$Q -- hello.mode=bogus 2>&1 | grep -q 'hello.mode=bogus: unknown mode'; [ \${PIPESTATUS[0]} -eq 1 ]"

# The suite as upstream runs it: built by the tree's selftests Makefile,
# run by run_kselftest.sh under busybox.
guest kselftest "6.12 run_kselftest.sh" "$R/kselftest-6.12.log" KERNEL=6.12

# The scripts that need the kernels: W=1, the runner, config.sh, EXEC=, and
# every prototype kind make new-call takes, generated in a copy of the
# project, built, booted, its selftests run and its calls fuzzed; a user's
# tree edited; and in make check-full those that need make install-test's
# disk, the arm kernels, LAVA. One pool: none of them writes what another
# reads (each has its own scratch, object directory or copy of the
# project; the kernels and archives they boot are built already, and make
# finds them up to date).
# (the stages with the longest scripts first: a user's tree, then the copy)
if full; then
	stage "full-kernel full-install kernel" "$(nproc)"
else
	stage "quick-kernel kernel" "$(nproc)"
fi

if full; then
	# CONFIG_HELLO_SYSCALL=n: both calls must fail with ENOSYS, 64- and 32-bit.
	# This kernel is compiled by two distccd on 127.0.0.1 (CC_WRAPPER=distcc):
	# kbuild's record of each object's command says so, and so do their logs.
	hosts=$(scripts/lab/distccd.sh start "$B/distcc" 2)
	ok "distcc: two distccd on 127.0.0.1 ($hosts)" test -n "$hosts"
	ok "6.12 nohello: kernel builds through distcc" make --no-print-directory kernel CFG=nohello \
		CC_WRAPPER=distcc DISTCC_HOSTS="$hosts"
	ok "distcc: kbuild compiled the nohello kernel's objects with distcc gcc, and each distccd compiled some" bash -c \
		"grep -q '^\(saved\)\{0,1\}cmd_init/main.o := distcc gcc ' $(make -s print-OBJ CFG=nohello)/init/.main.o.cmd &&
		 for l in $B/distcc/distccd-*.log; do grep -q 'COMPILE_OK .*\.c\$' \$l || exit 1; done"
	scripts/lab/distccd.sh stop "$B/distcc"
	# distccd_left DIR: the running distccd whose command line names DIR
	distccd_left() {
		local p
		for p in $(pgrep -x distccd); do
			grep -q '^[0-9]* (distccd) [RS]' "/proc/$p/stat" 2>/dev/null &&
				tr '\0' ' ' < "/proc/$p/cmdline" | grep -qF "$1" && echo "$p"
		done
	}
	ok "distcc: none of its distccd left running after distccd.sh stop" test -z "$(distccd_left "$B/distcc/")"
	guest selftest "6.12 nohello" "$R/selftest-nohello.log" CFG=nohello
	ok "6.12 nohello: the built table's entry is a stub, not hello_syscall (scripts/matrix/built-nr.sh says so: exit 1)" bash -c \
		"scripts/matrix/built-nr.sh $(make -s print-OBJ CFG=nohello)/vmlinux '' $(make -s print-HDR) hello_syscall; [ \$? -eq 1 ]"
	for abi in 64-bit 32-bit x32; do
		ok "6.12 nohello: $abi calls fail with ENOSYS" \
			grep -q "^PASS: 6.12 nohello: $abi: global.calls_fail_with_enosys_when_compiled_out" "$R/results"
		# and so do the calls made by new-call (their options off too)
		for c in $(cd kernel/selftests && printf '%s\n' * | grep -vx hello_syscall); do
			ok "6.12 nohello: $abi: $c() fails with ENOSYS" \
				grep -q "^PASS: 6.12 nohello: $abi: $c: global.enosys_when_compiled_out" "$R/results"
		done
	done

	# The debug kernel (KASAN, UBSAN, lockdep, sleep-in-atomic; no report
	# allowed) with syscall tracepoints (CFG=debug+trace: one kernel for both):
	# the enter event carries the argument, the exit event the return value
	# (64-bit); x86 leaves a 32-bit caller's calls out.
	ok "6.12 debug+trace: kernel builds" make --no-print-directory kernel CFG=debug+trace
	# One config's object must never serve another (a compiler cache that did
	# would fail here when make check runs with CC_WRAPPER=ccache): the syscall
	# tracepoints change what SYSCALL_DEFINE makes of the same source.
	ok "an option that matters is compiled for its config (debug+trace's my_syscalls.o has the calls' tracepoint metadata, vm's none)" \
		bash -c "nm $(make -s print-OBJ CFG=debug+trace)/my_syscalls/my_syscalls.o | grep -q __syscall_meta__hello_syscall &&
			! nm $(make -s print-OBJ)/my_syscalls/my_syscalls.o | grep -q __syscall_meta__"
	guest selftest "6.12 debug+trace" "$R/selftest-debug.log" CFG=debug+trace QEMU_MEM=256 TIMEOUT=600
	ok "6.12 debug+trace: 64-bit: enter and exit events of hello_syscall_arg" \
		grep -q "^PASS: 6.12 debug+trace: 64-bit: trace.enter_event_has_the_arg_exit_event_the_return" "$R/results"
	ok "6.12 debug+trace: 32-bit: no events for a compat (ia32) caller" \
		grep -q "^PASS: 6.12 debug+trace: 32-bit: trace.calls_of_a_compat_caller_have_no_events" "$R/results"
	# The calls fuzzed in the same kernel (make fuzz-calls), from each ABI,
	# unprivileged, on a CPU with SMAP: no report, and calls of each call made.
	guest fuzz-calls "6.12 debug+trace fuzz-calls" "$R/fuzz-calls.log" CFG=debug+trace FUZZ_S=5
	ok "6.12 debug+trace fuzz-calls: every call of kernel/syscalls.tbl called from 64-bit, 32-bit and x32" bash -c \
		"for abi in 64-bit 32-bit x32; do for c in $(make -s print-ALL_CALLS); do
			grep -qE \"^callfuzz: \$abi: \$c: [1-9][0-9]* calls\" $R/fuzz-calls.log || { echo \"no \$abi calls of \$c\"; exit 1; }
		 done; done"

fi

# Two make run at once when the kernel is out of date (two terminals): one
# step of the project's build at a time (scripts/steps/stage.sh's lock), so kbuild
# does not run twice in one object directory, and both boot and pass. The
# kernel is made out of date by its own date (1970), not by touching a
# source: that would rebuild every kernel of the next make check, the
# Debian packages and their disk too.
touch -d @0 "$(make -s print-KIMAGE)"
make --no-print-directory run KERNEL=6.12 >"$R/twice-1.log" 2>&1 &
make --no-print-directory run KERNEL=6.12 >"$R/twice-2.log" 2>&1
rc2=$?
wait $!
rc1=$?
ok "6.12: two make run at once, the kernel out of date: both pass (logs: $R/twice-[12].log)" test "$rc1 $rc2" = "0 0"

# make lava's CELLS=check names every cell this run booted (build/check/cells)
# but nohello, whose run fails by design (its calls compiled out; make check
# boots its selftest only, and make lava runs both modes of a cell)
ok "every cell make check booted is in make lava's CELLS=check (CHECK_CELLS), nohello aside" bash -c \
	"cells=\" \$(make -s print-CHECK_CELLS | tr : -) \"
	 for f in $R/cells/*.tap; do c=\$(basename \$f .tap | sed -E 's/-(run|selftest|kselftest|install-test|fuzz-calls)\$//')
		case \$c in *-nohello) continue ;; esac
		case \$cells in *\" \$c \"*) ;; *) echo \"\$c is not in CHECK_CELLS\"; exit 1 ;; esac; done"

# make check holds its lock to the end (make refuses a second one meanwhile)
ok "make check holds build/check/.lock: a second make check would be refused" bash -c \
	"flock -n -E 75 $R/.lock true; [ \$? -eq 75 ]"

# A second run compiles nothing; an edit of the call relinks only the kernel.
ok "6.12: second make run builds nothing" bash -c \
	"! make run KERNEL=6.12 2>&1 | grep -E '^(build|configure|unpack|headers|patch)'"
# edited FILE LOG: what make run would do after an edit of FILE, into LOG
# (make -n; FILE keeps its date).
edited() {
	local stamp
	stamp=$(stat -c %Y "$1")
	touch "$1"
	make -n run KERNEL=6.12 > "$2" 2>&1
	touch -d "@$stamp" "$1"
}
edited kernel/my_syscalls/my_syscalls.c "$R/edit.log"
ok "6.12: after an edit of my_syscalls.c only the kernel rebuilds" bash -c \
	"grep -q 'build vmlinux' $R/edit.log && ! grep -qE 'configure|gen_init_cpio|headers_install' $R/edit.log"

# make run needs neither the selftest nor its harness (old trees' harnesses
# may not build it): after an edit of the selftest, make run does not build it.
edited kernel/selftests/hello_syscall/hello_syscall_test.c "$R/edit-selftest.log"
ok "6.12: make run does not build the selftest" bash -c \
	"grep -q 'qrun' $R/edit-selftest.log && ! grep -q 'hello_syscall_test' $R/edit-selftest.log"

# The tutorial's program on a kernel without the patch: a clear ENOSYS.
if full; then
	ok "stock 6.12 kernel builds" make --no-print-directory kernel UNPATCHED=1
	rm -f "$R/stock.tap"
	make --no-print-directory run UNPATCHED=1 RESULTS="$R/stock.tap" >"$R/run-stock.log" 2>&1
	rc=$?
	ok "stock 6.12: hello_test says the kernel has no hello_syscall, run fails" bash -c \
		"[ $rc -ne 0 ] && grep -q 'this kernel has no hello_syscall' $R/run-stock.log &&
		 grep -q '^not ok .* hello_test: exit status' $R/stock.tap && ! grep -q 'Kernel panic' $R/run-stock.log"
fi

# What the compiler cache did for this run's kernels (not a check).
[ -n "$(make -s print-CC_WRAPPER)" ] && CCACHE_DIR=$(make -s print-CCACHE_DIR) ccache --print-stats 2>/dev/null |
	awk -F'\t' '$1 ~ /^(direct|preprocessed)_cache_hit$/ { h += $2 } $1 == "cache_miss" { m = $2 }
		END { if (h + m) printf "compiler cache: %d hits, %d misses (%.0f%%)\n", h, m, 100 * h / (h + m) }' >&2
# The run's results as KCIDB takes them (a test per line): build/results/kcidb.json
/usr/bin/python3 scripts/lab/kcidb.py check "$R/results" "$B/results/kcidb.json" ||
	echo "FAIL: make check's results as KCIDB JSON (scripts/lab/kcidb.py)" >>"$R/results"
finish
