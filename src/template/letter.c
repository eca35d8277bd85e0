/* letter.c — the structure of a notice letter (JAPANESE.md §3): date and
 * number right, addressee left, sender right, subject centred, 頭語 and
 * greeting, body, 結語, then 記, the details, 以上. */
#include <string.h>

#include "template_impl.h"

typedef struct build {
	const ng_template *t;
	const ng_record *rec;
	ng_era *era;
	ng_doc *doc;
	ng_arena *a;
	ng_buf tmp;
} build;

static ng_block *add_text(build *b, ng_block_kind kind, const ng_text *text)
{
	ng_block *blk = ng_doc_add(b->doc, kind);
	ng_prose_expand(b->era, text, b->a, &blk->content);
	return blk;
}

static ng_block *add_line(build *b, ng_align align, const ng_text *text)
{
	ng_block *blk = add_text(b, NG_B_LINE, text);
	blk->align = align;
	return blk;
}

static void add_space(build *b, double lines)
{
	ng_doc_add(b->doc, NG_B_SPACE)->space = lines;
}

static ng_block *add_heading(build *b, int level, const ng_text *text)
{
	ng_block *h = add_text(b, NG_B_HEADING, text);
	h->level = level;
	h->keep_with_next = true;
	h->space = level == 1 ? 0.5 : 0.25;
	return h;
}

/* A phrase with {party} replaced by the party's name. */
static ng_block *add_party_heading(build *b, int level, enum phrase p, const ng_party *party)
{
	const ng_text *ph = &b->t->ph[p];
	ng_block *h = ng_doc_add(b->doc, NG_B_HEADING);
	h->level = level;
	h->keep_with_next = true;
	h->space = 0.25;
	const char *mark = strstr(ph->s, "{party}");
	if (!mark) {
		ng_content_adds(b->a, &h->content, ph->s, ph->pos);
		return h;
	}
	ng_content_add(b->a, &h->content, ph->s, (size_t)(mark - ph->s), ph->pos, false);
	ng_prose_expand(b->era, &party->name, b->a, &h->content);
	ng_content_adds(b->a, &h->content, mark + 7, ph->pos);
	return h;
}

static void add_paras(build *b, const ng_texts *ts)
{
	for (size_t i = 0; i < ts->n; i++)
		add_text(b, NG_B_PARA, &ts->v[i])->first_indent = 1;
}

static const ng_text *ph(const build *b, enum phrase p)
{
	return &b->t->ph[p];
}

static void add_heading_block(build *b)
{
	const ng_letter *l = &b->rec->letter;
	if (l->number.s)
		add_line(b, NG_ALIGN_RIGHT, &l->number);
	ng_block *date = ng_doc_add(b->doc, NG_B_LINE);
	date->align = NG_ALIGN_RIGHT;
	ng_buf_reset(&b->tmp);
	ng_era_date(b->era, l->date.v, NG_DATE_LONG, false, &b->tmp);
	ng_content_add(b->a, &date->content, b->tmp.data, b->tmp.len, l->date.pos, false);
	add_space(b, 1);
	add_line(b, NG_ALIGN_LEFT, &l->addressee);
	add_space(b, 1);
}

static void add_sender(build *b)
{
	const ng_sender *s = &b->rec->sender;
	if (s->postcode.s || s->address.s) {
		ng_block *l = ng_doc_add(b->doc, NG_B_LINE);
		l->align = NG_ALIGN_RIGHT;
		if (s->postcode.s) {
			ng_content_adds(b->a, &l->content, ph(b, PH_POSTCODE_MARK)->s,
					ph(b, PH_POSTCODE_MARK)->pos);
			ng_prose_expand(b->era, &s->postcode, b->a, &l->content);
			ng_content_adds(b->a, &l->content, "　", s->postcode.pos);
		}
		if (s->address.s)
			ng_prose_expand(b->era, &s->address, b->a, &l->content);
	}
	add_line(b, NG_ALIGN_RIGHT, &s->organization);
	if (s->representative.s)
		add_line(b, NG_ALIGN_RIGHT, &s->representative);
	if (s->phone.s) {
		ng_block *l = ng_doc_add(b->doc, NG_B_LINE);
		l->align = NG_ALIGN_RIGHT;
		ng_content_adds(b->a, &l->content, ph(b, PH_SENDER_PHONE)->s,
				ph(b, PH_SENDER_PHONE)->pos);
		ng_prose_expand(b->era, &s->phone, b->a, &l->content);
	}
	add_space(b, 1);
}

static void add_preamble(build *b)
{
	const ng_letter *l = &b->rec->letter;
	ng_block *title = add_text(b, NG_B_TITLE, &l->title);
	title->align = NG_ALIGN_CENTER;
	title->size = 14;
	add_space(b, 1);
	if (l->opening.s || l->greeting.s) {
		ng_block *p = ng_doc_add(b->doc, NG_B_PARA);
		p->first_indent = 1;
		if (l->opening.s) {
			ng_prose_expand(b->era, &l->opening, b->a, &p->content);
			/* A 頭語 is followed by a full-width space, never a comma. */
			ng_content_adds(b->a, &p->content, "　", l->opening.pos);
		}
		if (l->greeting.s)
			ng_prose_expand(b->era, &l->greeting, b->a, &p->content);
	}
	add_paras(b, &l->body);
	if (l->closing.s)
		add_line(b, NG_ALIGN_RIGHT, &l->closing);
	add_space(b, 1);
	add_line(b, NG_ALIGN_CENTER, ph(b, PH_KI));
}

static void add_timeline(build *b, const ng_party *p)
{
	ng_block *intro = add_text(b, NG_B_PARA, ph(b, PH_TIMELINE_INTRO));
	intro->first_indent = 1;
	intro->keep_with_next = true;
	ng_block *t = ng_doc_add_table(b->doc, 2);
	for (size_t i = 0; i < p->timeline.n; i++) {
		const ng_event *e = &p->timeline.v[i];
		ng_content *when = ng_table_cell(b->doc, t, i, 0);
		if (e->when.set) {
			ng_buf_reset(&b->tmp);
			ng_era_when(b->era, &e->when.v, NG_DATE_SHORT, &b->tmp);
			ng_content_add(b->a, when, b->tmp.data, b->tmp.len, e->when.text.pos,
				       false);
		} else {
			ng_prose_expand(b->era, &e->label, b->a, when);
		}
		ng_prose_expand(b->era, &e->what, b->a, ng_table_cell(b->doc, t, i, 1));
	}
}

static void add_parties(build *b)
{
	const ng_record *r = b->rec;
	add_heading(b, 1, ph(b, PH_OVERVIEW));
	add_heading(b, 2, ph(b, PH_EVENT));
	add_paras(b, &r->overview);
	if (r->parties.n)
		add_heading(b, 2, ph(b, PH_HISTORY));
	for (size_t i = 0; i < r->parties.n; i++) {
		const ng_party *p = &r->parties.v[i];
		if (!p->narrative.n && !p->timeline.n)
			continue;
		add_party_heading(b, 3, PH_PARTY_HISTORY, p);
		add_paras(b, &p->narrative);
		if (p->timeline.n)
			add_timeline(b, p);
	}
	bool any_cause = false;
	for (size_t i = 0; i < r->parties.n; i++)
		any_cause |= r->parties.v[i].causes.n > 0;
	if (!any_cause)
		return;
	add_heading(b, 1, ph(b, PH_CAUSES));
	for (size_t i = 0; i < r->parties.n; i++) {
		const ng_party *p = &r->parties.v[i];
		if (!p->causes.n)
			continue;
		add_party_heading(b, 2, PH_PARTY_CAUSE, p);
		add_paras(b, &p->causes);
	}
}

static void add_item(build *b, enum phrase marker, const ng_text *text, int level)
{
	ng_block *it = add_text(b, NG_B_ITEM, text);
	it->marker = ph(b, marker)->s;
	it->level = level;
}

static void add_data_items(build *b)
{
	const ng_record *r = b->rec;
	add_heading(b, 1, ph(b, PH_DATA_ITEMS));
	if (r->data_items.note.s)
		add_item(b, PH_NOTE_MARKER, &r->data_items.note, 1);
	for (size_t i = 0; i < r->data_items.groups.n; i++) {
		const ng_item_group *g = &r->data_items.groups.v[i];
		ng_block *head = add_text(b, NG_B_ITEM, &g->service);
		head->marker = ph(b, PH_GROUP_MARKER)->s;
		head->level = 1;
		head->font = NG_FONT_HEADING;
		head->keep_with_next = true;
		head->space = 0.25;
		ng_block *items = ng_doc_add(b->doc, NG_B_PARA);
		items->indent = 1;
		for (size_t j = 0; j < g->items.n; j++) {
			if (j)
				ng_content_adds(b->a, &items->content,
						ph(b, PH_ITEM_SEPARATOR)->s,
						ph(b, PH_ITEM_SEPARATOR)->pos);
			ng_prose_expand(b->era, &g->items.v[j], b->a, &items->content);
		}
	}
}

/* A contact line: label, value, and a link for the value. */
static void add_contact_line(build *b, enum phrase label, const ng_text *value,
			     const char *scheme)
{
	if (!value->s)
		return;
	ng_block *l = ng_doc_add(b->doc, NG_B_LINE);
	l->indent = 1;
	ng_content_adds(b->a, &l->content, ph(b, label)->s, ph(b, label)->pos);
	ng_prose_expand(b->era, value, b->a, &l->content);
	if (scheme)
		l->content.link = ng_aprintf(b->a, "%s%s", scheme, value->s);
}

static void add_closing(build *b)
{
	const ng_record *r = b->rec;
	add_heading(b, 1, ph(b, PH_SECONDARY_HARM));
	add_paras(b, &r->secondary_harm);
	add_heading(b, 1, &r->contact.title);
	add_contact_line(b, PH_CONTACT_PHONE, &r->contact.phone, "tel:");
	add_contact_line(b, PH_CONTACT_EMAIL, &r->contact.email, "mailto:");
	add_contact_line(b, PH_CONTACT_HOURS, &r->contact.hours, NULL);
	add_contact_line(b, PH_CONTACT_URL, &r->contact.url, "");
	add_space(b, 0.5);
	add_line(b, NG_ALIGN_RIGHT, ph(b, PH_IJOU));
}

/* Seconds since the epoch of 00:00 JST on the letter's date. */
static long long letter_epoch(ng_date d)
{
	/* Days from civil (proleptic Gregorian), 1970-01-01 = 0. */
	int y = d.y - (d.m <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long long days = era * 146097 + doe - 719468;
	return days * 86400 - 9 * 3600;
}

int ng_template_build(const ng_template *t, const ng_record *rec, ng_era *era, ng_doc *doc,
		      ng_diags *d)
{
	(void)d;
	build b = {t, rec, era, doc, doc->arena, {0}};
	doc->title = rec->letter.title.s;
	doc->author = rec->sender.organization.s;
	doc->subject = rec->letter.addressee.s;
	doc->date_epoch = letter_epoch(rec->letter.date.v);
	add_heading_block(&b);
	add_sender(&b);
	add_preamble(&b);
	add_parties(&b);
	add_data_items(&b);
	add_closing(&b);
	ng_buf_free(&b.tmp);
	return 0;
}
