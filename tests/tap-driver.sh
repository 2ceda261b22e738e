#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The counter of make check (tests/tap.pl) against stand-in test scripts: one
# that keeps its plan, and ones that die half-way, exit non-zero with every
# check passed, declare no plan, or write what is not TAP. Only the first
# may come out clean.
# check: host -- make check's counter
. "$(dirname "$0")/lib.sh"
plan 6
scratch
# producer NAME STATUS TAP: what tap.pl says of a script that wrote TAP and
# exited with STATUS
producer() {
	printf '%b' "$3" > "$T/$1"
	perl "$ROOT/tests/tap.pl" "$1" "$T/$1" "$2" > "$T/$1.out"
	echo $? > "$T/$1.rc"
}
# verdict NAME WANT-RC WANT-LINE: tap.pl exited WANT-RC and said WANT-LINE
verdict() {
	if [ "$(cat "$T/$1.rc")" = "$2" ] && grep -qF -- "$3" "$T/$1.out"; then
		pass "tap.pl: $1"
	else
		fail "tap.pl: $1" "rc $(cat "$T/$1.rc"), said: $(cat "$T/$1.out")"
	fi
}
producer "keeps its plan" 0 '1..2\nok - one\nok - two # SKIP not here\n'
verdict "keeps its plan" 0 "SKIP: keeps its plan: two"
producer "dies half-way" 1 '1..3\nok - one\n'
verdict "dies half-way" 1 "FAIL: dies half-way: planned 3 checks, reported 1"
producer "dies half-way, exit 0" 0 '1..3\nok - one\nok - two\n'
verdict "dies half-way, exit 0" 1 "FAIL: dies half-way, exit 0: planned 3 checks, reported 2"
producer "exits non-zero, checks passed" 2 '1..1\nok - one\n'
verdict "exits non-zero, checks passed" 1 "FAIL: exits non-zero, checks passed: exited with status 2"
producer "no plan" 0 'ok - one\n'
verdict "no plan" 1 "FAIL: no plan: the producer wrote no '1..N'"
producer "no output" 1 ''
verdict "no output" 1 "FAIL: no output: no output and no plan"
done_tests
