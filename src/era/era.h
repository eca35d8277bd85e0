/* era.h — dates and times as Japanese letters write them: 和暦 (era names
 * and first days from data/eras.tsv, checked against ICU's Japanese
 * calendar), 西暦 or both, 元年 for a first year, the weekday always
 * computed (never typed by a user) and shown by rule, times in three
 * styles, parts of day, 頃/ころ, 時点, 上旬/中旬/下旬, months, years, 年度
 * and ranges. ICU itself is only touched in src/icu; this module owns the
 * wording. */
#ifndef NG_ERA_H
#define NG_ERA_H

#include <stdbool.h>

#include "../util/diag.h"
#include "../util/util.h"

/* A calendar date; d == 0 means "the month as a whole" (with a dekad or
 * alone), m == 0 (and d == 0) "the year as a whole". */
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

/* 頃 (kanji) or ころ (kana), as the record wrote it. */
typedef enum ng_approx { NG_APPROX_NONE = 0, NG_APPROX_KANJI, NG_APPROX_KANA } ng_approx;

/* An as-of point: 「…時点」 or 「…現在」 after it. */
typedef enum ng_asof { NG_ASOF_NONE = 0, NG_ASOF_JITEN, NG_ASOF_GENZAI } ng_asof;

/* The start or the end of a month, a year or a 年度 (5月初め, 5月末, 年末,
 * 令和5年度末). */
typedef enum ng_edge { NG_EDGE_NONE = 0, NG_EDGE_START, NG_EDGE_END } ng_edge;

/* One point in time as a letter states it. */
typedef struct ng_point {
	ng_date date;
	int hour, minute; /* -1 when absent */
	ng_approx approx; /* 頃 / ころ */
	ng_part part;
	ng_dekad dekad; /* with date.d == 0 */
	bool fiscal;    /* 年度: the year from April 1 of date.y (date.m == 0) */
	ng_asof asof;
	ng_edge edge; /* 初め / 末 of a month, year or 年度 (date.d == 0) */
	bool noon;    /* written 正午 (12:00) */
	/* A weekday typed after the day (（木）, (木), 木曜日): 0 none, 1–7
	 * Sunday–Saturday, at byte wd_at of the parsed text. Never printed
	 * (the weekday is computed); ng_when_typed_weekday checks it. */
	unsigned char typed_wd;
	unsigned short wd_at;
} ng_point;

/* How a range ends: not at all (a point), at a point, at 現在, or open
 * (「6月5日（月）～」). */
typedef enum ng_end { NG_END_NONE = 0, NG_END_POINT, NG_END_NOW, NG_END_OPEN } ng_end;

/* A date specification: a point, or a range to another point, to 現在, or
 * open-ended. */
typedef struct ng_when {
	ng_point start;
	ng_end end_kind;
	ng_point end;
	bool also; /* with NG_END_POINT: two days, 6月5日・6日, not a range */
} ng_when;

/* How much of a date to write. */
typedef enum ng_datestyle {
	NG_DATE_LONG = 0, /* 令和5年6月5日（月） */
	NG_DATE_MD,       /* 6月5日（月） */
	NG_DATE_SHORT,    /* 6/5（月） */
	NG_DATE_TIME      /* the time or part of day only: 13時50分, 未明 */
} ng_datestyle;

/* Which calendar writes the year. */
typedef enum ng_calendar {
	NG_CAL_WAREKI = 0, /* 令和5年 */
	NG_CAL_SEIREKI,    /* 2023年 */
	NG_CAL_BOTH        /* 令和5年（2023年）, or 2023年（令和5年） seireki first */
} ng_calendar;

/* How a time of day is written. */
typedef enum ng_timestyle {
	NG_TIME_KANJI = 0, /* 9時, 9時30分, 20時5分 (24-hour) */
	NG_TIME_AMPM,      /* 午前9時30分, 午後8時5分 (12-hour) */
	NG_TIME_COLON      /* 9:30, 20:05 */
} ng_timestyle;

/* Whether dates carry their weekday: by the rules (auto: an event's day
 * does, the letter's own date, an as-of date, 付け and months do not),
 * always or never. */
typedef enum ng_wdmode { NG_WD_AUTO = 0, NG_WD_ALWAYS, NG_WD_NEVER } ng_wdmode;

/* A letter's date conventions (letter.calendar, …). */
typedef struct ng_datefmt {
	ng_calendar calendar;
	bool seireki_first; /* with NG_CAL_BOTH */
	ng_wdmode weekday;
	ng_timestyle time;
	/* The letter's own date: a date written without its year (md, short)
	 * gets its year when it falls in another year. y == 0: no letter. */
	ng_date letter;
	/* Whether a day is a national holiday: its weekday is then written
	 * （月・祝）. NULL: no day is marked. */
	bool (*holiday)(const void *ctx, ng_date d);
	const void *holiday_ctx;
} ng_datefmt;

/* What one reference asks for on top of the letter's conventions; -1
 * (or NG_SHOW_ALL, false) inherits. */
typedef enum ng_show {
	NG_SHOW_ALL = 0, /* the whole specification */
	NG_SHOW_DAY,     /* only the date of a one-day point (the time column's partner) */
	NG_SHOW_CLOCK    /* only its time: empty for a point without one */
} ng_show;

typedef struct ng_dateopts {
	signed char calendar;      /* ng_calendar */
	signed char seireki_first; /* 0 or 1 */
	signed char weekday;       /* 0 never, 1 always */
	signed char time;          /* ng_timestyle */
	signed char year;          /* 1: always write the year (no md/short drop) */
	signed char full_end;      /* 1: a range's end keeps its month in the same month */
	signed char next_day;      /* 1: an end the next day with a time is 翌1時40分 */
	ng_show show;
	/* The context's default for the weekday under NG_WD_AUTO: true for an
	 * event's day (a timeline, a narrative), false for the letter's own
	 * date, an as-of date or 付け. */
	bool event;
} ng_dateopts;

#define NG_DATEOPTS_EVENT                                                                          \
	(ng_dateopts)                                                                              \
	{                                                                                          \
		-1, -1, -1, -1, -1, -1, -1, NG_SHOW_ALL, true                                      \
	}

/* Reads one option word into o or style: a style (long md short time), a
 * calendar (wareki seireki both), seireki-first / wareki-first, weekday /
 * noweekday, a time style (kanji ampm colon), year, fullend, next (翌 for
 * an end on the next day), day, clock.
 * Returns 0, or -1 for an unknown word. */
int ng_dateopts_word(ng_dateopts *o, ng_datestyle *style, const char *w, size_t n);
/* The words ng_dateopts_word knows, for hints. */
extern const char ng_dateopts_words[];

/* Wording of each part of day, indexed by ng_part ("" for NONE). */
extern const char *const ng_part_names[NG_PART__COUNT];
extern const char *const ng_dekad_names[4];
/* Wording of an edge, indexed by ng_edge: "", 初め, 末. */
extern const char *const ng_edge_names[3];
/* Weekday kanji, 0 = 日 (Sunday) … 6 = 土. */
extern const char *const ng_weekday_names[7];

/* Proleptic checks without ICU. */
bool ng_date_valid(ng_date d);
/* 0 = Sunday … 6 = Saturday. */
int ng_weekday(ng_date d);
/* <0, 0, >0 like strcmp (d == 0 sorts first in its month, m == 0 in its
 * year). */
int ng_date_cmp(ng_date a, ng_date b);
/* The day after d (a day, d.d ≥ 1). */
ng_date ng_date_next(ng_date d);
/* The first and last day a point can mean (a year, a fiscal year, a month,
 * a dekad or a day). */
ng_date ng_point_first(const ng_point *p);
ng_date ng_point_last(const ng_point *p);

/* Parses a date specification as users write it in a record or a
 * spreadsheet:
 *   spec  = point [ "~" [ point | end | "現在" ] ] | day "・" ( point | end )
 *           (～ and 〜 work as ~)
 *   point = year [ "-" | "/" | "." ] month [ sep day [weekday] [T] [part]
 *           [time] [頃|ころ] [part] [時点|現在] ]   (one separator throughout)
 *         | year "年" month "月" [ day "日" … ]  (the same tail)
 *         | year-month [上旬|中旬|下旬|初め|末] [頃|ころ]
 *         | year [年] [初め|末] | year "年度" [初め|末] | FYYYYY
 *   year  = YYYY | 二〇二四 | era N | era 元 (era 令和 平成 昭和 大正 明治, or
 *           R H S T M before digits: R6.5.2)
 *   time  = H:MM[:00] | H時[M分|半] | 正午 (24:00 / 24時 only as a range's end)
 *   end   = a time, D日, M月D日: on the start's day, month or year
 * Numbers may be kanji numerals (令和五年五月二日, 十二月). A weekday
 * typed after a day ((木), （木・祝）, 木曜日) is kept for
 * ng_when_typed_weekday, never printed. A date without its year (5/2,
 * 5月2日) or with two digits of year (24/5/2) is refused with a message
 * saying so. Spaces between tokens are optional. Returns 0, or -1 with
 * *err_at the byte offset of the problem and *err a message. Dates are
 * checked for existence (2023-02-30), against their era (平成31年5月1日
 * is refused: that day is 令和元年), and ranges for order. */
int ng_when_parse(const char *s, size_t len, ng_when *out, size_t *err_at, const char **err);

/* Whether a weekday typed in a specification (its start or end) is wrong
 * for its day: returns 0 when none is typed or each is right, else -1
 * with *at its byte offset in the parsed text, *typed the weekday typed
 * (0 = Sunday) and *day the day it was typed after. */
int ng_when_typed_weekday(const ng_when *w, size_t *at, int *typed, ng_date *day);

/* The era names a specification may be written in (name, initial, first
 * day), oldest first: the parser's own copy of data/eras.tsv's rows
 * (test_dates checks that the two agree). A new era written in ISO form
 * needs nothing; typed as 新元号N年 it needs its row here. */
typedef struct ng_era_input {
	const char *name;
	char initial;
	ng_date first;
} ng_era_input;
extern const ng_era_input ng_era_inputs[];
extern const size_t ng_era_inputs_n;

/* The formatter; holds the era table and ICU objects, so make one per
 * thread and reuse it. ng_era_new reads ng_home_dir()/data/eras.tsv;
 * ng_era_new_from reads path. Both return NULL (and fill err, cap bytes)
 * when the table cannot be read, has a bad line, or ICU fails. */
typedef struct ng_era ng_era;
ng_era *ng_era_new(char *err, size_t cap);
ng_era *ng_era_new_from(const char *path, char *err, size_t cap);
/* ng_era_new reporting a failure as an `era` diagnostic at the table's
 * bad line (file:line:1), or without a position when the file cannot be
 * read or ICU fails. */
ng_era *ng_era_open(ng_diags *d);
void ng_era_free(ng_era *e);

/* ng_when_parse through e's memo of the short texts it parsed before (a
 * batch's letters format the record's same dates in every letter; the
 * answer depends on the text alone). */
int ng_era_parse(ng_era *e, const char *s, size_t len, ng_when *out, size_t *err_at,
                 const char **err);

/* The letter's conventions (the default: 和暦, weekdays by rule, 24-hour
 * 時/分, no letter date). */
void ng_era_set_letter(ng_era *e, const ng_datefmt *f);
const ng_datefmt *ng_era_letter(const ng_era *e);

/* Appends the formatted text to out. Returns 0, or -1 (out unchanged; see
 * ng_era_error) when a date is before 1873-01-01 (Gregorian reckoning in
 * Japan), falls in an era ICU knows and data/eras.tsv does not, or ICU
 * fails. */
int ng_era_format(ng_era *e, const ng_when *w, ng_datestyle style, const ng_dateopts *o,
                  ng_buf *out);
/* Why the last call failed (a static or era-owned string). */
const char *ng_era_error(const ng_era *e);

/* Shorthands: one date, with or without its weekday; a point; a
 * specification with weekdays on its days. */
int ng_era_date(ng_era *e, ng_date d, ng_datestyle style, bool weekday, ng_buf *out);
int ng_era_point(ng_era *e, const ng_point *p, ng_datestyle style, ng_buf *out);
int ng_era_when(ng_era *e, const ng_when *w, ng_datestyle style, ng_buf *out);

/* The era in force on d by the table: its name and year (1 for 元年).
 * Returns 0, or -1 (see ng_era_error) as ng_era_format does. */
int ng_era_of(ng_era *e, ng_date d, const char **name, int *year);

/* The year of d alone as the letter writes years (令和10年, 2028年, or
 * both, by letter.calendar), for messages about a year. Returns 0, or -1
 * as ng_era_format does (out unchanged). */
int ng_era_year(ng_era *e, ng_date d, ng_buf *out);

#endif
