/*
 * newcall: adds a system call to the project from its prototype, with all
 * that the kernel's guide (Documentation/process/adding-syscalls.rst) asks:
 * its line in kernel/syscalls.tbl (the patcher registers it from there),
 * its code in kernel/my_syscalls/<name>.c with a Kconfig option, a uapi
 * header when it takes a struct, a kselftest, and a man page draft.
 * remove takes all of that out again. Either everything is written or
 * nothing is.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../patcher/tbl.h"
#include "gen.h"
#include "spec.h"

enum { EX_OK = 0, EX_ERROR = 2 };
#define MAX_FILES 12

static const char *kdir = "kernel";	/* the project's kernel/ */
static const char *mandir = "man";	/* the project's man pages */
static const char *tree;		/* a kernel tree whose names to avoid */

/* What a run writes (text) or removes (text NULL), all at the end. */
static struct out {
	char *path;
	char *text;
	size_t len;
} outs[MAX_FILES];
static int nouts;

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("newcall: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nnothing was changed.\n", stderr);
	exit(EX_ERROR);
}

static void usage(FILE *f, int code)
{
	fprintf(f,
		"usage: newcall [-k KERNELDIR] [-m MANDIR] [-t TREE] add 'long name(type arg, ...)'\n"
		"       newcall [-k KERNELDIR] [-m MANDIR] remove NAME\n"
		"       newcall parse 'long name(type arg, ...)'\n"
		"\n"
		"  add     write the call: a line in KERNELDIR/syscalls.tbl, its code in\n"
		"          KERNELDIR/my_syscalls/NAME.c, its Kconfig option, a uapi header\n"
		"          if it takes a struct, a kselftest, a man page in MANDIR\n"
		"  remove  take out what add wrote for NAME\n"
		"  parse   only say what each parameter is, or why the prototype is refused\n"
		"\n"
		"  -k DIR  the project's kernel/ directory (default: kernel)\n"
		"  -m DIR  where man pages go (default: man)\n"
		"  -t TREE a kernel tree: refuse a name its syscall tables already have\n"
		"\n"
		"Exit: 0 done, 2 refused or failed (then nothing was changed).\n");
	exit(code);
}

static char *path_of(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	return s;
}

/* The whole file, NUL-terminated; NULL if it does not exist. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *p = NULL;
	size_t n = 0, got;

	if (!f) {
		if (errno != ENOENT)
			die("cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		p = realloc(p, n + 4096 + 1);
		if (!p)
			die("out of memory");
		got = fread(p + n, 1, 4096, f);
		n += got;
	} while (got == 4096);
	if (ferror(f))
		die("cannot read %s", path);
	fclose(f);
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

static int exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* A stream into memory, for one generated text. */
struct mem {
	FILE *f;
	char *p;
	size_t len;
};

static FILE *mem_open(struct mem *m)
{
	m->f = open_memstream(&m->p, &m->len);
	if (!m->f)
		die("out of memory");
	return m->f;
}

static void plan_write(char *path, struct mem *m)
{
	if (m->f && fclose(m->f))
		die("out of memory");
	outs[nouts].path = path;
	outs[nouts].text = m->p;
	outs[nouts].len = m->len;
	nouts++;
}

static void plan_remove(char *path)
{
	outs[nouts].path = path;
	outs[nouts].text = NULL;
	nouts++;
}

static void mkdirs_for(const char *path)
{
	char *d = strdup(path), *s;

	for (s = strchr(d + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(d, 0755) < 0 && errno != EEXIST)
			die("cannot make %s: %s", d, strerror(errno));
		*s = '/';
	}
	free(d);
}

/*
 * Writes every planned file next to its place, then renames them all in;
 * removes the planned removals last. A failure before the renames leaves
 * the project as it was.
 */
static void commit(void)
{
	char *tmp[MAX_FILES];
	int i;

	for (i = 0; i < nouts; i++) {
		FILE *f;

		tmp[i] = NULL;
		if (!outs[i].text)
			continue;
		mkdirs_for(outs[i].path);
		tmp[i] = path_of("%s.newcall-tmp", outs[i].path);
		f = fopen(tmp[i], "w");
		if (!f || fwrite(outs[i].text, 1, outs[i].len, f) != outs[i].len || fclose(f)) {
			int e = errno;

			while (i >= 0) {
				if (tmp[i])
					unlink(tmp[i]);
				i--;
			}
			die("cannot write %s: %s", outs[nouts - 1].path, strerror(e));
		}
	}
	for (i = 0; i < nouts; i++) {
		if (tmp[i] && rename(tmp[i], outs[i].path) < 0)
			fprintf(stderr, "newcall: cannot rename %s: %s\n", tmp[i], strerror(errno));
		free(tmp[i]);
	}
	for (i = 0; i < nouts; i++) {
		if (!outs[i].text && unlink(outs[i].path) < 0 && errno != ENOENT)
			fprintf(stderr, "newcall: cannot remove %s: %s\n", outs[i].path, strerror(errno));
	}
}

static struct calls *read_table(char **text)
{
	static struct calls calls;
	char *path = path_of("%s/syscalls.tbl", kdir), err[512];
	size_t len;

	*text = slurp(path, &len);
	if (!*text)
		die("no %s: give the project's kernel/ directory with -k", path);
	if (calls_parse(*text, len, &calls, err, sizeof(err)) < 0)
		die("%s: %s", path, err);
	free(path);
	return &calls;
}

/* A file of the tree as it was before the patcher: its saved copy, if any. */
static char *tree_pristine(const char *rel, char **path, size_t *len)
{
	char *text;

	*path = path_of("%s/.hello_syscall/orig/%s", tree, rel);
	text = slurp(*path, len);
	if (!text) {
		free(*path);
		*path = path_of("%s/%s", tree, rel);
		text = slurp(*path, len);
	}
	return text;
}

/* Refuses a name a kernel tree's syscall tables already hold. */
static void check_tree(const struct spec *s)
{
	static const char *const tables[] = {
		"arch/x86/entry/syscalls/syscall_64.tbl",
		"arch/x86/entry/syscalls/syscall_32.tbl",
		"scripts/syscall.tbl",
	};
	struct calls one;
	struct ktbl scan;
	char err[512], *path, *text, *def, *m, *ours;
	size_t i, len;

	memset(&one, 0, sizeof(one));
	snprintf(one.v[0].name, sizeof(one.v[0].name), "%s", s->name);
	one.n = 1;
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		text = tree_pristine(tables[i], &path, &len);
		if (text && ktbl_scan(text, len, 1L << 30, &one, &scan, err, sizeof(err)) == 0 &&
		    scan.found_nr >= 0)
			die("%s: the kernel already has a call %s (number %ld); choose another name",
			    path, s->name, scan.found_nr);
		free(text);
		free(path);
	}
	/* the generic table before 6.11 */
	text = tree_pristine("include/uapi/asm-generic/unistd.h", &path, &len);
	def = path_of("#define __NR_%s ", s->name);
	if (text && strstr(text, def))
		die("%s: the kernel already has a call %s; choose another name", path, s->name);
	free(def);
	free(text);
	free(path);
	/* a header of the tree's own; the patcher lists those it added */
	def = path_of("%s/include/uapi/linux/%s.h", tree, s->name);
	m = path_of("%s/.hello_syscall/manifest", tree);
	text = slurp(m, NULL);
	ours = path_of(" include/uapi/linux/%s.h\n", s->name);
	if (spec_has_struct(s) && exists(def) && !(text && strstr(text, ours)))
		die("%s exists: the call's uapi header would take its place; choose another name",
		    def);
	free(ours);
	free(text);
	free(m);
	free(def);
}

/* Refuses a call whose name or files the project already has. */
static void check_project(const struct spec *s, const struct calls *calls)
{
	char sym[SPEC_MAX_NAME + 16], *kconfig, *want, *p;
	const char *files[] = { "%s/my_syscalls/%s.c", "%s/selftests/%s", "%s/uapi/%s.h" };
	size_t i;
	int j;
	DIR *d;
	struct dirent *de;

	for (j = 0; j < calls->n; j++)
		if (strcmp(calls->v[j].name, s->name) == 0)
			die("%s/syscalls.tbl already has a call %s; remove it first (make remove-call NAME=%s)",
			    kdir, s->name, s->name);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		p = path_of(files[i], kdir, s->name);
		if (exists(p))
			die("%s exists already; choose another name, or remove it", p);
		free(p);
	}
	p = path_of("%s/%s.2", mandir, s->name);
	if (exists(p))
		die("%s exists already; choose another name, or remove it", p);
	free(p);
	gen_symbol(s, sym, sizeof(sym));
	p = path_of("%s/my_syscalls/Kconfig", kdir);
	kconfig = slurp(p, NULL);
	want = path_of("config %s\n", sym);
	if (!kconfig)
		die("no %s: give the project's kernel/ directory with -k", p);
	if (strstr(kconfig, want))
		die("%s already has 'config %s'; choose another name", p, sym);
	free(want);
	free(kconfig);
	free(p);
	/* a struct tag is defined once, by the call that takes it */
	for (j = 0; j < s->n; j++) {
		if (!s->p[j].tag[0])
			continue;
		p = path_of("%s/uapi", kdir);
		d = opendir(p);
		want = path_of("struct %s {", s->p[j].tag);
		while (d && (de = readdir(d))) {
			char *h = path_of("%s/%s", p, de->d_name), *text;

			text = de->d_name[0] != '.' ? slurp(h, NULL) : NULL;
			if (text && strstr(text, want))
				die("%s already defines struct %s; a new call defines its own struct",
				    h, s->p[j].tag);
			free(text);
			free(h);
		}
		if (d)
			closedir(d);
		free(want);
		free(p);
	}
}

/* Text with a generated piece appended (a newline first if it lacks one). */
static void plan_append(char *path, void (*gen)(FILE *, const struct spec *),
			const struct spec *s)
{
	char *old = slurp(path, NULL);
	struct mem m;

	if (!old)
		die("no %s", path);
	mem_open(&m);
	fputs(old, m.f);
	if (old[0] && old[strlen(old) - 1] != '\n')
		fputc('\n', m.f);
	gen(m.f, s);
	plan_write(path, &m);
	free(old);
}

static void plan_new(char *path, void (*gen)(FILE *, const struct spec *), const struct spec *s)
{
	struct mem m;

	gen(mem_open(&m), s);
	plan_write(path, &m);
}

static void cmd_add(const char *text)
{
	struct spec s;
	char err[512], *tbl;
	const struct calls *calls;

	if (spec_parse(text, &s, err, sizeof(err)) < 0)
		die("'%s': %s", text, err);
	calls = read_table(&tbl);
	check_project(&s, calls);
	if (tree)
		check_tree(&s);
	free(tbl);
	plan_append(path_of("%s/syscalls.tbl", kdir), gen_tbl, &s);
	plan_append(path_of("%s/my_syscalls/Kconfig", kdir), gen_kconfig, &s);
	plan_append(path_of("%s/my_syscalls/Makefile", kdir), gen_makefile, &s);
	plan_new(path_of("%s/my_syscalls/%s.c", kdir, s.name), gen_call_c, &s);
	if (spec_has_struct(&s))
		plan_new(path_of("%s/uapi/%s.h", kdir, s.name), gen_uapi_h, &s);
	plan_new(path_of("%s/selftests/%s/%s_test.c", kdir, s.name, s.name), gen_test_c, &s);
	plan_new(path_of("%s/selftests/%s/Makefile", kdir, s.name), gen_test_makefile, &s);
	plan_new(path_of("%s/selftests/%s/.gitignore", kdir, s.name), gen_test_gitignore, &s);
	plan_new(path_of("%s/%s.2", mandir, s.name), gen_man, &s);
	commit();
	printf("added %s():\n", s.name);
	for (int i = 0; i < nouts; i++)
		printf("  %s %s\n", i < 3 ? "changed" : "wrote  ", outs[i].path);
	printf("Fill in what says TODO(%s); 'make run' builds and boots it, 'make selftest' runs its test.\n",
	       s.name);
}

/*
 * Cuts [at, at + n) out of the file's text, planned as a write; the piece
 * must be there.
 */
static void plan_cut(char *path, const char *text, const char *at, size_t n)
{
	struct mem m;

	mem_open(&m);
	fwrite(text, 1, (size_t)(at - text), m.f);
	fputs(at + n, m.f);
	plan_write(path, &m);
}

/* The block "\nconfig SYM\n..." up to the next "\nconfig " or the end. */
static void cut_kconfig(const struct spec *s)
{
	char sym[SPEC_MAX_NAME + 16], *path = path_of("%s/my_syscalls/Kconfig", kdir);
	char *text = slurp(path, NULL), *want, *at, *next;

	gen_symbol(&*s, sym, sizeof(sym));
	want = path_of("\nconfig %s\n", sym);
	at = text ? strstr(text, want) : NULL;
	if (!at)
		die("%s has no 'config %s'; it was taken out by hand?", path, sym);
	if (at > text && at[-1] == '\n')
		;	/* the blank line before the block goes with it */
	else
		at++;	/* no blank line before it: keep the newline */
	next = strstr(at + 1, "\nconfig ");
	if (!next)
		next = strstr(at + 1, "\nmenu");
	plan_cut(path, text, at, next ? (size_t)(next - at) : strlen(at));
	free(want);
	free(text);
}

/* A whole line of path that starts with start and holds has. */
static void cut_line(char *path, const char *start, const char *has)
{
	char *text = slurp(path, NULL), *p;

	for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		size_t n = strcspn(p, "\n");

		if (strncmp(p, start, strlen(start)) == 0 && memmem(p, n, has, strlen(has))) {
			plan_cut(path, text, p, n + (p[n] == '\n'));
			free(text);
			return;
		}
	}
	die("%s has no line of %s; it was taken out by hand?", path, has);
}

static void cmd_remove(const char *name)
{
	const struct calls *calls;
	char *tbl, *c, *text, *spec_text, err[512], *entry;
	struct spec s;
	int i;

	calls = read_table(&tbl);
	for (i = 0; i < calls->n; i++)
		if (strcmp(calls->v[i].name, name) == 0)
			break;
	if (i == calls->n)
		die("%s/syscalls.tbl has no call '%s'", kdir, name);
	c = path_of("%s/my_syscalls/%s.c", kdir, name);
	text = slurp(c, NULL);
	if (!text || !strstr(text, GEN_MARK))
		die("%s: %s was not made by 'make new-call'%s; take it out by hand", c, name,
		    text ? "" : " (no such file)");
	free(text);
	spec_text = path_of("long %s(%s)", name, calls->v[i].params);
	if (spec_parse(spec_text, &s, err, sizeof(err)) < 0)
		die("%s/syscalls.tbl: the parameters of %s: %s", kdir, name, err);
	free(spec_text);
	entry = path_of("\tsys_%s\t", name);
	{
		char *start = path_of("%s\t", name);

		cut_line(path_of("%s/syscalls.tbl", kdir), start, entry);
		free(start);
	}
	free(entry);
	cut_kconfig(&s);
	entry = path_of(" %s.o", name);
	cut_line(path_of("%s/my_syscalls/Makefile", kdir), "obj-", entry);
	free(entry);
	plan_remove(c);
	plan_remove(path_of("%s/selftests/%s/%s_test.c", kdir, name, name));
	plan_remove(path_of("%s/selftests/%s/Makefile", kdir, name));
	plan_remove(path_of("%s/selftests/%s/.gitignore", kdir, name));
	plan_remove(path_of("%s/uapi/%s.h", kdir, name));
	plan_remove(path_of("%s/%s.2", mandir, name));
	commit();
	/* directories the call had alone */
	c = path_of("%s/selftests/%s", kdir, name);
	rmdir(c);
	free(c);
	c = path_of("%s/uapi", kdir);
	rmdir(c);
	free(c);
	rmdir(mandir);
	printf("removed %s()\n", name);
	free(tbl);
}

static void cmd_parse(const char *text)
{
	static const char *const kinds[] = {
		"value", "flags", "string in", "buffer in", "buffer out",
		"struct in", "struct out", "size"
	};
	char err[512], params[512];
	struct spec s;
	int i;

	if (spec_parse(text, &s, err, sizeof(err)) < 0) {
		fprintf(stderr, "newcall: '%s': %s\n", text, err);
		exit(EX_ERROR);
	}
	spec_params(&s, params, sizeof(params));
	printf("%s(%s)\n", s.name, params);
	for (i = 0; i < s.n; i++)
		printf("  %s: %s\n", s.p[i].name, kinds[s.p[i].kind]);
}

int main(int argc, char **argv)
{
	const char *cmd;
	int opt;

	while ((opt = getopt(argc, argv, "k:m:t:h")) != -1) {
		switch (opt) {
		case 'k':
			kdir = optarg;
			break;
		case 'm':
			mandir = optarg;
			break;
		case 't':
			tree = optarg;
			break;
		case 'h':
			usage(stdout, EX_OK);
			break;
		default:
			usage(stderr, EX_ERROR);
		}
	}
	if (argc - optind != 2)
		usage(stderr, EX_ERROR);
	cmd = argv[optind];
	if (strcmp(cmd, "add") == 0)
		cmd_add(argv[optind + 1]);
	else if (strcmp(cmd, "remove") == 0)
		cmd_remove(argv[optind + 1]);
	else if (strcmp(cmd, "parse") == 0)
		cmd_parse(argv[optind + 1]);
	else
		usage(stderr, EX_ERROR);
	return EX_OK;
}
