/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The prototype of a new system call, as 'make new-call SPEC=...' gives it,
 * read and judged: what each parameter is, so that the generator knows how
 * the kernel must treat it.
 */
#ifndef SPEC_H
#define SPEC_H

#include <stddef.h>

#include "tbl.h"

#define SPEC_MAX_PARAMS	6
#define SPEC_MAX_NAME	CALL_NAME_MAX
#define SPEC_MAX_TYPE	96

enum kind {
	K_SCALAR,	/* a value the same for 32- and 64-bit callers */
	K_FLAGS,	/* "flags": unknown bits are refused with EINVAL */
	K_STR_IN,	/* const char __user *: a NUL-terminated string */
	K_BUF_IN,	/* const char/void __user * and the size_t after it */
	K_BUF_OUT,	/* char/void __user * and the size_t after it */
	K_STRUCT_IN,	/* const struct x __user *, maybe with a size_t */
	K_STRUCT_OUT,	/* struct x __user *, maybe with a size_t */
	K_SIZE,		/* the size_t that follows a buffer or a struct */
};

struct param {
	char type[SPEC_MAX_TYPE];	/* as C spells it: "const char __user *" */
	char utype[SPEC_MAX_TYPE];	/* as user space spells it: "const char *" */
	char name[SPEC_MAX_NAME + 1];
	char tag[SPEC_MAX_NAME + 1];	/* K_STRUCT_*: the struct's tag */
	enum kind kind;
	int size;	/* pointer kinds: index of its K_SIZE, or -1 */
	int of;		/* K_SIZE: index of the pointer it measures */
};

struct spec {
	char name[SPEC_MAX_NAME + 1];
	int n;
	struct param p[SPEC_MAX_PARAMS];
};

/*
 * Reads "long name(type arg, ...)" (a ';' at the end is allowed). Returns
 * 0, or -1 with one sentence in err that says what is wrong and what to
 * write instead.
 */
int spec_parse(const char *text, struct spec *out, char *err, size_t errlen);

/* The parameter list as the project's syscalls.tbl and syscalls.h spell it. */
void spec_params(const struct spec *s, char *buf, size_t len);

/* The index of the first parameter of kind k, or -1. */
int spec_find(const struct spec *s, enum kind k);

/* Whether the call takes a struct, and so has a uapi header. */
int spec_has_struct(const struct spec *s);

#endif
