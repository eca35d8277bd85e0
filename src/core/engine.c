/* engine.c — the pipeline of one letter: template → doc → font coverage →
 * layout → PDF or text; the shared parts (record, templates, fonts, ICU
 * objects, and per template the font subsets its letters share) are
 * opened once per engine. */
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../doc/doc.h"
#include "../era/era.h"
#include "../law/deadline.h"
#include "../layout/layout.h"
#include "../pdf/pdf.h"
#include "../util/thread.h"

#define DEFAULT_TEMPLATE "client-notice"

/* A letter longer than this is a mistake in the record (or a hostile one),
 * not a letter: refused before the PDF is made. */
enum { MAX_PAGES = 500 };

/* The layout cache's caps (ng_layout_cache_new). The example record's
 * letter keeps 123 hard lines and cells in 70 KB; a batch adds each
 * letter's own lines (its addressee, ~1.3 KB) until 2,048 entries. */
enum { LAYOUT_CACHE_BYTES = 2 << 20, LAYOUT_CACHE_ENTRIES = 2048 };

/* The drawable texts' caps: the example record's letter has ~150 texts
 * in ~20 KB; a batch adds each letter's own (its addressee) until full. */
enum { DRAWABLE_BYTES = 512 << 10, DRAWABLE_ENTRIES = 2048 };

/* The template memo's caps (ng_tmpl_memo_new): the example record's
 * letters keep ~120 pieces in ~0.2 MB. A batch whose rows name their own
 * templates has memos for the first few only, so that its memory stays
 * within a few MB whatever the rows name. */
enum { TMPL_MEMO_BYTES = 1 << 20, TMPL_MEMO_ENTRIES = 2048, TMPL_MEMOS = 4 };

typedef struct cached_template {
	const char *name;
	const ng_template *t;
	ng_tmpl_memo *memo;    /* its letters' pieces kept (a batch) */
	bool shared_known;     /* shared is built (or could not be: NULL) */
	ng_pdf_shared *shared; /* the fonts its letters share */
} cached_template;

/* What any letter needs whatever its record says (the ICU calendar, the
 * fonts, the JLReq tables), opened on a helper thread while the record
 * is read, each with what it reported, until the engine takes it where
 * it opened it before (finish_open, lay_out): the same objects and the
 * same diagnostics at the same place. */
typedef struct opening {
	ng_thread thread;
	ng_signal era_ready;
	ng_era *era;
	ng_fonts *fonts;
	ng_jlreq *jlreq;
	ng_diags *era_d, *fonts_d, *jlreq_d;
} opening;

struct ng_engine {
	ng_arena *arena;  /* lives as long as the engine */
	opening *opening; /* NULL: none (or all taken) */
	ng_arena *letter; /* reset for every letter */
	ng_record *rec;
	ng_holidays holidays; /* national holidays: deadlines, （月・祝） */
	ng_era *era;
	ng_fonts *fonts; /* opened when first needed */
	ng_jlreq *jlreq; /* JLReq class tables, loaded with the fonts */
	ng_linebreaker *lb;
	/* Lines laid out before, for the letters after (keyed by the
	 * addresses of fonts, jlreq and lb: freed before them). */
	ng_layout_cache *layout_cache;
	/* Texts whose every character a role's font draws (tag: the role),
	 * checked before: a batch's letters repeat the record's paragraphs. */
	ng_textset *drawable;
	/* The record letter's shared fonts begun before its layout (a first
	 * run: guess_fonts), until that letter is done. */
	ng_pdf_guess *guess;
	cached_template templates[16];
	size_t ntemplates;
	size_t nmemos; /* templates with a memo (TMPL_MEMOS at most) */
	bool many;     /* warmed for a batch: shared fonts go into many letters */
	/* NG_PDF_UNTAGGED=1 in the environment: PDFs without structure tree
	 * (tests compare the pages' look; scripts/bench measures the tags'
	 * cost). Not for letters. */
	bool untagged;
};

/* A record that could not be read at all is an I/O error, not an input
 * error: the exit code tells a script which of the two to fix. */
static ng_status input_status(const ng_diags *d)
{
	size_t n = ng_diags_count(d);
	return n && ng_diags_get(d, n - 1)->code == NG_D_IO_READ ? NG_ERR_IO : NG_ERR_INPUT;
}

static int open_icu(ng_engine *e, ng_diags *d)
{
	if (!e->lb)
		e->lb = ng_linebreaker_new(true);
	if (!e->lb) {
		ng_diag_add(d, NG_D_ICU, (ng_pos){0}, "ubrk_open", ng_tr("no line-break data"));
		return -1;
	}
	return 0;
}

static ng_node *iso_node(ng_arena *a, ng_date d, ng_pos pos)
{
	ng_node *n = ng_node_new(a, NG_NODE_SCALAR, pos);
	n->value = ng_aprintf(a, "%04d-%02d-%02d", d.y, d.m, d.d);
	n->len = strlen(n->value);
	n->plain = true;
	return n;
}

/* The letter's date conventions go to the formatter; in 和暦 the letter's
 * own date must be writable (an era ICU knows and data/eras.tsv does not
 * is an error here, before any text is made). */
static bool is_holiday(const void *h, ng_date d)
{
	return ng_holiday(h, d);
}

static int set_letter_dates(ng_engine *e, ng_diags *d)
{
	const ng_letter *l = &e->rec->letter;
	/* A holiday table that cannot be read is an error: a deadline that
	 * skipped no holiday would be printed as if it were right. */
	if (ng_holidays_load_default(&e->holidays, e->arena, d) != 0)
		return -1;
	ng_datefmt f = l->dates;
	f.holiday = is_holiday;
	f.holiday_ctx = &e->holidays;
	ng_era_set_letter(e->era, &f);
	const char *name;
	int year;
	if (l->dates.calendar == NG_CAL_SEIREKI || ng_era_of(e->era, l->date.v, &name, &year) == 0)
		return 0;
	ng_diag *g = ng_diag_add(d, NG_D_ERA, l->date.pos, ng_era_error(e->era));
	ng_diag_hint(d, g, "the era table is %s/data/eras.tsv", ng_home_dir());
	return -1;
}

/* 本人の数 as notices write it (約1,200名, 300名分（312件）, 約12万事業所,
 * …（令和6年5月2日時点）) goes into the tree as affected.text, so
 * {{ affected }} prints it in any template and {{affected}} in prose, and
 * as affected_text (with the note in brackets) for the built-in templates;
 * affected.count stays the number. A plain count (affected: 1200) becomes
 * {count, text}. The record's own affected_text (sections.c) is the same
 * without what needs the calendar; this replaces it. */
static int add_affected_text(ng_engine *e, ng_diags *d)
{
	const ng_affected *a = &e->rec->affected;
	ng_node *n = ng_node_get(e->rec->root, "affected");
	if (!n || a->state != NG_STATE_KNOWN || (a->count < 0 && !a->vague))
		return 0;
	ng_buf text = {0};
	if (ng_affected_text(e->era, a, &text) != 0) {
		ng_diag_add(d, NG_D_ERA, a->as_of.text.pos, ng_era_error(e->era));
		ng_buf_free(&text);
		return -1;
	}
	if (n->kind == NG_NODE_SCALAR) {
		*n = *ng_node_new(e->arena, NG_NODE_MAP, n->pos);
	}
	if (a->count >= 0)
		ng_node_put(e->arena, n, "count", ng_aprintf(e->arena, "%ld", a->count), n->pos);
	/* a typed count (約1.2万件, {count: 100～200}) leaves its number: count
	 * stays a number for {{ affected.count | number }}; 数十件 has none */
	ng_node_put(e->arena, n, "text", ng_strdup(e->arena, text.data), a->pos);
	if (a->note.s)
		ng_buf_printf(&text, "（%s）", a->note.s);
	ng_node_put(e->arena, (ng_node *)e->rec->root, "affected_text",
	            ng_strdup(e->arena, text.data), a->pos);
	ng_buf_free(&text);
	return 0;
}

/* Each party's report deadlines (規則第8条) go into the tree as
 * parties[i].deadlines {quick, final, final_days}, so that
 * a template (the PPC worksheet) can print them with its date filters. */
static int add_deadlines(ng_engine *e, ng_diags *d)
{
	const ng_record *rec = e->rec;
	ng_node *parties = ng_node_get(rec->root, "parties");
	if (!parties || parties->kind != NG_NODE_SEQ)
		return 0;
	ng_day_rule rule = {rec->deadlines.first_day, rec->deadlines.roll, NULL};
	if (rule.roll != NG_ROLL_NONE)
		rule.holidays = &e->holidays;
	for (size_t i = 0; i < rec->parties.n && i < parties->n; i++) {
		const ng_party *p = &rec->parties.v[i];
		if (!p->known.set)
			continue;
		ng_deadlines dl;
		ng_deadlines_compute(&rule, p->known.v.start.date, rec->categories, &dl);
		ng_pos pos = p->known.text.pos;
		ng_deadline_holiday_warnings(&rule, p->known.v.start.date, &dl, e->era, pos, d);
		ng_node *m = ng_node_new(e->arena, NG_NODE_MAP, pos);
		ng_node_put_node(e->arena, m, "quick", iso_node(e->arena, dl.quick, pos));
		ng_node_put_node(e->arena, m, "final", iso_node(e->arena, dl.final, pos));
		ng_node_put(e->arena, m, "final_days", dl.final_days == 60 ? "60" : "30", pos);
		ng_node_put_node(e->arena, parties->items[i], "deadlines", m);
	}
	return 0;
}

static void *open_parts(void *arg)
{
	opening *o = arg;
	o->era = ng_era_open(o->era_d);
	ng_signal_set(&o->era_ready);
	o->fonts = ng_fonts_open(o->fonts_d);
	o->jlreq = ng_jlreq_load(NULL, o->jlreq_d);
	return NULL;
}

static void start_opening(ng_engine *e)
{
	if (!ng_threads_on())
		return;
	opening *o = e->opening = ng_xcalloc(1, sizeof *o);
	ng_signal_init(&o->era_ready);
	o->era_d = ng_diags_new();
	o->fonts_d = ng_diags_new();
	o->jlreq_d = ng_diags_new();
	ng_thread_run(&o->thread, open_parts, o);
}

/* Copies what src reported into d. */
static void report(ng_diags *d, const ng_diags *src)
{
	for (size_t i = 0; i < ng_diags_count(src); i++)
		ng_diag_copy(d, ng_diags_get(src, i));
}

/* Joins the helper and frees what was not taken. */
static void end_opening(ng_engine *e)
{
	opening *o = e->opening;
	if (!o)
		return;
	ng_thread_join(&o->thread);
	ng_era_free(o->era);
	ng_fonts_free(o->fonts);
	ng_jlreq_free(o->jlreq);
	ng_diags_free(o->era_d);
	ng_diags_free(o->fonts_d);
	ng_diags_free(o->jlreq_d);
	ng_signal_destroy(&o->era_ready);
	free(o);
	e->opening = NULL;
}

static ng_era *open_era(ng_engine *e, ng_diags *d)
{
	opening *o = e->opening;
	if (!o)
		return ng_era_open(d);
	ng_signal_wait(&o->era_ready);
	report(d, o->era_d);
	ng_era *era = o->era;
	o->era = NULL;
	return era;
}

/* Takes the fonts the helper opened, with what opening them reported,
 * and when they opened, the JLReq tables with theirs. */
static void take_parts(ng_engine *e, ng_diags *d)
{
	opening *o = e->opening;
	ng_thread_join(&o->thread);
	report(d, o->fonts_d);
	e->fonts = o->fonts;
	o->fonts = NULL;
	if (e->fonts) {
		report(d, o->jlreq_d);
		e->jlreq = o->jlreq;
		o->jlreq = NULL;
	}
	end_opening(e);
}

/* The fonts and the JLReq tables, opened once (a batch's letters share
 * them), or taken from the helper. */
static ng_status open_parts_needed(ng_engine *e, ng_diags *d)
{
	if (e->opening && !e->fonts) {
		take_parts(e, d);
		return !e->fonts ? NG_ERR_IO : !e->jlreq ? NG_ERR_INTERNAL : NG_OK;
	}
	if (!e->fonts && !(e->fonts = ng_fonts_open(d)))
		return NG_ERR_IO;
	if (!e->jlreq && !(e->jlreq = ng_jlreq_load(NULL, d)))
		return NG_ERR_INTERNAL;
	return NG_OK;
}

/* The rest of opening an engine once its record is loaded (or not). */
static ng_engine *finish_open(ng_engine *e, ng_diags *d, ng_status *st)
{
	if (!e->rec) {
		*st = input_status(d);
	} else if (!(e->era = open_era(e, d))) {
		*st = NG_ERR_INPUT; /* data/eras.tsv: a file of the program's data */
	} else if (open_icu(e, d) != 0) {
		*st = NG_ERR_INTERNAL;
	} else if (set_letter_dates(e, d) != 0 || add_affected_text(e, d) != 0 ||
	           add_deadlines(e, d) != 0) {
		*st = NG_ERR_INPUT;
	} else {
		*st = NG_OK;
		return e;
	}
	ng_engine_free(e);
	return NULL;
}

static ng_engine *engine_new(void)
{
	ng_engine *e = ng_xcalloc(1, sizeof *e);
	const char *untagged = getenv("NG_PDF_UNTAGGED");
	e->untagged = untagged && strcmp(untagged, "1") == 0;
	e->arena = ng_arena_new();
	e->letter = ng_arena_new();
	return e;
}

/* ---- a new record's phrase iterator, begun early: the layout breaks a
 * title that wraps between phrases (title_phrases in layout.c) with ICU's
 * phrase iterator (its dictionary engine, 8 M instructions) when the
 * cache's memo lacks its breaks. For a new record's letter in a used
 * cache it begins opening on a helper (ng_linebreaker_warm_new) as soon
 * as a title is known that looks wider than its line and that the memo
 * lacks: from the record, right after it is read, the title as the
 * built-in templates print it (templates/_title.tmpl); else from the
 * document, before the layout. A wrong guess costs the helper's work, or
 * the main thread's wait as without it, never a byte: the breaks are the
 * iterator's either way. */

/* Whether a title of size points (0: the body size) and indents (ems)
 * looks wider than its line: a half-width character taken as half an
 * em, any other as a whole one (the fonts measure it in the layout), or
 * it has a line feed. */
static bool title_wraps(const char *text, size_t len, double size, double indents)
{
	ng_layout_opts lo;
	ng_layout_defaults(&lo);
	double em = size > 0 ? size : lo.body_size, ems = indents;
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = ng_utf8_decode(text + i, len - i, &cp);
		if (cp == '\n')
			return true;
		ems += cp < 0x1100 || (cp >= 0xFF61 && cp <= 0xFFDC) ? 0.5 : 1;
		i += n ? n : 1;
	}
	return ems * em > lo.text_em * lo.body_size;
}

/* The record's title, with （第N報） when it has letter.update. Only when
 * the memo lacks it in both forms: a known record's letter printed one. */
static void warm_record_title(ng_engine *e)
{
	const ng_letter *l = &e->rec->letter;
	if (!l->title.s || strstr(l->title.s, "{{"))
		return;
	ng_buf t = {0};
	ng_buf_adds(&t, l->title.s);
	size_t plain = t.len;
	if (l->update.s)
		ng_buf_printf(&t, "（第%s報）", l->update.s);
	if (title_wraps(t.data, t.len, NG_TITLE_SIZE, 0) &&
	    ng_linebreaker_lacks(e->lb, t.data, t.len) &&
	    ng_linebreaker_lacks(e->lb, t.data, plain))
		ng_linebreaker_warm_new(e->lb);
	ng_buf_free(&t);
}

/* The document's titles as the layout sets them (a template's own). */
static void warm_titles(ng_engine *e, const ng_doc *doc)
{
	for (size_t b = 0; b < doc->n; b++) {
		const ng_block *blk = &doc->v[b];
		if (blk->kind == NG_B_TITLE && blk->content.len &&
		    title_wraps(blk->content.text, blk->content.len, blk->size,
		                blk->indent + blk->right_indent) &&
		    ng_linebreaker_lacks(e->lb, blk->content.text, blk->content.len)) {
			ng_linebreaker_warm_new(e->lb);
			return;
		}
	}
}

ng_engine *ng_engine_open(const char *input, ng_diags *d, ng_status *st)
{
	ng_engine *e = engine_new();
	/* While the record is read: the parts any letter needs, and a first
	 * run's phrase iterator (ICU's dictionary engine), which the layout
	 * needs last (ng_linebreaker_warm). */
	start_opening(e);
	if ((e->lb = ng_linebreaker_new(true)) != NULL)
		ng_linebreaker_warm(e->lb);
	e->rec = ng_record_load(input, e->arena, d);
	if (e->rec && e->lb)
		warm_record_title(e);
	return finish_open(e, d, st);
}

ng_engine *ng_engine_open_data(const char *name, const char *data, size_t len, ng_diags *d,
                               ng_status *st)
{
	ng_engine *e = engine_new();
	e->rec = ng_record_parse(name, data, len, e->arena, d);
	return finish_open(e, d, st);
}

void ng_engine_free(ng_engine *e)
{
	if (!e)
		return;
	end_opening(e);
	ng_pdf_guess_free(e->guess);
	for (size_t i = 0; i < e->ntemplates; i++) {
		ng_pdf_shared_free(e->templates[i].shared);
		ng_tmpl_memo_free(e->templates[i].memo);
	}
	ng_layout_cache_free(e->layout_cache);
	ng_textset_free(e->drawable);
	ng_fonts_free(e->fonts);
	ng_jlreq_free(e->jlreq);
	ng_linebreaker_free(e->lb);
	ng_era_free(e->era);
	ng_arena_free(e->letter);
	ng_arena_free(e->arena);
	free(e);
}

const ng_record *ng_engine_record(const ng_engine *e)
{
	return e->rec;
}

bool ng_engine_phrase_begun(const ng_engine *e)
{
	return ng_linebreaker_begun(e->lb);
}

ng_arena *ng_engine_arena(ng_engine *e)
{
	return e->arena;
}

const ng_template *ng_engine_template(ng_engine *e, const char *name, ng_diags *d)
{
	if (!name)
		name = e->rec->letter.templ.s ? e->rec->letter.templ.s : DEFAULT_TEMPLATE;
	for (size_t i = 0; i < e->ntemplates; i++)
		if (strcmp(e->templates[i].name, name) == 0)
			return e->templates[i].t;
	const ng_template *t = ng_template_load(name, e->arena, d);
	if (t && e->ntemplates < NG_ARRAY_LEN(e->templates))
		e->templates[e->ntemplates++] =
		    (cached_template){.name = ng_strdup(e->arena, name), .t = t};
	return t;
}

/* ---- font coverage: every character drawable by its block's font,
 * reported where the user wrote it, once per character, before anything
 * is drawn. */

typedef struct seen_set {
	uint32_t v[256];
	size_t n;
} seen_set;

static bool seen_before(seen_set *s, uint32_t cp)
{
	for (size_t k = 0; k < s->n; k++)
		if (s->v[k] == cp)
			return true;
	if (s->n < NG_ARRAY_LEN(s->v))
		s->v[s->n++] = cp;
	return false;
}

/* A character no font draws: the role's font and the fallback (IPAmj明朝)
 * are named; the hint says how to get the fallback when it is missing,
 * and that a variant (辻 + a variation selector) is never swapped for
 * another form of the name. */
static void report_glyph(ng_engine *e, const ng_content *c, size_t i, size_t n, uint32_t cp,
                         uint32_t vs, ng_font_role font, ng_diags *d)
{
	char name[48], fonts[160];
	if (vs)
		snprintf(name, sizeof name, "U+%04X U+%04X '%.*s'", (unsigned)cp, (unsigned)vs,
		         (int)n, c->text + i);
	else
		snprintf(name, sizeof name, "U+%04X '%.*s'", (unsigned)cp, (int)n, c->text + i);
	const char *fb = ng_fonts_fallback_family(e->fonts);
	if (fb)
		snprintf(fonts, sizeof fonts, ng_tr("%s or %s"), ng_fonts_family(e->fonts, font),
		         fb);
	else
		snprintf(fonts, sizeof fonts, "%s", ng_fonts_family(e->fonts, font));
	ng_diag *g = ng_diag_add(d, NG_D_GLYPH_MISSING, ng_content_pos(c, i), name, fonts);
	const char *pkg = ng_fonts_fallback_package(e->fonts);
	if (pkg)
		ng_diag_hint(d, g,
		             "install the Debian package %s (the fallback font), or replace the "
		             "character",
		             pkg);
	else if (vs)
		ng_diag_hint(d, g,
		             "no installed font has this variant; write the character without "
		             "the variation selector only if the person agrees");
	else
		ng_diag_hint(d, g, "replace it with a common character (e.g. 髙 → 高)");
}

/* Whether a font draws the character (cp, vs) in the role. */
static bool drawable(const ng_engine *e, ng_font_role font, uint32_t cp, uint32_t vs)
{
	uint32_t gid;
	return (!vs && ng_fonts_has(e->fonts, font, cp)) ||
	       ng_fonts_glyph(e->fonts, font, cp, vs, &gid) >= 0;
}

/* An ordinary character costs one table look-up; a variation selector
 * is checked with the character before it, so 辻 drawable alone does not
 * pass 辻 + a variant no font has. */
static int check_content(ng_engine *e, const ng_content *c, ng_font_role font, seen_set *seen,
                         ng_diags *d)
{
	if (ng_textset_has(e->drawable, font, c->text, c->len))
		return 0;
	int rc = 0;
	bool other = false; /* a character off the role's font (drawn or not) */
	for (size_t i = 0; i < c->len;) {
		uint32_t cp = 0, vs = 0;
		size_t n = ng_utf8_decode(c->text + i, c->len - i, &cp);
		n = n ? n : 1;
		if (cp == '\n' || ng_fonts_has(e->fonts, font, cp)) {
			i += n;
			continue;
		}
		other = true;
		size_t at = i, len = n;
		uint32_t base = 0;
		if (ng_is_vs(cp) && i > 0 && (at = ng_utf8_back(c->text, i), 1) &&
		    ng_utf8_decode(c->text + at, i - at, &base) && base != '\n')
			vs = cp, cp = base, len = i + n - at;
		else
			at = i;
		/* One report per character; a variant is its own character. */
		uint32_t key = vs ? cp ^ (vs << 12) ^ 0x80000000u : cp;
		if (!drawable(e, font, cp, vs) && !seen_before(seen, key)) {
			report_glyph(e, c, at, len, cp, vs, font, d);
			rc = -1;
		}
		i += n;
	}
	if (!other)
		ng_textset_add(e->drawable, font, c->text, c->len);
	return rc;
}

/* A table's cells are looked up as one text (each cell on a line of its
 * own; a line feed needs no glyph): a batch's letters repeat their
 * tables. Checked cell by cell the first time, and kept whole when every
 * cell was found drawable. */
static int check_cells(ng_engine *e, const ng_block *blk, seen_set *seen, ng_diags *d)
{
	size_t n = blk->nrows * blk->ncols, len = 0;
	for (size_t c = 0; c < n; c++)
		len += blk->cells[c].len + 1;
	char *all = ng_alloc_raw(e->letter, len + 1), *p = all;
	for (size_t c = 0; c < n; c++) {
		memcpy(p, blk->cells[c].text, blk->cells[c].len);
		p += blk->cells[c].len;
		*p++ = '\n';
	}
	if (ng_textset_has(e->drawable, blk->font, all, len))
		return 0;
	int rc = 0;
	bool whole = true;
	for (size_t c = 0; c < n; c++) {
		const ng_content *cell = &blk->cells[c];
		rc |= check_content(e, cell, blk->font, seen, d);
		whole = whole && ng_textset_has(e->drawable, blk->font, cell->text, cell->len);
	}
	if (!rc && whole)
		ng_textset_add(e->drawable, blk->font, all, len);
	return rc;
}

static int check_glyphs(ng_engine *e, const ng_doc *doc, ng_diags *d)
{
	seen_set seen = {.n = 0};
	int rc = 0;
	for (size_t b = 0; b < doc->n; b++) {
		const ng_block *blk = &doc->v[b];
		rc |= check_content(e, &blk->content, blk->font, &seen, d);
		if (blk->nrows > 0 && blk->ncols > 0)
			rc |= check_cells(e, blk, &seen, d);
	}
	return rc;
}

/* ---- one letter */

/* The document date is the letter's date (00:00 JST) unless the
 * reproducible-builds variable SOURCE_DATE_EPOCH says otherwise; never the
 * clock. */
static void source_date_epoch(ng_doc *doc, ng_diags *d)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0) {
		ng_diag *g = ng_diag_add(d, NG_D_BAD_VALUE, (ng_pos){0}, "SOURCE_DATE_EPOCH",
		                         ng_tr("not a number of seconds; ignored"));
		g->severity = NG_SEV_WARNING;
		return;
	}
	doc->date_epoch = v;
}

static ng_status lay_out(ng_engine *e, const ng_doc *doc, ng_pages *pages, ng_diags *d)
{
	ng_status st = open_parts_needed(e, d);
	if (st != NG_OK)
		return st;
	if (!e->drawable)
		e->drawable = ng_textset_new(DRAWABLE_BYTES, DRAWABLE_ENTRIES);
	if (check_glyphs(e, doc, d) != 0)
		return NG_ERR_INPUT;
	if (!e->layout_cache)
		e->layout_cache = ng_layout_cache_new(LAYOUT_CACHE_BYTES, LAYOUT_CACHE_ENTRIES);
	ng_layout_opts lo;
	ng_layout_defaults(&lo);
	lo.measure = ng_fonts_measure;
	lo.measure_ctx = e->fonts;
	lo.jlreq = e->jlreq;
	lo.cache = e->layout_cache;
	if (ng_layout(doc, &lo, e->lb, e->letter, pages, d) != 0)
		return NG_ERR_INTERNAL;
	if (pages->npages > MAX_PAGES) {
		ng_diag_add(d, NG_D_TOO_LARGE, (ng_pos){e->rec->file, 0, 0},
		            ng_tr("pages of a letter"), (size_t)MAX_PAGES);
		return NG_ERR_INPUT;
	}
	return NG_OK;
}

/* ---- the fonts a template's letters share: those of the record's own
 * letter through it, whose prose and wording every per-client letter
 * repeats. They are made from the record and the template alone, never
 * from the letters rendered before, so that a letter's bytes do not
 * depend on its place in a batch or on the worker rendering it. */

static cached_template *cached(ng_engine *e, const ng_template *t)
{
	for (size_t i = 0; i < e->ntemplates; i++)
		if (e->templates[i].t == t)
			return &e->templates[i];
	return NULL;
}

/* The memo of t's letters in a batch (NULL for a single letter: nothing
 * to keep for), made when first asked. */
static ng_tmpl_memo *memo_of(ng_engine *e, const ng_template *t)
{
	cached_template *c = e->many ? cached(e, t) : NULL;
	if (c && !c->memo && e->nmemos < TMPL_MEMOS) {
		c->memo = ng_tmpl_memo_new(t, e->rec, TMPL_MEMO_BYTES, TMPL_MEMO_ENTRIES);
		e->nmemos++;
	}
	return c ? c->memo : NULL;
}

/* The letter of the record seen through root (NULL: its own tree). */
static int build_doc(ng_engine *e, const ng_template *t, const ng_node *root, ng_doc *doc,
                     ng_diags *d)
{
	ng_tmpl_memo *m = memo_of(e, t);
	if (m)
		return ng_template_build_view(m, root, e->era, doc, d);
	ng_record view = *e->rec;
	if (root)
		view.root = root;
	return ng_template_build(t, &view, e->era, doc, d);
}

/* The record's own letter through t, laid out in the letter arena (the
 * caller resets it), or pages when they are that letter; NULL if it
 * cannot be made (its letters then embed only fonts of their own). */
static ng_pdf_shared *build_shared(ng_engine *e, const ng_template *t, const ng_pages *pages)
{
	ng_diags *quiet = ng_diags_new(); /* the letters report their own problems */
	ng_pages own;
	ng_doc *doc = pages ? NULL : ng_doc_new(e->letter);
	if (doc && build_doc(e, t, NULL, doc, quiet) == 0 && lay_out(e, doc, &own, quiet) == NG_OK)
		pages = &own;
	ng_pdf_shared *s =
	    pages ? ng_pdf_shared_new_guessed(e->fonts, pages, e->many, e->guess, quiet) : NULL;
	ng_diags_free(quiet);
	return s;
}

/* The shared fonts for a letter through t, cached per template (*tmp:
 * built for this letter only, when t is not cached). */
static const ng_pdf_shared *shared_fonts(ng_engine *e, const ng_template *t, const ng_pages *pages,
                                         ng_pdf_shared **tmp)
{
	cached_template *c = cached(e, t);
	if (c && c->shared_known)
		return c->shared;
	ng_pdf_shared *s = build_shared(e, t, pages);
	if (!c)
		return *tmp = s;
	c->shared_known = true;
	return c->shared = s;
}

/* Adds a run of text in font to p (nothing for no text). */
static void guess_run(ng_page *p, ng_font_role font, const char *text, size_t len)
{
	if (text && len)
		p->runs[p->nruns++] = (ng_run){.font = font, .text = text, .len = len};
}

/* The block's texts as layout draws them, by font: its text and table
 * cells in its font but a table's header rows in the heading font, an
 * item's marker (・ when it has none), a window address's lines in the
 * body font (〒 before the postcode) and its mark in the mark's. */
static void guess_block(ng_page *p, const ng_block *b)
{
	guess_run(p, b->font, b->content.text, b->content.len);
	for (size_t i = 0; i < b->nrows * b->ncols; i++)
		guess_run(p, i / b->ncols < b->header_rows ? NG_FONT_HEADING : b->font,
		          b->cells[i].text, b->cells[i].len);
	if (b->kind == NG_B_ITEM && (!b->marker || *b->marker)) {
		const char *m = b->marker ? b->marker : "・";
		guess_run(p, b->font, m, strlen(m));
	}
	const ng_recipient *rc = b->kind == NG_B_RECIPIENT ? b->recipient : NULL;
	if (!rc)
		return;
	guess_run(p, NG_FONT_BODY, "〒", strlen("〒"));
	guess_run(p, NG_FONT_BODY, rc->postcode.text, rc->postcode.len);
	guess_run(p, NG_FONT_BODY, rc->address.text, rc->address.len);
	guess_run(p, NG_FONT_BODY, rc->name.text, rc->name.len);
	guess_run(p, rc->mark_font, rc->mark.text, rc->mark.len);
}

/* A first run's record letter, whose pages will make the shared fonts:
 * their largest subset begins on a helper from the document's texts
 * while the letter is laid out (ng_pdf_guess_new). What layout adds of
 * its own (page numbers) is not guessed: a letter whose pages draw a
 * character the guess lacks (or not one it has) builds that subset
 * after its layout, as without the guess; its bytes never depend on it. */
static ng_status guess_fonts(ng_engine *e, const ng_letter_in *in, const ng_doc *doc, ng_diags *d)
{
	const cached_template *c = cached(e, in->templ);
	if (in->root || in->dump != NG_DUMP_NONE || (c && c->shared_known) ||
	    !ng_linebreaker_warming(e->lb))
		return NG_OK;
	ng_status st = open_parts_needed(e, d); /* (what lay_out does first) */
	if (st != NG_OK)
		return st;
	size_t n = 0;
	for (size_t b = 0; b < doc->n; b++)
		n += 2 + doc->v[b].nrows * doc->v[b].ncols + 5;
	ng_page *p = ng_alloc(e->letter, sizeof *p);
	p->runs = ng_alloc(e->letter, (n + 1) * sizeof *p->runs);
	for (size_t b = 0; b < doc->n; b++)
		guess_block(p, &doc->v[b]);
	ng_pages guessed = {.pages = p, .npages = 1};
	e->guess = ng_pdf_guess_new(e->fonts, &guessed);
	return NG_OK;
}

/* One letter; shared: its shared fonts if known before layout, else
 * (the record's own letter, which is its own representative) made from
 * its pages. */
static ng_status render_letter(ng_engine *e, const ng_letter_in *in, const ng_pdf_shared *shared,
                               ng_pdf_shared **tmp, ng_letter_out *out, ng_diags *d)
{
	ng_arena_reset(e->letter);
	ng_buf_reset(&out->bytes);
	out->pages = 0;
	out->shared = 0;
	out->shared_id = 0;
	out->head = NULL;
	out->head_len = 0;
	ng_doc *doc = ng_doc_new(e->letter);
	if (build_doc(e, in->templ, in->root, doc, d) != 0)
		return NG_ERR_INPUT;
	if (!in->own_date)
		source_date_epoch(doc, d);
	if (in->dump == NG_DUMP_DOC) {
		ng_doc_dump(doc, &out->bytes);
		return NG_OK;
	}
	if (in->dump == NG_DUMP_NONE && in->format != NG_FORMAT_PDF) {
		if (in->format == NG_FORMAT_MD)
			ng_doc_markdown(doc, &out->bytes);
		else
			ng_doc_text(doc, &out->bytes);
		return NG_OK;
	}
	if (!in->root) /* (a batch's letters repeat the record's titles) */
		warm_titles(e, doc);
	ng_pages pages;
	ng_status st = guess_fonts(e, in, doc, d);
	if (st == NG_OK)
		st = lay_out(e, doc, &pages, d);
	if (st != NG_OK)
		return st;
	out->pages = pages.npages;
	if (in->dump == NG_DUMP_LAYOUT) {
		ng_layout_dump(&pages, &out->bytes);
		return NG_OK;
	}
	if (!in->root)
		shared = shared_fonts(e, in->templ, &pages, tmp);
	ng_pdf_opts po = {.untagged = e->untagged,
	                  .pdfa = in->pdfa,
	                  .shared_prefix = &out->shared,
	                  .shared_id = &out->shared_id,
	                  .head = in->head_apart ? &out->head : NULL,
	                  .head_len = &out->head_len};
	return ng_pdf_write_opts(e->fonts, shared, &pages, &po, &out->bytes, d) == 0
	           ? NG_OK
	           : NG_ERR_INTERNAL;
}

ng_status ng_engine_fonts(ng_engine *e, const char *text, size_t len, ng_buf *out, ng_diags *d)
{
	if (e->opening && !e->fonts)
		take_parts(e, d);
	else if (!e->fonts)
		e->fonts = ng_fonts_open(d);
	if (!e->fonts)
		return NG_ERR_IO;
	ng_fonts_describe(e->fonts, text, len, out);
	return NG_OK;
}

void ng_engine_warm(ng_engine *e, const ng_template *t)
{
	ng_pdf_shared *tmp = NULL;
	e->many = true;
	shared_fonts(e, t, NULL, &tmp);
	ng_pdf_shared_free(tmp);
	ng_arena_reset(e->letter);
	/* The workers fork next: no helper thread may be running. */
	if (e->opening)
		ng_thread_join(&e->opening->thread);
	ng_linebreaker_settle(e->lb);
}

/* Texts a PDF also keeps as text strings (document information, the
 * first bookmark), where libharu takes at most 64 KiB of one: a title,
 * addressee or sender name is capped far below that, at its own line and
 * column (a client list's cell in a batch) instead of failing inside
 * libharu without a position. */
static const char *const capped[][2] = {
    {"letter", "title"}, {"letter", "addressee"}, {"sender", "organization"}};
enum { TEXT_CAP = 1000 }; /* characters */

static int check_caps(const ng_node *root, ng_diags *d)
{
	int rc = 0;
	for (size_t i = 0; root && i < NG_ARRAY_LEN(capped); i++) {
		const ng_node *v = ng_node_get(ng_node_get(root, capped[i][0]), capped[i][1]);
		if (!v || v->kind != NG_NODE_SCALAR)
			continue;
		size_t chars = 0;
		for (const char *p = v->value; *p; p++)
			chars += ((unsigned char)*p & 0xC0) != 0x80;
		if (chars <= TEXT_CAP)
			continue;
		char what[160];
		if (v->data) /* made of a client list's cells */
			snprintf(what, sizeof what, "%s",
			         ng_tr("the addressee from the client list (characters)"));
		else
			snprintf(what, sizeof what, ng_tr("%s.%s (characters)"), capped[i][0],
			         capped[i][1]);
		ng_diag *g = ng_diag_add(d, NG_D_TOO_LARGE, v->pos, what, (size_t)TEXT_CAP);
		ng_diag_hint(d, g, "shorten it; longer text belongs in the letter's body");
		rc = -1;
	}
	return rc;
}

ng_status ng_engine_letter(ng_engine *e, const ng_letter_in *in, ng_letter_out *out, ng_diags *d)
{
	if (check_caps(in->root ? in->root : ng_engine_record(e)->root, d) != 0)
		return NG_ERR_INPUT;
	ng_pdf_shared *tmp = NULL;
	const ng_pdf_shared *shared = NULL;
	if (in->root && in->format == NG_FORMAT_PDF && in->dump == NG_DUMP_NONE)
		shared = shared_fonts(e, in->templ, NULL, &tmp);
	ng_status st = render_letter(e, in, shared, &tmp, out, d);
	ng_pdf_guess_free(e->guess); /* a wrong guess's helper joined */
	e->guess = NULL;
	ng_pdf_shared_free(tmp);
	return st;
}
