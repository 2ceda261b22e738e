/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between kernel versions, as data: how a top-level directory
 * is hooked into the build, where the syscall tables are and the form of
 * their entries. The patcher has no version strings of its own: it tells a
 * tree's layout by what the tree's files say, and names the versions where
 * each form was seen only in its messages.
 */
#ifndef LAYOUT_H
#define LAYOUT_H

/* A line that lists kernel/ among the directories the build descends into. */
struct hook_form {
	const char *file;		/* at the top of the tree */
	const char *words[3];		/* the line, word by word (any blanks between) */
	int append;			/* 1: add my_syscalls/ to that line; 0: a line after it */
	const char *seen;		/* where this form was seen, for messages */
};

/*
 * A syscall table the calls are registered in: every architecture's, as an
 * upstream "wire up" patch does. Since 424 a new call has one number in
 * all of them, but for the offset a table adds (alpha: 110).
 */
struct table_form {
	const char *rel;		/* path in the tree */
	const char *abi;		/* the ABI column of new entries */
	int entry_col, compat_col;	/* columns (tabs of 8) of the entry points */
	int optional;			/* a tree may not have it */
	int offset;			/* added to the common number in this table */
	long limit;			/* numbers from here on are another block (x32) */
	int generic;			/* the generic table (arm64, riscv, ... build from it) */
	int detect;			/* the entry form is told by the highest call's (x86);
					   else sys_<name>, in the compat column too */
};

/*
 * A table kept as C (arm64's AArch32 calls before 6.11): "#define __NR_x N"
 * and "__SYSCALL(__NR_x, sys_x)" lines before the comment that closes
 * them, and a count in another header that must grow with them.
 */
struct c_table_form {
	const char *rel, *before;	/* the header; new lines go before this text */
	const char *count_rel, *count;	/* the count's header, and its #define */
	const char *replaced_by;	/* the table that took its place later */
	const char *seen;
};

/*
 * The form of a table's entry points, told by the entry point of the table's
 * highest call (and its fifth column, where it has one).
 */
struct entry_form {
	const char *entry_prefix;	/* the highest call's entry point starts so */
	const char *compat_prefix;	/* its fifth column starts so; NULL: it has none */
	const char *entry;		/* a new entry point: %s is the call's name */
	const char *compat;		/* a new fifth column, or NULL */
	const char *seen;
};

/* The oldest kernel the project claims, as its top Makefile says it. */
struct kversion {
	int version, patchlevel;
};

extern const struct kversion oldest_kernel;
extern const struct hook_form hook_forms[];
extern const int n_hook_forms;
extern const struct table_form table_forms[];
extern const int n_table_forms;
extern const struct c_table_form c_table_forms[];
extern const int n_c_table_forms;
extern const struct entry_form entry_forms[];
extern const int n_entry_forms;

#endif
