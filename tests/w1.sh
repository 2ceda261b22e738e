#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/w1.sh 6.1|6.12: my_syscalls/ compiles in the patched tree with W=1
# (kernel-doc checked too) and sparse (C=1), and not one warning. Its own object directory, so that the test kernel's
# objects keep their flags and nothing there rebuilds for this test.
# check: kernel 6.12 -- 6.12: W=1
# check: full-kernel 6.1 -- 6.1: W=1
. "$(dirname "$0")/lib.sh"
K=$1
src=$(mkvar PSRC KERNEL="$K")
vm=$(mkvar OBJ KERNEL="$K")
obj=$vm-w1
karch=$(mkvar KARCH)
plan 2
if [ ! -f "$vm/.config" ]; then
	fail "$K: my_syscalls/ with W=1" "no configured tree: run 'make kernel KERNEL=$K' first"
	fail "$K: sparse" "no configured tree"
	done_tests
fi
mkdir -p "$obj"
cmp -s "$vm/.config" "$obj/.config" || cp "$vm/.config" "$obj/.config"
rm -f "$obj"/my_syscalls/*.o
if make -C "$src" O="$obj" ARCH="$karch" W=1 C=1 -j"$(nproc)" my_syscalls/ >"$obj/w1.log" 2>&1 &&
	[ -f "$obj/my_syscalls/my_syscalls.o" ] && ! grep -qi "warning:" "$obj/w1.log"; then
	pass "$K: my_syscalls/ compiles with W=1 and sparse, no warning"
else
	fail "$K: my_syscalls/ compiles with W=1 and sparse, no warning" "$(grep -i -m3 'warning:\|error' "$obj/w1.log")"
fi
# sparse ran on every file (kbuild says CHECK for each)
unchecked=
for c in "$src"/my_syscalls/*.c; do
	grep -q "CHECK .*my_syscalls/$(basename "$c")\$" "$obj/w1.log" || unchecked="$unchecked $(basename "$c")"
done
[ -z "$unchecked" ] && pass "$K: sparse checked every file of my_syscalls/" ||
	fail "$K: sparse checked every file of my_syscalls/" "not checked:$unchecked"
done_tests
