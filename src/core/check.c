/* check.c — `notice-gen check`: validate a record, then summarise what the
 * law asks of it: the 規則第7条 categories, each party's 速報 target and 確報
 * deadline (規則第8条) in 和暦 with weekdays, and which required items each
 * letter type has. The summary is text or JSON lines; the diagnostics are
 * the caller's to print. */
#include <stdio.h>
#include <string.h>

#include "../era/era.h"
#include "../law/deadline.h"
#include "../record/record.h"
#include "../record/validate.h"
#include "notice_gen.h"

/* Short item names for the summary line. */
static const char *const item_short[NG_ITEM__END] = {
    "",         "概要",         "項目", "本人の数", "原因",
    "二次被害", "本人への対応", "公表", "再発防止", "その他",
};

static const char *const state_words[] = {"未記載", "記載", "調査中"};
static const char *const state_keys[] = {"absent", "known", "investigating"};

typedef struct summary {
	const ng_record *rec;
	FILE *out;
	bool json;
	ng_era *era;
	ng_day_rule rule;
	ng_holidays holidays;
	ng_arena *a;
	ng_diags *d;
	ng_buf tmp;
} summary;

/* ---- JSON output helpers */

static void json_key(FILE *out, const char *key, const char *value)
{
	fprintf(out, ",\"%s\":", key);
	ng_fput_json(out, value);
}

static const char *iso(summary *s, ng_date d)
{
	return ng_aprintf(s->a, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* 令和5年8月3日（木）, from the era module. */
static const char *wareki(summary *s, ng_date d)
{
	ng_buf_reset(&s->tmp);
	if (ng_era_date(s->era, d, NG_DATE_LONG, true, &s->tmp) != 0)
		return iso(s, d);
	return ng_strdup(s->a, s->tmp.data);
}

static const char *wareki_when(summary *s, const ng_when *w)
{
	ng_buf_reset(&s->tmp);
	if (ng_era_when(s->era, w, NG_DATE_LONG, &s->tmp) != 0)
		return iso(s, w->start.date);
	return ng_strdup(s->a, s->tmp.data);
}

/* ---- the record as a whole */

static const char *rule_text(const ng_day_rule *r)
{
	if (r->first_day == NG_FIRST_DAY_INCLUDED)
		return r->roll == NG_ROLL_NONE
		           ? "the day of knowing is day 1; no moving off holidays"
		           : "the day of knowing is day 1; a deadline on a weekend, holiday or "
		             "12-29..01-03 moves to the next working day";
	return r->roll == NG_ROLL_NONE
	           ? "the day after knowing is day 1; no moving off holidays"
	           : "the day after knowing is day 1; a deadline on a weekend, holiday or "
	             "12-29..01-03 moves to the next working day";
}

static void text_head(summary *s)
{
	const ng_record *r = s->rec;
	fprintf(s->out, "summary of %s\n  categories (規則第7条):", r->file);
	if (!r->categories)
		fputs(" none given (a report to the PPC may not be mandatory)", s->out);
	for (int c = 1; c <= 4; c++)
		if (r->categories & NG_CATEGORY_BIT(c))
			fprintf(s->out, "\n    %d %s", c, ng_category_name(c));
	fputs("\n  persons affected (本人の数): ", s->out);
	if (r->affected.state == NG_STATE_KNOWN)
		fprintf(s->out, "%s%ld\n", r->affected.approx ? "約" : "", r->affected.count);
	else
		fprintf(s->out, "%s\n", state_words[r->affected.state]);
	fprintf(s->out, "  day counting: %s\n", rule_text(&s->rule));
}

static void json_head(summary *s)
{
	const ng_record *r = s->rec;
	fputs("{\"type\":\"summary\"", s->out);
	json_key(s->out, "file", r->file);
	fputs(",\"categories\":[", s->out);
	for (int c = 1, n = 0; c <= 4; c++)
		if (r->categories & NG_CATEGORY_BIT(c))
			fprintf(s->out, "%s%d", n++ ? "," : "", c);
	fprintf(s->out, "],\"affected\":{\"state\":\"%s\"", state_keys[r->affected.state]);
	if (r->affected.state == NG_STATE_KNOWN)
		fprintf(s->out, ",\"count\":%ld,\"approx\":%s", r->affected.count,
		        r->affected.approx ? "true" : "false");
	fprintf(s->out, "},\"first_day\":\"%s\",\"roll\":\"%s\"}\n",
	        s->rule.first_day == NG_FIRST_DAY_INCLUDED ? "included" : "excluded",
	        s->rule.roll == NG_ROLL_NONE ? "none" : "next-working-day");
}

/* ---- one party's deadlines */

static void text_party(summary *s, const ng_party *p, const ng_deadlines *dl)
{
	fprintf(s->out, "  party %s\n", p->name.s);
	if (p->occurred.set)
		fprintf(s->out, "    発生日: %s\n", wareki_when(s, &p->occurred.v));
	if (!p->known.set) {
		fputs("    知った日: not given (add 'known'); no deadlines\n", s->out);
		return;
	}
	fprintf(s->out, "    知った日: %s\n", wareki(s, p->known.v.start.date));
	fprintf(s->out, "    速報 (days 3–5): %s～", wareki(s, dl->quick_from));
	fprintf(s->out, "%s  [%s..", wareki(s, dl->quick_to), iso(s, dl->quick_from));
	fprintf(s->out, "%s]\n", iso(s, dl->quick_to));
	fprintf(s->out, "    確報 (%d days%s): %s  [%s]\n", dl->final_days,
	        dl->final_days == 60 ? ", category 3" : "", wareki(s, dl->final),
	        iso(s, dl->final));
}

static void json_party(summary *s, const ng_party *p, const ng_deadlines *dl)
{
	fputs("{\"type\":\"party\"", s->out);
	json_key(s->out, "name", p->name.s);
	if (p->occurred.set)
		json_key(s->out, "occurred", iso(s, p->occurred.v.start.date));
	if (p->known.set) {
		json_key(s->out, "known", iso(s, p->known.v.start.date));
		json_key(s->out, "quick_from", iso(s, dl->quick_from));
		json_key(s->out, "quick_to", iso(s, dl->quick_to));
		json_key(s->out, "quick_from_wareki", wareki(s, dl->quick_from));
		json_key(s->out, "quick_to_wareki", wareki(s, dl->quick_to));
		json_key(s->out, "final_due", iso(s, dl->final));
		json_key(s->out, "final_due_wareki", wareki(s, dl->final));
		fprintf(s->out, ",\"final_days\":%d", dl->final_days);
	}
	fputs("}\n", s->out);
}

/* A deadline past the holiday table's years cannot be trusted to skip
 * holidays: say so. */
static void check_coverage(summary *s, const ng_party *p, const ng_deadlines *dl)
{
	if (s->rule.roll == NG_ROLL_NONE || !s->rule.holidays)
		return;
	if (ng_holidays_covers(s->rule.holidays, dl->final.y) &&
	    ng_holidays_covers(s->rule.holidays, p->known.v.start.date.y))
		return;
	ng_diag *g = ng_diag_add(s->d, NG_D_HOLIDAYS, p->known.text.pos,
	                         "the table does not cover this year; only weekends and "
	                         "12-29..01-03 are skipped");
	ng_diag_hint(s->d, g, "add the year's holidays to data/holidays-jp.tsv");
}

static void party(summary *s, const ng_party *p)
{
	ng_deadlines dl = {0};
	if (p->known.set) {
		ng_deadlines_compute(&s->rule, p->known.v.start.date, s->rec->categories, &dl);
		check_coverage(s, p, &dl);
	}
	if (s->json)
		json_party(s, p, &dl);
	else
		text_party(s, p, &dl);
}

/* ---- required items per letter type */

static unsigned missing_items(const ng_record *r, ng_audience a)
{
	unsigned need = ng_audience_items(a), missing = 0;
	for (int i = 1; i < NG_ITEM__END; i++)
		if ((need & (1u << i)) && r->items[i].state == NG_STATE_ABSENT)
			missing |= 1u << i;
	return missing;
}

static void text_letter(summary *s, ng_audience a)
{
	const ng_record *r = s->rec;
	unsigned need = ng_audience_items(a), missing = missing_items(r, a);
	fprintf(s->out, "    %s (%s)%s: %s", ng_audience_name(a), ng_audience_article(a),
	        a == r->letter.audience ? " [this letter]" : "",
	        missing ? "incomplete, missing" : "complete");
	for (int i = 1; i < NG_ITEM__END; i++)
		if (missing & (1u << i))
			fprintf(s->out, " %d", i);
	fputs("\n      ", s->out);
	for (int i = 1, n = 0; i < NG_ITEM__END; i++)
		if (need & (1u << i))
			fprintf(s->out, "%s%d %s: %s", n++ ? ", " : "", i, item_short[i],
			        state_words[r->items[i].state]);
	fputc('\n', s->out);
}

static void json_letter(summary *s, ng_audience a)
{
	const ng_record *r = s->rec;
	unsigned need = ng_audience_items(a);
	fputs("{\"type\":\"letter\"", s->out);
	json_key(s->out, "audience", ng_audience_keys[a]);
	json_key(s->out, "name", ng_audience_name(a));
	json_key(s->out, "article", ng_audience_article(a));
	fprintf(s->out, ",\"this_letter\":%s,\"items\":{",
	        a == r->letter.audience ? "true" : "false");
	for (int i = 1, n = 0; i < NG_ITEM__END; i++)
		if (need & (1u << i))
			fprintf(s->out, "%s\"%d\":\"%s\"", n++ ? "," : "", i,
			        state_keys[r->items[i].state]);
	fprintf(s->out, "},\"complete\":%s}\n", missing_items(r, a) ? "false" : "true");
}

static void letters(summary *s)
{
	if (!s->json)
		fputs("  required items (記載 stated, 調査中 marked not yet known, 未記載 "
		      "missing):\n",
		      s->out);
	for (int a = 0; a < NG_AUD__COUNT; a++) {
		if (s->json)
			json_letter(s, (ng_audience)a);
		else
			text_letter(s, (ng_audience)a);
	}
}

/* ---- the call */

static ng_status summarize(summary *s)
{
	char err[160];
	s->era = ng_era_new(err, sizeof err);
	if (!s->era) {
		ng_diag_add(s->d, NG_D_ICU, (ng_pos){0}, "calendar", err);
		return NG_ERR_INTERNAL;
	}
	s->rule.first_day = s->rec->deadlines.first_day;
	s->rule.roll = s->rec->deadlines.roll;
	if (s->rule.roll != NG_ROLL_NONE && ng_holidays_load_default(&s->holidays, s->a, s->d) == 0)
		s->rule.holidays = &s->holidays;
	if (s->json)
		json_head(s);
	else
		text_head(s);
	for (size_t i = 0; i < s->rec->parties.n; i++)
		party(s, &s->rec->parties.v[i]);
	letters(s);
	ng_era_free(s->era);
	ng_buf_free(&s->tmp);
	return NG_OK;
}

/* A record that could not be read at all is an I/O error, not an input
 * error: the exit code tells a script which of the two to fix. */
static ng_status input_status(const ng_diags *d)
{
	size_t n = ng_diags_count(d);
	return n && ng_diags_get(d, n - 1)->code == NG_D_IO_READ ? NG_ERR_IO : NG_ERR_INPUT;
}

ng_status ng_check_run(const ng_check_opts *opts, ng_diags *diags)
{
	ng_arena *a = ng_arena_new();
	ng_record *rec = ng_record_load(opts->input, a, diags);
	ng_status st = rec ? NG_OK : input_status(diags);
	if (rec && opts->summary) {
		summary s = {
		    .rec = rec, .out = opts->summary, .json = opts->json, .a = a, .d = diags};
		st = summarize(&s);
	}
	if (st == NG_OK && ng_diags_errors(diags) > 0)
		st = NG_ERR_INPUT;
	ng_arena_free(a);
	return st;
}

ng_status ng_check(const char *input, ng_diags *diags)
{
	ng_check_opts o = {.input = input};
	return ng_check_run(&o, diags);
}
