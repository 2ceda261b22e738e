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

#define ALL	(1L << 30)
const struct table_form table_forms[] = {
	{ "arch/x86/entry/syscalls/syscall_64.tbl", "common", 40, 0, 0, 0, 512, 0, 1 },
	{ "arch/x86/entry/syscalls/syscall_32.tbl", "i386", 40, 72, 0, 0, ALL, 0, 1 },
	{ "scripts/syscall.tbl", "common", 48, 0, 1, 0, ALL, 1, 0 },	/* 6.11 on */
	{ "arch/alpha/kernel/syscalls/syscall.tbl", "common", 48, 0, 1, 110, ALL, 0, 0 },
	{ "arch/arm/tools/syscall.tbl", "common", 48, 0, 1, 0, ALL, 0, 0 },
	{ "arch/arm64/tools/syscall_32.tbl", "common", 48, 0, 1, 0, ALL, 0, 0 },	/* 6.11 on */
	{ "arch/ia64/kernel/syscalls/syscall.tbl", "common", 48, 0, 1, 0, ALL, 0, 0 },	/* to 6.6 */
	{ "arch/m68k/kernel/syscalls/syscall.tbl", "common", 48, 0, 1, 0, ALL, 0, 0 },
	{ "arch/microblaze/kernel/syscalls/syscall.tbl", "common", 48, 0, 1, 0, ALL, 0, 0 },
	{ "arch/mips/kernel/syscalls/syscall_n32.tbl", "n32", 48, 0, 1, 0, ALL, 0, 0 },
	{ "arch/mips/kernel/syscalls/syscall_n64.tbl", "n64", 48, 0, 1, 0, ALL, 0, 0 },
	{ "arch/mips/kernel/syscalls/syscall_o32.tbl", "o32", 48, 0, 1, 0, ALL, 0, 0 },
	{ "arch/parisc/kernel/syscalls/syscall.tbl", "common", 48, 0, 1, 0, ALL, 0, 0 },
	{ "arch/powerpc/kernel/syscalls/syscall.tbl", "common", 48, 0, 1, 0, ALL, 0, 0 },
	{ "arch/s390/kernel/syscalls/syscall.tbl", "common", 40, 72, 1, 0, ALL, 0, 0 },
	{ "arch/sh/kernel/syscalls/syscall.tbl", "common", 48, 0, 1, 0, ALL, 0, 0 },
	{ "arch/sparc/kernel/syscalls/syscall.tbl", "common", 48, 0, 1, 0, ALL, 0, 0 },
	{ "arch/xtensa/kernel/syscalls/syscall.tbl", "common", 48, 0, 1, 0, ALL, 0, 0 },
};
const int n_table_forms = sizeof(table_forms) / sizeof(table_forms[0]);

const struct c_table_form c_table_forms[] = {
	{ "arch/arm64/include/asm/unistd32.h",
	  "\n/*\n * Please add new compat syscalls above this comment",
	  "arch/arm64/include/asm/unistd.h", "#define __NR_compat_syscalls",
	  "arch/arm64/tools/syscall_32.tbl", "arm64's AArch32 calls before Linux 6.11" },
};
const int n_c_table_forms = sizeof(c_table_forms) / sizeof(c_table_forms[0]);

/* First match wins. */
const struct entry_form entry_forms[] = {
	{ "__x64_sys_", NULL, "__x64_sys_%s", NULL, "x86_64 table of Linux 5.4" },
	{ "sys_", "__ia32_sys_", "sys_%s", "__ia32_sys_%s", "i386 table of Linux 5.4" },
	{ "sys_", "sys_", "sys_%s", "sys_%s", "s390: an entry for compat callers too" },
	{ "sys_", NULL, "sys_%s", NULL, "Linux 5.8 and later, and the generic table" },
};
const int n_entry_forms = sizeof(entry_forms) / sizeof(entry_forms[0]);
