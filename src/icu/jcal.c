/* jcal.c — Japanese-calendar dates: ICU's Japanese calendar takes a
 * Gregorian year-month-day and reads era, year and weekday back, and the
 * era and weekday names come from ICU's locale data, looked up where ICU's
 * own date formatter finds them.
 *
 * Why not udat_open: a SimpleDateFormat for ja@calendar=japanese with 年 in
 * its pattern builds a rule-based number format for 元年 (plus decimal
 * formats), which cost ~6 M instructions per handle: 7 % of a whole
 * render. The calendar and the resource lookups cost a fraction of that;
 * tests/unit/test_icu.c keeps udat_format as the oracle for every day from
 * 1873 on. */
#include "icu_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#define JCAL_LOCALE  "ja_JP@calendar=japanese"
#define NAMES_LOCALE "ja_JP" /* its bundle falls back to ja, then root */

/* A fixed zone: no result depends on TZ. */
static const UChar zone_utc[] = {'U', 'T', 'C', 0};

/* Where a name list may be, in the order ICU's DateFormatSymbols looks:
 * CLDR's ja has no wide Japanese era names (GGGG), so ICU falls back to the
 * abbreviated ones (明治, not M); the Japanese calendar has no weekday
 * names of its own (E), so ICU takes the Gregorian ones. Below the first
 * key, ures_getByKey looks in this locale only, hence the explicit
 * alternatives. */
#define NAME_PATH_KEYS 6
typedef const char *const name_path[NAME_PATH_KEYS];

static name_path era_paths[] = {
    {"calendar", "japanese", "eras", "wide", NULL},
    {"calendar", "japanese", "eras", "abbreviated", NULL},
};

static name_path weekday_paths[] = {
    {"calendar", "japanese", "dayNames", "format", "abbreviated", NULL},
    {"calendar", "gregorian", "dayNames", "format", "abbreviated", NULL},
};

/* The calendar fields of one date, as ICU's Japanese calendar has them. */
typedef struct jfields {
	int era;  /* ICU's era number: 明治 232 … 令和 236 */
	int year; /* within the era, 1 for 元年 */
	int month, day;
	int wday; /* 1 = Sunday … 7 = Saturday (UCAL_DAY_OF_WEEK) */
} jfields;

/* Dates converted so far, by a hash of the date (a direct-mapped cache:
 * a batch formats the same dozen dates in every letter, and a calendar
 * round trip costs ~4,000 instructions). */
#define JCAL_MEMO 64
typedef struct jmemo {
	int y, m, d; /* y == 0: empty */
	jfields f;
} jmemo;

/* A name (era or weekday) in UTF-8, read from ICU's data once. */
#define NAME_MAX_BYTES 64
typedef struct jname {
	int i; /* the index it was read at; -1: empty */
	char s[NAME_MAX_BYTES];
} jname;

struct ng_jcal {
	UCalendar *jap;         /* Gregorian date → jfields, not lenient */
	UResourceBundle *eras;  /* era names by era number (UTF-16, ICU's data) */
	UResourceBundle *wdays; /* weekday names, Sunday first */
	jmemo memo[JCAL_MEMO];
	jname era_names[8]; /* by era number mod 8: the eras a letter meets */
	jname wday_names[7];
};

/* The resource at path under NAMES_LOCALE, or NULL with *st set. */
static UResourceBundle *open_path(const char *const *path, UErrorCode *st)
{
	UResourceBundle *r = ures_open(NULL, NAMES_LOCALE, st);
	for (size_t i = 0; path[i] && U_SUCCESS(*st); i++) {
		UResourceBundle *next = ures_getByKey(r, path[i], NULL, st);
		ures_close(r);
		r = next;
	}
	if (U_FAILURE(*st)) {
		ures_close(r);
		return NULL;
	}
	return r;
}

/* The first of n paths that exists; a missing one is no error unless all
 * are. */
static UResourceBundle *open_names(name_path *paths, size_t n, ng_icu_err *err)
{
	UErrorCode st = U_ZERO_ERROR;
	for (size_t i = 0; i < n; i++) {
		st = U_ZERO_ERROR;
		UResourceBundle *r = open_path(paths[i], &st);
		if (r)
			return r;
		if (st != U_MISSING_RESOURCE_ERROR)
			break;
	}
	icu_fail(err, "ures_getByKey", st);
	return NULL;
}

static int open_calendar(ng_jcal *c, ng_icu_err *err)
{
	UErrorCode st = U_ZERO_ERROR;
	c->jap = ucal_open(zone_utc, -1, JCAL_LOCALE, UCAL_TRADITIONAL, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "ucal_open", st);
	ucal_setAttribute(c->jap, UCAL_LENIENT, 0);
	/* An ICU built without the Japanese calendar would quietly give a
	 * Gregorian one; refuse rather than print 西暦 years. */
	const char *type = ucal_getType(c->jap, &st);
	if (U_FAILURE(st) || !type || strcmp(type, "japanese") != 0)
		return icu_fail(err, "ucal_getType", U_FAILURE(st) ? st : U_UNSUPPORTED_ERROR);
	return 0;
}

static int open_all(ng_jcal *c, ng_icu_err *err)
{
	if (open_calendar(c, err) != 0)
		return -1;
	c->eras = open_names(era_paths, NG_ARRAY_LEN(era_paths), err);
	if (!c->eras)
		return -1;
	c->wdays = open_names(weekday_paths, NG_ARRAY_LEN(weekday_paths), err);
	if (!c->wdays)
		return -1;
	if (ures_getSize(c->wdays) != 7)
		return icu_fail(err, "ures_getSize", U_INVALID_FORMAT_ERROR);
	return 0;
}

ng_jcal *ng_jcal_new(ng_icu_err *err)
{
	ng_jcal *c = ng_xcalloc(1, sizeof *c);
	for (size_t i = 0; i < NG_ARRAY_LEN(c->era_names); i++)
		c->era_names[i].i = -1;
	for (size_t i = 0; i < NG_ARRAY_LEN(c->wday_names); i++)
		c->wday_names[i].i = -1;
	if (open_all(c, err) != 0) {
		ng_jcal_free(c);
		return NULL;
	}
	return c;
}

void ng_jcal_free(ng_jcal *c)
{
	if (!c)
		return;
	if (c->jap)
		ucal_close(c->jap);
	ures_close(c->eras);
	ures_close(c->wdays);
	free(c);
}

/* Midnight UTC of y-m-d, read by the Japanese calendar. The extended year
 * is the Gregorian one (the Japanese calendar's UCAL_YEAR counts within an
 * era); the calendar is not lenient, so 2023-02-30 fails here instead of
 * becoming March 2. Before 1582-10-15 ICU counts Julian dates, as its
 * Gregorian calendar does. */
static int compute(ng_jcal *c, int y, int m, int d, jfields *f, ng_icu_err *err)
{
	/* ICU's Gregorian calendar has no year 0 (1 BC is year 1 of era BC);
	 * the extended year has, and would accept it. */
	if (y < 1)
		return icu_fail(err, "ucal_getMillis", U_ILLEGAL_ARGUMENT_ERROR);
	UErrorCode st = U_ZERO_ERROR;
	ucal_clear(c->jap);
	ucal_set(c->jap, UCAL_EXTENDED_YEAR, y);
	ucal_set(c->jap, UCAL_MONTH, m - 1);
	ucal_set(c->jap, UCAL_DATE, d);
	UDate t = ucal_getMillis(c->jap, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "ucal_getMillis", st);
	/* Read everything back from the instant, not from the fields set. */
	ucal_setMillis(c->jap, t, &st);
	f->era = ucal_get(c->jap, UCAL_ERA, &st);
	f->year = ucal_get(c->jap, UCAL_YEAR, &st);
	f->month = ucal_get(c->jap, UCAL_MONTH, &st) + 1;
	f->day = ucal_get(c->jap, UCAL_DATE, &st);
	f->wday = ucal_get(c->jap, UCAL_DAY_OF_WEEK, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "ucal_get", st);
	return 0;
}

/* The fields of y-m-d, from the memo when converted before (the answer
 * is a function of the date alone). A failure is not kept. */
static const jfields *fields(ng_jcal *c, int y, int m, int d, ng_icu_err *err)
{
	unsigned h = ((unsigned)y * 372u + (unsigned)m * 31u + (unsigned)d) % JCAL_MEMO;
	jmemo *e = &c->memo[h];
	if (e->y != 0 && e->y == y && e->m == m && e->d == d)
		return &e->f;
	jfields f;
	if (compute(c, y, m, d, &f, err) != 0)
		return NULL;
	*e = (jmemo){y, m, d, f};
	return &e->f;
}

/* names[i] in UTF-8 into b (cap bytes), or -1. */
static int name_at(UResourceBundle *names, int i, char *b, int32_t cap, ng_icu_err *err)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n;
	const UChar *u = ures_getStringByIndex(names, i, &n, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "ures_getStringByIndex", st);
	u_strToUTF8(b, cap, NULL, u, n, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		return icu_fail(err, "u_strToUTF8", U_FAILURE(st) ? st : U_BUFFER_OVERFLOW_ERROR);
	return 0;
}

/* Era name and year as GGGGy年 prints them. The year is what ICU's
 * jpanyear numbering writes for a pattern with 年 (its rules: 1 → 元,
 * otherwise plain digits). Those rules also match -1 (ICU's year for 643,
 * before 大化 began) by its absolute value: 大化元年 too. */
static void put_era_year(const char *era, int year, ng_buf *out)
{
	ng_buf_adds(out, era);
	if (year == 1 || year == -1) {
		ng_buf_adds(out, "元年");
	} else {
		ng_buf_int(out, year);
		ng_buf_adds(out, "年");
	}
}

/* names[i], kept in slot (read from ICU when the slot holds another). */
static const char *name_kept(UResourceBundle *names, int i, jname *slot, ng_icu_err *err)
{
	if (slot->i == i)
		return slot->s;
	if (name_at(names, i, slot->s, sizeof slot->s, err) != 0) {
		slot->i = -1;
		return NULL;
	}
	slot->i = i;
	return slot->s;
}

int ng_jcal_format(ng_jcal *c, int y, int m, int d, ng_jcal_pat pat, ng_buf *out, ng_icu_err *err)
{
	const jfields *f = fields(c, y, m, d, err);
	if (!f)
		return -1;
	const char *name;
	if (pat == NG_JCAL_WEEKDAY) {
		int i = f->wday - 1;
		if (i < 0 || i >= 7 || !(name = name_kept(c->wdays, i, &c->wday_names[i], err)))
			return i < 0 || i >= 7 ? icu_fail(err, "ucal_get", U_INVALID_FORMAT_ERROR)
			                       : -1;
		ng_buf_adds(out, name);
		return 0;
	}
	if (f->era < 0 || !(name = name_kept(c->eras, f->era, &c->era_names[f->era % 8], err)))
		return f->era < 0 ? icu_fail(err, "ucal_get", U_INVALID_FORMAT_ERROR) : -1;
	put_era_year(name, f->year, out);
	if (pat == NG_JCAL_DATE) {
		ng_buf_int(out, f->month);
		ng_buf_adds(out, "月");
		ng_buf_int(out, f->day);
		ng_buf_adds(out, "日");
	}
	return 0;
}

int ng_jcal_era(ng_jcal *c, int y, int m, int d, int *era, int *year, ng_icu_err *err)
{
	const jfields *f = fields(c, y, m, d, err);
	if (!f)
		return -1;
	*era = f->era;
	*year = f->year;
	return 0;
}
