// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the reader of a journal's list (tools/lib/fileset.c),
 * the gate of every path a tree's state files name. Whatever the input,
 * a line it lets through names a place inside the root: relative, no ".."
 * part, and not through the root's symbolic link "lnk" (to /).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../tools/lib/fileset.h"

/* Whether rel leaves the root: absolute, a ".." part, or through lnk. */
static int leaves(const char *rel)
{
	const char *s = rel;

	if (*rel == '/' || strcmp(rel, "lnk") == 0 || strncmp(rel, "lnk/", 4) == 0)
		return 1;
	for (;;) {
		size_t n = strcspn(s, "/");

		if (n == 2 && s[0] == '.' && s[1] == '.')
			return 1;
		if (!s[n])
			return 0;
		s += n + 1;
	}
}

static char root[] = "/tmp/fuzz-journal-XXXXXX";
static char lnk[sizeof(root) + 4];

/* At exit: the scratch root goes (the reader wrote nothing in it). */
static void clean(void)
{
	unlink(lnk);
	rmdir(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fileset fs = { .journal = "j" };
	struct jline *v;
	FILE *f;
	int n, i;

	if (!fs.root) {
		if (!mkdtemp(root))
			abort();
		snprintf(lnk, sizeof(lnk), "%s/lnk", root);
		if (symlink("/", lnk) < 0)
			abort();
		atexit(clean);
		fs.root = root;
	}
	f = size ? fmemopen((void *)data, size, "r") : NULL;
	if (!f)
		return 0;
	v = fileset_read_list(&fs, f, "list", &n);
	fclose(f);
	for (i = 0; v && i < n; i++)
		if (leaves(v[i].rel) || (v[i].kind != 'W' && v[i].kind != 'D'))
			__builtin_trap();
	free(v);
	return 0;
}
