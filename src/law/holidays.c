/* holidays.c — the national-holiday table (data/holidays-jp.tsv) that the
 * deadline rule consults: one "YYYY-MM-DD<TAB>name" a line, sorted on load,
 * with the range of years it covers so that a deadline outside it can be
 * flagged instead of silently ignoring holidays. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"

#define HOLIDAYS_FILE      "data/holidays-jp.tsv"
#define HOLIDAYS_MAX_BYTES (1u << 20)

static int cmp_date(const void *a, const void *b)
{
	return ng_date_cmp(*(const ng_date *)a, *(const ng_date *)b);
}

/* Reads one line's date; 1 for a date, 0 for a blank or comment line, -1
 * when malformed. */
static int parse_line(const char *line, ng_date *out)
{
	if (*line == '#' || *line == '\n' || *line == '\0')
		return 0;
	int y, m, d, used = 0;
	if (sscanf(line, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
	    (line[10] != '\t' && line[10] != '\n' && line[10] != '\0'))
		return -1;
	*out = (ng_date){y, m, d};
	return ng_date_valid(*out) && d > 0 ? 1 : -1;
}

static void add_date(ng_holidays *h, size_t *cap, ng_date d, ng_arena *a)
{
	h->v = ng_agrow(a, h->v, sizeof *h->v, cap, h->n + 1);
	h->v[h->n++] = d;
	if (h->n == 1 || d.y < h->first_year)
		h->first_year = d.y;
	if (h->n == 1 || d.y > h->last_year)
		h->last_year = d.y;
}

static int parse_table(const char *file, char *data, ng_holidays *h, ng_arena *a, ng_diags *d)
{
	size_t cap = 0;
	int lineno = 0;
	for (char *line = data; line && *line;) {
		char *next = strchr(line, '\n');
		lineno++;
		ng_date day;
		int k = parse_line(line, &day);
		if (k < 0) {
			ng_diag_add(d, NG_D_HOLIDAYS, (ng_pos){file, lineno, 1},
			            "expected YYYY-MM-DD<TAB>name");
			return -1;
		}
		if (k > 0)
			add_date(h, &cap, day, a);
		line = next ? next + 1 : NULL;
	}
	if (h->n)
		qsort(h->v, h->n, sizeof *h->v, cmp_date);
	return 0;
}

int ng_holidays_load(const char *path, ng_holidays *h, ng_arena *a, ng_diags *d)
{
	*h = (ng_holidays){0};
	char *data = NULL;
	size_t len = 0;
	int err = ng_read_file(path, HOLIDAYS_MAX_BYTES, &data, &len);
	const char *file = ng_diag_intern(d, path);
	if (err) {
		ng_diag_add(d, NG_D_HOLIDAYS, (ng_pos){file, 0, 0}, strerror(err));
		return -1;
	}
	int rc = parse_table(file, data, h, a, d);
	free(data);
	return rc;
}

int ng_holidays_load_default(ng_holidays *h, ng_arena *a, ng_diags *d)
{
	char *path = ng_aprintf(a, "%s/%s", ng_home_dir(), HOLIDAYS_FILE);
	return ng_holidays_load(path, h, a, d);
}

bool ng_holidays_covers(const ng_holidays *h, int year)
{
	return h && h->n && year >= h->first_year && year <= h->last_year;
}
