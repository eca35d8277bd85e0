/* parse.c — ng_when_parse: date specifications as users write them in a
 * record or a spreadsheet ("2023-06-05 9:00頃", "2024/5/2 9:05",
 * "R6.5.2", "令和五年五月二日（木）", "2023-06 中旬 ~ 現在", "令和5年度末",
 * "6月5日・6日"), checked for existence, era and order, with the byte
 * offset of the first problem; and the option words of a reference
 * ("md seireki noweekday"). Digits are ASCII, full-width (read as ASCII,
 * with their separators: ２０２４／５／２ ９：０５) or kanji numerals;
 * spaces (ASCII or U+3000) between tokens are optional. */
#include "era.h"

#include <stdlib.h>
#include <string.h>

/* Japan counts Gregorian dates from 1873-01-01 (明治6年); earlier dates
 * cannot be written in its calendar. */
#define MIN_YEAR 1873

typedef struct lexer {
	const char *s;
	size_t len, pos;
	size_t err_at;
	const char *err;
	bool in_end; /* reading a range's end: 24:00 allowed */
} lexer;

/* What starts a range's end: ~, its full-width and wave forms, and から
 * (5月2日から3日間). */
static const char *const tildes[] = {"~", "～", "〜", "から"};
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

/* Kanji numerals as dates write them: digit by digit (二〇二四) or with 十
 * (十二, 三十一). */
static const char *const kanji_digits[] = {"〇", "一", "二", "三", "四",
                                           "五", "六", "七", "八", "九"};

static int kanji_digit_at(const lexer *lx, size_t at)
{
	for (int i = 0; i < 10; i++)
		if (lx->len - at >= 3 && memcmp(lx->s + at, kanji_digits[i], 3) == 0)
			return i;
	return -1;
}

static bool is_kanji_number_at(const lexer *lx, size_t at)
{
	return at < lx->len &&
	       (kanji_digit_at(lx, at) >= 0 || (lx->len - at >= 3 && !memcmp(lx->s + at, "十", 3)));
}

static bool is_number_at(const lexer *lx, size_t at)
{
	return is_digit_at(lx, at) || is_kanji_number_at(lx, at);
}

/* Reads a kanji numeral of up to 4 characters into *v. Returns the
 * number of characters read (0: none). */
static int kanji_number(lexer *lx, int *v)
{
	int digits = 0, tens = -1, chars = 0, k;
	while (chars < 4 && lx->pos < lx->len) {
		if ((k = kanji_digit_at(lx, lx->pos)) >= 0) {
			digits = digits * 10 + k;
		} else if (tens < 0 && match(lx, "十")) {
			tens = chars ? digits : 1;
			digits = 0;
			chars++;
			continue;
		} else {
			break;
		}
		lx->pos += 3;
		chars++;
	}
	*v = tens < 0 ? digits : tens * 10 + digits;
	return chars;
}

/* Reads min..max ASCII digits (or, for a year, month, day or hour, a kanji
 * numeral) into *v; what is missing says what was expected ("a month", …). */
static int number(lexer *lx, int min, int max, int *v, const char *missing)
{
	size_t start = lx->pos;
	int n = 0, val = 0;
	while (is_digit_at(lx, lx->pos) && n <= max) {
		val = val * 10 + (lx->s[lx->pos++] - '0');
		n++;
	}
	if (n == 0 && kanji_number(lx, v) > 0)
		return 0;
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

static const char no_date[] = N_("expected a date: YYYY-MM-DD, YYYY/M/D, 2024年5月2日, "
                                 "令和6年5月2日, R6.5.2, YYYY-MM (上旬, 中旬 or 下旬 may "
                                 "follow), YYYY or YYYY年度");
static const char no_year[] =
    N_("write the year in full: 2024/5/2, 2024年5月2日, 令和6年5月2日 or R6.5.2 (a date "
       "without its year, or with two digits of year, is not accepted: which year it "
       "means is not certain)");

/* 5/2, 5月2日 or 24/5/2: a month, or a short year, where the year should
 * be. */
static bool short_year_ahead(const lexer *lx)
{
	size_t at = lx->pos;
	while (is_digit_at(lx, at) && at - lx->pos < 3)
		at++;
	if (at == lx->pos || at - lx->pos > 2 || at >= lx->len)
		return false;
	char c = lx->s[at];
	return c == '/' || c == '.' || c == '-' ||
	       (lx->len - at >= strlen("月") && !memcmp(lx->s + at, "月", strlen("月")));
}

static int check_min_year(lexer *lx, size_t at, const ng_point *p)
{
	if (p->date.y >= MIN_YEAR)
		return 0;
	return fail(lx, at,
	            N_("dates before 1873-01-01 (the start of the Gregorian "
	               "calendar in Japan) are not accepted"));
}

/* A Gregorian year: YYYY, FYYYYY or a kanji numeral digit by digit. */
static int gregorian_year(lexer *lx, ng_point *p)
{
	size_t at = lx->pos;
	bool fy = match(lx, "FY");
	if (!fy && short_year_ahead(lx))
		return fail(lx, at, no_year);
	if (!is_digit_at(lx, lx->pos)) {
		if (kanji_number(lx, &p->date.y) != 4)
			return fail(lx, at, no_date);
	} else if (number(lx, 4, 4, &p->date.y, no_date) != 0) {
		return -1;
	}
	p->fiscal = fy;
	return check_min_year(lx, at, p);
}

/* 令和 or R (before a digit): the era's index in ng_era_inputs, consumed;
 * -1 when none. */
static int era_name(lexer *lx)
{
	for (size_t i = 0; i < ng_era_inputs_n; i++) {
		if (match(lx, ng_era_inputs[i].name))
			return (int)i;
		if (lx->pos + 1 < lx->len && lx->s[lx->pos] == ng_era_inputs[i].initial &&
		    is_digit_at(lx, lx->pos + 1)) {
			lx->pos++;
			return (int)i;
		}
	}
	return -1;
}

/* lit after optional spaces (令和 6 年 5 月 2 日: the spaced text a PDF's
 * text layer gives back); the spaces stay unread when lit is not there. */
static bool spaced(lexer *lx, const char *lit)
{
	size_t at = lx->pos;
	skip_spaces(lx);
	if (match(lx, lit))
		return true;
	lx->pos = at;
	return false;
}

static bool spaced_number_ahead(lexer *lx)
{
	size_t at = lx->pos;
	skip_spaces(lx);
	if (is_number_at(lx, lx->pos))
		return true;
	lx->pos = at;
	return false;
}

static int era_year(lexer *lx, int era, ng_point *p)
{
	skip_spaces(lx);
	size_t at = lx->pos;
	int n = 1;
	if (!match(lx, "元") && number(lx, 1, 2, &n, N_("expected the era's year")) != 0)
		return -1;
	if (n < 1)
		return fail(lx, at, N_("an era's years start at 1 (元年)"));
	p->date.y = ng_era_inputs[era].first.y + n - 1;
	return check_min_year(lx, at, p);
}

/* An era date must lie (at least in part) inside its era: 平成31年5月1日
 * is refused, for that day is 令和元年5月1日. */
static int era_fits(lexer *lx, size_t at, int era, const ng_point *p)
{
	ng_date lo = ng_era_inputs[era].first;
	bool last = (size_t)era + 1 == ng_era_inputs_n;
	if (ng_date_cmp(ng_point_last(p), lo) >= 0 &&
	    (last || ng_date_cmp(ng_point_first(p), ng_era_inputs[era + 1].first) < 0))
		return 0;
	return fail(lx, at,
	            N_("that date is not in that era (明治 from 1868-01-25, 大正 1912-07-30, 昭和 "
	               "1926-12-25, 平成 1989-01-08, 令和 2019-05-01): write the era of that "
	               "day, or YYYY-MM-DD"));
}

/* A time: H:MM (Excel's :00 seconds allowed), H時, H時M分, H時半 or 正午.
 * 24:00 (24時) is the end of a day: only a range may end at it. */
static int clock_time(lexer *lx, ng_point *p)
{
	size_t h_at = lx->pos;
	if (match(lx, "正午")) {
		p->hour = 12, p->minute = 0, p->noon = true;
		return 0;
	}
	if (number(lx, 1, 2, &p->hour, N_("expected an hour")) != 0)
		return -1;
	size_t m_at = lx->pos;
	if (match(lx, "時")) {
		p->minute = 0;
		if (match(lx, "半"))
			p->minute = 30;
		else if (is_number_at(lx, lx->pos) &&
		         (number(lx, 1, 2, &p->minute, N_("expected minutes")) != 0 ||
		          expect(lx, "分", N_("expected 分 after the minutes")) != 0))
			return -1;
	} else {
		if (expect(lx, ":",
		           N_("expected ':' and minutes after the hour (H:MM or H時M分)")) != 0)
			return -1;
		m_at = lx->pos;
		if (number(lx, 2, 2, &p->minute, N_("expected two digits of minutes (H:MM)")) != 0)
			return -1;
		if (match(lx, ":") && !match(lx, "00"))
			return fail(lx, lx->pos, N_("letters write no seconds: write H:MM"));
	}
	if (p->hour == 24 && p->minute == 0 && lx->in_end)
		return 0;
	if (p->hour == 24 && p->minute == 0)
		return fail(lx, h_at,
		            N_("24時 ends a day: only a range may end at it (start at 0時 of the "
		               "next day)"));
	if (p->hour > 23)
		return fail(lx, h_at, N_("hour must be 0 to 23"));
	if (p->minute > 59)
		return fail(lx, m_at, N_("minutes must be 00 to 59"));
	return 0;
}

static bool clock_ahead(const lexer *lx)
{
	return is_number_at(lx, lx->pos) ||
	       (lx->len - lx->pos >= strlen("正午") && !memcmp(lx->s + lx->pos, "正午", 6));
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

/* A weekday typed after a day: （木）, (木), （木曜日）, （木・祝）, 木曜日 or
 * 木曜. Kept to be checked, never printed. */
static void typed_weekday(lexer *lx, ng_point *p)
{
	static const char *const opens[] = {"（", "("}, *const closes[] = {"）", ")"};
	static const char *const holiday[] = {"・祝", "･祝", "祝"};
	size_t save = lx->pos;
	skip_spaces(lx);
	size_t at = lx->pos;
	bool paren = match_any(lx, opens, 2) >= 0;
	int k = match_any(lx, ng_weekday_names, 7);
	bool you = k >= 0 && (match(lx, "曜日") || match(lx, "曜"));
	if (paren && k >= 0)
		match_any(lx, holiday, NG_ARRAY_LEN(holiday));
	bool ok = k >= 0 && (paren ? match_any(lx, closes, 2) >= 0 : you);
	if (!ok) {
		lx->pos = save;
		return;
	}
	p->typed_wd = (unsigned char)(k + 1);
	p->wd_at = (unsigned short)at;
}

/* After the day: [weekday] [T] [part] [time] [頃] [part] [時点], spaces
 * optional (T: Excel's and ISO 8601's date-time separator). */
static int day_tail(lexer *lx, ng_point *p)
{
	typed_weekday(lx, p);
	if (lx->pos + 1 < lx->len && lx->s[lx->pos] == 'T' && is_digit_at(lx, lx->pos + 1))
		lx->pos++;
	skip_spaces(lx);
	p->part = part_word(lx);
	skip_spaces(lx);
	if (clock_ahead(lx) && clock_time(lx, p) != 0)
		return -1;
	approx_word(lx, p);
	skip_spaces(lx);
	if (p->part == NG_PART_NONE)
		p->part = part_word(lx);
	asof(lx, p);
	return 0;
}

static const struct {
	const char *word;
	ng_edge edge;
} month_edges[] = {{"月末", NG_EDGE_END},   {"末", NG_EDGE_END},     {"月初め", NG_EDGE_START},
                   {"月初", NG_EDGE_START}, {"初め", NG_EDGE_START}, {"初", NG_EDGE_START}},
  year_edges[] = {{"年末", NG_EDGE_END},
                  {"末", NG_EDGE_END},
                  {"年初め", NG_EDGE_START},
                  {"年初", NG_EDGE_START},
                  {"初め", NG_EDGE_START}};

#define EDGE(lx, p, table)                                                                         \
	do {                                                                                       \
		for (size_t i_ = 0; i_ < NG_ARRAY_LEN(table); i_++)                                \
			if (match(lx, table[i_].word)) {                                           \
				(p)->edge = table[i_].edge;                                        \
				break;                                                             \
			}                                                                          \
	} while (0)

static int month_tail(lexer *lx, ng_point *p)
{
	skip_spaces(lx);
	int k = match_any(lx, ng_dekad_names + 1, NG_ARRAY_LEN(ng_dekad_names) - 1);
	if (k >= 0)
		p->dekad = (ng_dekad)(k + 1);
	else if (match_any(lx, (const char *const[]){"初旬"}, 1) >= 0)
		return fail(lx, lx->pos - strlen("初旬"), N_("write 上旬 (not 初旬)"));
	else
		EDGE(lx, p, month_edges);
	approx_word(lx, p);
	asof(lx, p);
	return 0;
}

/* A year alone, or a 年度: [初め|末] [頃] [時点]. */
static int year_tail(lexer *lx, ng_point *p)
{
	skip_spaces(lx);
	EDGE(lx, p, year_edges);
	approx_word(lx, p);
	asof(lx, p);
	return 0;
}

static int month_number(lexer *lx, ng_point *p)
{
	size_t m_at = lx->pos;
	if (number(lx, 1, 2, &p->date.m, N_("expected a month after the year")) != 0)
		return -1;
	if (p->date.m < 1 || p->date.m > 12)
		return fail(lx, m_at, N_("month must be 1 to 12"));
	return 0;
}

static int day_number(lexer *lx, ng_point *p)
{
	size_t d_at = lx->pos;
	if (number(lx, 1, 2, &p->date.d, N_("expected a day after the month")) != 0)
		return -1;
	if (p->date.d < 1 || !ng_date_valid(p->date))
		return fail(lx, d_at, N_("no such day in that month"));
	return 0;
}

/* After the year: MM-DD, M/D or M.D with the year's separator. */
static int numeric_rest(lexer *lx, ng_point *p, const char *sep)
{
	if (month_number(lx, p) != 0)
		return -1;
	if (!match(lx, sep))
		return month_tail(lx, p);
	if (day_number(lx, p) != 0)
		return -1;
	return day_tail(lx, p);
}

/* After 年: M月[D日], or nothing (a year). */
static int kanji_rest(lexer *lx, ng_point *p)
{
	if (!spaced_number_ahead(lx))
		return year_tail(lx, p);
	if (month_number(lx, p) != 0)
		return -1;
	if (!spaced(lx, "月"))
		return fail(lx, lx->pos, N_("expected 月 after the month"));
	if (spaced(lx, "末日")) { /* the month's last day: a day, not 月末 */
		p->date = ng_point_last(p);
		return day_tail(lx, p);
	}
	if (!spaced_number_ahead(lx))
		return month_tail(lx, p);
	if (day_number(lx, p) != 0)
		return -1;
	if (!spaced(lx, "日"))
		return fail(lx, lx->pos, N_("expected 日 after the day"));
	return day_tail(lx, p);
}

static const char *const separators[] = {"-", "/", "."};

/* What follows the year: 年度, 年…, -MM-DD (or / .), or nothing. */
static int after_year(lexer *lx, ng_point *p)
{
	if (p->fiscal || spaced(lx, "年度")) {
		p->fiscal = true;
		return year_tail(lx, p);
	}
	if (spaced(lx, "年"))
		return kanji_rest(lx, p);
	size_t at = lx->pos;
	int k = match_any(lx, separators, NG_ARRAY_LEN(separators));
	if (k >= 0 && is_number_at(lx, lx->pos))
		return numeric_rest(lx, p, separators[k]);
	lx->pos = at;
	return year_tail(lx, p);
}

static int point(lexer *lx, ng_point *p)
{
	*p = (ng_point){.hour = -1, .minute = -1};
	size_t at = lx->pos;
	int era = era_name(lx);
	if (era >= 0 ? era_year(lx, era, p) : gregorian_year(lx, p))
		return -1;
	if (after_year(lx, p) != 0)
		return -1;
	return era >= 0 ? era_fits(lx, at, era, p) : 0;
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

/* What a number ahead is followed by: a range's end or a second day may
 * leave out what it shares with the start (～17:00, ～17時, ～6日, ～7月2日,
 * ・6日). */
typedef enum unit_ahead { AHEAD_OTHER, AHEAD_TIME, AHEAD_DAY, AHEAD_MONTH, AHEAD_DAYS } unit_ahead;

static unit_ahead number_unit_ahead(lexer *lx)
{
	size_t at = lx->pos;
	int v;
	unit_ahead u = AHEAD_OTHER;
	if (match(lx, "正午"))
		u = AHEAD_TIME;
	else if (is_digit_at(lx, at) || is_kanji_number_at(lx, at)) {
		size_t d0 = lx->pos;
		while (is_digit_at(lx, lx->pos))
			lx->pos++;
		if (lx->pos == d0)
			kanji_number(lx, &v);
		bool shortnum = lx->pos - d0 <= 2 || !is_digit_at(lx, d0);
		if (lx->pos - d0 <= 3 && match(lx, "日間"))
			u = AHEAD_DAYS;
		else if (shortnum && (match(lx, ":") || match(lx, "時")))
			u = AHEAD_TIME;
		else if (shortnum && match(lx, "日"))
			u = AHEAD_DAY;
		else if (shortnum && match(lx, "月"))
			u = AHEAD_MONTH;
	}
	lx->pos = at;
	return u;
}

/* An end that leaves out the start's year, month or day. */
static int short_end(lexer *lx, const ng_point *start, unit_ahead u, ng_point *p)
{
	size_t at = lx->pos;
	*p = (ng_point){.date = start->date, .hour = -1, .minute = -1};
	if (u == AHEAD_TIME) {
		if (!start->date.d)
			return fail(lx, at,
			            N_("a time alone can end only a range that starts on a day"));
		if (clock_time(lx, p) != 0)
			return -1;
		approx_word(lx, p);
		return 0;
	}
	if (u == AHEAD_DAY && !start->date.m)
		return fail(lx, at, N_("a day alone can follow only a date with its month"));
	if (u == AHEAD_MONTH &&
	    (month_number(lx, p) != 0 || expect(lx, "月", N_("expected 月 after the month")) != 0))
		return -1;
	p->date.d = 0;
	if (u == AHEAD_MONTH && !is_number_at(lx, lx->pos))
		return month_tail(lx, p);
	if (day_number(lx, p) != 0 || expect(lx, "日", N_("expected 日 after the day")) != 0)
		return -1;
	return day_tail(lx, p);
}

/* ～3日間, から3日間: N days from the start's day, the start the first of
 * them (5月2日から3日間 is 5月2日～4日), written as that range. */
static int days_end(lexer *lx, ng_when *w)
{
	size_t at = lx->pos;
	int n;
	if (!w->start.date.d || w->start.hour >= 0 || w->start.part)
		return fail(lx, at,
		            N_("a span of days (3日間) can follow only a day without a time"));
	if (number(lx, 1, 3, &n, N_("expected a number of days")) != 0 || !match(lx, "日間"))
		return -1;
	if (n < 2 || n > 366)
		return fail(lx, at,
		            N_("a span of days is 2 to 366 days (one day is the day itself)"));
	w->end = (ng_point){.date = w->start.date, .hour = -1, .minute = -1};
	for (int i = 1; i < n; i++)
		w->end.date = ng_date_next(w->end.date);
	return 0;
}

static int end_point(lexer *lx, ng_when *w)
{
	lx->in_end = true;
	unit_ahead u = number_unit_ahead(lx);
	if (u == AHEAD_DAYS) {
		lx->in_end = false;
		return days_end(lx, w);
	}
	int rc = u == AHEAD_OTHER ? point(lx, &w->end) : short_end(lx, &w->start, u, &w->end);
	lx->in_end = false;
	return rc;
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
	if (!is_number_at(lx, at) && !match(lx, "FY") && era_name(lx) < 0 && !match(lx, "正午"))
		return fail(lx, at, N_("expected a date, a time, 現在 or nothing after '~'"));
	lx->pos = at;
	if (end_point(lx, w) != 0)
		return -1;
	w->end_kind = NG_END_POINT;
	if (moment_cmp(bound(&w->end, true), bound(&w->start, false)) < 0)
		return fail(lx, at, N_("the range ends before it starts"));
	return 0;
}

/* 6月5日・6日: a second day, later than the first, neither with a time. */
static int second_day(lexer *lx, ng_when *w)
{
	size_t at = lx->pos;
	static const char two_days[] = N_(
	    "'・' joins two days (2023-06-05・2023-06-06, 令和5年6月5日・6日): both must be days "
	    "without a time, the second the later");
	if (!w->start.date.d || w->start.hour >= 0 || w->start.part)
		return fail(lx, at, two_days);
	unit_ahead u = number_unit_ahead(lx);
	if (u == AHEAD_TIME || u == AHEAD_DAYS || (u == AHEAD_OTHER && short_year_ahead(lx)) ||
	    (u == AHEAD_OTHER && is_digit_at(lx, at) && !is_digit_at(lx, at + 2)))
		return fail(lx, at, two_days);
	if ((u == AHEAD_OTHER ? point(lx, &w->end) : short_end(lx, &w->start, u, &w->end)) != 0)
		return -1;
	if (!w->end.date.d || w->end.hour >= 0 || w->end.part ||
	    ng_date_cmp(w->end.date, w->start.date) <= 0)
		return fail(lx, at, two_days);
	w->end_kind = NG_END_POINT;
	w->also = true;
	return 0;
}

static const char *const middle_dots[] = {"・", "･"};

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
	} else if (match_any(lx, middle_dots, NG_ARRAY_LEN(middle_dots)) >= 0) {
		skip_spaces(lx);
		if (second_day(lx, w) != 0)
			return -1;
		skip_spaces(lx);
	}
	if (!at_end(lx))
		return fail(lx, lx->pos, N_("unexpected text after the date"));
	return 0;
}

static int parse_narrow(const char *s, size_t len, ng_when *out, size_t *err_at, const char **err)
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

/* A Japanese IME types digits full-width by default (２０２４／５／２ ９：０５).
 * U+FF0D–U+FF1A (－ ． ／ ０–９ ：, EF BC 8D–9A) are the full-width forms
 * of U+002D–U+003A (- . / 0–9 :), in the same order. */
static int wide_ascii_at(const char *s, size_t len, size_t at)
{
	const unsigned char *u = (const unsigned char *)s + at;
	if (len - at < 3 || u[0] != 0xEF || u[1] != 0xBC || u[2] < 0x8D || u[2] > 0x9A)
		return -1;
	return '-' + (u[2] - 0x8D);
}

/* A text with full-width digits is read as its ASCII copy; from[i] is
 * the byte of s that copy's byte i came from, so an error's offset and a
 * typed weekday's (wd_at) point at what was typed, as the record's and
 * the client list's columns count it. */
static int parse_wide(const char *s, size_t len, ng_when *out, size_t *err_at, const char **err)
{
	char *narrow = ng_xmalloc(len + 1);
	size_t *from = ng_xmalloc((len + 1) * sizeof *from);
	size_t n = 0;
	for (size_t i = 0; i < len; n++) {
		int c = wide_ascii_at(s, len, i);
		from[n] = i;
		narrow[n] = c < 0 ? s[i] : (char)c;
		i += c < 0 ? 1 : 3;
	}
	from[n] = len;
	int rc = parse_narrow(narrow, n, out, err_at, err);
	if (rc != 0) {
		*err_at = from[*err_at];
	} else {
		out->start.wd_at = (unsigned short)from[out->start.wd_at];
		out->end.wd_at = (unsigned short)from[out->end.wd_at];
	}
	free(narrow);
	free(from);
	return rc;
}

int ng_when_parse(const char *s, size_t len, ng_when *out, size_t *err_at, const char **err)
{
	for (const char *p = len ? memchr(s, 0xEF, len) : NULL; p;
	     p = memchr(p + 1, 0xEF, len - (size_t)(p + 1 - s)))
		if (wide_ascii_at(s, len, (size_t)(p - s)) >= 0)
			return parse_wide(s, len, out, err_at, err);
	return parse_narrow(s, len, out, err_at, err);
}

static int point_weekday(const ng_point *p, size_t *at, int *typed, ng_date *day)
{
	if (!p->typed_wd || !p->date.d || ng_weekday(p->date) == p->typed_wd - 1)
		return 0;
	*typed = p->typed_wd - 1;
	*at = p->wd_at;
	*day = p->date;
	return -1;
}

int ng_when_typed_weekday(const ng_when *w, size_t *at, int *typed, ng_date *day)
{
	if (point_weekday(&w->start, at, typed, day) != 0)
		return -1;
	return w->end_kind == NG_END_POINT ? point_weekday(&w->end, at, typed, day) : 0;
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
