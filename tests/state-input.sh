#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The patcher's and newcall's state files are input: a tree may carry a
# journal or a manifest of its own, made to reach outside it. Each crafted
# tree below is refused with the file and line named, and nothing outside
# it changes. Read-only commands work on a read-only tree and name an
# interrupted run instead of finishing it; a waiter whose lock vanishes
# waits again; a folder that cannot be flushed is not "nothing changed".
# check: host-plain -- state files as input: traversal, links, read-only trees, lock and flush
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"
NEWCALL=${NEWCALL:-$B/tools/newcall}
plan 15
scratch
chmod 755 "$T"
make_tree "$T/pristine" 6.1
cp -a "$T/pristine" "$T/patched"
P -q apply "$T/patched"
S=.hello_syscall

# fresh NAME: a pristine copy in $T/NAME, and $T/out, the place outside it
fresh() {
	rm -rf "${T:?}/$1" "$T/out"
	cp -a "$T/${2:-pristine}" "$T/$1"
	mkdir -p "$T/out"
	echo victim > "$T/out/victim"
}
# outside_intact: $T/out holds its victim, unchanged, and nothing else
outside_intact() {
	[ "$(ls -A "$T/out")" = victim ] && [ "$(cat "$T/out/victim")" = victim ]
}
# refused NAME WHAT COMMAND...: COMMAND fails naming WHAT, outside intact
refused() {
	name=$1 what=$2
	shift 2
	if "$@" >"$T/log" 2>&1; then
		fail "$name" "it succeeded: $(head -3 "$T/log")"
	elif ! grep -q -- "$what" "$T/log"; then
		fail "$name" "no '$what' in: $(head -3 "$T/log")"
	elif ! outside_intact; then
		fail "$name" "outside the tree: $(ls -A "$T/out")"
	else
		pass "$name"
	fi
}

# 1-2: a journal that writes and removes outside the tree
fresh t
mkdir -p "$T/t/$S/journal"
echo pwned > "$T/t/$S/journal/0"
printf 'W 0 0644 ../out/new\n' > "$T/t/$S/journal/list"
refused "journal W ../out/new: apply refused with the list's line" "list:1: '../out/new'" P -q apply "$T/t"
printf 'W 0 0644 Makefile\nD 1 0 ../out/victim\n' > "$T/t/$S/journal/list"
echo "# journal's" > "$T/t/$S/journal/0"
refused "journal D ../out/victim: revert refused at line 2" "list:2: '../out/victim'" P -q revert "$T/t"
expect "... and line 1 was not carried out either" cmp -s "$T/t/Makefile" "$T/pristine/Makefile"

# 3-4: a manifest whose lines lead out of the tree
fresh t patched
printf 'A ../out/victim\n' >> "$T/t/$S/manifest"
refused "manifest A ../out/victim (no checksum): revert refused" "manifest:[0-9]*: '../out/victim'" \
	P -q revert "$T/t"
fresh t patched
ln -s "$T/out" "$T/t/lnk"
printf 'A lnk/victim\n' >> "$T/t/$S/manifest"
refused "manifest A lnk/victim through a link out: revert refused" "symbolic link" P -q revert "$T/t"

# 5-6: the state folder, or its pristine copies, a link out of the tree
fresh t
ln -s "$T/out" "$T/t/$S"
refused "$S a link out of the tree: apply refused, nothing made there" "symbolic link" P -q apply "$T/t"
fresh t patched
mv "$T/t/$S/orig" "$T/origs"
ln -s "$T/out" "$T/t/$S/orig"
refused "$S/orig a link out of the tree: revert refused" "symbolic link" P -q revert "$T/t"

# 7: the same refusals from newcall's journal in the project's .newcall/
rm -rf "$T/proj" "$T/out"
mkdir -p "$T/proj/kernel" "$T/proj/man" "$T/proj/.newcall/journal" "$T/out"
echo victim > "$T/out/victim"
echo pwned > "$T/proj/.newcall/journal/0"
printf 'W 0 0644 ../out/victim\n' > "$T/proj/.newcall/journal/list"
refused "newcall: a journal line out of the project refused" "list:1: '../out/victim'" \
	"$NEWCALL" -k "$T/proj/kernel" -m "$T/proj/man" remove nosuchcall

# 8: newcall's recovery half done is not "nothing was changed"
printf 'W 0 0644 kernel/a\nW 1 0644 kernel/b\n' > "$T/proj/.newcall/journal/list"
"$NEWCALL" -k "$T/proj/kernel" -m "$T/proj/man" remove nosuchcall >"$T/log" 2>&1
if [ -f "$T/proj/kernel/a" ] && grep -q "could not be finished" "$T/log" &&
	! grep -q "nothing was changed" "$T/log"; then
	pass "newcall: a recovery that fails half-way does not say nothing was changed"
else
	fail "newcall: a recovery that fails half-way does not say nothing was changed" "$(cat "$T/log")"
fi

# 9: read-only commands on a tree nobody may write (as nobody when root)
fresh ro patched
as_reader() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	chmod -R a-w "$T/ro"
fi
chmod -R go+rX "$T/ro"
PK="$PATCHER -k $ROOT/kernel"
# shellcheck disable=SC2086 # PK: the patcher and its option, a word each
out=$(as_reader $PK -q check "$T/ro" 2>&1 && as_reader $PK files "$T/ro" 2>&1 &&
	as_reader $PK pristine "$T/ro" Makefile 2>&1 && as_reader $PK has-call "$T/ro" call3 2>&1)
if [ $? = 0 ] && echo "$out" | grep -q "^M " && diff -r "$T/ro" "$T/patched" >/dev/null; then
	pass "read-only tree: check, files, pristine and has-call answer, the tree untouched"
else
	fail "read-only tree: check, files, pristine and has-call answer, the tree untouched" "$out"
fi
chmod -R u+w "$T/ro"

# 10: an interrupted run is named by check, finished by apply
fresh t
mkdir -p "$T/t/$S/journal"
{ cat "$T/t/Kconfig"; echo "# finished"; } > "$T/t/$S/journal/0"
printf 'W 0 0644 Kconfig\n' > "$T/t/$S/journal/list"
if ! P check "$T/t" >"$T/log" 2>&1 && grep -q "interrupted; 'make apply' or 'make revert'" "$T/log" &&
	cmp -s "$T/t/Kconfig" "$T/pristine/Kconfig" && P apply "$T/t" >>"$T/log" 2>&1 &&
	grep -q "finishing the work" "$T/log"; then
	pass "interrupted tree: check names it and changes nothing; apply finishes it"
else
	fail "interrupted tree: check names it and changes nothing; apply finishes it" "$(cat "$T/log")"
fi

# 11: a crafted journal: check does not carry it out
fresh t
mkdir -p "$T/t/$S/journal"
echo pwned > "$T/t/$S/journal/0"
printf 'W 0 0644 ../out/victim\n' > "$T/t/$S/journal/list"
refused "check on a crafted journal: refused, nothing written" "interrupted" P -q check "$T/t"

# 12: a waiter whose lock folder goes between its mkdir and its open waits again
fresh t patched
strace -f -qq -o /dev/null -e trace=mkdir,mkdirat -e inject=mkdir,mkdirat:delay_exit=1500000:when=1 \
	"$PATCHER" -k "$ROOT/kernel" -q apply "$T/t" >"$T/log" 2>&1 &
w=$!
sleep 0.5
P -q revert "$T/t" >>"$T/log" 2>&1
if [ -e "$T/t/$S" ]; then
	fail "a lock released under a waiter: the waiter waits again" "the revert left $S: the race was not set up"
elif wait $w && P -q check "$T/t"; then
	pass "a lock released under a waiter: the waiter waits again"
else
	fail "a lock released under a waiter: the waiter waits again" "$(cat "$T/log")"
fi

# 13-14: every rename done, the last folder flush fails: made, and said so
fresh t
n=$(strace -f -qq -e trace=fsync -o "$T/fsyncs" "$PATCHER" -k "$ROOT/kernel" -q apply "$T/t" && grep -c 'fsync(' "$T/fsyncs")
fresh t
strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:error=EIO:when="$n" \
	"$PATCHER" -k "$ROOT/kernel" -q apply "$T/t" >"$T/log" 2>&1
rc=$?
if [ $rc = 0 ] && ! grep -q "nothing was changed" "$T/log" && grep -q "not known to be on disk" "$T/log" &&
	diff -r -x "$S" "$T/t" "$T/patched" >/dev/null; then
	pass "a flush that fails after the renames: exit 0, the change made and said to be unsure"
else
	fail "a flush that fails after the renames: exit 0, the change made and said to be unsure" "exit $rc, fsync $n: $(cat "$T/log")"
fi
if P apply "$T/t" >"$T/log" 2>&1 && grep -q "finishing the work" "$T/log" && [ ! -e "$T/t/$S/journal" ] &&
	diff -r "$T/t" "$T/patched" >/dev/null; then
	pass "the next apply makes sure of it and leaves no journal"
else
	fail "the next apply makes sure of it and leaves no journal" "$(cat "$T/log")"
fi
done_tests
