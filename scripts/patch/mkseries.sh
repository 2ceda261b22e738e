#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# mkseries.sh PATCHER SOURCE OUTDIR: the project's change to the pristine
# kernel in SOURCE (a tarball, or a tree: its files as they were before the
# patcher) as a git format-patch series laid out as the kernel's
# guide (Documentation/process/adding-syscalls.rst) asks: the calls with
# their generic table entries, prototypes, Kconfig and COND_SYSCALL; the
# wiring in every architecture's table; the selftests; a cover letter with the lists to write to. The man
# pages are one more patch, for the man-pages project's tree (man/man2/).
# CALLS="a b" makes the series of that group of calls alone. hello_syscall
# and hello_syscall_arg make my_syscalls/ and the rest build on them: a
# group without them is a series on top of theirs (made first, not
# written; git's base-commit and prerequisite-patch-id lines name it), a
# group with them holds them. Every patch is signed off by SIGNOFF="Name <mail>" (default: git's
# user.name and user.email), who is also the MAINTAINERS entry's M:; there
# is no series without one. The cover letter says why (WHY="text", or
# WHY_FILE=file), the ABI (numbers per table, struct sizes) and how it was
# tested (make check's last verdict, when there is one).
set -eu
patcher=$1 source=$2 out=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
new=$out.new.$$
trap 'rm -rf "$tmp" "$new"' EXIT
k=$(PATCHER=$patcher "$root/scripts/patch/pristine.sh" "$source" "$tmp")
subset() { "$root/scripts/patch/project-subset.sh" "$(dirname "$patcher")/newcall" "$@"; }
# CALLS="a b": only those of the calls make new-call made (scripts/patch/project-subset.sh)
# shellcheck disable=SC2086 # one argument per call
proj=$(subset "$tmp/proj" ${CALLS:-})
# names PROJ: the calls in PROJ's table
names() { awk '!/^#/ && NF { print $1 }' "$1/kernel/syscalls.tbl"; }
# A group without the two calls the others build on goes on top of theirs.
base=
mine=$(names "$proj")
if [ -n "${CALLS:-}" ] && ! printf '%s\n' $CALLS | grep -qx 'hello_syscall\|hello_syscall_arg'; then
	base=$(subset "$tmp/base" hello_syscall)
	mine=$(names "$proj" | grep -vxF "$(names "$base")")
fi
# checkpatch is not part of the change
rm -f "$k/scripts/checkpatch.pl" "$k/scripts/spelling.txt" "$k/scripts/const_structs.checkpatch"
calls=$(echo "$mine" | awk '{ printf "%s%s()", sep, $1; sep = ", " }')
ncalls=$(echo "$mine" | wc -l)
first=$(echo "$mine" | head -n 1)
signoff=${SIGNOFF:-}
if [ -z "$signoff" ] && git config user.name >/dev/null && git config user.email >/dev/null; then
	signoff="$(git config user.name) <$(git config user.email)>"
fi
case $signoff in
*" <"*@*">") ;;
*)	echo "mkseries.sh: no one to sign the patches off: give SIGNOFF=\"Name <mail>\"" >&2
	echo "  (or git config --global user.name/user.email); a patch needs a Signed-off-by" >&2
	exit 2 ;;
esac
name=${signoff% <*} mail=${signoff##*<}
mail=${mail%>}
# subject PREFIX WHAT: 'PREFIX: WHAT all calls', or a count where the list
# would take the subject, with its "[PATCH n/m] ", past 75 characters
subject() {
	s="$1: $2 $calls"
	[ ${#s} -le 62 ] || s="$1: $2 $first() and $((ncalls - 1)) more calls"
	echo "$s"
}
G() { gd=$1; shift; git -C "$gd" -c user.name="$name" -c user.email="$mail" \
	-c commit.gpgsign=false "$@"; }
commit() {	# DIR SUBJECT BODY PATHS...
	d=$1 subject=$2 body=$3
	shift 3
	G "$d" add -A -- "$@"
	G "$d" commit -q -s -m "$subject" -m "$body"
}
G "$k" init -q
echo "/.hello_syscall/" >> "$k/.git/info/exclude"
G "$k" add -A && G "$k" commit -q -m "pristine $(basename "$source")"
# A MAINTAINERS section for the new files, before the first title that
# sorts after its own; each patch that adds files adds their lines to it.
title="MY_SYSCALLS SYSTEM CALLS"
cp "$k/MAINTAINERS" "$tmp/MAINTAINERS.orig"
maintainers() {	# PROJ [SELFTESTS-PROJ]: PROJ's files, and the selftests of the second
	{
		echo "$title"
		echo "M:	$name <$mail>"
		echo "S:	Maintained"
		{
			for h in "$1"/kernel/uapi/*.h; do
				[ -f "$h" ] && echo "F:	include/uapi/linux/$(basename "$h")"
			done
			echo "F:	my_syscalls/"
			[ -n "${2:-}" ] && for d in "$2"/kernel/selftests/*/; do
				echo "F:	tools/testing/selftests/$(basename "$d")/"
			done
		} | LC_ALL=C sort
		echo
	} > "$tmp/section"
	awk -v title="$title" -v file="$tmp/section" '
		!done && prev == "" && /^[A-Za-z0-9]/ && toupper($0) > title && seen {
			while ((getline l < file) > 0) print l; done = 1 }
		/^[A-Z]:\t/ { seen = 1 }
		{ print; prev = $0 }' "$tmp/MAINTAINERS.orig" > "$k/MAINTAINERS"
}
# three PROJ [PREVIOUS-PROJ]: the three patches of PROJ's calls, on top of
# those of PREVIOUS-PROJ's
three() {
	"$patcher" -q -k "$1/kernel" apply "$k"
	maintainers "$1" "${2:-}"
	commit "$k" "$(subject syscalls add)" \
"New system calls, in their own directory my_syscalls/, each with its own
Kconfig option (off: the call fails with ENOSYS through COND_SYSCALL), its
prototype in <linux/syscalls.h> and its entry in the generic syscall table.
The calls and what each returns are described in their kernel-doc." \
		my_syscalls Kconfig Kbuild Makefile kernel include scripts MAINTAINERS
	commit "$k" "$(subject arch "wire up")" \
"Give the new calls their numbers in every architecture's table, one number
everywhere (alpha's tables add 110); every ABI passes their arguments
alike, so no compat entry point is needed (s390's compat column names the
same one)." \
		arch
	maintainers "$1" "$1"
	commit "$k" "$(subject selftests "add tests of")" \
"Each error the calls return, made to happen once, for 64- and 32-bit
callers; ENOSYS when a call is compiled out." \
		tools MAINTAINERS
}
pristine=$(G "$k" rev-parse HEAD)
if [ -n "$base" ]; then
	# the base series' patches (the same as its own series has: git's
	# patch ids match), then the tree taken back and patched with all
	three "$base"
	"$patcher" -q revert "$k"
fi
three "$proj" "$base"
# The series is written beside OUTDIR and takes its place whole at the end:
# a run killed half-way leaves no OUTDIR that make would take as done, and
# two runs at once do not write into one folder.
final=$out out=$new
rm -rf "$out"
mkdir -p "$out"
# On top of the base series: git's prerequisite-patch-id lines name its
# patches; its base-commit line would name a commit of this script's own.
G "$k" format-patch -q --cover-letter --thread -o "$out" ${base:+--base=$pristine} \
	--to=linux-kernel@vger.kernel.org --cc=linux-api@vger.kernel.org \
	--cc=linux-kselftest@vger.kernel.org --cc=x86@kernel.org HEAD~3
sed -i '/^base-commit: /d' "$out"/*.patch
# added DIR SUFFIX: the files *SUFFIX of the project's DIR this series adds
added() {
	for f in "$proj/$1"/*"$2"; do
		[ -e "$f" ] || continue
		[ -n "$base" ] && [ -e "$base/$1/${f##*/}" ] && continue
		echo "$f"
	done
}
cover=$out/0000-cover-letter.patch
sed -i "s/\*\*\* SUBJECT HERE \*\*\*/$(subject syscalls add)/" "$cover"
blurb=$tmp/blurb
why=${WHY:-}
[ -z "${WHY_FILE:-}" ] || why=$(cat "$WHY_FILE")
[ -n "$why" ] || why="*** WHY: what these calls are for, and why no existing call does it (make patch WHY=... or WHY_FILE=...) ***"
{
	echo "$why" | fmt -w 72
	echo
	echo "This series adds $calls, as the kernel's guide" \
		"(Documentation/process/adding-syscalls.rst) lays a new call out: patch 1" \
		"the calls with their Kconfig options, prototypes and generic table" \
		"entries, patch 2 the wiring in every architecture's table, patch 3 the selftests; the man pages" \
		"follow as a patch for the man-pages project (Cc linux-man)." | fmt -w 72
	[ -z "$base" ] || echo "It applies on top of the series that adds hello_syscall() and" \
		"hello_syscall_arg() and their my_syscalls/ (make patch CALLS=hello_syscall)," \
		"whose patches the prerequisite-patch-id lines below name." | fmt -w 72
	echo
	echo "ABI (the numbers as $(basename "$source") has them free; one number"
	echo "in every table, as for every call since 424, alpha's 110 higher):"
	for c in $mine; do
		nrs=$(find "$k/arch" "$k/scripts" -name '*.tbl' ! -path '*/alpha/*' -exec cat {} + 2>/dev/null |
			awk -v c="$c" '$3 == c { print $1 }' | sort -u | paste -sd/ -)
		echo "  $c(): $nrs"
	done
	for h in $(added kernel/uapi .h); do
		sed -n 's/^#define \([A-Z0-9_]*_SIZE_VER0\)\t*\([0-9]*\).*/  \1: \2 bytes, 32- and 64-bit callers alike/p' "$h"
	done
	echo
	echo "Tested with hello_syscall's make check (the kernel built from this tree,"
	echo "booted in QEMU; the selftests as 64- and 32-bit programs):"
	if [ -f "$root/build/check/results" ]; then
		printf '  %s passed, %s failed, %s skipped\n' "$(grep -c '^PASS' "$root/build/check/results")" \
			"$(grep -c '^FAIL' "$root/build/check/results")" "$(grep -c '^SKIP' "$root/build/check/results")"
	else
		echo "  *** not run yet: run make check, then make patch again ***"
	fi
	echo
	echo "Generated by hello_syscall's 'make patch' from $(basename "$source")."
} > "$blurb"
sed -i -e "/\*\*\* BLURB HERE \*\*\*/r $blurb" -e "/\*\*\* BLURB HERE \*\*\*/d" "$cover"
# The man pages, for the man-pages project's tree.
pages=$(added man .2)
if [ -n "$pages" ]; then
	m=$tmp/man-pages
	mkdir -p "$m/man/man2"
	G "$m" init -q
	G "$m" commit -q --allow-empty -m "empty"
	# shellcheck disable=SC2086 # one argument per page
	cp $pages "$m/man/man2/"
	commit "$m" "man2: add $(for f in $pages; do basename "$f"; done | paste -sd, - | sed 's/,/, /g')" \
"$(echo "Draft pages of the new system calls $calls." | fmt -w 72)" man
	G "$m" format-patch -q -o "$out" --start-number 4 --subject-prefix="PATCH man-pages" \
		--to=linux-man@vger.kernel.org --cc=linux-api@vger.kernel.org HEAD~1
fi
# one run at a time takes the place (another may be doing the same)
flock "$final.lock" sh -c 'rm -rf "$1" && mv -T "$2" "$1"' sh "$final" "$out"
ls "$final"
