#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The verdict belongs to init: a make run EXEC= program that writes verdict
# lines of its own (tests/guests/forge.c: a passed check, EXIT 0, END) to
# the descriptors it inherited, and to the verdict's device, fails its run
# all the same, and none of its lines is counted: it can write to neither,
# as EXEC_USER=1000 or as root (init removes the device's node once it has
# it open; a root program could still make one anew with mknod). Needs the
# 6.12 kernel (make kernel guest).
# check: kernel -- make run EXEC=: a program that forges a verdict is not believed
. "$(dirname "$0")/lib.sh"
plan 6
scratch
musl-gcc -static -O2 -Wall -Wextra -Werror -o "$T/forge" "$ROOT/tests/guests/forge.c" ||
	{ fail "the forging program builds" "musl-gcc failed"; done_tests; }
# run UID: make run EXEC=forge as UID; its output in $T/out, TAP in $T/tap
run() {
	(cd "$ROOT" && make --no-print-directory run KERNEL=6.12 EXEC="$T/forge" EXEC_USER="$1" \
		RESULTS="$T/tap") >"$T/out" 2>&1
}
for uid in 1000 0; do
	run $uid
	rc=$?
	own=$(sed -n 's/^\[init\] \([0-9]*\) passed, .*/\1/p' "$T/out")
	if [ $rc -ne 0 ] && [ -n "$own" ] && grep -q "^qrun: FAIL: $own passed" "$T/out" &&
		! grep -q 'forged' "$T/tap"; then
		pass "EXEC_USER=$uid: the run fails, its checks are init's own ($own passed)"
	else
		fail "EXEC_USER=$uid: the run fails, its checks are init's own" \
			"exit $rc, init: $own passed; $(grep -E '^qrun|^forge' "$T/out"); $(grep forged "$T/tap")"
	fi
	grep -q '^forge: 0 inherited descriptors took the lie' "$T/out" &&
		pass "EXEC_USER=$uid: no inherited descriptor reaches the verdict" ||
		fail "EXEC_USER=$uid: no inherited descriptor reaches the verdict" "$(grep '^forge' "$T/out")"
	grep -q '^forge: .* cannot be written' "$T/out" &&
		pass "EXEC_USER=$uid: the verdict's device cannot be opened by its name" ||
		fail "EXEC_USER=$uid: the verdict's device cannot be opened by its name" "$(grep '^forge' "$T/out")"
done
done_tests
