#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Messages that say the right thing: a CFG that is not one of the configs
# is refused with the list of those it takes; EXEC= of a missing program
# names the guest's architecture, not always x86_64.
# check: host-plain -- messages: a wrong CFG lists the configs; a missing EXEC names the architecture
. "$(dirname "$0")/lib.sh"
plan 3
scratch
out=$(make -s -C "$ROOT" --no-print-directory print-OBJ CFG=x86_64 2>&1)
rc=$?
names=$(mkvar CFG_NAMES)
[ $rc -ne 0 ] && echo "$out" | grep -qF "CFG=x86_64: no config x86_64; give one of $names" &&
	pass "CFG=x86_64 (a fragment, not a config) is refused with the configs: $names" ||
	fail "CFG=x86_64 (a fragment, not a config) is refused with the configs" "exit $rc: $out"
out=$(make -s -C "$ROOT" --no-print-directory print-OBJ CFG=debug+trace 2>&1) &&
	[ "$out" = "$(mkvar B)/obj/6.12-debug+trace" ] && pass "CFG=debug+trace is taken" ||
	fail "CFG=debug+trace is taken" "$out"
out=$(sh "$ROOT/scripts/steps/exec-initrd.sh" "$T/initrd" "$T/nope" "$T/out" arm64 2>&1)
rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "EXEC=$T/nope: no such file; give the path of a static program for arm64" &&
	pass "EXEC= of a missing program, ARCH=arm64: says arm64" ||
	fail "EXEC= of a missing program, ARCH=arm64: says arm64" "exit $rc: $out"
done_tests
