/* jcal.c — Japanese-calendar formatting: one ICU date formatter per
 * ng_jcal_pat, a Gregorian calendar that turns year-month-day into an
 * instant and a Japanese calendar that reads era fields back. Everything
 * runs in UTC so that no result depends on the TZ environment variable. */
#include "icu_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#define JCAL_LOCALE "ja_JP@calendar=japanese"

/* Formatter and calendars agree on the zone, so midnight of a date never
 * slides into the day before. */
static const UChar zone_utc[] = {'U', 'T', 'C', 0};

static const char *const patterns[NG_JCAL__COUNT] = {
    [NG_JCAL_DATE] = "GGGGy年M月d日",
    [NG_JCAL_ERA_YEAR] = "GGGGy年",
    [NG_JCAL_WEEKDAY] = "E",
};

struct ng_jcal {
	UDateFormat *fmt[NG_JCAL__COUNT];
	UCalendar *greg; /* year-month-day → instant, not lenient */
	UCalendar *jap;  /* instant → era and year */
	int y, m, d;     /* the last date converted (y == 0: none yet) */
	UDate when;
};

static UDateFormat *open_format(const char *pattern, ng_icu_err *err)
{
	UChar upat[32];
	int32_t n;
	UErrorCode st = U_ZERO_ERROR;
	u_strFromUTF8(upat, NG_ARRAY_LEN(upat), &n, pattern, -1, &st);
	if (U_FAILURE(st)) {
		icu_fail(err, "u_strFromUTF8", st);
		return NULL;
	}
	UDateFormat *f =
	    udat_open(UDAT_PATTERN, UDAT_PATTERN, JCAL_LOCALE, zone_utc, -1, upat, n, &st);
	if (U_FAILURE(st)) {
		icu_fail(err, "udat_open", st);
		return NULL;
	}
	return f;
}

static int open_calendars(ng_jcal *c, ng_icu_err *err)
{
	UErrorCode st = U_ZERO_ERROR;
	c->greg = ucal_open(zone_utc, -1, "root", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "ucal_open", st);
	ucal_setAttribute(c->greg, UCAL_LENIENT, 0);
	c->jap = ucal_open(zone_utc, -1, JCAL_LOCALE, UCAL_TRADITIONAL, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "ucal_open", st);
	/* An ICU built without the Japanese calendar would quietly give a
	 * Gregorian one; refuse rather than print 西暦 years. */
	const char *type = ucal_getType(c->jap, &st);
	if (U_FAILURE(st) || !type || strcmp(type, "japanese") != 0)
		return icu_fail(err, "ucal_getType", U_FAILURE(st) ? st : U_UNSUPPORTED_ERROR);
	return 0;
}

ng_jcal *ng_jcal_new(ng_icu_err *err)
{
	ng_jcal *c = ng_xcalloc(1, sizeof *c);
	for (size_t i = 0; i < NG_JCAL__COUNT; i++) {
		c->fmt[i] = open_format(patterns[i], err);
		if (!c->fmt[i]) {
			ng_jcal_free(c);
			return NULL;
		}
	}
	if (open_calendars(c, err) != 0) {
		ng_jcal_free(c);
		return NULL;
	}
	return c;
}

void ng_jcal_free(ng_jcal *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < NG_JCAL__COUNT; i++)
		if (c->fmt[i])
			udat_close(c->fmt[i]);
	if (c->greg)
		ucal_close(c->greg);
	if (c->jap)
		ucal_close(c->jap);
	free(c);
}

/* Midnight UTC of y-m-d. The last answer is kept: a date is usually
 * formatted in pieces (date, then weekday). */
static int to_udate(ng_jcal *c, int y, int m, int d, UDate *when, ng_icu_err *err)
{
	if (c->y != 0 && c->y == y && c->m == m && c->d == d) {
		*when = c->when;
		return 0;
	}
	UErrorCode st = U_ZERO_ERROR;
	ucal_clear(c->greg);
	ucal_setDate(c->greg, y, m - 1, d, &st);
	UDate t = ucal_getMillis(c->greg, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "ucal_getMillis", st);
	c->y = y;
	c->m = m;
	c->d = d;
	c->when = *when = t;
	return 0;
}

static int append_utf8(const UChar *u, int32_t n, ng_buf *out, ng_icu_err *err)
{
	char b[256];
	int32_t blen;
	UErrorCode st = U_ZERO_ERROR;
	u_strToUTF8(b, (int32_t)sizeof b, &blen, u, n, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "u_strToUTF8", st);
	ng_buf_add(out, b, (size_t)blen);
	return 0;
}

int ng_jcal_format(ng_jcal *c, int y, int m, int d, ng_jcal_pat pat, ng_buf *out, ng_icu_err *err)
{
	UDate t;
	if (to_udate(c, y, m, d, &t, err) != 0)
		return -1;
	UChar u[64];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = udat_format(c->fmt[pat], t, u, NG_ARRAY_LEN(u), NULL, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "udat_format", st);
	return append_utf8(u, n, out, err);
}

int ng_jcal_era(ng_jcal *c, int y, int m, int d, int *era, int *year, ng_icu_err *err)
{
	UDate t;
	if (to_udate(c, y, m, d, &t, err) != 0)
		return -1;
	UErrorCode st = U_ZERO_ERROR;
	ucal_setMillis(c->jap, t, &st);
	int e = ucal_get(c->jap, UCAL_ERA, &st);
	int yr = ucal_get(c->jap, UCAL_YEAR, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "ucal_get", st);
	*era = e;
	*year = yr;
	return 0;
}
