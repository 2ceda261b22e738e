#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A build step that fails shows its first errors, not the end of its log:
# scripts/steps/stage.sh on a make that fails in a sub-make on a C file
# that does not compile (gcc's own lines, 40 lines of other output after
# them), and on a command that fails without an error line (its tail).
# A kernel build (STAGE_SRC: a small tree of Linux's shape) that lacks a
# type or a symbol of an option that is off: the option to try is named,
# and none where the tree has no option for it (gcc quoting as in a UTF-8
# locale, with ‘’).
# check: host-plain -- a failed build step shows its first compiler error with file and line
. "$(dirname "$0")/lib.sh"
plan 6
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

# The tree: struct module_use and find_module() under CONFIG_MODULES (the
# first in an #ifdef of module.h, the second in a folder that kernel/Makefile
# builds with it); kallsyms_lookup_name() declared in the #else branch of
# #if defined(CONFIG_KALLSYMS) only (an option that is on does not give it); and
# plain_call() under no option.
k=$T/linux
mkdir -p "$k/include/linux" "$k/kernel/module"
printf '#ifndef _LINUX_MODULE_H\n#define _LINUX_MODULE_H\n#ifdef CONFIG_MODULES\nstruct module_use {\n\tint x;\n};\n#endif\n#endif\n' \
	>"$k/include/linux/module.h"
printf '#if defined(CONFIG_KALLSYMS)\n#else\nstatic inline unsigned long kallsyms_lookup_name(const char *name)\n{\n\treturn 0;\n}\n#endif\nint plain_call(void);\n' \
	>"$k/include/linux/kallsyms.h"
printf 'obj-y += fork.o\nobj-$(CONFIG_MODULES) += module/\n' >"$k/kernel/Makefile"
printf 'obj-y += main.o\n' >"$k/kernel/module/Makefile"
printf 'struct module *find_module(const char *name)\n{\n\treturn 0;\n}\n' >"$k/kernel/module/main.c"
cat >"$T/kbuild.log" <<'L'
  CC      mine/mine.o
mine/mine.c:7:30: error: invalid application of ‘sizeof’ to incomplete type ‘struct module_use’
mine/mine.c:8:9: error: implicit declaration of function 'kallsyms_lookup_name' [-Werror=implicit-function-declaration]
mine/mine.c:9:9: error: implicit declaration of function 'plain_call' [-Werror=implicit-function-declaration]
ld: vmlinux.o: in function `__do_sys_mine': mine.c:(.text+0x5): undefined reference to `find_module'
L
STAGE_SRC=$k "$ROOT/scripts/steps/stage.sh" "build kernel" "$T/log3" sh -c "cat $T/kbuild.log; exit 2" 2>"$T/out3"
if grep -q "^  hint: 'struct module_use' is in include/linux/module.h:4 under CONFIG_MODULES: try OPTIONS=\"MODULES=y\"" "$T/out3"; then
	pass "an undefined type of an option that is off: the option to try, and where the tree defines the type"
else
	fail "an undefined type of an option that is off: the option to try, and where the tree defines the type" "$(cat "$T/out3")"
fi
if grep -q "^  hint: 'find_module' is in kernel/module/main.c:1 under CONFIG_MODULES: try OPTIONS=\"MODULES=y\"" "$T/out3"; then
	pass "an undefined reference: the option whose Makefile line builds the symbol's folder"
else
	fail "an undefined reference: the option whose Makefile line builds the symbol's folder" "$(cat "$T/out3")"
fi
if ! grep -q "hint: 'plain_call'" "$T/out3" && ! grep -q "OPTIONS=\"KALLSYMS" "$T/out3" &&
	grep -q "^  hint: 'kallsyms_lookup_name' is in include/linux/kallsyms.h:3 under !(defined(CONFIG_KALLSYMS))\$" "$T/out3"; then
	pass "no option named where none gives the symbol (no option, or only with one off)"
else
	fail "no option named where none gives the symbol (no option, or only with one off)" "$(cat "$T/out3")"
fi
done_tests
