/* Readers of the two kinds of syscall table the patcher meets. */
#ifndef TBL_H
#define TBL_H

#include <stddef.h>

#define MAX_CALLS	32
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

/*
 * Parses the project's table. Returns 0, or -1 with a message naming the
 * line in err.
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

/*
 * Reads a kernel table: "<number> <abi> <name> [<entry> ...]" lines,
 * '#' comments and blank lines. The numbers of each ABI must never go
 * down. Only numbers
 * below limit count for max_nr. Returns 0, or -1 with a message.
 */
int ktbl_scan(const char *text, size_t len, long limit,
	      const struct calls *names, struct ktbl *out,
	      char *err, size_t errlen);

#endif
