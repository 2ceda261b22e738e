// SPDX-License-Identifier: GPL-2.0
/* What every host tool needs; see util.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

const char *util_prog = "hello_syscall";
const char *util_die_note;

/* The message with util_prog before it, on standard error. */
static void vsay(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", util_prog);
	vfprintf(stderr, fmt, ap);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (util_die_note)
		fprintf(stderr, "%s\n", util_die_note);
	exit(2);
}

void errmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	return strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

/* Appends to *s what fmt and ap make; *s may be NULL. */
static void vappend(char **s, const char *fmt, va_list ap)
{
	size_t have = *s ? strlen(*s) : 0;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		die("cannot format '%s'", fmt);
	*s = xrealloc(*s, have + (size_t)n + 1);
	vsnprintf(*s + have, (size_t)n + 1, fmt, again);
	va_end(again);
}

char *xasprintf(const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;

	va_start(ap, fmt);
	vappend(&s, fmt, ap);
	va_end(ap);
	return s;
}

void xappend(char **s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vappend(s, fmt, ap);
	va_end(ap);
}
