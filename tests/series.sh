#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/series.sh: make patch's series (scripts/patch/mkseries.sh) for 6.12:
# patches 1-3 apply with git am to the pristine files and give exactly what
# the patcher writes; the man-pages patch applies to a man-pages layout;
# checkpatch --strict on each reports nothing but the missing Signed-off-by
# (and two of its false positives, named below).
# check: host -- make patch: the series applies with git am, checkpatch clean; KERNEL_SRC=
. "$(dirname "$0")/lib.sh"
scratch
plan 11
tarball=/usr/src/linux-source-6.12.tar.xz
top=linux-source-6.12
# Who signs the patches off, as a user would give it.
export SIGNOFF="Ada Tester <ada@example.org>"
if ! "$ROOT/scripts/patch/mkseries.sh" "$PATCHER" "$tarball" "$T/series" >"$T/mk.log" 2>&1; then
	fail "make patch: the series is made" "$(tail -3 "$T/mk.log")"
	done_tests
fi
# the pristine files, and checkpatch from the same source
for d in am ref cp; do "$ROOT/scripts/patch/pristine.sh" "$tarball" "$T/$d" >/dev/null; done
for d in am ref; do
	rm "$T/$d/$top/scripts/checkpatch.pl" "$T/$d/$top/scripts/spelling.txt" \
		"$T/$d/$top/scripts/const_structs.checkpatch"
done
git -C "$T/am/$top" init -q && git -C "$T/am/$top" add -A &&
	git -C "$T/am/$top" -c user.name=t -c user.email=t@t commit -q -m pristine
if git -C "$T/am/$top" -c user.name=t -c user.email=t@t am -q "$T"/series/000[123]-*.patch >"$T/am.log" 2>&1; then
	pass "patches 1-3 apply to the pristine 6.12 files with git am"
else
	fail "patches 1-3 apply to the pristine 6.12 files with git am" "$(head -3 "$T/am.log")"
fi
P -q apply "$T/ref/$top" >/dev/null 2>&1
d=$(diff -r -x .git -x .hello_syscall -x MAINTAINERS "$T/ref/$top" "$T/am/$top" 2>&1)
[ -z "$d" ] && pass "the applied series is what the patcher writes" ||
	fail "the applied series is what the patcher writes" "$(echo "$d" | head -3)"
m=$T/man-pages
mkdir -p "$m" && git -C "$m" init -q &&
	git -C "$m" -c user.name=t -c user.email=t@t commit -q --allow-empty -m empty
# shellcheck disable=SC2012 # man page names, plain
if git -C "$m" -c user.name=t -c user.email=t@t am -q "$T"/series/0004-*.patch >"$T/am-man.log" 2>&1 &&
	[ "$(ls "$m/man/man2" | wc -l)" -eq "$(ls "$ROOT"/man/*.2 | wc -l)" ]; then
	pass "the man-pages patch applies and adds every page"
else
	fail "the man-pages patch applies and adds every page" "$(head -3 "$T/am-man.log")"
fi
# ENOSYS: the selftests expect it where it means "no such call".
# EMBEDDED_FILENAME: 'source "my_syscalls/Kconfig"' in the file Kconfig.
# FILE_PATH_CHANGES in patch 4 only: the man-pages tree has no MAINTAINERS.
out=
for p in "$T"/series/000[1-4]-*.patch; do
	ign=ENOSYS,EMBEDDED_FILENAME
	case $p in */0004-*) ign=$ign,FILE_PATH_CHANGES ;; esac
	out="$out$(perl "$T/cp/$top/scripts/checkpatch.pl" --strict --no-tree --terse --ignore $ign "$p" 2>&1 |
		grep -v '^total')"
done
[ -z "$out" ] && pass "checkpatch --strict: nothing but the false positives named above" ||
	fail "checkpatch --strict: nothing but the false positives named above" "$out"
# Signed off by SIGNOFF, who is the maintainer too; subjects fit in 75
# characters with their [PATCH n/m]; no one to sign: no series.
n=$(grep -l "^Signed-off-by: $SIGNOFF\$" "$T"/series/000[1-4]-*.patch | wc -l)
if [ "$n" -eq 4 ] && grep -q "^+M:	$SIGNOFF\$" "$T"/series/0001-*.patch; then
	pass "every patch signed off by SIGNOFF, the MAINTAINERS M: line too"
else
	fail "every patch signed off by SIGNOFF, the MAINTAINERS M: line too" "$n of 4 signed off"
fi
long=$(for p in "$T"/series/000*.patch; do
	awk '/^Subject: / { s = $0; getline; while ($0 ~ /^ /) { s = s $0; getline } print substr(s, 10) }' "$p"
done | awk 'length($0) > 75')
[ -z "$long" ] && pass "every subject fits in 75 characters" || fail "every subject fits in 75 characters" "$long"
if (cd "$T" && env -u SIGNOFF HOME="$T/nohome" GIT_CONFIG_NOSYSTEM=1 "$ROOT/scripts/patch/mkseries.sh" "$PATCHER" "$tarball" \
	"$T/unsigned") >"$T/unsigned.log" 2>&1 || ! grep -q 'give SIGNOFF=' "$T/unsigned.log" || [ -e "$T/unsigned" ]; then
	fail "no one to sign off: no series, and the message says what to give" "$(cat "$T/unsigned.log")"
else
	pass "no one to sign off: no series, and the message says what to give"
fi

# make patch KERNEL_SRC=: against that tree's own files, not Debian's. A
# tree of 6.12's files whose x86_64 table has one call more (463), so the
# calls start at 464 there.
own=$("$ROOT/scripts/patch/pristine.sh" "$tarball" "$T/own")
awk '{ print } /^462[ \t]/ { print "463\tcommon\tfake_call\t\tsys_fake_call" }' \
	"$own/arch/x86/entry/syscalls/syscall_64.tbl" > "$T/tbl" &&
	mv "$T/tbl" "$own/arch/x86/entry/syscalls/syscall_64.tbl"
tag=$(make -s -C "$ROOT" print-TAG KERNEL_SRC="$own")
trap 'rm -rf "$T" "$B/patch/series-$tag"-* "$B/patch/hello_syscall-$tag.patch"' EXIT
make -C "$ROOT" --no-print-directory patch KERNEL_SRC="$own" >"$T/own.log" 2>&1
if grep -qP '^\+464\tcommon\thello_syscall\t' "$B/patch/hello_syscall-$tag.patch" &&
	grep -qP '^ 463\tcommon\tfake_call\t' "$B/patch/hello_syscall-$tag.patch"; then
	pass "make patch KERNEL_SRC=: the patch is against that tree (hello_syscall 464)"
else
	fail "make patch KERNEL_SRC=: the patch is against that tree (hello_syscall 464)" "$(tail -n 3 "$T/own.log")"
fi
# One series per call by default: hello_syscall's (with hello_syscall_arg),
# then greet's and counters', each on top of hello_syscall's: only its own
# calls in its subjects and patches, git's prerequisite-patch-id lines name
# hello_syscall's patches, and the two apply in turn with git am.
S=$B/patch/series-$tag
subj() { sed -n 's/^Subject: \[PATCH [0-9/]*\] //p' "$1"/000[123]-*.patch | paste -sd'|' -; }
want="syscalls: add greet()|arch: wire up greet()|selftests: add tests of greet()"
if [ "$(subj "$S-greet")" = "$want" ] && [ -d "$S-counters" ] && [ ! -e "$S" ] &&
	! grep -q 'counters\|^+.*hello_syscall' "$S-greet"/000[123]-*.patch &&
	grep -q '^+.*sys_hello_syscall_arg' "$S-hello_syscall"/0001-*.patch &&
	! grep -q 'greet' "$S-hello_syscall"/*.patch; then
	pass "make patch: one series per call, each with its own calls alone"
else
	fail "make patch: one series per call, each with its own calls alone" "greet's subjects: $(subj "$S-greet"); $(ls -d "$S"*)"
fi
# greet's series alone: patch 1 adds my_syscalls/greet.c, which
# hello_syscall's MAINTAINERS section (F: my_syscalls/) covers already.
out=
for p in "$S-greet"/000[1-4]-*.patch; do
	out="$out$(perl "$T/cp/$top/scripts/checkpatch.pl" --strict --no-tree --terse \
		--ignore ENOSYS,FILE_PATH_CHANGES "$p" 2>&1 | grep -v '^total')"
done
[ -z "$out" ] && pass "checkpatch --strict on greet's series: nothing but the false positives named above" ||
	fail "checkpatch --strict on greet's series: nothing but the false positives named above" "$out"
ids=$(for p in "$S-hello_syscall"/000[123]-*.patch; do git patch-id --stable < "$p" | cut -d' ' -f1; done)
rm -rf "$own/.hello_syscall"
git -C "$own" init -q && git -C "$own" add -A &&
	git -C "$own" -c user.name=t -c user.email=t@t commit -q -m pristine
if [ "$(sed -n 's/^prerequisite-patch-id: //p' "$S-greet/0000-cover-letter.patch")" = "$ids" ] &&
	git -C "$own" -c user.name=t -c user.email=t@t am -q "$S-hello_syscall"/000[123]-*.patch \
		"$S-greet"/000[123]-*.patch >"$T/am-own.log" 2>&1 &&
	grep -qP '^464\tcommon\thello_syscall\t' "$own/arch/x86/entry/syscalls/syscall_64.tbl" &&
	grep -qP '^466\tcommon\tgreet\t' "$own/arch/x86/entry/syscalls/syscall_64.tbl"; then
	pass "make patch KERNEL_SRC=: hello_syscall's series, then greet's on top (its prerequisites), apply to that tree with git am"
else
	fail "make patch KERNEL_SRC=: hello_syscall's series, then greet's on top (its prerequisites), apply to that tree with git am" \
		"$(head -n 3 "$T/am-own.log")"
fi
done_tests
