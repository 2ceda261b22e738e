#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/newcall.sh: make new-call's generator on a copy of the project's
# kernel/ and man/: every prototype of tests/newcall/bad.specs refused with
# its reason and nothing changed; every one of good.specs added, then all
# removed again, in another order, giving the copy back byte for byte.
# NEWCALL=path runs another build of it (make check: ASan and UBSan).
# check: host -- make new-call: bad prototypes refused, remove-call byte for byte (ASan+UBSan)
. "$(dirname "$0")/lib.sh"
NEWCALL=${NEWCALL:-$B/tools/newcall}
scratch
specs() { grep -v '^#' "$ROOT/tests/newcall/$1"; }
nbad=$(specs bad.specs | wc -l)
ngood=$(specs good.specs | wc -l)
plan $((nbad + ngood + 8))

cp -r "$ROOT/kernel" "$ROOT/man" "$T/"
cp -r "$T/kernel" "$T/kernel.orig"
cp -r "$T/man" "$T/man.orig"
# a tree whose table has read(), as a kernel's does
mkdir -p "$T/tree/arch/x86/entry/syscalls"
printf '0\tcommon\tread\t\t\tsys_read\n' > "$T/tree/arch/x86/entry/syscalls/syscall_64.tbl"
printf 'VERSION = 6\nPATCHLEVEL = 12\n' > "$T/tree/Makefile"
# and a header that defines a struct, as include/uapi/linux/time.h does
mkdir -p "$T/tree/include/uapi/linux"
printf 'struct timezone {\n\tint tz_minuteswest;\n\tint tz_dsttime;\n};\n' > "$T/tree/include/uapi/linux/time.h"
N() { (cd "$T" && "$NEWCALL" -k kernel -m man -t tree "$@"); }
same() { diff -r "$T/kernel.orig" "$T/kernel" && diff -r "$T/man.orig" "$T/man"; }

specs bad.specs | while IFS='|' read -r spec why; do
	out=$(N add "$spec" 2>&1)
	rc=$?
	if [ $rc -eq 2 ] && echo "$out" | grep -qF -- "$why" &&
		echo "$out" | grep -q "nothing was changed" && same >/dev/null; then
		pass "refused: $spec"
	else
		fail "refused: $spec" "exit $rc, expected 2 and '$why'; said: $out"
	fi
done

specs good.specs | while read -r spec; do
	if out=$(N add "$spec" 2>&1); then pass "added: $spec"; else fail "added: $spec" "$out"; fi
done
# Every generated file and block, checked for form by the kernel's tools
# in tests/newcall-guest.sh; here: each call has its five pieces.
missing=
for name in $(specs good.specs | sed 's/^long \([a-z_0-9]*\)(.*/\1/'); do
	for f in kernel/my_syscalls/$name.c kernel/selftests/$name/${name}_test.c \
		kernel/selftests/$name/Makefile man/$name.2; do
		[ -f "$T/$f" ] || missing="$missing $f"
	done
	grep -q "^$name	" "$T/kernel/syscalls.tbl" || missing="$missing syscalls.tbl:$name"
done
[ -z "$missing" ] && pass "every call has its code, selftest, man page and table line" ||
	fail "every call has its code, selftest, man page and table line" "missing:$missing"
expect "a struct argument gets a uapi header" test -f "$T/kernel/uapi/nc_sin.h"

out=$(N remove hello_syscall 2>&1)
[ $? -eq 2 ] && echo "$out" | grep -q "not made by" && pass "remove refuses hello_syscall" ||
	fail "remove refuses hello_syscall" "$out"
out=$(N remove no_such_call 2>&1)
[ $? -eq 2 ] && echo "$out" | grep -q "has no call" && pass "remove refuses an unknown name" ||
	fail "remove refuses an unknown name" "$out"
out=$(N add "long nc_void(void)" 2>&1)
[ $? -eq 2 ] && echo "$out" | grep -q "already" && pass "adding a call twice is refused" ||
	fail "adding a call twice is refused" "$out"

# A fresh clone has no tree unpacked: make new-call unpacks Debian's first
# and checks the name against it (make -n: what it would run).
mkdir -p "$T/clone"
rsync -a --exclude /build --exclude /.git "$ROOT/" "$T/clone/"
make -n -C "$T/clone" new-call SPEC='long read(int fd)' >"$T/n.log" 2>&1
if grep -q 'unpack.sh /usr/src/linux-source-6.12.tar.xz' "$T/n.log" && grep -q -- " -t $T/clone/build/src/6.12 add" "$T/n.log"; then
	pass "make new-call in a fresh clone unpacks a tree and checks against it"
else
	fail "make new-call in a fresh clone unpacks a tree and checks against it" "$(tail -n 3 "$T/n.log")"
fi

# Out of order: the first ones first, then the rest from the end.
ok=1
for name in $(specs good.specs | sed 's/^long \([a-z_0-9]*\)(.*/\1/' | head -3) \
	$(specs good.specs | sed 's/^long \([a-z_0-9]*\)(.*/\1/' | tail -n +4 | tac); do
	N remove "$name" >/dev/null 2>&1 || { ok=0; echo "# remove $name failed"; }
done
[ $ok = 1 ] && pass "every call removed" || fail "every call removed" "see above"
if d=$(same 2>&1); then pass "remove-call gives the project back byte for byte"; else
	fail "remove-call gives the project back byte for byte" "$(echo "$d" | head -5)"; fi
done_tests
