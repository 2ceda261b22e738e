#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every shell script of the project passes Debian's shellcheck, with the
# project's .shellcheckrc (the three checks it turns off, each with its
# reason there); a check turned off in a script says why beside it.
# check: host-plain -- shellcheck: every shell script of the project, clean
. "$(dirname "$0")/lib.sh"
plan 2
cd "$ROOT" || exit 2
find . \( -path ./build -o -path ./.git \) -prune -o -type f -print | sort | while read -r f; do
	case $f in
	*.sh) echo "$f" ;;
	*) head -n 1 "$f" | grep -q '^#!/bin/\(ba\)\{0,1\}sh' && echo "$f" ;;
	esac
done >"$B/shell-scripts"
n=$(wc -l <"$B/shell-scripts")
# shellcheck disable=SC2046 # one argument per script
if [ "$n" -gt 40 ] && shellcheck -f gcc $(cat "$B/shell-scripts") >"$B/shellcheck.log" 2>&1; then
	pass "shellcheck: the $n shell scripts, clean"
else
	fail "shellcheck: the $n shell scripts, clean" "$(head -n 5 "$B/shellcheck.log"); all: $B/shellcheck.log"
fi
# shellcheck disable=SC2046 # one argument per script
bare=$(grep -n '#[[:space:]]*shellcheck disable=' $(cat "$B/shell-scripts") | grep -v 'disable=[A-Z0-9,]* # .')
if [ -z "$bare" ]; then
	pass "every check turned off in a script says why (# reason)"
else
	fail "every check turned off in a script says why (# reason)" "$bare"
fi
done_tests
