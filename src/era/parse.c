/* parse.c — ng_when_parse: date specifications as users write them in a
 * record ("2023-06-05 9:00頃", "2023-06 中旬 ~ 現在", "2023年度",
 * "2024-05-02 18:30 時点"), checked for existence and order, with the byte
 * offset of the first problem; and the option words of a reference
 * ("md seireki noweekday"). Digits are ASCII only; spaces (ASCII or
 * U+3000) between tokens are optional. */
#include "era.h"

#include <string.h>

/* Japan counts Gregorian dates from 1873-01-01 (明治6年); earlier dates
 * cannot be written in its calendar. */
#define MIN_YEAR 1873

typedef struct lexer {
	const char *s;
	size_t len, pos;
	size_t err_at;
	const char *err;
} lexer;

static const char *const tildes[] = {"~", "～", "〜"};
static const char *const spaces[] = {" ", "\t", "　"};
static const char *const approx_words[] = {"頃", "ころ"};
static const char *const asof_words[] = {"時点", "現在"};

/* Rough hours of each part of day in minutes [lo, hi], only to catch a
 * range whose end is plainly before its start (午後～午前 on one day).
 * Japan Meteorological Agency wording where it defines the part. */
static const struct {
	short lo, hi;
} part_span[NG_PART__COUNT] = {
    [NG_PART_NONE] = {0, 1439},     [NG_PART_MIMEI] = {0, 180},
    [NG_PART_SOUCHOU] = {240, 420}, [NG_PART_MYOUCHOU] = {240, 600},
    [NG_PART_GOZEN] = {0, 719},     [NG_PART_HIRU] = {660, 840},
    [NG_PART_GOGO] = {720, 1439},   [NG_PART_YUUGATA] = {900, 1139},
    [NG_PART_YORU] = {1080, 1439},  [NG_PART_SHINYA] = {1320, 1439},
};

static int fail(lexer *lx, size_t at, const char *msg)
{
	lx->err_at = at;
	lx->err = msg;
	return -1;
}

static bool at_end(const lexer *lx)
{
	return lx->pos >= lx->len;
}

static bool match(lexer *lx, const char *lit)
{
	size_t n = strlen(lit);
	if (lx->len - lx->pos < n || memcmp(lx->s + lx->pos, lit, n) != 0)
		return false;
	lx->pos += n;
	return true;
}

/* Index of the entry of names[0..count) found at the cursor (longest
 * first), consumed; -1 when none. */
static int match_any(lexer *lx, const char *const *names, size_t count)
{
	int best = -1;
	size_t best_len = 0;
	for (size_t i = 0; i < count; i++) {
		size_t n = strlen(names[i]);
		if (n > best_len && lx->len - lx->pos >= n &&
		    memcmp(lx->s + lx->pos, names[i], n) == 0) {
			best = (int)i;
			best_len = n;
		}
	}
	lx->pos += best_len;
	return best;
}

static void skip_spaces(lexer *lx)
{
	while (match_any(lx, spaces, NG_ARRAY_LEN(spaces)) >= 0)
		;
}

static bool is_digit_at(const lexer *lx, size_t at)
{
	return at < lx->len && lx->s[at] >= '0' && lx->s[at] <= '9';
}

/* Full-width digits ０–９ are U+FF10–U+FF19: EF BC 90–99. */
static bool is_wide_digit_at(const lexer *lx, size_t at)
{
	const unsigned char *u = (const unsigned char *)lx->s + at;
	return lx->len - at >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99;
}

/* Reads min..max ASCII digits into *v; what is missing says what was
 * expected ("a month", …). */
static int number(lexer *lx, int min, int max, int *v, const char *missing)
{
	size_t start = lx->pos;
	int n = 0, val = 0;
	while (is_digit_at(lx, lx->pos) && n <= max) {
		val = val * 10 + (lx->s[lx->pos++] - '0');
		n++;
	}
	if (n == 0 && is_wide_digit_at(lx, start))
		return fail(lx, start,
		            N_("full-width digits are not accepted; write ASCII digits"));
	if (n < min)
		return fail(lx, start, missing);
	if (n > max)
		return fail(lx, start, N_("too many digits"));
	*v = val;
	return 0;
}

static int expect(lexer *lx, const char *lit, const char *msg)
{
	return match(lx, lit) ? 0 : fail(lx, lx->pos, msg);
}

static const char no_date[] = N_("expected a Gregorian date: YYYY-MM-DD, YYYY-MM (上旬, 中旬 "
                                 "or 下旬 may follow), YYYY or YYYY年度");

static int year(lexer *lx, ng_point *p)
{
	size_t at = lx->pos;
	bool fy = match(lx, "FY");
	if (number(lx, 4, 4, &p->date.y, no_date) != 0)
		return -1;
	if (p->date.y < MIN_YEAR)
		return fail(lx, at,
		            N_("dates before 1873-01-01 (the start of the Gregorian "
		               "calendar in Japan) are not accepted"));
	p->fiscal = fy || match(lx, "年度");
	return 0;
}

static int clock_time(lexer *lx, ng_point *p)
{
	size_t h_at = lx->pos;
	if (number(lx, 1, 2, &p->hour, N_("expected an hour")) != 0 ||
	    expect(lx, ":", N_("expected ':' and minutes after the hour (H:MM)")) != 0)
		return -1;
	size_t m_at = lx->pos;
	if (number(lx, 2, 2, &p->minute, N_("expected two digits of minutes (H:MM)")) != 0)
		return -1;
	if (p->hour > 23)
		return fail(lx, h_at, N_("hour must be 0 to 23"));
	if (p->minute > 59)
		return fail(lx, m_at, N_("minutes must be 00 to 59"));
	return 0;
}

static ng_part part_word(lexer *lx)
{
	int k = match_any(lx, ng_part_names + 1, NG_PART__COUNT - 1);
	return k < 0 ? NG_PART_NONE : (ng_part)(k + 1);
}

/* 頃/ころ and 時点/現在, after any point. */
static void approx_word(lexer *lx, ng_point *p)
{
	skip_spaces(lx);
	int k = match_any(lx, approx_words, NG_ARRAY_LEN(approx_words));
	if (k >= 0)
		p->approx = (ng_approx)(k + 1);
}

static void asof(lexer *lx, ng_point *p)
{
	skip_spaces(lx);
	int k = match_any(lx, asof_words, NG_ARRAY_LEN(asof_words));
	if (k >= 0)
		p->asof = (ng_asof)(k + 1);
}

/* After YYYY-MM-DD: [part] [H:MM] [頃] [part] [時点], spaces optional. */
static int day_tail(lexer *lx, ng_point *p)
{
	skip_spaces(lx);
	p->part = part_word(lx);
	skip_spaces(lx);
	if (is_digit_at(lx, lx->pos) || is_wide_digit_at(lx, lx->pos)) {
		if (clock_time(lx, p) != 0)
			return -1;
	}
	approx_word(lx, p);
	skip_spaces(lx);
	if (p->part == NG_PART_NONE)
		p->part = part_word(lx);
	asof(lx, p);
	return 0;
}

static int month_tail(lexer *lx, ng_point *p)
{
	skip_spaces(lx);
	int k = match_any(lx, ng_dekad_names + 1, NG_ARRAY_LEN(ng_dekad_names) - 1);
	if (k >= 0)
		p->dekad = (ng_dekad)(k + 1);
	else if (match_any(lx, (const char *const[]){"初旬"}, 1) >= 0)
		return fail(lx, lx->pos - strlen("初旬"), N_("write 上旬 (not 初旬)"));
	approx_word(lx, p);
	asof(lx, p);
	return 0;
}

static int point(lexer *lx, ng_point *p)
{
	*p = (ng_point){.hour = -1, .minute = -1};
	if (year(lx, p) != 0)
		return -1;
	if (p->fiscal || !match(lx, "-")) {
		approx_word(lx, p);
		asof(lx, p);
		return 0;
	}
	size_t m_at = lx->pos;
	if (number(lx, 1, 2, &p->date.m, N_("expected a month after 'YYYY-'")) != 0)
		return -1;
	if (p->date.m < 1 || p->date.m > 12)
		return fail(lx, m_at, N_("month must be 1 to 12"));
	if (!match(lx, "-"))
		return month_tail(lx, p);
	size_t d_at = lx->pos;
	if (number(lx, 1, 2, &p->date.d, N_("expected a day after 'YYYY-MM-'")) != 0)
		return -1;
	if (p->date.d < 1 || !ng_date_valid(p->date))
		return fail(lx, d_at, N_("no such day in that month"));
	return day_tail(lx, p);
}

/* A moment for ordering only: day and minute of day. */
typedef struct moment {
	ng_date date;
	int minute;
} moment;

static int moment_cmp(moment a, moment b)
{
	int c = ng_date_cmp(a.date, b.date);
	return c ? c : (a.minute > b.minute) - (a.minute < b.minute);
}

/* The earliest (last == false) or latest moment a point can mean. */
static moment bound(const ng_point *p, bool last)
{
	moment t = {last ? ng_point_last(p) : ng_point_first(p),
	            last ? part_span[p->part].hi : part_span[p->part].lo};
	if (p->hour >= 0)
		t.minute = p->hour * 60 + p->minute;
	return t;
}

/* "~ 17:00": a time alone ends the range on the start's day. */
static bool time_only_ahead(const lexer *lx)
{
	size_t at = lx->pos;
	while (is_digit_at(lx, at) && at - lx->pos < 3)
		at++;
	return at > lx->pos && at - lx->pos <= 2 && at < lx->len && lx->s[at] == ':';
}

static int end_point(lexer *lx, ng_when *w)
{
	size_t at = lx->pos;
	if (!time_only_ahead(lx))
		return point(lx, &w->end);
	if (!w->start.date.d)
		return fail(lx, at, N_("a time alone can end only a range that starts on a day"));
	w->end = (ng_point){.date = w->start.date, .hour = -1, .minute = -1};
	if (clock_time(lx, &w->end) != 0)
		return -1;
	approx_word(lx, &w->end);
	return 0;
}

static int range_end(lexer *lx, ng_when *w)
{
	skip_spaces(lx);
	if (at_end(lx)) {
		w->end_kind = NG_END_OPEN;
		return 0;
	}
	if (match(lx, "現在")) {
		w->end_kind = NG_END_NOW;
		return 0;
	}
	size_t at = lx->pos;
	if (!is_digit_at(lx, at) && !is_wide_digit_at(lx, at) && !match(lx, "FY"))
		return fail(lx, at, N_("expected a date, a time, 現在 or nothing after '~'"));
	lx->pos = at;
	if (end_point(lx, w) != 0)
		return -1;
	w->end_kind = NG_END_POINT;
	if (moment_cmp(bound(&w->end, true), bound(&w->start, false)) < 0)
		return fail(lx, at, N_("the range ends before it starts"));
	return 0;
}

static int when(lexer *lx, ng_when *w)
{
	skip_spaces(lx);
	if (at_end(lx))
		return fail(lx, lx->pos, N_("empty date"));
	if (point(lx, &w->start) != 0)
		return -1;
	skip_spaces(lx);
	if (match_any(lx, tildes, NG_ARRAY_LEN(tildes)) >= 0) {
		if (range_end(lx, w) != 0)
			return -1;
		skip_spaces(lx);
	}
	if (!at_end(lx))
		return fail(lx, lx->pos, N_("unexpected text after the date"));
	return 0;
}

int ng_when_parse(const char *s, size_t len, ng_when *out, size_t *err_at, const char **err)
{
	lexer lx = {.s = s, .len = len};
	ng_when w = {.end = {.hour = -1, .minute = -1}};
	if (when(&lx, &w) != 0) {
		*err_at = lx.err_at;
		*err = lx.err;
		return -1;
	}
	*out = w;
	return 0;
}

/* ---- option words of a reference */

const char ng_dateopts_words[] = "long md short time, wareki seireki both, seireki-first "
                                 "wareki-first, weekday noweekday, kanji ampm colon, year, "
                                 "fullend, next, day clock";

/* Each word sets one field of ng_dateopts (or the style) to a value. */
enum opt_field { O_STYLE, O_CAL, O_FIRST, O_WD, O_TIME, O_YEAR, O_FULLEND, O_NEXT, O_SHOW };

static const struct {
	const char *word;
	enum opt_field field;
	signed char value;
} opt_words[] = {
    {"long", O_STYLE, NG_DATE_LONG},
    {"md", O_STYLE, NG_DATE_MD},
    {"short", O_STYLE, NG_DATE_SHORT},
    {"time", O_STYLE, NG_DATE_TIME},
    {"wareki", O_CAL, NG_CAL_WAREKI},
    {"seireki", O_CAL, NG_CAL_SEIREKI},
    {"both", O_CAL, NG_CAL_BOTH},
    {"seireki-first", O_FIRST, 1},
    {"wareki-first", O_FIRST, 0},
    {"weekday", O_WD, 1},
    {"noweekday", O_WD, 0},
    {"kanji", O_TIME, NG_TIME_KANJI},
    {"ampm", O_TIME, NG_TIME_AMPM},
    {"colon", O_TIME, NG_TIME_COLON},
    {"year", O_YEAR, 1},
    {"fullend", O_FULLEND, 1},
    {"next", O_NEXT, 1},
    {"day", O_SHOW, NG_SHOW_DAY},
    {"clock", O_SHOW, NG_SHOW_CLOCK},
};

int ng_dateopts_word(ng_dateopts *o, ng_datestyle *style, const char *w, size_t n)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(opt_words); i++) {
		if (strlen(opt_words[i].word) != n || memcmp(opt_words[i].word, w, n) != 0)
			continue;
		signed char v = opt_words[i].value;
		switch (opt_words[i].field) {
		case O_STYLE:
			*style = (ng_datestyle)v;
			break;
		case O_CAL:
			o->calendar = v;
			break;
		case O_FIRST:
			o->seireki_first = v;
			break;
		case O_WD:
			o->weekday = v;
			break;
		case O_TIME:
			o->time = v;
			break;
		case O_YEAR:
			o->year = v;
			break;
		case O_FULLEND:
			o->full_end = v;
			break;
		case O_NEXT:
			o->next_day = v;
			break;
		case O_SHOW:
			o->show = (ng_show)v;
			break;
		}
		return 0;
	}
	return -1;
}
