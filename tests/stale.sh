#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/stale.sh: the kernel booted is the tree as it is now. A user's tree
# (KERNEL_SRC=, tests/own-tree.sh: a call written by hand the tutorial's
# way, a line of theirs in init/main.c) is edited after it was built: the
# call, then init/main.c; each edit is in the kernel that the next make run,
# make selftest and make matrix ARCHES=arm boot. A Debian tree that make
# unpacked (6.12-stock, UNPATCHED=1), edited by hand outside my_syscalls/:
# the same. Each run writes new numbers, so each edit is a real one. And a
# call that does not compile: make run shows the error, file and line.
# check: kernel -- the kernel booted is the tree as it is now: edits of KERNEL_SRC and Debian trees
. "$(dirname "$0")/lib.sh"
plan 8
scratch
tree=$(sh "$ROOT/tests/own-tree.sh" "$B/own/linux") || { fail "own tree" "tests/own-tree.sh failed"; done_tests; }
m() { make --no-print-directory -C "$ROOT" "$@"; }
# set FILE FROM-REGEX TO: one edit of the tree (a new file: see own-tree.sh)
set_() { sed -i "s/$2/$3/" "$1"; grep -q "$3" "$1"; }
v=$(( $(date +%s) % 100000 * 10 ))

# The user's program: calls mine_version by the tree's own number for it.
nr=$(awk '$3 == "mine_version" { print $1 }' "$tree/arch/x86/entry/syscalls/syscall_64.tbl")
cat > "$T/mine.c" <<C
#include <stdio.h>
#include <unistd.h>
int main(void)
{
	printf("mine_version: %ld\n", syscall($nr));
	return 0;
}
C
gcc -static -O2 -Wall -Wextra -Werror -o "$T/mine" "$T/mine.c"

# booted OUT: the build number of the kernel qrun's summary says it booted
booted() { sed -n 's/^qrun: .*; booted Linux [^ ]* \(#[0-9]*\) .*/\1/p' "$1" | tail -n 1; }

set_ "$tree/mine/mine.c" 'return [0-9]*;' "return $((v + 1));"
m run KERNEL_SRC="$tree" EXEC="$T/mine" >"$T/run1" 2>&1
if grep -q "^mine_version: $((v + 1))\$" "$T/run1"; then
	pass "make run KERNEL_SRC=: the hand-written call, as the tree has it"
else
	fail "make run KERNEL_SRC=: the hand-written call, as the tree has it" "$(tail -n 5 "$T/run1")"
fi
set_ "$tree/mine/mine.c" 'return [0-9]*;' "return $((v + 2));"
m run KERNEL_SRC="$tree" EXEC="$T/mine" >"$T/run2" 2>&1
if grep -q "^mine_version: $((v + 2))\$" "$T/run2"; then
	pass "after an edit of the hand-written call, make run boots a kernel with it"
else
	fail "after an edit of the hand-written call, make run boots a kernel with it" \
		"want $((v + 2)): $(grep -E '^mine_version|^qrun' "$T/run2")"
fi
n1=$(booted "$T/run1") n2=$(booted "$T/run2")
if [ -n "$n1" ] && [ -n "$n2" ] && [ "$n1" != "$n2" ] && grep -q "^qrun: pass: .* of $tree\$" "$T/run2"; then
	pass "the summary names the kernel booted (build $n1, then $n2) and its tree"
else
	fail "the summary names the kernel booted and its tree, a new build after the edit" \
		"builds '$n1' and '$n2': $(grep '^qrun: pass' "$T/run1" "$T/run2")"
fi

# A call that does not compile: make run shows the compiler's first error
# line with its file and line, not the end of kbuild's output.
set_ "$tree/mine/mine.c" 'return [0-9]*;' "return mine_undefined;"
m run KERNEL_SRC="$tree" EXEC="$T/mine" >"$T/broken" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q "^    .*mine/mine.c:[0-9]*:[0-9]*: error: .*mine_undefined" "$T/broken"; then
	pass "a call that does not compile: make run shows its error with file and line"
else
	fail "a call that does not compile: make run shows its error with file and line" \
		"exit $rc: $(grep -A 8 FAILED "$T/broken")"
fi
set_ "$tree/mine/mine.c" 'return mine_undefined;' "return $((v + 2));"

# edited WHAT N LOG MAKE-ARGS...: init/main.c says N, then make; LOG (the
# make's output, $T/out, or the log a make matrix writes) must have it
edited() {
	what=$1 n=$2 log=$3
	shift 3
	set_ "$tree/init/main.c" 'own tree: [0-9]*' "own tree: $n"
	m "$@" >"$T/out" 2>&1
	if tr -d '\r' <"$log" | grep -q "own tree: $n\$"; then
		pass "after an edit of init/main.c, $what boots a kernel with it"
	else
		fail "after an edit of init/main.c, $what boots a kernel with it" \
			"no 'own tree: $n' in $log; $(grep -E 'own tree|^qrun' "$log" | tail -n 3)"
	fi
}
edited "make run" $((v + 3)) "$T/out" run KERNEL_SRC="$tree" V=1
edited "make selftest" $((v + 4)) "$T/out" selftest KERNEL_SRC="$tree" V=1
# the arm kernel built before the edit (make check's matrix built it already)
m kernel ARCH=arm KERNEL_SRC="$tree" >"$T/arm0" 2>&1
edited "make matrix ARCHES=arm" $((v + 5)) "$B/log/matrix-arm-run.log" matrix ARCHES=arm KERNEL_SRC="$tree" V=1

# A Debian tree that make unpacked and a user edits (make finds its changes
# itself, scripts/steps/tree-stamp.sh): a line of theirs in init/main.c.
stock=$(mkvar SRC UNPATCHED=1)
m kernel UNPATCHED=1 >"$T/stock0" 2>&1
main=$stock/init/main.c
grep -q 'edited tree: ' "$main" ||
	sed -i 's/^\tpr_notice("%s", linux_banner);$/&\n\tpr_warn("edited tree: 0\\n");/' "$main"
set_ "$main" 'edited tree: [0-9]*' "edited tree: $((v + 6))"
m run UNPATCHED=1 V=1 >"$T/stock" 2>&1
if tr -d '\r' <"$T/stock" | grep -q "edited tree: $((v + 6))\$"; then
	pass "after an edit of init/main.c in Debian's unpacked 6.12, make run boots a kernel with it"
else
	fail "after an edit of init/main.c in Debian's unpacked 6.12, make run boots a kernel with it" \
		"$(grep -E 'edited tree|^qrun|^build' "$T/stock" | tail -n 3)"
fi
done_tests
