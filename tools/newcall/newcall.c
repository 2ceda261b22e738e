// SPDX-License-Identifier: GPL-2.0
/*
 * newcall: adds a system call to the project from its prototype, with all
 * that the kernel's guide (Documentation/process/adding-syscalls.rst) asks:
 * its line in kernel/syscalls.tbl (the patcher registers it from there),
 * its code in kernel/my_syscalls/<name>.c with a Kconfig option, a uapi
 * header when it takes a struct, a kselftest, and a man page draft.
 * remove takes all of that out again. Either everything is written or
 * nothing is: through a journal (tools/lib/fileset.c) under the project's
 * .newcall/, which the next run finishes if this one was killed.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileset.h"
#include "gen.h"
#include "spec.h"
#include "tbl.h"
#include "util.h"

enum { EX_OK = 0, EX_ERROR = 2 };
#define STATE_DIR	".newcall"		/* below the project: lock, journal */
#define JOURNAL		STATE_DIR "/journal"

static const char *kdir = "kernel";	/* the project's kernel/ */
static const char *mandir = "man";	/* the project's man pages */
static const char *tree;		/* a kernel tree whose names to avoid */
static const char *patcher;		/* -P: the patcher, to ask about tree */

/*
 * What a run writes or removes, all or nothing at the end: a file set whose
 * root is the folder that holds both kdir and mandir (the project).
 */
static struct fileset fs = { .journal = JOURNAL };
static char *shown[16];			/* each entry's path as the user gave it */
static int lock_fd = -1;

static void usage(FILE *f, int code)
{
	fprintf(f,
		"Usage: newcall [-k KERNELDIR] [-m MANDIR] [-t TREE [-P PATCHER]] add 'long name(type arg, ...)'\n"
		"   or: newcall [-k KERNELDIR] [-m MANDIR] remove NAME\n"
		"   or: newcall parse 'long name(type arg, ...)'\n"
		"   or: newcall fuzz-table KERNELDIR|-\n"
		"\n"
		"  add     write the call: a line in KERNELDIR/syscalls.tbl, its code in\n"
		"          KERNELDIR/my_syscalls/NAME.c, its Kconfig option, a uapi header\n"
		"          if it takes a struct, a kselftest, a man page in MANDIR\n"
		"  remove  take out what add wrote for NAME\n"
		"  parse   only say what each parameter is, or why the prototype is refused\n"
		"  fuzz-table  the calls of KERNELDIR/syscalls.tbl, or the prototypes on\n"
		"          standard input (-), as callfuzz's table (guest/callfuzz.c)\n"
		"\n"
		"  -k DIR  the project's kernel/ directory (default: kernel)\n"
		"  -m DIR  where man pages go (default: man)\n"
		"  -t TREE a kernel tree: refuse a name its syscall tables already have\n"
		"  -P PROG the patcher, which -t asks (default: the one beside newcall)\n"
		"\n"
		"Exit: 0 done, 2 refused or failed (then nothing was changed).\n");
	exit(code);
}

/* The whole file, NUL-terminated; NULL if it does not exist. */
static char *slurp(const char *path, size_t *len)
{
	struct text t;

	if (text_read(path, &t) < 0) {
		if (errno != ENOENT)
			die("cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	if (len)
		*len = t.len;
	return t.p;
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

/* A path as the user gave it, made absolute (lexically). */
static char *absolute(const char *path)
{
	char cwd[PATH_MAX];

	if (path[0] == '/')
		return xstrdup(path);
	if (!getcwd(cwd, sizeof(cwd)))
		die("cannot tell the current folder: %s", strerror(errno));
	return xasprintf("%s/%s", cwd, path);
}

/* The folder that holds both a and b (absolute paths), as new memory. */
static char *common_dir(const char *a, const char *b)
{
	size_t i, last = 0;

	for (i = 0; a[i] && a[i] == b[i]; i++)
		if (a[i] == '/')
			last = i;
	if ((!a[i] || a[i] == '/') && (!b[i] || b[i] == '/'))
		last = i;
	return last ? xasprintf("%.*s", (int)last, a) : xstrdup("/");
}

/* The project's root (fs.root), locked, after any interrupted run is finished. */
static void take_project(void)
{
	char *k = absolute(kdir), *m = absolute(mandir);

	fs.root = common_dir(k, m);
	free(k);
	free(m);
	lock_fd = fileset_lock(&fs, STATE_DIR, 1);
	if (lock_fd < 0)
		die("cannot lock the project");
	if (fileset_recover(&fs, 1) < 0) {
		util_die_note = NULL;	/* a part of it may be done */
		die("an interrupted run could not be finished; fix the cause above and run again");
	}
}

static void release_project(void)
{
	if (lock_fd >= 0)
		fileset_unlock(&fs, STATE_DIR, lock_fd);
	lock_fd = -1;
}

/* A program in the same folder as this one. */
static char *beside_me(const char *name)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n <= 0)
		return xstrdup(name);
	self[n] = '\0';
	slash = strrchr(self, '/');
	*slash = '\0';
	return xasprintf("%s/%s", self, name);
}

/* The file set's entry of path (as the user gave it, below the root). */
static struct fentry *entry_of(char *path)
{
	char *abs = absolute(path);
	size_t n = strlen(fs.root);
	struct fentry *e;

	if (strncmp(abs, fs.root, n) || abs[n] != '/')
		die("%s is outside %s", path, fs.root);
	e = fileset_get(&fs, abs + n + 1);
	if (e - fs.v < (long)(sizeof(shown) / sizeof(shown[0])))
		shown[e - fs.v] = path;
	free(abs);
	return e;
}

static void plan_write(char *path, struct mem *m)
{
	if (m->f && fclose(m->f))
		die("out of memory");
	text_set(&entry_of(path)->new, m->p, m->len);
	free(m->p);
}

static void plan_remove(char *path)
{
	entry_of(path)->remove = 1;
}

/* Everything planned, all or nothing (fileset.c names what failed). */
static void commit(void)
{
	int r = fileset_commit(&fs, 0);

	if (r == -1)
		die("%s is as it was", fs.root);
	if (r < 0) {
		util_die_note = NULL;
		die("%s is half done; any newcall run finishes it once the cause above is fixed",
		    fs.root);
	}
}

static struct calls *read_table(char **text)
{
	static struct calls calls;
	char *path = xasprintf("%s/syscalls.tbl", kdir), err[512];
	size_t len;

	*text = slurp(path, &len);
	if (!*text)
		die("no %s: give the project's kernel/ directory with -k", path);
	if (calls_parse(*text, len, &calls, err, sizeof(err)) < 0)
		die("%s: %s", path, err);
	free(path);
	return &calls;
}

/*
 * Asks the patcher about tree (only the patcher reads its state): its exit
 * status (0 yes, 1 no); all it printed in *out (to free). Dies if it
 * cannot be run or fails.
 */
static int ask_patcher(const char *cmd, const char *arg, char **out)
{
	char *argv[] = { (char *)patcher, (char *)cmd, (char *)tree, (char *)arg, NULL };
	int pipefd[2], status;
	FILE *f;
	pid_t pid;
	struct mem m;

	if (pipe(pipefd) < 0 || (pid = fork()) < 0)
		die("cannot run %s: %s", patcher, strerror(errno));
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		close(pipefd[1]);
		execv(patcher, argv);
		fprintf(stderr, "newcall: cannot run %s: %s; build it (make tools) or give -P\n",
			patcher, strerror(errno));
		_exit(EX_ERROR);
	}
	close(pipefd[1]);
	f = fdopen(pipefd[0], "r");
	mem_open(&m);
	for (int c; f && (c = fgetc(f)) != EOF;)
		fputc(c, m.f);
	fclose(m.f);
	if (f)
		fclose(f);
	*out = m.p;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) > 1)
		die("%s %s %s %s failed (above)", patcher, cmd, tree, arg ? arg : "");
	return WEXITSTATUS(status);
}

/*
 * The text "struct TAG {" searched for, the first header that has it, and
 * the files the patcher added (its "A path" lines), which do not count.
 */
static char *struct_text, *struct_where, *added;

/* nftw: a header under an include/ folder that defines the struct. */
static int defines_struct(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	size_t n = strlen(path);
	char *text;

	char *mine;

	(void)ftw;
	if (type != FTW_F || n < 2 || strcmp(path + n - 2, ".h") || !strstr(path, "/include/") ||
	    !S_ISREG(sb->st_mode))
		return 0;
	mine = xasprintf("A %s\n", path + strlen(tree) + 1);
	n = added && strstr(added, mine);
	free(mine);
	if (n)
		return 0;
	text = slurp(path, NULL);
	if (text && strstr(text, struct_text))
		struct_where = xstrdup(path);
	free(text);
	return struct_where != NULL;	/* nonzero: stop at the first */
}

/*
 * Refuses a struct tag the tree's headers define (struct timezone, say):
 * the call's uapi header would define it again and not compile. Decided
 * by the tree's own include/ and arch/<arch>/include/ folders.
 */
static void check_tree_structs(const struct spec *s)
{
	static const char *const roots[] = { "include", "arch" };
	int i;
	size_t r;

	if (spec_has_struct(s))
		ask_patcher("files", NULL, &added);
	for (i = 0; i < s->n; i++) {
		if (!s->p[i].tag[0])
			continue;
		struct_text = xasprintf("struct %s {", s->p[i].tag);
		for (r = 0; r < 2 && !struct_where; r++) {
			char *dir = xasprintf("%s/%s", tree, roots[r]);

			nftw(dir, defines_struct, 32, FTW_PHYS);
			free(dir);
		}
		if (struct_where)
			die("%s defines struct %s already: the call's uapi header would define it again; a new call defines a struct of its own: choose another tag",
			    struct_where, s->p[i].tag);
		free(struct_text);
	}
	free(added);
}

/* Refuses a name the kernel tree (as it was before the patcher) has. */
static void check_tree(const struct spec *s)
{
	char *where, *h;

	check_tree_structs(s);
	if (ask_patcher("has-call", s->name, &where) == 0) {
		where[strcspn(where, "\n")] = '\0';
		die("%s: the kernel already has a call %s (number%s); choose another name",
		    where, s->name, strrchr(where, ':') ? strrchr(where, ':') + 1 : " ?");
	}
	free(where);
	if (!spec_has_struct(s))
		return;
	/* a uapi header of the tree's own, which the call's would replace */
	h = xasprintf("include/uapi/linux/%s.h", s->name);
	if (ask_patcher("pristine", h, &where) == 0)
		die("%s/%s exists: the call's uapi header would take its place; choose another name",
		    tree, h);
	free(where);
	free(h);
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
		p = xasprintf(files[i], kdir, s->name);
		if (exists(p))
			die("%s exists already; choose another name, or remove it", p);
		free(p);
	}
	p = xasprintf("%s/%s.2", mandir, s->name);
	if (exists(p))
		die("%s exists already; choose another name, or remove it", p);
	free(p);
	gen_symbol(s, sym, sizeof(sym));
	p = xasprintf("%s/my_syscalls/Kconfig", kdir);
	kconfig = slurp(p, NULL);
	want = xasprintf("config %s\n", sym);
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
		p = xasprintf("%s/uapi", kdir);
		d = opendir(p);
		want = xasprintf("struct %s {", s->p[j].tag);
		while (d && (de = readdir(d))) {
			char *h = xasprintf("%s/%s", p, de->d_name), *text;

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
	plan_append(xasprintf("%s/syscalls.tbl", kdir), gen_tbl, &s);
	plan_append(xasprintf("%s/my_syscalls/Kconfig", kdir), gen_kconfig, &s);
	plan_append(xasprintf("%s/my_syscalls/Makefile", kdir), gen_makefile, &s);
	plan_new(xasprintf("%s/my_syscalls/%s.c", kdir, s.name), gen_call_c, &s);
	if (spec_has_struct(&s))
		plan_new(xasprintf("%s/uapi/%s.h", kdir, s.name), gen_uapi_h, &s);
	plan_new(xasprintf("%s/selftests/%s/%s_test.c", kdir, s.name, s.name), gen_test_c, &s);
	plan_new(xasprintf("%s/selftests/%s/Makefile", kdir, s.name), gen_test_makefile, &s);
	plan_new(xasprintf("%s/selftests/%s/.gitignore", kdir, s.name), gen_test_gitignore, &s);
	plan_new(xasprintf("%s/%s.2", mandir, s.name), gen_man, &s);
	commit();
	printf("added %s():\n", s.name);
	for (int i = 0; i < fs.n; i++)
		printf("  %s %s\n", fs.v[i].exists ? "changed" : "wrote  ", shown[i]);
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
	char sym[SPEC_MAX_NAME + 16], *path = xasprintf("%s/my_syscalls/Kconfig", kdir);
	char *text = slurp(path, NULL), *want, *at, *next;

	gen_symbol(&*s, sym, sizeof(sym));
	want = xasprintf("\nconfig %s\n", sym);
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
	c = xasprintf("%s/my_syscalls/%s.c", kdir, name);
	text = slurp(c, NULL);
	if (!text || !strstr(text, GEN_MARK))
		die("%s: %s was not made by 'make new-call'%s; take it out by hand", c, name,
		    text ? "" : " (no such file)");
	free(text);
	spec_text = xasprintf("long %s(%s)", name, calls->v[i].params);
	if (spec_parse(spec_text, &s, err, sizeof(err)) < 0)
		die("%s/syscalls.tbl: the parameters of %s: %s", kdir, name, err);
	free(spec_text);
	entry = xasprintf("\tsys_%s\t", name);
	{
		char *start = xasprintf("%s\t", name);

		cut_line(xasprintf("%s/syscalls.tbl", kdir), start, entry);
		free(start);
	}
	free(entry);
	cut_kconfig(&s);
	entry = xasprintf(" %s.o", name);
	cut_line(xasprintf("%s/my_syscalls/Makefile", kdir), "obj-", entry);
	free(entry);
	plan_remove(c);
	plan_remove(xasprintf("%s/selftests/%s/%s_test.c", kdir, name, name));
	plan_remove(xasprintf("%s/selftests/%s/Makefile", kdir, name));
	plan_remove(xasprintf("%s/selftests/%s/.gitignore", kdir, name));
	plan_remove(xasprintf("%s/uapi/%s.h", kdir, name));
	plan_remove(xasprintf("%s/%s.2", mandir, name));
	commit();	/* folders the call had alone go with its files */
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

/*
 * One line of callfuzz's table (guest/callfuzz.c): the call's name, its
 * number as the build's headers have it, each parameter's kind and the
 * parameter it pairs with (a pointer and its size). A prototype the
 * generator refuses is still fuzzed, its parameters as plain values.
 */
static void fuzz_entry(const char *text)
{
	static const char *const kinds[] = {
		"FZ_SCALAR", "FZ_FLAGS", "FZ_STR_IN", "FZ_BUF_IN", "FZ_BUF_OUT",
		"FZ_STRUCT_IN", "FZ_STRUCT_OUT", "FZ_SIZE"
	};
	char err[512];
	struct spec s;
	int i, pair;

	if (spec_parse(text, &s, err, sizeof(err)) < 0) {
		const char *name = text + 5, *open = strchr(text, '('), *p;
		size_t len = open ? (size_t)(open - name) : 0;

		if (strncmp(text, "long ", 5) || !len || len > SPEC_MAX_NAME || !strchr(text, ')'))
			die("'%s': not a prototype 'long name(type arg, ...)'", text);
		snprintf(s.name, sizeof(s.name), "%.*s", (int)len, name);
		printf("/* %s: %s; so its pointers are fuzzed as buffers of any size, the rest as plain values */\n",
		       s.name, err);
		s.n = 0;
		for (p = open + 1; *p && *p != ')' && strncmp(p, "void)", 5); p += *p == ',') {
			size_t n = strcspn(p, ",)");
			const char *star = memchr(p, '*', n);

			if (s.n == SPEC_MAX_PARAMS)
				die("'%s': more than %d parameters", text, SPEC_MAX_PARAMS);
			s.p[s.n].kind = !star ? K_SCALAR : memmem(p, n, "const", 5) ? K_BUF_IN : K_BUF_OUT;
			s.p[s.n++].size = -1;
			p += n;
		}
	}
	printf("#ifdef __NR_%s\n\t{ \"%s\", __NR_%s, %d, {", s.name, s.name, s.name, s.n);
	for (i = 0; i < s.n; i++) {
		pair = s.p[i].kind == K_SIZE ? s.p[i].of :
		       s.p[i].kind >= K_STR_IN && s.p[i].kind <= K_STRUCT_OUT ? s.p[i].size : -1;
		printf("%s{ %s, %d }", i ? ", " : " ", kinds[s.p[i].kind], pair);
	}
	printf("%s} },\n#endif\n", s.n ? " " : " { FZ_SCALAR, -1 } ");
}

/*
 * callfuzz's table, on standard output: of every call of the project's
 * syscalls.tbl, or (source "-") of the prototypes on standard input, one
 * "long name(type arg, ...)" a line, as a tree's SYSCALL_DEFINEn lines say.
 */
static void cmd_fuzz_table(const char *source)
{
	const struct calls *calls;
	char line[1024], *tbl, *spec_text;
	int i;

	util_die_note = NULL;
	printf("/* callfuzz's calls, written by 'newcall fuzz-table'; do not edit */\n");
	if (strcmp(source, "-") == 0) {
		while (fgets(line, sizeof(line), stdin)) {
			line[strcspn(line, "\n")] = '\0';
			if (line[0] && line[0] != '#')
				fuzz_entry(line);
		}
		return;
	}
	kdir = source;
	calls = read_table(&tbl);
	for (i = 0; i < calls->n; i++) {
		spec_text = xasprintf("long %s(%s)", calls->v[i].name, calls->v[i].params);
		fuzz_entry(spec_text);
		free(spec_text);
	}
	free(tbl);
}

int main(int argc, char **argv)
{
	const char *cmd;
	int opt;

	util_prog = "newcall";
	util_die_note = "nothing was changed.";
	while ((opt = getopt(argc, argv, "k:m:t:P:h")) != -1) {
		switch (opt) {
		case 'P':
			patcher = optarg;
			break;
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
	if (!patcher)
		patcher = beside_me("patcher");
	if (strcmp(cmd, "add") == 0 || strcmp(cmd, "remove") == 0) {
		take_project();
		atexit(release_project);
	}
	if (strcmp(cmd, "add") == 0)
		cmd_add(argv[optind + 1]);
	else if (strcmp(cmd, "remove") == 0)
		cmd_remove(argv[optind + 1]);
	else if (strcmp(cmd, "parse") == 0)
		cmd_parse(argv[optind + 1]);
	else if (strcmp(cmd, "fuzz-table") == 0)
		cmd_fuzz_table(argv[optind + 1]);
	else
		usage(stderr, EX_ERROR);
	return EX_OK;
}
