// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the reader of the kernel's syscall_*.tbl files. */
#include <stddef.h>
#include <stdint.h>

#include "../../tools/lib/tbl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct calls names = {
		.v = { { .name = "hello_syscall" }, { .name = "hello_syscall_arg" } },
		.n = 2,
	};
	struct ktbl t;
	char err[512];

	if (ktbl_scan((const char *)data, size, 512, &names, &t, err, sizeof(err)) == 0) {
		/* The insertion point is inside the text, after a whole line. */
		if (t.insert_at > size || t.max_nr >= 512 ||
		    (t.max_nr >= 0 && t.insert_at == 0))
			__builtin_trap();
	} else if (err[0] == '\0') {
		__builtin_trap();
	}
	return 0;
}
