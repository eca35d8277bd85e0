/* prose.c — {{…}} references inside the record's prose (a date
 * specification with option words, or a field), the weekday rule that
 * reads the words after a date (付け, 時点, 現在), and mapping a byte offset
 * inside a text back to a file position. */
#include <stdio.h>
#include <string.h>

#include "record.h"

/* Words right after a reference that make its date an as-of date or a
 * document's date (令和5年6月5日付け, 6月5日時点, 6月5日現在): no weekday
 * there under the letter's automatic rule. */
static const char *const no_weekday_after[] = {"付", "時点", "現在", "現時点"};

static bool ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t trim_end(const char *s, size_t a, size_t b)
{
	while (b > a && s[b - 1] == ' ')
		b--;
	return b;
}

static size_t skip_space(const char *s, size_t a, size_t b)
{
	while (a < b && s[a] == ' ')
		a++;
	return a;
}

/* The option words after '|': separated by spaces or commas. Returns 0,
 * or -1 with *bad at the unknown word. */
static int parse_opts(const char *s, size_t a, size_t b, ng_ref *ref, size_t *bad)
{
	while (a < b) {
		while (a < b && (s[a] == ' ' || s[a] == ','))
			a++;
		size_t e = a;
		while (e < b && s[e] != ' ' && s[e] != ',')
			e++;
		if (e > a && ng_dateopts_word(&ref->opts, &ref->style, s + a, e - a) != 0) {
			*bad = a;
			return -1;
		}
		a = e;
	}
	return 0;
}

static bool starts_with_any(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(s, words[i], strlen(words[i])) == 0)
			return true;
	return false;
}

/* A reference whose spec is a dotted name (client.pension, affected.count)
 * names a field, resolved when a template prints the text; a date spec
 * starts with a digit, so the two never meet. Any filter after '|' is the
 * template's to check. */
static bool field_ref(const char *s, size_t a, size_t b, size_t end, ng_ref *ref)
{
	a = skip_space(s, a, b);
	b = trim_end(s, a, b);
	if (a == b || !(ascii_alpha(s[a]) || s[a] == '_'))
		return false;
	for (size_t i = a; i < b; i++)
		if (!(ascii_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      s[i] == '.'))
			return false;
	ref->path = a;
	ref->path_len = b - a;
	if (b < end && s[skip_space(s, b, end)] == '|') {
		ref->filter = skip_space(s, skip_space(s, b, end) + 1, end);
		ref->filter_len = trim_end(s, ref->filter, end) - ref->filter;
	}
	return true;
}

/* {{R6.5.2}} or {{H31.4.30 | md}}: a date with its era's initial, which
 * a field's dotted name would otherwise take. */
static bool era_initial_date(const char *s, size_t a, size_t b)
{
	a = skip_space(s, a, b);
	b = trim_end(s, a, b);
	ng_when w;
	size_t off;
	const char *err;
	return b > a + 1 && strchr("MTSHR", s[a]) && s[a + 1] >= '0' && s[a + 1] <= '9' &&
	       ng_when_parse(s + a, b - a, &w, &off, &err) == 0;
}

int ng_prose_next(const char *s, size_t at, ng_ref *ref, size_t *err_at, const char **err)
{
	const char *open = strstr(s + at, "{{");
	if (!open)
		return 0;
	size_t start = (size_t)(open - s), inner = start + 2;
	const char *close = strstr(s + inner, "}}");
	if (!close) {
		*err_at = start, *err = N_("'{{' without a closing '}}'");
		return -1;
	}
	size_t end = (size_t)(close - s);
	const char *bar = memchr(s + inner, '|', end - inner);
	size_t spec_end = bar ? (size_t)(bar - s) : end;
	memset(ref, 0, sizeof *ref);
	ref->start = start;
	ref->end = end + 2;
	if (!era_initial_date(s, inner, spec_end) && field_ref(s, inner, spec_end, end, ref))
		return 1;
	ref->style = NG_DATE_LONG;
	ref->opts = NG_DATEOPTS_EVENT;
	size_t bad = 0;
	if (bar && parse_opts(s, spec_end + 1, end, ref, &bad) != 0) {
		*err_at = bad;
		*err = N_("unknown date option (long md short time, wareki seireki both, "
		          "seireki-first wareki-first, weekday noweekday, kanji ampm colon, year, "
		          "fullend, next, "
		          "day clock)");
		return -1;
	}
	size_t a = skip_space(s, inner, spec_end), b = trim_end(s, a, spec_end);
	size_t off = 0;
	if (ng_when_parse(s + a, b - a, &ref->when, &off, err) != 0) {
		*err_at = a + off;
		return -1;
	}
	ref->spec = a;
	if (starts_with_any(s + ref->end, no_weekday_after, NG_ARRAY_LEN(no_weekday_after)))
		ref->opts.event = false;
	return 1;
}

void ng_warn_typed_weekday(ng_diags *d, const ng_when *w, const ng_text *t, size_t base)
{
	size_t at = 0;
	int typed = 0;
	ng_date day = {0};
	if (ng_when_typed_weekday(w, &at, &typed, &day) == 0)
		return;
	char iso[16];
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", day.y, day.m, day.d);
	ng_diag *g = ng_diag_add(d, NG_D_WRONG_WEEKDAY, ng_text_pos_at(t, base + at),
	                         ng_weekday_names[typed], iso, ng_weekday_names[ng_weekday(day)]);
	ng_diag_hint(d, g, "check the date: if it is right, delete the typed weekday");
}

ng_pos ng_text_pos_at(const ng_text *t, size_t off)
{
	ng_pos p = t->pos;
	if (!t->plain || memchr(t->s, '\n', off))
		return p;
	p.col += (int)ng_utf8_count(t->s, off);
	return p;
}
