#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# headers.sh "KMAKE" DEST: make headers_install, then copy into DEST only the
# files whose content changed.
set -eu
kmake=$1 dest=$2
tmp=$dest.new
rm -rf "$tmp"
$kmake INSTALL_HDR_PATH="$tmp" headers_install
mkdir -p "$dest"
(cd "$tmp" && find . -type f) | while IFS= read -r f; do
	mkdir -p "$dest/$(dirname "$f")"
	cmp -s "$tmp/$f" "$dest/$f" || cp "$tmp/$f" "$dest/$f"
done
rm -rf "$tmp"
grep -rqs __NR_hello_syscall "$dest/include/asm" "$dest/include/asm-generic" ||
	echo "headers.sh: note: no __NR_hello_syscall in $dest/include (an unpatched tree?)"
