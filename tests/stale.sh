#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/stale.sh [full]: the kernel booted is the tree as it is now. A user's tree
# (KERNEL_SRC=, tests/own-tree.sh: three calls written by hand the
# tutorial's way, a line of theirs in init/main.c), which make run lists
# and a program calls by name, is edited after it was built: a call, then
# init/main.c; each edit is in the kernel that the next make run and
# make selftest boot. A call that does not compile: make run shows the
# error, file and line, and the Kconfig option to try. With full (make
# check-full): the edit is in what make matrix ARCHES=arm boots too, and a
# Debian tree that make unpacked (6.12-stock, UNPATCHED=1), edited by hand
# outside my_syscalls/, gives the same. Each run writes new numbers, so
# each edit is a real one.
# check: quick-kernel -- the kernel booted is the tree as it is now: edits of a KERNEL_SRC tree
# check: full-kernel full -- the kernel booted is the tree as it is now: edits of KERNEL_SRC and Debian trees, x86_64 and arm
. "$(dirname "$0")/lib.sh"
full=${1-}
plan "$([ "$full" = full ] && echo 10 || echo 8)"
scratch
tree=$(sh "$ROOT/tests/own-tree.sh" "$B/own/linux") || { fail "own tree" "tests/own-tree.sh failed"; done_tests; }
m() { make --no-print-directory -C "$ROOT" "$@"; }
# set FILE FROM-REGEX TO: one edit of the tree (a new file: see own-tree.sh)
set_() { sed -i "s/$2/$3/" "$1"; grep -q "$3" "$1"; }
v=$(( $(date +%s) % 100000 * 10 ))

# The user's program: calls each of the tree's three calls by its name,
# through the tree's own uapi headers (make headers KERNEL_SRC=).
m headers KERNEL_SRC="$tree" >"$T/headers" 2>&1
hdr=$(mkvar HDR KERNEL_SRC="$tree")
cat > "$T/mine.c" <<'C'
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	printf("mine_version: %ld\n", syscall(__NR_mine_version));
	printf("mine_sum: %ld\n", syscall(__NR_mine_sum, 40, 2));
	printf("mine_len: %ld\n", syscall(__NR_mine_len, "tutorial"));
	return 0;
}
C
gcc -static -O2 -Wall -Wextra -Werror -isystem "$hdr/include" -o "$T/mine" "$T/mine.c" 2>"$T/cc" ||
	fail "the user's program, built with the tree's headers" "$(head -n 5 "$T/cc" "$T/headers")"

# booted OUT: the build number of the kernel qrun's summary says it booted
booted() { sed -n 's/^qrun: .*; booted Linux [^ ]* \(#[0-9]*\) .*/\1/p' "$1" | tail -n 1; }

set_ "$tree/mine/mine.c" 'return [0-9]*;' "return $((v + 1));"
m run KERNEL_SRC="$tree" EXEC="$T/mine" >"$T/run1" 2>&1
if grep -q "^mine_version: $((v + 1))\$" "$T/run1" && grep -q "^mine_sum: 42\$" "$T/run1" &&
	grep -q "^mine_len: 8\$" "$T/run1"; then
	pass "make run KERNEL_SRC=: a program calls the three hand-written calls by name, as the tree has them"
else
	fail "make run KERNEL_SRC=: a program calls the three hand-written calls by name, as the tree has them" \
		"$(tail -n 5 "$T/run1")"
fi
if [ "$(grep '^your call: ' "$T/run1")" = "$(printf 'your call: mine_version 463\nyour call: mine_sum 464\nyour call: mine_len 465')" ]; then
	pass "make run KERNEL_SRC= lists the tree's calls written by hand, with their numbers"
else
	fail "make run KERNEL_SRC= lists the tree's calls written by hand, with their numbers" \
		"$(grep '^your call' "$T/run1")"
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
# line with its file and line, not the end of kbuild's output, and the
# option that would give what it lacks (the VM's config has no modules).
set_ "$tree/mine/mine.c" 'return [0-9]*;' "return sizeof(struct module_use);"
m run KERNEL_SRC="$tree" EXEC="$T/mine" >"$T/broken" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q "^    .*mine/mine.c:[0-9]*:[0-9]*: error: .*struct module_use" "$T/broken" &&
	grep -q "^  hint: 'struct module_use' is in include/linux/module.h:[0-9]* under CONFIG_MODULES: try OPTIONS=\"MODULES=y\"" "$T/broken"; then
	pass "a call that does not compile: make run shows its error with file and line, and the option to try"
else
	fail "a call that does not compile: make run shows its error with file and line, and the option to try" \
		"exit $rc: $(grep -A 8 FAILED "$T/broken")"
fi
set_ "$tree/mine/mine.c" 'return sizeof(struct module_use);' "return $((v + 2));"

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
if [ "$full" = full ]; then
	# the arm kernel built before the edit (make check-full's matrix built it already)
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
fi

# The user's three calls as a series of their own (make patch CALLS=), from
# the tree the project has patched too: git am applies it to Debian's
# pristine 6.12 (its files the series touches, in a repository), giving
# the user's files.
pristine=$("$ROOT/scripts/steps/srctar.sh" -x /usr/src/linux-source-6.12.tar.xz)
out=$(m patch KERNEL_SRC="$tree" CALLS="mine_version mine_sum mine_len" SIGNOFF="A User <user@example.org>" 2>&1)
dir=$(echo "$out" | sed -n 's/^series: //p')
g() { git -C "$T/am" -c user.name=t -c user.email=t@example.org -c commit.gpgsign=false "$@"; }
mkdir "$T/am"
ok=
if [ -n "$dir" ] && g init -q; then
	# the files the series changes, and those own-tree.sh changed
	files=$({ sed -n 's|^+++ b/||p' "$dir"/0*[1-9]-*.patch
		echo Kbuild; echo arch/x86/entry/syscalls/syscall_64.tbl; echo include/linux/syscalls.h; } | sort -u)
	for f in $files; do
		[ -f "$pristine/$f" ] || continue
		mkdir -p "$T/am/$(dirname "$f")" && cp "$pristine/$f" "$T/am/$f"
	done
	g add -A && g commit -q -m pristine && g am -q "$dir"/0*[1-9]-*.patch >"$T/am.log" 2>&1 && ok=1
	for f in $files; do
		# the user's file: the tree's, before the project's patch
		"$PATCHER" -k "$ROOT/kernel" pristine "$tree" "$f" | cmp -s - "$T/am/$f" ||
			{ ok=; echo "$f differs" >>"$T/am.log"; }
	done
fi
if [ -n "$ok" ] && [ "$(find "$dir" -name "*.patch" | wc -l)" = 4 ]; then
	pass "make patch CALLS= of the three calls: a series that git am applies to Debian's pristine 6.12, giving the user's files"
else
	fail "make patch CALLS= of the three calls: a series that git am applies to Debian's pristine 6.12, giving the user's files" \
		"$out $(cat "$T/am.log" 2>/dev/null)"
fi
done_tests
