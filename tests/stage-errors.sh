#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A build step that fails shows its first errors, not the end of its log:
# scripts/steps/stage.sh on a make that fails in a sub-make on a C file
# that does not compile (gcc's own lines, 40 lines of other output after
# them), and on a command that fails without an error line (its tail).
# check: host-plain -- a failed build step shows its first compiler error with file and line
. "$(dirname "$0")/lib.sh"
plan 3
scratch
mkdir -p "$T/top/sub"
# (-k: the other target's 40 lines come after the error, as kbuild's do)
printf '.PHONY: sub\nall: sub other\nsub:\n\t$(MAKE) -C sub\nother:\n\t@seq 100 140\n' >"$T/top/Makefile"
printf 'bad.o: bad.c\n\tgcc -c -o $@ $<\n' >"$T/top/sub/Makefile"
printf 'int f(void)\n{\n\tstruct module_use *u = 0;\n\n\treturn u->x;\n}\n' >"$T/top/sub/bad.c"
"$ROOT/scripts/steps/stage.sh" "build fake" "$T/log" make -k -C "$T/top" 2>"$T/out"
rc=$?
if [ $rc -ne 0 ] && grep -q "^    bad.c:5:[0-9]*: error: invalid use of undefined type" "$T/out" &&
	grep -q "full log: $T/log" "$T/out"; then
	pass "the compiler's error line, with file and line, and the log's path"
else
	fail "the compiler's error line, with file and line, and the log's path" "exit $rc: $(cat "$T/out")"
fi
if grep -q '^    make\[[0-9]*\]: \*\*\* \[Makefile:[0-9]*: bad.o\]' "$T/out" && ! grep -q '^    140$' "$T/out"; then
	pass "the make target that failed, and not the log's tail"
else
	fail "the make target that failed, and not the log's tail" "$(cat "$T/out")"
fi
"$ROOT/scripts/steps/stage.sh" "step" "$T/log2" sh -c 'seq 1 30; exit 3' 2>"$T/out2"
rc=$?
if [ $rc = 3 ] && grep -q '^    30$' "$T/out2" && ! grep -q '^    5$' "$T/out2"; then
	pass "no error line in the log: its last 20 lines, and its exit status"
else
	fail "no error line in the log: its last 20 lines, and its exit status" "exit $rc: $(cat "$T/out2")"
fi
done_tests
