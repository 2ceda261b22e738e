#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# exec-initrd.sh INITRD PROG OUT ARCH: INITRD plus PROG as /exec (a static
# program for the guest's architecture ARCH).
set -eu
initrd=$1 prog=$2 out=$3 arch=$4
if [ ! -f "$prog" ]; then
	echo "EXEC=$prog: no such file; give the path of a static program for $arch" >&2
	exit 2
fi
if ! file -L "$prog" 2>/dev/null | grep -q 'statically linked\|static-pie'; then
	command -v file >/dev/null &&
		echo "EXEC=$prog: warning: not a statically linked program; the guest has no shared libraries" >&2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$prog" "$tmp/exec"
chmod 0755 "$tmp/exec"
(cd "$tmp" && echo exec | cpio -o -H newc -R 0:0 --quiet) > "$tmp/exec.cpio"
cat "$initrd" "$tmp/exec.cpio" > "$out"
