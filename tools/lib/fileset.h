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
#include <stdio.h>
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
 * fileset_rel_ok() - whether a path read from input stays in the tree
 * @fs: the set (root)
 * @rel: the path, below fs->root
 * @why: set to the reason when it does not
 *
 * A path stays in the tree when it is relative, has no empty, "." or ".."
 * part, and no part of it that exists is a symbolic link.
 *
 * Return: 0, or -1 with *why set.
 */
int fileset_rel_ok(const struct fileset *fs, const char *rel, const char **why);

/**
 * fileset_get() - the entry of rel, added on first use
 * @fs: the set
 * @rel: a path below fs->root
 *
 * A new entry reads the file's current content and mode (old, and new as a
 * copy of it); change new, or set remove. Dies when rel does not stay in
 * the tree (fileset_rel_ok()).
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
 * Return: 0 (also when the change is made but a folder could not be
 * flushed: then, after a message, the journal stays and the next run does
 * it again); -1 after a message: the tree is as it was; -2 after a
 * message: half done, and the undo failed too, so the journal stays and
 * the next run (fileset_recover) finishes the change.
 */
int fileset_commit(struct fileset *fs, int verbose);

/**
 * fileset_recover() - finishes the work of a run that was killed
 * @fs: the set (only root and journal are read)
 * @verbose: say so when there was such work
 *
 * Every line of the journal is read and checked (fileset_rel_ok()) before
 * any is carried out: a journal that names a place outside the tree
 * changes nothing.
 *
 * Return: 0 if there was none or it is done, -1 after a message.
 */
int fileset_recover(struct fileset *fs, int verbose);

/* One line of a journal's list: W (write journal/<n>) or D (delete), at rel. */
struct jline {
	char kind;
	int n;
	unsigned int mode;
	char rel[4096];
};

/**
 * fileset_read_list() - reads and checks a journal's list
 * @fs: the set (root and journal)
 * @f: the list, open
 * @list: its name, for messages
 * @nv: gets the number of lines
 *
 * Every line is checked (its form, fileset_rel_ok() of its path and of its
 * content's) before fileset_recover() carries any out.
 *
 * Return: the lines, to free(); NULL after a message naming the line.
 */
struct jline *fileset_read_list(const struct fileset *fs, FILE *f, const char *list, int *nv);

/**
 * fileset_interrupted() - whether a run was killed with its work decided
 * @fs: the set (root and journal)
 *
 * Read-only commands ask this instead of finishing the work themselves.
 */
int fileset_interrupted(const struct fileset *fs);

/**
 * fileset_wait() - waits for a run at work on the tree, writing nothing
 * @fs: the set (root)
 * @dir: as given to fileset_lock()
 *
 * For read-only commands: a shared lock on <dir>/lock if that file is there
 * (none: no run is at work), so that they work on a read-only tree too.
 *
 * Return: the descriptor holding the lock (closed at exit), or -1.
 */
int fileset_wait(struct fileset *fs, const char *dir);

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
