#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/newcall-guest.sh: every prototype of tests/newcall/good.specs added
# with make new-call to a copy of the project (build/newcall/proj), and one
# more, nc_oob(), with a bug planted in its generated code (one byte
# written past its stack buffer when len is the most it takes). The copy
# builds its 6.12 debug+trace kernel (KASAN, UBSAN, lockdep; syscall
# tracepoints), boots it and runs every call's selftest, the project's
# and the generated ones, 64- and 32-bit and from x86_64's other ABIs
# (x32), no report allowed; make fuzz-calls then calls every call but
# nc_oob from each ABI with no report, and must find nc_oob's bug. Its
# my_syscalls/ built with W=1 and sparse, the generated files checkpatch
# --strict clean, the man pages lint-clean.
# The copy keeps its build/ between runs (only changed files are copied in),
# so a second run rebuilds nothing.
# check: kernel -- make new-call: generated calls build, boot, pass their selftests under KASAN; make fuzz-calls finds a planted bug
. "$(dirname "$0")/lib.sh"
S=$B/newcall
P=$S/proj
# the copy's kernel: make check's debug one
K="KERNEL=6.12 CFG=debug+trace"
# mp TARGET ARGS...: make TARGET in the copy, for that kernel
# shellcheck disable=SC2086 # K: make's arguments, one a word
mp() { mp_t=$1; shift; make -C "$P" --no-print-directory "$mp_t" $K "$@"; }
plan 10
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
# The planted bug: the generated code checks len against the buffer's
# size; a line added after it writes kbuf[len], one past the end when len
# is that size. The selftests never pass that length; a fuzzer must.
planted='long nc_oob(const char __user *buf, size_t len)'
f=$S/stage/kernel/my_syscalls/nc_oob.c
[ $ok = 1 ] && make -C "$S/stage" --no-print-directory new-call SPEC="$planted" KERNEL_SRC="$tree" >>"$S/new-call.log" 2>&1 &&
	perl -0pi -e 's|(\t/\* TODO\(nc_oob\): the work)|\t/* A planted bug: len == NC_OOB_BUF_MAX writes past kbuf. */\n\tkbuf[len] = 0;\n\n$1|' "$f" &&
	grep -q '^	kbuf\[len\] = 0;$' "$f" || ok=0
[ $ok = 1 ] && pass "make new-call: every prototype of good.specs, and nc_oob() with a bug planted" ||
	fail "make new-call: every prototype of good.specs, and nc_oob() with a bug planted" "see $S/new-call.log"
# Unchanged files keep their dates in the copy: no -t, and -c compares contents.
rsync -rlpc --delete --exclude /build "$S/stage/" "$P/"

echo "newcall-guest: the copy's debug kernel (a few minutes when cold)" >&2
if mp kernel guest >"$S/build.log" 2>&1; then
	pass "the copy's 6.12 debug+trace kernel and initramfs build"
else
	fail "the copy's 6.12 debug+trace kernel and initramfs build" "$(grep -m3 -i 'error' "$S/build.log"); see $S/build.log"
fi
CFG=debug+trace sh "$P/tests/w1.sh" 6.12 | grep -v '^1\.\.' | sed 's/^\(not \)\{0,1\}ok - /&new calls: /'

rm -f "$S/selftest.tap"
mp selftest QEMU_MEM=256 TIMEOUT=600 RESULTS="$S/selftest.tap" >"$S/selftest.log" 2>&1
# Each call's selftest ran, 64- and 32-bit and from the other ABIs of
# config/arches (x32), and skipped nothing but the ENOSYS test (the calls
# are built in).
abis="64-bit 32-bit $(mkvar ABI_LABELS KERNEL=6.12)"
n=$(grep -c '^ok' "$S/selftest.tap")
bad=
# shellcheck disable=SC2013 # call names, one a word
for name in $(grep -v '^#' "$ROOT/tests/newcall/good.specs" | sed 's/^long \([a-z_0-9]*\)(.*/\1/') nc_oob; do
	for abi in $abis; do
		grep -qs "^ok .* $abi: $name: global.succeeds$" "$S/selftest.tap" || bad="$bad $abi:$name"
	done
done
others=$(grep -s ' # SKIP' "$S/selftest.tap" | grep ': nc_' | grep -v 'global.enosys_when_compiled_out' || true)
if [ -z "$bad" ] && ! grep -qs '^not ok' "$S/selftest.tap" && [ -z "$others" ]; then
	pass "the selftests pass in the booted debug kernel, no report, from $abis ($n checks)"
else
	fail "the selftests pass in the booted debug kernel, no report, from $abis" \
		"missing:$bad; $(grep -m3 '^not ok' "$S/selftest.tap"); see $S/selftest.log"
fi
# The project's own calls, with the syscall tracepoints: the enter event
# carries the argument, the exit event the return value (64-bit); x86
# leaves a 32-bit caller's calls out.
grep -q '^ok .* 64-bit: trace\.enter_event_has_the_arg_exit_event_the_return$' "$S/selftest.tap" &&
	grep -q '^ok .* 32-bit: trace\.calls_of_a_compat_caller_have_no_events$' "$S/selftest.tap" &&
	pass "trace: hello_syscall_arg's enter and exit events from 64-bit, none from a compat (ia32) caller" ||
	fail "trace: hello_syscall_arg's enter and exit events from 64-bit, none from a compat (ia32) caller" \
		"$(grep -m3 'trace\.' "$S/selftest.tap"); see $S/selftest.log"

# make fuzz-calls in the same kernel: every call but the planted one, from
# each ABI, unprivileged, on a CPU with SMAP: no report, and calls made of
# each (a generated call is fuzzed with no step of its own).
good=$(make -s --no-print-directory -C "$P" print-ALL_CALLS | tr ' ' '\n' | grep -vx nc_oob | tr '\n' ' ')
mp fuzz-calls FUZZ_S=5 CALLS="$good" >"$S/fuzz.log" 2>&1
rc=$?
bad=
for abi in $abis; do
	for c in $good; do
		grep -qE "^callfuzz: $abi: $c: [1-9][0-9]* calls" "$S/fuzz.log" || bad="$bad $abi:$c"
	done
done
[ $rc -eq 0 ] && [ -z "$bad" ] &&
	pass "make fuzz-calls: every call but nc_oob, from $abis: no report, each called" ||
	fail "make fuzz-calls: every call but nc_oob, from $abis: no report, each called" \
		"exit $rc; not called:$bad; $(grep -m3 -E 'reported|FAIL' "$S/fuzz.log"); see $S/fuzz.log"
# nc_oob alone: the fuzzer finds the planted bug within the default budget,
# by KASAN's or UBSAN's report (UBSAN's bounds check comes first).
want='UBSAN: array-index-out-of-bounds|KASAN: stack-out-of-bounds'
# shellcheck disable=SC2086 # K
if out=$(planted_found "$P" nc_oob "$want" "$S/fuzz-oob.log" "$S/fuzz-oob.console" $K); then
	pass "make fuzz-calls CALLS=nc_oob: the planted bug $out"
else
	fail "make fuzz-calls CALLS=nc_oob: the planted bug found ($want)" "$out"
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
