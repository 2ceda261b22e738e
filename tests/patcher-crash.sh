#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The patcher killed at random moments: KILLS (default 200) SIGKILLs during
# apply and revert, each slowed down by strace's delay injection so that the
# kill lands anywhere in the writes; after each, the next apply must give the
# fully patched tree and the next revert the pristine one, byte for byte.
# Then PAIRS (default 40) pairs of simultaneous applies on one tree: both
# succeed, one after the other, and the tree is the patched one.
# check: host-plain -- patcher: killed at random moments, run twice at once
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"
plan 4
KILLS=${KILLS:-200}
PAIRS=${PAIRS:-40}
scratch
make_tree "$T/pristine" 6.18
cp -a "$T/pristine" "$T/patched"
P -q apply "$T/patched"
# kill_during OP FROM WINDOW: OP on a copy of FROM, killed within WINDOW ms.
kill_during() {
	rm -rf "$T/t"
	cp -a "$T/$2" "$T/t"
	kill_mid 500 "$3" "$PATCHER" -q -k "$ROOT/kernel" "$1" "$T/t"
}

for op in apply revert; do
	from=pristine window=400
	[ $op = revert ] && from=patched window=150
	bad=0 mid=0 half=0 first=
	i=0
	while [ $i -lt $((KILLS / 2)) ]; do
		[ "$(kill_during $op $from $window)" = mid ] && mid=$((mid + 1))
		diff -r "$T/t" "$T/pristine" >/dev/null 2>&1 || diff -r "$T/t" "$T/patched" >/dev/null 2>&1 ||
			half=$((half + 1))
		if ! P -q apply "$T/t" 2>"$T/err" || ! diff -r "$T/t" "$T/patched" >"$T/diff" 2>&1; then
			bad_run "run $i, apply: $(cat "$T/err" "$T/diff" | head -3)"
		elif ! P -q revert "$T/t" 2>"$T/err" || ! diff -r "$T/t" "$T/pristine" >"$T/diff" 2>&1; then
			bad_run "run $i, revert: $(cat "$T/err" "$T/diff" | head -3)"
		fi
		i=$((i + 1))
	done
	name="SIGKILL during $op, $((KILLS / 2)) runs ($mid killed mid-run, $half left half done): then apply patches, revert restores"
	# A kill that never lands mid-run proves nothing.
	if [ $bad -eq 0 ] && [ $mid -ge $((KILLS / 8)) ]; then pass "$name"; else
		fail "$name" "$bad failed; $first"; fi
done

bad=0 first=
i=0
while [ $i -lt "$PAIRS" ]; do
	rm -rf "$T/t"
	cp -a "$T/pristine" "$T/t"
	P -q apply "$T/t" 2>"$T/err1" &
	a=$!
	P -q apply "$T/t" 2>"$T/err2" &
	b=$!
	wait $a; ra=$?
	wait $b; rb=$?
	if [ $ra -ne 0 ] || [ $rb -ne 0 ] || ! diff -r "$T/t" "$T/patched" >/dev/null 2>&1; then
		bad=$((bad + 1))
		[ -n "$first" ] || first="pair $i: exits $ra $rb; $(cat "$T/err1" "$T/err2" | head -2)"
	fi
	i=$((i + 1))
done
if [ $bad -eq 0 ]; then pass "$PAIRS pairs of simultaneous applies: both succeed, tree patched"; else
	fail "$PAIRS pairs of simultaneous applies: both succeed, tree patched" "$bad failed; $first"; fi
i=0 bad=0
while [ $i -lt $((PAIRS / 2)) ]; do
	rm -rf "$T/t"
	cp -a "$T/patched" "$T/t"
	P -q apply "$T/t" & a=$!
	P -q revert "$T/t" & b=$!
	wait $a; ra=$?
	wait $b; rb=$?
	{ diff -r "$T/t" "$T/patched" >/dev/null 2>&1 || diff -r "$T/t" "$T/pristine" >/dev/null 2>&1; } &&
		[ $ra -eq 0 ] && [ $rb -eq 0 ] || bad=$((bad + 1))
	i=$((i + 1))
done
if [ $bad -eq 0 ]; then pass "$((PAIRS / 2)) pairs of apply and revert at once: both succeed, the tree whole"; else
	fail "$((PAIRS / 2)) pairs of apply and revert at once: both succeed, the tree whole" "$bad failed"; fi
done_tests
