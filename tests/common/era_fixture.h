/* era_fixture.h — what the template-level tests share: an arena, a
 * diagnostics list and the era formatter, made once per test group
 * (era_setup / era_teardown as cmocka's group fixtures). */
#ifndef NG_TEST_ERA_FIXTURE_H
#define NG_TEST_ERA_FIXTURE_H

#include <stdlib.h>

#include "era/era.h"
#include "util/diag.h"
#include "util/util.h"

typedef struct fixture {
	ng_arena *a;
	ng_diags *d;
	ng_era *era;
} fixture;

static inline int era_setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	char err[128];
	f->a = ng_arena_new();
	f->d = ng_diags_new();
	f->era = ng_era_new(err, sizeof err);
	*state = f;
	return f->era ? 0 : -1;
}

static inline int era_teardown(void **state)
{
	fixture *f = *state;
	ng_era_free(f->era);
	ng_diags_free(f->d);
	ng_arena_free(f->a);
	free(f);
	return 0;
}

#endif
