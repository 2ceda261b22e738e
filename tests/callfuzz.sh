#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/callfuzz.sh: the fuzzer of make fuzz-calls, on this host: newcall's
# table of the project's calls (each parameter's kind, a pointer paired
# with its size), of prototypes written by hand (pointers kept as
# pointers where newcall refuses the prototype), and callfuzz itself
# (ASan+UBSan) on harmless calls of this host's kernel: it makes the calls
# it is given, keeps to its budget, names a call that does not return,
# stops at SIGTERM, refuses a call it does not have.
# NEWCALL=path runs another build of newcall (make check: ASan and UBSan).
# check: host -- make fuzz-calls's fuzzer: its table from the prototypes, its budget, a call that hangs (ASan+UBSan)
. "$(dirname "$0")/lib.sh"
NEWCALL=${NEWCALL:-$B/tools/newcall}
scratch
plan 8

"$NEWCALL" fuzz-table "$ROOT/kernel" > "$T/project.h" 2>"$T/err"
want='{ "greet", __NR_greet, 3, { { FZ_BUF_IN, 1 }, { FZ_SIZE, 0 }, { FZ_FLAGS, -1 } } },'
n_calls=$(grep -vc '^#' "$ROOT/kernel/syscalls.tbl")
if grep -qF "$want" "$T/project.h" && [ "$(grep -c '^#ifdef __NR_' "$T/project.h")" -eq "$n_calls" ]; then
	pass "fuzz-table: an entry for each of the project's $n_calls calls, greet()'s buffer paired with its size"
else
	fail "fuzz-table: an entry for each of the project's calls" "$(cat "$T/err" "$T/project.h" | head -20)"
fi

# A call written by hand whose prototype make new-call would refuse (a
# buffer without its size): fuzzed still, its pointer as a pointer.
printf 'long mine(char __user *out, int n)\n' | "$NEWCALL" fuzz-table - > "$T/mine.h" 2>&1
if grep -q '^/\* mine: .*buffer without its size' "$T/mine.h" &&
	grep -qF '{ "mine", __NR_mine, 2, { { FZ_BUF_OUT, -1 }, { FZ_SCALAR, -1 } } },' "$T/mine.h"; then
	pass "fuzz-table: a hand-written prototype newcall refuses is fuzzed, its pointer as a pointer"
else
	fail "fuzz-table: a hand-written prototype newcall refuses is fuzzed" "$(cat "$T/mine.h")"
fi
if printf 'int mine(\n' | "$NEWCALL" fuzz-table - >/dev/null 2>"$T/err"; then
	fail "fuzz-table: a line that is no prototype is refused" "exit 0"
else
	pass "fuzz-table: a line that is no prototype is refused ($(head -1 "$T/err"))"
fi

# callfuzz on calls of this host that only read the caller's memory or
# write into it; pause() never returns.
printf '%s\n' 'long getcwd(char __user *buf, size_t size)' 'long uname(struct new_utsname __user *name)' \
	'long getpid(void)' 'long access(const char __user *filename, int mode)' 'long pause(void)' |
	"$NEWCALL" fuzz-table - > "$T/callfuzz_calls.h"
${CC:-cc} -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror \
	-I "$T" -o "$T/callfuzz" "$ROOT/guest/callfuzz.c" 2>"$T/cc.log" ||
	{ fail "callfuzz builds" "$(head -5 "$T/cc.log")"; done_tests; }
"$T/callfuzz" -n 20000 -t 60 getcwd uname getpid access > "$T/out" 2>&1
rc=$?
made() { sed -n "s/^callfuzz: 64-bit: $1: \([0-9]*\) calls.*/\1/p" "$T/out"; }
ok=1
for c in getcwd uname getpid access; do [ "$(made "$c")" -gt 0 ] 2>/dev/null || ok=0; done
if [ $rc -eq 0 ] && [ $ok = 1 ] && grep -q '^callfuzz: 64-bit: 20000 calls in' "$T/out" &&
	[ -z "$(made pause)" ]; then
	pass "callfuzz: 20000 calls of the four it was given, each called, none other"
else
	fail "callfuzz: 20000 calls of the four it was given" "exit $rc; $(cat "$T/out")"
fi
# every kind of pointer it passes: the valid ones, and the faulting ones
if grep -q '^callfuzz: 64-bit: getcwd: .* [1-9][0-9]* returned >= 0; errors: .*EFAULT' "$T/out"; then
	pass "callfuzz: getcwd() both succeeded and got EFAULT (valid and bad buffers)"
else
	fail "callfuzz: getcwd() both succeeded and got EFAULT" "$(grep getcwd "$T/out")"
fi
"$T/callfuzz" -t 30 -H 1 pause > "$T/out" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q '^callfuzz: 64-bit: pause() has not returned in 1 s (hang)' "$T/out"; then
	pass "callfuzz: a call that does not return is named (exit 1)"
else
	fail "callfuzz: a call that does not return is named (exit 1)" "exit $rc; $(cat "$T/out")"
fi
"$T/callfuzz" -t 30 getpid > "$T/out" 2>&1 &
pid=$!
sleep 1
kill -TERM $pid
wait $pid
rc=$?
if [ $rc -eq 4 ] && grep -q '^callfuzz: 64-bit: getpid: [1-9][0-9]* calls' "$T/out"; then
	pass "callfuzz: SIGTERM stops it, with what it did (exit 4)"
else
	fail "callfuzz: SIGTERM stops it, with what it did (exit 4)" "exit $rc; $(cat "$T/out")"
fi
"$T/callfuzz" -t 1 nosuch > "$T/out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q 'nosuch: no call of that name' "$T/out"; then
	pass "callfuzz: a call it does not have is refused (exit 2)"
else
	fail "callfuzz: a call it does not have is refused (exit 2)" "exit $rc; $(cat "$T/out")"
fi
done_tests
