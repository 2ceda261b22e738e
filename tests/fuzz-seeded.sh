#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/fuzz-seeded.sh [BUG...]: make fuzz-calls finds what it is for. In a
# copy of the project (build/fuzz-seeded/proj), each call of
# tests/fuzz-calls/ is added with make new-call and its code replaced by
# the file's, a bug planted in it; the copy's 6.12 debug kernel is built
# once, then each call is fuzzed alone and must fail with its own report
# (the file's second line), the time it took said; the project's own
# calls, fuzzed in the same kernel, must pass. BUG...: these calls only
# (default: all). FUZZ_S: each fuzzing's budget (default 20 s).
# Run by make fuzz-seeded: its kernel is a build of its own. make check
# plants one bug of this kind in its copy of the project instead
# (tests/newcall-guest.sh's nc_oob()), in the debug kernel it builds anyway.
. "$(dirname "$0")/lib.sh"
S=$B/fuzz-seeded
P=$S/proj
F=$ROOT/tests/fuzz-calls
bugs=${*:-$(cd "$F" && printf '%s ' fz_*.c | sed 's/\.c / /g; s/ $//')}
plan $(( $(echo "$bugs" | wc -w) + 2 ))
mkdir -p "$P"
# the project as it is, but its build/ (kept: a second run rebuilds little)
rsync -a --delete --exclude /build --exclude /.git "$ROOT/" "$P/"
tree=$(mkvar PSRC KERNEL=6.12)
ok=1
for bug in $bugs; do
	proto=$(sed -n 's|^// prototype: ||p' "$F/$bug.c")
	make -C "$P" --no-print-directory new-call SPEC="$proto" KERNEL_SRC="$tree" >>"$S/new-call.log" 2>&1 &&
		sed '1,2d' "$F/$bug.c" >"$P/kernel/my_syscalls/$bug.c" || ok=0
done
echo "fuzz-seeded: the copy's debug kernel, with $bugs (a few minutes)" >&2
if [ $ok = 1 ] && make -C "$P" --no-print-directory kernel guest CFG=debug KERNEL=6.12 >"$S/build.log" 2>&1; then
	pass "the copy's 6.12 debug kernel builds, with the planted calls ($bugs)"
else
	fail "the copy's 6.12 debug kernel builds, with the planted calls" \
		"$(grep -m3 -iE 'error|failed' "$S/new-call.log" "$S/build.log"); see $S/build.log"
	done_tests
fi
fz() { make -C "$P" --no-print-directory fuzz-calls CFG=debug KERNEL=6.12 FUZZ_S="${FUZZ_S:-20}" "$@"; }
for bug in $bugs; do
	want=$(sed -n 's|^// report: ||p' "$F/$bug.c")
	echo "fuzz-seeded: fuzzing $bug" >&2
	if out=$(planted_found "$P" "$bug" "$want" "$S/$bug.log" "$S/$bug.console" \
		CFG=debug KERNEL=6.12 FUZZ_S="${FUZZ_S:-20}"); then
		pass "$bug: $out"
	else
		fail "$bug: found by make fuzz-calls: $want" "$out"
	fi
done
own=$(make -s --no-print-directory -C "$ROOT" print-ALL_CALLS)
fz CALLS="$own" >"$S/own.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && ! grep -q 'reported a bug' "$S/own.log"; then
	pass "the project's calls ($own), in the same kernel: no report ($(grep -c '^callfuzz: .*: [a-z_]*: [0-9]* calls' "$S/own.log") call counts)"
else
	fail "the project's calls ($own), in the same kernel: no report" "exit $rc; $(grep -m3 -E 'kernel log|FAIL' "$S/own.log"); see $S/own.log"
fi
done_tests
