/* SPDX-License-Identifier: GPL-2.0 */
/*
 * util.h: what every host tool of the project needs: its name before each
 * message, dying with a reason, memory that never comes back NULL, and
 * formatted strings. One copy, linked into each tool.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>

/* The tool's name, before every message ("patcher: ..."). */
extern const char *util_prog;
/* A line die() adds after its message ("nothing was changed."), or NULL. */
extern const char *util_die_note;

/**
 * die() - say why, then exit with status 2
 * @fmt: printf format of the reason; util_prog goes before it
 */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/**
 * errmsg() - a message on standard error, util_prog before it
 * @fmt: printf format, with its own newline
 */
void errmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * xrealloc() - realloc() that dies instead of returning NULL
 * @p: the block, or NULL
 * @n: its new size; 0 is taken as 1
 */
void *xrealloc(void *p, size_t n);

/**
 * xstrdup() - strdup() that dies instead of returning NULL
 * @s: the string
 */
char *xstrdup(const char *s);

/**
 * xasprintf() - a formatted string in new memory, or death
 * @fmt: printf format
 *
 * Return: the string, to free().
 */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * xappend() - appends formatted text to a string in new memory
 * @s: the string (NULL: empty); replaced by the longer one
 * @fmt: printf format
 */
void xappend(char **s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
