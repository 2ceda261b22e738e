#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Two first makes at once in a fresh copy of the project (two terminals
# after git clone): both unpack Debian's 6.12 tree, one after the other
# (scripts/steps/unpack.sh runs under the project's lock), and both find
# the tree whole; neither removes what the other is unpacking.
# check: host-plain -- two first makes at once: the tree unpacked once, both pass
. "$(dirname "$0")/lib.sh"
plan 2
scratch
mkdir -p "$T/proj"
(cd "$ROOT" && tar --exclude=./build --exclude=./.git -cf - .) | tar -C "$T/proj" -xf -
target=$(make -s --no-print-directory -C "$T/proj" print-PUNPACKED)
make --no-print-directory -C "$T/proj" "$target" >"$T/one" 2>&1 &
make --no-print-directory -C "$T/proj" "$target" >"$T/two" 2>&1
rc2=$?
wait $!
rc1=$?
if [ "$rc1 $rc2" = "0 0" ]; then
	pass "two first makes at once: both unpack the tree and pass"
else
	fail "two first makes at once: both unpack the tree and pass" \
		"exit $rc1 and $rc2: $(tail -n 2 "$T/one" "$T/two")"
fi
src=$(dirname "$target")
if [ -f "$target" ] && [ -f "$src/Makefile" ] && [ -f "$src/kernel/sys.c" ] &&
	[ -z "$(ls -d "$src"/../.unpack-* 2>/dev/null)" ]; then
	pass "the tree is whole, nothing left half-way"
else
	# shellcheck disable=SC2012 # shown to the reader
	fail "the tree is whole, nothing left half-way" "$(ls -a "$src" "$src/.." 2>&1 | head -n 8)"
fi
done_tests
