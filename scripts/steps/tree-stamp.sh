#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tree-stamp.sh STAMP TREE CC: makes STAMP new when the kernel tree TREE or
# the compiler CC changed since STAMP was last made, and leaves it alone
# otherwise; make builds again what depends on STAMP (the kernel, make deb's
# packages), and kbuild then finds what changed.
# Seen: every file and folder of TREE newer than STAMP (an edit, a new file,
# a removed or renamed one through its folder's date), but .hello_syscall/,
# the patcher's own notes, which kbuild never reads; and CC's version line,
# kept in STAMP. Not seen, by this or by kbuild, which compares dates too: a
# file put back with an older date (tar -x, cp -p, touch -d).
set -eu
[ $# -eq 3 ] || { echo "usage: tree-stamp.sh STAMP TREE CC" >&2; exit 2; }
stamp=$1 tree=$2 cc=$3
[ -d "$tree" ] || { echo "tree-stamp.sh: no tree at $tree" >&2; exit 2; }
id=$("$cc" --version 2>/dev/null | head -n 1) || id=
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$id" ] &&
	[ -z "$(find "$tree" -path "$tree/.hello_syscall" -prune -o -newer "$stamp" -print -quit)" ]; then
	exit 0
fi
mkdir -p "$(dirname "$stamp")"
printf '%s\n' "$id" > "$stamp.$$"
mv "$stamp.$$" "$stamp"
