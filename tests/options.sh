#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Kernel options of the user's for every target (KCONFIG=, OPTIONS=), on
# 6.12 x86_64, configured only: merged after the VM's config in an object
# folder of their own; an option kconfig drops is named with what it
# depends on; a word that is no option is refused before anything is done.
# check: full-kernel -- KCONFIG= and OPTIONS=: the user's kernel options merged, a dropped one named
. "$(dirname "$0")/lib.sh"
plan 5
scratch
m() { make --no-print-directory -C "$ROOT" "$@"; }
vm=$(mkvar OBJ)
obj=$(mkvar OBJ OPTIONS="MODULES=y KALLSYMS_ALL=y")
m "$obj/.config" OPTIONS="MODULES=y KALLSYMS_ALL=y" >"$T/out" 2>&1
rc=$?
if [ $rc = 0 ] && [ "$obj" != "$vm" ] && grep -qx CONFIG_MODULES=y "$obj/.config"; then
	pass "OPTIONS=MODULES=y: in the kernel's config, in an object folder of its own"
else
	fail "OPTIONS=MODULES=y: in the kernel's config, in an object folder of its own" "exit $rc, $obj: $(tail -n 5 "$T/out")"
fi
if grep -q "warning: kconfig dropped your option 'CONFIG_KALLSYMS_ALL=y'.*init/Kconfig:[0-9]*; depends on DEBUG_KERNEL && KALLSYMS" "$T/out"; then
	pass "an option kconfig dropped: named, with where it is and what it depends on"
else
	fail "an option kconfig dropped: named, with where it is and what it depends on" "$(cat "$T/out")"
fi
expect "the VM's own config is left as it was" sh -c "! grep -q CONFIG_MODULES=y '$vm/.config'"

printf 'CONFIG_KALLSYMS=y\n' >"$T/frag"
obj2=$(mkvar OBJ KCONFIG="$T/frag" OPTIONS="KALLSYMS_ALL=y")
m "$obj2/.config" KCONFIG="$T/frag" OPTIONS="KALLSYMS_ALL=y" >"$T/out2" 2>&1
if grep -qx CONFIG_KALLSYMS_ALL=y "$obj2/.config" && ! grep -q "dropped" "$T/out2"; then
	pass "KCONFIG=fragment, then OPTIONS: both merged, the dependency met"
else
	fail "KCONFIG=fragment, then OPTIONS: both merged, the dependency met" "$(tail -n 5 "$T/out2")"
fi
out=$(m run OPTIONS="modules=y" 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "OPTIONS: 'modules=y': a kernel option's name is in capitals" &&
	! echo "$out" | grep -q "^configure\|^build"; then
	pass "OPTIONS=modules=y: refused with what to give, nothing built"
else
	fail "OPTIONS=modules=y: refused with what to give, nothing built" "$out"
fi
rm -rf "$obj" "$obj2"
done_tests
