/* pdf.c — ng_pdf_write: one page list to PDF bytes in memory through
 * libharu's document and object layer. Checks every character before
 * drawing anything; embeds per font the batch's shared subset as built
 * once (shared.c) and, for the characters it lacks, the letter's own
 * subset (embed.c), and for characters off that path (above the BMP, with
 * a variation selector, or from the fallback font) a small font per
 * drawing font subset by glyph; writes each page's content itself (content.c), links and
 * deterministic document information through libharu; and turns
 * libharu's error callback into NG_D_PDF diagnostics (the callback only
 * records; every call's status is checked where it is made).
 *
 * Speed: libharu's own font path (HPDF_LoadTTFontFromFile, HPDF_GetFont)
 * looks up all 65,536 BMP code points, writes a 128 KB CIDToGIDMap per
 * font and re-serialises the font; none of it is used. Subsetting and
 * deflating the outlines is paid once per batch for the shared fonts;
 * a letter pays it only for its few characters outside them. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rawobj.h"

#define JST_OFFSET (9 * 3600)
/* The Info dictionary's and the XMP's producer (one value: PDF/A). */
#define NG_PDF_PRODUCER "notice-gen with Haru Free PDF Library 2.3.0"

/* One slot's fonts in this letter: the shared one (if the letter draws
 * any of its code points) and the letter's own subset of the rest. */
typedef struct slot_use {
	bool shared;            /* draws a code point with the shared font */
	ng_cpset *own;          /* the code points drawn with the letter's own font, or NULL */
	uint32_t *own_cps;      /* the same in the order met, then ascending (embed_own) */
	ng_cpset *bad;          /* ones already reported missing (made on the first) */
	ng_ownfont built;       /* the own font, when built for this letter alone */
	const ng_ownfont *font; /* the own font (built, or the batch's memo's) */
} slot_use;

typedef struct writer {
	ng_fonts *fonts;
	const ng_pdf_shared *shared; /* may be NULL */
	const ng_pages *pages;
	ng_diags *diags;
	HPDF_Doc doc;
	HPDF_STATUS err, detail; /* the first error libharu reported */
	const char *failed;      /* what failed, for the message */
	slot_use use[NG_FONT__COUNT];
	ng_textfont tf[NG_FONT__COUNT];
	ng_exts ext;                  /* characters drawn by glyph */
	bool any_vs;                  /* with a variation selector among them */
	ng_fontobj ext_obj[NG_SLOTS]; /* their fonts, per drawing font */
	HPDF_Dict font_res;           /* the /Font resources, shared by every page */
	ng_flate *z, *own_z;          /* own_z: made for this letter (else shared's) */
	ng_buf content;               /* the page being drawn */
	HPDF_Page *page;              /* each page, for bookmarks */
	struct {
		const char *path;
		HPDF_Image im;
	} images[8]; /* PNGs loaded into this document (the 角印) */
	size_t nimages;
	ng_pdf_opts opts;
	ng_mcids *mc;            /* tagged: each page's marked content; NULL: untagged */
	ng_struct_annot *annots; /* tagged: the links in the structure tree */
	size_t nannots, capannots;
	ng_links links;
	ng_pageobjs pageobjs;
	bool haru_objects; /* NG_PDF_HARU_OBJECTS=1 */
	ng_docid id;
	const char *title;           /* the document's title (the first heading without one) */
	bool *unshared;              /* per page: draws a character outside the shared fonts */
	const ng_pagememo_hit **hit; /* per page: its finished content, kept before */
	HPDF_UINT shared_ids[NG_FONT__COUNT][2]; /* the shared fonts' object numbers [from, to) */
	size_t nshared_ids;
	bool standin; /* the shared fonts' objects are stand-ins: the head is written */
	ng_buf key;   /* a page's key in the shared pages' memo */
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
		snprintf(msg, sizeof msg, "%s", ng_tr(w->failed));
	else
		snprintf(msg, sizeof msg, ng_tr("%s: %s (0x%04lX, detail %lu)"), ng_tr(w->failed),
		         err_name(w->err), (unsigned long)w->err, (unsigned long)w->detail);
	ng_diag_add(w->diags, NG_D_PDF, (ng_pos){0}, msg);
}

/* ---- checking and collecting characters */

static void missing(writer *w, const ng_run *r, const char *at, size_t n, uint32_t cp, uint32_t vs)
{
	char what[48];
	if (vs)
		snprintf(what, sizeof what, "U+%04lX U+%04lX '%.*s'", (unsigned long)cp,
		         (unsigned long)vs, (int)n, at);
	else
		snprintf(what, sizeof what, "U+%04lX '%.*s'", (unsigned long)cp, (int)n, at);
	const char *fb = ng_fonts_fallback_family(w->fonts);
	char fonts[160];
	if (fb)
		snprintf(fonts, sizeof fonts, ng_tr("%s or %s"), ng_fonts_family(w->fonts, r->font),
		         fb);
	else
		snprintf(fonts, sizeof fonts, "%s", ng_fonts_family(w->fonts, r->font));
	ng_diag_add(w->diags, NG_D_GLYPH_MISSING, r->pos, what, fonts);
}

/* Notes a character drawn by its glyph; -1 when no font has it. */
static int add_ext(writer *w, const ng_run *r, int rslot, uint32_t cp, uint32_t vs)
{
	uint32_t gid;
	int slot = ng_fonts_glyph(w->fonts, r->font, cp, vs, &gid);
	if (slot < 0)
		return -1;
	ng_exts *x = &w->ext;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 16;
		x->v = ng_xrealloc(x->v, x->cap * sizeof *x->v);
	}
	x->v[x->n++] = (ng_ext){cp, vs, gid, rslot, slot, 0};
	return 0;
}

/* The shared font's set of a slot, or NULL. */
static const ng_cpset *shared_set(const writer *w, int slot)
{
	return w->shared && w->shared->font[slot].set.n ? &w->shared->font[slot].set : NULL;
}

/* Notes cp for the slot's own font: a set for membership (10 KB to
 * clear: made for the first) and a list, the few a letter has (listing
 * or ranking a set walks all its 1,024 words). */
static void add_own(slot_use *u, uint32_t cp)
{
	if (!u->own)
		u->own = ng_xcalloc(1, sizeof *u->own);
	if (!ng_cpset_add(u->own, cp))
		return;
	if ((u->own->n & (u->own->n - 1)) == 0) /* a power of two: full */
		u->own_cps = ng_xrealloc(u->own_cps, 2 * u->own->n * sizeof *u->own_cps);
	u->own_cps[u->own->n - 1] = cp;
}

static int by_code_point(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* A character of the run at byte i (n bytes) that neither the shared
 * font nor the role's font draws as it is: one drawn by its glyph, or
 * missing (reported; -1). Out of line: an ordinary letter has none. A
 * variation selector makes the character before it drawn by the pair's
 * glyph (content.c then reads the pair as one; the base alone, noted in
 * a set already, costs a glyph in a subset, no more). */
static int collect_other(writer *w, const ng_run *r, int slot, size_t i, size_t n, uint32_t cp)
{
	uint32_t vs = 0;
	size_t at = i, len = n;
	if (ng_is_vs(cp) && i > 0) {
		at = ng_utf8_back(r->text, i);
		vs = cp, len = i + n - at, w->any_vs = true;
		ng_utf8_decode(r->text + at, i - at, &cp);
	}
	if (add_ext(w, r, slot, cp, vs) == 0)
		return 0;
	ng_cpset **bad = &w->use[slot].bad;
	if (!*bad) /* a set is 10 KB to clear: only for a letter that needs it */
		*bad = ng_xcalloc(1, sizeof **bad);
	if (cp >= NG_BMP_SIZE || vs || ng_cpset_add(*bad, cp))
		missing(w, r, r->text + at, len, cp, vs);
	return -1;
}

/* Adds the run's code points to its slot's fonts; 0, or -1 after
 * reporting every character the font cannot draw. *unshared becomes true
 * if one is not drawn with the shared font. */
static int collect_run(writer *w, const ng_run *r, bool *unshared)
{
	int slot = ng_fonts_slot(w->fonts, r->font);
	slot_use *u = &w->use[slot];
	const ng_cpset *shared = shared_set(w, slot);
	ng_textset *memo = shared && r->len ? w->shared->all_shared : NULL;
	if (ng_textset_has(memo, (unsigned)slot, r->text, r->len)) {
		u->shared = true;
		return 0;
	}
	int rc = 0;
	bool all = true; /* every character so far in the shared set */
	for (size_t i = 0, n; i < r->len; i += n) {
		uint32_t cp;
		n = ng_utf8_decode(r->text + i, r->len - i, &cp);
		if (n == 0) {
			ng_diag_add(w->diags, NG_D_INTERNAL, r->pos,
			            ng_tr("invalid UTF-8 in a text run"));
			return -1;
		}
		if (shared && ng_cpset_has(shared, cp)) {
			u->shared = true;
			continue;
		}
		*unshared = true;
		all = false;
		if (ng_fonts_has(w->fonts, r->font, cp)) {
			add_own(u, cp);
			continue;
		}
		rc |= collect_other(w, r, slot, i, n, cp);
	}
	if (all)
		ng_textset_add(memo, (unsigned)slot, r->text, r->len);
	return rc;
}

/* Whether page p is one the batch's memo of finished pages keeps (found
 * by its full key, w->hit[p]): every character of such a page is in the
 * shared fonts (no other page is kept), so collecting its runs would
 * only mark their slots' shared fonts used, which is done here. */
static bool kept_page(writer *w, size_t p)
{
	const ng_page *pg = &w->pages->pages[p];
	if (!w->shared || !w->shared->pages || pg->nimages)
		return false;
	ng_pagememo_key(&w->key, w->pages, pg, w->mc != NULL);
	w->hit[p] = ng_pagememo_find(w->shared->pages, &w->key);
	if (!w->hit[p])
		return false;
	for (size_t i = 0; i < pg->nruns; i++)
		if (pg->runs[i].len)
			w->use[ng_fonts_slot(w->fonts, pg->runs[i].font)].shared = true;
	return true;
}

static int collect(writer *w)
{
	int rc = 0;
	if (w->pages->npages == 0) {
		ng_diag_add(w->diags, NG_D_INTERNAL, (ng_pos){0},
		            ng_tr("a document without pages"));
		return -1;
	}
	w->unshared = ng_xcalloc(w->pages->npages + 1, sizeof *w->unshared);
	w->hit = ng_xcalloc(w->pages->npages + 1, sizeof *w->hit);
	for (size_t p = 0; p < w->pages->npages; p++) {
		const ng_page *pg = &w->pages->pages[p];
		if (kept_page(w, p))
			continue;
		for (size_t i = 0; i < pg->nruns; i++)
			rc |= collect_run(w, &pg->runs[i], &w->unshared[p]);
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

static char *w_u16(char *p, uint32_t u)
{
	*p++ = (char)(u >> 8);
	*p++ = (char)(u & 0xFF);
	return p;
}

/* A PDF text string in UTF-16BE with a byte order mark, so every
 * character (those above U+FFFF too) survives. libharu's UTF-8 encoder
 * would do the same but costs more to set up than a page of text.
 * Written into room for the whole text: the mark, at most two bytes for
 * each byte of UTF-8, the 「…」. */
void ng_pdf_text16(ng_buf *b, const char *s, size_t max)
{
	size_t len = strlen(s);
	char *p = w_u16(ng_room(b, 2 * len + 4), 0xFEFF);
	for (size_t i = 0, n, k = 0; i < len; i += n, k++) {
		if (max && k == max) {
			p = w_u16(p, 0x2026);
			break;
		}
		uint32_t cp;
		n = ng_utf8_decode(s + i, len - i, &cp);
		if (n == 0) /* layout passes valid UTF-8; stay total anyway */
			cp = 0xFFFD, n = 1;
		if (cp >= 0x10000) {
			p = w_u16(p, 0xD800 + ((cp - 0x10000) >> 10));
			cp = 0xDC00 + ((cp - 0x10000) & 0x3FF);
		}
		p = w_u16(p, cp);
	}
	ng_room_done(b, p);
}

static void utf16be(ng_buf *b, const char *s)
{
	ng_pdf_text16(b, s, 0);
}

static int set_text(writer *w, const char *key, const char *value)
{
	if (!value || !*value)
		return 0;
	ng_buf b = {0};
	utf16be(&b, value);
	HPDF_Binary v = HPDF_Binary_New(w->doc->mmgr, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	ng_buf_free(&b);
	return okp(w, v, "HPDF_Binary_New") || CALL(w, HPDF_Dict_Add, w->doc->info, key, v);
}

/* No clock is read: the dates are the letter's date, and libharu writes
 * no ID unless asked, so equal pages give equal bytes. A date_epoch of 0
 * means "no date". HPDF_New made the Info dictionary (with Producer). */
static int set_info(writer *w)
{
	const ng_pages *p = w->pages;
	if (okp(w, w->doc->info, "HPDF_New: Info") || set_text(w, "Title", w->title) ||
	    set_text(w, "Author", p->author) || set_text(w, "Subject", p->subject))
		return -1;
	if (p->date_epoch == 0)
		return 0;
	HPDF_Date d = jst_date(p->date_epoch);
	return CALL(w, HPDF_SetInfoDateAttr, w->doc, HPDF_INFO_CREATION_DATE, d) ||
	       CALL(w, HPDF_SetInfoDateAttr, w->doc, HPDF_INFO_MOD_DATE, d);
}

/* libharu's memory. Its many small objects come from an arena dropped
 * at once after HPDF_Free, not from malloc one by one (a sixth of a
 * letter's time). Its allocation hooks take no context, so the arena is
 * the thread's: a thread writes one document at a time, and programs
 * using the library may render on several threads (each with its own
 * handle). A thread's arena is freed when the thread ends. libharu's own
 * pool (HPDF_NewEx's buffer size) is not used: it hands out memory
 * without alignment. */
static _Thread_local ng_arena *hpdf_arena;
static pthread_key_t hpdf_key;
static pthread_once_t hpdf_key_once = PTHREAD_ONCE_INIT;

static void hpdf_arena_free(void *a)
{
	ng_arena_free(a);
}

static void hpdf_key_new(void)
{
	pthread_key_create(&hpdf_key, hpdf_arena_free);
}

static void *hpdf_alloc(HPDF_UINT size)
{
	return ng_alloc_raw(hpdf_arena, size); /* libharu expects malloc's memory */
}

static void hpdf_free(void *p)
{
	(void)p; /* the arena is reset after HPDF_Free */
}

/* Streams are deflated by ng_flate, so libharu's compression stays off. */
static int doc_open(writer *w)
{
	if (!hpdf_arena) {
		hpdf_arena = ng_arena_new();
		pthread_once(&hpdf_key_once, hpdf_key_new);
		pthread_setspecific(hpdf_key, hpdf_arena);
	}
	w->doc = HPDF_NewEx(on_error, hpdf_alloc, hpdf_free, 0, w);
	if (okp(w, w->doc, "HPDF_New"))
		return -1;
	/* Content and the letter's own fonts: the shared fonts' compressor
	 * (which remembers the pages letters share), else one of its own. */
	w->z = w->shared ? w->shared->content : NULL;
	if (!w->z) {
		w->own_z = ng_flate_new(NG_CONTENT_FLATE_LEVEL);
		w->z = w->own_z;
	}
	if (okp(w, w->z, "ng_flate_new"))
		return -1;
	return set_info(w);
}

static int add_font(writer *w, HPDF_Dict font, int key)
{
	char name[16];
	snprintf(name, sizeof name, "F%d", key);
	return okp(w, font, "ng_fontobj_embed") || CALL(w, HPDF_Dict_Add, w->font_res, name, font);
}

/* The letter's own font of the slot: the batch's memo's when one was
 * built for the same code points, else subset now (and kept there). */
static const ng_ownfont *own_font(writer *w, int slot, const uint32_t *cps, size_t n)
{
	slot_use *u = &w->use[slot];
	ng_fontsrc src = {ng_fonts_face(w->fonts, slot), ng_fonts_hbfont(w->fonts, slot),
	                  ng_fonts_info(w->fonts, slot), w->z};
	ng_ownmemo *m = w->shared ? w->shared->own : NULL;
	const ng_ownfont *kept = ng_ownmemo_find(m, src.face, slot, cps, n);
	if (kept)
		return kept;
	u->built.cid = ng_xmalloc(n * sizeof *u->built.cid);
	const char *why = NULL;
	if (ng_fontobj_build(&src, cps, n, u->built.cid, &u->built.obj, &why)) {
		w->failed = why;
		return NULL;
	}
	kept = ng_ownmemo_add(m, src.face, slot, cps, n, &u->built);
	return kept ? kept : &u->built;
}

/* Subsets the slot's font to the letter's own code points and embeds it
 * as /F<NG_FONT__COUNT+slot+1>. */
static int embed_own(writer *w, int slot)
{
	slot_use *u = &w->use[slot];
	qsort(u->own_cps, u->own->n, sizeof *u->own_cps, by_code_point);
	u->font = own_font(w, slot, u->own_cps, u->own->n);
	if (!u->font)
		return -1;
	return add_font(w, ng_fontobj_embed(w->doc, &u->font->obj), NG_FONT__COUNT + slot + 1);
}

/* The slot's fonts: the shared one as /F<slot+1>, the letter's own. */
/* What a letter's shared objects depend on besides the batch's shared
 * fonts (whose head it is): which slots it draws with and the options
 * (the header's version is compared by ng_pdf_save). */
static uint64_t head_key(const writer *w)
{
	uint64_t key = 1 | (uint64_t)w->opts.pdfa << 1 | (uint64_t)w->opts.untagged << 2;
	for (int slot = 0; slot < NG_FONT__COUNT; slot++)
		if (w->use[slot].shared)
			key |= (uint64_t)1 << (16 + slot);
	return key;
}

static bool env_on(const char *name)
{
	const char *v = getenv(name);
	return v && strcmp(v, "1") == 0;
}

/* NG_PDF_HARU_SAVE=1: libharu's HPDF_SaveToStream writes the letter. */
static bool haru_save(void)
{
	return env_on("NG_PDF_HARU_SAVE");
}

/* NG_PDF_HARU_OBJECTS=1: the objects written directly elsewhere
 * (outline.c) are made with libharu's calls, as before (the tests
 * compare the bytes). */
static bool haru_objects(void)
{
	return env_on("NG_PDF_HARU_OBJECTS");
}

/* A letter whose first bytes will be the batch's kept head gets, for a
 * shared slot's objects, as many stand-ins (an empty font dictionary,
 * then nulls) with the same numbers: never written (ng_pdf_save copies
 * the head), not built again in libharu for every letter. */
static int add_standins(writer *w, int slot)
{
	const ng_pdf_head *h = w->shared->head;
	if (!h || !h->key || h->key != head_key(w) || h->slot_nobj[slot] == 0 || haru_save())
		return 0;
	w->standin = true;
	HPDF_Dict t = HPDF_Dict_New(w->doc->mmgr);
	if (okp(w, t, "HPDF_Dict_New") || CALL(w, HPDF_Xref_Add, w->doc->xref, t))
		return -1;
	for (size_t i = 1; i < h->slot_nobj[slot]; i++) {
		HPDF_Null n = HPDF_Null_New(w->doc->mmgr);
		if (okp(w, n, "HPDF_Null_New") || CALL(w, HPDF_Xref_Add, w->doc->xref, n))
			return -1;
	}
	return add_font(w, t, slot + 1) == 0 ? 1 : -1;
}

static int embed_slot(writer *w, int slot)
{
	slot_use *u = &w->use[slot];
	const ng_cpset *shared = shared_set(w, slot);
	w->tf[slot] = (ng_textfont){.set = shared, .own = u->own};
	if (u->shared) {
		const ng_shared_font *sf = &w->shared->font[slot];
		w->tf[slot].cid = sf->cid;
		HPDF_UINT *ids = w->shared_ids[w->nshared_ids++];
		ids[0] = w->doc->xref->entries->count;
		int st = add_standins(w, slot);
		if (st < 0 ||
		    (st == 0 && add_font(w, ng_fontobj_embed(w->doc, &sf->obj), slot + 1)))
			return -1;
		ids[1] = w->doc->xref->entries->count;
	}
	if (!u->own)
		return 0;
	if (embed_own(w, slot))
		return -1;
	w->tf[slot].own_cid = u->font->cid;
	w->tf[slot].own_cps = u->own_cps;
	return 0;
}

/* ---- characters drawn by glyph: one font per drawing font */

static int cmp_key(const ng_ext *a, const ng_ext *b, bool by_slot)
{
	int ka = by_slot ? a->slot : a->rslot, kb = by_slot ? b->slot : b->rslot;
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (a->cp != b->cp)
		return a->cp < b->cp ? -1 : 1;
	return (a->vs > b->vs) - (a->vs < b->vs);
}

static int by_run_slot(const void *x, const void *y)
{
	return cmp_key(x, y, false);
}

static int by_font_slot(const void *x, const void *y)
{
	return cmp_key(x, y, true);
}

/* The glyph font of drawing font slot s: its distinct characters (x is
 * sorted by font slot), subset by glyph; their CIDs go back into x. */
static int embed_ext_slot(writer *w, ng_ext *x, size_t n, int s)
{
	ng_glyph_char *gc = ng_xmalloc((n + 1) * sizeof *gc);
	uint16_t *cid = ng_xmalloc((n + 1) * sizeof *cid);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || x[i].cp != gc[k - 1].cp || x[i].vs != gc[k - 1].vs)
			gc[k++] = (ng_glyph_char){x[i].cp, x[i].vs, x[i].gid};
	ng_fontsrc src = {ng_fonts_face(w->fonts, s), ng_fonts_hbfont(w->fonts, s),
	                  ng_fonts_info(w->fonts, s), w->z};
	const char *why = NULL;
	int rc = ng_fontobj_build_glyphs(&src, gc, k, cid, &w->ext_obj[s], &why);
	for (size_t i = 0, j = 0; rc == 0 && i < n; i++) {
		while (x[i].cp != gc[j].cp || x[i].vs != gc[j].vs)
			j++;
		x[i].cid = cid[j];
	}
	free(gc);
	free(cid);
	if (rc) {
		w->failed = why;
		return -1;
	}
	return add_font(w, ng_fontobj_embed(w->doc, &w->ext_obj[s]), 2 * NG_FONT__COUNT + s + 1);
}

static int embed_ext(writer *w)
{
	ng_exts *x = &w->ext;
	if (!x->n)
		return 0;
	qsort(x->v, x->n, sizeof *x->v, by_font_slot);
	for (size_t i = 0, j; i < x->n; i = j) {
		for (j = i; j < x->n && x->v[j].slot == x->v[i].slot;)
			j++;
		if (embed_ext_slot(w, x->v + i, j - i, x->v[i].slot))
			return -1;
	}
	/* For look-ups while drawing: by the run's slot, distinct. */
	qsort(x->v, x->n, sizeof *x->v, by_run_slot);
	size_t k = 0;
	for (size_t i = 0; i < x->n; i++)
		if (!k || by_run_slot(&x->v[k - 1], &x->v[i]) != 0)
			x->v[k++] = x->v[i];
	x->n = k;
	return 0;
}

/* Renumbers the document's objects so that the shared fonts' come first
 * (objects 1 …, in the order they were made), then the others in theirs.
 * Done before anything writes an object number (structure.c does, into
 * raw bodies); libharu writes references from each object's number when
 * saving. The shared objects refer only to one another, so every letter
 * of a batch begins with the same bytes: the header and these objects,
 * ~80 % of a letter, which its hash need not read again. */
static void shared_first(writer *w)
{
	HPDF_List l = w->doc->xref->entries;
	void **order = ng_xmalloc(l->count * sizeof *order);
	size_t k = 0;
	order[k++] = l->obj[0]; /* the free entry, object 0 */
	for (size_t r = 0; r < w->nshared_ids; r++)
		for (HPDF_UINT i = w->shared_ids[r][0]; i < w->shared_ids[r][1]; i++)
			order[k++] = l->obj[i];
	for (HPDF_UINT i = 1; i < l->count; i++) {
		bool moved = false;
		for (size_t r = 0; r < w->nshared_ids && !moved; r++)
			moved = i >= w->shared_ids[r][0] && i < w->shared_ids[r][1];
		if (!moved)
			order[k++] = l->obj[i];
	}
	for (HPDF_UINT i = 0; i < l->count; i++) {
		l->obj[i] = order[i];
		HPDF_XrefEntry e = order[i];
		HPDF_Obj_Header *h = e->obj;
		if (i > 0)
			h->obj_id = (h->obj_id & ~(HPDF_UINT32)0x00FFFFFF) | i;
	}
	free(order);
}

/* The bytes before the first object that is not a shared font's (after
 * saving: libharu has set each entry's offset). */
static size_t shared_end(const writer *w)
{
	HPDF_List l = w->doc->xref->entries;
	size_t n = 0;
	for (size_t r = 0; r < w->nshared_ids; r++)
		n += w->shared_ids[r][1] - w->shared_ids[r][0];
	if (n == 0 || n + 1 >= l->count)
		return 0;
	return ((HPDF_XrefEntry)l->obj[n + 1])->byte_offset;
}

static int embed_fonts(writer *w)
{
	w->font_res = HPDF_Dict_New(w->doc->mmgr);
	if (okp(w, w->font_res, "HPDF_Dict_New") ||
	    CALL(w, HPDF_Xref_Add, w->doc->xref, w->font_res))
		return -1;
	for (int s = 0; s < NG_FONT__COUNT; s++)
		if ((w->use[s].shared || w->use[s].own) && embed_slot(w, s))
			return -1;
	if (w->nshared_ids)
		shared_first(w);
	for (int s = 0; s < NG_FONT__COUNT; s++) {
		w->tf[s].ext = &w->ext;
		w->tf[s].units = w->any_vs;
	}
	return embed_ext(w);
}

/* ---- pages */

/* A link is printed (PDF/A: flag 4) and, tagged, described by its text
 * (PDF/UA-1 §7.18.5) and kept for its Link element's OBJR, whose index in
 * the parent tree (after the pages') is its StructParent. */
static int draw_link(writer *w, ng_pageobj *pg, const ng_link *l, double h, size_t page)
{
	bool tagged = w->mc && l->elem != NG_ELEM_ARTIFACT;
	bool in_tree = tagged && l->elem != 0 && l->elem < w->pages->nelems;
	const char *text = tagged && l->text && *l->text ? l->text : NULL;
	long parent = in_tree ? (long)(w->pages->npages + w->nannots) : -1;
	HPDF_Dict a;
	if (CALL(w, ng_links_add, &w->links, w->doc, pg, l, h, text, parent, &a))
		return -1;
	if (tagged && !in_tree) {
		w->mc[page].bad++;
		return 0;
	}
	if (!in_tree)
		return 0;
	if (w->nannots == w->capannots) {
		w->capannots = w->capannots ? 2 * w->capannots : 8;
		w->annots = ng_xrealloc(w->annots, w->capannots * sizeof *w->annots);
	}
	w->annots[w->nannots++] = (ng_struct_annot){a, l->elem, page};
	return 0;
}

static int draw_links(writer *w, ng_pageobj *pg, const ng_page *p, double h, size_t page)
{
	for (size_t i = 0; i < p->nlinks; i++)
		if (draw_link(w, pg, &p->links[i], h, page))
			return -1;
	return 0;
}

static int draw_images(writer *w, HPDF_Dict res, const ng_page *p, double h, ng_mcids *mc);

/* The memo of finished pages to use for page i, or NULL: only a page
 * whose every character is drawn with the shared fonts (whose CIDs are
 * the same in every letter of the batch), without images (loaded per
 * document) and in a letter without variation selectors (read otherwise). */
static ng_pagememo *page_memo(const writer *w, size_t i)
{
	if (!w->shared || !w->shared->pages || w->unshared[i] || w->any_vs ||
	    w->pages->pages[i].nimages)
		return NULL;
	return w->shared->pages;
}

/* Page i's content (after what w->content holds already) into *data and
 * *len: from the memo (its marked content restored), or generated (and
 * kept there when the page may be). */
static const ng_pagememo_hit *page_content(writer *w, size_t i, ng_mcids *mc, const char **data,
                                           size_t *len)
{
	const ng_page *p = &w->pages->pages[i];
	ng_pagememo *m = page_memo(w, i);
	const ng_pagememo_hit *hit = m ? w->hit[i] : NULL; /* looked up by collect */
	if (m && !hit)
		ng_pagememo_key(&w->key, w->pages, p, mc != NULL);
	if (hit) {
		if (mc) {
			mc->elem = ng_xrealloc(mc->elem, (hit->nelem + 1) * sizeof *mc->elem);
			memcpy(mc->elem, hit->elem, hit->nelem * sizeof *mc->elem);
			mc->n = mc->cap = hit->nelem;
			mc->bad += hit->bad;
		}
		*data = hit->content, *len = hit->len;
		return hit;
	}
	ng_content_page(&w->content, w->fonts, w->tf, p, w->pages->height, mc);
	if (m)
		ng_pagememo_add(m, &w->key, &w->content, mc);
	*data = w->content.data, *len = w->content.len;
	return NULL;
}

/* The page's content goes straight into libharu's content stream;
 * libharu's drawing state stays untouched (and unused). Its bytes go
 * into the document ID. */
static int draw_content(writer *w, ng_pageobj *pg, size_t i, ng_mcids *mc)
{
	const ng_page *p = &w->pages->pages[i];
	if (CALL(w, ng_page_fonts, pg, w->font_res))
		return -1;
	ng_buf_reset(&w->content);
	if (draw_images(w, pg->res, p, w->pages->height, mc))
		return -1;
	const char *data;
	size_t len;
	const ng_pagememo_hit *hit = page_content(w, i, mc, &data, &len);
	uint64_t h;
	if (hit && hit->z.data) {
		/* A kept page's stream as deflated the first time: not hashed
		 * and compared again to find it in the compressor's memo. */
		if (CALL(w, ng_flate_attach, pg->contents, &hit->z))
			return -1;
		h = hit->hash;
	} else {
		ng_zbytes kept;
		if (CALL(w, ng_flate_put_kept, w->z, pg->contents, data, len, &kept))
			return -1;
		h = ng_flate_last_hash(w->z); /* which deflating took anyway */
		if (hit && kept.data)
			ng_pagememo_deflated(hit, &kept, h);
	}
	/* The page's hash goes into the document ID. */
	ng_docid_add(&w->id, &h, sizeof h);
	return 0;
}

/* ---- images: a PNG (with its alpha as a soft mask) loaded once per
 * document, named /ImN in the page's resources, drawn with its corner
 * and size from the page list. */

static HPDF_Image load_image(writer *w, const char *path)
{
	for (size_t i = 0; i < w->nimages; i++)
		if (strcmp(w->images[i].path, path) == 0)
			return w->images[i].im;
	if (w->nimages == NG_ARRAY_LEN(w->images)) {
		ok(w, HPDF_EXCEED_GSTATE_LIMIT, "too many images");
		return NULL;
	}
	/* Pixels are stored deflated (libharu's zlib, for images only: our
	 * own streams are compressed with libdeflate already). */
	if (CALL(w, HPDF_SetCompressionMode, w->doc, HPDF_COMP_IMAGE))
		return NULL;
	HPDF_Image im = HPDF_LoadPngImageFromFile(w->doc, path);
	if (okp(w, im, "HPDF_LoadPngImageFromFile"))
		return NULL;
	/* libharu leaves the alpha channel's soft mask raw: deflate it too. */
	HPDF_Dict smask = HPDF_Dict_GetItem(im, "SMask", HPDF_OCLASS_DICT);
	if (smask) {
		smask->filter |= HPDF_STREAM_FILTER_FLATE_DECODE;
	} else { /* an opaque PNG has none: not an error */
		HPDF_Error_Reset(&w->doc->error);
		w->err = HPDF_OK;
	}
	w->images[w->nimages].path = path;
	w->images[w->nimages++].im = im;
	return im;
}

static int draw_images(writer *w, HPDF_Dict res, const ng_page *p, double h, ng_mcids *mc)
{
	if (!p->nimages)
		return 0;
	HPDF_Dict xobj = HPDF_Dict_New(w->doc->mmgr);
	if (okp(w, xobj, "HPDF_Dict_New") || CALL(w, HPDF_Dict_Add, res, "XObject", xobj))
		return -1;
	for (size_t i = 0; i < p->nimages; i++) {
		const ng_image *m = &p->images[i];
		HPDF_Image im = load_image(w, m->path);
		char name[32];
		snprintf(name, sizeof name, "Im%zu", i + 1);
		if (!im || CALL(w, HPDF_Dict_Add, xobj, name, im))
			return -1;
		if (mc)
			ng_mc_open(&w->content, mc, m->elem);
		ng_buf_printf(&w->content, "q %.3f 0 0 %.3f %.3f %.3f cm /%s Do Q\n", m->w, m->h,
		              m->x, h - m->y - m->h, name);
		if (mc)
			ng_buf_adds(&w->content, "EMC\n");
	}
	return 0;
}

/* A page is written directly (pageobj.c) unless it has images (their
 * resources are libharu's). */
static int draw_page(writer *w, size_t i)
{
	const ng_page *p = &w->pages->pages[i];
	double h = w->pages->height;
	bool direct = !w->haru_objects && !p->nimages;
	ng_pageobj *pg;
	const char *call = NULL;
	HPDF_STATUS st = ng_page_new(&w->pageobjs, w->doc, w->pages->width, h, direct, &pg, &call);
	if (ok(w, st, call))
		return -1;
	w->page[i] = pg->dict;
	return draw_content(w, pg, i, w->mc ? &w->mc[i] : NULL) || draw_links(w, pg, p, h, i);
}

/* ---- output */

static HPDF_STATUS append(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	ng_buf_add(s->attr, p, n);
	return HPDF_OK;
}

/* libharu saves into a stream appending straight to out (its own memory
 * stream would copy every byte twice, one at a time). */
static int save(writer *w, ng_buf *out)
{
	HPDF_Stream s = HPDF_CallbackWriter_New(w->doc->mmgr, append, out);
	if (okp(w, s, "HPDF_CallbackWriter_New"))
		return -1;
	HPDF_Stream_Free(w->doc->stream);
	w->doc->stream = s;
	size_t nobj = 0;
	for (size_t r = 0; r < w->nshared_ids; r++)
		nobj += w->shared_ids[r][1] - w->shared_ids[r][0];
	uint64_t id = 0;
	const ng_pdf_head *apart = NULL;
	ng_pdf_head *head = w->shared && nobj ? w->shared->head : NULL;
	ng_pdf_headuse u = {head, head_key(w), nobj, &id, w->opts.head ? &apart : NULL, 0};
	if (haru_save() ? CALL(w, HPDF_SaveToStream, w->doc)
	                : CALL(w, ng_pdf_save, w->doc, s, out, &u))
		return -1;
	/* Stand-ins are never written: the head must have been. */
	if (w->standin && id == 0) {
		w->failed = "the shared fonts' kept objects did not fit the letter";
		return -1;
	}
	if (id && !w->standin) /* the head is this letter's: how many each slot made */
		for (size_t r = 0, k = 0; r < NG_FONT__COUNT; r++) {
			head->slot_nobj[r] = 0;
			if (w->use[r].shared) {
				head->slot_nobj[r] = w->shared_ids[k][1] - w->shared_ids[k][0];
				k++;
			}
		}
	if (w->opts.shared_id)
		*w->opts.shared_id = id;
	if (w->opts.head) {
		*w->opts.head = apart ? apart->bytes : NULL;
		*w->opts.head_len = apart ? apart->len : 0;
	}
	return out->len == s->size ? 0 : ok(w, HPDF_STREAM_EOF, "save");
}

/* ---- structure and metadata */

/* Content without a structure element is a bug in layout (a block kind
 * without a role): reported, never written silently untagged. */
static int check_tagged(writer *w)
{
	for (size_t i = 0; i < w->pages->npages; i++)
		if (w->mc[i].bad) {
			w->failed = N_("tagged PDF: content without a structure element");
			return -1;
		}
	return 0;
}

/* XMP dates are the Info dictionary's (PDF/A: the same value). */
static void xmp_date(char *out, size_t n, long long epoch)
{
	if (epoch == 0) {
		*out = '\0';
		return;
	}
	HPDF_Date d = jst_date(epoch);
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d+09:00", d.year, d.month, d.day, d.hour,
	         d.minutes, d.seconds);
}

static int write_meta(writer *w)
{
	const ng_pages *p = w->pages;
	ng_meta m = {.title = w->title,
	             .author = p->author && *p->author ? p->author : NULL,
	             .subject = p->subject && *p->subject ? p->subject : NULL,
	             .lang = p->lang,
	             .producer = NG_PDF_PRODUCER,
	             .pdfa = w->opts.pdfa};
	xmp_date(m.date, sizeof m.date, p->date_epoch);
	for (const char *s = w->title ? w->title : ""; *s; s++) /* the ID: content and info */
		ng_docid_add(&w->id, s, 1);
	ng_docid_add(&w->id, m.date, strlen(m.date));
	return CALL(w, ng_meta_write, w->doc, &m, &w->id);
}

static int render(writer *w, ng_buf *out)
{
	if (doc_open(w) || embed_fonts(w))
		return -1;
	/* libharu's own Producer entry, which the XMP has to repeat. */
	if (CALL(w, HPDF_SetInfoAttr, w->doc, HPDF_INFO_PRODUCER, NG_PDF_PRODUCER))
		return -1;
	w->page = ng_xcalloc(w->pages->npages + 1, sizeof *w->page);
	ng_pageobjs_init(&w->pageobjs, w->pages->npages);
	for (size_t i = 0; i < w->pages->npages; i++)
		if (draw_page(w, i))
			return -1;
	if (CALL(w, ng_outline_write, w->doc, w->pages, w->page, w->haru_objects))
		return -1;
	if (w->mc && (check_tagged(w) || CALL(w, ng_struct_write, w->doc, w->pages, w->page, w->mc,
	                                      w->annots, w->nannots)))
		return -1;
	for (size_t i = 0; w->mc && i < w->pages->npages; i++) /* in the parent tree */
		w->pageobjs.v[i].struct_parents = (long)i;
	if (CALL(w, ng_links_finish, &w->links, w->doc) ||
	    CALL(w, ng_pages_finish, &w->pageobjs, w->doc) || write_meta(w))
		return -1;
	if (save(w, out))
		return -1;
	if (w->opts.shared_prefix)
		*w->opts.shared_prefix = shared_end(w);
	return 0;
}

/* The title readers show (DisplayDocTitle): the letter's, else its first
 * heading. */
static const char *doc_title(const ng_pages *p)
{
	if (p->title && *p->title)
		return p->title;
	return p->nmarks ? p->marks[0].title : NULL;
}

int ng_pdf_write(ng_fonts *f, const ng_pdf_shared *shared, const ng_pages *pages, ng_buf *out,
                 ng_diags *diags)
{
	return ng_pdf_write_opts(f, shared, pages, NULL, out, diags);
}

int ng_pdf_write_opts(ng_fonts *f, const ng_pdf_shared *shared, const ng_pages *pages,
                      const ng_pdf_opts *opts, ng_buf *out, ng_diags *diags)
{
#ifdef NG_PDF_NAIVE /* the benchmark's baseline build (scripts/bench) */
	(void)shared;
	(void)opts;
	return ng_pdf_write_naive(f, pages, out, diags);
#endif
	ng_buf_reset(out);
	writer *w = ng_xcalloc(1, sizeof *w);
	w->fonts = f;
	w->shared = shared;
	w->pages = pages;
	w->diags = diags;
	if (opts)
		w->opts = *opts;
	if (w->opts.head) {
		*w->opts.head = NULL;
		*w->opts.head_len = 0;
	}
	w->title = doc_title(pages);
	w->haru_objects = haru_objects();
	w->links.haru = w->haru_objects;
	ng_docid_init(&w->id);
	if (!w->opts.untagged && pages->nelems)
		w->mc = ng_xcalloc(pages->npages + 1, sizeof *w->mc);
	for (size_t i = 0; w->mc && i < pages->npages; i++)
		w->mc[i].pages = pages;
	int rc = collect(w);
	if (rc == 0 && w->opts.pdfa)
		rc = ng_icc_load(diags);
	if (rc == 0 && render(w, out)) {
		report(w);
		ng_buf_reset(out);
		rc = -1;
	}
	/* Every object of the document is in the thread's arena (doc_open),
	 * dropped whole: HPDF_Free would walk them all to free nothing. */
	if (hpdf_arena)
		ng_arena_reset(hpdf_arena);
	else if (w->doc)
		HPDF_Free(w->doc);
	ng_flate_free(w->own_z);
	for (int s = 0; s < NG_FONT__COUNT; s++) {
		free(w->use[s].bad);
		free(w->use[s].own);
		free(w->use[s].own_cps);
		free(w->use[s].built.cid);
		ng_fontobj_free(&w->use[s].built.obj);
	}
	for (int s = 0; s < NG_SLOTS; s++)
		ng_fontobj_free(&w->ext_obj[s]);
	free(w->ext.v);
	ng_buf_free(&w->content);
	ng_buf_free(&w->key);
	free(w->unshared);
	free(w->hit);
	free(w->page);
	for (size_t i = 0; w->mc && i < pages->npages; i++)
		free(w->mc[i].elem);
	free(w->mc);
	free(w->annots);
	ng_links_free(&w->links);
	ng_pageobjs_free(&w->pageobjs);
	free(w);
	return rc;
}
