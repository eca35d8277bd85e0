/* test_layout_cache.c — the layout cache (ng_layout_cache): a layout that
 * reuses lines set before equals a fresh layout in every field of the page
 * list, bit for bit (compared as hexadecimal floats); a change to any part
 * of the key (a character, the width, the alignment, the font, the size,
 * the first-line indent, the options, the measure) misses; the caps hold;
 * pagination (orphans, widows) is done afresh for lines taken from the
 * cache; a forced break warns every time; source positions are those of
 * the text being set. With the fake measure of test_layout.c, and once
 * with the real fonts on the example letters through every template. */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../common/fake_layout.h"

#include <stdio.h>
#include <string.h>

#include "era/era.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "record/record.h"
#include "template/template.h"

#define EM 10.0

static fake_layout fx;
static ng_arena *arena;
static ng_diags *diags;
static ng_layout_opts opts;
static ng_doc *doc;
static ng_layout_cache *cache;

static int group_setup(void **state)
{
	(void)state;
	return fake_layout_open(&fx);
}

static int group_teardown(void **state)
{
	(void)state;
	fake_layout_close(&fx);
	return 0;
}

/* Each test: a 10-em measure of 10 pt at x = 50, tall pages, a cache. */
static int setup(void **state)
{
	(void)state;
	arena = ng_arena_new();
	diags = ng_diags_new();
	fake_layout_opts(&opts, EM, fx.jl);
	cache = ng_layout_cache_new(1 << 20, 1024);
	doc = ng_doc_new(arena);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ng_layout_cache_free(cache);
	ng_diags_free(diags);
	ng_arena_free(arena);
	return 0;
}

static ng_block *add(ng_block_kind kind, const char *text)
{
	ng_block *b = ng_doc_add(doc, kind);
	ng_content_adds(arena, &b->content, text, (ng_pos){"t", 1, 1});
	return b;
}

static void dbl(ng_buf *b, const char *name, double v)
{
	ng_buf_printf(b, " %s=%a", name, v);
}

static void pos(ng_buf *b, ng_pos p)
{
	ng_buf_printf(b, " pos=%s:%d:%d", p.file ? p.file : "-", p.line, p.col);
}

static void text_of(ng_buf *b, const char *s, size_t len)
{
	ng_buf_printf(b, " |%.*s|", (int)len, s);
}

static void put_run(ng_buf *b, const ng_run *r)
{
	ng_buf_printf(b, "run font=%d len=%zu", (int)r->font, r->len);
	dbl(b, "x", r->x);
	dbl(b, "y", r->y);
	dbl(b, "size", r->size);
	dbl(b, "cs", r->char_space);
	dbl(b, "w", r->width);
	pos(b, r->pos);
	text_of(b, r->text, r->len);
	ng_buf_printf(b, "\n");
}

static void put_line(ng_buf *b, const ng_line *g)
{
	ng_buf_printf(b, "line flags=%u run0=%zu nruns=%zu", g->flags, g->run0, g->nruns);
	dbl(b, "x", g->x);
	dbl(b, "y", g->y);
	dbl(b, "w", g->width);
	dbl(b, "r", g->right);
	text_of(b, g->text, g->len);
	ng_buf_printf(b, "\n");
}

static void put_page(ng_buf *b, const ng_page *p)
{
	for (size_t i = 0; i < p->nruns; i++)
		put_run(b, &p->runs[i]);
	for (size_t i = 0; i < p->nlines; i++)
		put_line(b, &p->lines[i]);
	for (size_t i = 0; i < p->nrules; i++)
		ng_buf_printf(b, "rule %a %a %a %a %a\n", p->rules[i].x1, p->rules[i].y1,
		              p->rules[i].x2, p->rules[i].y2, p->rules[i].width);
	for (size_t i = 0; i < p->nlinks; i++)
		ng_buf_printf(b, "link %a %a %a %a %s\n", p->links[i].x, p->links[i].y,
		              p->links[i].w, p->links[i].h, p->links[i].uri);
	for (size_t i = 0; i < p->nimages; i++)
		ng_buf_printf(b, "image %a %a %a %a %s\n", p->images[i].x, p->images[i].y,
		              p->images[i].w, p->images[i].h, p->images[i].path);
}

/* Every field of the page list, exactly. */
static void serialise(const ng_pages *p, ng_buf *b)
{
	ng_buf_printf(b, "pages=%zu %a %a\n", p->npages, p->width, p->height);
	for (size_t i = 0; i < p->npages; i++) {
		ng_buf_printf(b, "page %zu\n", i);
		put_page(b, &p->pages[i]);
	}
	for (size_t i = 0; i < p->nmarks; i++)
		ng_buf_printf(b, "mark %s %d %zu %a\n", p->marks[i].title, p->marks[i].level,
		              p->marks[i].page, p->marks[i].y);
}

/* Lays doc out with the cache c (NULL: none) and returns the page list
 * serialised (arena string); the diagnostics it adds go to diags. */
static const char *lay(const ng_doc *d, ng_layout_cache *c, ng_pages *out)
{
	ng_layout_opts o = opts;
	o.cache = c;
	ng_pages local;
	ng_pages *p = out ? out : &local;
	assert_int_equal(ng_layout(d, &o, fx.lb, arena, p, diags), 0);
	ng_buf b = {0};
	serialise(p, &b);
	const char *s = ng_strdup(arena, b.data);
	ng_buf_free(&b);
	return s;
}

static size_t hits(void)
{
	return ng_layout_cache_get_stats(cache).hits;
}

static size_t lookups(void)
{
	return ng_layout_cache_get_stats(cache).lookups;
}

/* A letter-like doc with every kind of text block the cache serves. */
static void letter(ng_doc *d, const char *name)
{
	ng_doc *keep = doc;
	doc = d;
	add(NG_B_LINE, "令和5年7月21日")->align = NG_ALIGN_RIGHT;
	add(NG_B_LINE, name);
	add(NG_B_TITLE, "お知らせ")->align = NG_ALIGN_CENTER;
	ng_block *p =
	    add(NG_B_PARA, "拝啓　平素は格別の御愛顧を賜り、厚く御礼申し上げます。当社では"
	                   "「社労夢」（MKシステム）を利用しております。");
	p->first_indent = 1;
	add(NG_B_PARA, "一行目\n二行目は少し長めの文章で、折り返しが起きます。\n\n四行目");
	ng_block *h = add(NG_B_HEADING, "【概要】");
	h->font = NG_FONT_HEADING;
	h->keep_with_next = true;
	ng_block *it = add(NG_B_ITEM, "箇条書きの項目で、二行に渡る長さがあります。");
	it->marker = "・";
	it->level = 1;
	add(NG_B_LINE, "連絡先：03-3261-4911")->content.link = "tel:03-3261-4911";
	ng_block *t = ng_doc_add_table(d, 2);
	const char *cells[] = {"6/5（月）", "外部の専門会社へ対応要請、調査を実施", "6/6（火）",
	                       "警察へ連絡"};
	for (size_t i = 0; i < 4; i++)
		ng_content_adds(arena, ng_table_cell(d, t, i / 2, i % 2), cells[i],
		                (ng_pos){"t", 2, 1});
	add(NG_B_LINE, "以上")->align = NG_ALIGN_RIGHT;
	doc = keep;
}

/* ---- a hit equals a fresh layout */

static void test_hit_equals_fresh(void **state)
{
	(void)state;
	letter(doc, "株式会社サンプル1 御中");
	const char *fresh = lay(doc, NULL, NULL);
	assert_int_equal(lookups(), 0);
	const char *first = lay(doc, cache, NULL);
	size_t n = lookups(), h = hits();
	assert_true(n > 10);
	assert_true(ng_layout_cache_get_stats(cache).entries > 10);
	assert_string_equal(first, fresh);
	/* Every hard line and the table's measures hit the second time
	 * (the table's cells are not measured one by one again). */
	const char *again = lay(doc, cache, NULL);
	assert_int_equal(hits() - h, lookups() - n);
	assert_true(lookups() - n < n);
	assert_string_equal(again, fresh);
}

/* Another letter (another addressee) shares all but the addressee's
 * line, and equals its own fresh layout. */
static void test_other_letter_reuses(void **state)
{
	(void)state;
	letter(doc, "株式会社サンプル1 御中");
	lay(doc, cache, NULL);
	size_t h = hits(), n = lookups();
	ng_doc *other = ng_doc_new(arena);
	letter(other, "株式会社サンプル2 御中");
	const char *cached = lay(other, cache, NULL);
	assert_int_equal(lookups() - n, hits() - h + 1);
	assert_string_equal(cached, lay(other, NULL, NULL));
}

/* The runs' source positions and text are the letter's own, not those of
 * the letter that filled the cache. */
static void test_positions_from_own_text(void **state)
{
	(void)state;
	ng_block *b = ng_doc_add(doc, NG_B_PARA);
	ng_content_add(arena, &b->content, "前半の文章", strlen("前半の文章"), (ng_pos){"a", 3, 5},
	               true);
	ng_content_add(arena, &b->content, "と後半の文章です。", strlen("と後半の文章です。"),
	               (ng_pos){"a", 9, 2}, true);
	lay(doc, cache, NULL);
	ng_doc *other = ng_doc_new(arena);
	ng_block *c = ng_doc_add(other, NG_B_PARA);
	ng_content_add(arena, &c->content, "前半の文章と後半の文章です。",
	               strlen("前半の文章と後半の文章です。"), (ng_pos){"b", 7, 1}, true);
	size_t h = hits();
	ng_pages p;
	const char *cached = lay(other, cache, &p);
	assert_int_equal(hits(), h + 1);
	assert_string_equal(cached, lay(other, NULL, NULL));
	assert_string_equal(p.pages[0].runs[0].pos.file, "b");
	assert_true(p.pages[0].runs[0].text >= c->content.text &&
	            p.pages[0].runs[0].text < c->content.text + c->content.len);
}

/* ---- every key part */

/* Lays out doc with the cache after a layout of base: the doc must miss
 * (no hit at all) and equal its fresh layout. */
static void assert_misses(ng_doc *base, ng_doc *d, const ng_layout_opts *o)
{
	lay(base, cache, NULL);
	ng_layout_opts keep = opts;
	opts = *o;
	size_t h = hits();
	const char *cached = lay(d, cache, NULL);
	assert_int_equal(hits(), h);
	assert_string_equal(cached, lay(d, NULL, NULL));
	/* and once kept, it hits */
	assert_string_equal(lay(d, cache, NULL), cached);
	assert_true(hits() > h);
	opts = keep;
}

static ng_doc *one(ng_block_kind kind, const char *text)
{
	ng_doc *d = ng_doc_new(arena), *keep = doc;
	doc = d;
	add(kind, text);
	doc = keep;
	return d;
}

#define TEXT "一二三四五六七八九十一二三四五六七八九十一二三"

static void test_miss_on_character(void **state)
{
	(void)state;
	assert_misses(one(NG_B_PARA, TEXT),
	              one(NG_B_PARA, "一二三四五六七八九十一二三四五六七八九十一二四"), &opts);
}

static void test_miss_on_width(void **state)
{
	(void)state;
	ng_doc *d = one(NG_B_PARA, TEXT);
	d->v[0].right_indent = 1;
	assert_misses(one(NG_B_PARA, TEXT), d, &opts);
}

static void test_miss_on_text_width_option(void **state)
{
	(void)state;
	ng_layout_opts o = opts;
	o.text_em = 9;
	assert_misses(one(NG_B_PARA, TEXT), one(NG_B_PARA, TEXT), &o);
}

static void test_miss_on_position(void **state)
{
	(void)state;
	ng_layout_opts o = opts;
	o.margin_left = 40;
	assert_misses(one(NG_B_PARA, TEXT), one(NG_B_PARA, TEXT), &o);
}

static void test_miss_on_alignment(void **state)
{
	(void)state;
	ng_doc *d = one(NG_B_PARA, TEXT);
	d->v[0].align = NG_ALIGN_CENTER;
	assert_misses(one(NG_B_PARA, TEXT), d, &opts);
}

static void test_miss_on_font(void **state)
{
	(void)state;
	ng_doc *d = one(NG_B_PARA, TEXT);
	d->v[0].font = NG_FONT_HEADING;
	assert_misses(one(NG_B_PARA, TEXT), d, &opts);
}

/* The same line pitch (8 × 2.5 = 10 × 2), so only the size differs. */
static void test_miss_on_size(void **state)
{
	(void)state;
	ng_doc *d = one(NG_B_PARA, TEXT);
	d->v[0].size = 8;
	ng_layout_opts o = opts;
	o.line_factor = 2.5;
	assert_misses(one(NG_B_PARA, TEXT), d, &o);
}

static void test_miss_on_first_indent(void **state)
{
	(void)state;
	ng_doc *d = one(NG_B_PARA, TEXT);
	d->v[0].first_indent = 2;
	assert_misses(one(NG_B_PARA, TEXT), d, &opts);
}

static void test_miss_on_line_pitch(void **state)
{
	(void)state;
	ng_layout_opts o = opts;
	o.line_factor = 1.5;
	assert_misses(one(NG_B_PARA, TEXT), one(NG_B_PARA, TEXT), &o);
}

static void test_miss_on_options(void **state)
{
	(void)state;
	const char *s = "あいうえおかきくけこっさしすAB漢字";
	ng_layout_opts o = opts;
	o.strictness = 3;
	assert_misses(one(NG_B_PARA, s), one(NG_B_PARA, s), &o);
	o = opts;
	o.hanging = true;
	assert_misses(one(NG_B_PARA, s), one(NG_B_PARA, s), &o);
	o = opts;
	o.wa_space = 0.5;
	assert_misses(one(NG_B_PARA, s), one(NG_B_PARA, s), &o);
}

/* Another measure context is other fonts, even with the same function. */
/* The page numbers of a letter of several pages come from the cache the
 * second time, each at its page's foot with its own text: the same
 * layout as a fresh one, the text in this layout's memory. */
static void test_page_numbers_kept(void **state)
{
	(void)state;
	for (int i = 0; i < 40; i++)
		add(NG_B_PARA, "一二三四五六七八九十一二三四五六七八九十一二三");
	ng_pages first, again;
	const char *fresh = lay(doc, NULL, NULL);
	assert_string_equal(lay(doc, cache, &first), fresh);
	size_t h = hits(), n = lookups();
	assert_string_equal(lay(doc, cache, &again), fresh);
	assert_int_equal(hits() - h, lookups() - n); /* the numbers too */
	assert_true(again.npages >= 3);
	for (size_t i = 0; i < again.npages; i++) {
		const ng_page *a = &again.pages[i], *f = &first.pages[i];
		const ng_line *g = &a->lines[a->nlines - 1];
		char want[64];
		snprintf(want, sizeof want, "%zu / %zu", i + 1, again.npages);
		assert_true(g->flags & NG_LINE_FOOTER);
		assert_int_equal(g->len, strlen(want));
		assert_memory_equal(g->text, want, g->len);
		assert_ptr_not_equal(g->text, f->lines[f->nlines - 1].text);
		assert_ptr_equal(a->runs[g->run0].text, g->text);
	}
}

/* Every character a quarter wider than the fake measure's. */
static double wide_measure(void *ctx, ng_font_role font, double size, const char *s, size_t len)
{
	return fake_measure(ctx, font, size, s, len) * 1.25;
}

/* The characters' widths kept with the cache are those of the measure
 * asked: a layout through another measure (or the same one for other
 * fonts) after the first equals its own fresh layout, and so does the
 * first one again. */
static void test_chars_follow_measure(void **state)
{
	(void)state;
	static int other_fonts;
	ng_doc *d = one(NG_B_PARA, TEXT "ABC");
	const char *first = lay(d, cache, NULL);
	ng_layout_opts keep = opts;
	opts.measure = wide_measure;
	const char *wide = lay(d, NULL, NULL);
	assert_string_not_equal(wide, first);
	assert_string_equal(lay(d, cache, NULL), wide);
	opts = keep;
	opts.measure_ctx = &other_fonts;
	assert_string_equal(lay(d, cache, NULL), first);
	opts = keep;
	assert_string_equal(lay(d, cache, NULL), first);
}

static void test_miss_on_measure(void **state)
{
	(void)state;
	static int other_fonts;
	ng_layout_opts o = opts;
	o.measure_ctx = &other_fonts;
	assert_misses(one(NG_B_PARA, TEXT), one(NG_B_PARA, TEXT), &o);
}

/* A table cell's lines follow each other in the row's item: a cell's
 * second hard line is not the first line of a paragraph. */
static void test_table_cells(void **state)
{
	(void)state;
	ng_doc *d = ng_doc_new(arena);
	ng_block *t = ng_doc_add_table(d, 2);
	const char *cells[] = {"一二三\n四五", "一二三", "四五", "一二三\n四五"};
	for (size_t i = 0; i < 4; i++)
		ng_content_adds(arena, ng_table_cell(d, t, i / 2, i % 2), cells[i],
		                (ng_pos){"t", 1, 1});
	const char *fresh = lay(d, NULL, NULL);
	assert_string_equal(lay(d, cache, NULL), fresh);
	size_t h = hits();
	assert_string_equal(lay(d, cache, NULL), fresh);
	assert_true(hits() > h);
	/* One cell longer: other column widths, other lines. */
	ng_content_adds(arena, ng_table_cell(d, t, 1, 0), "六七八九十", (ng_pos){"t", 1, 1});
	assert_string_equal(lay(d, cache, NULL), lay(d, NULL, NULL));
}

static ng_doc *table(const char *const *cells, ng_font_role font, double size)
{
	ng_doc *d = ng_doc_new(arena);
	ng_block *t = ng_doc_add_table(d, 2);
	t->font = font;
	t->size = size;
	for (size_t i = 0; i < 4; i++)
		ng_content_adds(arena, ng_table_cell(d, t, i / 2, i % 2), cells[i],
		                (ng_pos){"t", 1, 1});
	return d;
}

/* The hits a layout of d makes on a fresh cache: its own second looks at
 * what it measured itself (a cell's extents decide its break mode, and
 * are looked at again when the cell is set). */
static size_t own_hits(const ng_doc *d)
{
	ng_layout_cache *keep = cache;
	cache = ng_layout_cache_new(1 << 20, 1024);
	lay(d, cache, NULL);
	size_t n = hits();
	ng_layout_cache_free(cache);
	cache = keep;
	return n;
}

/* A cell's extent is kept per font and size too (the fake measure gives
 * every font the same widths, so only the counts tell): a table in
 * another font or size finds nothing of the first one's, and the first
 * one again finds everything it looks for. */
static void test_cell_extent_key(void **state)
{
	(void)state;
	const char *cells[] = {"一二三", "四五六七八九", "十", "一二"};
	lay(table(cells, NG_FONT_BODY, 0), cache, NULL);
	size_t h = hits();
	ng_doc *d = table(cells, NG_FONT_HEADING, 0);
	size_t own = own_hits(d);
	assert_string_equal(lay(d, cache, NULL), lay(d, NULL, NULL));
	assert_int_equal(hits(), h + own);
	h = hits();
	d = table(cells, NG_FONT_BODY, 8);
	ng_layout_opts keep = opts;
	opts.line_factor = 2.5;
	own = own_hits(d);
	assert_string_equal(lay(d, cache, NULL), lay(d, NULL, NULL));
	assert_int_equal(hits(), h + own);
	opts = keep;
	d = table(cells, NG_FONT_BODY, 0);
	h = hits();
	size_t looked = lookups();
	lay(d, cache, NULL);
	assert_int_equal(hits() - h, lookups() - looked);
}

/* A table's column widths and its cells' modes are kept whole: the same
 * table again looks up its measures once, not each cell's; a change to
 * one cell's text or to the given column widths misses them, and each
 * layout equals its fresh one. */
static void test_table_measures_kept(void **state)
{
	(void)state;
	const char *cells[] = {"2/29（木）9時30分", "四五六七八九十一二三四五六七八九十一二三四五",
	                       "十", "一二"};
	ng_doc *d = table(cells, NG_FONT_BODY, 0);
	const char *fresh = lay(d, NULL, NULL);
	assert_string_equal(lay(d, cache, NULL), fresh);
	size_t first = lookups(), h = hits();
	assert_string_equal(lay(d, cache, NULL), fresh);
	size_t again = lookups() - first;
	assert_int_equal(hits() - h, again);
	/* The measures (one look-up), then each cell's hard line. */
	assert_int_equal(again, 1 + 4);
	const char *other[] = {"2/29（木）9時30分", "四五六七八九十一二三四五六七八九十一二三四六",
	                       "十", "一二"};
	ng_doc *o = table(other, NG_FONT_BODY, 0);
	h = hits();
	first = lookups();
	assert_string_equal(lay(o, cache, NULL), lay(o, NULL, NULL));
	assert_true(lookups() - first > again);
	double weights[2] = {1, 3};
	ng_doc *w = table(cells, NG_FONT_BODY, 0);
	w->v[0].col_weights = weights;
	first = lookups();
	h = hits();
	assert_string_equal(lay(w, cache, NULL), lay(w, NULL, NULL));
	assert_true(hits() - h < lookups() - first);
}

/* ---- caps */

static void test_byte_cap(void **state)
{
	(void)state;
	ng_layout_cache_free(cache);
	cache = ng_layout_cache_new(4096, 1024);
	letter(doc, "株式会社サンプル1 御中");
	const char *fresh = lay(doc, NULL, NULL);
	for (int i = 0; i < 3; i++)
		assert_string_equal(lay(doc, cache, NULL), fresh);
	ng_layout_cache_stats st = ng_layout_cache_get_stats(cache);
	assert_true(st.bytes <= 4096);
	assert_true(st.refused > 0);
	assert_true(st.entries > 0);
}

static void test_entry_cap(void **state)
{
	(void)state;
	ng_layout_cache_free(cache);
	cache = ng_layout_cache_new(1 << 20, 3);
	letter(doc, "株式会社サンプル1 御中");
	const char *fresh = lay(doc, NULL, NULL);
	for (int i = 0; i < 3; i++)
		assert_string_equal(lay(doc, cache, NULL), fresh);
	ng_layout_cache_stats st = ng_layout_cache_get_stats(cache);
	assert_int_equal(st.entries, 3);
	assert_true(st.refused > 0);
	/* What it holds still hits. */
	assert_true(st.hits >= 6);
}

static void test_zero_caps(void **state)
{
	(void)state;
	ng_layout_cache_free(cache);
	cache = ng_layout_cache_new(0, 0);
	letter(doc, "株式会社サンプル1 御中");
	const char *fresh = lay(doc, NULL, NULL);
	assert_string_equal(lay(doc, cache, NULL), fresh);
	assert_string_equal(lay(doc, cache, NULL), fresh);
	assert_int_equal(ng_layout_cache_get_stats(cache).entries, 0);
	assert_int_equal(hits(), 0);
	ng_layout_cache_free(NULL);
}

/* ---- pagination stays per letter */

/* The page list's lines per page (footers not counted). */
static size_t body_lines(const ng_pages *p, size_t page)
{
	size_t n = 0;
	for (size_t i = 0; i < p->pages[page].nlines; i++)
		n += !(p->pages[page].lines[i].flags & NG_LINE_FOOTER);
	return n;
}

/* A four-line paragraph after k one-line blocks, five lines a page. */
static ng_doc *after_lines(int k)
{
	ng_doc *d = ng_doc_new(arena), *keep = doc;
	doc = d;
	for (int i = 0; i < k; i++)
		add(NG_B_LINE, "本文");
	add(NG_B_PARA, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三");
	doc = keep;
	return d;
}

static void test_orphan_widow_from_cache(void **state)
{
	(void)state;
	opts.page_h = 100 + 5 * 20;
	ng_pages p;
	lay(after_lines(0), cache, &p); /* the paragraph on one page */
	assert_int_equal(p.npages, 1);
	size_t h = hits();
	/* Two lines of room: it splits 2 + 2. */
	const char *s3 = lay(after_lines(3), cache, &p);
	assert_int_equal(body_lines(&p, 0), 3 + 2);
	assert_int_equal(body_lines(&p, 1), 2);
	assert_string_equal(s3, lay(after_lines(3), NULL, NULL));
	/* One line of room: no orphan, the paragraph moves whole. */
	const char *s4 = lay(after_lines(4), cache, &p);
	assert_int_equal(body_lines(&p, 0), 4);
	assert_int_equal(body_lines(&p, 1), 4);
	assert_string_equal(s4, lay(after_lines(4), NULL, NULL));
	/* Three lines of room: no widow, two lines go over. */
	const char *s2 = lay(after_lines(2), cache, &p);
	assert_int_equal(body_lines(&p, 0), 2 + 2);
	assert_int_equal(body_lines(&p, 1), 2);
	assert_string_equal(s2, lay(after_lines(2), NULL, NULL));
	assert_true(hits() >= h + 3);
}

/* ---- what is not kept */

/* A forced break warns each time: its lines are not kept. */
static void test_forced_break_warns_every_time(void **state)
{
	(void)state;
	ng_doc *d = one(NG_B_PARA, "https://example.jp/aaaaaaaaaaaaaaaaaaaaaaaa/bbbbbbbbbbb");
	for (int i = 0; i < 3; i++) {
		size_t before = ng_diags_count(diags);
		lay(d, cache, NULL);
		assert_int_equal(ng_diags_count(diags), before + 1);
		assert_int_equal(ng_diags_get(diags, before)->code, NG_D_LAYOUT_OVERFLOW);
	}
	assert_int_equal(hits(), 0);
}

/* Without tables of its own (opts.jlreq NULL) a layout keeps nothing. */
static void test_own_tables_not_kept(void **state)
{
	(void)state;
	opts.jlreq = NULL;
	letter(doc, "株式会社サンプル1 御中");
	lay(doc, cache, NULL);
	assert_int_equal(lookups(), 0);
	assert_int_equal(ng_layout_cache_get_stats(cache).entries, 0);
}

/* ---- real fonts: the example letters through every template */

static void real_letters(ng_fonts *fonts, ng_era *era)
{
	const char *records[] = {NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml",
	                         NG_SOURCE_DIR "/tests/golden/minimal.yaml"};
	const char *templates[] = {"client-notice", "individual-notice", "ppc-report",
	                           "public-notice"};
	ng_layout_defaults(&opts);
	opts.measure = ng_fonts_measure;
	opts.measure_ctx = fonts;
	opts.jlreq = fx.jl;
	ng_layout_cache_free(cache);
	cache = ng_layout_cache_new(4 << 20, 4096);
	size_t letters = 0;
	for (size_t r = 0; r < NG_ARRAY_LEN(records); r++) {
		ng_record *rec = ng_record_load(records[r], arena, diags);
		assert_non_null(rec);
		for (size_t t = 0; t < NG_ARRAY_LEN(templates); t++) {
			ng_template *tm = ng_template_load(templates[t], arena, diags);
			assert_non_null(tm);
			ng_doc *d = ng_doc_new(arena);
			if (ng_template_build(tm, rec, era, d, diags) != 0)
				continue; /* a template the minimal record lacks fields for */
			const char *fresh = lay(d, NULL, NULL);
			assert_string_equal(lay(d, cache, NULL), fresh);
			size_t h = hits(), n = lookups();
			assert_string_equal(lay(d, cache, NULL), fresh);
			assert_int_equal(hits() - h, lookups() - n);
			letters++;
		}
	}
	assert_true(letters >= 5);
}

static void test_real_letters(void **state)
{
	(void)state;
	char err[160];
	ng_era *era = ng_era_new(err, sizeof err);
	ng_fonts *fonts = ng_fonts_open(diags);
	assert_non_null(era);
	assert_non_null(fonts);
	real_letters(fonts, era);
	ng_layout_cache_free(cache); /* before the fonts it knows */
	cache = NULL;
	ng_fonts_free(fonts);
	ng_era_free(era);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_hit_equals_fresh),
	    T(test_other_letter_reuses),
	    T(test_positions_from_own_text),
	    T(test_miss_on_character),
	    T(test_miss_on_width),
	    T(test_miss_on_text_width_option),
	    T(test_miss_on_position),
	    T(test_miss_on_alignment),
	    T(test_miss_on_font),
	    T(test_miss_on_size),
	    T(test_miss_on_first_indent),
	    T(test_miss_on_line_pitch),
	    T(test_miss_on_options),
	    T(test_miss_on_measure),
	    T(test_table_cells),
	    T(test_cell_extent_key),
	    T(test_table_measures_kept),
	    T(test_chars_follow_measure),
	    T(test_page_numbers_kept),
	    T(test_byte_cap),
	    T(test_entry_cap),
	    T(test_zero_caps),
	    T(test_orphan_widow_from_cache),
	    T(test_forced_break_warns_every_time),
	    T(test_own_tables_not_kept),
	    T(test_real_letters),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
