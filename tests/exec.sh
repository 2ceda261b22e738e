#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make run EXEC=prog: the program's own checks count in the summary, from
# its TAP lines or its "N passed, N failed" line, and its exit status is
# make run's (qrun's). Needs the 6.12 kernel (make kernel guest).
# check: kernel -- make run EXEC=: the program's checks and exit status count
. "$(dirname "$0")/lib.sh"
plan 6
scratch
# exec_case NAME SUMMARY-WANTED CFLAGS...
exec_case() {
	name=$1 want=$2
	shift 2
	musl-gcc -static -O2 -Wall -Wextra -Werror "$@" -o "$T/prog" "$ROOT/tests/guests/exec_checks.c" ||
		{ fail "EXEC ($name): the program builds" "musl-gcc failed"; return; }
	(cd "$ROOT" && make --no-print-directory run KERNEL=6.12 EXEC="$T/prog" RESULTS="$T/tap") \
		>"$T/out" 2>&1
	if grep -q "qrun: FAIL: $want" "$T/out"; then
		pass "EXEC ($name): its checks are counted: $want"
	else
		fail "EXEC ($name): its checks are counted: $want" "$(grep 'qrun:' "$T/out")"
	fi
	if grep -q 'exited with status 3' "$T/out" && grep -q 'Error 3' "$T/out"; then
		pass "EXEC ($name): make run fails with the program's exit status"
	else
		fail "EXEC ($name): make run fails with the program's exit status" "$(tail -n 3 "$T/out")"
	fi
}
exec_case "TAP lines" "4 passed, 1 failed"
if grep -q '^not ok [0-9]* - exec: /exec: the second thing, on purpose' "$T/tap"; then
	pass "EXEC (TAP lines): the failed check is named in RESULTS="
else
	fail "EXEC (TAP lines): the failed check is named in RESULTS=" "$(cat "$T/tap")"
fi
exec_case "summary line" "4 passed, 1 failed" -DSUMMARY
if grep -q '^not ok [0-9]* - exec: /exec: check 1 of 1 failed (its summary line)' "$T/tap"; then
	pass "EXEC (summary line): the failed check is in RESULTS="
else
	fail "EXEC (summary line): the failed check is in RESULTS=" "$(cat "$T/tap")"
fi
done_tests
