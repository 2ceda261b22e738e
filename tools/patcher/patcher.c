// SPDX-License-Identifier: GPL-2.0
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
#include <unistd.h>

#include "fileset.h"
#include "layout.h"
#include "tbl.h"
#include "util.h"

#define STATE_DIR	".hello_syscall"
#define MANIFEST	STATE_DIR "/manifest"
#define JOURNAL		STATE_DIR "/journal"
#define ORIG		STATE_DIR "/orig/"
#define UNISTD_GENERIC	"include/uapi/asm-generic/unistd.h"
#define SYSCALLS_H	"include/linux/syscalls.h"
#define SYS_NI		"kernel/sys_ni.c"
#define X32_FIRST	512
#define SECTION		"/* my_syscalls/ */\n"

/*
 * Project directories copied into the tree. A "from" ending in '/' is a
 * folder of folders: each one is copied (a selftest per call).
 */
static const struct {
	const char *from;	/* below the project's kernel/ */
	const char *to;		/* below the tree */
	int optional;
} copies[] = {
	{ "my_syscalls", "my_syscalls", 0 },
	{ "selftests/", "tools/testing/selftests", 1 },
	{ "uapi", "include/uapi/linux", 1 },	/* headers of calls that take a struct */
};

/* Exit codes. */
enum { EX_OK = 0, EX_DIFFERS = 1, EX_ERROR = 2 };

static const char *project = "kernel";
static int lock_fd = -1;	/* the tree's lock, while held */
static struct fileset *locked;	/* the file set whose tree it is */

/* At exit, also after die(): the lock back, its file gone if it was alone. */
static void release_lock(void)
{
	if (lock_fd >= 0)
		fileset_unlock(locked, STATE_DIR, lock_fd);
	lock_fd = -1;
}

struct state {
	struct calls calls;
	struct fileset fs;
	int applied;			/* the tree holds STATE_DIR */
	char **mod, **add;		/* manifest: changed and added files */
	int nmod, nadd;
	char **summed;			/* manifest: files with a checksum of */
	unsigned long long *sum;	/* what the patcher wrote there */
	int nsummed;
	int force;			/* -f: overwrite changes made by hand */
	char **newmod, **newadd;	/* the manifest this run will write */
	int nnewmod, nnewadd;
	long first;			/* number of the first call */
};

static void usage(FILE *f, int code)
{
	fprintf(f,
		"Usage: patcher [-f] [-k KERNELDIR] [-q] apply|revert|check TREE\n"
		"   or: patcher files TREE | pristine TREE FILE | has-call TREE NAME\n"
		"\n"
		"  apply   register the calls of KERNELDIR/syscalls.tbl in TREE and copy\n"
		"          KERNELDIR/my_syscalls/ into it; again after an edit, update it\n"
		"  revert  give TREE its pristine files back\n"
		"  check   change nothing; say what apply would change\n"
		"  files   the files the patcher changed (M path) and added (A path)\n"
		"  pristine  FILE as the tree had it before the patcher (exit 1: the\n"
		"            patcher added it, or the tree has none)\n"
		"  has-call  whether the pristine tree has the call NAME: where and its\n"
		"            number (exit 1: it has not)\n"
		"\n"
		"  -f      drop changes made by hand to the files the patcher wrote\n"
		"          (without it, apply and revert refuse and name them)\n"
		"  -k DIR  the project's kernel/ directory (default: kernel)\n"
		"  -q      print only errors\n"
		"\n"
		"Exit: 0 done (check: up to date), 1 check: apply would change files,\n"
		"2 error (the tree is left as it was).\n");
	exit(code);
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
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

static int has(char **v, int n, const char *s)
{
	while (n-- > 0)
		if (strcmp(v[n], s) == 0)
			return 1;
	return 0;
}

/* Kernel files end lines with LF alone; a CR means a converted copy. */
static void refuse_crlf(const char *path, const struct text *t)
{
	const char *cr = memchr(t->p, '\r', t->len), *c;
	int line = 1;

	if (!cr)
		return;
	for (c = t->p; c < cr; c++)
		line += *c == '\n';
	die("%s:%d: carriage return (CRLF line ends?); kernel files end their lines with LF alone: convert the file (dos2unix) or use a fresh tree",
	    path, line);
}

/* Text as it was before any patching: the saved copy, or the tree's own. */
static struct text pristine(struct state *st, const char *rel, int must)
{
	struct text t = { NULL, 0 };
	const char *why;
	struct stat sb;
	char *path;

	path = xasprintf("%s/%s", st->fs.root, rel);
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode))
		die("%s is a symbolic link; the patcher writes whole files and would put a copy in its place: replace the link by the file it points to, or patch a copy of the tree",
		    path);
	if (fileset_rel_ok(&st->fs, rel, &why) < 0)
		die("%s: %s; refused", path, why);
	if (st->applied && has(st->mod, st->nmod, rel)) {
		free(path);
		path = xasprintf("%s/%s%s", st->fs.root, ORIG, rel);
	}
	if (text_read(path, &t) < 0) {
		if (must)
			die("cannot read %s: %s (is %s a Linux source tree?)",
			    path, strerror(errno), st->fs.root);
		t.p = NULL;
	}
	if (t.p)
		refuse_crlf(path, &t);
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
	const struct table_form *form;
	struct text text;
	struct ktbl scan;
	const struct entry_form *entries;
};

/* The form of the table's entry points, from its highest call. */
static const struct entry_form *entry_form_of(const char *root, const struct table_file *tf)
{
	char *known = NULL;
	int i;

	/* other tables than x86's: sys_<name>, in a compat column too if it has one */
	for (i = 0; !tf->form->detect && i < n_entry_forms; i++)
		if (strcmp(entry_forms[i].entry, "sys_%s") == 0 &&
		    !entry_forms[i].compat == !tf->form->compat_col &&
		    (!entry_forms[i].compat || strcmp(entry_forms[i].compat, "sys_%s") == 0))
			return &entry_forms[i];

	for (i = 0; i < n_entry_forms; i++) {
		const struct entry_form *e = &entry_forms[i];

		if (strncmp(tf->scan.max_entry, e->entry_prefix, strlen(e->entry_prefix)) == 0 &&
		    (!e->compat_prefix || strncmp(tf->scan.max_compat, e->compat_prefix,
						  strlen(e->compat_prefix)) == 0))
			return e;
	}
	for (i = 0; i < n_entry_forms; i++)
		xappend(&known, "%s'%s<name>%s%s' (%s)", i ? ", " : "", entry_forms[i].entry_prefix,
		       entry_forms[i].compat_prefix ? " " : "",
		       entry_forms[i].compat_prefix ? entry_forms[i].compat_prefix : "",
		       entry_forms[i].seen);
	die("%s/%s: the entry point of call %ld is '%s %s'; the forms known are %s; this layout is not known",
	    root, tf->form->rel, tf->scan.max_nr, tf->scan.max_entry, tf->scan.max_compat, known);
	return NULL;
}

static void edit_table(struct state *st, struct table_file *tf)
{
	const struct table_form *form = tf->form;
	struct text t = { NULL, 0 };
	char *block = NULL;
	int i;

	text_set(&t, tf->text.p, tf->text.len);
	xappend(&block, "%s", tf->scan.insert_at > 0 && t.p[tf->scan.insert_at - 1] != '\n' ? "\n" : "");
	for (i = 0; i < st->calls.n; i++) {
		const struct call *c = &st->calls.v[i];
		char *name = padded(c->name, 16, form->entry_col);
		char *entry = xasprintf(tf->entries->entry, c->name);

		if (tf->entries->compat) {
			char *compat = xasprintf(tf->entries->compat, c->name);
			char *pad = padded(entry, form->entry_col, form->compat_col);

			xappend(&block, "%ld\t%s\t%s%s%s\n", st->first + form->offset + i, form->abi,
				name, pad, compat);
			free(compat);
			free(pad);
		} else {
			xappend(&block, "%ld\t%s\t%s%s\n", st->first + form->offset + i, form->abi,
				name, entry);
		}
		free(entry);
		free(name);
	}
	splice(&t, tf->scan.insert_at, 0, block);
	set_new(st, form->rel, &tf->text, &t);
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

		xappend(&block, "#define __NR_%s %ld\n__SYSCALL(__NR_%s, %s)\n",
		       c->name, st->first + i, c->name, c->entry);
	}
	xappend(&block, "\n");
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

/*
 * "struct tag;" for each struct the prototypes name, as syscalls.h does for
 * its own: where a table makes the calls common to every architecture, a
 * prototype's struct must be declared before it, or it is another type.
 */
static void struct_declarations(struct state *st, char **block)
{
	int i;

	for (i = 0; i < st->calls.n; i++) {
		const char *p = st->calls.v[i].params;

		while ((p = strstr(p, "struct "))) {
			size_t n;
			char *decl;

			p += 7;
			n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
			decl = xasprintf("struct %.*s;\n", (int)n, p);
			if (n && !(*block && strstr(*block, decl)))
				xappend(block, "%s", decl);
			free(decl);
		}
	}
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
		    st->fs.root, SYSCALLS_H);
	xappend(&block, "%s", SECTION);
	struct_declarations(st, &block);
	for (i = 0; i < st->calls.n; i++)
		xappend(&block, "asmlinkage long %s(%s);\n",
		       st->calls.v[i].entry, st->calls.v[i].params);
	xappend(&block, "\n");
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
		die("%s/%s: expected COND_SYSCALL() lines; this layout is not known", st->fs.root, SYS_NI);
	xappend(&block, "%s\n%s", orig.len && orig.p[orig.len - 1] != '\n' ? "\n" : "", SECTION);
	for (i = 0; i < st->calls.n; i++)
		xappend(&block, "COND_SYSCALL(%s);\n", st->calls.v[i].name);
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
		die("%s/Kconfig: expected the line 'source \"init/Kconfig\"'; this layout is not known", st->fs.root);
	text_set(&t, orig.p, orig.len);
	splice(&t, line_end(&t, (size_t)at), 0, "\nsource \"my_syscalls/Kconfig\"\n");
	set_new(st, "Kconfig", &orig, &t);
	free(t.p);
	free(orig.p);
}

/*
 * The line of text that holds words[0..2] as its first three words, with
 * any blanks between them: its offset, and where its third word starts.
 */
static long words_line(const struct text *t, const char *const words[3], size_t *third)
{
	const char *p = t->p, *end = t->p + t->len;

	while (p && p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *q = p;
		int w;

		if (!eol)
			eol = end;
		for (w = 0; w < 3; w++) {
			size_t n = strlen(words[w]);

			if (w > 0) {
				if (q >= eol || (*q != ' ' && *q != '\t'))
					break;
				while (q < eol && (*q == ' ' || *q == '\t'))
					q++;
			}
			if ((size_t)(eol - q) < n || memcmp(q, words[w], n) != 0)
				break;
			if (w == 2)
				*third = (size_t)(q - t->p);
			q += n;
		}
		if (w == 3 && (q == eol || *q == ' ' || *q == '\t'))
			return p - t->p;
		p = eol < end ? eol + 1 : NULL;
	}
	return -1;
}

/* Hooks my_syscalls/ into the build the way the tree lists kernel/. */
static void edit_hook(struct state *st)
{
	char *tried = NULL;
	int i;

	for (i = 0; i < n_hook_forms; i++) {
		const struct hook_form *h = &hook_forms[i];
		struct text orig = pristine(st, h->file, 0);
		struct text t = { NULL, 0 };
		size_t third = 0, end;
		long at;

		if (!orig.p) {
			xappend(&tried, "\n  %s (%s): no such file", h->file, h->seen);
			continue;
		}
		at = words_line(&orig, h->words, &third);
		if (at < 0) {
			long near = line_starting(&orig, h->words[0]);
			size_t len = near < 0 ? 0 : line_end(&orig, (size_t)near) - (size_t)near;

			xappend(&tried, "\n  %s (%s): no line '%s %s %s ...'; found %s%.*s%s",
			       h->file, h->seen, h->words[0], h->words[1], h->words[2],
			       near < 0 ? "none starting so" : "'",
			       (int)(len > 80 ? 80 : len ? len - 1 : 0), near < 0 ? "" : orig.p + near,
			       near < 0 ? "" : "'");
			free(orig.p);
			continue;
		}
		text_set(&t, orig.p, orig.len);
		end = line_end(&t, (size_t)at);
		if (h->append) {
			while (end > (size_t)at && (t.p[end - 1] == '\n' || t.p[end - 1] == ' ' ||
						    t.p[end - 1] == '\t'))
				end--;
			splice(&t, end, 0, " my_syscalls/");
		} else {
			char *line = xasprintf("%.*smy_syscalls/\n", (int)(third - (size_t)at),
					       t.p + at);

			splice(&t, end, 0, line);
			free(line);
		}
		set_new(st, h->file, &orig, &t);
		free(t.p);
		free(orig.p);
		free(tried);
		return;
	}
	die("%s: no line that lists kernel/ for the build was found:%s\nthis layout is not known",
	    st->fs.root, tried);
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

/* FNV-1a, 64 bits: tells whether a file is still what the patcher wrote. */
static unsigned long long checksum(const struct text *t)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < t->len; i++)
		h = (h ^ (unsigned char)t->p[i]) * 0x100000001b3ULL;
	return h;
}

/* "M|A [checksum] path": older manifests have no checksum. */
static const char *manifest_path(struct state *st, const char *rest)
{
	char *end;
	unsigned long long h = strtoull(rest, &end, 16);

	if (end == rest + 16 && *end == ' ') {
		st->summed = xrealloc(st->summed, (st->nsummed + 1) * sizeof(*st->summed));
		st->sum = xrealloc(st->sum, (st->nsummed + 1) * sizeof(*st->sum));
		st->summed[st->nsummed] = xstrdup(end + 1);
		st->sum[st->nsummed++] = h;
		return end + 1;
	}
	return rest;
}

/*
 * Files changed by hand since the patcher wrote them would be lost by apply
 * or revert: refuse, name them, say how to go on.
 */
static void refuse_hand_edits(struct state *st, const char *cmd)
{
	char *list = NULL;
	int i;

	for (i = 0; i < st->nsummed; i++) {
		struct fentry *e = fileset_get(&st->fs, st->summed[i]);

		if (!e->exists || checksum(&e->old) != st->sum[i])
			xappend(&list, "\n  %s/%s%s", st->fs.root, st->summed[i],
			       e->exists ? "" : " (deleted)");
	}
	if (!list)
		return;
	if (st->force) {
		fprintf(stderr, "patcher: -f: dropping the changes made by hand to:%s\n", list);
		free(list);
		return;
	}
	die("these files changed since the patcher wrote them:%s\n"
	    "%s would lose those changes, so nothing was done. Keep a change by moving it into the project "
	    "(kernel/my_syscalls/, kernel/syscalls.tbl) or by saving the file; then drop them all with "
	    "'patcher -f %s' (make %s OVERWRITE=1), or undo them by hand.",
	    list, cmd, cmd, strcmp(cmd, "revert") ? "apply" : "revert");
}

static void read_manifest(struct state *st)
{
	char *path = xasprintf("%s/%s", st->fs.root, MANIFEST), *orig;
	const char *rel, *why;
	char line[4096];
	FILE *f = fopen(path, "r");
	int no = 0;

	st->applied = f != NULL;
	while (f && fgets(line, sizeof(line), f)) {
		no++;
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if ((line[0] != 'M' && line[0] != 'A') || line[1] != ' ')
			die("%s:%d: cannot read line '%s'; restore the tree from its source",
			    path, no, line);
		rel = manifest_path(st, line + 2);
		orig = xasprintf("%s%s", ORIG, rel);
		if (fileset_rel_ok(&st->fs, rel, &why) < 0 ||
		    (line[0] == 'M' && fileset_rel_ok(&st->fs, orig, &why) < 0))
			die("%s:%d: '%s' is %s; refused, nothing was changed; restore the tree from its source",
			    path, no, rel, why);
		free(orig);
		push(line[0] == 'M' ? &st->mod : &st->add, line[0] == 'M' ? &st->nmod : &st->nadd, rel);
	}
	if (f)
		fclose(f);
	free(path);
}

/* Numbers, and a refusal if the calls are there but not of our making. */
static void number_calls(struct state *st, struct table_file *tf, int ntf,
			 const struct text *unistd, long max)
{
	char err[512];
	int i, generic = 0;

	for (i = 0; i < ntf; i++) {
		const char *rel = tf[i].form->rel;

		tf[i].text = pristine(st, rel, !tf[i].form->optional);
		if (!tf[i].text.p)
			continue;
		if (ktbl_scan(tf[i].text.p, tf[i].text.len, tf[i].form->limit, &st->calls,
			      &tf[i].scan, err, sizeof(err)) < 0)
			die("%s/%s: %s", st->fs.root, rel, err);
		if (tf[i].scan.entries == 0)
			die("%s/%s: no entries; is this a Linux source tree?", st->fs.root, rel);
		if (tf[i].scan.found_nr >= 0)
			die("%s/%s already has %s at number %ld and it was not added by this patcher; use a pristine tree",
			    st->fs.root, rel, tf[i].scan.found_name, tf[i].scan.found_nr);
		tf[i].entries = entry_form_of(st->fs.root, &tf[i]);
		if (tf[i].scan.max_nr - tf[i].form->offset > max)
			max = tf[i].scan.max_nr - tf[i].form->offset;
		generic |= tf[i].form->generic;
	}
	if (unistd->p) {
		const char *d = strstr(unistd->p, "\n#define __NR_syscalls ");
		long n;

		if (!d || line_starting(unistd, "#undef __NR_syscalls") < 0)
			die("%s/%s: expected '#undef __NR_syscalls' and '#define __NR_syscalls N'; this layout is not known",
			    st->fs.root, UNISTD_GENERIC);
		n = strtol(d + 23, NULL, 10);
		if (n <= 0 || n >= X32_FIRST)
			die("%s/%s: __NR_syscalls is %ld; expected a number from 1 to %d",
			    st->fs.root, UNISTD_GENERIC, n, X32_FIRST - 1);
		for (i = 0; i < st->calls.n; i++) {
			char *def = xasprintf("#define __NR_%s ", st->calls.v[i].name);

			if (strstr(unistd->p, def))
				die("%s/%s already defines __NR_%s and it was not added by this patcher; use a pristine tree",
				    st->fs.root, UNISTD_GENERIC, st->calls.v[i].name);
			free(def);
		}
		if (n - 1 > max)
			max = n - 1;
		generic = 1;
	}
	if (!generic)
		die("%s: no generic syscall table (neither scripts/syscall.tbl nor %s); this layout is not known",
		    st->fs.root, UNISTD_GENERIC);
	st->first = max + 1;
	if (st->first + st->calls.n > X32_FIRST)
		die("%s: no %d free numbers below %d", st->fs.root, st->calls.n, X32_FIRST);
}

/* Copies the files of the project's folder dir into the tree's folder to. */
static void copy_dir(struct state *st, const char *dir, const char *to, int optional)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		if (optional && errno == ENOENT)
			return;
		die("cannot read %s: %s", dir, strerror(errno));
	}
	while ((de = readdir(d))) {
		char *src = xasprintf("%s/%s", dir, de->d_name);
		char *rel = xasprintf("%s/%s", to, de->d_name);
		struct stat sb;
		struct fentry *e;
		struct text t;

		if (de->d_name[0] != '.' && stat(src, &sb) == 0 && S_ISREG(sb.st_mode)) {
			if (text_read(src, &t) < 0)
				die("cannot read %s: %s", src, strerror(errno));
			e = fileset_get(&st->fs, rel);
			if (!has(st->add, st->nadd, rel) && e->exists)
				die("%s/%s exists already and was not added by this patcher; use a pristine tree",
				    st->fs.root, rel);
			text_set(&e->new, t.p, t.len);
			e->mode = 0644;
			push(&st->newadd, &st->nnewadd, rel);
			free(t.p);
		}
		free(src);
		free(rel);
	}
	closedir(d);
}

static void copy_dirs(struct state *st)
{
	size_t i;

	for (i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
		const char *from = copies[i].from;
		char *dir = xasprintf("%s/%.*s", project, (int)strcspn(from, "/"), from);
		DIR *d;
		struct dirent *de;

		if (from[strlen(from) - 1] != '/') {
			copy_dir(st, dir, copies[i].to, copies[i].optional);
			free(dir);
			continue;
		}
		d = opendir(dir);
		if (!d && !(copies[i].optional && errno == ENOENT))
			die("cannot read %s: %s", dir, strerror(errno));
		while (d && (de = readdir(d))) {
			char *sub = xasprintf("%s/%s", dir, de->d_name);
			char *to = xasprintf("%s/%s", copies[i].to, de->d_name);
			struct stat sb;

			if (de->d_name[0] != '.' && stat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
				copy_dir(st, sub, to, 0);
			free(sub);
			free(to);
		}
		if (d)
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

	xappend(&s, "# Written by the hello_syscall patcher; 'patcher revert' uses it.\n"
	       "# M: changed (pristine copy in orig/), A: added; then a checksum of\n"
	       "# what the patcher wrote, to tell a change by hand.\n");
	for (i = 0; i < st->nnewmod; i++) {
		struct fentry *e = orig_entry(st, st->newmod[i]);

		if (!e->exists) {
			t = pristine(st, st->newmod[i], 1);
			text_set(&e->new, t.p, t.len);
			free(t.p);
		}
		xappend(&s, "M %016llx %s\n",
		       checksum(&fileset_get(&st->fs, st->newmod[i])->new), st->newmod[i]);
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
		xappend(&s, "A %016llx %s\n",
		       checksum(&fileset_get(&st->fs, st->newadd[i])->new), st->newadd[i]);
	for (i = 0; i < st->nadd; i++)
		if (!has(st->newadd, st->nnewadd, st->add[i]))
			fileset_get(&st->fs, st->add[i])->remove = 1;
	m.p = s;
	m.len = strlen(s);
	set_new(st, MANIFEST, &m, &m);
	free(s);
}

/* A table kept as C (c_table_forms): its pristine text, and its highest number. */
struct c_table {
	const struct c_table_form *form;
	struct text text, count;
	long max;
};

/* Whether the tree has the file rel. */
static int access_in(const struct state *st, const char *rel)
{
	char *path = xasprintf("%s/%s", st->fs.root, rel);
	int ok = access(path, F_OK) == 0;

	free(path);
	return ok;
}

/* Reads the C tables a tree has; their numbers count for the first free one. */
static long number_c_tables(struct state *st, struct c_table *ct)
{
	long max = -1;
	int i, j;

	for (i = 0; i < n_c_table_forms; i++) {
		const struct c_table_form *f = &c_table_forms[i];
		const char *p;

		ct[i].form = f;
		ct[i].text = pristine(st, f->rel, 0);
		ct[i].max = -1;
		if (ct[i].text.p && !strstr(ct[i].text.p, f->before) &&
		    access_in(st, f->replaced_by)) {
			free(ct[i].text.p);	/* the table that replaced it is wired instead */
			ct[i].text.p = NULL;
		}
		if (!ct[i].text.p)
			continue;
		ct[i].count = pristine(st, f->count_rel, 0);
		if (!strstr(ct[i].text.p, f->before) || !ct[i].count.p ||
		    line_starting(&ct[i].count, f->count) < 0)
			die("%s/%s: expected '%s' in it and '%s' in %s (%s); this layout is not known",
			    st->fs.root, f->rel, f->before + 1, f->count, f->count_rel, f->seen);
		for (p = ct[i].text.p; (p = strstr(p, "\n#define __NR_")); p++) {
			const char *sp = strpbrk(p + 14, " \t");
			long n = sp ? strtol(sp, NULL, 10) : -1;

			ct[i].max = n > ct[i].max ? n : ct[i].max;
		}
		for (j = 0; j < st->calls.n; j++) {
			char *def = xasprintf("#define __NR_%s ", st->calls.v[j].name);

			if (strstr(ct[i].text.p, def))
				die("%s/%s already defines __NR_%s and it was not added by this patcher; use a pristine tree",
				    st->fs.root, f->rel, st->calls.v[j].name);
			free(def);
		}
		max = ct[i].max > max ? ct[i].max : max;
	}
	return max;
}

/* The calls in a C table, and its count grown to the first number past them. */
static void edit_c_table(struct state *st, struct c_table *ct)
{
	const struct c_table_form *f = ct->form;
	struct text t = { NULL, 0 }, c = { NULL, 0 };
	char *block = NULL, *line;
	long at;
	int i;

	for (i = 0; i < st->calls.n; i++)
		xappend(&block, "#define __NR_%s %ld\n__SYSCALL(__NR_%s, %s)\n", st->calls.v[i].name,
			st->first + i, st->calls.v[i].name, st->calls.v[i].entry);
	text_set(&t, ct->text.p, ct->text.len);
	splice(&t, (size_t)(strstr(t.p, f->before) - t.p) + 1, 0, block);
	set_new(st, f->rel, &ct->text, &t);
	text_set(&c, ct->count.p, ct->count.len);
	at = line_starting(&c, f->count);
	line = xasprintf("%s\t\t%ld\n", f->count, st->first + st->calls.n);
	splice(&c, (size_t)at, line_end(&c, (size_t)at) - (size_t)at, line);
	set_new(st, f->count_rel, &ct->count, &c);
	free(line);
	free(block);
	free(t.p);
	free(c.p);
}

static void plan_apply(struct state *st)
{
	struct table_file *tf = calloc((size_t)n_table_forms, sizeof(*tf));
	struct c_table *ct = calloc((size_t)n_c_table_forms, sizeof(*ct));
	int ntf = n_table_forms, i;
	struct text unistd = pristine(st, UNISTD_GENERIC, 0);

	if (!tf || !ct)
		die("out of memory");
	for (i = 0; i < ntf; i++)
		tf[i].form = &table_forms[i];

	if (unistd.p && !strstr(unistd.p, "#define __NR_syscalls")) {
		free(unistd.p);
		unistd.p = NULL;
	}
	number_calls(st, tf, ntf, &unistd, number_c_tables(st, ct));
	for (i = 0; i < ntf; i++)
		if (tf[i].text.p)
			edit_table(st, &tf[i]);
	for (i = 0; i < n_c_table_forms; i++)
		if (ct[i].text.p)
			edit_c_table(st, &ct[i]);
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
	for (i = 0; i < n_c_table_forms; i++) {
		free(ct[i].text.p);
		free(ct[i].count.p);
	}
	free(ct);
	free(tf);
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
	free_list(st->summed, st->nsummed);
	free(st->sum);
	free_list(st->newmod, st->nnewmod);
	free_list(st->newadd, st->nnewadd);
}

/* Options and command; sets tree, project, st->force and *arg (FILE, NAME). */
static const char *parse_args(int argc, char **argv, struct state *st, int *quiet,
			      const char **arg)
{
	const char *cmd;
	struct stat sb;
	int opt;

	while ((opt = getopt(argc, argv, "fk:qh")) != -1) {
		switch (opt) {
		case 'f':
			st->force = 1;
			break;
		case 'k':
			project = optarg;
			break;
		case 'q':
			*quiet = 1;
			break;
		case 'h':
			usage(stdout, EX_OK);
			break;
		default:
			usage(stderr, EX_ERROR);
		}
	}
	if (argc - optind < 2)
		usage(stderr, EX_ERROR);
	cmd = argv[optind];
	st->fs.root = argv[optind + 1];
	*arg = argv[optind + 2];
	if (argc - optind != (strcmp(cmd, "pristine") && strcmp(cmd, "has-call") ? 2 : 3) ||
	    (strcmp(cmd, "apply") && strcmp(cmd, "revert") && strcmp(cmd, "check") &&
	     strcmp(cmd, "files") && strcmp(cmd, "pristine") && strcmp(cmd, "has-call")))
		usage(stderr, EX_ERROR);
	if (stat(st->fs.root, &sb) < 0 || !S_ISDIR(sb.st_mode))
		die("%s is not a directory; give the top of a Linux source tree", st->fs.root);
	return cmd;
}

/* The number after "KEY = " on a line of the top Makefile, or -1. */
static int makefile_number(const struct text *t, const char *key)
{
	char *prefix = xasprintf("%s = ", key);
	long at = line_starting(t, prefix);
	int v = at < 0 ? -1 : atoi(t->p + at + strlen(prefix));

	free(prefix);
	return v;
}

/*
 * Before anything is written (even the lock): is this a Linux tree, of a
 * version the project claims? Its top Makefile says.
 */
static void check_version(const char *root)
{
	char *path = xasprintf("%s/Makefile", root);
	struct text t = { NULL, 0 };
	int v = -1, pl = -1;

	if (text_read(path, &t) == 0) {
		v = makefile_number(&t, "VERSION");
		pl = makefile_number(&t, "PATCHLEVEL");
	}
	free(t.p);
	free(path);
	if (v < 0 || pl < 0)
		die("%s: no top Makefile with 'VERSION = ' and 'PATCHLEVEL = ' lines: this is not the top of a Linux source tree (Linux %d.%d or later)",
		    root, oldest_kernel.version, oldest_kernel.patchlevel);
	if (v < oldest_kernel.version ||
	    (v == oldest_kernel.version && pl < oldest_kernel.patchlevel))
		die("%s is Linux %d.%d (its Makefile says so); this project supports Linux %d.%d and later: give a newer tree",
		    root, v, pl, oldest_kernel.version, oldest_kernel.patchlevel);
}

/* One run at a time; the work of a run that was killed is finished first. */
static void lock_tree(struct state *st, int quiet)
{
	st->fs.journal = JOURNAL;
	locked = &st->fs;
	lock_fd = fileset_lock(&st->fs, STATE_DIR, !quiet);
	if (lock_fd < 0)
		die("nothing was changed in %s", st->fs.root);
	atexit(release_lock);
	if (fileset_recover(&st->fs, !quiet) < 0)
		die("run 'patcher revert' once the cause above is fixed");
}

/*
 * Read-only commands take no lock and finish nothing, so that they work on
 * a read-only tree: they wait for a run at work there, and name one that
 * was interrupted.
 */
static void look_at_tree(struct state *st)
{
	const char *why;

	st->fs.journal = JOURNAL;
	if (fileset_rel_ok(&st->fs, STATE_DIR, &why) < 0)
		die("%s/%s is %s; refused", st->fs.root, STATE_DIR, why);
	fileset_wait(&st->fs, STATE_DIR);
	if (fileset_interrupted(&st->fs))
		die("%s: a patcher run there was interrupted; 'make apply' or 'make revert' (patcher apply|revert) finishes it",
		    st->fs.root);
}

static int count_changes(const struct state *st)
{
	int i, changes = 0;

	for (i = 0; i < st->fs.n; i++)
		changes += fentry_changes(&st->fs.v[i]);
	return changes;
}

static void say_check(const struct state *st, int changes)
{
	int i;

	for (i = 0; i < st->fs.n; i++)
		if (fentry_changes(&st->fs.v[i]))
			printf("  would %s %s\n", st->fs.v[i].remove ? "remove" :
			       st->fs.v[i].exists ? "change" : "add", st->fs.v[i].rel);
	printf("%s: %s; calls from %ld\n", st->fs.root,
	       changes ? "apply would change the files above" : "up to date", st->first);
}

static void say_done(const struct state *st, const char *cmd, int changes)
{
	int i;

	if (strcmp(cmd, "revert") == 0) {
		printf("%s: reverted to its pristine files\n", st->fs.root);
		return;
	}
	printf("%s: %s", st->fs.root, changes ? "patched:" : "already patched, nothing to do:");
	for (i = 0; i < st->calls.n; i++)
		printf(" %s %ld", st->calls.v[i].name, st->first + i);
	printf("\n");
}

/* has-call NAME: the pristine tree's tables hold NAME; says where and its number. */
static int has_call(struct state *st, const char *name)
{
	struct calls one;
	struct ktbl scan;
	char err[512], *def = xasprintf("#define __NR_%s ", name);
	int i, code = EX_DIFFERS;
	struct text t;

	memset(&one, 0, sizeof(one));
	snprintf(one.v[0].name, sizeof(one.v[0].name), "%s", name);
	one.n = 1;
	for (i = 0; i < n_table_forms && code; i++) {
		t = pristine(st, table_forms[i].rel, 0);
		if (t.p && ktbl_scan(t.p, t.len, 1L << 30, &one, &scan, err, sizeof(err)) == 0 &&
		    scan.found_nr >= 0) {
			printf("%s/%s: %ld\n", st->fs.root, table_forms[i].rel, scan.found_nr);
			code = EX_OK;
		}
		free(t.p);
	}
	t = pristine(st, UNISTD_GENERIC, 0);
	if (code && t.p && strstr(t.p, def)) {
		printf("%s/%s: %ld\n", st->fs.root, UNISTD_GENERIC, strtol(strstr(t.p, def) + strlen(def), NULL, 10));
		code = EX_OK;
	}
	free(t.p);
	free(def);
	return code;
}

/*
 * What others may ask of the patcher's state (only the patcher reads it):
 * the files it wrote, a file as the tree had it before, whether the
 * pristine tree has a call. Exit 0 yes (and the answer), 1 no.
 */
static int query(struct state *st, const char *cmd, const char *arg)
{
	struct text t;
	int i;

	if (strcmp(cmd, "files") == 0) {
		for (i = 0; i < st->nmod; i++)
			printf("M %s\n", st->mod[i]);
		for (i = 0; i < st->nadd; i++)
			printf("A %s\n", st->add[i]);
		return EX_OK;
	}
	if (strcmp(cmd, "pristine") == 0) {
		if (has(st->add, st->nadd, arg))
			return EX_DIFFERS;
		t = pristine(st, arg, 0);
		if (!t.p)
			return EX_DIFFERS;
		fwrite(t.p, 1, t.len, stdout);
		free(t.p);
		return EX_OK;
	}
	return has_call(st, arg);
}

int main(int argc, char **argv)
{
	static struct state st;	/* static: release_lock() uses it at exit */
	const char *cmd, *arg;
	int quiet = 0, changes, code = EX_OK;

	util_prog = "patcher";
	memset(&st, 0, sizeof(st));
	cmd = parse_args(argc, argv, &st, &quiet, &arg);
	check_version(st.fs.root);
	if (strcmp(cmd, "apply") == 0 || strcmp(cmd, "revert") == 0)
		lock_tree(&st, quiet);
	else
		look_at_tree(&st);
	read_manifest(&st);
	if (strcmp(cmd, "files") == 0 || strcmp(cmd, "pristine") == 0 ||
	    strcmp(cmd, "has-call") == 0) {
		code = query(&st, cmd, arg);
		state_free(&st);
		return code;
	}
	read_project(&st);
	if (strcmp(cmd, "check"))
		refuse_hand_edits(&st, cmd);
	if (strcmp(cmd, "revert") == 0 && !st.applied) {
		if (!quiet)
			printf("%s: not patched, nothing to revert\n", st.fs.root);
		state_free(&st);
		return EX_OK;
	}
	if (strcmp(cmd, "revert") == 0)
		plan_revert(&st);
	else
		plan_apply(&st);
	changes = count_changes(&st);
	if (strcmp(cmd, "check") == 0) {
		if (!quiet)
			say_check(&st, changes);
		code = changes ? EX_DIFFERS : EX_OK;
	} else {
		int r = changes ? fileset_commit(&st.fs, !quiet) : 0;

		if (r == -1)
			die("nothing was changed in %s", st.fs.root);
		if (r < 0)
			die("%s is half done; run 'patcher %s' again once the cause above is fixed",
			    st.fs.root, cmd);
		if (!quiet)
			say_done(&st, cmd, changes);
	}
	state_free(&st);
	return code;
}
