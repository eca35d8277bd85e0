/* era.h — dates and times as Japanese letters write them: 和暦 through ICU's
 * Japanese calendar (令和元年 for a first year), weekday always computed
 * (never typed by a user), parts of day, 頃, 上旬/中旬/下旬 and ranges.
 * ICU itself is only touched in src/icu; this module owns the wording. */
#ifndef NG_ERA_H
#define NG_ERA_H

#include <stdbool.h>

#include "../util/util.h"

/* A calendar date; d == 0 means "the month as a whole" (used with dekad). */
typedef struct ng_date {
	int y, m, d;
} ng_date;

typedef enum ng_part {
	NG_PART_NONE = 0,
	NG_PART_MIMEI,    /* 未明 */
	NG_PART_SOUCHOU,  /* 早朝 */
	NG_PART_MYOUCHOU, /* 明朝 */
	NG_PART_GOZEN,    /* 午前 */
	NG_PART_HIRU,     /* 昼 */
	NG_PART_GOGO,     /* 午後 */
	NG_PART_YUUGATA,  /* 夕方 */
	NG_PART_YORU,     /* 夜 */
	NG_PART_SHINYA,   /* 深夜 */
	NG_PART__COUNT
} ng_part;

typedef enum ng_dekad {
	NG_DEKAD_NONE = 0,
	NG_DEKAD_JOUJUN,
	NG_DEKAD_CHUUJUN,
	NG_DEKAD_GEJUN
} ng_dekad;

/* One point in time as a letter states it. */
typedef struct ng_point {
	ng_date date;
	int hour, minute; /* -1 when absent */
	bool approx;      /* 頃 */
	ng_part part;
	ng_dekad dekad; /* with date.d == 0 */
} ng_point;

typedef enum ng_end { NG_END_NONE = 0, NG_END_POINT, NG_END_NOW } ng_end;

/* A date specification: a point, or a range to another point or to 現在. */
typedef struct ng_when {
	ng_point start;
	ng_end end_kind;
	ng_point end;
} ng_when;

/* How much of a date to write. */
typedef enum ng_datestyle {
	NG_DATE_LONG = 0, /* 令和5年6月5日（月） */
	NG_DATE_MD,       /* 6月5日（月） */
	NG_DATE_SHORT,    /* 6/5（月） */
	NG_DATE_TIME      /* the time or part of day only: 13時50分, 未明 */
} ng_datestyle;

/* Wording of each part of day, indexed by ng_part ("" for NONE). */
extern const char *const ng_part_names[NG_PART__COUNT];
extern const char *const ng_dekad_names[4];

/* Proleptic checks without ICU. */
bool ng_date_valid(ng_date d);
/* 0 = Sunday … 6 = Saturday. */
int ng_weekday(ng_date d);
/* <0, 0, >0 like strcmp (d == 0 sorts first in its month). */
int ng_date_cmp(ng_date a, ng_date b);

/* Parses a date specification as users write it in a record:
 *   point [ "~" ( point | "現在" ) ]        (～ and 〜 are accepted for ~)
 *   point = YYYY-MM-DD [H:MM] [頃] [part]  |  YYYY-MM (上旬|中旬|下旬)
 * with part one of ng_part_names (e.g. "2023-06-05 未明", "2023-06-05 9:00頃",
 * "2023-06 中旬 ~ 現在"). Spaces between tokens are optional. Returns 0, or
 * -1 with *err_at the byte offset of the problem and *err a message. Dates
 * are checked for existence (2023-02-30 is rejected) and ranges for order. */
int ng_when_parse(const char *s, size_t len, ng_when *out, size_t *err_at, const char **err);

/* The formatter; holds ICU objects, so make one per thread and reuse it.
 * ng_era_new returns NULL (and fills err, cap bytes) when ICU fails. */
typedef struct ng_era ng_era;
ng_era *ng_era_new(char *err, size_t cap);
void ng_era_free(ng_era *e);

/* Appends the formatted text to out. Returns 0, or -1 when the date is
 * before 1873-01-01 (Gregorian reckoning in Japan) or ICU fails. */
int ng_era_date(ng_era *e, ng_date d, ng_datestyle style, bool weekday, ng_buf *out);
int ng_era_point(ng_era *e, const ng_point *p, ng_datestyle style, ng_buf *out);
/* A range is written start～end; in LONG style the end drops the era and
 * year when it shares them with the start (令和5年6月5日（月）～6月6日（火）),
 * and a range within one day writes only the end's time. */
int ng_era_when(ng_era *e, const ng_when *w, ng_datestyle style, ng_buf *out);

#endif
