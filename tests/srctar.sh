#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/srctar.sh: scripts/steps/srctar.sh on a small tarball of its own: the
# plain tar and the tree are the tarball's, two callers at once get one
# copy, a killed run's leftovers are made again, a new tarball replaces
# the old copies, a missing or unnamed one is refused.
# check: host-plain -- srctar.sh: a tarball decompressed and unpacked once
. "$(dirname "$0")/lib.sh"
scratch
plan 7
S=$ROOT/scripts/steps/srctar.sh
top=linux-source-srctar-test
# the test's copies only: other tests may be making theirs meanwhile
trap 'rm -rf "$T" "$B/cache/$top.tar.lock" $(ls -d "$B/cache"/*/"$top"* 2>/dev/null | xargs -r -n1 dirname)' EXIT
mkdir -p "$T/src/$top/sub"
echo one > "$T/src/$top/a"
printf '#!/bin/sh\n' > "$T/src/$top/sub/run"
chmod +x "$T/src/$top/sub/run"
tar -C "$T/src" -cJf "$T/$top.tar.xz" "$top"

"$S" -x "$T/$top.tar.xz" > "$T/out1" 2>&1 &
a=$!
"$S" -x "$T/$top.tar.xz" > "$T/out2" 2>&1
wait $a
tree=$(cat "$T/out1")
if cmp -s "$T/out1" "$T/out2" && [ -x "$tree/sub/run" ] && [ "$(cat "$tree/a")" = one ] &&
	[ "$(ls "$(dirname "$tree")")" = "$top
$top.tar" ]; then
	pass "two at once: one copy, the tree with its files and modes"
else
	fail "two at once: one copy, the tree with its files and modes" "$(cat "$T/out1" "$T/out2")"
fi
plain=$("$S" "$T/$top.tar.xz")
xz -dc "$T/$top.tar.xz" > "$T/plain"
expect "the plain tar is the tarball decompressed" cmp "$T/plain" "$plain"

# a run killed half-way leaves a .tmp file or folder, never the final name
rm -rf "$tree" "$plain"
echo partial > "$plain.tmp"
mkdir "$tree.tmp"
tree2=$("$S" -x "$T/$top.tar.xz")
if [ "$tree2" = "$tree" ] && cmp -s "$T/plain" "$plain" && [ -x "$tree/sub/run" ] &&
	[ ! -e "$plain.tmp" ] && [ ! -e "$tree.tmp" ]; then
	pass "after a killed run: made again, the leftovers gone"
else
	fail "after a killed run: made again, the leftovers gone" "$(ls -a "$(dirname "$tree")")"
fi

# a new package: another size and date, another copy; the old one goes
echo two > "$T/src/$top/a"
tar -C "$T/src" -cJf "$T/$top.tar.xz" "$top"
touch -d '2001-01-01' "$T/$top.tar.xz"
tree3=$("$S" -x "$T/$top.tar.xz")
if [ "$tree3" != "$tree" ] && [ "$(cat "$tree3/a")" = two ] && [ ! -e "$tree" ] && [ ! -e "$plain" ]; then
	pass "a new tarball: a new copy, the old one removed"
else
	fail "a new tarball: a new copy, the old one removed" "$tree3; old: $(ls "$tree" 2>&1)"
fi

"$S" "$T/none.tar.xz" > "$T/out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q "none.tar.xz missing" "$T/out"; then
	pass "a missing tarball: exit 2, said"
else
	fail "a missing tarball: exit 2, said" "exit $rc: $(cat "$T/out")"
fi
"$S" -x > "$T/out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q "^usage: srctar.sh \[-x\] TARBALL" "$T/out"; then
	pass "no tarball named: its usage, exit 2"
else
	fail "no tarball named: its usage, exit 2" "exit $rc: $(cat "$T/out")"
fi
ino=$(stat -c %i "$tree3/a")
expect "a second call makes nothing again" sh -c \
	"[ \"\$('$S' -x '$T/$top.tar.xz')\" = '$tree3' ] && [ \$(stat -c %i '$tree3/a') = $ino ] &&
	 [ \"\$(ls -A '$tree3' | paste -sd' ')\" = 'a sub' ]"
done_tests
