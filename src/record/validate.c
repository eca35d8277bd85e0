/* validate.c — the one validation pass over a record and its letter rules:
 * the 頭語/結語 pair (filled in when only the 頭語 is given), honorifics in
 * the addressee, and weekdays or dates typed as text anywhere in the
 * record (both must be computed, never typed). Date order is checked in dates.c, the report
 * items and categories in items.c. */
#include "validate.h"

#include <stdio.h>
#include <string.h>

#include "yaml_tree.h"

/* 頭語 and the 結語 that may close it; the first is the default. */
static const struct {
	const char *opening;
	const char *closings[2];
} pairs[] = {
    {"拝啓", {"敬具", NULL}},   {"謹啓", {"謹白", "敬白"}}, {"急啓", {"草々", "早々"}},
    {"前略", {"草々", "早々"}}, {"拝復", {"敬具", NULL}},
};

static int check_pair(ng_letter *l, ng_diags *d)
{
	if (!l->opening.s && !l->closing.s)
		return 0;
	if (!l->opening.s) {
		ng_diag *g =
		    ng_diag_add(d, NG_D_MISSING_FIELD, l->closing.pos, "opening", "letter");
		ng_diag_hint(d, g, "a 結語 needs its 頭語, e.g. opening: 拝啓 with closing: 敬具");
		return -1;
	}
	for (size_t i = 0; i < NG_ARRAY_LEN(pairs); i++) {
		if (strcmp(pairs[i].opening, l->opening.s) != 0)
			continue;
		if (!l->closing.s) {
			l->closing = (ng_text){pairs[i].closings[0], l->opening.pos, false};
			return 0;
		}
		for (size_t j = 0; j < 2 && pairs[i].closings[j]; j++)
			if (strcmp(pairs[i].closings[j], l->closing.s) == 0)
				return 0;
		/* A mismatched pair (拝啓…草々) is fixed to the 頭語's own
		 * 結語, with a warning saying so. */
		ng_diag *g = ng_diag_add(d, NG_D_OPENING_CLOSING_FIXED, l->closing.pos,
		                         l->opening.s, l->closing.s, pairs[i].closings[0]);
		ng_diag_hint(d, g, "write closing: %s (or leave it out: it is filled in)",
		             pairs[i].closings[0]);
		l->closing = (ng_text){pairs[i].closings[0], l->closing.pos, false};
		return 0;
	}
	ng_diag *g =
	    ng_diag_add(d, NG_D_BAD_VALUE, l->opening.pos, "opening", ng_tr("unknown 頭語"));
	ng_diag_hint(d, g, "use 拝啓, 謹啓, 急啓, 前略 or 拝復");
	return -1;
}

/* 各位 already honours its readers: 様 or 殿 next to it (「様各位」
 * 「各位殿」) is a double honorific, お客様各位 the accepted exception. */
static const char *const doubled[] = {"様各位", "殿各位", "各位様", "各位殿"};

/* Whether the doubled form found at p (index i of doubled) is お客様各位. */
static bool accepted_exception(const char *s, const char *p, size_t i)
{
	static const char okyaku[] = "お客様各位";
	size_t pre = strlen("お客");
	return i == 0 && (size_t)(p - s) >= pre && strncmp(p - pre, okyaku, strlen(okyaku)) == 0;
}

/* The addressee with the honorific of the doubled form at p removed. */
static char *corrected(ng_arena *a, const char *s, const char *p, size_t i)
{
	size_t hlen = strlen("様"), cut = (size_t)(p - s) + (i < 2 ? 0 : strlen("各位"));
	char *out = ng_alloc(a, strlen(s) + 1);
	memcpy(out, s, cut);
	strcpy(out + cut, s + cut + hlen);
	return out;
}

static void check_kakui(const ng_text *t, ng_arena *a, ng_diags *d)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(doubled); i++) {
		const char *p = strstr(t->s, doubled[i]);
		if (!p || accepted_exception(t->s, p, i))
			continue;
		ng_diag *g = ng_diag_add(d, NG_D_HONORIFIC, ng_text_pos_at(t, (size_t)(p - t->s)),
		                         ng_tr("double honorific: 各位 takes no 様 or 殿"));
		ng_diag_hint(d, g, "write 「%s」", corrected(a, t->s, p, i));
		return;
	}
}

/* 御中 is for an organisation, 様 for a person: never both. */
static int check_addressee(const ng_text *t, ng_arena *a, ng_diags *d)
{
	check_kakui(t, a, d);
	if (strstr(t->s, "御中") && strstr(t->s, "様")) {
		ng_diag *g =
		    ng_diag_add(d, NG_D_HONORIFIC_ERROR, t->pos, ng_tr("御中 and 様 together"));
		ng_diag_hint(d, g, "御中 for an organisation, 様 for a person: keep one");
		return -1;
	}
	return 0;
}

/* A weekday in brackets such as （月） or (水) typed by hand. */
static const char *typed_weekday(const char *s)
{
	static const char *const days[] = {"日", "月", "火", "水", "木", "金", "土"};
	static const char *const opens[] = {"（", "("};
	static const char *const closes[] = {"）", ")"};
	for (size_t o = 0; o < 2; o++) {
		for (const char *p = strstr(s, opens[o]); p; p = strstr(p + 1, opens[o])) {
			const char *q = p + strlen(opens[o]);
			while (*q == ' ')
				q++;
			for (size_t i = 0; i < 7; i++) {
				if (strncmp(q, days[i], 3) != 0)
					continue;
				const char *r = q + 3;
				while (*r == ' ')
					r++;
				for (size_t c = 0; c < 2; c++)
					if (strncmp(r, closes[c], strlen(closes[c])) == 0)
						return p;
			}
		}
	}
	return NULL;
}

/* The byte length of a run of 1–2 digits (ASCII or full-width) ending
 * just before s + at, or 0. */
static size_t digits_before(const char *s, size_t at)
{
	size_t n = 0, len = 0;
	while (n < 2) {
		if (at - len >= 1 && s[at - len - 1] >= '0' && s[at - len - 1] <= '9')
			len += 1;
		else if (at - len >= 3 && (unsigned char)s[at - len - 3] == 0xEF &&
		         (unsigned char)s[at - len - 2] == 0xBC &&
		         (unsigned char)s[at - len - 1] >= 0x90 &&
		         (unsigned char)s[at - len - 1] <= 0x99)
			len += 3;
		else
			break;
		n++;
	}
	return len;
}

static size_t digits_after(const char *s)
{
	size_t n = 0, len = 0;
	while (n < 2) {
		if (s[len] >= '0' && s[len] <= '9')
			len += 1;
		else if ((unsigned char)s[len] == 0xEF && (unsigned char)s[len + 1] == 0xBC &&
		         (unsigned char)s[len + 2] >= 0x90 && (unsigned char)s[len + 2] <= 0x99)
			len += 3;
		else
			break;
		n++;
	}
	return len;
}

/* Whether s[0..at) ends with a year: N年 or 元年, maybe with its closing
 * bracket (2023年6月, 令和5年6月, 令和元年6月, 2023年（令和5年）6月). */
static bool year_before(const char *s, size_t at)
{
	static const char nen[] = "年", close[] = "）", gan[] = "元";
	size_t n = strlen(nen), c = strlen(close);
	if (at >= c && memcmp(s + at - c, close, c) == 0)
		at -= c;
	if (at < n || memcmp(s + at - n, nen, n) != 0)
		return false;
	at -= n;
	return digits_before(s, at) || (at >= strlen(gan) && memcmp(s + at - 3, gan, 3) == 0);
}

/* A date typed as text with its year: 2023年6月5日, 令和5年6月5日. A month
 * and day alone (12月29日～1月3日) is often a rule that recurs every year,
 * not a date, so it is left alone unless a weekday follows it (caught as
 * a typed weekday). Returns where its month starts, or NULL. */
static const char *typed_month_day(const char *s)
{
	static const char tsuki[] = "月", hi[] = "日";
	for (const char *p = strstr(s, tsuki); p; p = strstr(p + 1, tsuki)) {
		size_t before = digits_before(s, (size_t)(p - s));
		const char *q = p + strlen(tsuki);
		size_t after = digits_after(q);
		if (before && after && strncmp(q + after, hi, strlen(hi)) == 0 &&
		    year_before(s, (size_t)(p - s) - before))
			return p - before;
	}
	return NULL;
}

/* A weekday or a date typed by hand in a text: a warning, because the
 * program computes both (a typed weekday is how the reference letter got
 * 6/26 wrong). */
/* t's text with its {{…}} references blanked (same byte offsets): a
 * reference is data however its date is typed ({{2024/5/2(木)}}); when
 * there is none, t's own text. */
static const char *outside_refs(const ng_text *t, char *buf, size_t cap)
{
	size_t len = strlen(t->s), at = 0, err_at;
	const char *err;
	ng_ref ref;
	if (!strstr(t->s, "{{") || len >= cap)
		return t->s;
	memcpy(buf, t->s, len + 1);
	while (ng_prose_next(t->s, at, &ref, &err_at, &err) == 1) {
		memset(buf + ref.start, ' ', ref.end - ref.start);
		at = ref.end;
	}
	return buf;
}

static void check_typed_dates(const ng_text *t, ng_diags *d)
{
	char masked[4096];
	const char *s = outside_refs(t, masked, sizeof masked);
	const char *w = typed_weekday(s), *m = typed_month_day(s);
	const char *p = w && (!m || w < m) ? w : m;
	if (!p)
		return;
	size_t off = (size_t)(p - s);
	p = t->s + off;
	char shown[32] = {0};
	size_t n = strlen(p) < 24 ? strlen(p) : 24;
	while (n && ((unsigned char)p[n] & 0xC0) == 0x80)
		n--; /* whole characters only */
	memcpy(shown, p, n);
	ng_diag *g = ng_diag_add(d, NG_D_TYPED_DATE, ng_text_pos_at(t, off), shown);
	ng_diag_hint(d, g,
	             "put the date in {{…}} as typed or as YYYY-MM-DD ({{令和5年6月5日}}, "
	             "{{2023-06-05 | md}}) so that it and its weekday are computed");
}

/* The keys whose value is a date specification: data, not text, however
 * it is written (when: 令和6年5月2日（木）). */
static const char *const date_keys[] = {"when", "occurred", "known", "as_of",
                                        "date", "from",     "until"};

static bool date_value(const ng_node *n, const char *key)
{
	bool dated = false;
	for (size_t i = 0; key && i < NG_ARRAY_LEN(date_keys); i++)
		dated |= strcmp(key, date_keys[i]) == 0;
	ng_when w;
	size_t at;
	const char *err;
	return dated && ng_when_parse(n->value, n->len, &w, &at, &err) == 0;
}

/* Every text of the record: titles, timeline labels, sections and blocks
 * included. A date field's value (a 'when') is data, not text. */
static void check_tree(const ng_node *n, const char *key, ng_diags *d)
{
	if (n->kind == NG_NODE_SCALAR) {
		if (!n->value || !n->len || date_value(n, key))
			return;
		check_typed_dates(&(ng_text){n->value, n->exact ? n->vpos : n->pos, n->exact}, d);
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		check_tree(n->items[i], n->kind == NG_NODE_MAP ? n->keys[i]->value : NULL, d);
}

static void check_prose(const ng_record *rec, ng_diags *d)
{
	check_tree(rec->root, NULL, d);
}

/* letter.update is the N of 第N報: a whole number from 1. */
static int check_update(const ng_text *t, ng_diags *d)
{
	if (!t->s)
		return 0;
	size_t n = strlen(t->s);
	if (n && n < 4 && strspn(t->s, "0123456789") == n && t->s[0] != '0')
		return 0;
	ng_diag *g =
	    ng_diag_add(d, NG_D_BAD_VALUE, t->pos, "update", ng_tr("not a number of 1 or more"));
	ng_diag_hint(d, g, "update: 2 prints （第2報）");
	return -1;
}

/* sender.seal names a PNG beside the record (or an absolute path): it
 * must be there and be a PNG. The tree gets the resolved path. */
static int check_seal(ng_record *rec, ng_arena *a, ng_diags *d)
{
	const ng_text *t = &rec->sender.seal;
	if (!t->s)
		return 0;
	const char *slash = strrchr(rec->file, '/');
	const char *path =
	    t->s[0] == '/' || !slash
	        ? t->s
	        : ng_aprintf(a, "%.*s/%s", (int)(slash - rec->file), rec->file, t->s);
	FILE *f = fopen(path, "rb");
	unsigned char sig[8] = {0};
	size_t n = f ? fread(sig, 1, sizeof sig, f) : 0;
	if (f)
		fclose(f);
	if (n != 8 || memcmp(sig, "\x89PNG\r\n\x1a\n", 8) != 0) {
		ng_diag *g = ng_diag_add(d, NG_D_BAD_VALUE, t->pos, "seal",
		                         f ? ng_tr("not a PNG image") : ng_tr("no such file"));
		ng_diag_hint(d, g,
		             "a PNG of the 角印 with a transparent background, named "
		             "relative to the record's folder");
		return -1;
	}
	ng_node_put(a, ng_node_get(rec->root, "sender"), "seal", path, t->pos);
	return 0;
}

int ng_validate(ng_record *rec, ng_arena *a, ng_diags *d)
{
	int rc = 0;
	rc |= check_update(&rec->letter.update, d);
	rc |= check_seal(rec, a, d);
	const char *closing = rec->letter.closing.s;
	rc |= check_pair(&rec->letter, d);
	if (rec->letter.closing.s && rec->letter.closing.s != closing) {
		/* A filled-in or fixed 結語 goes into the tree the templates read. */
		ng_node *letter = ng_node_get(rec->root, "letter");
		ng_node_put(a, letter, "closing", rec->letter.closing.s, rec->letter.closing.pos);
	}
	if (rec->letter.addressee.s)
		rc |= check_addressee(&rec->letter.addressee, a, d);
	check_prose(rec, d);
	rc |= ng_validate_dates(rec, d);
	ng_mark_timelines(rec, a);
	rc |= ng_validate_items(rec, a, d);
	return rc ? -1 : 0;
}
