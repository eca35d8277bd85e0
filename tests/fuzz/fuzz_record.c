/* fuzz_record.c — libFuzzer target: any bytes as an incident record,
 * through the YAML loader, the field tables and validation
 * (ng_record_parse). A record that loads must hold what validation
 * promises: every text valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "record/record.h"

static void check_text(const ng_text *t)
{
	if (t->s && ng_utf8_invalid_at(t->s, strlen(t->s)) != (size_t)-1)
		abort();
}

static void check_record(const ng_record *r)
{
	check_text(&r->letter.title);
	check_text(&r->letter.addressee);
	check_text(&r->sender.organization);
	for (size_t i = 0; i < r->letter.body.n; i++)
		check_text(&r->letter.body.v[i]);
	for (size_t i = 0; i < r->parties.n; i++) {
		check_text(&r->parties.v[i].name);
		for (size_t k = 0; k < r->parties.v[i].timeline.n; k++)
			check_text(&r->parties.v[i].timeline.v[k].what);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_record *r = ng_record_parse("fuzz.yaml", (const char *)data, size, a, d);
	if (r)
		check_record(r);
	else if (ng_diags_errors(d) == 0)
		abort(); /* a failure must say why */
	ng_diags_free(d);
	ng_arena_free(a);
	return 0;
}
