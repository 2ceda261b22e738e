#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# unpack.sh TARBALL DEST: DEST becomes the tree of TARBALL (Debian's
# linux-source-K.tar.xz, whose one top folder is linux-source-K), whole or
# not at all: unpacked beside it, then renamed; DEST/.unpacked says it is
# whole. make runs it through stage.sh, which holds the project's lock, so
# a second make that waited for it finds the tree there and leaves it.
set -eu
[ $# -eq 2 ] || { echo "usage: unpack.sh TARBALL DEST" >&2; exit 2; }
tarball=$1 dest=$2
if [ -f "$dest/.unpacked" ]; then
	echo "$dest: unpacked already"
	exit 0
fi
tmp=$(dirname "$dest")/.unpack-$(basename "$dest")
rm -rf "$tmp" "$dest"
mkdir -p "$tmp"
tar -C "$tmp" -xf "$tarball"
mv "$tmp/$(basename "$tarball" .tar.xz)" "$dest"
rmdir "$tmp"
touch "$dest/.unpacked"
