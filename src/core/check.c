/* check.c — `notice-gen check`: validate a record, then summarise what the
 * law asks of it: the 規則第7条 categories, each party's 速報 target and 確報
 * deadline (規則第8条) with weekdays, written as the letter writes its dates
 * (和暦, 西暦 or both: letter.calendar), whether the letter is the 速報
 * or the 確報, and which required items each letter type has (in a 確報, an
 * item still 調査中 is missing). The summary is text or JSON lines; the
 * diagnostics are the caller's to print. */
#include <stdio.h>
#include <string.h>

#include "../era/era.h"
#include "../law/deadline.h"
#include "../record/record.h"
#include "../record/validate.h"
#include "../template/template.h"
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
	/* The earliest party's deadlines (the letter's clock), if any party
	 * has a 知った日. */
	bool timed;
	ng_deadlines first;
	bool final;  /* the letter is the 確報 */
	bool stated; /* letter.report said so (else: from the date) */
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

/* A specification in full with its weekdays, in calendar cal (-1: the
 * letter's), from the era module; ISO when it cannot be written. */
static const char *date_text(summary *s, const ng_when *w, int cal)
{
	ng_dateopts o = NG_DATEOPTS_EVENT;
	o.calendar = (signed char)cal;
	ng_buf_reset(&s->tmp);
	if (ng_era_format(s->era, w, NG_DATE_LONG, &o, &s->tmp) != 0)
		return iso(s, w->start.date);
	return ng_strdup(s->a, s->tmp.data);
}

/* A day as the letter writes its dates: 令和5年8月3日（木）, 2023年8月3日（木）
 * or both, by letter.calendar (the era module knows the letter's
 * conventions: summarize sets them). */
static const char *letter_date(summary *s, ng_date d)
{
	ng_when w = {.start = {.date = d, .hour = -1, .minute = -1}};
	return date_text(s, &w, -1);
}

/* The same in 和暦 whatever the letter's calendar: the JSON's *_wareki. */
static const char *wareki(summary *s, ng_date d)
{
	ng_when w = {.start = {.date = d, .hour = -1, .minute = -1}};
	return date_text(s, &w, NG_CAL_WAREKI);
}

/* ---- the record as a whole */

static const char *rule_text(const ng_day_rule *r)
{
	if (r->first_day == NG_FIRST_DAY_INCLUDED)
		return ng_tr(r->roll == NG_ROLL_NONE
		                 ? N_("the day of knowing is day 1; no moving off holidays")
		                 : N_("the day of knowing is day 1; a deadline on a weekend, "
		                      "holiday or 12-29..01-03 moves to the next working day"));
	return ng_tr(r->roll == NG_ROLL_NONE
	                 ? N_("the day after knowing is day 1; no moving off holidays")
	                 : N_("the day after knowing is day 1; a deadline on a weekend, "
	                      "holiday or 12-29..01-03 moves to the next working day"));
}

static void text_head(summary *s)
{
	const ng_record *r = s->rec;
	fprintf(s->out, ng_tr("summary of %s\n  categories (規則第7条):"), r->file);
	if (!r->categories)
		fputs(ng_tr(" none given (a report to the PPC may not be mandatory)"), s->out);
	for (int c = 1; c <= 4; c++)
		if (r->categories & NG_CATEGORY_BIT(c))
			fprintf(s->out, "\n    %d %s", c, ng_category_name(c));
	fputs(ng_tr("\n  persons affected (本人の数): "), s->out);
	ng_buf_reset(&s->tmp);
	long n = ng_affected_deciding(&r->affected);
	bool worded = r->affected.state == NG_STATE_KNOWN &&
	              ng_affected_text(s->era, &r->affected, &s->tmp) == 0 && s->tmp.data;
	/* with the number category 4 is decided by (a range's upper end, 未満
	 * one less), or that none decides it (数十件) */
	if (worded && n < 0)
		fprintf(s->out, ng_tr("%s (not a number: category 4 is not decided)\n"),
		        s->tmp.data);
	else if (worded && n != r->affected.count)
		fprintf(s->out, ng_tr("%s (%ld for category 4)\n"), s->tmp.data, n);
	else if (worded)
		fprintf(s->out, "%s (%ld)\n", s->tmp.data, n);
	else if (r->affected.state == NG_STATE_KNOWN)
		fprintf(s->out, "%s%ld\n", r->affected.approx ? "約" : "", r->affected.count);
	else
		fprintf(s->out, "%s\n", state_words[r->affected.state]);
	fprintf(s->out, ng_tr("  day counting: %s\n"), rule_text(&s->rule));
	/* What the letter leaves out by the record's own choice (letter.omit):
	 * shown, so that nothing is left out unseen. */
	const ng_texts *o = &r->letter.omit;
	ng_buf_reset(&s->tmp);
	for (size_t i = 0; i < o->n; i++)
		ng_buf_printf(&s->tmp, "%s%s", i ? ", " : "", o->v[i].s);
	if (o->n)
		fprintf(s->out, ng_tr("  left out on purpose (letter.omit): %s\n"), s->tmp.data);
	fprintf(s->out, ng_tr("  report (規則第8条): %s (%s)\n"), s->final ? "確報" : "速報",
	        s->stated ? "letter.report"
	        : s->timed
	            ? ng_tr(s->final
	                        ? N_("dated after the 速報 target; set letter.report to change")
	                        : N_("dated by the 速報 target; set letter.report to change"))
	            : ng_tr("no 知った日 to date it by; set letter.report"));
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
	if (r->affected.state == NG_STATE_KNOWN) {
		long n = ng_affected_deciding(&r->affected);
		if (r->affected.count >= 0)
			fprintf(s->out, ",\"count\":%ld", r->affected.count);
		else
			fputs(",\"count\":null", s->out);
		if (n != r->affected.count && n >= 0)
			fprintf(s->out, ",\"category_4_count\":%ld", n);
		else if (n < 0)
			fputs(",\"category_4_count\":null", s->out);
		fprintf(s->out, ",\"approx\":%s", r->affected.approx ? "true" : "false");
		ng_buf_reset(&s->tmp);
		if (ng_affected_text(s->era, &r->affected, &s->tmp) == 0 && s->tmp.data)
			json_key(s->out, "text", s->tmp.data);
	}
	fprintf(s->out, "},\"first_day\":\"%s\",\"roll\":\"%s\"",
	        s->rule.first_day == NG_FIRST_DAY_INCLUDED ? "included" : "excluded",
	        s->rule.roll == NG_ROLL_NONE ? "none" : "next-working-day");
	fputs(",\"omit\":[", s->out);
	for (size_t i = 0; i < r->letter.omit.n; i++) {
		if (i)
			fputc(',', s->out);
		ng_fput_json(s->out, r->letter.omit.v[i].s);
	}
	fputc(']', s->out);
	fprintf(s->out, ",\"report\":\"%s\",\"report_from\":\"%s\"}\n",
	        s->final ? "final" : "preliminary", s->stated ? "record" : "date");
}

/* ---- one party's deadlines */

static void text_party(summary *s, const ng_party *p, const ng_deadlines *dl)
{
	fprintf(s->out, ng_tr("  party %s\n"), p->name.s);
	if (p->occurred.set)
		fprintf(s->out, "    発生日: %s\n", date_text(s, &p->occurred.v, -1));
	if (!p->known.set) {
		fputs(ng_tr("    知った日: not given (add 'known'); no deadlines\n"), s->out);
		return;
	}
	fprintf(s->out, "    知った日: %s\n", letter_date(s, p->known.v.start.date));
	fprintf(s->out, ng_tr("    速報 target: %s  [%s]  %s: a target, not moved over holidays\n"),
	        letter_date(s, dl->quick), iso(s, dl->quick), NG_QUICK_WORDING);
	fprintf(s->out, ng_tr("    確報 (%d days%s): %s  [%s]\n"), dl->final_days,
	        dl->final_days == 60 ? ng_tr(", category 3") : "", letter_date(s, dl->final),
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
		json_key(s->out, "quick_target", iso(s, dl->quick));
		json_key(s->out, "quick_target_wareki", wareki(s, dl->quick));
		json_key(s->out, "quick_target_text", letter_date(s, dl->quick));
		json_key(s->out, "quick_wording", NG_QUICK_WORDING);
		json_key(s->out, "final_due", iso(s, dl->final));
		json_key(s->out, "final_due_wareki", wareki(s, dl->final));
		json_key(s->out, "final_due_text", letter_date(s, dl->final));
		fprintf(s->out, ",\"final_days\":%d", dl->final_days);
	}
	fputs("}\n", s->out);
}

/* A deadline the holiday rules cannot settle is flagged: outside the
 * law's years, or in a year whose equinox days are not announced yet (the
 * formula's day is provisional). */
static void check_coverage(summary *s, const ng_party *p, const ng_deadlines *dl)
{
	ng_deadline_holiday_warnings(&s->rule, p->known.v.start.date, dl, s->era, p->known.text.pos,
	                             s->d);
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

/* 速報 and 確報 are the report to the Commission (規則第8条) and the
 * notice that carries its items to the 委託元: in a 確報 every item must be
 * stated (第2項), so one still 調査中 is missing. */
static bool reports_items(ng_audience a)
{
	return a == NG_AUD_PPC || a == NG_AUD_CLIENTS;
}

static bool item_missing(const summary *s, ng_audience a, int i)
{
	ng_state st = s->rec->items[i].state;
	return st == NG_STATE_ABSENT ||
	       (st == NG_STATE_INVESTIGATING && s->final && reports_items(a));
}

static unsigned missing_items(const summary *s, ng_audience a)
{
	unsigned need = ng_audience_items(a), missing = 0;
	for (int i = 1; i < NG_ITEM__END; i++)
		if ((need & (1u << i)) && item_missing(s, a, i))
			missing |= 1u << i;
	return missing;
}

static void text_letter(summary *s, ng_audience a)
{
	const ng_record *r = s->rec;
	unsigned need = ng_audience_items(a), missing = missing_items(s, a);
	fprintf(s->out, "    %s (%s)%s: %s", ng_audience_name(a), ng_audience_article(a),
	        a == r->letter.audience ? ng_tr(" [this letter]") : "",
	        missing ? ng_tr("incomplete, missing") : ng_tr("complete"));
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
	fprintf(s->out, "},\"complete\":%s}\n", missing_items(s, a) ? "false" : "true");
}

static void letters(summary *s)
{
	if (!s->json)
		fputs(ng_tr("  required items (記載 stated, 調査中 marked not yet known, 未記載 "
		            "missing; in a 確報 an item still 調査中 is missing too):\n"),
		      s->out);
	for (int a = 0; a < NG_AUD__COUNT; a++) {
		if (s->json)
			json_letter(s, (ng_audience)a);
		else
			text_letter(s, (ng_audience)a);
	}
}

/* ---- 速報 or 確報 */

/* The earliest deadlines of the parties that have a 知った日. */
static void first_deadlines(summary *s)
{
	for (size_t i = 0; i < s->rec->parties.n; i++) {
		const ng_party *p = &s->rec->parties.v[i];
		if (!p->known.set)
			continue;
		ng_deadlines dl;
		ng_deadlines_compute(&s->rule, p->known.v.start.date, s->rec->categories, &dl);
		if (!s->timed || ng_date_cmp(dl.quick, s->first.quick) < 0)
			s->first = dl;
		s->timed = true;
	}
}

/* letter.report, or from the date: after the 速報 target it is the 確報;
 * with no 知った日 to count from, the 確報 (the stricter reading). */
static void report_kind(summary *s)
{
	const ng_letter *l = &s->rec->letter;
	s->stated = l->report != NG_REPORT_AUTO;
	if (s->stated)
		s->final = l->report == NG_REPORT_FINAL;
	else
		s->final = !s->timed || ng_report_final_by_date(l->date.v, &s->first);
}

/* A letter dated after the 確報 deadline that still says 調査中: the
 * deadline has passed with items unreported. */
static void late_items(summary *s)
{
	const ng_record *r = s->rec;
	if (!s->timed || ng_date_cmp(r->letter.date.v, s->first.final) <= 0)
		return;
	unsigned need = ng_audience_items(r->letter.audience);
	const char *due = letter_date(s, s->first.final);
	for (int i = 1; i < NG_ITEM__END; i++)
		if ((need & (1u << i)) && r->items[i].state == NG_STATE_INVESTIGATING) {
			ng_diag *g = ng_diag_add(s->d, NG_D_FINAL_INVESTIGATING, r->items[i].pos, i,
			                         ng_item_names[i], due);
			ng_diag_hint(s->d, g,
			             "state what is known now, or explain why it cannot be");
		}
}

/* ---- the call */

static ng_status summarize(summary *s)
{
	s->era = ng_era_open(s->d);
	if (!s->era)
		return NG_ERR_INPUT;
	ng_era_set_letter(s->era, &s->rec->letter.dates);
	const char *era_name;
	int era_year;
	if (s->rec->letter.dates.calendar != NG_CAL_SEIREKI &&
	    ng_era_of(s->era, s->rec->letter.date.v, &era_name, &era_year) != 0) {
		ng_diag *g =
		    ng_diag_add(s->d, NG_D_ERA, s->rec->letter.date.pos, ng_era_error(s->era));
		ng_diag_hint(s->d, g, "the era table is %s/data/eras.tsv", ng_home_dir());
	}
	s->rule.first_day = s->rec->deadlines.first_day;
	s->rule.roll = s->rec->deadlines.roll;
	if (s->rule.roll != NG_ROLL_NONE && ng_holidays_load_default(&s->holidays, s->a, s->d) == 0)
		s->rule.holidays = &s->holidays;
	first_deadlines(s);
	report_kind(s);
	late_items(s);
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

/* The built-in template for each audience (the record's letter type). */
static const char *const audience_templates[NG_AUD__COUNT] = {
    [NG_AUD_INDIVIDUALS] = "individual-notice",
    [NG_AUD_CLIENTS] = "client-notice",
    [NG_AUD_PPC] = "ppc-report",
    [NG_AUD_PUBLIC] = "public-notice",
};

/* Nothing the record gives disappears silently: for the record's own
 * template and the built-in one of its letter type, each field the
 * template leaves out by design is reported (not-printed). */
static void report_omits(const ng_record *rec, ng_arena *a, ng_diags *d)
{
	const char *names[2] = {rec->letter.templ.s ? rec->letter.templ.s : "client-notice",
	                        audience_templates[rec->letter.audience]};
	for (size_t i = 0; i < 2; i++) {
		if (i == 1 && strcmp(names[0], names[1]) == 0)
			break;
		ng_template *t = ng_template_load(names[i], a, d);
		if (t)
			ng_template_report_omits(t, rec, d);
	}
}

ng_status ng_check_run(const ng_check_opts *opts, ng_diags *diags)
{
	ng_arena *a = ng_arena_new();
	ng_record *rec = ng_record_load(opts->input, a, diags);
	ng_status st = rec ? NG_OK : input_status(diags);
	if (rec)
		report_omits(rec, a, diags);
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
