/* naive.c — the benchmark's baseline, not used by the program: a letter
 * through libharu alone, as a first attempt would write it. Each font
 * file is embedded whole (HPDF_LoadTTFontFromFile, HPDF_GetFont with
 * libharu's UTF-8 encoder), text goes through HPDF_Page_ShowText, and
 * libharu deflates every stream. No HarfBuzz, no subset, and libharu's
 * own (wrong) ToUnicode map. */
#include <stdio.h>

#include "pdf_int.h"

#define READ_CHUNK 16384

typedef struct naive {
	ng_fonts *fonts;
	HPDF_Doc doc;
	HPDF_Font font[NG_FONT__COUNT]; /* per slot, loaded when first used */
	ng_buf text;                    /* a NUL-terminated copy of a run */
	bool failed;
} naive;

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	(void)err;
	(void)detail;
	((naive *)user)->failed = true;
}

static HPDF_Font slot_font(naive *n, ng_font_role role)
{
	int slot = ng_fonts_slot(n->fonts, role), index;
	if (n->font[slot])
		return n->font[slot];
	const char *path = ng_fonts_path(n->fonts, slot, &index);
	const char *name = index
	                       ? HPDF_LoadTTFontFromFile2(n->doc, path, (HPDF_UINT)index, HPDF_TRUE)
	                       : HPDF_LoadTTFontFromFile(n->doc, path, HPDF_TRUE);
	n->font[slot] = name ? HPDF_GetFont(n->doc, name, "UTF-8") : NULL;
	return n->font[slot];
}

static void draw_rules(HPDF_Page pg, const ng_page *p, double h)
{
	for (size_t i = 0; i < p->nrules; i++) {
		const ng_rule *r = &p->rules[i];
		HPDF_Page_SetLineWidth(pg, (HPDF_REAL)r->width);
		HPDF_Page_MoveTo(pg, (HPDF_REAL)r->x1, (HPDF_REAL)(h - r->y1));
		HPDF_Page_LineTo(pg, (HPDF_REAL)r->x2, (HPDF_REAL)(h - r->y2));
		HPDF_Page_Stroke(pg);
	}
}

static void draw_run(naive *n, HPDF_Page pg, const ng_run *r, double h)
{
	HPDF_Font font = slot_font(n, r->font);
	if (!font || r->len == 0)
		return;
	ng_buf_reset(&n->text);
	ng_buf_add(&n->text, r->text, r->len);
	HPDF_Page_SetFontAndSize(pg, font, (HPDF_REAL)r->size);
	HPDF_Page_SetCharSpace(pg, (HPDF_REAL)r->char_space);
	HPDF_Page_SetTextMatrix(pg, 1, 0, 0, 1, (HPDF_REAL)r->x, (HPDF_REAL)(h - r->y));
	HPDF_Page_ShowText(pg, n->text.data);
}

static void draw_page(naive *n, const ng_pages *pages, const ng_page *p)
{
	double h = pages->height;
	HPDF_Page pg = HPDF_AddPage(n->doc);
	HPDF_Page_SetWidth(pg, (HPDF_REAL)pages->width);
	HPDF_Page_SetHeight(pg, (HPDF_REAL)h);
	draw_rules(pg, p, h);
	HPDF_Page_BeginText(pg);
	for (size_t i = 0; i < p->nruns && !n->failed; i++)
		draw_run(n, pg, &p->runs[i], h);
	HPDF_Page_EndText(pg);
}

static void save(naive *n, ng_buf *out)
{
	HPDF_SaveToStream(n->doc);
	HPDF_UINT32 left = n->failed ? 0 : HPDF_GetStreamSize(n->doc);
	HPDF_BYTE chunk[READ_CHUNK];
	while (left > 0 && !n->failed) {
		HPDF_UINT32 k = left < READ_CHUNK ? left : READ_CHUNK;
		HPDF_ReadFromStream(n->doc, chunk, &k);
		ng_buf_add(out, chunk, k);
		left -= k;
		n->failed |= k == 0;
	}
}

int ng_pdf_write_naive(ng_fonts *f, const ng_pages *pages, ng_buf *out, ng_diags *diags)
{
	naive n = {.fonts = f};
	ng_buf_reset(out);
	n.doc = HPDF_New(on_error, &n);
	n.failed = !n.doc;
	if (!n.failed) {
		HPDF_SetCompressionMode(n.doc, HPDF_COMP_ALL);
		HPDF_UseUTFEncodings(n.doc);
		for (size_t i = 0; i < pages->npages && !n.failed; i++)
			draw_page(&n, pages, &pages->pages[i]);
		save(&n, out);
		HPDF_Free(n.doc);
	}
	ng_buf_free(&n.text);
	if (!n.failed)
		return 0;
	ng_diag_add(diags, NG_D_PDF, (ng_pos){0}, ng_tr("the naive baseline writer failed"));
	ng_buf_reset(out);
	return -1;
}
