#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make help: every variable a makefile of mk/ lets the user set (its "?="
# line) is listed with its meaning; nothing is compiled for it, also with
# no compiler on the PATH, in a copy of the project without build/.
# check: host-plain -- make help: every user variable listed with its meaning, no compiler needed
. "$(dirname "$0")/lib.sh"
plan 4
scratch
vars=$(sed -n 's/^\(export \)\{0,1\}\([A-Z][A-Z_0-9]*\) *?=.*/\2/p' "$ROOT"/mk/*.mk)
[ "$(echo "$vars" | wc -w)" -ge 30 ] && pass "the makefiles give $(echo "$vars" | wc -w) user variables" ||
	fail "the makefiles give the user variables" "found only: $vars"

# A copy of the project without build/, and a PATH without a C compiler.
mkdir -p "$T/proj" "$T/bin"
(cd "$ROOT" && tar --exclude=./build --exclude=./.git -cf - .) | tar -C "$T/proj" -xf -
for f in /usr/bin/* /bin/*; do
	case ${f##*/} in cc | gcc* | c89* | c99* | *-gcc* | *-cc | clang* | tcc) continue ;; esac
	[ -e "$T/bin/${f##*/}" ] || ln -s "$f" "$T/bin/${f##*/}"
done
PATH=$T/bin make -C "$T/proj" --no-print-directory help >"$T/help" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && [ ! -e "$T/proj/build/tools" ] && [ ! -e "$T/proj/build/asan" ]; then
	pass "make help in a fresh copy, no compiler on the PATH: nothing compiled"
else
	fail "make help in a fresh copy, no compiler on the PATH: nothing compiled" "exit $rc: $(head -n 3 "$T/err")"
fi
missing='' bare=''
for v in $vars; do
	line=$(grep "^  $v=" "$T/help") || { missing="$missing $v"; continue; }
	# its meaning, from the "## NAME:" line above it, follows its value
	meaning=$(sed -n "s/^## $v: //p" "$ROOT"/mk/*.mk | head -n 1)
	[ -n "$meaning" ] && case $line in *" $meaning") ;; *) false ;; esac || bare="$bare $v"
done
[ -z "$missing" ] && pass "every user variable is in make help" ||
	fail "every user variable is in make help" "missing:$missing"
[ -z "$bare" ] && pass "each with its meaning (a '## NAME:' line above it)" ||
	fail "each with its meaning (a '## NAME:' line above it)" "without one:$bare"
done_tests
