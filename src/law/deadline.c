/* deadline.c — calendar-day arithmetic and the 規則第8条 deadlines: day n
 * from the day of knowing under a switchable counting rule, working days
 * (weekends, 12-29..01-03 and the holiday table), 速報 and 確報. */
#include "deadline.h"

#include <stdio.h>

/* 速報 「速やかに」: the guideline's 「概ね3～5日以内」; its outer day is the
 * target. */
enum { QUICK_LAST_DAY = 5 };
/* 確報: 30 days; 60 for category 3 (an act with an improper purpose). */
enum { FINAL_DAYS = 30, FINAL_DAYS_IMPROPER = 60 };

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's
 * days_from_civil): March starts the counted year so that the leap day
 * falls at its end. */
static long days_from_civil(ng_date d)
{
	long y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static ng_date civil_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	return (ng_date){(int)(yoe + era * 400 + (m <= 2)), m, d};
}

ng_date ng_date_add_days(ng_date d, int n)
{
	return civil_from_days(days_from_civil(d) + n);
}

long ng_date_diff(ng_date a, ng_date b)
{
	return days_from_civil(b) - days_from_civil(a);
}

/* 年末年始: the days government offices close (行政機関の休日に関する法律). */
static bool new_year_break(ng_date d)
{
	return (d.m == 12 && d.d >= 29) || (d.m == 1 && d.d <= 3);
}

bool ng_working_day(const ng_day_rule *r, ng_date d)
{
	int wd = ng_weekday(d);
	return wd != 0 && wd != 6 && !new_year_break(d) &&
	       !(r->holidays && ng_holiday(r->holidays, d));
}

ng_date ng_nth_day(const ng_day_rule *r, ng_date known, int n)
{
	int offset = r->first_day == NG_FIRST_DAY_INCLUDED ? n - 1 : n;
	ng_date d = ng_date_add_days(known, offset);
	if (r->roll == NG_ROLL_NEXT_WORKING_DAY) {
		/* The longest run of days off is the new-year break next to a
		 * weekend and holidays: well under a month. */
		for (int i = 0; i < 31 && !ng_working_day(r, d); i++)
			d = ng_date_add_days(d, 1);
	}
	return d;
}

void ng_deadlines_compute(const ng_day_rule *r, ng_date known, unsigned categories,
                          ng_deadlines *out)
{
	out->final_days = categories & NG_CATEGORY_BIT(3) ? FINAL_DAYS_IMPROPER : FINAL_DAYS;
	ng_day_rule as_counted = *r;
	as_counted.roll = NG_ROLL_NONE;
	out->quick = ng_nth_day(&as_counted, known, QUICK_LAST_DAY);
	out->final = ng_nth_day(r, known, out->final_days);
}

bool ng_report_final_by_date(ng_date date, const ng_deadlines *dl)
{
	return ng_date_cmp(date, dl->quick) > 0;
}

void ng_deadline_holiday_warnings(const ng_day_rule *r, ng_date known, const ng_deadlines *dl,
                                  ng_era *era, ng_pos pos, ng_diags *d)
{
	if (r->roll == NG_ROLL_NONE || !r->holidays)
		return;
	const ng_holidays *h = r->holidays;
	ng_date days[2] = {known, dl->final};
	for (int i = 0; i < 2; i++) {
		if (i == 1 && days[1].y == days[0].y)
			break;
		if (!ng_holidays_covers(h, days[i].y)) {
			ng_diag *g =
			    ng_diag_add(d, NG_D_HOLIDAYS, pos,
			                ng_tr("the holiday rules do not reach this year; only "
			                      "weekends and 12-29..01-03 are skipped"));
			ng_diag_hint(d, g, "national holidays are computed for 1948–2150");
		} else if (ng_holidays_provisional(h, days[i].y)) {
			/* The year as the letter writes its years (令和10年 in a 和暦
			 * letter), as check's summary writes its dates. */
			ng_buf year = {0};
			if (!era || ng_era_year(era, days[i], &year) != 0) {
				ng_buf_reset(&year);
				ng_buf_printf(&year, "%d年", days[i].y);
			}
			char msg[512];
			snprintf(
			    msg, sizeof msg,
			    ng_tr("a deadline falls in %s, whose 春分の日 and 秋分の日 are not "
			          "announced yet: provisional (the astronomical formula's days)"),
			    year.data);
			ng_buf_free(&year);
			ng_diag *g = ng_diag_add(d, NG_D_HOLIDAYS, pos, msg);
			ng_diag_hint(d, g,
			             "once the 官報 announces them (each February for the next "
			             "year), add the two rows to data/holidays-jp.tsv");
		}
	}
}
