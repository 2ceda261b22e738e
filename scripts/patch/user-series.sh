#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# user-series.sh PATCHER KERNELDIR TREE OUTDIR NAME...: the calls NAME...
# that the user of TREE wrote by hand (scripts/steps/doctor.sh lists them)
# as a git format-patch series: a patch per call, in the table's order,
# with a cover letter, against TREE without those calls. Each patch holds
# what its call added (the files as the tree had them before the project's
# patch, PATCHER pristine):
#   - its lines in every syscall table (*.tbl), its prototype in
#     <linux/syscalls.h>, its COND_SYSCALL lines in kernel/sys_ni.c;
#   - in a folder of the user's (a top-level folder Linux has not), the
#     file that defines it, its object in the folder's Makefile, and, with
#     the first call of the folder, the folder's other files and the
#     line (or the core-y word) that builds the folder;
#   - in a file of Linux's own (kernel/sys.c, say), its SYSCALL_DEFINEn
#     block, with the comment right above it.
# Every patch is signed off by SIGNOFF="Name <mail>" (default: git's
# user.name and user.email). The series applies with git am to the tree
# the user started from.
set -eu
[ $# -ge 5 ] || { echo "usage: user-series.sh PATCHER KERNELDIR TREE OUTDIR NAME..." >&2; exit 2; }
patcher=$1 kdir=$2 t=$(cd "$3" && pwd) out=$4
shift 4
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
new=$out.new.$$
trap 'rm -rf "$tmp" "$new"' EXIT

# The tree's calls written by hand, in the table's order; those asked for.
"$root/scripts/steps/doctor.sh" list "$patcher" "$kdir" "$t" | awk '{ print $1 }' >"$tmp/theirs"
for c in "$@"; do
	grep -qxF "$c" "$tmp/theirs" || {
		echo "user-series.sh: $c is not a call written by hand in $t" >&2
		echo "  the tree's calls written by hand: $(paste -sd' ' "$tmp/theirs")" >&2
		exit 2
	}
done
printf '%s\n' "$@" | grep -xFf - "$tmp/theirs" >"$tmp/calls"
ncalls=$(wc -l <"$tmp/calls")

. "$root/scripts/patch/signoff.sh"

# pristine FILE: TREE's FILE before the project's patch (the user's own)
pristine() { "$patcher" -k "$kdir" pristine "$t" "$1" 2>/dev/null; }
# Linux's own top-level folders: a call defined elsewhere is in a folder of the user's.
linux_dirs=" arch block certs crypto drivers fs include init io_uring ipc kernel lib mm net rust samples scripts security sound usr virt tools Documentation LICENSES "

# Where each call is: "INDEX NAME FILE FOLDER FILENEW FOLDERNEW", INDEX
# 0 for a call of the tree's that the series leaves out. FOLDER: the
# user's top-level folder, or - for a file of Linux's own. FILENEW 1: the
# file holds calls of the series only, so the series adds it; FOLDERNEW 1:
# the same for the folder (the series adds it, and the line that builds it).
grep -rlE --include='*.c' 'SYSCALL_DEFINE[0-6]\(' "$t" 2>/dev/null |
	grep -v "^$t/\(tools\|Documentation\|\.hello_syscall\)/" >"$tmp/cfiles"
i=0
while read -r c; do
	if grep -qxF "$c" "$tmp/calls"; then i=$((i + 1)) n=$i; else n=0; fi
	f=$(xargs -d '\n' grep -lE "SYSCALL_DEFINE[0-6]\(${c}[,)]" <"$tmp/cfiles" | head -n 1)
	if [ -z "$f" ]; then
		[ "$n" = 0 ] && continue
		echo "user-series.sh: $c: no SYSCALL_DEFINEn($c, ...) in $t (make doctor says more)" >&2
		exit 2
	fi
	rel=${f#"$t"/} top=${rel%%/*}
	case $linux_dirs in
	*" $top "*) top=- ;;
	esac
	[ "$top" != "$rel" ] || top=-
	echo "$n $c $rel $top"
done <"$tmp/theirs" | awk '
	{ l[NR] = $0; split($0, w, " "); if (w[1] == 0) { oldf[w[3]] = 1; oldd[w[4]] = 1 } }
	END {
		for (j = 1; j <= NR; j++) {
			split(l[j], w, " ")
			if (w[1] > 0)
				print l[j], (w[4] != "-" && !(w[3] in oldf)), (w[4] != "-" && !(w[4] in oldd))
		}
	}' >"$tmp/where"

# The files the series touches: the tables and headers that name a call,
# the top Makefile and Kbuild (the folder's hook), the calls' files and
# their folders' files.
{
	for f in $(cd "$t" && ls -d arch/*/entry/syscalls/*.tbl arch/*/kernel/syscalls/*.tbl \
		arch/*/tools/syscall*.tbl scripts/syscall.tbl include/linux/syscalls.h kernel/sys_ni.c 2>/dev/null); do
		pristine "$f" | grep -qFf "$tmp/calls" && echo "$f"
	done
	[ -f "$t/Kbuild" ] && echo Kbuild
	echo Makefile
	awk '{ print $3 }' "$tmp/where"
	awk '$4 != "-" { print $4 }' "$tmp/where" | sort -u | while read -r d; do
		(cd "$t" && find "$d" -type f ! -name '*.o' ! -name '*.cmd' ! -name '.*' ! -name '*.a' \
			! -name 'modules.order' ! -name '*.mod*')
	done
} | sort -u >"$tmp/files"

# version FILE K: FILE as it is with the calls 1..K of the series and
# none of the later ones (exit 1: the file is not there yet)
version() {
	f=$1 k=$2 top=${1%%/*}
	pristine "$f" >"$tmp/cur" || cp "$t/$f" "$tmp/cur"
	# a file the series adds: there from its first call on; a file of a
	# folder the series adds: from the folder's first call on
	first=$(awk -v d="$top" -v f="$f" '$3 == f && $5 { print $1; exit }
		$4 == d && $6 && !n { n = $1 } END { if (n) print n }' "$tmp/where" | head -n 1)
	[ -z "$first" ] || [ "$first" -le "$k" ] || return 1
	awk -v k="$k" -v f="$f" -v where="$tmp/where" '
		BEGIN {
			while ((getline l < where) > 0) {
				split(l, w, " ")
				idx[w[2]] = w[1]
				obj = w[3]; sub(/.*\//, "", obj); sub(/\.c$/, ".o", obj)
				if (w[6] && !(w[4] in dfirst)) dfirst[w[4]] = w[1]
				if (w[5]) oidx[w[4] "/" obj] = w[1]
			}
			dir = f; if (!sub(/\/[^\/]*$/, "", dir)) dir = ""
		}
		# a table line: its call is the third field
		f ~ /\.tbl$/ { if ($3 in idx && idx[$3] > k) next; print; next }
		f == "include/linux/syscalls.h" {
			if (skip) { if (/\);/) skip = 0; next }
			if (match($0, /sys_[A-Za-z0-9_]+\(/)) {
				n = substr($0, RSTART + 4, RLENGTH - 5)
				if (n in idx && idx[n] > k) { if (!/\);/) skip = 1; next }
			}
			print; next
		}
		f == "kernel/sys_ni.c" {
			if (match($0, /^COND_SYSCALL(_COMPAT)?\([A-Za-z0-9_]+\);/)) {
				n = $0; sub(/^[^(]*\(/, "", n); sub(/\).*/, "", n)
				if (n in idx && idx[n] > k) next
			}
			print; next
		}
		# the top Makefile and Kbuild: the folders of the user
		f == "Makefile" || f == "Kbuild" {
			for (d in dfirst) if (dfirst[d] > k) {
				if ($0 ~ "^obj-y[ \t]*[:+]?=[ \t]*" d "/[ \t]*$") next
				if ($0 ~ /^core-y[ \t]*[:+]?=/ && index($0, " " d "/")) {
					sub("[ \t]" d "/", "")
					if ($0 ~ /^core-y[ \t]*[:+]?=[ \t]*$/) next
				}
			}
			print; next
		}
		# a folder of the user, whose Makefile names the objects of the calls
		f ~ /^[^\/]+\/(Makefile|Kbuild)$/ {
			if ($0 ~ /^obj-/) {
				# the line as it is, unless it names the object of a later call
				had = 0; gone = 0; out = ""
				nw = split($0, words, /[ \t]+/)
				for (j = 1; j <= nw; j++) {
					if (words[j] ~ /\.o$/) had++
					if ((dir "/" words[j]) in oidx && oidx[dir "/" words[j]] > k) { gone++; continue }
					out = out (out == "" ? "" : " ") words[j]
				}
				if (gone && gone == had) next
				if (gone) $0 = out
			}
			print; next
		}
		# a C file: the SYSCALL_DEFINEn blocks of later calls, with the
		# comment above each, are not there yet
		f ~ /\.c$/ {
			held[++nh] = $0
			if ($0 ~ /^SYSCALL_DEFINE[0-6]\(/) {
				n = $0; sub(/^[^(]*\(/, "", n); sub(/[,)].*/, "", n)
				if (n in idx && idx[n] > k) {
					# drop the comment block (and a blank line) just above
					e = nh - 1
					if (held[e] ~ /\*\/[ \t]*$/) { while (e > 0 && held[e] !~ /^\/\*/) e--; e-- }
					if (e > 0 && held[e] == "") e--
					nh = e; drop = 1; next
				}
			}
			if (drop) { nh--; if ($0 ~ /^}/) drop = 0 }
			next
		}
		{ print }
		END { for (j = 1; j <= nh; j++) print held[j] }' "$tmp/cur"
}

G() { git -C "$tmp/g" -c user.name="$name" -c user.email="$mail" -c commit.gpgsign=false "$@"; }
# tree K: the files as they are with the first K calls, in $tmp/g
tree() {
	while read -r f; do
		rm -f "$tmp/g/$f"
		mkdir -p "$tmp/g/$(dirname "$f")"
		if version "$f" "$1" >"$tmp/v"; then cp "$tmp/v" "$tmp/g/$f"; fi
	done <"$tmp/files"
}
mkdir -p "$tmp/g"
G init -q
tree 0
G add -A
G commit -q --allow-empty -m "the tree without the calls"
while read -r i c rel top _; do
	nr=$(awk -v c="$c" '$3 == c { print $1; exit }' "$t/arch/x86/entry/syscalls/syscall_64.tbl")
	# "FOLDER: add ..." for a folder of the user's, else "syscalls: add ..."
	prefix=$top
	[ "$top" != - ] || prefix=syscalls
	tree "$i"	# (it sets top: after prefix)
	G add -A
	G commit -q -s -m "$prefix: add the $c() system call" \
		-m "$(echo "Add the system call $c(), number $nr in the x86_64 table, defined in $rel." | fmt -w 72)" 2>/dev/null ||
		{ echo "user-series.sh: $c: no change to make a patch of" >&2; exit 1; }
done <"$tmp/where"
final=$out out=$new
rm -rf "$out"
mkdir -p "$out"
G format-patch -q --cover-letter --thread -o "$out" --to=linux-kernel@vger.kernel.org \
	--cc=linux-api@vger.kernel.org "HEAD~$ncalls"
list=$(awk '{ printf "%s%s()", s, $2; s = ", " }' "$tmp/where")
sed -i "s/\*\*\* SUBJECT HERE \*\*\*/Add the system calls $list/; /^base-commit: /d" "$out/0000-cover-letter.patch"
why=${WHY:-}
[ -z "${WHY_FILE:-}" ] || why=$(cat "$WHY_FILE")
[ -n "$why" ] || why="*** WHY: what these calls are for, and why no existing call does it (make patch WHY=... or WHY_FILE=...) ***"
printf '%s\n\nThis series adds %s, a patch each.\n' "$why" "$list" | fmt -w 72 >"$tmp/blurb"
sed -i "/\*\*\* BLURB HERE \*\*\*/{
r $tmp/blurb
d
}" "$out/0000-cover-letter.patch"
rm -rf "$final"
mv "$out" "$final"
