// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the reader of make new-call's prototypes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/newcall/spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spec s;
	char err[512], params[1024], *text = malloc(size + 1);
	int i;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (spec_parse(text, &s, err, sizeof(err)) == 0) {
		/* What the generator relies on after a successful parse. */
		if (s.name[0] == '\0' || s.n < 0 || s.n > SPEC_MAX_PARAMS)
			__builtin_trap();
		for (i = 0; i < s.n; i++) {
			const struct param *p = &s.p[i];

			if (p->name[0] == '\0' || p->type[0] == '\0' || p->utype[0] == '\0')
				__builtin_trap();
			if (p->kind == K_SIZE && (p->of < 0 || p->of >= i || s.p[p->of].size != i))
				__builtin_trap();
			if ((p->kind == K_BUF_IN || p->kind == K_BUF_OUT) && p->size != i + 1)
				__builtin_trap();
			if ((p->kind == K_STRUCT_IN || p->kind == K_STRUCT_OUT) && p->tag[0] == '\0')
				__builtin_trap();
		}
		spec_params(&s, params, sizeof(params));
		if (strlen(params) >= sizeof(params) - 1)
			__builtin_trap();
	} else if (err[0] == '\0') {
		__builtin_trap();	/* every refusal must say something */
	}
	free(text);
	return 0;
}
