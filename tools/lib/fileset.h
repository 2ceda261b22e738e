/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A set of files to write into a tree, all or nothing. Every new content
 * goes into a journal first (flushed to disk), then each file is put in
 * place through a flushed copy renamed over it. If a step fails, what was
 * done is undone, so the tree is as it was; if the run is killed once the
 * journal is complete, the next run finishes the work (fileset_recover),
 * and before that point nothing in the tree has changed. If undoing fails
 * as well, the journal stays, and the next run finishes the change.
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

/**
 * text_read() - reads a whole file, NUL-terminated
 * @path: the file
 * @t: gets its content (t->p to free)
 *
 * Return: 0, or -1 with errno set (t->p NULL).
 */
int text_read(const char *path, struct text *t);

/**
 * text_set() - replaces a text by a copy of s
 * @t: the text
 * @s: the bytes
 * @len: how many
 */
void text_set(struct text *t, const char *s, size_t len);

/**
 * text_eq() - whether two texts hold the same bytes
 * @a: one
 * @b: the other
 */
int text_eq(const struct text *a, const struct text *b);

/**
 * fileset_get() - the entry of rel, added on first use
 * @fs: the set
 * @rel: a path below fs->root
 *
 * A new entry reads the file's current content and mode (old, and new as a
 * copy of it); change new, or set remove.
 */
struct fentry *fileset_get(struct fileset *fs, const char *rel);

/**
 * fentry_changes() - whether committing the entry would change the tree
 * @e: the entry
 */
int fentry_changes(const struct fentry *e);

/**
 * fileset_commit() - writes every change, all or nothing
 * @fs: the set
 * @verbose: print one line per file changed ("  M path", A, D)
 *
 * Return: 0; -1 after a message: the tree is as it was; -2 after a
 * message: half done, and the undo failed too, so the journal stays and
 * the next run (fileset_recover) finishes the change.
 */
int fileset_commit(struct fileset *fs, int verbose);

/**
 * fileset_recover() - finishes the work of a run that was killed
 * @fs: the set (only root and journal are read)
 * @verbose: say so when there was such work
 *
 * Return: 0 if there was none or it is done, -1 after a message.
 */
int fileset_recover(struct fileset *fs, int verbose);

/**
 * fileset_lock() - waits for, and takes, the tree's lock in <dir>/lock
 * @fs: the set (root)
 * @dir: a folder below root, made if missing
 * @verbose: say so when another run holds it
 *
 * Return: the lock's file descriptor, or -1 after a message.
 */
int fileset_lock(struct fileset *fs, const char *dir, int verbose);

/**
 * fileset_unlock() - gives the lock back
 * @fs: the set (root)
 * @dir: as given to fileset_lock(); removed if only the lock is left in it
 * @fd: what fileset_lock() returned
 */
void fileset_unlock(struct fileset *fs, const char *dir, int fd);

/**
 * fileset_free() - frees the entries
 * @fs: the set
 */
void fileset_free(struct fileset *fs);

#endif
