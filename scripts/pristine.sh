#!/bin/sh
# pristine.sh TARBALL DEST: from a kernel source tarball, only the files the
# patcher reads or changes (and MAINTAINERS, and checkpatch with its data),
# unpacked into DEST/<top>; prints that path. make patch and its tests
# compare the patcher's change against them.
set -eu
tarball=$1 dest=$2
[ -f "$tarball" ] || { echo "pristine.sh: $tarball missing; run 'make deps'" >&2; exit 2; }
top=$(basename "$tarball" .tar.xz)
mkdir -p "$dest"
# scripts/syscall.tbl exists from 6.11 on, hence the patterns.
tar -C "$dest" -xf "$tarball" --wildcards \
	"$top/Kconfig" "$top/Kbuild" "$top/Makefile" "$top/kernel/sys_ni.c" \
	"$top/include/linux/syscalls.h" "$top/include/uapi/asm-generic/unistd.h" \
	"$top/arch/x86/entry/syscalls/*.tbl" "$top/scripts/*.tbl" \
	"$top/tools/testing/selftests/Makefile" "$top/MAINTAINERS" \
	"$top/scripts/checkpatch.pl" "$top/scripts/spelling.txt" "$top/scripts/const_structs.checkpatch"
echo "$dest/$top"
