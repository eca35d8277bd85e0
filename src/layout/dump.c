/* dump.c — the page list as text: ng_layout_dump (one row per laid-out
 * line, then the page's rules and links) and ng_layout_text (plain text). The format is documented
 * in layout.h and kept stable for golden tests and users' own checks. */
#include <string.h>

#include "layout_int.h"

static void flags(ng_buf *out, unsigned f)
{
	static const struct {
		unsigned bit;
		char c;
	} names[] = {{NG_LINE_JUSTIFIED, 'J'}, {NG_LINE_HANGING, 'H'}, {NG_LINE_FORCED, 'F'},
	             {NG_LINE_CONTINUED, 'C'}, {NG_LINE_FOOTER, 'P'},  {NG_LINE_MARKER, 'M'}};
	size_t n = 0;
	for (size_t i = 0; i < NG_ARRAY_LEN(names); i++)
		if (f & names[i].bit) {
			ng_buf_addc(out, names[i].c);
			n++;
		}
	if (!n)
		ng_buf_addc(out, '-');
}

static void dump_page(const ng_page *pg, size_t no, ng_buf *out)
{
	for (size_t j = 0; j < pg->nlines; j++) {
		const ng_line *g = &pg->lines[j];
		ng_buf_printf(out, "%zu %zu x=%.2f y=%.2f w=%.2f r=%.2f ", no, j + 1, g->x, g->y,
		              g->width, g->right);
		flags(out, g->flags);
		ng_buf_adds(out, " | ");
		ng_buf_add(out, g->text, g->len);
		ng_buf_addc(out, '\n');
	}
	for (size_t j = 0; j < pg->nrules; j++) {
		const ng_rule *r = &pg->rules[j];
		ng_buf_printf(out, "%zu rule x1=%.2f y1=%.2f x2=%.2f y2=%.2f w=%.2f\n", no, r->x1,
		              r->y1, r->x2, r->y2, r->width);
	}
	for (size_t j = 0; j < pg->nlinks; j++) {
		const ng_link *k = &pg->links[j];
		ng_buf_printf(out, "%zu link x=%.2f y=%.2f w=%.2f h=%.2f | %s\n", no, k->x, k->y,
		              k->w, k->h, k->uri);
	}
	for (size_t j = 0; j < pg->nimages; j++) {
		const ng_image *m = &pg->images[j];
		const char *base = strrchr(m->path, '/');
		ng_buf_printf(out, "%zu image x=%.2f y=%.2f w=%.2f h=%.2f | %s\n", no, m->x, m->y,
		              m->w, m->h, base ? base + 1 : m->path);
	}
}

void ng_layout_dump(const ng_pages *p, ng_buf *out)
{
	ng_buf_printf(out, "pages %zu size %.2f x %.2f\n", p->npages, p->width, p->height);
	ng_buf_adds(out, "# page line x y width right flags | text\n");
	for (size_t i = 0; i < p->npages; i++)
		dump_page(&p->pages[i], i + 1, out);
	for (size_t i = 0; i < p->nmarks; i++) {
		const ng_mark *m = &p->marks[i];
		ng_buf_printf(out, "%zu mark level=%d y=%.2f | %s\n", m->page + 1, m->level, m->y,
		              m->title);
	}
}

void ng_layout_text(const ng_pages *p, ng_buf *out)
{
	for (size_t i = 0; i < p->npages; i++) {
		if (i)
			ng_buf_addc(out, '\f');
		for (size_t k = 0; k < p->pages[i].nlines; k++) {
			ng_buf_add(out, p->pages[i].lines[k].text, p->pages[i].lines[k].len);
			ng_buf_addc(out, '\n');
		}
	}
}
