/* jlreq.c — loads data/jlreq-classes.tsv and data/jlreq-spacing.tsv into
 * lookup tables: code-point ranges sorted for binary search and a class ×
 * class spacing matrix resolved once (first matching row wins). */
#include "jlreq.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_CAP (1 << 20)

typedef struct range {
	uint32_t lo, hi;
	int cls;
} range;

struct ng_jlreq {
	ng_jclass cls[NG_JLREQ_MAX_CLASSES];
	int ncls;
	int id, la; /* the default classes */
	range *ranges;
	size_t nranges, capranges;
	ng_jspace pair[NG_JLREQ_MAX_CLASSES][NG_JLREQ_MAX_CLASSES];
	bool set[NG_JLREQ_MAX_CLASSES][NG_JLREQ_MAX_CLASSES];
};

typedef struct reader {
	ng_jlreq *j;
	const char *path;
	int line;
	ng_diags *d;
} reader;

static int fail(reader *r, const char *what)
{
	char msg[256];
	snprintf(msg, sizeof msg, "%s:%d: %s", r->path, r->line, ng_tr(what));
	ng_diag_add(r->d, NG_D_INTERNAL, (ng_pos){0}, msg);
	return -1;
}

/* Splits s at tabs (or at spaces when tabs is false) into at most max
 * fields; returns their number. */
static int split(char *s, char **f, int max, bool tabs)
{
	int n = 0;
	const char *sep = tabs ? "\t" : " ";
	for (char *save = NULL, *t = strtok_r(s, sep, &save); t && n < max;
	     t = strtok_r(NULL, sep, &save))
		f[n++] = t;
	return n;
}

int ng_jlreq_find(const ng_jlreq *j, const char *name)
{
	for (int i = 0; i < j->ncls; i++)
		if (strcmp(j->cls[i].name, name) == 0)
			return i;
	return -1;
}

static const struct {
	const char *name;
	int value;
} kinds[] = {{"ja", NG_JK_JA}, {"latin", NG_JK_LATIN}, {"space", NG_JK_SPACE}},
  widths[] = {{"full", NG_JW_FULL},
              {"half-left", NG_JW_HALF_LEFT},
              {"half-right", NG_JW_HALF_RIGHT},
              {"half-center", NG_JW_HALF_CENTER}},
  flags[] = {{"nostart", NG_JF_NOSTART}, {"nostart4", NG_JF_NOSTART4}, {"noend", NG_JF_NOEND}};

static int lookup(const char *s, const void *table, size_t n)
{
	const struct {
		const char *name;
		int value;
	} *t = table;
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, s) == 0)
			return t[i].value;
	return -1;
}

static int parse_flags(char *s)
{
	int v = 0;
	if (strcmp(s, "-") == 0)
		return 0;
	for (char *save = NULL, *t = strtok_r(s, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int f = lookup(t, flags, NG_ARRAY_LEN(flags));
		if (f < 0)
			return -1;
		v |= f;
	}
	return v;
}

/* "@class NAME KIND FLAGS WIDTH" */
static int class_row(reader *r, char *rest)
{
	char *f[5];
	if (split(rest, f, 5, true) != 5)
		return fail(r, N_("@class needs NAME KIND FLAGS WIDTH"));
	ng_jlreq *j = r->j;
	if (j->ncls == NG_JLREQ_MAX_CLASSES || strlen(f[1]) >= sizeof j->cls[0].name)
		return fail(r, N_("too many classes or a name too long"));
	int kind = lookup(f[2], kinds, NG_ARRAY_LEN(kinds));
	int fl = parse_flags(f[3]);
	int w = lookup(f[4], widths, NG_ARRAY_LEN(widths));
	if (kind < 0 || fl < 0 || w < 0)
		return fail(r, N_("unknown kind, flag or width"));
	ng_jclass *c = &j->cls[j->ncls++];
	strcpy(c->name, f[1]);
	c->kind = (unsigned char)kind;
	c->flags = (unsigned char)fl;
	c->width = (unsigned char)w;
	return 0;
}

static void add_range(ng_jlreq *j, uint32_t lo, uint32_t hi, int cls)
{
	if (j->nranges == j->capranges) {
		j->capranges = j->capranges ? 2 * j->capranges : 64;
		j->ranges = ng_xrealloc(j->ranges, j->capranges * sizeof *j->ranges);
	}
	j->ranges[j->nranges++] = (range){lo, hi, cls};
}

/* One token of a character row: U+XXXX, U+XXXX..U+YYYY, or literal
 * characters. */
static int char_token(reader *r, const char *t, int cls)
{
	unsigned long lo, hi;
	char *end;
	if (strncmp(t, "U+", 2) == 0) {
		lo = hi = strtoul(t + 2, &end, 16);
		if (strncmp(end, "..U+", 4) == 0)
			hi = strtoul(end + 4, &end, 16);
		if (*end || hi < lo || hi > 0x10FFFF)
			return fail(r, N_("bad code point range"));
		add_range(r->j, (uint32_t)lo, (uint32_t)hi, cls);
		return 0;
	}
	for (size_t i = 0, n, len = strlen(t); i < len; i += n) {
		uint32_t cp;
		n = ng_utf8_decode(t + i, len - i, &cp);
		if (!n)
			return fail(r, N_("invalid UTF-8"));
		add_range(r->j, cp, cp, cls);
	}
	return 0;
}

static int chars_row(reader *r, char *line)
{
	char *tab = strchr(line, '\t');
	if (!tab)
		return fail(r, N_("expected CLASS<TAB>CHARS"));
	*tab = 0;
	int cls = ng_jlreq_find(r->j, line);
	if (cls < 0)
		return fail(r, N_("class not declared with @class"));
	char *f[256];
	int n = split(tab + 1, f, 256, false);
	for (int i = 0; i < n; i++)
		if (char_token(r, f[i], cls))
			return -1;
	return 0;
}

static int classes_line(reader *r, char *line)
{
	if (strncmp(line, "@class\t", 7) == 0)
		return class_row(r, line);
	return chars_row(r, line);
}

/* Does a PREV/NEXT pattern (class, @kind or *) match class c? */
static bool matches(const ng_jlreq *j, const char *pat, int c)
{
	if (strcmp(pat, "*") == 0)
		return true;
	if (pat[0] == '@')
		return lookup(pat + 1, kinds, NG_ARRAY_LEN(kinds)) == j->cls[c].kind;
	return strcmp(pat, j->cls[c].name) == 0;
}

static bool valid_pattern(const ng_jlreq *j, const char *pat)
{
	return strcmp(pat, "*") == 0 ||
	       (pat[0] == '@' && lookup(pat + 1, kinds, NG_ARRAY_LEN(kinds)) >= 0) ||
	       ng_jlreq_find(j, pat) >= 0;
}

static int parse_space(reader *r, char **f, ng_jspace *s)
{
	char *end;
	s->after = strtod(f[2], &end);
	if (*end)
		return fail(r, N_("bad AFTER"));
	s->aprio = (unsigned char)atoi(f[3]);
	s->wa = strcmp(f[4], "wa") == 0;
	s->before = s->wa ? 0 : strtod(f[4], &end);
	if (!s->wa && *end)
		return fail(r, N_("bad BEFORE"));
	s->bprio = (unsigned char)atoi(f[5]);
	if (strcmp(f[6], "no") != 0 && strcmp(f[6], "yes") != 0)
		return fail(r, N_("BREAK is yes or no"));
	s->nobreak = strcmp(f[6], "no") == 0;
	return 0;
}

/* Fills every pair the row matches that no earlier row has filled. */
static int spacing_line(reader *r, char *line)
{
	char *f[7];
	if (split(line, f, 7, true) != 7)
		return fail(r, N_("expected 7 columns"));
	ng_jlreq *j = r->j;
	if (!valid_pattern(j, f[0]) || !valid_pattern(j, f[1]))
		return fail(r, N_("unknown class or kind"));
	ng_jspace s;
	if (parse_space(r, f, &s))
		return -1;
	/* Each pattern matched against the classes once, not once per pair. */
	bool prev[NG_JLREQ_MAX_CLASSES], next[NG_JLREQ_MAX_CLASSES];
	for (int c = 0; c < j->ncls; c++) {
		prev[c] = matches(j, f[0], c);
		next[c] = matches(j, f[1], c);
	}
	for (int p = 0; p < j->ncls; p++)
		for (int n = 0; n < j->ncls; n++)
			if (!j->set[p][n] && prev[p] && next[n]) {
				j->pair[p][n] = s;
				j->set[p][n] = true;
			}
	return 0;
}

static int read_table(reader *r, const char *dir, const char *name, int (*row)(reader *, char *))
{
	char path[1024];
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
		ng_diag_add(r->d, NG_D_IO_READ, (ng_pos){0}, name, ng_strerror(ENAMETOOLONG));
		return -1;
	}
	char *data;
	size_t len;
	int err = ng_read_file(path, TABLE_CAP, &data, &len);
	if (err) {
		ng_diag_add(r->d, NG_D_IO_READ, (ng_pos){0}, path, ng_strerror(err));
		return -1;
	}
	r->path = name;
	r->line = 0;
	int rc = 0;
	for (char *save = NULL, *l = strtok_r(data, "\n", &save); l && !rc;
	     l = strtok_r(NULL, "\n", &save)) {
		r->line++; /* blank lines are skipped by strtok: numbers are approximate */
		if (*l && *l != '#')
			rc = row(r, l);
	}
	free(data);
	return rc;
}

static int by_lo(const void *a, const void *b)
{
	const range *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int finish(reader *r)
{
	ng_jlreq *j = r->j;
	j->id = ng_jlreq_find(j, "ID");
	j->la = ng_jlreq_find(j, "LA");
	if (j->id < 0 || j->la < 0)
		return fail(r, N_("classes ID and LA are required"));
	qsort(j->ranges, j->nranges, sizeof *j->ranges, by_lo);
	for (int p = 0; p < j->ncls; p++)
		for (int n = 0; n < j->ncls; n++)
			if (!j->set[p][n])
				return fail(r,
				            N_("spacing table has no row for some pair (add * *)"));
	return 0;
}

ng_jlreq *ng_jlreq_load(const char *dir, ng_diags *d)
{
	char buf[1024];
	if (!dir) {
		snprintf(buf, sizeof buf, "%s/data", ng_home_dir());
		dir = buf;
	}
	ng_jlreq *j = ng_xcalloc(1, sizeof *j);
	reader r = {j, "", 0, d};
	if (read_table(&r, dir, "jlreq-classes.tsv", classes_line) ||
	    read_table(&r, dir, "jlreq-spacing.tsv", spacing_line) || finish(&r)) {
		ng_jlreq_free(j);
		return NULL;
	}
	return j;
}

void ng_jlreq_free(ng_jlreq *j)
{
	if (!j)
		return;
	free(j->ranges);
	free(j);
}

int ng_jlreq_class(const ng_jlreq *j, uint32_t cp)
{
	size_t lo = 0, hi = j->nranges;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < j->ranges[mid].lo)
			hi = mid;
		else if (cp > j->ranges[mid].hi)
			lo = mid + 1;
		else
			return j->ranges[mid].cls;
	}
	return cp > 0x20 && cp < 0x7F ? j->la : j->id;
}

const ng_jclass *ng_jlreq_info(const ng_jlreq *j, int cls)
{
	return &j->cls[cls];
}

const ng_jspace *ng_jlreq_pair(const ng_jlreq *j, int prev, int next)
{
	return &j->pair[prev][next];
}
