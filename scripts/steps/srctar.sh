#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# srctar.sh [-x] TARBALL: prints the path of TARBALL (Debian's
# linux-source-K.tar.xz) decompressed, made once under build/cache/; with -x,
# the path of the tree unpacked from it (its top folder, linux-source-K).
# Reading the .tar.xz costs xz's whole stream each time (1.5 GB for 6.12);
# the tests and make patch read the same tarball several times a run, and
# the plain tar reads in a second. The tree is for hard-linked copies
# (cp -al) of tests that change files only by renaming new ones over them,
# as the patcher and patch(1) do: it must never be written to.
# The copies are named by the tarball's size and date, so a new package
# makes new ones (the older ones of that name go); two callers at once wait
# for one copy (flock), and a copy is complete or absent.
set -eu
tree=
[ "${1-}" = -x ] && { tree=1; shift; }
[ $# -eq 1 ] || { echo "usage: srctar.sh [-x] TARBALL" >&2; exit 2; }
xz=$1
[ -f "$xz" ] || { echo "srctar.sh: $xz missing; run 'make deps'" >&2; exit 2; }
name=$(basename "$xz" .xz)
top=$(basename "$name" .tar)
cache=$(cd "$(dirname "$0")/../.." && pwd)/build/cache
dir=$cache/$(stat -L -c '%s-%Y' "$xz")
mkdir -p "$cache"
exec 9>"$cache/$name.lock"
flock 9
if [ ! -f "$dir/$name" ]; then
	# this name's older copies, and their folders if nothing else is there
	for d in "$cache"/*/; do
		[ -e "$d$name" ] || [ -e "$d$name.tmp" ] || [ -e "$d$top" ] || [ -e "$d$top.tmp" ] || continue
		rm -rf "$d$name" "$d$name.tmp" "$d$top" "$d$top.tmp"
		rmdir "$d" 2>/dev/null || true
	done
	mkdir -p "$dir"
	xz -dc "$xz" > "$dir/$name.tmp"
	mv "$dir/$name.tmp" "$dir/$name"
fi
[ -n "$tree" ] || { echo "$dir/$name"; exit 0; }
if [ ! -d "$dir/$top" ]; then
	rm -rf "$dir/$top.tmp"
	mkdir "$dir/$top.tmp"
	tar -C "$dir/$top.tmp" -xf "$dir/$name"
	mv "$dir/$top.tmp/$top" "$dir/$top"
	rmdir "$dir/$top.tmp"
fi
echo "$dir/$top"
