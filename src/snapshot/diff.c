/* diff.c — readable differences for snapshots: an edit script by longest
 * common subsequence, a unified diff of texts, and the difference of two
 * layout dumps told as a reviewer reads a letter — by paragraph and page:
 * one word changed is one line, a paragraph broken anew is one "reflowed"
 * entry with the changed words marked, and everything pushed down the page
 * by it is one "moved" line per run, not hundreds of coordinates. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"

/* Lines pushed down together differ in their shift by the dump's
 * rounding (18.37 / 18.38 pt): still one run. */
#define MOVE_SLACK 0.015

/* The edit script's table is (n+1)(m+1) cells after common prefix and
 * suffix are taken off; past this many cells the middle is replaced whole
 * (a letter's paragraphs and lines stay far below it). */
enum { MAX_CELLS = 4 << 20 };

static void push(ng_edit **v, size_t *n, size_t *cap, ng_edit e)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = ng_xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = e;
}

/* The middle old[p..p+a) / new[p..p+b) by dynamic programming: L[i][j] is
 * the LCS length of the suffixes, walked forward. */
static void lcs_middle(size_t p, size_t a, size_t b, ng_edit_eq eq, void *ctx, ng_edit **v,
                       size_t *n, size_t *cap)
{
	size_t w = b + 1;
	uint32_t *L = ng_xcalloc((a + 1) * w, sizeof *L);
	for (size_t i = a; i-- > 0;)
		for (size_t j = b; j-- > 0;)
			L[i * w + j] =
			    eq(ctx, p + i, p + j)
			        ? L[(i + 1) * w + j + 1] + 1
			        : (L[(i + 1) * w + j] > L[i * w + j + 1] ? L[(i + 1) * w + j]
			                                                 : L[i * w + j + 1]);
	size_t i = 0, j = 0;
	while (i < a || j < b) {
		if (i < a && j < b && eq(ctx, p + i, p + j)) {
			push(v, n, cap, (ng_edit){NG_EDIT_SAME, p + i++, p + j++});
		} else if (i < a && (j == b || L[(i + 1) * w + j] >= L[i * w + j + 1])) {
			/* Removals before additions, as diff -u shows them. */
			push(v, n, cap, (ng_edit){NG_EDIT_DEL, p + i++, p + j});
		} else {
			push(v, n, cap, (ng_edit){NG_EDIT_INS, p + i, p + j++});
		}
	}
	free(L);
}

size_t ng_edit_script(size_t n, size_t m, ng_edit_eq eq, void *ctx, ng_edit **out)
{
	ng_edit *v = NULL;
	size_t len = 0, cap = 0, p = 0, s = 0;
	while (p < n && p < m && eq(ctx, p, p))
		p++;
	while (s < n - p && s < m - p && eq(ctx, n - 1 - s, m - 1 - s))
		s++;
	for (size_t k = 0; k < p; k++)
		push(&v, &len, &cap, (ng_edit){NG_EDIT_SAME, k, k});
	size_t a = n - p - s, b = m - p - s;
	if ((a + 1) * (b + 1) <= MAX_CELLS) {
		lcs_middle(p, a, b, eq, ctx, &v, &len, &cap);
	} else {
		for (size_t k = 0; k < a; k++)
			push(&v, &len, &cap, (ng_edit){NG_EDIT_DEL, p + k, p});
		for (size_t k = 0; k < b; k++)
			push(&v, &len, &cap, (ng_edit){NG_EDIT_INS, p + a, p + k});
	}
	for (size_t k = 0; k < s; k++)
		push(&v, &len, &cap, (ng_edit){NG_EDIT_SAME, n - s + k, m - s + k});
	*out = v;
	return len;
}

/* ---- lines of a text */

typedef struct span {
	const char *s;
	size_t len;
} span;

typedef struct spans {
	span *v;
	size_t n, cap;
} spans;

static void spans_add(spans *l, const char *s, size_t len)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = ng_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = (span){s, len};
}

static spans split_lines(const char *t)
{
	spans l = {0};
	while (t && *t) {
		const char *nl = strchr(t, '\n');
		size_t len = nl ? (size_t)(nl - t) : strlen(t);
		spans_add(&l, t, len);
		t += len + (nl != NULL);
	}
	return l;
}

static bool span_eq(span a, span b)
{
	return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

typedef struct pair {
	const spans *a, *b;
} pair;

static bool spans_eq(void *ctx, size_t i, size_t j)
{
	const pair *p = ctx;
	return span_eq(p->a->v[i], p->b->v[j]);
}

/* ---- unified diff */

static void hunk(ng_buf *out, const ng_edit *e, size_t from, size_t to, const spans *a,
                 const spans *b, size_t *budget)
{
	size_t na = 0, nb = 0;
	for (size_t k = from; k < to; k++) {
		na += e[k].kind != NG_EDIT_INS;
		nb += e[k].kind != NG_EDIT_DEL;
	}
	ng_buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", e[from].i + (na > 0), na,
	              e[from].j + (nb > 0), nb);
	for (size_t k = from; k < to; k++) {
		if (*budget == 0) {
			ng_buf_adds(out, "  … (more differences not shown)\n");
			return;
		}
		(*budget)--;
		span s = e[k].kind == NG_EDIT_INS ? b->v[e[k].j] : a->v[e[k].i];
		ng_buf_addc(out, " -+"[e[k].kind]);
		ng_buf_add(out, s.s, s.len);
		ng_buf_addc(out, '\n');
	}
}

size_t ng_snap_text_diff(const char *old, const char *new_, int context, size_t max_lines,
                         ng_buf *out)
{
	spans a = split_lines(old), b = split_lines(new_);
	pair p = {&a, &b};
	ng_edit *e;
	size_t n = ng_edit_script(a.n, b.n, spans_eq, &p, &e), changed = 0, budget = max_lines;
	size_t ctx = context > 0 ? (size_t)context : 0;
	for (size_t k = 0; k < n;) {
		if (e[k].kind == NG_EDIT_SAME) {
			k++;
			continue;
		}
		/* A hunk: this change, with context, up to where the unchanged
		 * run after a change is longer than twice the context. */
		size_t from = k > ctx ? k - ctx : 0, to = k;
		while (to < n) {
			size_t same = 0;
			while (to + same < n && e[to + same].kind == NG_EDIT_SAME)
				same++;
			if (to + same == n || same > 2 * ctx) {
				to += same < ctx ? same : ctx;
				break;
			}
			to += same;
			while (to < n && e[to].kind != NG_EDIT_SAME)
				changed++, to++;
		}
		if (budget)
			hunk(out, e, from, to, &a, &b, &budget);
		k = to;
	}
	free(e);
	free(a.v);
	free(b.v);
	return changed;
}

/* ---- layout dumps */

/* One row of `--dump layout`: "PAGE LINE x= y= w= r= FLAGS | TEXT" for a
 * line; rules, links, images, marks and the header are kept as text. */
typedef struct lrow {
	int page, line;
	double x, y, w;
	char flags[8];
	span text, raw;
} lrow;

typedef struct dump {
	lrow *lines;
	size_t nlines, cap;
	spans other; /* rows that are not lines, in order */
	spans shape; /* the same with their numbers left out */
	char *shapes;
} dump;

static bool parse_line(span raw, lrow *r)
{
	int n = 0;
	char buf[40];
	size_t len = raw.len < sizeof buf - 1 ? raw.len : sizeof buf - 1;
	memcpy(buf, raw.s, len);
	buf[len] = '\0';
	if (sscanf(buf, "%d %d x=%lf y=%lf w=%lf", &r->page, &r->line, &r->x, &r->y, &r->w) != 5)
		return false;
	const char *bar = strstr(raw.s, " | ");
	if (!bar || bar >= raw.s + raw.len)
		return false;
	const char *f = bar;
	while (f > raw.s && f[-1] != ' ')
		f--;
	n = (int)(bar - f) < 7 ? (int)(bar - f) : 7;
	memcpy(r->flags, f, (size_t)n);
	r->flags[n] = '\0';
	r->text = (span){bar + 3, (size_t)(raw.s + raw.len - bar - 3)};
	r->raw = raw;
	return true;
}

/* A non-line row without its numbers ("1 link x= y= … | tel:…" →
 * "link x= y= … | tel:…"), to tell a moved rule from a changed one. */
static span shape_of(span raw, ng_buf *b)
{
	size_t start = b->len;
	size_t head = 0;
	while (head + 3 <= raw.len && memcmp(raw.s + head, " | ", 3) != 0)
		head++;
	if (head + 3 > raw.len)
		head = raw.len;
	for (size_t i = 0; i < head; i++)
		if (!strchr("0123456789.-", raw.s[i]))
			ng_buf_addc(b, raw.s[i]);
	ng_buf_add(b, raw.s + head, raw.len - head);
	return (span){(const char *)(uintptr_t)start, b->len - start};
}

static void parse_dump(const char *text, dump *d)
{
	spans rows = split_lines(text);
	ng_buf shapes = {0};
	for (size_t i = 0; i < rows.n; i++) {
		lrow r;
		/* Page numbers go with the rules and links: they change with
		 * the page count (reported apart), and as lines they would be
		 * matched in place of the paragraphs around them. */
		if (parse_line(rows.v[i], &r) && !strchr(r.flags, 'P')) {
			if (d->nlines == d->cap) {
				d->cap = d->cap ? d->cap * 2 : 128;
				d->lines = ng_xrealloc(d->lines, d->cap * sizeof *d->lines);
			}
			d->lines[d->nlines++] = r;
		} else if (rows.v[i].len && rows.v[i].s[0] != '#') {
			spans_add(&d->other, rows.v[i].s, rows.v[i].len);
			span s = shape_of(rows.v[i], &shapes);
			spans_add(&d->shape, s.s, s.len);
		}
	}
	/* Offsets into shapes become pointers once it stops growing. */
	d->shapes = shapes.data;
	for (size_t i = 0; i < d->shape.n; i++)
		d->shape.v[i].s = d->shapes + (uintptr_t)d->shape.v[i].s;
	free(rows.v);
}

static void free_dump(dump *d)
{
	free(d->lines);
	free(d->other.v);
	free(d->shape.v);
	free(d->shapes);
}

/* A paragraph: a line and the lines flagged C (continued) after it. */
typedef struct para {
	size_t first, n; /* lines */
	char *text;      /* its lines' text joined */
	size_t len;
} para;

typedef struct paras {
	para *v;
	size_t n;
	const dump *d;
} paras;

static paras split_paras(const dump *d)
{
	paras p = {ng_xcalloc(d->nlines + 1, sizeof(para)), 0, d};
	for (size_t i = 0; i < d->nlines; i++) {
		if (p.n == 0 || !strchr(d->lines[i].flags, 'C'))
			p.v[p.n++] = (para){.first = i};
		p.v[p.n - 1].n++;
	}
	for (size_t k = 0; k < p.n; k++) {
		ng_buf b = {0};
		for (size_t i = 0; i < p.v[k].n; i++)
			ng_buf_add(&b, d->lines[p.v[k].first + i].text.s,
			           d->lines[p.v[k].first + i].text.len);
		ng_buf_addc(&b, '\0');
		p.v[k].text = b.data;
		p.v[k].len = b.len - 1;
	}
	return p;
}

static void free_paras(paras *p)
{
	for (size_t k = 0; k < p->n; k++)
		free(p->v[k].text);
	free(p->v);
}

typedef struct ppair {
	const paras *a, *b;
} ppair;

static bool paras_eq(void *ctx, size_t i, size_t j)
{
	const ppair *p = ctx;
	const para *x = &p->a->v[i], *y = &p->b->v[j];
	return x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
}

/* Lines that only moved, by page and shift: told as one line each when
 * the page's report ends, however they interleave with changed lines (a
 * table's columns shifting by different amounts are two groups, not a
 * line per cell). */
typedef struct move_group {
	size_t first_a, first_b, last_a, last_b, n; /* lines (old, new) */
	double dx, dy;
	int dpage;
} move_group;

enum { MAX_GROUPS = 32 };

/* The report being written: the page of the last heading, and the moves
 * not yet told. */
typedef struct report {
	ng_buf *out;
	int page;
	ng_layout_delta *delta;
	const dump *a, *b;
	move_group groups[MAX_GROUPS];
	size_t ngroups;
} report;

static void flush_moves(report *r);

static void heading(report *r, int page)
{
	if (page != r->page)
		ng_buf_printf(r->out, "@@ page %d @@\n", page);
	r->page = page;
}

/* Before the first entry of another page: the moves of this one. */
static void page_heading(report *r, int page)
{
	if (page != r->page)
		flush_moves(r);
	heading(r, page);
}

static void line_out(ng_buf *out, char sign, const lrow *l)
{
	ng_buf_addc(out, sign);
	ng_buf_add(out, l->raw.s, l->raw.len);
	ng_buf_addc(out, '\n');
}

/* At most n characters of s, never cutting one in two. */
static int head_bytes(span s, size_t n)
{
	size_t i = 0;
	while (i < s.len && n--) {
		uint32_t cp;
		size_t k = ng_utf8_decode(s.s + i, s.len - i, &cp);
		i += k ? k : 1;
	}
	return (int)i;
}

/* "page 1 lines 3–9", or "page 1 line 30 – page 2 line 4" */
static void lines_range(ng_buf *out, const lrow *from, const lrow *to)
{
	if (from == to)
		ng_buf_printf(out, "page %d line %d", from->page, from->line);
	else if (from->page == to->page)
		ng_buf_printf(out, "page %d lines %d–%d", from->page, from->line, to->line);
	else
		ng_buf_printf(out, "page %d line %d – page %d line %d", from->page, from->line,
		              to->page, to->line);
}

static void tell_group(report *r, const move_group *g)
{
	const lrow *a = &r->a->lines[g->first_a], *al = &r->a->lines[g->last_a];
	const lrow *b = &r->b->lines[g->first_b], *bl = &r->b->lines[g->last_b];
	heading(r, b->page);
	ng_buf_printf(r->out, "= %zu line%s moved", g->n, g->n == 1 ? "" : "s");
	if (g->dpage == 0 && fabs(g->dy) >= MOVE_SLACK)
		ng_buf_printf(r->out, " %s %.2f pt", g->dy > 0 ? "down" : "up", fabs(g->dy));
	if (fabs(g->dx) >= MOVE_SLACK)
		ng_buf_printf(r->out, " %s %.2f pt", g->dx > 0 ? "right" : "left", fabs(g->dx));
	else if (g->dpage == 0 && fabs(g->dy) < MOVE_SLACK)
		ng_buf_adds(r->out, ", set to another width");
	/* Not every line in the range moved this way: say "among". */
	bool all = g->last_b - g->first_b + 1 == g->n;
	ng_buf_adds(r->out, all ? ": " : ", among ");
	lines_range(r->out, a, al);
	ng_buf_adds(r->out, " → ");
	lines_range(r->out, b, bl);
	ng_buf_printf(r->out, ", text unchanged, from 「%.*s」\n", head_bytes(a->text, 20),
	              a->text.s);
	r->delta->moved += g->n;
}

static void flush_moves(report *r)
{
	for (size_t i = 0; i < r->ngroups; i++)
		tell_group(r, &r->groups[i]);
	r->ngroups = 0;
}

static bool same_place(const lrow *x, const lrow *y)
{
	return x->page == y->page && x->line == y->line && x->x == y->x && x->y == y->y &&
	       x->w == y->w && strcmp(x->flags, y->flags) == 0;
}

/* A line with the same text somewhere else: into the group of its page
 * and shift. */
static void moved_line(report *r, size_t ia, size_t ib)
{
	const lrow *x = &r->a->lines[ia], *y = &r->b->lines[ib];
	page_heading(r, y->page);
	double dx = y->x - x->x, dy = y->y - x->y;
	int dpage = y->page - x->page;
	for (size_t i = 0; i < r->ngroups; i++) {
		move_group *g = &r->groups[i];
		/* Onto another page, y says nothing: one group per page pair. */
		if (g->dpage == dpage && r->b->lines[g->first_b].page == y->page &&
		    fabs(g->dx - dx) < MOVE_SLACK &&
		    (dpage != 0 || fabs(g->dy - dy) < MOVE_SLACK)) {
			g->last_a = ia, g->last_b = ib, g->n++;
			return;
		}
	}
	if (r->ngroups == MAX_GROUPS)
		flush_moves(r);
	r->groups[r->ngroups++] = (move_group){ia, ib, ia, ib, 1, dx, dy, dpage};
}

/* Whether two paragraphs are broken into the same lines (same texts). */
static bool same_breaks(const report *r, const para *x, const para *y)
{
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++)
		if (!span_eq(r->a->lines[x->first + i].text, r->b->lines[y->first + i].text))
			return false;
	return true;
}

static void kept_para(report *r, const para *x, const para *y)
{
	if (same_breaks(r, x, y)) {
		for (size_t i = 0; i < x->n; i++) {
			if (!same_place(&r->a->lines[x->first + i], &r->b->lines[y->first + i]))
				moved_line(r, x->first + i, y->first + i);
		}
		return;
	}
	const lrow *f = &r->b->lines[y->first], *old = &r->a->lines[x->first];
	page_heading(r, f->page);
	ng_buf_printf(r->out,
	              "~ paragraph reflowed, text unchanged: page %d line %d (%zu lines) → "
	              "page %d line %d (%zu lines): 「%.*s…」\n",
	              old->page, old->line, x->n, f->page, f->line, y->n, head_bytes(f->text, 20),
	              f->text.s);
	r->delta->reflowed++;
}

/* ---- a changed paragraph's text, by character */

typedef struct chars {
	span *v;
	size_t n;
} chars;

static chars split_chars(const char *s, size_t len)
{
	chars c = {ng_xcalloc(len + 1, sizeof(span)), 0};
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = ng_utf8_decode(s + i, len - i, &cp);
		k = k ? k : 1;
		c.v[c.n++] = (span){s + i, k};
		i += k;
	}
	return c;
}

typedef struct cpair {
	const chars *a, *b;
} cpair;

static bool chars_eq(void *ctx, size_t i, size_t j)
{
	const cpair *p = ctx;
	return span_eq(p->a->v[i], p->b->v[j]);
}

enum { CONTEXT_CHARS = 12 };

static void add_chars(ng_buf *out, const chars *c, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		ng_buf_add(out, c->v[k].s, c->v[k].len);
}

/* Unchanged text between changes, shortened to its ends. */
static void same_run(ng_buf *out, const chars *c, size_t from, size_t to, bool first, bool last)
{
	size_t n = to - from;
	if (n <= 2 * CONTEXT_CHARS || (first && n <= CONTEXT_CHARS) ||
	    (last && n <= CONTEXT_CHARS)) {
		add_chars(out, c, from, to);
		return;
	}
	if (!first)
		add_chars(out, c, from, from + CONTEXT_CHARS);
	ng_buf_adds(out, "…");
	if (!last)
		add_chars(out, c, to - CONTEXT_CHARS, to);
}

/* "…前後[-旧-]{+新+}後…" */
static void word_diff(ng_buf *out, const para *x, const para *y)
{
	chars a = split_chars(x->text, x->len), b = split_chars(y->text, y->len);
	cpair p = {&a, &b};
	ng_edit *e;
	size_t n = ng_edit_script(a.n, b.n, chars_eq, &p, &e);
	for (size_t k = 0; k < n;) {
		size_t s = k;
		ng_edit_kind kind = e[k].kind;
		while (k < n && e[k].kind == kind)
			k++;
		if (kind == NG_EDIT_SAME) {
			same_run(out, &a, e[s].i, e[k - 1].i + 1, s == 0, k == n);
		} else {
			ng_buf_adds(out, kind == NG_EDIT_DEL ? "[-" : "{+");
			for (size_t q = s; q < k; q++) {
				span c = kind == NG_EDIT_DEL ? a.v[e[q].i] : b.v[e[q].j];
				ng_buf_add(out, c.s, c.len);
			}
			ng_buf_adds(out, kind == NG_EDIT_DEL ? "-]" : "+}");
		}
	}
	ng_buf_addc(out, '\n');
	free(e);
	free(a.v);
	free(b.v);
}

/* A paragraph whose text changed: the changed lines as -/+ pairs when the
 * other lines kept their text (a word for a word of the same width), else
 * one reflow entry with the change marked. */
static void changed_para(report *r, const para *x, const para *y)
{
	size_t differ = 0;
	if (x->n == y->n)
		for (size_t i = 0; i < x->n; i++)
			differ += !span_eq(r->a->lines[x->first + i].text,
			                   r->b->lines[y->first + i].text);
	const lrow *f = &r->b->lines[y->first], *old = &r->a->lines[x->first];
	page_heading(r, f->page);
	/* A line of its own (a heading, a date line) is never "reflowed". */
	if (x->n == y->n && (x->n == 1 || differ * 2 <= x->n)) {
		for (size_t i = 0; i < x->n; i++) {
			const lrow *la = &r->a->lines[x->first + i],
			           *lb = &r->b->lines[y->first + i];
			if (span_eq(la->text, lb->text))
				continue;
			line_out(r->out, '-', la);
			line_out(r->out, '+', lb);
		}
		r->delta->changed += differ;
		return;
	}
	ng_buf_printf(r->out,
	              "~ paragraph reflowed by a change of its text: page %d line %d (%zu "
	              "line%s) → page %d line %d (%zu line%s):\n  ",
	              old->page, old->line, x->n, x->n == 1 ? "" : "s", f->page, f->line, y->n,
	              y->n == 1 ? "" : "s");
	word_diff(r->out, x, y);
	r->delta->reflowed++;
}

static void lone_para(report *r, const paras *p, const para *x, char sign)
{
	const dump *d = p->d;
	page_heading(r, d->lines[x->first].page);
	for (size_t i = 0; i < x->n; i++)
		line_out(r->out, sign, &d->lines[x->first + i]);
	if (sign == '-')
		r->delta->removed++;
	else
		r->delta->added++;
}

/* A run of removed and added paragraphs between kept ones: paired in
 * order as changed paragraphs, the rest removed or added. */
static void changed_run(report *r, const paras *pa, const paras *pb, const ng_edit *e, size_t n)
{
	size_t *dels = ng_xcalloc(n, sizeof *dels), *ins = ng_xcalloc(n, sizeof *ins);
	size_t nd = 0, ni = 0;
	for (size_t k = 0; k < n; k++) {
		if (e[k].kind == NG_EDIT_DEL)
			dels[nd++] = e[k].i;
		else
			ins[ni++] = e[k].j;
	}
	size_t k = 0;
	for (; k < nd && k < ni; k++)
		changed_para(r, &pa->v[dels[k]], &pb->v[ins[k]]);
	for (size_t q = k; q < nd; q++)
		lone_para(r, pa, &pa->v[dels[q]], '-');
	for (size_t q = k; q < ni; q++)
		lone_para(r, pb, &pb->v[ins[q]], '+');
	free(dels);
	free(ins);
}

/* Rules, links, images, marks, page numbers and the page size. */
typedef struct others {
	report *r;
	size_t moved, shown;
} others;

static void other_row(others *o, char sign, span s)
{
	if (!o->shown && !o->moved)
		ng_buf_adds(o->r->out, "@@ rules, links, images, bookmarks @@\n");
	o->r->delta->other++;
	if (o->shown++ < 20) {
		ng_buf_addc(o->r->out, sign);
		ng_buf_add(o->r->out, s.s, s.len);
		ng_buf_addc(o->r->out, '\n');
	}
}

/* A run of removed and added rows between unchanged ones: a removed row
 * with an added one of the same kind and text (numbers aside) moved;
 * the rest shown. */
static void other_run(others *o, const ng_edit *e, size_t n)
{
	const report *r = o->r;
	bool *used = ng_xcalloc(n + 1, sizeof *used);
	for (size_t k = 0; k < n; k++) {
		if (e[k].kind != NG_EDIT_DEL)
			continue;
		size_t q = 0;
		while (q < n && (used[q] || e[q].kind != NG_EDIT_INS ||
		                 !span_eq(r->a->shape.v[e[k].i], r->b->shape.v[e[q].j])))
			q++;
		if (q < n)
			used[q] = used[k] = true, o->moved++;
	}
	for (size_t k = 0; k < n; k++)
		if (!used[k])
			other_row(o, e[k].kind == NG_EDIT_DEL ? '-' : '+',
			          e[k].kind == NG_EDIT_DEL ? r->a->other.v[e[k].i]
			                                   : r->b->other.v[e[k].j]);
	free(used);
}

/* Rows in place are matched exactly first, so that a table's unchanged
 * rules are not "moved"; moved ones are counted, changed ones shown. */
static void other_rows(report *r)
{
	pair raws = {&r->a->other, &r->b->other};
	ng_edit *e;
	size_t n = ng_edit_script(raws.a->n, raws.b->n, spans_eq, &raws, &e);
	others o = {r, 0, 0};
	for (size_t k = 0; k < n;) {
		size_t s = k;
		while (k < n && e[k].kind != NG_EDIT_SAME)
			k++;
		if (k > s)
			other_run(&o, e + s, k - s);
		else
			k++;
	}
	if (o.shown > 20)
		ng_buf_printf(r->out, "  … and %zu more\n", o.shown - 20);
	if (o.moved) {
		if (!o.shown)
			ng_buf_adds(r->out, "@@ rules, links, images, bookmarks @@\n");
		ng_buf_printf(r->out, "= %zu of the rules, links, images and bookmarks moved\n",
		              o.moved);
		r->delta->other += o.moved;
	}
	free(e);
}

bool ng_snap_layout_diff(const char *old, const char *new_, ng_buf *out, ng_layout_delta *delta)
{
	*delta = (ng_layout_delta){0};
	if (strcmp(old, new_) == 0)
		return false;
	dump a = {0}, b = {0};
	parse_dump(old, &a);
	parse_dump(new_, &b);
	paras pa = split_paras(&a), pb = split_paras(&b);
	ppair pp = {&pa, &pb};
	ng_edit *e;
	size_t n = ng_edit_script(pa.n, pb.n, paras_eq, &pp, &e);
	report r = {.out = out, .delta = delta, .a = &a, .b = &b};
	for (size_t k = 0; k < n;) {
		if (e[k].kind == NG_EDIT_SAME) {
			kept_para(&r, &pa.v[e[k].i], &pb.v[e[k].j]);
			k++;
			continue;
		}
		size_t s = k;
		while (k < n && e[k].kind != NG_EDIT_SAME)
			k++;
		changed_run(&r, &pa, &pb, e + s, k - s);
	}
	flush_moves(&r);
	other_rows(&r);
	free(e);
	free_paras(&pa);
	free_paras(&pb);
	free_dump(&a);
	free_dump(&b);
	return true;
}
