/* eras.c — the era table, data/eras.tsv, read at run time: a new era is a
 * new line there, not a new libicu. ICU still checks it: every row records
 * the era ICU's calendar gives for its first day, and a date that ICU puts
 * in a later era than the table's is refused (the table is out of date)
 * instead of being written in the era before. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "era_int.h"

#define ERAS_MAX_BYTES (64u << 10)
#define ERAS_MAX_ROWS  64

/* Japan's Gregorian reckoning starts here; ICU's idea of an era before it
 * (明治 from 1868-09-08, not 01-25) never shows in a letter. */
static const ng_date gregorian_start = {1873, 1, 1};

/* Line of the last problem (for a diagnostic's position); 0: none. */
static int bad(char *err, size_t cap, const char *path, int line, const char *what)
{
	snprintf(err, cap, "%s:%d: %s", path, line, ng_tr(what));
	return -line - 1;
}

/* One "NAME<TAB>YYYY-MM-DD" line into row; 1 for a row, 0 for a blank or
 * comment line, -1 with *what set. */
static int parse_row(const char *line, size_t len, ng_era_row *row, const char **what)
{
	if (len == 0 || line[0] == '#')
		return 0;
	const char *tab = memchr(line, '\t', len);
	*what = N_("expected NAME<TAB>YYYY-MM-DD (the era's first day)");
	if (!tab || tab == line || (size_t)(tab - line) >= sizeof row->name)
		return -1;
	memcpy(row->name, line, (size_t)(tab - line));
	row->name[tab - line] = '\0';
	const char *d = tab + 1;
	size_t dl = len - (size_t)(d - line);
	int y, m, dd, used = 0;
	char buf[16] = {0};
	if (dl != 10)
		return -1;
	memcpy(buf, d, 10);
	if (sscanf(buf, "%4d-%2d-%2d%n", &y, &m, &dd, &used) != 3 || used != 10)
		return -1;
	row->first = (ng_date){y, m, dd};
	*what = N_("no such day");
	return ng_date_valid(row->first) && dd > 0 ? 1 : -1;
}

static int add_row(ng_era_table *t, const ng_era_row *row, ng_jcal *cal, const char **what)
{
	if (t->n && ng_date_cmp(row->first, t->rows[t->n - 1].first) <= 0) {
		*what = N_("eras must be listed oldest first, each starting after the one before");
		return -1;
	}
	if (t->n == ERAS_MAX_ROWS) {
		*what = N_("too many eras");
		return -1;
	}
	ng_era_row r = *row;
	ng_date at = ng_date_cmp(r.first, gregorian_start) < 0 ? gregorian_start : r.first;
	int year;
	if (ng_jcal_era(cal, at.y, at.m, at.d, &r.icu_era, &year, NULL) != 0) {
		*what = N_("ICU cannot read this date");
		return -1;
	}
	t->rows[t->n++] = r;
	return 0;
}

static int parse_table(const char *path, const char *data, size_t len, ng_jcal *cal,
                       ng_era_table *t, char *err, size_t cap)
{
	t->rows = ng_xcalloc(ERAS_MAX_ROWS, sizeof *t->rows);
	int lineno = 0;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - data) : len, l = end - at;
		if (l && data[end - 1] == '\r')
			l--;
		lineno++;
		ng_era_row row;
		const char *what = NULL;
		int k = parse_row(data + at, l, &row, &what);
		if (k < 0 || (k > 0 && add_row(t, &row, cal, &what) != 0))
			return bad(err, cap, path, lineno, what);
		at = end + 1;
	}
	if (t->n == 0)
		return bad(err, cap, path, lineno ? lineno : 1, N_("no eras in the table"));
	return 0;
}

int ng_era_table_load(const char *path, ng_jcal *cal, ng_era_table *t, char *err, size_t cap)
{
	*t = (ng_era_table){0};
	char *data = NULL;
	size_t len = 0;
	int e = ng_read_file(path, ERAS_MAX_BYTES, &data, &len);
	if (e) {
		snprintf(err, cap, "%s: %s", path, ng_strerror(e));
		return -1;
	}
	/* parse_table returns -(line + 1) on a bad line. */
	int rc = parse_table(path, data, len, cal, t, err, cap);
	free(data);
	if (rc != 0)
		ng_era_table_free(t);
	return rc == 0 ? 0 : -rc - 1;
}

void ng_era_table_free(ng_era_table *t)
{
	free(t->rows);
	*t = (ng_era_table){0};
}

int ng_era_table_find(const ng_era_table *t, ng_jcal *cal, ng_date d, int *idx, char *err,
                      size_t cap)
{
	size_t i = t->n;
	while (i > 0 && ng_date_cmp(t->rows[i - 1].first, d) > 0)
		i--;
	if (i == 0) {
		snprintf(err, cap, ng_tr("%04d-%02d-%02d is before the first era of the table"),
		         d.y, d.m, d.d);
		return -1;
	}
	const ng_era_row *r = &t->rows[i - 1];
	int icu_era, year;
	if (ng_jcal_era(cal, d.y, d.m, d.d, &icu_era, &year, NULL) != 0) {
		snprintf(err, cap, ng_tr("ICU cannot read %04d-%02d-%02d"), d.y, d.m, d.d);
		return -1;
	}
	if (icu_era > r->icu_era) {
		snprintf(err, cap,
		         ng_tr("%04d-%02d-%02d falls in an era after %s that ICU knows and "
		               "data/eras.tsv does not list; add the new era's name and first "
		               "day (NAME<TAB>YYYY-MM-DD) to data/eras.tsv"),
		         d.y, d.m, d.d, r->name);
		return -1;
	}
	*idx = (int)(i - 1);
	return 0;
}
