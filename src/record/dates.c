/* dates.c — order between a record's dates: each party's 発生日 before its
 * 知った日, the letter not dated before anyone knew of the incident (an
 * error: the letter would report what its sender could not yet know), and
 * each timeline in order (a warning: a list may group rows on purpose);
 * and the marks a template needs to print a timeline grouped by day. */
#include <stdio.h>

#include "validate.h"
#include "yaml_tree.h"

/* A moment for ordering: a day and a minute of that day. Vague points
 * (上旬, 午後) have an earliest and a latest moment. */
typedef struct moment {
	ng_date date;
	int minute;
} moment;

#define LAST_MINUTE 1439

static int moment_cmp(moment a, moment b)
{
	int c = ng_date_cmp(a.date, b.date);
	return c ? c : (a.minute > b.minute) - (a.minute < b.minute);
}

/* The earliest and latest moment a point can mean: a year, a 年度, a
 * month or a dekad spans its days (ng_point_first/last), a day without a
 * time its whole day. */
static moment earliest(const ng_point *p)
{
	return (moment){ng_point_first(p), p->hour >= 0 ? p->hour * 60 + p->minute : 0};
}

static moment latest(const ng_point *p)
{
	return (moment){ng_point_last(p), p->hour >= 0 ? p->hour * 60 + p->minute : LAST_MINUTE};
}

/* The latest moment a specification can mean; a range to 現在 or an open
 * one never ends. */
static moment when_latest(const ng_when *w)
{
	if (w->end_kind == NG_END_NOW || w->end_kind == NG_END_OPEN)
		return (moment){{9999, 12, 31}, LAST_MINUTE};
	return latest(w->end_kind == NG_END_POINT ? &w->end : &w->start);
}

/* An entry is out of order when it lies wholly before a dated entry above
 * it; rows with a label instead of a date are skipped. */
static void check_timeline(const ng_party *p, ng_diags *d)
{
	bool have_floor = false;
	moment floor = {0};
	for (size_t i = 0; i < p->timeline.n; i++) {
		const ng_event *e = &p->timeline.v[i];
		if (!e->when.set)
			continue;
		if (have_floor && moment_cmp(when_latest(&e->when.v), floor) < 0) {
			ng_diag *g =
			    ng_diag_add(d, NG_D_TIMELINE_ORDER, e->when.text.pos, p->name.s);
			ng_diag_hint(d, g, "list the timeline from the earliest entry down");
		}
		moment m = earliest(&e->when.v.start);
		if (!have_floor || moment_cmp(m, floor) > 0)
			floor = m;
		have_floor = true;
	}
}

static void check_occurred(const ng_party *p, ng_diags *d)
{
	if (!p->occurred.set || !p->known.set)
		return;
	if (moment_cmp(when_latest(&p->known.v), earliest(&p->occurred.v.start)) < 0) {
		ng_diag *g =
		    ng_diag_add(d, NG_D_DATE_ORDER, p->known.text.pos, "known", "occurred");
		ng_diag_hint(d, g, "知った日 (known) is normally on or after 発生日 (occurred)");
	}
}

static int check_letter_date(const ng_record *rec, const ng_party *p, ng_diags *d)
{
	if (!p->known.set || ng_date_cmp(rec->letter.date.v, p->known.v.start.date) >= 0)
		return 0;
	ng_date k = p->known.v.start.date;
	char iso[16];
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", k.y, k.m, k.d);
	ng_diag *g = ng_diag_add(d, NG_D_NOTICE_BEFORE_KNOWN, rec->letter.date.pos, p->name.s, iso);
	ng_diag_hint(d, g, "date the letter on or after %s, or correct that party's 'known'", iso);
	return -1;
}

int ng_validate_dates(const ng_record *rec, ng_diags *d)
{
	int rc = 0;
	bool any_known = false;
	for (size_t i = 0; i < rec->parties.n; i++) {
		const ng_party *p = &rec->parties.v[i];
		check_timeline(p, d);
		check_occurred(p, d);
		rc |= check_letter_date(rec, p, d);
		any_known |= p->known.set;
	}
	if (rec->categories && !any_known) {
		ng_diag *g = ng_diag_add(d, NG_D_NO_KNOWN_DATE, rec->categories_pos);
		ng_diag_hint(d, g, "give the party that learned of it 'known: YYYY-MM-DD'");
	}
	return rc;
}

/* The one day an entry is on, when it is on one (a day, or a span within
 * it: 9:00 ~ 13:00); NULL for a label, a month, a span of days. */
static const ng_date *entry_day(const ng_event *e)
{
	const ng_when *w = &e->when.v;
	if (!e->when.set || !w->start.date.d)
		return NULL;
	if (w->end_kind == NG_END_NONE ||
	    (w->end_kind == NG_END_POINT && ng_date_cmp(w->start.date, w->end.date) == 0))
		return &w->start.date;
	return NULL;
}

/* same_day: "true" on a timeline entry on the same day as the entry
 * before it, so that a grouped timeline prints that day once
 * (templates/_timeline.tmpl), and timeline_clock: "true" on a party whose
 * timeline has a time of day (the grouped table's time column);
 * letter.timeline_header as "true" or
 * "false", whatever spelling of a boolean the record used. */
void ng_mark_timelines(ng_record *rec, ng_arena *a)
{
	ng_node *letter = ng_node_get(rec->root, "letter");
	if (letter && ng_node_get(letter, "timeline_header"))
		ng_node_put(a, letter, "timeline_header",
		            rec->letter.timeline_header ? "true" : "false", letter->pos);
	ng_node *parties = ng_node_get(rec->root, "parties");
	for (size_t i = 0; parties && i < rec->parties.n && i < parties->n; i++) {
		const ng_party *p = &rec->parties.v[i];
		ng_node *tl = ng_node_get(parties->items[i], "timeline");
		bool clock = false;
		for (size_t j = 0; tl && j < p->timeline.n; j++) {
			const ng_point *s = &p->timeline.v[j].when.v.start;
			clock |= entry_day(&p->timeline.v[j]) && (s->hour >= 0 || s->part);
		}
		if (clock)
			ng_node_put(a, parties->items[i], "timeline_clock", "true", tl->pos);
		for (size_t j = 1; tl && j < p->timeline.n && j < tl->n; j++) {
			const ng_date *a_day = entry_day(&p->timeline.v[j - 1]);
			const ng_date *b_day = entry_day(&p->timeline.v[j]);
			if (a_day && b_day && ng_date_cmp(*a_day, *b_day) == 0)
				ng_node_put(a, tl->items[j], "same_day", "true", tl->items[j]->pos);
		}
	}
}
