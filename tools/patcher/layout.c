// SPDX-License-Identifier: GPL-2.0
/* The layouts of kernel trees the patcher knows; see layout.h. */
#include <stddef.h>

#include "layout.h"

const struct kversion oldest_kernel = { 5, 4 };

const struct hook_form hook_forms[] = {
	{ "Kbuild", { "obj-y", "+=", "kernel/" }, 0, "Linux 6.1 and later" },
	{ "Makefile", { "core-y", "+=", "kernel/" }, 1, "Linux 5.4 to 5.15" },
};
const int n_hook_forms = sizeof(hook_forms) / sizeof(hook_forms[0]);

const struct table_form table_forms[] = {
	{ "arch/x86/entry/syscalls/syscall_64.tbl", "common", 40, 0, 0 },
	{ "arch/x86/entry/syscalls/syscall_32.tbl", "i386", 40, 72, 0 },
	{ "scripts/syscall.tbl", "common", 48, 0, 1 },	/* 6.11 on */
};
const int n_table_forms = sizeof(table_forms) / sizeof(table_forms[0]);

/* First match wins. */
const struct entry_form entry_forms[] = {
	{ "__x64_sys_", NULL, "__x64_sys_%s", NULL, "x86_64 table of Linux 5.4" },
	{ "sys_", "__ia32_sys_", "sys_%s", "__ia32_sys_%s", "i386 table of Linux 5.4" },
	{ "sys_", NULL, "sys_%s", NULL, "Linux 5.8 and later, and the generic table" },
};
const int n_entry_forms = sizeof(entry_forms) / sizeof(entry_forms[0]);
