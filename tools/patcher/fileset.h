/*
 * A set of files to write into a tree, all or nothing: every new content is
 * written beside its target first, then renamed into place; if any step
 * fails, what was already done is undone, so the tree is as it was.
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
void fileset_free(struct fileset *fs);

#endif
