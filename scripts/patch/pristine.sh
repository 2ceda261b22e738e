#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# pristine.sh SOURCE DEST: the files the patcher reads or changes (and
# MAINTAINERS, the selftests' Makefile, checkpatch with its data), as they
# were before any patching, in DEST/<name>; prints that path. SOURCE is a
# kernel source tarball, or a tree (KERNEL_SRC), whose files the patcher
# gives as they were before it changed them (PATCHER= in the environment,
# default the one make builds). make patch and its tests compare the
# patcher's change against them.
set -eu
src=$1 dest=$2
patcher=${PATCHER:-$(make -s --no-print-directory -C "$(dirname "$0")/../.." print-PATCHER)}
# scripts/syscall.tbl exists from 6.11 on, hence the patterns.
files="Kconfig Kbuild Makefile kernel/sys_ni.c include/linux/syscalls.h
include/uapi/asm-generic/unistd.h arch/x86/entry/syscalls/*.tbl scripts/*.tbl
arch/*/kernel/syscalls/*.tbl arch/*/tools/syscall*.tbl arch/arm64/include/asm/unistd*.h
tools/testing/selftests/Makefile MAINTAINERS scripts/checkpatch.pl scripts/spelling.txt
scripts/const_structs.checkpatch"
if [ -d "$src" ]; then
	top=$(basename "$src")
	mkdir -p "$dest/$top"
	# shellcheck disable=SC2086 # the patterns expand in the tree
	for f in $(cd "$src" && ls -d $files 2>/dev/null); do
		mkdir -p "$dest/$top/$(dirname "$f")"
		# a link (arm64's syscall_64.tbl) stays one; the patcher never writes through it
		if [ -L "$src/$f" ]; then
			cp -P "$src/$f" "$dest/$top/$f"
			continue
		fi
		# a file the patcher added has no pristine copy: it is left out
		"$patcher" pristine "$src" "$f" > "$dest/$top/$f" || rm -f "$dest/$top/$f"
		[ ! -x "$src/$f" ] || chmod +x "$dest/$top/$f"
	done
	echo "$dest/$top"
	exit 0
fi
[ -f "$src" ] || { echo "pristine.sh: $src missing; run 'make deps', or give a tree" >&2; exit 2; }
top=$(basename "$src" .tar.xz)
mkdir -p "$dest"
# the tarball decompressed once (scripts/steps/srctar.sh): these few files in a second
case $src in *.tar.xz) src=$("$(dirname "$0")/../steps/srctar.sh" "$src") ;; esac
# shellcheck disable=SC2046 # one pattern per file
tar -C "$dest" -xf "$src" --wildcards $(for f in $files; do echo "$top/$f"; done)
echo "$dest/$top"
