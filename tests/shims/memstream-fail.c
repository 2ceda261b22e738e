// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD shim for the tests: the FAIL_MEMSTREAM-th call of
 * open_memstream() fails with ENOMEM, as it would when memory runs out;
 * every other call is glibc's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

FILE *open_memstream(char **p, size_t *n)
{
	static FILE *(*real)(char **, size_t *);
	static int calls;
	const char *at = getenv("FAIL_MEMSTREAM");

	if (!real)
		real = (FILE *(*)(char **, size_t *))dlsym(RTLD_NEXT, "open_memstream");
	if (at && ++calls == atoi(at)) {
		errno = ENOMEM;
		return NULL;
	}
	return real(p, n);
}
