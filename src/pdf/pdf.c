/* pdf.c — ng_pdf_write: one page list to PDF bytes in memory through
 * libharu. Checks every character before drawing anything, subsets and
 * embeds each used font once per letter, draws runs, rules and links,
 * writes deterministic document information, and turns libharu's error
 * callback into NG_D_PDF diagnostics (the callback only records; every
 * call's status is checked where it is made). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "pdf_int.h"

#define JST_OFFSET (9 * 3600)
#define READ_CHUNK 16384

typedef struct slot_use {
	ng_cpset set;  /* code points drawn in this font */
	ng_cpset bad;  /* ones already reported missing */
	uint32_t *cps; /* set, ascending */
	HPDF_Font font;
} slot_use;

typedef struct writer {
	ng_fonts *fonts;
	const ng_pages *pages;
	ng_diags *diags;
	HPDF_Doc doc;
	HPDF_STATUS err, detail; /* the first error libharu reported */
	const char *failed;      /* what failed, for the message */
	slot_use use[NG_FONT__COUNT];
	ng_buf text; /* a NUL-terminated copy of the run being drawn */
	HPDF_Font cur_font;
	double cur_size, cur_space;
} writer;

/* ---- errors */

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	writer *w = user;
	if (w->err == HPDF_OK) {
		w->err = err;
		w->detail = detail;
	}
}

/* 0 when a libharu call succeeded; else remembers which call failed. */
static int ok(writer *w, HPDF_STATUS st, const char *call)
{
	if (st == HPDF_OK && w->err == HPDF_OK)
		return 0;
	if (!w->failed)
		w->failed = call;
	if (w->err == HPDF_OK)
		w->err = st;
	return -1;
}

static int okp(writer *w, const void *p, const char *call)
{
	return ok(w, p ? HPDF_OK : HPDF_INVALID_OBJECT, call);
}

#define CALL(w, fn, ...) ok((w), fn(__VA_ARGS__), #fn)

static const struct {
	HPDF_STATUS code;
	const char *name;
} hpdf_errors[] = {
    {HPDF_FAILD_TO_ALLOC_MEM, "out of memory"},
    {HPDF_FILE_IO_ERROR, "file I/O error"},
    {HPDF_FILE_OPEN_ERROR, "cannot open file"},
    {HPDF_INVALID_DATE_TIME, "invalid date"},
    {HPDF_INVALID_FONTDEF_DATA, "invalid font data"},
    {HPDF_INVALID_PARAMETER, "invalid parameter"},
    {HPDF_PAGE_INVALID_FONT_SIZE, "invalid font size"},
    {HPDF_PAGE_INVALID_SIZE, "invalid page size"},
    {HPDF_PAGE_OUT_OF_RANGE, "value out of range"},
    {HPDF_STRING_OUT_OF_RANGE, "string too long"},
    {HPDF_TTF_INVALID_CMAP, "font has no usable cmap"},
    {HPDF_TTF_INVALID_FOMAT, "invalid TrueType font"},
    {HPDF_TTF_MISSING_TABLE, "TrueType table missing"},
    {HPDF_ZLIB_ERROR, "zlib error"},
};

static const char *err_name(HPDF_STATUS code)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(hpdf_errors); i++)
		if (hpdf_errors[i].code == code)
			return hpdf_errors[i].name;
	return "libharu error";
}

static void report(writer *w)
{
	char msg[256];
	if (w->err == HPDF_OK) /* failed outside libharu: w->failed says why */
		snprintf(msg, sizeof msg, "%s", w->failed);
	else
		snprintf(msg, sizeof msg, "%s: %s (0x%04lX, detail %lu)", w->failed,
		         err_name(w->err), (unsigned long)w->err, (unsigned long)w->detail);
	ng_diag_add(w->diags, NG_D_PDF, (ng_pos){0}, msg);
}

/* ---- checking and collecting characters */

static void missing(writer *w, const ng_run *r, const char *at, size_t n, uint32_t cp)
{
	char what[32];
	if (cp >= NG_BMP_SIZE) {
		snprintf(what, sizeof what, "U+%04lX", (unsigned long)cp);
		ng_diag_add(w->diags, NG_D_NON_BMP, r->pos, what);
		return;
	}
	snprintf(what, sizeof what, "U+%04lX '%.*s'", (unsigned long)cp, (int)n, at);
	ng_diag_add(w->diags, NG_D_GLYPH_MISSING, r->pos, what, ng_fonts_family(w->fonts, r->font));
}

/* Adds the run's code points to its font's set; 0, or -1 after reporting
 * every character the font cannot draw. */
static int collect_run(writer *w, const ng_run *r)
{
	slot_use *u = &w->use[ng_fonts_slot(w->fonts, r->font)];
	int rc = 0;
	for (size_t i = 0, n; i < r->len; i += n) {
		uint32_t cp;
		n = ng_utf8_decode(r->text + i, r->len - i, &cp);
		if (n == 0) {
			ng_diag_add(w->diags, NG_D_INTERNAL, r->pos, "invalid UTF-8 in a text run");
			return -1;
		}
		if (ng_fonts_has(w->fonts, r->font, cp)) {
			ng_cpset_add(&u->set, cp);
			continue;
		}
		rc = -1;
		if (cp >= NG_BMP_SIZE || ng_cpset_add(&u->bad, cp))
			missing(w, r, r->text + i, n, cp);
	}
	return rc;
}

static int collect(writer *w)
{
	int rc = 0;
	if (w->pages->npages == 0) {
		ng_diag_add(w->diags, NG_D_INTERNAL, (ng_pos){0}, "a document without pages");
		return -1;
	}
	for (size_t p = 0; p < w->pages->npages; p++) {
		const ng_page *pg = &w->pages->pages[p];
		for (size_t i = 0; i < pg->nruns; i++)
			rc |= collect_run(w, &pg->runs[i]);
	}
	return rc;
}

/* ---- document and fonts */

static HPDF_Date jst_date(long long epoch)
{
	time_t t = (time_t)(epoch + JST_OFFSET);
	struct tm tm;
	gmtime_r(&t, &tm);
	return (HPDF_Date){.year = tm.tm_year + 1900,
	                   .month = tm.tm_mon + 1,
	                   .day = tm.tm_mday,
	                   .hour = tm.tm_hour,
	                   .minutes = tm.tm_min,
	                   .seconds = tm.tm_sec,
	                   .ind = '+',
	                   .off_hour = 9,
	                   .off_minutes = 0};
}

/* Title, Author and Subject go out as UTF-16BE because the current
 * encoder is UTF-8 (libharu maps characters above U+FFFF to spaces). No
 * clock is read: the dates are the letter's date, and libharu writes no
 * ID unless asked, so equal pages give equal bytes. A date_epoch of 0
 * means "no date". */
static int set_info(writer *w)
{
	const ng_pages *p = w->pages;
	const struct {
		HPDF_InfoType type;
		const char *value;
	} items[] = {{HPDF_INFO_TITLE, p->title},
	             {HPDF_INFO_AUTHOR, p->author},
	             {HPDF_INFO_SUBJECT, p->subject}};
	for (size_t i = 0; i < NG_ARRAY_LEN(items); i++)
		if (items[i].value && *items[i].value &&
		    CALL(w, HPDF_SetInfoAttr, w->doc, items[i].type, items[i].value))
			return -1;
	if (p->date_epoch == 0)
		return 0;
	HPDF_Date d = jst_date(p->date_epoch);
	return CALL(w, HPDF_SetInfoDateAttr, w->doc, HPDF_INFO_CREATION_DATE, d) ||
	       CALL(w, HPDF_SetInfoDateAttr, w->doc, HPDF_INFO_MOD_DATE, d);
}

static int doc_open(writer *w)
{
	w->doc = HPDF_New(on_error, w);
	if (okp(w, w->doc, "HPDF_New"))
		return -1;
	return CALL(w, HPDF_SetCompressionMode, w->doc, HPDF_COMP_ALL) ||
	       CALL(w, HPDF_UseUTFEncodings, w->doc) ||
	       CALL(w, HPDF_SetCurrentEncoder, w->doc, "UTF-8") || set_info(w);
}

/* Embeds the subset of one slot's font. libharu names it HPDFAA+Name,
 * HPDFAB+… (a deterministic six-letter subset tag, so pdffonts says
 * "sub yes"). Speed note: HPDF_GetFont builds the CIDFontType2's W array
 * and CIDToGIDMap by looking up all 65,536 BMP code points in the font's
 * cmap, even for a 50-glyph subset; that loop is most of the time of a
 * letter. The way out is to build the Type0/CIDFontType2 dictionaries
 * ourselves through the object API (W and CIDToGIDMap for the used CIDs
 * only, FontFile2 = the HarfBuzz subset bytes as they are). */
static int load_slot(writer *w, int slot)
{
	slot_use *u = &w->use[slot];
	u->cps = ng_xmalloc(u->set.n * sizeof *u->cps);
	ng_cpset_list(&u->set, u->cps);
	const char *why = NULL;
	int fd = ng_subset_to_memfd(ng_fonts_face(w->fonts, slot), u->cps, u->set.n, &why);
	if (fd < 0) {
		w->failed = why;
		return -1;
	}
	char path[40];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	const char *name = HPDF_LoadTTFontFromFile(w->doc, path, HPDF_TRUE);
	close(fd); /* libharu opened its own descriptor of the memfd */
	if (okp(w, name, "HPDF_LoadTTFontFromFile"))
		return -1;
	u->font = HPDF_GetFont(w->doc, name, "UTF-8");
	if (okp(w, u->font, "HPDF_GetFont"))
		return -1;
	return CALL(w, ng_tounicode_rewrite, u->font, u->cps, u->set.n);
}

static int load_fonts(writer *w)
{
	for (int s = 0; s < NG_FONT__COUNT; s++)
		if (w->use[s].set.n && load_slot(w, s))
			return -1;
	return 0;
}

/* ---- drawing: page coordinates have y down from the top, PDF's y up */

static int draw_rules(writer *w, HPDF_Page pg, const ng_page *p, double h)
{
	for (size_t i = 0; i < p->nrules; i++) {
		const ng_rule *r = &p->rules[i];
		if (CALL(w, HPDF_Page_SetLineWidth, pg, (HPDF_REAL)r->width) ||
		    CALL(w, HPDF_Page_MoveTo, pg, (HPDF_REAL)r->x1, (HPDF_REAL)(h - r->y1)) ||
		    CALL(w, HPDF_Page_LineTo, pg, (HPDF_REAL)r->x2, (HPDF_REAL)(h - r->y2)) ||
		    CALL(w, HPDF_Page_Stroke, pg))
			return -1;
	}
	return 0;
}

/* Sets font, size and character spacing only when they change. */
static int text_state(writer *w, HPDF_Page pg, const ng_run *r)
{
	HPDF_Font font = w->use[ng_fonts_slot(w->fonts, r->font)].font;
	if (font != w->cur_font || r->size != w->cur_size) {
		if (CALL(w, HPDF_Page_SetFontAndSize, pg, font, (HPDF_REAL)r->size))
			return -1;
		w->cur_font = font;
		w->cur_size = r->size;
	}
	if (r->char_space != w->cur_space) {
		if (CALL(w, HPDF_Page_SetCharSpace, pg, (HPDF_REAL)r->char_space))
			return -1;
		w->cur_space = r->char_space;
	}
	return 0;
}

/* Each run is placed absolutely with Tm at its baseline origin. */
static int draw_run(writer *w, HPDF_Page pg, const ng_run *r, double h)
{
	if (r->len == 0)
		return 0;
	ng_buf_reset(&w->text);
	ng_buf_add(&w->text, r->text, r->len);
	return text_state(w, pg, r) ||
	       CALL(w, HPDF_Page_SetTextMatrix, pg, 1, 0, 0, 1, (HPDF_REAL)r->x,
	            (HPDF_REAL)(h - r->y)) ||
	       CALL(w, HPDF_Page_ShowText, pg, w->text.data);
}

static int draw_runs(writer *w, HPDF_Page pg, const ng_page *p, double h)
{
	if (p->nruns == 0)
		return 0;
	w->cur_font = NULL; /* a new page starts with a fresh text state */
	w->cur_size = w->cur_space = 0;
	if (CALL(w, HPDF_Page_BeginText, pg))
		return -1;
	for (size_t i = 0; i < p->nruns; i++)
		if (draw_run(w, pg, &p->runs[i], h))
			return -1;
	return CALL(w, HPDF_Page_EndText, pg);
}

static int draw_links(writer *w, HPDF_Page pg, const ng_page *p, double h)
{
	for (size_t i = 0; i < p->nlinks; i++) {
		const ng_link *l = &p->links[i];
		HPDF_Rect rect = {(HPDF_REAL)l->x, (HPDF_REAL)(h - l->y - l->h),
		                  (HPDF_REAL)(l->x + l->w), (HPDF_REAL)(h - l->y)};
		HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(pg, rect, l->uri);
		if (okp(w, a, "HPDF_Page_CreateURILinkAnnot") ||
		    CALL(w, HPDF_LinkAnnot_SetBorderStyle, a, 0, 0, 0))
			return -1;
	}
	return 0;
}

static int draw_page(writer *w, const ng_page *p)
{
	double h = w->pages->height;
	HPDF_Page pg = HPDF_AddPage(w->doc);
	return okp(w, pg, "HPDF_AddPage") ||
	       CALL(w, HPDF_Page_SetWidth, pg, (HPDF_REAL)w->pages->width) ||
	       CALL(w, HPDF_Page_SetHeight, pg, (HPDF_REAL)h) || draw_rules(w, pg, p, h) ||
	       draw_runs(w, pg, p, h) || draw_links(w, pg, p, h);
}

/* ---- output */

static int save(writer *w, ng_buf *out)
{
	if (CALL(w, HPDF_SaveToStream, w->doc))
		return -1;
	HPDF_UINT32 left = HPDF_GetStreamSize(w->doc);
	HPDF_BYTE chunk[READ_CHUNK];
	while (left > 0) {
		HPDF_UINT32 n = left < READ_CHUNK ? left : READ_CHUNK;
		if (CALL(w, HPDF_ReadFromStream, w->doc, chunk, &n))
			return -1;
		if (n == 0)
			return ok(w, HPDF_STREAM_EOF, "HPDF_ReadFromStream");
		ng_buf_add(out, chunk, n);
		left -= n;
	}
	return 0;
}

static int render(writer *w, ng_buf *out)
{
	if (doc_open(w) || load_fonts(w))
		return -1;
	for (size_t i = 0; i < w->pages->npages; i++)
		if (draw_page(w, &w->pages->pages[i]))
			return -1;
	return save(w, out);
}

int ng_pdf_write(ng_fonts *f, const ng_pages *pages, ng_buf *out, ng_diags *diags)
{
	ng_buf_reset(out);
	writer *w = ng_xcalloc(1, sizeof *w);
	w->fonts = f;
	w->pages = pages;
	w->diags = diags;
	int rc = collect(w);
	if (rc == 0 && render(w, out)) {
		report(w);
		ng_buf_reset(out);
		rc = -1;
	}
	if (w->doc)
		HPDF_Free(w->doc);
	for (int s = 0; s < NG_FONT__COUNT; s++)
		free(w->use[s].cps);
	ng_buf_free(&w->text);
	free(w);
	return rc;
}
