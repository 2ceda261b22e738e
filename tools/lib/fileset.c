// SPDX-License-Identifier: GPL-2.0
/* All-or-nothing writes of a set of files into a tree; see fileset.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileset.h"
#include "util.h"

#define TMP_SUFFIX	".hello-new"

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

int fileset_rel_ok(const struct fileset *fs, const char *rel, const char **why)
{
	size_t rootlen = strlen(fs->root), n;
	const char *s = rel;
	struct stat st;
	char *path, *c;
	int ret = 0;

	if (*rel == '/') {
		*why = "an absolute path";
		return -1;
	}
	for (;;) {
		n = strcspn(s, "/");
		if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.')) {
			*why = "a path with an empty, '.' or '..' part";
			return -1;
		}
		if (!s[n])
			break;
		s += n + 1;
	}
	/* no part that exists, the last one included, is a symbolic link */
	path = path_of(fs, rel, "");
	c = path + rootlen + 1;
	do {
		char keep;
		int r;

		c += strcspn(c, "/");
		keep = *c;
		*c = '\0';
		r = lstat(path, &st);
		*c = keep;
		if (r < 0)
			break;	/* missing: so is all below it */
		if (S_ISLNK(st.st_mode)) {
			*why = "a path through a symbolic link, which could lead out of the tree";
			ret = -1;
			break;
		}
	} while (*c++);
	free(path);
	return ret;
}

struct fentry *fileset_get(struct fileset *fs, const char *rel)
{
	struct fentry *e;
	struct stat st;
	char *path;
	int i;

	const char *why;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].rel, rel) == 0)
			return &fs->v[i];
	if (fileset_rel_ok(fs, rel, &why) < 0)
		die("%s/%s: %s; refused, nothing was changed", fs->root, rel, why);
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
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
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
	if (fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
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
			if (made) {
				*made = xrealloc(*made, (*nmade + 1) * sizeof(**made));
				(*made)[(*nmade)++] = xstrdup(path);
			}
		} else if (errno != EEXIST) {
			errmsg("cannot create directory %s: %s\n",
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

/* Writes t to path.tmp, flushes it to disk, renames it over path. */
static int replace_file(const struct fileset *fs, const char *rel, const struct text *t,
			mode_t mode)
{
	char *path = path_of(fs, rel, ""), *tmp = path_of(fs, rel, TMP_SUFFIX);
	int ret = write_all(tmp, t, mode);

	if (ret < 0)
		errmsg("cannot write %s: %s\n", tmp, strerror(errno));
	else if ((ret = rename(tmp, path)) < 0)
		errmsg("cannot replace %s: %s\n", path, strerror(errno));
	if (ret < 0)
		unlink(tmp);
	free(path);
	free(tmp);
	return ret;
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY), ret;

	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

/* Flushes the folder of rel, so that a rename or removal there is on disk. */
static int sync_parent(const struct fileset *fs, const char *rel)
{
	char *dir = path_of(fs, rel, ""), *slash = strrchr(dir, '/');
	int ret = 0;

	*slash = '\0';
	/* a removed file's folder may be gone with it */
	if (fsync_dir(dir) < 0 && errno != ENOENT) {
		errmsg("cannot flush %s: %s\n", dir, strerror(errno));
		ret = -1;
	}
	free(dir);
	return ret;
}

/* Removes the journal: its list first, which marks the work as done. */
static void journal_remove(const struct fileset *fs)
{
	char *dir = path_of(fs, fs->journal, ""), *f;
	DIR *d;
	struct dirent *de;

	f = path_of(fs, fs->journal, "/list");
	unlink(f);
	free(f);
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		f = path_of(fs, fs->journal, "/");
		f = xrealloc(f, strlen(f) + strlen(de->d_name) + 1);
		strcat(f, de->d_name);
		unlink(f);
		free(f);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	free(dir);
}

/*
 * The journal: each new content as journal/<n>, then journal/list naming
 * what goes where ("W <mode> <path>" or "D 0 <path>"), renamed into place
 * last. Once the list is there, the change is decided: a run killed after
 * that point is finished by the next one (fileset_recover).
 */
static int journal_write(struct fileset *fs)
{
	char *dir = path_of(fs, fs->journal, ""), *name;
	struct text t = { NULL, 0 };
	char line[64];
	int i, ret = -1;

	journal_remove(fs);
	if (make_parents(fs, fs->journal, NULL, NULL) < 0 || mkdir(dir, 0755) < 0) {
		errmsg("cannot create %s: %s\n", dir, strerror(errno));
		goto out;
	}
	for (i = 0; i < fs->n; i++) {
		struct fentry *e = &fs->v[i];
		size_t add;

		if (!fentry_changes(e))
			continue;
		snprintf(line, sizeof(line), "/%d", i);
		if (!e->remove) {
			name = path_of(fs, fs->journal, line);
			if (write_all(name, &e->new, 0600) < 0) {
				errmsg("cannot write %s: %s\n", name, strerror(errno));
				free(name);
				goto out;
			}
			free(name);
		}
		snprintf(line, sizeof(line), "%c %d %04o ", e->remove ? 'D' : 'W', i,
			 (unsigned int)e->mode);
		add = strlen(line) + strlen(e->rel) + 1;
		t.p = xrealloc(t.p, t.len + add + 1);
		snprintf(t.p + t.len, add + 1, "%s%s\n", line, e->rel);
		t.len += add;
	}
	name = path_of(fs, fs->journal, "/list.new");
	if (write_all(name, &t, 0600) < 0 || fsync_dir(dir) < 0) {
		errmsg("cannot write %s: %s\n", name, strerror(errno));
	} else {
		char *final = path_of(fs, fs->journal, "/list");

		ret = rename(name, final);
		if (ret < 0 || (ret = fsync_dir(dir)) < 0)
			errmsg("cannot write %s: %s\n", final, strerror(errno));
		free(final);
	}
	free(name);
out:
	if (ret < 0)
		journal_remove(fs);
	free(t.p);
	free(dir);
	return ret;
}

/* Carries out one line of the journal's list; the same again does no harm. */
static int journal_do(const struct fileset *fs, char kind, int n, mode_t mode, const char *rel)
{
	char *path = path_of(fs, rel, "");
	int ret = 0;

	if (kind == 'D') {
		if (unlink(path) < 0 && errno != ENOENT) {
			errmsg("cannot remove %s: %s\n", path, strerror(errno));
			ret = -1;
		} else {
			prune_parents(fs, rel);
		}
	} else {
		char num[32], *src;
		struct text t;

		snprintf(num, sizeof(num), "/%d", n);
		src = path_of(fs, fs->journal, num);
		if (text_read(src, &t) < 0) {
			errmsg("cannot read %s: %s\n", src, strerror(errno));
			ret = -1;
		} else {
			ret = make_parents(fs, rel, NULL, NULL);
			if (ret == 0)
				ret = replace_file(fs, rel, &t, mode);
			free(t.p);
		}
		free(src);
	}
	free(path);
	return ret;
}

struct jline *fileset_read_list(const struct fileset *fs, FILE *f, const char *list, int *nv)
{
	struct jline *v = NULL;
	char line[4200];
	const char *why;
	int no = 0;

	*nv = 0;
	while (fgets(line, sizeof(line), f)) {
		struct jline *j;

		v = xrealloc(v, (*nv + 1) * sizeof(*v));
		j = &v[(*nv)++];
		no++;
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%c %d %o %4095[^\n]", &j->kind, &j->n, &j->mode, j->rel) != 4 ||
		    (j->kind != 'W' && j->kind != 'D') || j->n < 0 || j->mode > 07777) {
			errmsg("%s:%d: cannot read line '%s'\n", list, no, line);
			goto bad;
		}
		if (fileset_rel_ok(fs, j->rel, &why) < 0) {
			errmsg("%s:%d: '%s' is %s; refused\n", list, no, j->rel, why);
			goto bad;
		}
		snprintf(line, sizeof(line), "%s/%d", fs->journal, j->n);
		if (j->kind == 'W' && fileset_rel_ok(fs, line, &why) < 0) {
			errmsg("%s:%d: its content, %s, is %s; refused\n", list, no, line, why);
			goto bad;
		}
	}
	return v ? v : xrealloc(NULL, sizeof(*v));
bad:
	free(v);
	return NULL;
}

int fileset_recover(struct fileset *fs, int verbose)
{
	char *list = path_of(fs, fs->journal, "/list"), *dir = path_of(fs, fs->journal, "");
	struct jline *v = NULL;
	const char *why;
	struct stat st;
	FILE *f = NULL;
	int ret = 0, n = 0, i;

	if (fileset_rel_ok(fs, fs->journal, &why) < 0) {
		errmsg("%s is %s; refused, nothing was changed\n", dir, why);
		ret = -1;
		goto out;
	}
	f = fopen(list, "r");
	if (!f) {
		/* Killed before the list was in place: nothing in the tree changed. */
		if (stat(dir, &st) == 0)
			journal_remove(fs);
		goto out;
	}
	v = fileset_read_list(fs, f, list, &n);
	fclose(f);
	if (!v) {
		errmsg("nothing was changed; the journal stays in %s: remove it, or restore the tree from its source\n",
		       dir);
		ret = -1;
		goto out;
	}
	if (verbose)
		printf("%s: finishing the work of a run that was interrupted\n", fs->root);
	for (i = 0; i < n; i++)
		if (journal_do(fs, v[i].kind, v[i].n, (mode_t)v[i].mode, v[i].rel) < 0 ||
		    sync_parent(fs, v[i].rel) < 0)
			ret = -1;
	if (ret == 0)
		journal_remove(fs);
	else
		errmsg("the interrupted run could not be finished; the journal stays in %s\n",
			dir);
out:
	free(v);
	free(list);
	free(dir);
	return ret;
}

/*
 * An error (not a crash): entries 0 to done-1 get their old content back.
 * Returns 0, or -1 if any of them could not be given it back.
 */
static int undo(struct fileset *fs, int done)
{
	int ret = 0;

	while (--done >= 0) {
		struct fentry *e = &fs->v[done];

		if (!fentry_changes(e))
			continue;
		if (e->exists) {
			if (make_parents(fs, e->rel, NULL, NULL) < 0 ||
			    replace_file(fs, e->rel, &e->old, e->mode) < 0)
				ret = -1;
		} else {
			char *path = path_of(fs, e->rel, "");

			if (unlink(path) < 0 && errno != ENOENT) {
				errmsg("cannot remove %s: %s\n", path, strerror(errno));
				ret = -1;
			}
			free(path);
		}
	}
	return ret;
}

/* Flushes the folders of the changed entries. */
static int sync_parents(const struct fileset *fs)
{
	int i, ret = 0;

	for (i = 0; i < fs->n; i++)
		if (fentry_changes(&fs->v[i]) && sync_parent(fs, fs->v[i].rel) < 0)
			ret = -1;
	return ret;
}

/* Puts one entry in place (or removes it); 0, or -1 with a message. */
static int put_in_place(struct fileset *fs, struct fentry *e, char ***made, int *nmade)
{
	char *path;
	int r;

	if (!e->remove)
		return make_parents(fs, e->rel, made, nmade) < 0 ? -1 :
		       replace_file(fs, e->rel, &e->new, e->mode);
	path = path_of(fs, e->rel, "");
	r = unlink(path);
	if (r < 0)
		errmsg("cannot remove %s: %s\n", path, strerror(errno));
	else
		prune_parents(fs, e->rel);
	free(path);
	return r;
}

int fileset_commit(struct fileset *fs, int verbose)
{
	const char *why;
	char **made = NULL;
	int nmade = 0, i, ret = 0;

	/* Refuse before touching anything. */
	for (i = 0; i < fs->n; i++) {
		struct fentry *e = &fs->v[i];

		if (fentry_changes(e) && e->exists && !(e->mode & 0222)) {
			errmsg("%s/%s is read-only; make it writable (chmod u+w) or work on a copy\n",
				fs->root, e->rel);
			return -1;
		}
	}
	if (fileset_rel_ok(fs, fs->journal, &why) < 0) {
		errmsg("%s/%s is %s; refused\n", fs->root, fs->journal, why);
		return -1;
	}
	/* Phase 1: the journal. The tree is untouched until it is complete. */
	if (journal_write(fs) < 0)
		return -1;
	/* Phase 2: each file in place, through a flushed copy beside it. */
	for (i = 0; i < fs->n && ret == 0; i++) {
		struct fentry *e = &fs->v[i];

		if (!fentry_changes(e))
			continue;
		ret = put_in_place(fs, e, &made, &nmade);
		if (ret < 0 && undo(fs, i) < 0) {
			/* Half done, and the way back failed too: the journal stays. */
			errmsg("could not undo what was done; the journal %s/%s stays, and the next run finishes this change once the cause above is fixed\n",
			       fs->root, fs->journal);
			while (nmade > 0)
				free(made[--nmade]);
			free(made);
			return -2;
		}
		if (ret == 0 && verbose)
			printf("  %c %s\n", e->remove ? 'D' : e->exists ? 'M' : 'A', e->rel);
	}
	/*
	 * The renames are on disk before the journal that could redo them goes.
	 * If a folder cannot be flushed, the change is made all the same: the
	 * journal stays, and the next run does it again, to be sure.
	 */
	if (ret == 0 && sync_parents(fs) < 0) {
		errmsg("the change is made, but not known to be on disk; the journal %s/%s stays, and the next run makes sure of it\n",
		       fs->root, fs->journal);
		goto out;
	}
	journal_remove(fs);
out:
	while (nmade > 0) {
		if (ret < 0)
			rmdir(made[nmade - 1]);
		free(made[--nmade]);
	}
	free(made);
	return ret;
}

/*
 * One run at a time on a tree: an exclusive lock on <dir>/lock. The lock
 * file goes again with the directory when nothing else is left in it.
 */
int fileset_lock(struct fileset *fs, const char *dir, int verbose)
{
	char *d = path_of(fs, dir, ""), *lock = path_of(fs, dir, "/lock");
	const char *why;
	struct stat a, b;
	int fd, said = 0;

	if (fileset_rel_ok(fs, dir, &why) < 0) {
		errmsg("%s is %s; refused\n", d, why);
		free(d);
		free(lock);
		return -1;
	}
	for (;;) {
		if (mkdir(d, 0755) < 0 && errno != EEXIST)
			break;
		fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
		/* the holder removed the folder between our mkdir and open: again */
		if (fd < 0 && errno == ENOENT)
			continue;
		if (fd < 0)
			break;
		if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
			if (errno != EWOULDBLOCK) {
				close(fd);
				break;
			}
			if (!said++ && verbose)
				errmsg("another %s is at work on %s; waiting for it\n",
				       util_prog, fs->root);
			if (flock(fd, LOCK_EX) < 0) {
				close(fd);
				break;
			}
		}
		/* The holder may have removed the file before we got it: again. */
		if (fstat(fd, &a) == 0 && stat(lock, &b) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev) {
			free(d);
			free(lock);
			return fd;
		}
		close(fd);
	}
	errmsg("cannot lock %s: %s\n", lock, strerror(errno));
	free(d);
	free(lock);
	return -1;
}

int fileset_wait(struct fileset *fs, const char *dir)
{
	char *lock = path_of(fs, dir, "/lock");
	int fd = open(lock, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) < 0) {
		errmsg("another %s is at work on %s; waiting for it\n", util_prog, fs->root);
		flock(fd, LOCK_SH);
	}
	free(lock);
	return fd;
}

int fileset_interrupted(const struct fileset *fs)
{
	char *list = path_of(fs, fs->journal, "/list");
	struct stat st;
	int ret = lstat(list, &st) == 0;

	free(list);
	return ret;
}

void fileset_unlock(struct fileset *fs, const char *dir, int fd)
{
	char *d = path_of(fs, dir, ""), *lock = path_of(fs, dir, "/lock");
	DIR *dd = opendir(d);
	struct dirent *de;
	int others = 0;

	while (dd && (de = readdir(dd)))
		others += strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
			  strcmp(de->d_name, "lock");
	if (dd)
		closedir(dd);
	if (!others) {
		unlink(lock);
		rmdir(d);
	}
	close(fd);
	free(d);
	free(lock);
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
