#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# scripts/steps/tree-stamp.sh, make's watch over a Debian tree it unpacked: the
# stamp is made new by every kind of change of the tree (an edit, a new, a
# removed, a renamed file; another compiler), and by nothing else (the
# patcher's notes in .hello_syscall/, or no change at all).
# check: host-plain -- tree-stamp.sh: every change of a Debian tree makes its kernel build again
. "$(dirname "$0")/lib.sh"
plan 9
scratch
S=$ROOT/scripts/steps/tree-stamp.sh
t=$T/tree st=$T/stamp
mkdir -p "$t/init" "$t/.hello_syscall"
echo 'int x;' > "$t/init/main.c"
echo 'int y;' > "$t/init/version.c"
echo 'A' > "$t/.hello_syscall/manifest"
printf '#!/bin/sh\necho "gcc (Debian 12.2.0-14) 12.2.0"\n' > "$T/cc"
chmod +x "$T/cc"
# old: the tree and the stamp as after a build long ago
old() { find "$t" -exec touch -h -d @500 {} +; touch -d @1000 "$st"; }
# after NAME CHANGED|UNCHANGED: runs tree-stamp.sh; the stamp must (not) be new
after() {
	"$S" "$st" "$t" "$T/cc" >"$T/out" 2>&1 || { fail "$1" "exit $?: $(cat "$T/out")"; old; return; }
	d=$(stat -c %Y "$st")
	if { [ "$2" = changed ] && [ "$d" != 1000 ]; } || { [ "$2" = unchanged ] && [ "$d" = 1000 ]; }; then
		pass "$1"
	else
		fail "$1" "stamp dated $d after the run (1000 before)"
	fi
	old
}
"$S" "$st" "$t" "$T/cc" && [ -f "$st" ] && pass "no stamp yet: one is made" || fail "no stamp yet: one is made" "none"
old
after "a tree as it was: the stamp is left alone" unchanged
echo 'int z;' >> "$t/init/main.c"
after "an edited file makes the stamp new" changed
echo 'int w;' > "$t/init/new.c"
touch -d @500 "$t/init/new.c"
after "a new file (even one with an old date) makes it new" changed
rm "$t/init/new.c"
after "a removed file makes it new" changed
mv "$t/init/version.c" "$t/init/version2.c"
touch -h -d @500 "$t/init/version2.c"
after "a renamed file makes it new" changed
echo 'B' >> "$t/.hello_syscall/manifest"
after "the patcher's notes (.hello_syscall/) leave it alone" unchanged
printf '#!/bin/sh\necho "gcc (Debian 13.1.0-1) 13.1.0"\n' > "$T/cc"
touch -d @500 "$T/cc"
after "another compiler makes it new" changed
"$S" "$st" "$T/none" "$T/cc" >"$T/out" 2>&1
[ $? -eq 2 ] && grep -q "no tree at" "$T/out" && pass "a missing tree: exit 2, named" ||
	fail "a missing tree: exit 2, named" "$(cat "$T/out")"
done_tests
