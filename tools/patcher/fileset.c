/* All-or-nothing writes of a set of files into a tree. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileset.h"

#define TMP_SUFFIX	".hello-new"
#define DEL_SUFFIX	".hello-old"

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		perror("patcher");
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	return strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

int text_read(const char *path, struct text *t)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, n;

	t->p = NULL;
	t->len = 0;
	if (!f)
		return -1;
	t->p = xrealloc(NULL, cap);
	while ((n = fread(t->p + t->len, 1, cap - t->len, f)) > 0) {
		t->len += n;
		if (t->len == cap)
			t->p = xrealloc(t->p, cap *= 2);
	}
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		free(t->p);
		t->p = NULL;
		errno = e;
		return -1;
	}
	fclose(f);
	t->p[t->len] = '\0';	/* cap > len always holds here */
	return 0;
}

void text_set(struct text *t, const char *s, size_t len)
{
	free(t->p);
	t->p = xrealloc(NULL, len + 1);
	memcpy(t->p, s, len);
	t->p[len] = '\0';
	t->len = len;
}

int text_eq(const struct text *a, const struct text *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

static char *path_of(const struct fileset *fs, const char *rel, const char *suffix)
{
	size_t n = strlen(fs->root) + strlen(rel) + strlen(suffix) + 2;
	char *p = xrealloc(NULL, n);

	snprintf(p, n, "%s/%s%s", fs->root, rel, suffix);
	return p;
}

struct fentry *fileset_get(struct fileset *fs, const char *rel)
{
	struct fentry *e;
	struct stat st;
	char *path;
	int i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].rel, rel) == 0)
			return &fs->v[i];
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 32;
		fs->v = xrealloc(fs->v, fs->cap * sizeof(*fs->v));
	}
	e = &fs->v[fs->n++];
	memset(e, 0, sizeof(*e));
	e->rel = xstrdup(rel);
	e->mode = 0644;
	path = path_of(fs, rel, "");
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && text_read(path, &e->old) == 0) {
		e->exists = 1;
		e->mode = st.st_mode & 07777;
		text_set(&e->new, e->old.p, e->old.len);
	}
	free(path);
	return e;
}

int fentry_changes(const struct fentry *e)
{
	if (e->remove)
		return e->exists;
	return !e->exists || !text_eq(&e->old, &e->new);
}

static int write_all(const char *path, const struct text *t, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	size_t off = 0;

	if (fd < 0)
		return -1;
	while (off < t->len) {
		ssize_t w = write(fd, t->p + off, t->len - off);

		if (w < 0) {
			int e = errno;

			close(fd);
			errno = e;
			return -1;
		}
		off += (size_t)w;
	}
	if (fchmod(fd, mode) < 0 || close(fd) < 0)
		return -1;
	return 0;
}

/* Creates the missing parents of rel; records them so they can go again. */
static int make_parents(const struct fileset *fs, const char *rel,
			char ***made, int *nmade)
{
	char *path = path_of(fs, rel, "");
	char *s = path + strlen(fs->root) + 1;

	while ((s = strchr(s, '/'))) {
		*s = '\0';
		if (mkdir(path, 0755) == 0) {
			*made = xrealloc(*made, (*nmade + 1) * sizeof(**made));
			(*made)[(*nmade)++] = xstrdup(path);
		} else if (errno != EEXIST) {
			fprintf(stderr, "patcher: cannot create directory %s: %s\n",
				path, strerror(errno));
			free(path);
			return -1;
		}
		*s++ = '/';
	}
	free(path);
	return 0;
}

/* Removes the now empty directories above a removed file, up to the root. */
static void prune_parents(const struct fileset *fs, const char *rel)
{
	char *path = path_of(fs, rel, "");
	size_t rootlen = strlen(fs->root);
	char *s;

	while ((s = strrchr(path, '/')) && (size_t)(s - path) > rootlen) {
		*s = '\0';
		if (rmdir(path) < 0)
			break;
	}
	free(path);
}

int fileset_commit(struct fileset *fs, int verbose)
{
	char **made = NULL;
	int nmade = 0, i, done = 0, ret = -1;

	/* Refuse before touching anything. */
	for (i = 0; i < fs->n; i++) {
		struct fentry *e = &fs->v[i];

		if (fentry_changes(e) && e->exists && !(e->mode & 0222)) {
			fprintf(stderr,
				"patcher: %s/%s is read-only; make it writable (chmod u+w) or patch a copy of the tree\n",
				fs->root, e->rel);
			return -1;
		}
	}
	/* Phase 1: every new content beside its target. */
	for (i = 0; i < fs->n; i++) {
		struct fentry *e = &fs->v[i];
		char *tmp;

		if (!fentry_changes(e) || e->remove)
			continue;
		if (make_parents(fs, e->rel, &made, &nmade) < 0)
			goto undo_tmp;
		tmp = path_of(fs, e->rel, TMP_SUFFIX);
		if (write_all(tmp, &e->new, e->mode) < 0) {
			fprintf(stderr, "patcher: cannot write %s: %s\n", tmp, strerror(errno));
			unlink(tmp);
			free(tmp);
			goto undo_tmp;
		}
		free(tmp);
	}
	/* Phase 2: into place; removed files are kept aside until the end. */
	for (done = 0; done < fs->n; done++) {
		struct fentry *e = &fs->v[done];
		char *path, *tmp;
		int r;

		if (!fentry_changes(e))
			continue;
		path = path_of(fs, e->rel, "");
		tmp = path_of(fs, e->rel, e->remove ? DEL_SUFFIX : TMP_SUFFIX);
		r = e->remove ? rename(path, tmp) : rename(tmp, path);
		if (r < 0)
			fprintf(stderr, "patcher: cannot replace %s: %s\n", path, strerror(errno));
		free(path);
		free(tmp);
		if (r < 0)
			goto undo_renames;
	}
	/* Phase 3: nothing can fail any more that matters. */
	for (i = 0; i < fs->n; i++) {
		struct fentry *e = &fs->v[i];

		if (!fentry_changes(e))
			continue;
		if (verbose)
			printf("  %c %s\n", e->remove ? 'D' : e->exists ? 'M' : 'A', e->rel);
		if (e->remove) {
			char *del = path_of(fs, e->rel, DEL_SUFFIX);

			unlink(del);
			free(del);
			prune_parents(fs, e->rel);
		}
	}
	ret = 0;
	goto out;

undo_renames:
	while (--done >= 0) {
		struct fentry *e = &fs->v[done];
		char *path, *del;

		if (!fentry_changes(e))
			continue;
		path = path_of(fs, e->rel, "");
		del = path_of(fs, e->rel, DEL_SUFFIX);
		if (e->remove)
			rename(del, path);
		else if (e->exists)
			write_all(path, &e->old, e->mode);
		else
			unlink(path);
		free(path);
		free(del);
	}
undo_tmp:
	for (i = 0; i < fs->n; i++) {
		char *tmp = path_of(fs, fs->v[i].rel, TMP_SUFFIX);

		unlink(tmp);
		free(tmp);
	}
out:
	while (nmade > 0) {
		if (ret < 0)
			rmdir(made[nmade - 1]);
		free(made[--nmade]);
	}
	free(made);
	return ret;
}

void fileset_free(struct fileset *fs)
{
	int i;

	for (i = 0; i < fs->n; i++) {
		free(fs->v[i].rel);
		free(fs->v[i].old.p);
		free(fs->v[i].new.p);
	}
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}
