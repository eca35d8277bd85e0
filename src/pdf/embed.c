/* embed.c — one font of a letter as PDF objects, built through libharu's
 * object API: Type0 (Identity-H) → CIDFontType2 → FontDescriptor →
 * FontFile2, the HarfBuzz subset as it is. Only what the letter draws is
 * described: W lists the drawn CIDs' widths, the CIDToGIDMap is Identity
 * (CID = subset GID) unless two code points share a glyph, and the
 * ToUnicode CMap is right from the start. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

/* PDF's default CID width (W lists only the others). */
#define DEFAULT_WIDTH 1000
#define TAG_LEN       6

/* A drawn CID and its width in 1000ths of an em. */
typedef struct cid_width {
	uint16_t cid;
	double w;
} cid_width;

typedef struct builder {
	const ng_embed *e;
	HPDF_MMgr mmgr;
	HPDF_Xref xref;
	char name[TAG_LEN + 1 + NG_PSNAME_MAX]; /* TAG+PostScriptName */
	unsigned ncids;                         /* highest CID + 1 */
	bool identity;                          /* CID = GID throughout */
} builder;

/* ---- CIDs, widths and the subset tag */

/* CID = the subset's GID, so the CIDToGIDMap can be Identity; a second
 * code point drawn with an already used glyph (a compatibility
 * character) gets a CID past the last glyph, so that its ToUnicode entry
 * stays its own. */
static int assign_cids(builder *b)
{
	const ng_embed *e = b->e;
	unsigned next = e->sub->nglyphs;
	bool *taken = ng_xcalloc(next + 1, sizeof *taken);
	for (size_t i = 0; i < e->n; i++) {
		uint16_t g = e->sub->gid[i];
		e->cid[i] = taken[g] ? (uint16_t)next++ : g;
		taken[g] = true;
	}
	free(taken);
	b->ncids = next;
	b->identity = next == e->sub->nglyphs;
	return next <= UINT16_MAX ? 0 : -1;
}

/* The subset tag: six capitals from a hash (FNV-1a) of the font's name
 * and its glyph set, so equal subsets get equal names and the name never
 * depends on what was rendered before. */
static void make_name(builder *b)
{
	const ng_embed *e = b->e;
	uint64_t h = 0xcbf29ce484222325u;
	for (const char *p = e->info->psname; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3u;
	for (unsigned g = 0; g < e->sub->nglyphs; g++)
		for (int k = 0; k < 32; k += 8)
			h = (h ^ (e->sub->old_gid[g] >> k & 0xFF)) * 0x100000001b3u;
	for (int i = 0; i < TAG_LEN; i++, h /= 26)
		b->name[i] = (char)('A' + h % 26);
	b->name[TAG_LEN] = '+';
	strcpy(b->name + TAG_LEN + 1, e->info->psname);
}

static int by_cid(const void *x, const void *y)
{
	const cid_width *a = x, *b = y;
	return (a->cid > b->cid) - (a->cid < b->cid);
}

/* The drawn CIDs' advances from the full font, ascending by CID, exact:
 * with a power-of-two em (IPAex: 2048) they are dyadic fractions, which
 * libharu's float real writes to within 1e-5. */
static cid_width *widths(const builder *b)
{
	const ng_embed *e = b->e;
	cid_width *cw = ng_xmalloc((e->n + 1) * sizeof *cw);
	for (size_t i = 0; i < e->n; i++) {
		hb_codepoint_t old = e->sub->old_gid[e->sub->gid[i]];
		double adv = hb_font_get_glyph_h_advance(e->font, old);
		cw[i] = (cid_width){e->cid[i], adv * 1000.0 / e->info->upem};
	}
	qsort(cw, e->n, sizeof *cw, by_cid);
	return cw;
}

/* ---- the objects */

static HPDF_STATUS add_width(HPDF_Array a, double w)
{
	if (w == floor(w))
		return HPDF_Array_AddNumber(a, (HPDF_INT32)w);
	return HPDF_Array_AddReal(a, (HPDF_REAL)w);
}

/* W: runs of consecutive CIDs whose width is not the default, as
 * "first [w1 w2 …]". */
static HPDF_STATUS add_w(builder *b, HPDF_Dict cidfont)
{
	cid_width *cw = widths(b);
	HPDF_Array w = HPDF_Array_New(b->mmgr);
	HPDF_STATUS st = HPDF_Dict_Add(cidfont, "W", w);
	HPDF_Array run = NULL;
	for (size_t i = 0; i < b->e->n && st == HPDF_OK; i++) {
		if (cw[i].w == DEFAULT_WIDTH) {
			run = NULL;
			continue;
		}
		if (!run || cw[i].cid != cw[i - 1].cid + 1) {
			run = HPDF_Array_New(b->mmgr);
			st = HPDF_Array_AddNumber(w, cw[i].cid) || HPDF_Array_Add(w, run);
		}
		st = st ? st : add_width(run, cw[i].w);
	}
	free(cw);
	return st;
}

/* A stream object holding data, deflated. */
static HPDF_Dict add_stream(builder *b, HPDF_Dict parent, const char *key, const void *data,
                            size_t len)
{
	HPDF_Dict s = HPDF_DictStream_New(b->mmgr, b->xref);
	if (!s || HPDF_Dict_Add(parent, key, s) != HPDF_OK ||
	    ng_flate_put(b->e->z, s, data, len) != HPDF_OK)
		return NULL;
	return s;
}

/* CIDToGIDMap: Identity, or two bytes (the GID) per CID. */
static HPDF_STATUS add_cid_to_gid(builder *b, HPDF_Dict cidfont)
{
	if (b->identity)
		return HPDF_Dict_AddName(cidfont, "CIDToGIDMap", "Identity");
	const ng_embed *e = b->e;
	unsigned char *map = ng_xcalloc(b->ncids, 2);
	for (size_t i = 0; i < e->n; i++) {
		map[2 * e->cid[i]] = (unsigned char)(e->sub->gid[i] >> 8);
		map[2 * e->cid[i] + 1] = (unsigned char)(e->sub->gid[i] & 0xFF);
	}
	HPDF_Dict s = add_stream(b, cidfont, "CIDToGIDMap", map, (size_t)b->ncids * 2);
	free(map);
	return s ? HPDF_OK : HPDF_INVALID_OBJECT;
}

static HPDF_STATUS add_system_info(builder *b, HPDF_Dict cidfont)
{
	HPDF_Dict si = HPDF_Dict_New(b->mmgr);
	return HPDF_Dict_Add(cidfont, "CIDSystemInfo", si) ||
	       HPDF_Dict_Add(si, "Registry", HPDF_String_New(b->mmgr, "Adobe", NULL)) ||
	       HPDF_Dict_Add(si, "Ordering", HPDF_String_New(b->mmgr, "Identity", NULL)) ||
	       HPDF_Dict_AddNumber(si, "Supplement", 0);
}

static HPDF_STATUS add_bbox(builder *b, HPDF_Dict desc)
{
	HPDF_Array a = HPDF_Array_New(b->mmgr);
	HPDF_STATUS st = HPDF_Dict_Add(desc, "FontBBox", a);
	for (int i = 0; i < 4 && st == HPDF_OK; i++)
		st = HPDF_Array_AddNumber(a, b->e->info->bbox[i]);
	return st;
}

static HPDF_STATUS add_font_file(builder *b, HPDF_Dict desc)
{
	unsigned len;
	const char *data = hb_blob_get_data(b->e->sub->font, &len);
	HPDF_Dict s = add_stream(b, desc, "FontFile2", data, len);
	return s ? HPDF_Dict_AddNumber(s, "Length1", (HPDF_INT32)len) : HPDF_INVALID_OBJECT;
}

static HPDF_STATUS add_descriptor(builder *b, HPDF_Dict cidfont)
{
	const ng_face_info *fi = b->e->info;
	HPDF_Dict d = HPDF_Dict_New(b->mmgr);
	return HPDF_Xref_Add(b->xref, d) || HPDF_Dict_Add(cidfont, "FontDescriptor", d) ||
	       HPDF_Dict_AddName(d, "Type", "FontDescriptor") ||
	       HPDF_Dict_AddName(d, "FontName", b->name) ||
	       HPDF_Dict_AddNumber(d, "Flags", (HPDF_INT32)fi->flags) || add_bbox(b, d) ||
	       HPDF_Dict_AddNumber(d, "ItalicAngle", fi->italic_angle) ||
	       HPDF_Dict_AddNumber(d, "Ascent", fi->ascent) ||
	       HPDF_Dict_AddNumber(d, "Descent", fi->descent) ||
	       HPDF_Dict_AddNumber(d, "CapHeight", fi->cap_height) ||
	       HPDF_Dict_AddNumber(d, "StemV", fi->stem_v) || add_font_file(b, d);
}

static HPDF_STATUS add_cidfont(builder *b, HPDF_Dict type0)
{
	HPDF_Dict f = HPDF_Dict_New(b->mmgr);
	HPDF_Array desc = HPDF_Array_New(b->mmgr);
	return HPDF_Xref_Add(b->xref, f) || HPDF_Dict_Add(type0, "DescendantFonts", desc) ||
	       HPDF_Array_Add(desc, f) || HPDF_Dict_AddName(f, "Type", "Font") ||
	       HPDF_Dict_AddName(f, "Subtype", "CIDFontType2") ||
	       HPDF_Dict_AddName(f, "BaseFont", b->name) || add_system_info(b, f) ||
	       add_descriptor(b, f) || add_w(b, f) || add_cid_to_gid(b, f);
}

static HPDF_STATUS add_tounicode(builder *b, HPDF_Dict type0)
{
	ng_buf cmap = {0};
	ng_tounicode_cmap(&cmap, b->e->cid, b->e->cps, b->e->n);
	HPDF_Dict s = add_stream(b, type0, "ToUnicode", cmap.data, cmap.len);
	ng_buf_free(&cmap);
	return s ? HPDF_OK : HPDF_INVALID_OBJECT;
}

HPDF_Dict ng_embed_font(const ng_embed *e)
{
	builder b = {.e = e, .mmgr = e->doc->mmgr, .xref = e->doc->xref};
	if (assign_cids(&b))
		return NULL;
	make_name(&b);
	/* A Type0 font over a CIDFontType2 has the CIDFont's name (PDF 1.7,
	 * 9.7.6.1). */
	HPDF_Dict t = HPDF_Dict_New(b.mmgr);
	if (!t || HPDF_Xref_Add(b.xref, t) || HPDF_Dict_AddName(t, "Type", "Font") ||
	    HPDF_Dict_AddName(t, "Subtype", "Type0") || HPDF_Dict_AddName(t, "BaseFont", b.name) ||
	    HPDF_Dict_AddName(t, "Encoding", "Identity-H") || add_cidfont(&b, t) ||
	    add_tounicode(&b, t))
		return NULL;
	return t;
}
