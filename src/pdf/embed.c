/* embed.c — one font subset as PDF objects: Type0 (Identity-H) →
 * CIDFontType2 → FontDescriptor → FontFile2, the HarfBuzz subset as it
 * is. Only what is drawn is described: W lists the drawn CIDs' widths,
 * the CIDToGIDMap is Identity (CID = subset GID) unless two code points
 * share a glyph, and the ToUnicode CMap is right from the start.
 *
 * Building is split in two so that a font a whole batch shares costs
 * its subsetting and deflating once: ng_fontobj_build prepares
 * everything that does not depend on the document (CIDs, subset tag,
 * widths, the deflated streams), and ng_fontobj_embed turns that into
 * libharu objects of one document, reading the streams in place. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

/* PDF's default CID width (W lists only the others). */
#define DEFAULT_WIDTH 1000

/* One font subset being prepared. */
typedef struct prep {
	ng_flate *z;
	const ng_face_info *info;
	hb_font_t *font;     /* the full font, for advances */
	const uint32_t *cps; /* drawn code points, ascending */
	const uint32_t *vs;  /* the variation selector after each, or NULL */
	size_t n;
	const ng_subset *sub; /* their subset */
	uint16_t *cid;        /* out, [n]: the CID that draws cps[i] */
	unsigned ncids;       /* highest CID + 1 */
} prep;

/* ---- CIDs, widths and the subset tag */

/* CID = the subset's GID, so the CIDToGIDMap can be Identity; a second
 * code point drawn with an already used glyph (a compatibility
 * character) gets a CID past the last glyph, so that its ToUnicode entry
 * stays its own. */
static int assign_cids(prep *p)
{
	unsigned next = p->sub->nglyphs;
	bool *taken = ng_xcalloc(next + 1, sizeof *taken);
	for (size_t i = 0; i < p->n; i++) {
		uint16_t g = p->sub->gid[i];
		p->cid[i] = taken[g] ? (uint16_t)next++ : g;
		taken[g] = true;
	}
	free(taken);
	p->ncids = next;
	return next <= UINT16_MAX ? 0 : -1;
}

/* The subset tag: six capitals from a hash (FNV-1a) of the font's name
 * and its glyph set, so equal subsets get equal names and the name never
 * depends on what was rendered before. */
static void make_name(const prep *p, ng_fontobj *o)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (const char *s = p->info->psname; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	for (unsigned g = 0; g < p->sub->nglyphs; g++)
		for (int k = 0; k < 32; k += 8)
			h = (h ^ (p->sub->old_gid[g] >> k & 0xFF)) * 0x100000001b3u;
	for (int i = 0; i < NG_TAG_LEN; i++, h /= 26)
		o->name[i] = (char)('A' + h % 26);
	o->name[NG_TAG_LEN] = '+';
	strcpy(o->name + NG_TAG_LEN + 1, p->info->psname);
}

static int by_cid(const void *x, const void *y)
{
	const ng_cid_width *a = x, *b = y;
	return (a->cid > b->cid) - (a->cid < b->cid);
}

/* The drawn CIDs' advances from the full font, ascending by CID, the
 * default width left out; exact: with a power-of-two em (IPAex: 2048)
 * they are dyadic fractions, which libharu's float real writes to within
 * 1e-5. */
static void widths(const prep *p, ng_fontobj *o)
{
	o->w = ng_xmalloc((p->n + 1) * sizeof *o->w);
	o->nw = 0;
	for (size_t i = 0; i < p->n; i++) {
		hb_codepoint_t old = p->sub->old_gid[p->sub->gid[i]];
		double adv = hb_font_get_glyph_h_advance(p->font, old) * 1000.0 / p->info->upem;
		if (adv != DEFAULT_WIDTH)
			o->w[o->nw++] = (ng_cid_width){p->cid[i], adv};
	}
	qsort(o->w, o->nw, sizeof *o->w, by_cid);
}

/* ---- the streams, deflated once */

/* CIDToGIDMap: nothing when Identity, else two bytes (the GID) per CID. */
static int cid_to_gid(const prep *p, ng_fontobj *o)
{
	if (p->ncids == p->sub->nglyphs)
		return 0;
	unsigned char *map = ng_xcalloc(p->ncids, 2);
	for (size_t i = 0; i < p->n; i++) {
		map[2 * p->cid[i]] = (unsigned char)(p->sub->gid[i] >> 8);
		map[2 * p->cid[i] + 1] = (unsigned char)(p->sub->gid[i] & 0xFF);
	}
	int rc = ng_flate_bytes(p->z, map, (size_t)p->ncids * 2, &o->map);
	free(map);
	return rc;
}

/* ToUnicode and CIDToGIDMap: all the streams but the font file. */
static int small_streams(const prep *p, ng_fontobj *o)
{
	ng_buf cmap = {0};
	ng_tounicode_cmap_vs(&cmap, p->cid, p->cps, p->vs, p->n);
	int rc = ng_flate_bytes(p->z, cmap.data, cmap.len, &o->cmap) || cid_to_gid(p, o);
	ng_buf_free(&cmap);
	return rc;
}

/* Everything but the font file's bytes, for a subset made for p; o's
 * other members untouched (a helper thread may be deflating o->file). */
static int describe(prep *p, ng_fontobj *o, const char **why)
{
	o->file_len = hb_blob_get_length(p->sub->font);
	if (assign_cids(p) != 0) {
		*why = "a font of the letter needs more than 65,536 CIDs";
		return -1;
	}
	make_name(p, o);
	widths(p, o);
	if (small_streams(p, o) != 0) {
		*why = "libdeflate could not compress a font stream";
		return -1;
	}
	return 0;
}

int ng_fontobj_describe(const ng_fontsrc *src, const uint32_t *cps, size_t n, const ng_subset *sub,
                        uint16_t *cid, ng_fontobj *o, const char **why)
{
	prep p = {src->z, src->info, src->font, cps, NULL, n, sub, cid, 0};
	return describe(&p, o, why);
}

int ng_fontobj_deflate(ng_flate *z, const ng_subset *sub, ng_fontobj *o, const char **why)
{
	unsigned len;
	const char *data = hb_blob_get_data(sub->font, &len);
	if (ng_flate_bytes(z, data, len, &o->file) == 0)
		return 0;
	*why = "libdeflate could not compress a font stream";
	return -1;
}

/* The objects of a subset made for p; frees the subset either way (o
 * too, on failure). */
static int finish(prep *p, ng_subset *sub, ng_fontobj *o, const char **why)
{
	int rc = describe(p, o, why) || ng_fontobj_deflate(p->z, sub, o, why);
	ng_subset_free(sub);
	if (rc)
		ng_fontobj_free(o);
	return rc;
}

int ng_fontobj_build(const ng_fontsrc *src, const uint32_t *cps, size_t n, uint16_t *cid,
                     ng_fontobj *o, const char **why)
{
	*o = (ng_fontobj){.info = src->info};
	ng_subset sub = {0};
	if (ng_subset_make(src->face, cps, n, &sub, why) != 0) {
		ng_subset_free(&sub);
		return -1;
	}
	prep p = {src->z, src->info, src->font, cps, NULL, n, &sub, cid, 0};
	return finish(&p, &sub, o, why);
}

int ng_fontobj_build_glyphs(const ng_fontsrc *src, const ng_glyph_char *gc, size_t n, uint16_t *cid,
                            ng_fontobj *o, const char **why)
{
	*o = (ng_fontobj){.info = src->info};
	uint32_t *v = ng_xmalloc((3 * n + 1) * sizeof *v);
	uint32_t *gids = v, *cps = v + n, *vs = v + 2 * n;
	for (size_t i = 0; i < n; i++)
		gids[i] = gc[i].gid, cps[i] = gc[i].cp, vs[i] = gc[i].vs;
	ng_subset sub = {0};
	int rc = -1;
	if (ng_subset_glyphs(src->face, gids, n, &sub, why) == 0) {
		prep p = {src->z, src->info, src->font, cps, vs, n, &sub, cid, 0};
		rc = finish(&p, &sub, o, why);
	} else {
		ng_subset_free(&sub);
	}
	free(v);
	return rc;
}

void ng_fontobj_free(ng_fontobj *o)
{
	ng_zbytes_free(&o->file);
	ng_zbytes_free(&o->cmap);
	ng_zbytes_free(&o->map);
	free(o->w);
	o->w = NULL;
	o->nw = 0;
}

/* ---- the objects of one document */

typedef struct builder {
	const ng_fontobj *o;
	HPDF_MMgr mmgr;
	HPDF_Xref xref;
} builder;

static HPDF_STATUS add_width(HPDF_Array a, double w)
{
	if (w == floor(w))
		return HPDF_Array_AddNumber(a, (HPDF_INT32)w);
	return HPDF_Array_AddReal(a, (HPDF_REAL)w);
}

/* W: runs of consecutive CIDs as "first [w1 w2 …]". */
static HPDF_STATUS add_w(builder *b, HPDF_Dict cidfont)
{
	const ng_cid_width *cw = b->o->w;
	HPDF_Array w = HPDF_Array_New(b->mmgr);
	HPDF_STATUS st = HPDF_Dict_Add(cidfont, "W", w);
	HPDF_Array run = NULL;
	for (size_t i = 0; i < b->o->nw && st == HPDF_OK; i++) {
		if (!run || cw[i].cid != cw[i - 1].cid + 1) {
			run = HPDF_Array_New(b->mmgr);
			st = HPDF_Array_AddNumber(w, cw[i].cid) || HPDF_Array_Add(w, run);
		}
		st = st ? st : add_width(run, cw[i].w);
	}
	return st;
}

/* A stream object over kept deflated bytes (later: still being made). */
static HPDF_Dict add_stream(builder *b, HPDF_Dict parent, const char *key, const ng_zbytes *zb,
                            ng_later *later)
{
	HPDF_Dict s = HPDF_DictStream_New(b->mmgr, b->xref);
	if (!s || HPDF_Dict_Add(parent, key, s) != HPDF_OK ||
	    (later ? ng_flate_attach_later(s, zb, later) : ng_flate_attach(s, zb)) != HPDF_OK)
		return NULL;
	return s;
}

static HPDF_STATUS add_cid_to_gid(builder *b, HPDF_Dict cidfont)
{
	if (b->o->map.len == 0)
		return HPDF_Dict_AddName(cidfont, "CIDToGIDMap", "Identity");
	return add_stream(b, cidfont, "CIDToGIDMap", &b->o->map, NULL) ? HPDF_OK
	                                                               : HPDF_INVALID_OBJECT;
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
		st = HPDF_Array_AddNumber(a, b->o->info->bbox[i]);
	return st;
}

/* The font file may still be being deflated (o->later): read when saved. */
static HPDF_STATUS add_font_file(builder *b, HPDF_Dict desc)
{
	HPDF_Dict s = add_stream(b, desc, "FontFile2", &b->o->file, b->o->later);
	return s ? HPDF_Dict_AddNumber(s, "Length1", (HPDF_INT32)b->o->file_len)
	         : HPDF_INVALID_OBJECT;
}

static HPDF_STATUS add_descriptor(builder *b, HPDF_Dict cidfont)
{
	const ng_face_info *fi = b->o->info;
	HPDF_Dict d = HPDF_Dict_New(b->mmgr);
	return HPDF_Xref_Add(b->xref, d) || HPDF_Dict_Add(cidfont, "FontDescriptor", d) ||
	       HPDF_Dict_AddName(d, "Type", "FontDescriptor") ||
	       HPDF_Dict_AddName(d, "FontName", b->o->name) ||
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
	       HPDF_Dict_AddName(f, "BaseFont", b->o->name) || add_system_info(b, f) ||
	       add_descriptor(b, f) || add_w(b, f) || add_cid_to_gid(b, f);
}

HPDF_Dict ng_fontobj_embed(HPDF_Doc doc, const ng_fontobj *o)
{
	builder b = {.o = o, .mmgr = doc->mmgr, .xref = doc->xref};
	/* A Type0 font over a CIDFontType2 has the CIDFont's name (PDF 1.7,
	 * 9.7.6.1). */
	HPDF_Dict t = HPDF_Dict_New(b.mmgr);
	if (!t || HPDF_Xref_Add(b.xref, t) || HPDF_Dict_AddName(t, "Type", "Font") ||
	    HPDF_Dict_AddName(t, "Subtype", "Type0") || HPDF_Dict_AddName(t, "BaseFont", o->name) ||
	    HPDF_Dict_AddName(t, "Encoding", "Identity-H") || add_cidfont(&b, t) ||
	    !add_stream(&b, t, "ToUnicode", &o->cmap, NULL))
		return NULL;
	return t;
}
