/* deadline.h — report deadlines of 規則第8条 counted in calendar days from
 * the day the business learned of the incident (知った日): the 速報 target
 * (「速やかに」, read by the guideline as 「概ね3～5日以内」: an outer target,
 * day 5, never moved over holidays) and the 確報 deadline (30 days, 60 when
 * category 3 of 規則第7条 applies). How days are counted is not settled
 * (JAPANESE.md §1 marks it unverified), so the rule is a parameter:
 * whether the day of knowing is day 1, and whether the 確報 deadline when
 * it falls on a weekend, a national holiday or 12-29..01-03 moves to the
 * next working day. Holidays are computed by the law's rules (holidays.c). */
#ifndef NG_DEADLINE_H
#define NG_DEADLINE_H

#include <stdbool.h>

#include "../era/era.h"
#include "../util/diag.h"

/* Whether the day of knowing counts as day 1 (初日算入, the default) or
 * the day after is day 1 (初日不算入, as 民法第140条 counts periods). */
typedef enum ng_first_day { NG_FIRST_DAY_INCLUDED = 0, NG_FIRST_DAY_EXCLUDED } ng_first_day;

/* What happens to a deadline on a non-working day. */
typedef enum ng_roll { NG_ROLL_NEXT_WORKING_DAY = 0, NG_ROLL_NONE } ng_roll;

/* The holiday table (data/holidays-jp.tsv) as loaded: the one-off days
 * of special laws (v, sorted) and the announced equinox days; holidays
 * themselves are computed by rule for first_year..last_year (1948–2150).
 * Years after announced_last use the equinox formula: provisional. */
typedef struct ng_holidays {
	ng_date *v;
	size_t n;
	int first_year, last_year;
	ng_date *equinox;
	size_t nequinox;
	int announced_last;
	/* Each year's holidays, computed when the year is first asked (a
	 * letter asks for a few years of the 203; computing them all was a
	 * twentieth of a cold start): [year - first_year], NULL until then,
	 * allocated from arena. An ng_holidays is therefore not shared
	 * between threads (each engine has its own). */
	struct ng_holiday_year **years;
	ng_arena *arena;
} ng_holidays;

typedef struct ng_day_rule {
	ng_first_day first_day;
	ng_roll roll;
	const ng_holidays *holidays; /* NULL: weekends and 12-29..01-03 only */
} ng_day_rule;

/* The 規則第7条 category bit mask: bit c set for category c (1–4). */
#define NG_CATEGORY_BIT(c) (1u << (c))

/* Loads a holiday table (lines "YYYY-MM-DD<TAB>name", '#' comments; rows
 * named 春分の日 or 秋分の日 are announced equinoxes, others one-off
 * holidays) from path into h, allocated from a. Returns 0, or -1 after
 * adding an error (the file cannot be read or has a bad line: never a
 * silently empty table). */
int ng_holidays_load(const char *path, ng_holidays *h, ng_arena *a, ng_diags *d);
/* The table shipped in data/ under ng_home_dir(). */
int ng_holidays_load_default(ng_holidays *h, ng_arena *a, ng_diags *d);
/* Whether the rules reach the year (1948–2150). */
bool ng_holidays_covers(const ng_holidays *h, int year);
/* Whether the year's equinoxes are not announced yet (formula only). */
bool ng_holidays_provisional(const ng_holidays *h, int year);
/* The holidays of year y, sorted, into v (64 entries): 祝日, 振替休日 and
 * 国民の休日. Returns how many (0 outside 1948–2150). h may be NULL (no
 * one-off days, every equinox by formula). */
size_t ng_holidays_of_year(const ng_holidays *h, int y, ng_date *v);
bool ng_holiday(const ng_holidays *h, ng_date d);

/* d plus n days (n may be negative). */
ng_date ng_date_add_days(ng_date d, int n);
/* Days from a to b (b - a). */
long ng_date_diff(ng_date a, ng_date b);

/* Not a Saturday, Sunday, 12-29..01-03 or a holiday in r->holidays. */
bool ng_working_day(const ng_day_rule *r, ng_date d);

/* Day n (n ≥ 1) counted from known under rule r, moved to the next working
 * day when the rule says so. */
ng_date ng_nth_day(const ng_day_rule *r, ng_date known, int n);

typedef struct ng_deadlines {
	/* 速報: 「速やかに」, by the guideline 「概ね3～5日以内」 — a target, not a
	 * window: day 5 as the rule counts days, never moved over holidays
	 * (moving it would only delay a report meant to be quick). */
	ng_date quick;
	ng_date final;  /* 確報 deadline */
	int final_days; /* 30, or 60 for category 3 */
} ng_deadlines;

/* The guideline's wording of the 速報 target, for summaries and letters. */
#define NG_QUICK_WORDING "速やかに（概ね3～5日以内）"

/* Whether a letter dated date is the 確報 when the record does not say:
 * after the 速報 target it is (規則第8条第2項). */
bool ng_report_final_by_date(ng_date date, const ng_deadlines *dl);

/* The deadlines for an incident known on known, of categories (a mask of
 * NG_CATEGORY_BIT). */
void ng_deadlines_compute(const ng_day_rule *r, ng_date known, unsigned categories,
                          ng_deadlines *out);

/* Warnings (at pos) for deadlines computed from known that the holiday
 * rules cannot settle: a year outside 1948–2150, or one whose equinox
 * days are not announced yet (provisional), that year written as era
 * writes the letter's years (NULL: 西暦). Used by check and render. */
void ng_deadline_holiday_warnings(const ng_day_rule *r, ng_date known, const ng_deadlines *dl,
                                  ng_era *era, ng_pos pos, ng_diags *d);

#endif
