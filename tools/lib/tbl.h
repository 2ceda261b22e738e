/* SPDX-License-Identifier: GPL-2.0 */
/* Readers of the two kinds of syscall table the patcher meets. */
#ifndef TBL_H
#define TBL_H

#include <stddef.h>

#define MAX_CALLS	32
/* The longest name of a project's call, or of a parameter or struct tag of one. */
#define CALL_NAME_MAX	40
/* Room for a name of a kernel table (the kernel's own names are shorter). */
#define MAX_NAME	64
#define MAX_ARGS	6

/* One line of the project's kernel/syscalls.tbl. */
struct call {
	char name[MAX_NAME];		/* hello_syscall_arg */
	char entry[MAX_NAME + 4];	/* sys_hello_syscall_arg */
	char params[256];		/* "int arg", or "void" */
	int nargs;
};

struct calls {
	struct call v[MAX_CALLS];
	int n;
};

/**
 * calls_parse() - reads the project's table (kernel/syscalls.tbl)
 * @text: its content
 * @len: its length
 * @out: the calls, in order
 * @err: a message naming the line, on failure
 * @errlen: room in err
 *
 * Return: 0, or -1 with the message in err.
 */
int calls_parse(const char *text, size_t len, struct calls *out,
		char *err, size_t errlen);

/* What a kernel table (arch/x86/entry/syscalls/syscall_*.tbl,
 * scripts/syscall.tbl) says about the numbers and the names we care for. */
struct ktbl {
	long max_nr;		/* highest number below the limit, -1 if none */
	size_t insert_at;	/* offset just past the line holding max_nr */
	char max_entry[MAX_NAME + 16];	/* entry point on that line, or "" */
	char max_compat[MAX_NAME + 16];	/* its fifth column, or "" */
	long found_nr;		/* number of the first name asked for, or -1 */
	char found_name[MAX_NAME];
	int entries;		/* lines that are entries */
};

/**
 * ktbl_scan() - reads a kernel syscall table
 * @text: its content: "<number> <abi> <name> [<entry> ...]" lines, '#'
 *        comments and blank lines; the numbers of each ABI never go down
 * @len: its length
 * @limit: only numbers below it count for max_nr
 * @names: the calls to look for (found_nr, found_name)
 * @out: what the table says
 * @err: a message, on failure
 * @errlen: room in err
 *
 * Return: 0, or -1 with the message in err.
 */
int ktbl_scan(const char *text, size_t len, long limit,
	      const struct calls *names, struct ktbl *out,
	      char *err, size_t errlen);

#endif
