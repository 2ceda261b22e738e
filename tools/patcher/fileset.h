/*
 * A set of files to write into a tree, all or nothing. Every new content
 * goes into a journal first (flushed to disk), then each file is put in
 * place through a flushed copy renamed over it. If a step fails, what was
 * done is undone, so the tree is as it was; if the run is killed once the
 * journal is complete, the next run finishes the work (fileset_recover),
 * and before that point nothing in the tree has changed.
 */
#ifndef FILESET_H
#define FILESET_H

#include <stddef.h>
#include <sys/types.h>

struct text {
	char *p;
	size_t len;
};

struct fentry {
	char *rel;		/* path inside the tree */
	struct text old;	/* what the tree has now */
	int exists;
	mode_t mode;
	struct text new;	/* what it should have */
	int remove;		/* delete it instead */
};

struct fileset {
	const char *root;
	const char *journal;	/* below root: the journal's directory */
	struct fentry *v;
	int n, cap;
};

/* Reads a whole file; returns 0, or -1 with errno set. */
int text_read(const char *path, struct text *t);
void text_set(struct text *t, const char *s, size_t len);
int text_eq(const struct text *a, const struct text *b);

/* Adds (or finds) rel, reading its current content from the tree. */
struct fentry *fileset_get(struct fileset *fs, const char *rel);
/* Nonzero if the entry would change the tree. */
int fentry_changes(const struct fentry *e);
/* Applies every change; 0 on success, -1 (tree untouched) with a message. */
int fileset_commit(struct fileset *fs, int verbose);
/* Finishes the work of a run that was killed; 0 if there was none or done. */
int fileset_recover(struct fileset *fs, int verbose);
/* Waits for, and takes, the tree's lock in <dir>/lock; returns its fd or -1. */
int fileset_lock(struct fileset *fs, const char *dir, int verbose);
/* Gives the lock back; removes dir if nothing but the lock is left in it. */
void fileset_unlock(struct fileset *fs, const char *dir, int fd);
void fileset_free(struct fileset *fs);

#endif
