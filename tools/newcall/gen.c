// SPDX-License-Identifier: GPL-2.0
/*
 * The generator's texts: a call's kernel code, uapi header, selftest and
 * man page, from its spec. What each kind of parameter needs is decided
 * here, once: the checks and copies of the kernel side, the error each
 * check returns, and the test that makes it return that error.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen.h"
#include "util.h"

#define WIDTH 80
#define TEST_BUF 64	/* the selftest's output buffers */

static void upper(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < len; i++)
		buf[i] = (char)toupper((unsigned char)s[i]);
	buf[i] = '\0';
}

void gen_symbol(const struct spec *s, char *buf, size_t len)
{
	size_t n = strlen(s->name);

	upper(s->name, buf, len);
	if (n < 8 || strcmp(s->name + n - 8, "_syscall") != 0)
		strncat(buf, "_SYSCALL", len - strlen(buf) - 1);
}

static int is_ptr(const struct param *p)
{
	return p->kind == K_STR_IN || p->kind == K_BUF_IN || p->kind == K_BUF_OUT ||
	       p->kind == K_STRUCT_IN || p->kind == K_STRUCT_OUT;
}

/* The C declaration "type name" (no blank after a '*'). */
static const char *decl(const char *type, const char *name)
{
	static char buf[2][SPEC_MAX_TYPE + SPEC_MAX_NAME + 2];
	static int which;
	size_t n = strlen(type);

	which = !which;
	snprintf(buf[which], sizeof(buf[which]), "%s%s%s", type,
		 n && type[n - 1] == '*' ? "" : " ", name);
	return buf[which];
}

/*
 * head item, item, ... tail, wrapped at WIDTH columns with the lines after
 * the first aligned just past head's '(' (indent: the columns before head).
 */
static void wrapped(FILE *f, int indent, const char *head, const char *const *items,
		    int n, const char *tail)
{
	int col = indent + (int)strlen(head), open = col, i, t;

	fputs(head, f);
	for (i = 0; i < n; i++) {
		int len = (int)strlen(items[i]) + (i + 1 < n ? 1 : (int)strlen(tail));

		if (i > 0 && col + 1 + len > WIDTH) {
			fputs("\n", f);
			for (t = 0; t + 8 <= open; t += 8)
				fputc('\t', f);
			fprintf(f, "%*s", open - t, "");
			col = open;
		} else if (i > 0) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%s%s", items[i], i + 1 < n ? "," : tail);
		col += len;
	}
	if (n == 0)
		fputs(tail, f);
}

/* ---- kernel side ------------------------------------------------------ */

/* "type, name", malloc'ed */
static const char *type_comma_name(const char *type, const char *name)
{
	return xasprintf("%s, %s", type, name);
}

/* The upper-case constant NAME_SUFFIX. */
static const char *constant(const struct spec *s, const char *mid, const char *suffix)
{
	static char buf[4][128];
	static int which;
	char u[SPEC_MAX_NAME + 1], m[SPEC_MAX_NAME + 1];

	which = (which + 1) % 4;
	upper(s->name, u, sizeof(u));
	upper(mid ? mid : "", m, sizeof(m));
	snprintf(buf[which], sizeof(buf[which]), "%s%s%s_%s", u, mid ? "_" : "", m, suffix);
	return buf[which];
}

static const char *struct_const(const struct param *p, const char *suffix)
{
	static char buf[2][128];
	static int which;
	char u[SPEC_MAX_NAME + 1];

	which = !which;
	upper(p->tag, u, sizeof(u));
	snprintf(buf[which], sizeof(buf[which]), "%s_%s", u, suffix);
	return buf[which];
}

static void kdoc_param(FILE *f, const struct spec *s, const struct param *p)
{
	const struct param *sz = p->size >= 0 ? &s->p[p->size] : NULL;

	fprintf(f, " * @%s: ", p->name);
	switch (p->kind) {
	case K_SCALAR:
		fprintf(f, "TODO(%s): what @%s means\n", s->name, p->name);
		break;
	case K_FLAGS:
		fprintf(f, "flags; %s has those known (none yet)\n",
			constant(s, NULL, "VALID_FLAGS"));
		break;
	case K_STR_IN:
		fprintf(f, "a string, shorter than %s bytes\n", constant(s, p->name, "MAX"));
		break;
	case K_BUF_IN:
		fprintf(f, "@%s bytes to read, at most %s\n", sz->name, constant(s, p->name, "MAX"));
		break;
	case K_BUF_OUT:
		fprintf(f, "a buffer of @%s bytes that the call fills\n", sz->name);
		break;
	case K_STRUCT_IN:
	case K_STRUCT_OUT:
		fprintf(f, "the struct %s that the call %s", p->tag,
			p->kind == K_STRUCT_IN ? "reads" : "fills");
		if (sz)
			fprintf(f, ", of @%s bytes", sz->name);
		fputc('\n', f);
		break;
	case K_SIZE:
		fprintf(f, "the size of @%s in bytes\n", s->p[p->of].name);
		break;
	}
}

/*
 * A check the call makes of its arguments before it copies anything: the
 * C condition that refuses them, the error, and why, for the kernel-doc.
 * Code and documentation are both written from this one list.
 */
struct check {
	char cond[160];
	const char *err;
	char why[240];
};

static int checks_of(const struct spec *s, struct check *c)
{
	int i, n = 0, fl = spec_find(s, K_FLAGS);

	if (fl >= 0) {
		snprintf(c[n].cond, sizeof(c[0].cond), "%s & ~%s", s->p[fl].name,
			 constant(s, NULL, "VALID_FLAGS"));
		c[n].err = "EINVAL";
		snprintf(c[n++].why, sizeof(c[0].why), "@%s has a bit that is not in %s",
			 s->p[fl].name, constant(s, NULL, "VALID_FLAGS"));
	}
	for (i = 0; i < s->n; i++) {
		const struct param *p = &s->p[i], *sz = p->size >= 0 ? &s->p[p->size] : NULL;

		if (p->kind == K_BUF_IN) {
			snprintf(c[n].cond, sizeof(c[0].cond), "%s > %s", sz->name,
				 constant(s, p->name, "MAX"));
			c[n].err = "E2BIG";
			snprintf(c[n++].why, sizeof(c[0].why), "@%s is more than %s", sz->name,
				 constant(s, p->name, "MAX"));
		}
		if ((p->kind == K_STRUCT_IN || p->kind == K_STRUCT_OUT) && sz) {
			snprintf(c[n].cond, sizeof(c[0].cond), "%s < %s", sz->name,
				 struct_const(p, "SIZE_VER0"));
			c[n].err = "EINVAL";
			snprintf(c[n++].why, sizeof(c[0].why),
				 "@%s is less than %s, the first size of\n *   struct %s",
				 sz->name, struct_const(p, "SIZE_VER0"), p->tag);
			snprintf(c[n].cond, sizeof(c[0].cond), "%s > PAGE_SIZE", sz->name);
			c[n].err = "E2BIG";
			snprintf(c[n++].why, sizeof(c[0].why), "@%s is more than a page", sz->name);
		}
	}
	return n;
}

/* The return values, each with its cause, in the order the checks run. */
static void kdoc_returns(FILE *f, const struct spec *s)
{
	struct check c[2 * SPEC_MAX_PARAMS + 1];
	int i, n = checks_of(s, c);

	for (i = 0; i < s->n; i++)
		if (is_ptr(&s->p[i]))
			break;
	if (i == s->n && n == 0) {
		fprintf(f, " * Return: 0, always.\n");
		return;
	}
	fprintf(f, " * Return: 0 on success, or a negative error:\n");
	for (i = 0; i < n; i++)
		fprintf(f, " * * -%s - %s\n", c[i].err, c[i].why);
	/* then what the copies return */
	for (i = 0; i < s->n; i++) {
		const struct param *p = &s->p[i];

		if (p->kind == K_STR_IN)
			fprintf(f, " * * -E2BIG - @%s is %s bytes or longer\n", p->name,
				constant(s, p->name, "MAX"));
		if (p->kind == K_STRUCT_IN && p->size >= 0)
			fprintf(f, " * * -E2BIG - the bytes of @%s past the struct this kernel\n"
				" *   knows are not all zero\n", p->name);
		if (p->kind == K_STR_IN || p->kind == K_BUF_IN || p->kind == K_STRUCT_IN)
			fprintf(f, " * * -EFAULT - @%s is not readable\n", p->name);
		if (p->kind == K_BUF_OUT || p->kind == K_STRUCT_OUT)
			fprintf(f, " * * -EFAULT - @%s is not writable\n", p->name);
	}
}

static void kernel_limits(FILE *f, const struct spec *s)
{
	int i, fl = spec_find(s, K_FLAGS);

	/* the mask has the flags' width: 0U would let an unsigned long's high bits by */
	if (fl >= 0)
		fprintf(f, "/* The flags %s() knows; any other bit is refused with EINVAL. */\n"
			"#define %s\t%s\n\n", s->name, constant(s, NULL, "VALID_FLAGS"),
			strcmp(s->p[fl].type, "unsigned long") == 0 ||
			strcmp(s->p[fl].type, "size_t") == 0 ? "0UL" : "0U");
	for (i = 0; i < s->n; i++) {
		const struct param *p = &s->p[i];

		if (p->kind == K_STR_IN || p->kind == K_BUF_IN)
			fprintf(f, "/* The most bytes of %s that %s() takes; more is E2BIG. */\n"
				"#define %s\t256\n\n", p->name, s->name, constant(s, p->name, "MAX"));
		if (p->kind == K_BUF_OUT)
			fprintf(f, "/* What %s() writes in %s (cut to its size). */\n"
				"static const char %s_text[] = \"hello from %s()\";\n\n",
				s->name, p->name, p->name, s->name);
	}
}

static void kernel_locals(FILE *f, const struct spec *s)
{
	int i, ret = 0;

	for (i = 0; i < s->n; i++) {
		const struct param *p = &s->p[i];

		if (p->kind == K_STR_IN || p->kind == K_BUF_IN)
			fprintf(f, "\tchar k%s[%s];\n", p->name, constant(s, p->name, "MAX"));
		if (p->kind == K_STRUCT_IN || p->kind == K_STRUCT_OUT)
			fprintf(f, "\tstruct %s k%s = { };\n", p->tag, p->name);
		ret |= p->kind == K_STR_IN || (p->kind == K_STRUCT_IN && p->size >= 0);
	}
	if (ret)
		fprintf(f, "\tlong ret;\n");
}

static void kernel_checks(FILE *f, const struct spec *s)
{
	struct check c[2 * SPEC_MAX_PARAMS + 1];
	int i, n = checks_of(s, c);

	for (i = 0; i < n; i++)
		fprintf(f, "\tif (%s)\n\t\treturn -%s;\n", c[i].cond, c[i].err);
}

/* The size_t parameter that goes with p, or NULL. */
static const struct param *size_of(const struct spec *s, const struct param *p)
{
	return p->size >= 0 ? &s->p[p->size] : NULL;
}

static void kernel_copy_in(FILE *f, const struct spec *s)
{
	const struct param *p, *sz;

	for (p = s->p; p < s->p + s->n; p++) {
		sz = size_of(s, p);

		if (p->kind == K_STR_IN)
			fprintf(f, "\tret = strncpy_from_user(k%s, %s, sizeof(k%s));\n"
				"\tif (ret < 0)\n\t\treturn ret;\n"
				"\tif (ret == sizeof(k%s))\n\t\treturn -E2BIG;\n",
				p->name, p->name, p->name, p->name);
		if (p->kind == K_BUF_IN)
			fprintf(f, "\tif (copy_from_user(k%s, %s, %s))\n\t\treturn -EFAULT;\n",
				p->name, p->name, sz->name);
		if (p->kind == K_STRUCT_IN && sz)
			fprintf(f, "\tret = copy_struct_from_user(&k%s, sizeof(k%s), %s, %s);\n"
				"\tif (ret)\n\t\treturn ret;\n", p->name, p->name, p->name, sz->name);
		if (p->kind == K_STRUCT_IN && !sz)
			fprintf(f, "\tif (copy_from_user(&k%s, %s, sizeof(k%s)))\n\t\treturn -EFAULT;\n",
				p->name, p->name, p->name);
	}
}

static void kernel_work(FILE *f, const struct spec *s)
{
	int out = spec_find(s, K_STRUCT_OUT);

	fprintf(f, "\t/* TODO(%s): the work. For now it logs that it ran. */\n"
		"\tpr_info_ratelimited(\"called by pid %%d\\n\", task_tgid_vnr(current));\n",
		s->name);
	if (out >= 0)
		fprintf(f, "\tk%s.value = task_tgid_vnr(current);\n", s->p[out].name);
}

static void kernel_copy_out(FILE *f, const struct spec *s)
{
	const struct param *p, *sz;

	for (p = s->p; p < s->p + s->n; p++) {
		sz = size_of(s, p);

		if (p->kind == K_BUF_OUT)
			fprintf(f, "\tif (copy_to_user(%s, %s_text, min(%s, sizeof(%s_text))))\n"
				"\t\treturn -EFAULT;\n", p->name, p->name, sz->name, p->name);
		if (p->kind == K_STRUCT_OUT && sz)
			fprintf(f, "\tif (copy_to_user(%s, &k%s, min(%s, sizeof(k%s))))\n"
				"\t\treturn -EFAULT;\n"
				"\t/* A newer caller's larger struct: its new fields read 0. */\n"
				"\tif (%s > sizeof(k%s) &&\n"
				"\t    clear_user((char __user *)%s + sizeof(k%s), %s - sizeof(k%s)))\n"
				"\t\treturn -EFAULT;\n",
				p->name, p->name, sz->name, p->name, sz->name, p->name,
				p->name, p->name, sz->name, p->name);
		if (p->kind == K_STRUCT_OUT && !sz)
			fprintf(f, "\tif (copy_to_user(%s, &k%s, sizeof(k%s)))\n\t\treturn -EFAULT;\n",
				p->name, p->name, p->name);
	}
}

/* The file's head: licence, what made it, pr_fmt, includes, limits. */
static void call_c_head(FILE *f, const struct spec *s)
{
	fprintf(f, "// SPDX-License-Identifier: GPL-2.0\n"
		"/*\n * %s(): %s; kernel/syscalls.tbl has its\n"
		" * prototype. The places to fill in say TODO(%s).\n */\n",
		s->name, GEN_MARK, s->name);
	fprintf(f, "#define pr_fmt(fmt) \"%s: \" fmt\n\n", s->name);
	fprintf(f, "#include <linux/errno.h>\n#include <linux/kernel.h>\n");
	if (spec_has_struct(s))
		fprintf(f, "#include <linux/mm.h>\n");
	fprintf(f, "#include <linux/printk.h>\n#include <linux/sched.h>\n"
		"#include <linux/syscalls.h>\n#include <linux/uaccess.h>\n");
	if (spec_has_struct(s))
		fprintf(f, "#include <uapi/linux/%s.h>\n", s->name);
	fprintf(f, "\n");
	kernel_limits(f, s);
}

/* The worker's body: its parts, a blank line between those that say anything. */
static void call_c_body(FILE *f, const struct spec *s)
{
	void (*part[])(FILE *, const struct spec *) = {
		kernel_locals, kernel_checks, kernel_copy_in, kernel_work, kernel_copy_out
	};
	size_t k, n = 0;

	for (k = 0; k < sizeof(part) / sizeof(part[0]); k++) {
		char *text = NULL;
		size_t len = 0;
		FILE *mf = open_memstream(&text, &len);

		/* a part left out would be a body cut short: none or all */
		if (!mf)
			die("out of memory");
		part[k](mf, s);
		if (fclose(mf))
			die("out of memory");
		if (len)
			fprintf(f, "%s%s", n++ ? "\n" : "", text);
		free(text);
	}
}

/* The worker, do_<name>(), which the entry point calls. */
static void call_c_worker(FILE *f, const struct spec *s)
{
	const char *items[SPEC_MAX_PARAMS + 1];
	char head[128];
	int i;

	for (i = 0; i < s->n; i++)
		items[i] = xstrdup(decl(s->p[i].type, s->p[i].name));
	fprintf(f, "/* The work of %s(); the entry point below says what it returns. */\n",
		s->name);
	snprintf(head, sizeof(head), "static long do_%s(", s->name);
	if (s->n == 0)
		items[0] = xstrdup("void");
	wrapped(f, 0, head, items, s->n ? s->n : 1, ")\n");
	if (s->n == 0)
		free((void *)items[0]);
	for (i = 0; i < s->n; i++)
		free((void *)items[i]);
	fprintf(f, "{\n");
	call_c_body(f, s);
	fprintf(f, "\treturn 0;\n}\n\n");
}

/* The entry point, SYSCALL_DEFINEn(), with its kernel-doc. */
static void call_c_entry(FILE *f, const struct spec *s)
{
	const char *items[SPEC_MAX_PARAMS + 1], *args[SPEC_MAX_PARAMS];
	char head[128];
	int i;

	fprintf(f, "/**\n * sys_%s - TODO(%s): what %s() does, in one line\n", s->name, s->name,
		s->name);
	for (i = 0; i < s->n; i++)
		kdoc_param(f, s, &s->p[i]);
	fprintf(f, " *\n * Any process may call it.\n *\n");
	kdoc_returns(f, s);
	fprintf(f, " */\n");
	/* SYSCALL_DEFINEn(name, type, arg, ...): each "type, arg" on one line */
	items[0] = s->name;
	for (i = 0; i < s->n; i++) {
		char *t = xstrdup(s->p[i].type);
		size_t n = strlen(t);

		while (n && t[n - 1] == ' ')
			t[--n] = '\0';
		items[i + 1] = type_comma_name(t, s->p[i].name);
		args[i] = s->p[i].name;
		free(t);
	}
	snprintf(head, sizeof(head), "SYSCALL_DEFINE%d(", s->n);
	wrapped(f, 0, head, items, s->n + 1, ")\n");
	for (i = 0; i < s->n; i++)
		free((void *)items[i + 1]);
	snprintf(head, sizeof(head), "return do_%s(", s->name);
	fputs("{\n\t", f);
	wrapped(f, 8, head, args, s->n, ");\n");
	fputs("}\n", f);
}

void gen_call_c(FILE *f, const struct spec *s)
{
	call_c_head(f, s);
	call_c_worker(f, s);
	call_c_entry(f, s);
}

void gen_uapi_h(FILE *f, const struct spec *s)
{
	int i = spec_find(s, K_STRUCT_IN) >= 0 ? spec_find(s, K_STRUCT_IN) : spec_find(s, K_STRUCT_OUT);
	const struct param *p = &s->p[i];
	char u[SPEC_MAX_NAME + 1];

	upper(s->name, u, sizeof(u));
	fprintf(f, "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n"
		"/* The user-space ABI of %s(); %s. */\n"
		"#ifndef _UAPI_LINUX_%s_H\n#define _UAPI_LINUX_%s_H\n\n"
		"#include <linux/types.h>\n\n", s->name, GEN_MARK, u, u);
	fprintf(f, "/*\n * struct %s - what %s() %s\n"
		" *\n * Fixed-size fields only (no long, no pointer), 64-bit ones as\n"
		" * __aligned_u64 (i386 aligns a plain __u64 on 4 bytes), so that 32- and\n"
		" * 64-bit callers lay it out alike.\n * It grows only at its end%s.\n */\n",
		p->tag, s->name, p->kind == K_STRUCT_IN ? "reads" : "fills",
		p->size >= 0 ? "; callers pass its size, and each\n * size it had is a "
		"_SIZE_VER<n> below" : "");
	fprintf(f, "struct %s {\n\t__aligned_u64 value;\t/* TODO(%s): the fields */\n};\n\n",
		p->tag, s->name);
	if (p->size >= 0)
		fprintf(f, "#define %s\t8\t/* the first published size */\n\n",
			struct_const(p, "SIZE_VER0"));
	fprintf(f, "#endif /* _UAPI_LINUX_%s_H */\n", u);
}

/* ---- selftest ---------------------------------------------------------- */

/*
 * A call of sys_<name>() with arguments that must succeed, but for two
 * that may be replaced (which, which2: -1 for none), wrapped:
 * "<indent>pre sys_name(args)post".
 */
static void call2(FILE *f, const struct spec *s, const char *pre, int which, const char *bad,
		  int which2, const char *bad2, const char *post)
{
	char *items[SPEC_MAX_PARAMS], head[128];
	int i;

	for (i = 0; i < s->n; i++) {
		const struct param *p = &s->p[i], *of = p->of >= 0 ? &s->p[p->of] : NULL;
		char buf[160];

		if (i == which || i == which2)
			snprintf(buf, sizeof(buf), "%s", i == which ? bad : bad2);
		else if (p->kind == K_SCALAR || p->kind == K_FLAGS)
			snprintf(buf, sizeof(buf), "0");
		else if (p->kind == K_STR_IN || p->kind == K_BUF_IN)
			snprintf(buf, sizeof(buf), "\"world\"");
		else if (p->kind == K_BUF_OUT)
			snprintf(buf, sizeof(buf), "%s", p->name);
		else if (p->kind == K_STRUCT_IN || p->kind == K_STRUCT_OUT)
			snprintf(buf, sizeof(buf), "&%s", p->name);
		else if (of->kind == K_BUF_IN)
			snprintf(buf, sizeof(buf), "sizeof(\"world\")");
		else if (of->kind == K_BUF_OUT)
			snprintf(buf, sizeof(buf), "%d", TEST_BUF);
		else
			snprintf(buf, sizeof(buf), "sizeof(struct %s)", of->tag);
		items[i] = xstrdup(buf);
	}
	snprintf(head, sizeof(head), "%ssys_%s(", pre, s->name);
	fputc('\t', f);
	wrapped(f, 8, head, (const char *const *)items, s->n, post);
	for (i = 0; i < s->n; i++)
		free(items[i]);
}

static void call(FILE *f, const struct spec *s, const char *pre, int which, const char *bad,
		 const char *post)
{
	call2(f, s, pre, which, bad, -1, "", post);
}

/*
 * The buffers and structs the arguments point to, but for the one replaced
 * (skip); then a blank line if anything was declared.
 */
static int test_locals(FILE *f, const struct spec *s, int skip)
{
	int i, any = 0;

	for (i = 0; i < s->n; i++) {
		const struct param *p = &s->p[i];

		if (i == skip)
			continue;
		if (p->kind == K_BUF_OUT)
			fprintf(f, "\tchar %s[%d] = \"\";\n", p->name, TEST_BUF);
		if (p->kind == K_STRUCT_IN || p->kind == K_STRUCT_OUT)
			fprintf(f, "\tstruct %s %s = { 0 };\n", p->tag, p->name);
		any |= p->kind == K_BUF_OUT || p->kind == K_STRUCT_IN || p->kind == K_STRUCT_OUT;
	}
	if (any)
		fputc('\n', f);
	return any;
}

static const char *skip_unless_built_in = "\tif (!built_in())\n\t\tSKIP(return, \"%s() is not built in\");\n";

static void test_head(FILE *f, const struct spec *s, const char *name, int which)
{
	fprintf(f, "\nTEST(%s)\n{\n", name);
	test_locals(f, s, which);
	fprintf(f, skip_unless_built_in, s->name);
}

/* A test that one bad argument gives one error. */
static void test_error(FILE *f, const struct spec *s, const char *name, int which,
		       const char *bad, const char *err)
{
	test_head(f, s, name, which);
	call(f, s, "ASSERT_EQ(-1, ", which, bad, "));\n");
	fprintf(f, "\tEXPECT_EQ(%s, errno);\n}\n", err);
}

/* A caller built with a newer, larger struct: sized structs only. */
static void test_larger(FILE *f, const struct spec *s, int i)
{
	const struct param *p = &s->p[i];
	char big[64];

	fprintf(f, "\n/* A caller built with a newer, larger struct %s. */\n", p->tag);
	fprintf(f, "TEST(larger_%s)\n{\n\tunsigned char big[sizeof(struct %s) + 8];\n",
		p->name, p->tag);
	if (!test_locals(f, s, i))
		fputc('\n', f);
	fprintf(f, skip_unless_built_in, s->name);
	snprintf(big, sizeof(big), "(void *)big");
	if (p->kind == K_STRUCT_IN) {
		fprintf(f, "\t/* Its new fields 0: taken; not 0: E2BIG. */\n"
			"\tmemset(big, 0, sizeof(big));\n");
		call2(f, s, "ASSERT_EQ(0, ", i, big, p->size, "sizeof(big)", "));\n");
		fprintf(f, "\tbig[sizeof(big) - 1] = 1;\n");
		call2(f, s, "ASSERT_EQ(-1, ", i, big, p->size, "sizeof(big)", "));\n");
		fprintf(f, "\tEXPECT_EQ(E2BIG, errno);\n}\n");
	} else {
		fprintf(f, "\t/* Its new fields come back 0. */\n"
			"\tmemset(big, 0xff, sizeof(big));\n");
		call2(f, s, "ASSERT_EQ(0, ", i, big, p->size, "sizeof(big)", "));\n");
		fprintf(f, "\tfor (size_t i = sizeof(struct %s); i < sizeof(big); i++)\n"
			"\t\tASSERT_EQ(0, big[i]);\n}\n", p->tag);
	}
}

static void test_pointer(FILE *f, const struct spec *s, int i)
{
	const struct param *p = &s->p[i];
	char name[128];

	snprintf(name, sizeof(name), "bad_%s_is_efault", p->name);
	test_error(f, s, name, i, "(void *)1", "EFAULT");
	if (p->kind == K_BUF_IN) {
		snprintf(name, sizeof(name), "too_big_%s_is_e2big", p->name);
		test_error(f, s, name, p->size, "1 << 20", "E2BIG");
	}
	if (p->kind == K_STR_IN) {
		fprintf(f, "\nTEST(too_long_%s_is_e2big)\n{\n\tchar *big = malloc(1 << 16);\n",
			p->name);
		if (!test_locals(f, s, i))
			fputc('\n', f);
		fprintf(f, skip_unless_built_in, s->name);
		fprintf(f, "\tASSERT_TRUE(!!big);\n\tmemset(big, 'a', (1 << 16) - 1);\n"
			"\tbig[(1 << 16) - 1] = '\\0';\n");
		call(f, s, "ASSERT_EQ(-1, ", i, "big", "));\n");
		fprintf(f, "\tEXPECT_EQ(E2BIG, errno);\n\tfree(big);\n}\n");
	}
	if ((p->kind == K_STRUCT_IN || p->kind == K_STRUCT_OUT) && p->size >= 0) {
		snprintf(name, sizeof(name), "short_%s_is_einval", p->name);
		test_error(f, s, name, p->size, "0", "EINVAL");
		snprintf(name, sizeof(name), "huge_%s_is_e2big", p->name);
		test_error(f, s, name, p->size, "1 << 20", "E2BIG");
		test_larger(f, s, i);
	}
}

static void test_wrapper(FILE *f, const struct spec *s)
{
	const char *items[SPEC_MAX_PARAMS], *args[SPEC_MAX_PARAMS];
	char head[128];
	int i;

	for (i = 0; i < s->n; i++) {
		items[i] = xstrdup(decl(s->p[i].utype, s->p[i].name));
		args[i] = s->p[i].name;
	}
	snprintf(head, sizeof(head), "static long sys_%s(", s->name);
	if (s->n == 0)
		items[0] = xstrdup("void");
	wrapped(f, 0, head, items, s->n ? s->n : 1, ")\n");
	if (s->n == 0)
		free((void *)items[0]);
	for (i = 0; i < s->n; i++)
		free((void *)items[i]);
	snprintf(head, sizeof(head), "return syscall(__NR_%s%s", s->name, s->n ? ", " : "");
	fputs("{\n\t", f);
	wrapped(f, 8, head, args, s->n, ");\n");
	fputs("}\n\n", f);
}

/* built_in(): arguments the call refuses before it does anything, if it has any. */
static void test_built_in(FILE *f, const struct spec *s)
{
	int i, probe = spec_find(s, K_FLAGS);
	char bad[SPEC_MAX_TYPE + 8];

	for (i = 0; i < s->n && probe < 0; i++)
		if (is_ptr(&s->p[i]))
			probe = i;
	if (probe >= 0)
		snprintf(bad, sizeof(bad), "%s", s->p[probe].kind == K_FLAGS ? "-1" : "(void *)1");
	fprintf(f, "/* Without the call (CONFIG_%s=n): ENOSYS. */\n"
		"static int built_in(void)\n{\n", constant(s, NULL, "SYSCALL"));
	fprintf(f, "\tlong ret;\n");
	if (!test_locals(f, s, probe))
		fputc('\n', f);
	call(f, s, "ret = ", probe, probe >= 0 ? bad : "", ");\n");
	fprintf(f, "\treturn !(ret == -1 && errno == ENOSYS);\n}\n");
}

/*
 * The struct's layout is the same for 32- and 64-bit callers (the 32-bit
 * build of the test runs this too): 8-byte aligned, a whole number of
 * 8 bytes, no smaller than its first published size.
 */
static void test_layout(FILE *f, const struct spec *s)
{
	int i = spec_find(s, K_STRUCT_IN) >= 0 ? spec_find(s, K_STRUCT_IN) : spec_find(s, K_STRUCT_OUT);
	const struct param *p = i >= 0 ? &s->p[i] : NULL;

	if (!p)
		return;
	fprintf(f, "\n/* struct %s: one layout for 32- and 64-bit callers. */\n"
		"TEST(layout_of_%s)\n{\n\tEXPECT_EQ((size_t)8, __alignof__(struct %s));\n"
		"\tEXPECT_EQ((size_t)0, sizeof(struct %s) %% 8);\n", p->tag, p->tag, p->tag, p->tag);
	if (p->size >= 0)
		fprintf(f, "\tEXPECT_LE((size_t)%s, sizeof(struct %s));\n",
			struct_const(p, "SIZE_VER0"), p->tag);
	fprintf(f, "}\n");
}

void gen_test_c(FILE *f, const struct spec *s)
{
	int i, fl = spec_find(s, K_FLAGS);
	char bad[SPEC_MAX_TYPE + 8];

	fprintf(f, "// SPDX-License-Identifier: GPL-2.0\n"
		"/*\n * Tests of %s(), %s with the call:\n"
		" * each error the call returns, made to happen once.\n"
		" * TODO(%s): test what it does.\n */\n",
		s->name, GEN_MARK, s->name);
	fprintf(f, "#define _GNU_SOURCE\n#include <errno.h>\n#include <stdlib.h>\n"
		"#include <string.h>\n#include <sys/syscall.h>\n#include <unistd.h>\n");
	if (spec_has_struct(s))
		fprintf(f, "\n#include <linux/%s.h>\n", s->name);
	fprintf(f, "\n#include \"../kselftest_harness.h\"\n\n"
		"/* The harness of kernels before 5.9 has no SKIP(). */\n#ifndef SKIP\n"
		"#define SKIP(statement, fmt, ...) do {\t\t\t\t\\\n"
		"\t\tTH_LOG(\"SKIP: \" fmt, ##__VA_ARGS__);\t\t\\\n"
		"\t\tstatement;\t\t\t\t\t\\\n\t} while (0)\n#endif\n\n");
	test_wrapper(f, s);
	test_built_in(f, s);

	test_head(f, s, "succeeds", -1);
	call(f, s, "ASSERT_EQ(0, ", -1, "", "));\n");
	for (i = 0; i < s->n; i++) {
		if (s->p[i].kind == K_BUF_OUT)
			fprintf(f, "\tEXPECT_STREQ(\"hello from %s()\", %s);\n", s->name, s->p[i].name);
		if (s->p[i].kind == K_STRUCT_OUT)
			fprintf(f, "\tEXPECT_EQ(getpid(), (pid_t)%s.value);\n", s->p[i].name);
	}
	fprintf(f, "}\n");
	if (fl >= 0) {
		snprintf(bad, sizeof(bad), "(%s)-1", s->p[fl].utype);
		test_error(f, s, "unknown_flags_are_einval", fl, bad, "EINVAL");
		/* the flags' top bit alone: bit 63 of a 64-bit caller's unsigned long */
		snprintf(bad, sizeof(bad), "~((%s)-1 >> 1)", s->p[fl].utype);
		test_error(f, s, "high_flag_bit_is_einval", fl, bad, "EINVAL");
	}
	for (i = 0; i < s->n; i++)
		if (is_ptr(&s->p[i]))
			test_pointer(f, s, i);
	test_layout(f, s);
	fprintf(f, "\n/* Passes on a kernel without the call; skipped where it is built in. */\n"
		"TEST(enosys_when_compiled_out)\n{\n");
	test_locals(f, s, -1);
	fprintf(f, "\tif (built_in())\n\t\tSKIP(return, \"%s() is built in\");\n", s->name);
	call(f, s, "ASSERT_EQ(-1, ", -1, "", "));\n");
	fprintf(f, "\tEXPECT_EQ(ENOSYS, errno);\n}\n\nTEST_HARNESS_MAIN\n");
}

void gen_test_makefile(FILE *f, const struct spec *s)
{
	fprintf(f, "# SPDX-License-Identifier: GPL-2.0\n"
		"CFLAGS += -Wall -O2 $(KHDR_INCLUDES)\n\n"
		"TEST_GEN_PROGS := %s_test\n\ninclude ../lib.mk\n", s->name);
}

void gen_test_gitignore(FILE *f, const struct spec *s)
{
	fprintf(f, "# SPDX-License-Identifier: GPL-2.0-only\n%s_test\n", s->name);
}

/* ---- the project's shared files ---------------------------------------- */

void gen_kconfig(FILE *f, const struct spec *s)
{
	char sym[SPEC_MAX_NAME + 16];

	gen_symbol(s, sym, sizeof(sym));
	fprintf(f, "\nconfig %s\n\tbool \"%s() system call\"\n\tdefault y\n\thelp\n"
		"\t  The %s() system call, made by 'make new-call'.\n"
		"\t  TODO(%s): say what it does and who needs it.\n\n"
		"\t  With this option off, %s() fails with ENOSYS.\n\n"
		"\t  If unsure, say Y.\n", sym, s->name, s->name, s->name, s->name);
}

void gen_makefile(FILE *f, const struct spec *s)
{
	char sym[SPEC_MAX_NAME + 16];

	gen_symbol(s, sym, sizeof(sym));
	fprintf(f, "obj-$(CONFIG_%s) += %s.o\n", sym, s->name);
}

/* name, then entry point, then parameters, in columns of tabs as the table has them */
void gen_tbl(FILE *f, const struct spec *s)
{
	char params[512];
	int col;

	spec_params(s, params, sizeof(params));
	fputs(s->name, f);
	for (col = (int)strlen(s->name); col < 24; col = (col / 8 + 1) * 8)
		fputc('\t', f);
	if (col > 24 || (int)strlen(s->name) >= 24)
		fputc('\t', f), col += 8;
	fprintf(f, "sys_%s", s->name);
	for (col += 4 + (int)strlen(s->name); col < 56; col = (col / 8 + 1) * 8)
		fputc('\t', f);
	fprintf(f, "%s%s\n", col > 56 ? "\t" : "", params);
}

/* ---- man page ---------------------------------------------------------- */

/* The page's head and SYNOPSIS. */
static void man_synopsis(FILE *f, const struct spec *s)
{
	time_t now = time(NULL);
	char date[16];
	int i;

	strftime(date, sizeof(date), "%Y-%m-%d", gmtime(&now));

	fprintf(f, ".\\\" SPDX-License-Identifier: Linux-man-pages-copyleft\n"
		".\\\" A draft for section 2, %s; fill in what says FIXME.\n"
		".TH %s 2 %s \"Linux man-pages (unreleased)\"\n"
		".SH NAME\n%s \\- FIXME: what it does, in one line\n"
		".SH LIBRARY\nStandard C library\n.RI ( libc ,\\~ \\-lc )\n"
		".SH SYNOPSIS\n.nf\n"
		".BR \"#include <sys/syscall.h>\" \"      /* Definition of \" SYS_* \" constants */\"\n"
		".B #include <unistd.h>\n", GEN_MARK, s->name, date, s->name);
	if (spec_has_struct(s))
		fprintf(f, ".BR \"#include <linux/%s.h>\" \"     /* Definition of \" \"struct %s\" \" */\"\n",
			s->name, s->p[spec_find(s, K_STRUCT_IN) >= 0 ? spec_find(s, K_STRUCT_IN)
				: spec_find(s, K_STRUCT_OUT)].tag);
	fprintf(f, ".P\n.BI \"long syscall(SYS_%s", s->name);
	for (i = 0; i < s->n; i++) {
		const char *ut = s->p[i].utype;
		int star = ut[strlen(ut) - 1] == '*';

		fprintf(f, ", %s%s\" %s \"", ut, star ? "" : " ", s->p[i].name);
	}
	fprintf(f, ");\"\n.fi\n.P\n.IR Note :\nglibc provides no wrapper for\n.BR %s (),\n"
		"necessitating the use of\n.BR syscall (2).\n", s->name);
}

/* DESCRIPTION: a paragraph for each parameter. */
static void man_description(FILE *f, const struct spec *s)
{
	int i;

	fprintf(f, ".SH DESCRIPTION\nFIXME: what\n.BR %s ()\ndoes.\n", s->name);
	for (i = 0; i < s->n; i++) {
		const struct param *p = &s->p[i];

		fprintf(f, ".P\n.I %s\n", p->name);
		switch (p->kind) {
		case K_FLAGS:
			fprintf(f, "is a bit mask of flags; none is defined yet, and it must be 0.\n");
			break;
		case K_STR_IN:
			fprintf(f, "is a null-terminated string of fewer than 256 bytes.\n");
			break;
		case K_BUF_IN:
			fprintf(f, "points to a buffer of\n.I %s\nbytes (at most 256) that the call reads.\n",
				s->p[p->size].name);
			break;
		case K_BUF_OUT:
			fprintf(f, "points to a buffer of\n.I %s\nbytes that the call fills.\n",
				s->p[p->size].name);
			break;
		case K_STRUCT_IN:
		case K_STRUCT_OUT:
			fprintf(f, "points to a\n.I struct %s\nthat the call %s.\n", p->tag,
				p->kind == K_STRUCT_IN ? "reads" : "fills");
			break;
		case K_SIZE:
			fprintf(f, "is the size of\n.I %s\nin bytes.\n", s->p[p->of].name);
			break;
		case K_SCALAR:
			fprintf(f, "FIXME: what it means.\n");
			break;
		}
	}
}

/* RETURN VALUE and ERRORS: every error the code returns. */
static void man_errors(FILE *f, const struct spec *s)
{
	int i, fl = spec_find(s, K_FLAGS);

	fprintf(f, ".SH RETURN VALUE\nOn success, zero is returned.\n"
		"On error, \\-1 is returned, and\n.I errno\nis set to indicate the error.\n"
		".SH ERRORS\n");
	for (i = 0; i < s->n; i++) {
		const struct param *p = &s->p[i];

		if (!is_ptr(p))
			continue;
		fprintf(f, ".TP\n.B EFAULT\n.I %s\npoints outside the accessible address space.\n",
			p->name);
	}
	for (i = 0; i < s->n; i++) {
		const struct param *p = &s->p[i];

		if (p->kind == K_STR_IN)
			fprintf(f, ".TP\n.B E2BIG\n.I %s\nis 256 bytes or longer.\n", p->name);
		if (p->kind == K_BUF_IN)
			fprintf(f, ".TP\n.B E2BIG\n.I %s\nis more than 256.\n", s->p[p->size].name);
		if ((p->kind == K_STRUCT_IN || p->kind == K_STRUCT_OUT) && p->size >= 0)
			fprintf(f, ".TP\n.B E2BIG\n.I %s\nis more than a page%s\n"
				".TP\n.B EINVAL\n.I %s\nis less than the first size of the structure.\n",
				s->p[p->size].name, p->kind == K_STRUCT_IN ?
				",\nor the bytes past the structure that the kernel knows are not zero." : ".",
				s->p[p->size].name);
	}
	if (fl >= 0)
		fprintf(f, ".TP\n.B EINVAL\n.I %s\nhas a bit that is not a known flag.\n",
			s->p[fl].name);
	fprintf(f, ".TP\n.B ENOSYS\nThe kernel was built without\n.BR %s ().\n", s->name);
}

void gen_man(FILE *f, const struct spec *s)
{
	man_synopsis(f, s);
	man_description(f, s);
	man_errors(f, s);
	fprintf(f, ".SH VERSIONS\nFIXME: differences between architectures, if any.\n"
		".SH STANDARDS\nLinux.\n.SH HISTORY\nLinux FIXME (the version that adds it).\n"
		".SH SEE ALSO\n.BR syscall (2)\n");
}
