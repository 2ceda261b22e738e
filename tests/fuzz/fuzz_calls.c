// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the reader of the project's kernel/syscalls.tbl. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../tools/lib/tbl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct calls calls;
	char err[512];
	int i;

	if (calls_parse((const char *)data, size, &calls, err, sizeof(err)) == 0) {
		/* What the patcher relies on after a successful parse. */
		for (i = 0; i < calls.n; i++) {
			if (strlen(calls.v[i].name) == 0 ||
			    strncmp(calls.v[i].entry, "sys_", 4) != 0 ||
			    strcmp(calls.v[i].entry + 4, calls.v[i].name) != 0 ||
			    calls.v[i].nargs < 0 || calls.v[i].nargs > MAX_ARGS)
				__builtin_trap();
		}
	} else if (err[0] == '\0') {
		__builtin_trap();	/* every error must say something */
	}
	return 0;
}
