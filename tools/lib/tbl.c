// SPDX-License-Identifier: GPL-2.0
/* Readers of the project's and the kernel's syscall tables. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tbl.h"

static int fail(char *err, size_t errlen, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(err, errlen, "line %d: ", line);
	if (n < 0 || (size_t)n >= errlen)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static int is_ident(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !(islower((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	for (i = 1; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_'))
			return 0;
	return 1;
}

/* Next whitespace-separated field of [*p, end); returns its length. */
static size_t field(const char **p, const char *end, const char **start)
{
	const char *s = *p;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	*start = s;
	while (s < end && *s != ' ' && *s != '\t')
		s++;
	*p = s;
	return (size_t)(s - *start);
}

/* Counts the parameters of a C parameter list; -1 if it is not one we take. */
static int count_params(const char *s)
{
	int n = 1;
	const char *c;

	if (strcmp(s, "void") == 0)
		return 0;
	for (c = s; *c; c++) {
		if (*c == ',')
			n++;
		else if (!(isalnum((unsigned char)*c) || *c == '_' || *c == ' ' || *c == '*'))
			return -1;
	}
	if (s[0] == ',' || s[strlen(s) - 1] == ',' || strstr(s, ",,"))
		return -1;
	return n;
}

/*
 * One line of the project's table, from q to eol: "<name> sys_<name>
 * <params>" into c. Returns 0, or -1 with a message naming the line.
 */
static int parse_call(const char *q, const char *eol, int line, struct call *c,
		      char *err, size_t errlen)
{
	const char *f, *rest;
	size_t n = field(&q, eol, &f);
	int i;

	if (n > CALL_NAME_MAX || !is_ident(f, n))
		return fail(err, errlen, line,
			    "'%.*s' is not a call name (lower case, digits, _; at most %d characters)",
			    (int)(n > 80 ? 80 : n), f, CALL_NAME_MAX);
	memcpy(c->name, f, n);
	c->name[n] = '\0';
	n = field(&q, eol, &f);
	if (n == 0)
		return fail(err, errlen, line, "%s: entry point missing", c->name);
	/* f is not NUL-terminated: compare within its n bytes only. */
	if (n >= sizeof(c->entry) || n < 4 || memcmp(f, "sys_", 4) != 0 ||
	    n - 4 != strlen(c->name) || memcmp(f + 4, c->name, n - 4) != 0)
		return fail(err, errlen, line, "%s: entry point must be sys_%s",
			    c->name, c->name);
	memcpy(c->entry, f, n);
	c->entry[n] = '\0';
	while (q < eol && (*q == ' ' || *q == '\t'))
		q++;
	rest = q;
	while (eol > rest && isspace((unsigned char)eol[-1]))
		eol--;
	n = (size_t)(eol - rest);
	if (n == 0)
		return fail(err, errlen, line,
			    "%s: parameter list missing (\"void\" for none)", c->name);
	if (n >= sizeof(c->params))
		return fail(err, errlen, line, "%s: parameter list too long", c->name);
	memcpy(c->params, rest, n);
	c->params[n] = '\0';
	for (i = 0; c->params[i]; i++)
		if (c->params[i] == '\t')
			c->params[i] = ' ';
	c->nargs = count_params(c->params);
	if (c->nargs < 0 || c->nargs > MAX_ARGS)
		return fail(err, errlen, line,
			    "%s: '%s' is not \"void\" or up to %d \"type name\" parameters",
			    c->name, c->params, MAX_ARGS);
	return 0;
}

int calls_parse(const char *text, size_t len, struct calls *out,
		char *err, size_t errlen)
{
	const char *p = text, *end = text + len;
	int line = 0, i;

	out->n = 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *q, *f;
		struct call *c;

		if (!eol)
			eol = end;
		line++;
		q = p;
		p = eol + 1;
		if (field(&q, eol, &f) == 0 || f[0] == '#')
			continue;
		if (memchr(f, '\0', (size_t)(eol - f)))
			return fail(err, errlen, line, "NUL byte in line");
		if (out->n == MAX_CALLS)
			return fail(err, errlen, line, "more than %d calls", MAX_CALLS);
		c = &out->v[out->n];
		if (parse_call(f, eol, line, c, err, errlen))
			return -1;
		for (i = 0; i < out->n; i++)
			if (strcmp(out->v[i].name, c->name) == 0)
				return fail(err, errlen, line, "%s: listed twice", c->name);
		out->n++;
	}
	if (out->n == 0)
		return fail(err, errlen, line, "no calls listed");
	return 0;
}

/* Each ABI's numbers go up on their own (scripts/syscall.tbl has
 * per-architecture blocks that start again at 244). */
struct abi_order {
	struct { char abi[16]; long prev; } v[16];
	int n;
};

/* Entry nr of ABI abi (nabi bytes) must not be below the ABI's last one. */
static int check_order(struct abi_order *o, const char *abi, size_t nabi, long nr, int line,
		       char *err, size_t errlen)
{
	int i;

	for (i = 0; i < o->n; i++)
		if (strlen(o->v[i].abi) == nabi && memcmp(o->v[i].abi, abi, nabi) == 0)
			break;
	if (i == o->n) {
		if (o->n == 16 || nabi >= sizeof(o->v[i].abi))
			return fail(err, errlen, line, "too many or too long abi names");
		memcpy(o->v[i].abi, abi, nabi);
		o->v[i].abi[nabi] = '\0';
		o->v[i].prev = -1;
		o->n++;
	}
	if (nr < o->v[i].prev)
		return fail(err, errlen, line, "%s entry %ld after %ld: the table is not sorted",
			    o->v[i].abi, nr, o->v[i].prev);
	o->v[i].prev = nr;
	return 0;
}

/* The number that starts an entry, f (n bytes, not NUL-terminated). */
static int entry_number(const char *f, size_t n, int line, long *nr, char *err, size_t errlen)
{
	size_t i;

	if (n > 6)
		return fail(err, errlen, line, "number '%.*s' too long", (int)(n > 20 ? 20 : n), f);
	*nr = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)f[i]))
			return fail(err, errlen, line,
				    "expected '<number> <abi> <name> ...', found '%.*s'",
				    (int)(n > 40 ? 40 : n), f);
		*nr = *nr * 10 + (f[i] - '0');
	}
	return 0;
}

/* What an entry (nr, its name, its entry points) tells out; at: past its line. */
static void note_entry(struct ktbl *out, const struct calls *names, long nr, long limit,
		       size_t at, const char *name, size_t nname, const char *entry,
		       size_t nentry, const char *compat, size_t ncompat)
{
	int i;

	out->entries++;
	if (nr < limit && nr >= out->max_nr) {
		out->max_nr = nr;
		out->insert_at = at;
		snprintf(out->max_entry, sizeof(out->max_entry), "%.*s",
			 (int)(nentry < sizeof(out->max_entry) ? nentry : 0), entry);
		snprintf(out->max_compat, sizeof(out->max_compat), "%.*s",
			 (int)(ncompat < sizeof(out->max_compat) ? ncompat : 0), compat);
	}
	for (i = 0; names && i < names->n && out->found_nr < 0; i++) {
		if (strlen(names->v[i].name) == nname &&
		    memcmp(names->v[i].name, name, nname) == 0) {
			out->found_nr = nr;
			snprintf(out->found_name, sizeof(out->found_name), "%s", names->v[i].name);
		}
	}
}

int ktbl_scan(const char *text, size_t len, long limit,
	      const struct calls *names, struct ktbl *out,
	      char *err, size_t errlen)
{
	const char *p = text, *end = text + len;
	struct abi_order order = { .n = 0 };
	int line = 0;

	memset(out, 0, sizeof(*out));
	out->max_nr = -1;
	out->found_nr = -1;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q, *f, *abi, *name, *entry, *compat;
		size_t n, nabi, nname, nentry, ncompat;
		long nr = 0;

		if (!eol)
			eol = end;
		line++;
		q = p;
		p = eol < end ? eol + 1 : end;
		n = field(&q, eol, &f);
		if (n == 0 || f[0] == '#')
			continue;
		if (entry_number(f, n, line, &nr, err, errlen))
			return -1;
		nabi = field(&q, eol, &abi);
		nname = field(&q, eol, &name);
		nentry = field(&q, eol, &entry);
		ncompat = field(&q, eol, &compat);
		if (nabi == 0 || nname == 0)
			return fail(err, errlen, line, "entry %ld has no abi or name", nr);
		if (check_order(&order, abi, nabi, nr, line, err, errlen))
			return -1;
		note_entry(out, names, nr, limit, (size_t)(p - text), name, nname,
			   entry, nentry, compat, ncompat);
	}
	return 0;
}
