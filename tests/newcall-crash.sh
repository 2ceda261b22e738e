#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make new-call and remove-call are all or nothing: killed at random moments
# (SIGKILL under strace's delay injection), the next run finishes or the
# project is as it was; a write that fails in the middle leaves the project
# as it was. And the patcher: a failed apply whose undo fails too keeps its
# journal, and the next run finishes the change.
# check: host-plain -- make new-call/remove-call killed or failing mid-way; a patcher undo that fails
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"
NEWCALL=${NEWCALL:-$B/tools/newcall}
KILLS=${KILLS:-40}
plan 6
scratch
SPEC='long nc_crash(const struct nc_crash_args __user *args, size_t size)'
mkdir -p "$T/orig"
cp -r "$ROOT/kernel" "$ROOT/man" "$T/orig/"
cp -a "$T/orig" "$T/added"
N() { (cd "$T/$1" && shift && "$NEWCALL" -k kernel -m man "$@"); }
N added add "$SPEC" >/dev/null
# killed OP ARG FROM: newcall OP ARG on a copy of FROM, killed within 300 ms.
killed() {
	rm -rf "$T/t"
	cp -a "$T/$3" "$T/t"
	kill_mid 2000 300 "$NEWCALL" -k "$T/t/kernel" -m "$T/t/man" "$1" "$2"
}
for op in add remove; do
	bad=0 mid=0 i=0 first=
	while [ $i -lt "$KILLS" ]; do
		if [ $op = add ]; then
			[ "$(killed add "$SPEC" orig)" = mid ] && mid=$((mid + 1))
			N t add "$SPEC" >"$T/err" 2>&1 || grep -q "already" "$T/err"
			want=added
		else
			[ "$(killed remove nc_crash added)" = mid ] && mid=$((mid + 1))
			N t remove nc_crash >"$T/err" 2>&1 || grep -q "has no call" "$T/err"
			want=orig
		fi
		if [ $? -ne 0 ] || [ -e "$T/t/.newcall" ] || ! diff -r "$T/$want" "$T/t" >"$T/diff" 2>&1; then
			bad_run "run $i: $(cat "$T/err" "$T/diff" | head -3)"
		fi
		i=$((i + 1))
	done
	name="new-call $op killed $KILLS times ($mid mid-run): the next run leaves the project whole"
	if [ $bad -eq 0 ] && [ $mid -ge $((KILLS / 4)) ]; then pass "$name"; else
		fail "$name" "$bad failed; $first"; fi
done

# A rename that fails after the first few: the project as it was.
rm -rf "$T/t"
cp -a "$T/orig" "$T/t"
out=$(cd "$T/t" && strace -f -qq -o /dev/null -e inject=rename:error=EACCES:when=3 \
	"$NEWCALL" -k kernel -m man add "$SPEC" 2>&1)
if [ $? -eq 2 ] && echo "$out" | grep -q "cannot replace $T/t/kernel/" && diff -r "$T/orig" "$T/t" >/dev/null &&
	[ ! -e "$T/t/.newcall" ]; then
	pass "new-call: a write that fails in the middle is undone and named"
else
	fail "new-call: a write that fails in the middle is undone and named" "$out"
fi

# Memory that runs out: each open_memstream() of a run, in turn, fails
# (tests/shims/memstream-fail.c). Each such run fails and changes nothing;
# none writes a file with a part left out.
cc -O2 -Wall -Wextra -Werror -shared -fPIC -o "$T/memstream-fail.so" \
	"$ROOT/tests/shims/memstream-fail.c" -ldl
bad=0 first='' n=1
while [ $n -lt 200 ]; do
	rm -rf "$T/t"
	cp -a "$T/orig" "$T/t"
	(cd "$T/t" && FAIL_MEMSTREAM=$n LD_PRELOAD="$T/memstream-fail.so" \
		"$NEWCALL" -k kernel -m man add "$SPEC") >"$T/err" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && ! diff -r "$T/added" "$T/t" >/dev/null; then
		bad_run "open_memstream $n failing: exit 0, but the project differs from a whole add"
	elif [ $rc -ne 0 ] && { ! grep -q "out of memory" "$T/err" || ! diff -r "$T/orig" "$T/t" >/dev/null; }; then
		bad_run "open_memstream $n failing: exit $rc, $(head -n 2 "$T/err")"
	fi
	[ $rc -eq 0 ] && break
	n=$((n + 1))
done
if [ $bad -eq 0 ] && [ $n -gt 5 ] && [ $n -lt 200 ]; then
	pass "new-call: each of its $((n - 1)) open_memstream() failing: refused, nothing written"
else
	fail "new-call: each open_memstream() failing: refused, nothing written" "$bad bad; $first"
fi

# The patcher: every rename from the third on fails, the undo's too. The
# journal must stay, and the next apply finish the change.
make_tree "$T/pristine" 6.18
cp -a "$T/pristine" "$T/p"
out=$(strace -f -qq -o /dev/null -e inject=rename:error=EACCES:when=3+ \
	"$PATCHER" -q -k "$ROOT/kernel" apply "$T/p" 2>&1)
rc=$?
if [ $rc -eq 2 ] && [ -f "$T/p/.hello_syscall/journal/list" ] && echo "$out" | grep -q "journal .* stays" &&
	echo "$out" | grep -q "is half done" && ! echo "$out" | grep -q "nothing was changed"; then
	pass "patcher: an undo that fails keeps the journal and says so"
else
	fail "patcher: an undo that fails keeps the journal and says so" "exit $rc: $out"
fi
cp -a "$T/pristine" "$T/patched"
P -q apply "$T/patched"
if P -q apply "$T/p" && diff -r "$T/patched" "$T/p" >/dev/null && P -q revert "$T/p" &&
	diff -r "$T/pristine" "$T/p" >/dev/null; then
	pass "patcher: the next apply finishes the change, revert gives the pristine tree"
else
	fail "patcher: the next apply finishes the change, revert gives the pristine tree" "$(diff -rq "$T/patched" "$T/p" | head -3)"
fi
done_tests
