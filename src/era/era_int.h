/* era_int.h — what the files of src/era share and nobody else sees: the era
 * table read from data/eras.tsv (name and first day of each era since 明治),
 * with, per row, the era ICU's calendar gives for that first day, so that
 * a date in an era ICU knows and the table does not is caught. */
#ifndef NG_ERA_INT_H
#define NG_ERA_INT_H

#include "../icu/icu.h"
#include "era.h"

#define NG_ERAS_FILE "data/eras.tsv"

typedef struct ng_era_row {
	char name[32];
	ng_date first;
	int icu_era; /* ICU's era number on max(first, 1873-01-01) */
} ng_era_row;

typedef struct ng_era_table {
	ng_era_row *rows;
	size_t n;
} ng_era_table;

/* Reads path ("NAME<TAB>YYYY-MM-DD" lines, '#' comments, first days
 * strictly increasing). Returns 0; -1 when the file cannot be read; or the
 * line of a bad line (≥ 1); err (cap bytes) says "path:line: what". */
int ng_era_table_load(const char *path, ng_jcal *cal, ng_era_table *t, char *err, size_t cap);
void ng_era_table_free(ng_era_table *t);

/* The row in force on d. Returns 0, or -1 with err filled when d is before
 * the first row or ICU puts d in a later era than the table's row. */
int ng_era_table_find(const ng_era_table *t, ng_jcal *cal, ng_date d, int *idx, char *err,
                      size_t cap);

#endif
