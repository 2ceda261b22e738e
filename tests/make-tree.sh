#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make apply / make revert on trees given with KERNEL_SRC= (made from facts,
# tests/fixtures.sh): two trees of the same name are two trees; a second
# apply says there is nothing to do; revert is as quiet as apply; a tree
# the project does not claim is refused with the versions it does, and
# leaves nothing under build/stamp.
# check: host -- make apply/revert on KERNEL_SRC trees: two named linux, a second apply, trees refused
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"
plan 10
scratch
m() { make --no-print-directory -C "$ROOT" "$@"; }
stamp_dir() { echo "$B/stamp/$(m -s print-PTAG KERNEL_SRC="$1")"; }
make_tree "$T/a/linux" 5.8
make_tree "$T/b/linux" 5.8
cp -a "$T/a/linux" "$T/pristine"
tags="$(stamp_dir "$T/a/linux") $(stamp_dir "$T/b/linux")"
trap 'rm -rf "$T" $tags; for d in $tags; do rm -f "$B/log/patch-${d##*/}.log"; done' EXIT

if [ "$(stamp_dir "$T/a/linux")" != "$(stamp_dir "$T/b/linux")" ]; then
	pass "two trees named linux have two tags"
else
	fail "two trees named linux have two tags" "both $(stamp_dir "$T/a/linux")"
fi
m apply KERNEL_SRC="$T/a/linux" >"$T/out" 2>&1
if grep -q "$T/a/linux: patched:" "$T/out"; then pass "make apply patches a/linux"; else
	fail "make apply patches a/linux" "$(tail -n 3 "$T/out")"; fi
m apply KERNEL_SRC="$T/b/linux" >"$T/out" 2>&1
if grep -q "$T/b/linux: patched:" "$T/out" && [ -f "$T/b/linux/my_syscalls/my_syscalls.c" ]; then
	pass "make apply patches b/linux too, not taking it for a/linux"
else
	fail "make apply patches b/linux too, not taking it for a/linux" "$(tail -n 3 "$T/out")"
fi
m apply KERNEL_SRC="$T/a/linux" >"$T/out" 2>&1
if [ "$(cat "$T/out")" = "$T/a/linux: already patched, nothing to do" ]; then
	pass "a second make apply says: already patched, nothing to do"
else
	fail "a second make apply says: already patched, nothing to do" "$(head -n 3 "$T/out")"
fi
m revert KERNEL_SRC="$T/a/linux" >"$T/out" 2>&1
if grep -q "$T/a/linux: reverted" "$T/out" && ! grep -q 'tools/patcher' "$T/out"; then
	pass "make revert says what it did, not its command line"
else
	fail "make revert says what it did, not its command line" "$(head -n 3 "$T/out")"
fi
expect "make revert gives a/linux back as it was" diff -r "$T/pristine" "$T/a/linux"
m revert KERNEL_SRC="$T/b/linux" >/dev/null 2>&1

# refused NAME MESSAGE DIR: make apply fails, says MESSAGE, leaves no stamp
refused() {
	name=$1 msg=$2 dir=$3
	st=$(stamp_dir "$dir")
	m apply KERNEL_SRC="$dir" >"$T/out" 2>&1
	rc=$?
	if [ $rc -ne 0 ] && grep -q -- "$msg" "$T/out"; then
		pass "$name: refused, saying '$msg'"
	else
		fail "$name: refused, saying '$msg'" "exit $rc: $(tail -n 3 "$T/out")"
	fi
	if [ ! -e "$st" ] && [ ! -e "$dir/.hello_syscall" ]; then
		pass "$name: nothing left under build/stamp or in the tree"
	else
		fail "$name: nothing left under build/stamp or in the tree" "$(ls -d "$st" "$dir/.hello_syscall" 2>&1)"
	fi
	rm -f "$B/log/patch-${st##*/}.log"
}
make_tree "$T/old/linux" 5.8
sed -i 's/^VERSION = .*/VERSION = 4/; s/^PATCHLEVEL = .*/PATCHLEVEL = 19/' "$T/old/linux/Makefile"
refused "a tree whose Makefile says 4.19" "supports Linux 5.4 and later" "$T/old/linux"
mkdir -p "$T/empty"
refused "an empty folder" "not the top of a Linux source tree" "$T/empty"
done_tests
