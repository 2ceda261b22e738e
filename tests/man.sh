#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The manual pages: section 2 (man/*.2: hello_syscall's, and those make
# new-call wrote) and section 1 (make man: qrun, the patcher and newcall,
# made by help2man from their --help). Each lint-clean (mandoc -Tlint,
# groff -ww), each renders with man -l, and a program's page names the
# same options as its --help.
# check: host-plain -- man pages: lint-clean, rendered, the tools' options as their --help says
. "$(dirname "$0")/lib.sh"
plan 5
scratch
make -s -C "$ROOT" --no-print-directory man >"$T/make" 2>&1 ||
	{ fail "make man" "$(tail -n 3 "$T/make")"; done_tests; }
pages=$(ls "$ROOT"/man/*.2 "$B"/man/man1/*.1)
[ -f "$ROOT/man/hello_syscall.2" ] && [ "$(find "$B/man/man1" -name '*.1' | wc -l)" -eq 3 ] &&
	pass "hello_syscall.2, and a page for each of qrun, patcher, newcall" ||
	fail "hello_syscall.2, and a page for each of qrun, patcher, newcall" "$pages"
# shellcheck disable=SC2086 # one argument per page
out=$(mandoc -Tlint -Wwarning $pages 2>&1; groff -man -ww -z $pages 2>&1)
[ -z "$out" ] && pass "lint-clean: mandoc -Tlint, groff -ww ($(echo "$pages" | wc -l) pages)" ||
	fail "lint-clean: mandoc -Tlint, groff -ww" "$(echo "$out" | head -n 3)"
bad=
for p in $pages; do
	MANWIDTH=80 man -l "$p" >"$T/page" 2>"$T/err" && grep -q '^NAME' "$T/page" &&
		[ ! -s "$T/err" ] || bad="$bad ${p##*/}"
done
[ -z "$bad" ] && pass "man -l renders each page" || fail "man -l renders each page" "not:$bad"
# opts TEXT-FILE: the options a text names (-x, --long), one a line, sorted
opts() { grep -oE '(^|[ [])--?[a-zA-Z][a-z-]*' "$1" | sed 's/^[ [-]*//; s/^/-/' | sort -u; }
bad=
for t in qrun patcher newcall; do
	"$B/tools/$t" -h >"$T/help" 2>&1
	MANWIDTH=200 man -l "$B/man/man1/$t.1" 2>/dev/null >"$T/page"
	[ "$(opts "$T/help")" = "$(opts "$T/page")" ] || bad="$bad $t: help has '$(opts "$T/help" | tr '\n' ' ')', page '$(opts "$T/page" | tr '\n' ' ')'"
done
[ -z "$bad" ] && pass "each tool's page names the options its --help does" ||
	fail "each tool's page names the options its --help does" "$bad"
# the call's page says what the code does: its rate limit's defaults
h=$ROOT/kernel/my_syscalls/my_syscalls.h
burst=$(sed -n 's/^#define HELLO_RATELIMIT_BURST[[:space:]]*//p' "$h")
ms=$(sed -n 's/^#define HELLO_RATELIMIT_INTERVAL_MS[[:space:]]*//p' "$h")
MANWIDTH=200 man -l "$ROOT/man/hello_syscall.2" 2>/dev/null >"$T/page"
grep -q "at most $burst lines every $((ms / 1000)) seconds by default" "$T/page" &&
	pass "hello_syscall.2 gives the rate limit's defaults of my_syscalls.h ($burst lines, $ms ms)" ||
	fail "hello_syscall.2 gives the rate limit's defaults of my_syscalls.h" "$burst lines, $ms ms: not in the page"
done_tests
