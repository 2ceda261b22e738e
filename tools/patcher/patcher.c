/*
 * patcher: registers the project's system calls in a Linux kernel tree.
 *
 * Reads kernel/syscalls.tbl, copies kernel/my_syscalls/ (and the selftests)
 * into the tree, hooks the directory into the build, gives each call the
 * first free number and registers it everywhere the kernel's guide
 * (Documentation/process/adding-syscalls.rst) asks. Every change is computed
 * from the pristine files, kept in TREE/.hello_syscall/, so applying twice
 * changes nothing, applying after an edit writes only what the edit changed,
 * and revert gives the pristine files back. All or nothing: after an error
 * the tree is as it was.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileset.h"
#include "tbl.h"

#define STATE_DIR	".hello_syscall"
#define MANIFEST	STATE_DIR "/manifest"
#define ORIG		STATE_DIR "/orig/"
#define TBL_64		"arch/x86/entry/syscalls/syscall_64.tbl"
#define TBL_32		"arch/x86/entry/syscalls/syscall_32.tbl"
#define TBL_GENERIC	"scripts/syscall.tbl"
#define UNISTD_GENERIC	"include/uapi/asm-generic/unistd.h"
#define SYSCALLS_H	"include/linux/syscalls.h"
#define SYS_NI		"kernel/sys_ni.c"
#define X32_FIRST	512
#define SECTION		"/* my_syscalls/my_syscalls.c */\n"

/* Project directories copied into the tree. */
static const struct {
	const char *from;	/* below the project's kernel/ */
	const char *to;		/* below the tree */
	int optional;
} copies[] = {
	{ "my_syscalls", "my_syscalls", 0 },
	{ "selftests/hello_syscall", "tools/testing/selftests/hello_syscall", 1 },
};

/* Exit codes. */
enum { EX_OK = 0, EX_DIFFERS = 1, EX_ERROR = 2 };

static const char *tree;
static const char *project = "kernel";

struct state {
	struct calls calls;
	struct fileset fs;
	int applied;			/* the tree holds STATE_DIR */
	char **mod, **add;		/* manifest: changed and added files */
	int nmod, nadd;
	char **newmod, **newadd;	/* the manifest this run will write */
	int nnewmod, nnewadd;
	long first;			/* number of the first call */
};

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("patcher: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EX_ERROR);
}

static void usage(FILE *f, int code)
{
	fprintf(f,
		"usage: patcher [-k KERNELDIR] [-q] apply|revert|check TREE\n"
		"\n"
		"  apply   register the calls of KERNELDIR/syscalls.tbl in TREE and copy\n"
		"          KERNELDIR/my_syscalls/ into it; again after an edit, update it\n"
		"  revert  give TREE its pristine files back\n"
		"  check   change nothing; say what apply would change\n"
		"\n"
		"  -k DIR  the project's kernel/ directory (default: kernel)\n"
		"  -q      print only errors\n"
		"\n"
		"Exit: 0 done (check: up to date), 1 check: apply would change files,\n"
		"2 error (the tree is left as it was).\n");
	exit(code);
}

static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = malloc((size_t)n + 1);
	if (!s)
		die("out of memory");
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* Appends to a malloc'ed string. */
static void append(char **s, const char *fmt, ...)
{
	size_t have = *s ? strlen(*s) : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	*s = realloc(*s, have + (size_t)n + 1);
	if (!*s)
		die("out of memory");
	va_start(ap, fmt);
	vsnprintf(*s + have, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

static void free_list(char **v, int n)
{
	while (n-- > 0)
		free(v[n]);
	free(v);
}

/* The file set entry of the pristine copy of rel, in the state directory. */
static struct fentry *orig_entry(struct state *st, const char *rel)
{
	char *path = xasprintf("%s%s", ORIG, rel);
	struct fentry *e = fileset_get(&st->fs, path);

	free(path);
	return e;
}

static void push(char ***v, int *n, const char *s)
{
	*v = realloc(*v, (*n + 1) * sizeof(**v));
	if (!*v)
		die("out of memory");
	(*v)[(*n)++] = strdup(s);
}

static int has(char **v, int n, const char *s)
{
	while (n-- > 0)
		if (strcmp(v[n], s) == 0)
			return 1;
	return 0;
}

/* Text as it was before any patching: the saved copy, or the tree's own. */
static struct text pristine(struct state *st, const char *rel, int must)
{
	struct text t = { NULL, 0 };
	char *path;

	if (st->applied && has(st->mod, st->nmod, rel))
		path = xasprintf("%s/%s%s", tree, ORIG, rel);
	else
		path = xasprintf("%s/%s", tree, rel);
	if (text_read(path, &t) < 0) {
		if (must)
			die("cannot read %s: %s (is %s a Linux source tree?)",
			    path, strerror(errno), tree);
		t.p = NULL;
	}
	free(path);
	return t;
}

/* Offset of the first line that starts with prefix, or -1. */
static long line_starting(const struct text *t, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *p = t->p;

	while (p && p < t->p + t->len) {
		const char *eol = memchr(p, '\n', (size_t)(t->p + t->len - p));

		if ((size_t)(t->p + t->len - p) >= n && memcmp(p, prefix, n) == 0)
			return p - t->p;
		p = eol ? eol + 1 : NULL;
	}
	return -1;
}

static size_t line_end(const struct text *t, size_t at)
{
	const char *eol = memchr(t->p + at, '\n', t->len - at);

	return eol ? (size_t)(eol - t->p) + 1 : t->len;
}

/* Replaces del bytes at offset at with ins. */
static void splice(struct text *t, size_t at, size_t del, const char *ins)
{
	size_t n = strlen(ins);
	char *p = malloc(t->len - del + n + 1);

	if (!p)
		die("out of memory");
	memcpy(p, t->p, at);
	memcpy(p + at, ins, n);
	memcpy(p + at + n, t->p + at + del, t->len - at - del);
	t->len = t->len - del + n;
	p[t->len] = '\0';
	free(t->p);
	t->p = p;
}

/* "name", then tabs up to column col (tabs of 8), at least one. */
static char *padded(const char *name, int startcol, int col)
{
	char buf[256];
	int c = startcol + (int)strlen(name);

	snprintf(buf, sizeof(buf), "%s", name);
	do {
		strcat(buf, "\t");
		c = (c / 8 + 1) * 8;
	} while (c < col && strlen(buf) < sizeof(buf) - 2);
	return strdup(buf);
}

/* Puts the new content of rel in the file set, remembering it as changed. */
static void set_new(struct state *st, const char *rel, const struct text *pristine_text,
		    const struct text *new)
{
	struct fentry *e = fileset_get(&st->fs, rel);

	text_set(&e->new, new->p, new->len);
	if (!text_eq(pristine_text, new))
		push(&st->newmod, &st->nnewmod, rel);
}

struct table_file {
	const char *rel;
	long limit;
	int optional;
	struct text text;
	struct ktbl scan;
};

static void edit_table(struct state *st, struct table_file *tf, const char *abi, int col)
{
	struct text t = { NULL, 0 };
	char *block = NULL;
	int i;

	text_set(&t, tf->text.p, tf->text.len);
	append(&block, "%s", tf->scan.insert_at > 0 && t.p[tf->scan.insert_at - 1] != '\n' ? "\n" : "");
	for (i = 0; i < st->calls.n; i++) {
		const struct call *c = &st->calls.v[i];
		char *name = padded(c->name, 16, col);

		append(&block, "%ld\t%s\t%s%s\n", st->first + i, abi, name, c->entry);
		free(name);
	}
	splice(&t, tf->scan.insert_at, 0, block);
	set_new(st, tf->rel, &tf->text, &t);
	free(block);
	free(t.p);
}

static void edit_unistd(struct state *st, const struct text *orig)
{
	struct text t = { NULL, 0 };
	long undef, def;
	char *block = NULL, *s;
	int i;

	text_set(&t, orig->p, orig->len);
	for (i = 0; i < st->calls.n; i++) {
		const struct call *c = &st->calls.v[i];

		append(&block, "#define __NR_%s %ld\n__SYSCALL(__NR_%s, %s)\n",
		       c->name, st->first + i, c->name, c->entry);
	}
	append(&block, "\n");
	undef = line_starting(&t, "#undef __NR_syscalls");
	splice(&t, (size_t)undef, 0, block);
	def = line_starting(&t, "#define __NR_syscalls ");
	s = xasprintf("#define __NR_syscalls %ld\n", st->first + st->calls.n);
	splice(&t, (size_t)def, line_end(&t, (size_t)def) - (size_t)def, s);
	free(s);
	set_new(st, UNISTD_GENERIC, orig, &t);
	free(block);
	free(t.p);
}

static void edit_syscalls_h(struct state *st)
{
	struct text orig = pristine(st, SYSCALLS_H, 1);
	struct text t = { NULL, 0 };
	const char *anchor = "/*\n * Architecture-specific system calls\n";
	char *at = strstr(orig.p, anchor), *block = NULL;
	int i;

	if (!at)
		die("%s/%s: expected the comment block \" * Architecture-specific system calls\"; this layout is not known",
		    tree, SYSCALLS_H);
	append(&block, "%s", SECTION);
	for (i = 0; i < st->calls.n; i++)
		append(&block, "asmlinkage long %s(%s);\n",
		       st->calls.v[i].entry, st->calls.v[i].params);
	append(&block, "\n");
	text_set(&t, orig.p, orig.len);
	splice(&t, (size_t)(at - orig.p), 0, block);
	set_new(st, SYSCALLS_H, &orig, &t);
	free(block);
	free(t.p);
	free(orig.p);
}

static void edit_sys_ni(struct state *st)
{
	struct text orig = pristine(st, SYS_NI, 1);
	struct text t = { NULL, 0 };
	char *block = NULL;
	int i;

	if (!strstr(orig.p, "COND_SYSCALL("))
		die("%s/%s: expected COND_SYSCALL() lines; this layout is not known", tree, SYS_NI);
	append(&block, "%s\n%s", orig.len && orig.p[orig.len - 1] != '\n' ? "\n" : "", SECTION);
	for (i = 0; i < st->calls.n; i++)
		append(&block, "COND_SYSCALL(%s);\n", st->calls.v[i].name);
	text_set(&t, orig.p, orig.len);
	splice(&t, t.len, 0, block);
	set_new(st, SYS_NI, &orig, &t);
	free(block);
	free(t.p);
	free(orig.p);
}

static void edit_kconfig(struct state *st)
{
	struct text orig = pristine(st, "Kconfig", 1);
	struct text t = { NULL, 0 };
	long at = line_starting(&orig, "source \"init/Kconfig\"\n");

	if (at < 0)
		die("%s/Kconfig: expected the line 'source \"init/Kconfig\"'; this layout is not known", tree);
	text_set(&t, orig.p, orig.len);
	splice(&t, line_end(&t, (size_t)at), 0, "\nsource \"my_syscalls/Kconfig\"\n");
	set_new(st, "Kconfig", &orig, &t);
	free(t.p);
	free(orig.p);
}

/* 6.1 on: "obj-y += kernel/" in ./Kbuild. 5.8: "core-y += kernel/ ..." in ./Makefile. */
static void edit_hook(struct state *st)
{
	struct text kbuild = pristine(st, "Kbuild", 0);
	struct text mk = { NULL, 0 };
	struct text t = { NULL, 0 };
	long at = -1;

	if (kbuild.p)
		at = line_starting(&kbuild, "obj-y\t\t\t+= kernel/\n");
	if (at >= 0) {
		text_set(&t, kbuild.p, kbuild.len);
		splice(&t, line_end(&t, (size_t)at), 0, "obj-y\t\t\t+= my_syscalls/\n");
		set_new(st, "Kbuild", &kbuild, &t);
	} else {
		mk = pristine(st, "Makefile", 1);
		at = line_starting(&mk, "core-y\t\t+= kernel/ ");
		if (at < 0)
			die("%s: neither ./Kbuild has the line 'obj-y += kernel/' (Linux 6.x) nor ./Makefile the line 'core-y += kernel/ ...' (Linux 5.x); this layout is not known",
			    tree);
		text_set(&t, mk.p, mk.len);
		splice(&t, line_end(&t, (size_t)at) - 1, 0, " my_syscalls/");
		set_new(st, "Makefile", &mk, &t);
	}
	free(t.p);
	free(mk.p);
	free(kbuild.p);
}

static void read_project(struct state *st)
{
	char *path = xasprintf("%s/syscalls.tbl", project);
	struct text t;
	char err[512];

	if (text_read(path, &t) < 0)
		die("cannot read %s: %s (give the project's kernel/ directory with -k)",
		    path, strerror(errno));
	if (calls_parse(t.p, t.len, &st->calls, err, sizeof(err)) < 0)
		die("%s: %s", path, err);
	free(t.p);
	free(path);
}

static void read_manifest(struct state *st)
{
	char *path = xasprintf("%s/%s", tree, MANIFEST);
	char line[4096];
	FILE *f = fopen(path, "r");

	st->applied = f != NULL;
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == 'M' && line[1] == ' ')
			push(&st->mod, &st->nmod, line + 2);
		else if (line[0] == 'A' && line[1] == ' ')
			push(&st->add, &st->nadd, line + 2);
		else if (line[0] && line[0] != '#')
			die("%s: cannot read line '%s'; restore the tree from its source",
			    path, line);
	}
	if (f)
		fclose(f);
	free(path);
}

/* Numbers, and a refusal if the calls are there but not of our making. */
static void number_calls(struct state *st, struct table_file *tf, int ntf,
			 const struct text *unistd)
{
	char err[512];
	long max = -1;
	int i, generic = 0;

	for (i = 0; i < ntf; i++) {
		tf[i].text = pristine(st, tf[i].rel, !tf[i].optional);
		if (!tf[i].text.p)
			continue;
		if (ktbl_scan(tf[i].text.p, tf[i].text.len, tf[i].limit, &st->calls,
			      &tf[i].scan, err, sizeof(err)) < 0)
			die("%s/%s: %s", tree, tf[i].rel, err);
		if (tf[i].scan.entries == 0)
			die("%s/%s: no entries; is this a Linux source tree?", tree, tf[i].rel);
		if (tf[i].scan.found_nr >= 0)
			die("%s/%s already has %s at number %ld and it was not added by this patcher; use a pristine tree",
			    tree, tf[i].rel, tf[i].scan.found_name, tf[i].scan.found_nr);
		if (tf[i].scan.max_nr > max)
			max = tf[i].scan.max_nr;
		generic |= tf[i].optional;
	}
	if (unistd->p) {
		const char *d = strstr(unistd->p, "\n#define __NR_syscalls ");
		long n;

		if (!d || line_starting(unistd, "#undef __NR_syscalls") < 0)
			die("%s/%s: expected '#undef __NR_syscalls' and '#define __NR_syscalls N'; this layout is not known",
			    tree, UNISTD_GENERIC);
		n = strtol(d + 23, NULL, 10);
		if (n <= 0 || n >= X32_FIRST)
			die("%s/%s: __NR_syscalls is %ld; expected a number from 1 to %d",
			    tree, UNISTD_GENERIC, n, X32_FIRST - 1);
		for (i = 0; i < st->calls.n; i++) {
			char *def = xasprintf("#define __NR_%s ", st->calls.v[i].name);

			if (strstr(unistd->p, def))
				die("%s/%s already defines __NR_%s and it was not added by this patcher; use a pristine tree",
				    tree, UNISTD_GENERIC, st->calls.v[i].name);
			free(def);
		}
		if (n - 1 > max)
			max = n - 1;
		generic = 1;
	}
	if (!generic)
		die("%s: neither %s nor %s found; this layout is not known",
		    tree, TBL_GENERIC, UNISTD_GENERIC);
	st->first = max + 1;
	if (st->first + st->calls.n > X32_FIRST)
		die("%s: no %d free numbers below %d", tree, st->calls.n, X32_FIRST);
}

static void copy_dirs(struct state *st)
{
	size_t i;

	for (i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
		char *dir = xasprintf("%s/%s", project, copies[i].from);
		DIR *d = opendir(dir);
		struct dirent *de;

		if (!d) {
			if (copies[i].optional && errno == ENOENT) {
				free(dir);
				continue;
			}
			die("cannot read %s: %s", dir, strerror(errno));
		}
		while ((de = readdir(d))) {
			char *src = xasprintf("%s/%s", dir, de->d_name);
			char *rel = xasprintf("%s/%s", copies[i].to, de->d_name);
			struct stat sb;
			struct fentry *e;
			struct text t;

			if (de->d_name[0] != '.' && stat(src, &sb) == 0 && S_ISREG(sb.st_mode)) {
				if (text_read(src, &t) < 0)
					die("cannot read %s: %s", src, strerror(errno));
				e = fileset_get(&st->fs, rel);
				if (!st->applied && e->exists)
					die("%s/%s exists already and was not added by this patcher; use a pristine tree",
					    tree, rel);
				text_set(&e->new, t.p, t.len);
				e->mode = 0644;
				push(&st->newadd, &st->nnewadd, rel);
				free(t.p);
			}
			free(src);
			free(rel);
		}
		closedir(d);
		free(dir);
	}
}

/* The state directory: pristine copies and the manifest. */
static void record_state(struct state *st)
{
	struct text t = { NULL, 0 }, m = { NULL, 0 };
	char *s = NULL;
	int i;

	append(&s, "# Written by the hello_syscall patcher; 'patcher revert' uses it.\n"
	       "# M: changed (pristine copy in orig/), A: added\n");
	for (i = 0; i < st->nnewmod; i++) {
		struct fentry *e = orig_entry(st, st->newmod[i]);

		if (!e->exists) {
			t = pristine(st, st->newmod[i], 1);
			text_set(&e->new, t.p, t.len);
			free(t.p);
		}
		append(&s, "M %s\n", st->newmod[i]);
	}
	for (i = 0; i < st->nmod; i++) {
		if (!has(st->newmod, st->nnewmod, st->mod[i])) {
			/* Touched before, not now: give it back. */
			t = pristine(st, st->mod[i], 1);
			text_set(&fileset_get(&st->fs, st->mod[i])->new, t.p, t.len);
			orig_entry(st, st->mod[i])->remove = 1;
			free(t.p);
		}
	}
	for (i = 0; i < st->nnewadd; i++)
		append(&s, "A %s\n", st->newadd[i]);
	for (i = 0; i < st->nadd; i++)
		if (!has(st->newadd, st->nnewadd, st->add[i]))
			fileset_get(&st->fs, st->add[i])->remove = 1;
	m.p = s;
	m.len = strlen(s);
	set_new(st, MANIFEST, &m, &m);
	free(s);
}

static void plan_apply(struct state *st)
{
	struct table_file tf[] = {
		{ TBL_64, X32_FIRST, 0, { NULL, 0 }, { 0 } },
		{ TBL_32, X32_FIRST, 0, { NULL, 0 }, { 0 } },
		{ TBL_GENERIC, X32_FIRST, 1, { NULL, 0 }, { 0 } },
	};
	int ntf = sizeof(tf) / sizeof(tf[0]), i;
	struct text unistd = pristine(st, UNISTD_GENERIC, 0);

	if (unistd.p && !strstr(unistd.p, "#define __NR_syscalls")) {
		free(unistd.p);
		unistd.p = NULL;
	}
	number_calls(st, tf, ntf, &unistd);
	edit_table(st, &tf[0], "common", 40);
	edit_table(st, &tf[1], "i386", 40);
	if (tf[2].text.p)
		edit_table(st, &tf[2], "common", 48);
	if (unistd.p)
		edit_unistd(st, &unistd);
	edit_syscalls_h(st);
	edit_sys_ni(st);
	edit_kconfig(st);
	edit_hook(st);
	copy_dirs(st);
	record_state(st);
	for (i = 0; i < ntf; i++)
		free(tf[i].text.p);
	free(unistd.p);
}

static void plan_revert(struct state *st)
{
	int i;

	for (i = 0; i < st->nmod; i++) {
		struct text t = pristine(st, st->mod[i], 1);

		text_set(&fileset_get(&st->fs, st->mod[i])->new, t.p, t.len);
		orig_entry(st, st->mod[i])->remove = 1;
		free(t.p);
	}
	for (i = 0; i < st->nadd; i++)
		fileset_get(&st->fs, st->add[i])->remove = 1;
	fileset_get(&st->fs, MANIFEST)->remove = 1;
}

static void state_free(struct state *st)
{
	fileset_free(&st->fs);
	free_list(st->mod, st->nmod);
	free_list(st->add, st->nadd);
	free_list(st->newmod, st->nnewmod);
	free_list(st->newadd, st->nnewadd);
}

int main(int argc, char **argv)
{
	struct state st;
	const char *cmd;
	int quiet = 0, opt, i, changes = 0;
	struct stat sb;

	memset(&st, 0, sizeof(st));
	while ((opt = getopt(argc, argv, "k:qh")) != -1) {
		switch (opt) {
		case 'k':
			project = optarg;
			break;
		case 'q':
			quiet = 1;
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
	tree = argv[optind + 1];
	if (strcmp(cmd, "apply") && strcmp(cmd, "revert") && strcmp(cmd, "check"))
		usage(stderr, EX_ERROR);
	if (stat(tree, &sb) < 0 || !S_ISDIR(sb.st_mode))
		die("%s is not a directory; give the top of a Linux source tree", tree);
	st.fs.root = tree;

	read_project(&st);
	read_manifest(&st);
	if (strcmp(cmd, "revert") == 0) {
		if (!st.applied) {
			if (!quiet)
				printf("%s: not patched, nothing to revert\n", tree);
			state_free(&st);
			return EX_OK;
		}
		plan_revert(&st);
	} else {
		plan_apply(&st);
	}
	for (i = 0; i < st.fs.n; i++)
		changes += fentry_changes(&st.fs.v[i]);

	if (strcmp(cmd, "check") == 0) {
		if (!quiet) {
			for (i = 0; i < st.fs.n; i++)
				if (fentry_changes(&st.fs.v[i]))
					printf("  would %s %s\n", st.fs.v[i].remove ? "remove" :
					       st.fs.v[i].exists ? "change" : "add", st.fs.v[i].rel);
			printf("%s: %s; calls from %ld\n", tree,
			       changes ? "apply would change the files above" : "up to date",
			       st.first);
		}
		state_free(&st);
		return changes ? EX_DIFFERS : EX_OK;
	}
	if (changes && fileset_commit(&st.fs, !quiet) < 0)
		die("nothing was changed in %s", tree);
	if (!quiet) {
		if (strcmp(cmd, "revert") == 0) {
			printf("%s: reverted to its pristine files\n", tree);
		} else {
			printf("%s: %s", tree, changes ? "patched:" : "already patched, nothing to do:");
			for (i = 0; i < st.calls.n; i++)
				printf(" %s %ld", st.calls.v[i].name, st.first + i);
			printf("\n");
		}
	}
	state_free(&st);
	return EX_OK;
}
