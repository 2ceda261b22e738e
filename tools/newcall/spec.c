// SPDX-License-Identifier: GPL-2.0
/* The reader of a new call's prototype; see spec.h. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "spec.h"

#define MAX_TOKENS	64

/* Scalar types a call may take: the same value for 32- and 64-bit callers. */
static const struct {
	const char *c, *user;
	int is_unsigned;
} scalars[] = {
	{ "int", "int", 0 },
	{ "unsigned int", "unsigned int", 1 },
	{ "unsigned long", "unsigned long", 1 },
	{ "size_t", "size_t", 1 },
	{ "u32", "__u32", 1 },
	{ "__u32", "__u32", 1 },
	{ "s32", "__s32", 0 },
	{ "__s32", "__s32", 0 },
	{ "pid_t", "pid_t", 0 },
	{ "uid_t", "uid_t", 0 },
	{ "gid_t", "gid_t", 0 },
};

/* Types refused, and why: each needs a compat entry this generator does not write. */
static const struct {
	const char *c, *why;
} refused[] = {
	{ "long", "a 32-bit caller's long is 32 bits and x86 does not sign-extend it into the 64-bit register, so -1 would arrive as 4294967295; take int (or unsigned long), which both ABIs pass alike" },
	{ "u64", NULL }, { "__u64", NULL }, { "s64", NULL }, { "__s64", NULL },
	{ "loff_t", NULL }, { "long long", NULL }, { "unsigned long long", NULL },
};

static const char *const keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do",
	"double", "else", "enum", "extern", "float", "for", "goto", "if",
	"inline", "int", "long", "register", "restrict", "return", "short",
	"signed", "sizeof", "static", "struct", "switch", "typedef", "union",
	"unsigned", "void", "volatile", "while", "bool", "true", "false",
	"asmlinkage", "__user", "NULL",
	/* the locals of the generated body */
	"kbuf", "kstruct", "ret", "current",
};

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

struct tok {
	const char *p;
	size_t n;
};

/*
 * The prototype's head is wrong at offset at of text: the reason, then the
 * text with a caret under that place.
 */
static int fail_at(char *err, size_t errlen, const char *text, size_t at, const char *why)
{
	return fail(err, errlen, "%s\n    %s\n    %*s^", why, text, (int)at, "");
}

static int is_word(const struct tok *t)
{
	return isalpha((unsigned char)t->p[0]) || t->p[0] == '_';
}

static int tok_is(const struct tok *t, const char *s)
{
	return t->n == strlen(s) && memcmp(t->p, s, t->n) == 0;
}

/* Splits text into words and the characters ( ) , * ; */
static int tokenize(const char *text, struct tok *v, int *n, char *err, size_t errlen)
{
	const char *p = text;

	*n = 0;
	while (*p) {
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if (*n == MAX_TOKENS)
			return fail(err, errlen, "the prototype is too long");
		v[*n].p = p;
		if (isalnum((unsigned char)*p) || *p == '_') {
			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
		} else if (strchr("(),*;", *p)) {
			p++;
		} else {
			return fail(err, errlen, "unexpected character '%c' (0x%02x) at offset %d; a prototype is 'long name(type arg, ...)'",
				    isprint((unsigned char)*p) ? *p : '?', (unsigned char)*p,
				    (int)(p - text));
		}
		v[*n].n = (size_t)(p - v[*n].p);
		(*n)++;
	}
	return 0;
}

/* A name the call or a parameter may take. */
static int check_ident(const struct tok *t, const char *what, char *err, size_t errlen)
{
	size_t i;

	if (!is_word(t))
		return fail(err, errlen, "'%.*s' is not a %s name", (int)t->n, t->p, what);
	if (t->n > SPEC_MAX_NAME)
		return fail(err, errlen, "the %s name '%.*s' is longer than %d characters",
			    what, (int)t->n, t->p, SPEC_MAX_NAME);
	for (i = 0; i < t->n; i++)
		if (isupper((unsigned char)t->p[i]))
			return fail(err, errlen, "'%.*s': kernel names are lower case", (int)t->n, t->p);
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (tok_is(t, keywords[i]))
			return fail(err, errlen, "'%s' is reserved (a C keyword or a name the generated code uses); choose another %s name",
				    keywords[i], what);
	if (t->n >= 2 && t->p[0] == '_' && (t->p[1] == '_' || isupper((unsigned char)t->p[1])))
		return fail(err, errlen, "'%.*s': names that start with __ are reserved", (int)t->n, t->p);
	return 0;
}

static int find_scalar(const char *base)
{
	size_t i;

	for (i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++)
		if (strcmp(scalars[i].c, base) == 0)
			return (int)i;
	return -1;
}

static int refuse_type(const char *base, int pos, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		if (strcmp(refused[i].c, base) != 0)
			continue;
		if (refused[i].why)
			return fail(err, errlen, "parameter %d is %s: %s", pos, base, refused[i].why);
		/* where it stands does not matter: either way it needs a compat entry */
		return fail(err, errlen, "parameter %d is a 64-bit %s%s: a 32-bit caller passes it split into two registers, which needs a COMPAT_SYSCALL_DEFINE that joins the halves (per architecture, as fallocate has); this generator does not write one: pass two u32 parameters (its low and high halves), or the value inside a struct (an __aligned_u64 field)",
			    pos, base, pos % 2 == 0 ? " in an even position (arm, mips and powerpc also want such a pair aligned)" : "");
	}
	return 0;
}

static int known_types(char *err, size_t errlen, const char *base)
{
	char list[512] = "";
	size_t i;

	for (i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++) {
		strncat(list, scalars[i].c, sizeof(list) - strlen(list) - 1);
		strncat(list, ", ", sizeof(list) - strlen(list) - 1);
	}
	return fail(err, errlen, "unknown type '%s'; a parameter is one of: %s"
		    "const char __user * (a string, or a buffer with a size_t after it), "
		    "char/void __user * with a size_t after it (filled by the call), "
		    "[const] struct NAME __user * [with a size_t after it]", base, list);
}

/* Reads the words of one parameter, t[0..n), the last one being its name. */
/* What the words before a parameter's name say of its type. */
struct ptype {
	char base[SPEC_MAX_TYPE];	/* "unsigned int", "char", "" */
	int stars, is_const, is_user;
	int after_star;			/* const or __user after a '*' */
	const struct tok *tag;		/* after "struct", or NULL */
};

/* Reads t[0..n-2] (the type's words; t[n-1] is the name) into ty. */
static int read_type(const struct tok *t, int n, int pos, const struct param *p,
		     struct ptype *ty, char *err, size_t errlen)
{
	int i;

	memset(ty, 0, sizeof(*ty));
	for (i = 0; i < n - 1; i++) {
		if (tok_is(&t[i], "*")) {
			ty->stars++;
		} else if (ty->stars && (tok_is(&t[i], "const") || tok_is(&t[i], "__user"))) {
			ty->after_star = 1;	/* "char __user *const __user *": say why below */
		} else if (ty->stars) {
			return fail(err, errlen, "parameter %d (%s): only the name may follow '*'",
				    pos, p->name);
		} else if (tok_is(&t[i], "const")) {
			ty->is_const = 1;
		} else if (tok_is(&t[i], "__user")) {
			ty->is_user = 1;
		} else if (tok_is(&t[i], "struct")) {
			if (i + 1 >= n - 1 || !is_word(&t[i + 1]) || ty->tag)
				return fail(err, errlen, "parameter %d (%s): 'struct' needs a tag",
					    pos, p->name);
			ty->tag = &t[++i];
			if (check_ident(ty->tag, "struct", err, errlen))
				return -1;
		} else if (is_word(&t[i])) {
			if (strlen(ty->base) + t[i].n + 2 > sizeof(ty->base))
				return fail(err, errlen, "parameter %d: type too long", pos);
			if (ty->base[0])
				strcat(ty->base, " ");
			strncat(ty->base, t[i].p, t[i].n);
		} else {
			return fail(err, errlen, "parameter %d: unexpected '%.*s'", pos,
				    (int)t[i].n, t[i].p);
		}
	}
	if (strcmp(ty->base, "unsigned") == 0)
		strcpy(ty->base, "unsigned int");
	return 0;
}

/* A pointer parameter: a struct, a string or a buffer, from user space. */
static int pointer_param(const struct ptype *ty, int pos, struct param *p,
			 char *err, size_t errlen)
{
	const char *c = ty->is_const ? "const " : "";

	if (!ty->is_user)
		return fail(err, errlen, "parameter %d (%s) is a pointer without __user: it comes from user space and must never be dereferenced by the kernel; write '%s%s __user *%s' (the call copies it with copy_from_user() and friends)",
			    pos, p->name, c, ty->tag ? "struct ..." : ty->base, p->name);
	if (ty->tag) {
		p->kind = ty->is_const ? K_STRUCT_IN : K_STRUCT_OUT;
		snprintf(p->tag, sizeof(p->tag), "%.*s", (int)ty->tag->n, ty->tag->p);
		snprintf(p->type, sizeof(p->type), "%sstruct %.*s __user *", c,
			 (int)ty->tag->n, ty->tag->p);
		snprintf(p->utype, sizeof(p->utype), "%sstruct %.*s *", c,
			 (int)ty->tag->n, ty->tag->p);
		return 0;
	}
	if (strcmp(ty->base, "char") && strcmp(ty->base, "void"))
		return fail(err, errlen, "parameter %d (%s): a pointer to %s; pass a struct (versioned by its size) or a char buffer instead",
			    pos, p->name, ty->base[0] ? ty->base : "nothing");
	p->kind = ty->is_const ? (strcmp(ty->base, "char") == 0 ? K_STR_IN : K_BUF_IN) : K_BUF_OUT;
	snprintf(p->type, sizeof(p->type), "%s%.4s __user *", c, ty->base);
	snprintf(p->utype, sizeof(p->utype), "%s%.4s *", c, ty->base);
	return 0;
}

/* A value parameter: one of the scalars both ABIs pass alike, or flags. */
static int value_param(const struct ptype *ty, int pos, struct param *p,
		       char *err, size_t errlen)
{
	int sc;

	if (ty->is_user)
		return fail(err, errlen, "parameter %d (%s): __user marks a pointer, and this is a value",
			    pos, p->name);
	if (ty->tag)
		return fail(err, errlen, "parameter %d (%s): a struct passed by value; pass a pointer, 'const struct %.*s __user *%s', with its size",
			    pos, p->name, (int)ty->tag->n, ty->tag->p, p->name);
	if (ty->is_const)
		return fail(err, errlen, "parameter %d (%s): const on a value means nothing to the caller; leave it out",
			    pos, p->name);
	if (refuse_type(ty->base, pos, err, errlen))
		return -1;
	sc = find_scalar(ty->base);
	if (sc < 0)
		return known_types(err, errlen, ty->base);
	p->kind = K_SCALAR;
	if (strcmp(p->name, "flags") == 0) {
		if (!scalars[sc].is_unsigned)
			return fail(err, errlen, "parameter %d: flags must be unsigned (unsigned int), so that every bit is a flag",
				    pos);
		p->kind = K_FLAGS;
	}
	snprintf(p->type, sizeof(p->type), "%s", scalars[sc].c);
	snprintf(p->utype, sizeof(p->utype), "%s", scalars[sc].user);
	return 0;
}

static int parse_param(const struct tok *t, int n, int pos, struct param *p,
		       char *err, size_t errlen)
{
	struct ptype ty;

	if (n < 2 || !is_word(&t[n - 1]))
		return fail(err, errlen, "parameter %d: expected 'type name'", pos);
	if (check_ident(&t[n - 1], "parameter", err, errlen))
		return -1;
	snprintf(p->name, sizeof(p->name), "%.*s", (int)t[n - 1].n, t[n - 1].p);
	if (read_type(t, n, pos, p, &ty, err, errlen))
		return -1;
	if (ty.tag && ty.base[0])
		return fail(err, errlen, "parameter %d (%s): 'struct %.*s' and '%s' together",
			    pos, p->name, (int)ty.tag->n, ty.tag->p, ty.base);
	if (ty.stars > 1)
		return fail(err, errlen, "parameter %d (%s): a pointer to a pointer; the kernel would have to copy each pointer in, with a compat version for 32-bit callers; pass a struct or a buffer",
			    pos, p->name);
	if (ty.after_star)
		return fail(err, errlen, "parameter %d (%s): only the name may follow '*'",
			    pos, p->name);
	if (ty.stars == 1)
		return pointer_param(&ty, pos, p, err, errlen);
	return value_param(&ty, pos, p, err, errlen);
}

/* A size_t right after a buffer or a struct is that one's size. */
static int pair_sizes(struct spec *s, char *err, size_t errlen)
{
	int i;

	for (i = 0; i < s->n; i++) {
		struct param *p = &s->p[i], *next = i + 1 < s->n ? &s->p[i + 1] : NULL;

		p->size = -1;
		p->of = -1;
		if (p->kind != K_STR_IN && p->kind != K_BUF_IN && p->kind != K_BUF_OUT &&
		    p->kind != K_STRUCT_IN && p->kind != K_STRUCT_OUT)
			continue;
		if (next && strcmp(next->type, "size_t") == 0) {
			p->size = i + 1;
			next->kind = K_SIZE;
			next->of = i;
			if (p->kind == K_STR_IN)
				p->kind = K_BUF_IN;
			i++;
			s->p[i].size = -1;
		} else if (p->kind == K_BUF_IN || p->kind == K_BUF_OUT) {
			return fail(err, errlen, "parameter %d (%s) is a buffer without its size: put 'size_t %s_len' right after it, so that the call never reads or writes past its end",
				    i + 1, p->name, p->name);
		}
	}
	return 0;
}

/* The parameters between the parentheses, t[3..n-2], split at the commas. */
static int parse_params(const struct tok *t, int n, struct spec *out, char *err, size_t errlen)
{
	int i, start = 3;

	for (i = 3; i <= n - 1; i++) {
		if (!tok_is(&t[i], ",") && i != n - 1)
			continue;
		if (out->n == SPEC_MAX_PARAMS)
			return fail(err, errlen, "more than %d parameters: a system call takes at most six (the registers of the calling convention); pass a struct",
				    SPEC_MAX_PARAMS);
		if (i == start)
			return fail(err, errlen, "parameter %d is empty", out->n + 1);
		if (parse_param(&t[start], i - start, out->n + 1, &out->p[out->n], err, errlen))
			return -1;
		out->n++;
		start = i + 1;
	}
	return 0;
}

/* Does a's name stand for the generated body's copy of b ("k<b>")? */
static int names_copy_of(const struct param *a, const struct param *b)
{
	return a->name[0] == 'k' && strcmp(a->name + 1, b->name) == 0;
}

/* What two parameters may not be together: one name, two flags or structs. */
static int check_pairs(struct spec *out, char *err, size_t errlen)
{
	int i, j;

	for (i = 0; i < out->n; i++) {
		const struct param *a = &out->p[i];

		if (strcmp(a->name, out->name) == 0)
			return fail(err, errlen, "parameter %d has the call's own name", i + 1);
		for (j = 0; j < i; j++)
			if (strcmp(a->name, out->p[j].name) == 0)
				return fail(err, errlen, "two parameters are named %s", a->name);
	}
	if (pair_sizes(out, err, errlen))
		return -1;
	for (i = 0; i < out->n; i++) {
		const struct param *a = &out->p[i];

		if (a->kind == K_FLAGS && spec_find(out, K_FLAGS) != i)
			return fail(err, errlen, "two flags parameters");
		for (j = 0; j < i; j++) {
			const struct param *b = &out->p[j];

			if (a->tag[0] && b->tag[0])
				return fail(err, errlen, "two struct parameters (%s, %s); one struct per call, which can hold what both would",
					    b->name, a->name);
			if (names_copy_of(a, b) || names_copy_of(b, a))
				return fail(err, errlen, "parameter %s: the generated body names its copy of %s so; choose another name",
					    names_copy_of(a, b) ? a->name : b->name,
					    names_copy_of(a, b) ? b->name : a->name);
		}
	}
	return 0;
}

int spec_parse(const char *text, struct spec *out, char *err, size_t errlen)
{
	struct tok t[MAX_TOKENS];
	int n, i;

	memset(out, 0, sizeof(*out));
	if (err && errlen)
		err[0] = '\0';
	if (tokenize(text, t, &n, err, errlen))
		return -1;
	if (n > 0 && tok_is(&t[n - 1], ";"))
		n--;
	if (n > 0 && !tok_is(&t[0], "long"))
		return fail_at(err, errlen, text, (size_t)(t[0].p - text),
			       "a system call returns long: write 'long name(type arg, ...)'");
	if (n > 2 && is_word(&t[1]) && is_word(&t[2]))
		return fail_at(err, errlen, text, (size_t)(t[2].p - text),
			       "a name has no space in it; '(' must follow the call's name");
	if (n > 2 && !tok_is(&t[2], "("))
		return fail_at(err, errlen, text, (size_t)(t[2].p - text),
			       "'(' must follow the call's name");
	if (n > 2 && !tok_is(&t[n - 1], ")"))
		return fail_at(err, errlen, text, strlen(text),
			       "no ')' closes the parameter list");
	if (n < 4)
		return fail(err, errlen, "expected 'long name(type arg, ...)': a system call returns long, and its parameters are in parentheses");
	if (check_ident(&t[1], "call", err, errlen))
		return -1;
	snprintf(out->name, sizeof(out->name), "%.*s", (int)t[1].n, t[1].p);
	if (strncmp(out->name, "sys_", 4) == 0 || strncmp(out->name, "compat_", 7) == 0 ||
	    strncmp(out->name, "do_", 3) == 0)
		return fail(err, errlen, "'%s': give the call's own name; sys_, compat_ and do_ are the prefixes the kernel adds",
			    out->name);
	for (i = 3; i < n - 1; i++)
		if (tok_is(&t[i], "(") || tok_is(&t[i], ")") || tok_is(&t[i], ";"))
			return fail(err, errlen, "unexpected '%.*s' in the parameter list (function pointers and arrays are not taken)",
				    (int)t[i].n, t[i].p);
	if (n == 5 && tok_is(&t[3], "void"))
		return 0;
	if (n == 4)
		return fail(err, errlen, "empty parameter list: write %s(void)", out->name);
	if (parse_params(t, n, out, err, errlen))
		return -1;
	return check_pairs(out, err, errlen);
}

void spec_params(const struct spec *s, char *buf, size_t len)
{
	int i;

	snprintf(buf, len, "%s", s->n ? "" : "void");
	for (i = 0; i < s->n; i++) {
		size_t have = strlen(buf);
		const char *ty = s->p[i].type;
		int star = ty[strlen(ty) - 1] == '*';

		snprintf(buf + have, len - have, "%s%s%s%s", i ? ", " : "", ty, star ? "" : " ",
			 s->p[i].name);
	}
}

int spec_find(const struct spec *s, enum kind k)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->p[i].kind == k)
			return i;
	return -1;
}

int spec_has_struct(const struct spec *s)
{
	return spec_find(s, K_STRUCT_IN) >= 0 || spec_find(s, K_STRUCT_OUT) >= 0;
}
