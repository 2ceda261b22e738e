#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/newcall-guest.sh: every prototype of tests/newcall/good.specs added
# with make new-call to a copy of the project (build/newcall/proj), which
# then builds its 6.12 kernel, boots it and runs the calls' selftests, 64-
# and 32-bit and from x86_64's other ABIs (x32); its my_syscalls/ built
# with W=1 and sparse, the generated files checkpatch --strict clean, the
# man pages lint-clean.
# The copy keeps its build/ between runs (only changed files are copied in),
# so a second run rebuilds nothing.
# check: kernel -- make new-call: generated calls build, boot, pass their selftests
. "$(dirname "$0")/lib.sh"
S=$B/newcall
P=$S/proj
plan 7
rm -rf "$S/stage"
mkdir -p "$S/stage" "$P"
rsync -a --exclude /build --exclude /.git "$ROOT/" "$S/stage/"
ok=1
# names checked against the project's own 6.12 tree (the copy has none yet)
tree=$(mkvar PSRC KERNEL=6.12)
grep -v '^#' "$ROOT/tests/newcall/good.specs" | while read -r spec; do
	make -C "$S/stage" --no-print-directory new-call SPEC="$spec" KERNEL_SRC="$tree" >>"$S/new-call.log" 2>&1 ||
		{ echo "# make new-call SPEC='$spec' failed" >&2; exit 1; }
done || ok=0
[ $ok = 1 ] && pass "make new-call: every prototype of good.specs" ||
	fail "make new-call: every prototype of good.specs" "see $S/new-call.log"
# Unchanged files keep their dates in the copy: no -t, and -c compares contents.
rsync -rlpc --delete --exclude /build "$S/stage/" "$P/"

if make -C "$P" --no-print-directory kernel guest KERNEL=6.12 >"$S/build.log" 2>&1; then
	pass "the copy's 6.12 kernel and initramfs build"
else
	fail "the copy's 6.12 kernel and initramfs build" "$(grep -m3 -i 'error' "$S/build.log"); see $S/build.log"
fi
sh "$P/tests/w1.sh" 6.12 | grep -v '^1\.\.' | sed 's/^\(not \)\{0,1\}ok - /&new calls: /'

rm -f "$S/selftest.tap"
make -C "$P" --no-print-directory selftest KERNEL=6.12 RESULTS="$S/selftest.tap" >"$S/selftest.log" 2>&1
# Each call's selftest ran, 64- and 32-bit and from the other ABIs of
# config/arches (x32), and skipped nothing but the ENOSYS test (the calls
# are built in).
abis="64-bit 32-bit $(mkvar ABI_LABELS KERNEL=6.12)"
bad=
# shellcheck disable=SC2013 # call names, one a word
for name in $(grep -v '^#' "$ROOT/tests/newcall/good.specs" | sed 's/^long \([a-z_0-9]*\)(.*/\1/'); do
	for abi in $abis; do
		grep -qs "^ok .* $abi: $name: global.succeeds$" "$S/selftest.tap" || bad="$bad $abi:$name"
	done
done
others=$(grep -s ' # SKIP' "$S/selftest.tap" | grep ': nc_' | grep -v 'global.enosys_when_compiled_out' || true)
if [ -z "$bad" ] && ! grep -qs '^not ok' "$S/selftest.tap" && [ -z "$others" ]; then
	pass "the generated selftests pass in the booted kernel, from $abis ($(grep -c '^ok' "$S/selftest.tap") checks)"
else
	fail "the generated selftests pass in the booted kernel, from $abis" \
		"missing:$bad; $(grep -m3 '^not ok' "$S/selftest.tap"); see $S/selftest.log"
fi

# The generated kernel code, uapi headers and tests, as the tree has them.
t=$(make -s --no-print-directory -C "$P" print-PSRC KERNEL=6.12)
files=$(cd "$P/kernel" && ls my_syscalls/nc_*.c uapi/nc_*.h selftests/nc_*/*.c)
# shellcheck disable=SC2086 # file names, one a word
out=$(cd "$P/kernel" && "$t/scripts/checkpatch.pl" --strict --no-tree --max-line-length=80 \
	--ignore ENOSYS -f $files 2>&1)
if echo "$out" | grep "^total: " | grep -qv "^total: 0 errors, 0 warnings, 0 checks," ||
	! echo "$out" | grep -q "^total: "; then
	fail "checkpatch --strict on the generated files" "$(echo "$out" | grep -E '^(WARNING|ERROR|CHECK)' | head -3)"
else
	pass "checkpatch --strict on the generated files ($(echo "$files" | wc -w))"
fi
# man pages: mandoc's lint (warnings and worse) and groff's
out=$(mandoc -Tlint -Wwarning "$P"/man/*.2 2>&1; groff -man -ww -z "$P"/man/*.2 2>&1)
[ -z "$out" ] && pass "man pages lint-clean (mandoc -Tlint, groff -ww)" ||
	fail "man pages lint-clean (mandoc -Tlint, groff -ww)" "$(echo "$out" | head -3)"
done_tests
