/* fonts.c — ng_fonts: finds each role's font (at the file roles.tsv
 * names for its family when that file holds the family; otherwise, and
 * only then initialising it, through fontconfig), loads it into HarfBuzz
 * once and keeps a per-code-point advance table, so measuring (layout's
 * hot path) and coverage checks are table look-ups; and the facts its
 * PDF font descriptor needs. Reused across the letters of a batch. After
 * ng_fonts_open only the advance table changes: a cache, each code point
 * filled on its first look-up (through const pointers too) with what the
 * font says, so answers never change; but an ng_fonts must not be used by
 * two threads at once (batch workers are forked processes, each with its
 * own copy).
 *
 * A character a role's font lacks, above the BMP, or with a variation
 * selector is looked up through HarfBuzz (cmap formats 12 and 14) in the
 * role's font, then in the fallback role's font (IPAmj明朝), which is
 * opened on the first such character only: an ordinary letter never
 * touches it.
 *
 * libfontconfig is not linked but dlopen()ed on first use, as
 * src/crypt/qpdf.c does libqpdf: with the fonts where their Debian
 * packages put them it is never called, and linked (with libexpat) it
 * cost every run's start-up ~0.12 M instructions (issue 18). */
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/dl.h"
#include "pdf_int.h"

/* ---- loading libfontconfig */

#define FC_FUNCTIONS(X)                                                                            \
	X(FcPatternCreate)                                                                         \
	X(FcPatternAddString)                                                                      \
	X(FcConfigSubstitute)                                                                      \
	X(FcDefaultSubstitute)                                                                     \
	X(FcFontMatch)                                                                             \
	X(FcPatternDestroy)                                                                        \
	X(FcPatternGetString)                                                                      \
	X(FcPatternGetInteger)

/* Typed from <fontconfig/fontconfig.h>, so every call through fc is
 * checked. */
static struct {
#define X(f) __typeof__(&f) f;
	FC_FUNCTIONS(X)
#undef X
} fc;

/* Loaded once per process, by the first font that needs fontconfig: in ng_fonts_open (on the
 * engine's start-up helper thread, joined before anything else touches
 * the fonts; a batch opens them before it forks), or later, when the
 * fallback role (IPAmj明朝) is first opened during layout, on the thread
 * that owns the ng_fonts. Never from two threads at once: an ng_fonts has
 * one user at a time (above). */
static ng_dl fc_lib = {.soname = NG_FC_SONAME};
static const ng_dl_symbol fc_symbols[] = {
#define X(f) {#f, &fc.f},
    FC_FUNCTIONS(X)
#undef X
};

static int fc_load(void)
{
	return ng_dl_load(&fc_lib, fc_symbols, NG_ARRAY_LEN(fc_symbols));
}

const char *ng_fonts_fontconfig(void)
{
	return NG_FC_SONAME;
}

/* Advance-table value of a BMP code point the font's cmap lacks. */
#define ADV_MISSING 0xFFFFu

/* Advances of BMP code points, each looked up on first use. A letter
 * draws a few hundred code points scattered over the CJK blocks: for the
 * reference letter, filling all ~11,700 of each font at open cost 10.5 M
 * instructions, blocks of 64 around each code point used 4.3 M, blocks
 * of 256 8.6 M, one code point at a time 0.4 M. */
typedef struct adv_table {
	uint64_t known[NG_BMP_SIZE / 64]; /* a bit per code point: adv is set */
	uint16_t adv[NG_BMP_SIZE];        /* in font units, or ADV_MISSING */
} adv_table;

typedef struct face_rec {
	char *path;
	int index;
	hb_face_t *face;
	hb_font_t *font;
	unsigned upem;
	adv_table *adv; /* filled on look-up, even through a const face_rec */
	ng_face_info info;
} face_rec;

/* The fallback role's font, opened on first need (even through a const
 * ng_fonts: like the advance table, a cache whose answers never change). */
typedef struct fallback {
	enum { FB_UNTRIED, FB_OPEN, FB_NONE } state;
	int k; /* the family of roles.tsv's fallback lines that was found */
	face_rec fr;
} fallback;

struct ng_fonts {
	ng_roles roles;
	int slot[NG_FONT__COUNT];
	ng_font_route route[NG_ROLES];
	face_rec faces[NG_FONT__COUNT];
	int nfaces;
	fallback *fb;
};

/* ---- finding a family's file */

/* Compares family names as fontconfig does: ASCII case and blanks do not
 * count ("IPAex Mincho" is "IPAexMincho"). */
static bool same_family(const char *a, const char *b)
{
	for (;; a++, b++) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		int ca = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a;
		int cb = *b >= 'A' && *b <= 'Z' ? *b + 32 : *b;
		if (ca != cb)
			return false;
		if (!ca)
			return true;
	}
}

/* fontconfig silently falls back to another family; accept the match only
 * when one of its family names (it lists every language's) is ours. */
static bool family_matches(FcPattern *m, const char *family)
{
	FcChar8 *s;
	for (int i = 0; fc.FcPatternGetString(m, FC_FAMILY, i, &s) == FcResultMatch; i++)
		if (same_family((const char *)s, family))
			return true;
	return false;
}

static FcPattern *fc_match(const char *family)
{
	if (fc_load() != 0)
		return NULL;
	FcPattern *pat = fc.FcPatternCreate();
	if (!pat)
		return NULL;
	fc.FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	fc.FcConfigSubstitute(NULL, pat, FcMatchPattern);
	fc.FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *m = fc.FcFontMatch(NULL, pat, &res);
	fc.FcPatternDestroy(pat);
	return m;
}

/* The file of family when fontconfig has that very family (it silently
 * falls back to another otherwise). The first call initialises
 * fontconfig: ~50 XML files parsed, a third of a cold run. */
static int fc_find(const char *family, char **path, int *index)
{
	FcPattern *m = fc_match(family);
	FcChar8 *file = NULL;
	int rc = -1;
	if (m && family_matches(m, family) &&
	    fc.FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
		*path = ng_xstrdup((const char *)file);
		if (fc.FcPatternGetInteger(m, FC_INDEX, 0, index) != FcResultMatch)
			*index = 0;
		rc = 0;
	}
	if (m)
		fc.FcPatternDestroy(m);
	return rc;
}

static hb_face_t *face_open(const char *path, int index)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (!blob)
		return NULL;
	hb_face_t *face = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	return face;
}

/* Whether one of the face's family names (name IDs 1 and 16, in every
 * language, as fontconfig lists them) is family. */
static bool face_has_family(hb_face_t *face, const char *family)
{
	unsigned n;
	const hb_ot_name_entry_t *e = hb_ot_name_list_names(face, &n);
	for (unsigned i = 0; i < n; i++) {
		if (e[i].name_id != HB_OT_NAME_ID_FONT_FAMILY &&
		    e[i].name_id != HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY)
			continue;
		char name[256];
		unsigned len = sizeof name;
		unsigned full = hb_ot_name_get_utf8(face, e[i].name_id, e[i].language, &len, name);
		if (full < sizeof name && same_family(name, family))
			return true;
	}
	return false;
}

/* The first face of file, if the file exists and has family; NULL
 * otherwise. */
static hb_face_t *file_face(const char *file, const char *family)
{
	hb_face_t *face = face_open(file, 0);
	if (face && face_has_family(face, family))
		return face;
	hb_face_destroy(face);
	return NULL;
}

/* Whether fontconfig is pointed at other fonts than the system's: then
 * it decides, as it did before roles.tsv named files. */
static bool fontconfig_redirected(void)
{
	static const char *const vars[] = {"FONTCONFIG_FILE", "FONTCONFIG_PATH",
	                                   "FONTCONFIG_SYSROOT"};
	for (size_t i = 0; i < NG_ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return true;
	}
	return false;
}

/* Finds family: at file (may be NULL) when it holds the family, which
 * spares initialising fontconfig, else through fontconfig. Sets fr's
 * path (heap) and index, and its face if one was opened. Returns the
 * route, or -1 if the family is not installed. */
static int find_family(const char *family, const char *file, face_rec *fr)
{
	if (file && !fontconfig_redirected() && (fr->face = file_face(file, family))) {
		fr->path = ng_xstrdup(file);
		fr->index = 0;
		return NG_ROUTE_FILE;
	}
	return fc_find(family, &fr->path, &fr->index) == 0 ? NG_ROUTE_FONTCONFIG : -1;
}

/* Finds the role's font: its first family that is installed (roles.tsv
 * lists fallbacks in order). Otherwise adds NG_D_FONT_MISSING naming the
 * first family's package to install. */
static int locate(ng_fonts *f, int role, face_rec *fr, ng_diags *d)
{
	for (int k = 0; k < f->roles.n[role]; k++) {
		int route = find_family(f->roles.family[role][k], f->roles.file[role][k], fr);
		if (route >= 0) {
			f->roles.chosen[role] = k;
			f->route[role] = (ng_font_route)route;
			return 0;
		}
	}
	const char *family = f->roles.family[role][0], *pkg = f->roles.package[role][0];
	ng_diag *g = ng_diag_add(d, NG_D_FONT_MISSING, (ng_pos){0}, family, pkg);
	ng_diag_hint(d, g, "install the Debian package %s (apt-get install %s)", pkg, pkg);
	if (fc_lib.state < 0) { /* fontconfig, asked for fonts elsewhere, is missing too */
		const char *fcpkg = NG_FC_PACKAGE[0] ? NG_FC_PACKAGE : "libfontconfig1";
		g = ng_diag_add(d, NG_D_LIBRARY_MISSING, (ng_pos){0}, NG_FC_SONAME,
		                ng_tr("fonts elsewhere than their Debian packages put them"),
		                fc_lib.error);
		ng_diag_hint(d, g, "install the Debian package %s (apt-get install %s)", fcpkg,
		             fcpkg);
	}
	return -1;
}

/* ---- HarfBuzz faces */

static uint16_t clamp_advance(hb_position_t a)
{
	if (a < 0)
		return 0;
	return a >= (hb_position_t)ADV_MISSING ? ADV_MISSING - 1 : (uint16_t)a;
}

/* The advance-table entry of cp < NG_BMP_SIZE, looked up in the font
 * on its first use. */
static uint16_t adv_of(const face_rec *fr, uint32_t cp)
{
	adv_table *t = fr->adv;
	uint64_t bit = (uint64_t)1 << cp % 64;
	if (!(t->known[cp / 64] & bit)) {
		hb_codepoint_t g;
		t->adv[cp] = hb_font_get_nominal_glyph(fr->font, cp, &g)
		                 ? clamp_advance(hb_font_get_glyph_h_advance(fr->font, g))
		                 : ADV_MISSING;
		t->known[cp / 64] |= bit;
	}
	return t->adv[cp];
}

/* ---- what a PDF font descriptor says */

/* A big-endian signed 16-bit field of a font table; 0 past its end. */
static int table_i16(hb_face_t *face, hb_tag_t tag, unsigned off)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	unsigned len;
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(b, &len);
	int v = off + 2 <= len ? (int16_t)(p[off] << 8 | p[off + 1]) : 0;
	hb_blob_destroy(b);
	return v;
}

/* A big-endian field of a font table (width 2 or 4 bytes, unsigned);
 * -1 when the table is shorter. */
static long table_field(hb_face_t *face, hb_tag_t tag, unsigned off, unsigned width)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	unsigned len;
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(b, &len);
	long v = -1;
	if (off + width <= len) {
		v = 0;
		for (unsigned i = 0; i < width; i++)
			v = v << 8 | p[off + i];
	}
	hb_blob_destroy(b);
	return v;
}

/* What hb_style_get_value gives for a font without variations, read from
 * the tables themselves: HarfBuzz's 'post' accelerator behind it indexes
 * every glyph name of the font first (IPAex: 12,000; a sixth of a cached
 * cold letter's own work). The slant angle is post.italicAngle (16.16);
 * the weight OS/2.usWeightClass, else 700 or 400 by head.macStyle's bold
 * bit. */
static double italic_angle(hb_face_t *face)
{
	long v = table_field(face, HB_TAG('p', 'o', 's', 't'), 4, 4);
	return v < 0 ? 0 : (int32_t)(uint32_t)v / 65536.0;
}

static double weight_class(hb_face_t *face)
{
	long v = table_field(face, HB_TAG('O', 'S', '/', '2'), 4, 2);
	if (v >= 0)
		return (double)v;
	long style = table_field(face, HB_TAG('h', 'e', 'a', 'd'), 44, 2);
	return style >= 0 && (style & 1) ? 700 : 400;
}

/* The PostScript name, keeping only characters a PDF name may hold
 * unescaped. */
static void read_psname(face_rec *fr)
{
	char name[NG_PSNAME_MAX];
	unsigned len = sizeof name, k = 0;
	hb_ot_name_get_utf8(fr->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len,
	                    name);
	for (unsigned i = 0; i < len; i++)
		if (name[i] > ' ' && name[i] < 0x7F && !strchr("()<>[]{}/%#", name[i]))
			fr->info.psname[k++] = name[i];
	fr->info.psname[k] = '\0';
	if (k == 0)
		strcpy(fr->info.psname, "Font");
}

static int per_mille(const face_rec *fr, double units)
{
	return (int)lround(units * 1000.0 / fr->upem);
}

static int metric(const face_rec *fr, hb_ot_metrics_tag_t tag)
{
	hb_position_t v;
	hb_ot_metrics_get_position_with_fallback(fr->font, tag, &v);
	return per_mille(fr, v);
}

/* OS/2 sFamilyClass classes 1-5 and 7 are serif designs. */
static bool is_serif(hb_face_t *face)
{
	int cls = table_i16(face, HB_TAG('O', 'S', '/', '2'), 30) >> 8;
	return (cls >= 1 && cls <= 5) || cls == 7;
}

static void face_info(face_rec *fr)
{
	ng_face_info *fi = &fr->info;
	read_psname(fr);
	fi->upem = fr->upem;
	for (int i = 0; i < 4; i++)
		fi->bbox[i] =
		    per_mille(fr, table_i16(fr->face, HB_TAG('h', 'e', 'a', 'd'), 36 + 2 * i));
	fi->ascent = metric(fr, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER);
	fi->descent = metric(fr, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER);
	fi->cap_height = metric(fr, HB_OT_METRICS_TAG_CAP_HEIGHT);
	fi->italic_angle = (int)lround(italic_angle(fr->face));
	/* StemV is required but only used to imitate a font that is not
	 * embedded; ours always are. A common estimate from the weight. */
	fi->stem_v = (int)lround(10 + 220 * (weight_class(fr->face) - 50) / 900);
	/* Symbolic (4): CJK fonts hold glyphs outside the standard Latin
	 * set; Serif (2); Italic (64). */
	fi->flags = 4u | (is_serif(fr->face) ? 2u : 0u) | (fi->italic_angle ? 64u : 0u);
}

/* libharu 2.3.0 embeds only TrueType outlines (a glyf table). */
static bool has_glyf(hb_face_t *face)
{
	hb_blob_t *b = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
	bool ok = hb_blob_get_length(b) > 0;
	hb_blob_destroy(b);
	return ok;
}

/* Loads fr's face unless locating it did, and prepares it. */
static int face_load(face_rec *fr, ng_diags *d)
{
	if (!fr->face)
		fr->face = face_open(fr->path, fr->index);
	if (!fr->face || !has_glyf(fr->face)) {
		ng_diag *g = ng_diag_add(d, NG_D_FONT_LOAD, (ng_pos){0}, fr->path);
		if (fr->face)
			ng_diag_hint(d, g, "libharu can embed only TrueType (glyf) fonts");
		return -1;
	}
	fr->upem = hb_face_get_upem(fr->face);
	fr->font = hb_font_create(fr->face);
	hb_font_set_scale(fr->font, (int)fr->upem, (int)fr->upem);
	/* Untouched pages of the table are never faulted in. */
	fr->adv = ng_xmalloc(sizeof *fr->adv);
	memset(fr->adv->known, 0, sizeof fr->adv->known);
	face_info(fr);
	return 0;
}

static void face_free(face_rec *fr)
{
	hb_font_destroy(fr->font);
	hb_face_destroy(fr->face);
	free(fr->adv);
	free(fr->path);
}

/* Gives the role a slot: an already loaded face from the same file, or a
 * newly loaded one. */
static int role_open(ng_fonts *f, int role, ng_diags *d)
{
	face_rec fr = {0};
	if (locate(f, role, &fr, d))
		return -1;
	for (int s = 0; s < f->nfaces; s++) {
		if (f->faces[s].index == fr.index && strcmp(f->faces[s].path, fr.path) == 0) {
			f->slot[role] = s;
			face_free(&fr);
			return 0;
		}
	}
	f->slot[role] = f->nfaces;
	f->faces[f->nfaces] = fr;
	return face_load(&f->faces[f->nfaces++], d);
}

ng_fonts *ng_fonts_open(ng_diags *diags)
{
	ng_fonts *f = ng_xcalloc(1, sizeof *f);
	f->fb = ng_xcalloc(1, sizeof *f->fb);
	ng_buf path = {0};
	ng_buf_printf(&path, "%s/fonts/roles.tsv", ng_home_dir());
	int rc = ng_roles_read(&f->roles, path.data, diags);
	ng_buf_free(&path);
	for (int r = 0; r < NG_FONT__COUNT && rc == 0; r++)
		rc = role_open(f, r, diags);
	if (rc) {
		ng_fonts_free(f);
		return NULL;
	}
	return f;
}

void ng_fonts_free(ng_fonts *f)
{
	if (!f)
		return;
	for (int s = 0; s < f->nfaces; s++)
		face_free(&f->faces[s]);
	if (f->fb->state == FB_OPEN)
		face_free(&f->fb->fr);
	free(f->fb);
	ng_roles_free(&f->roles);
	free(f);
}

/* ---- the fallback role's font */

/* Opens the first installed family of the fallback role, once; no
 * diagnostics (a character that needs it and cannot have it is reported
 * where it is used). */
static const face_rec *fallback_face(const ng_fonts *f)
{
	fallback *fb = f->fb;
	if (fb->state == FB_UNTRIED) {
		fb->state = FB_NONE;
		const ng_roles *r = &f->roles;
		for (int k = 0; k < r->n[NG_ROLE_FALLBACK] && fb->state == FB_NONE; k++) {
			face_rec fr = {0};
			ng_diags *quiet = ng_diags_new();
			if (find_family(r->family[NG_ROLE_FALLBACK][k],
			                r->file[NG_ROLE_FALLBACK][k], &fr) >= 0 &&
			    face_load(&fr, quiet) == 0) {
				fb->fr = fr;
				fb->k = k;
				fb->state = FB_OPEN;
			} else {
				face_free(&fr);
			}
			ng_diags_free(quiet);
		}
	}
	return fb->state == FB_OPEN ? &fb->fr : NULL;
}

/* ---- queries */

static const face_rec *slot_face(const ng_fonts *f, int slot)
{
	return slot == NG_SLOT_FALLBACK ? &f->fb->fr : &f->faces[slot];
}

static const face_rec *role_face(const ng_fonts *f, ng_font_role role)
{
	return &f->faces[f->slot[role]];
}

/* The glyph of cp (with the variation selector vs, or 0) in one face. */
static bool face_glyph(const face_rec *fr, uint32_t cp, uint32_t vs, hb_codepoint_t *g)
{
	return vs ? hb_font_get_variation_glyph(fr->font, cp, vs, g)
	          : hb_font_get_nominal_glyph(fr->font, cp, g);
}

int ng_fonts_glyph(const ng_fonts *f, ng_font_role font, uint32_t cp, uint32_t vs, uint32_t *gid)
{
	hb_codepoint_t g;
	if (face_glyph(role_face(f, font), cp, vs, &g)) {
		*gid = g;
		return f->slot[font];
	}
	const face_rec *fb = fallback_face(f);
	if (fb && face_glyph(fb, cp, vs, &g)) {
		*gid = g;
		return NG_SLOT_FALLBACK;
	}
	return -1;
}

/* Advance in points of a character outside the advance table (above the
 * BMP, missing from the role's font, or with a variation selector): the
 * glyph's of whichever font draws it; .notdef's (glyph 0) when none
 * does (that character is an error before anything is drawn). */
static double slow_advance(const ng_fonts *f, ng_font_role font, uint32_t cp, uint32_t vs,
                           double size)
{
	uint32_t g = 0;
	int slot = ng_fonts_glyph(f, font, cp, vs, &g);
	const face_rec *fr = slot >= 0 ? slot_face(f, slot) : role_face(f, font);
	return (double)hb_font_get_glyph_h_advance(fr->font, slot >= 0 ? g : 0) * size / fr->upem;
}

/* Ordinary characters add up in font units from the advance table; any
 * other in points (extra), so an ordinary text measures exactly as it
 * always has. A variation selector replaces the advance of the character
 * before it by the advance of the pair's glyph. */
double ng_fonts_measure(void *ctx, ng_font_role font, double size, const char *utf8, size_t len)
{
	const ng_fonts *f = ctx;
	const face_rec *fr = role_face(f, font);
	long long units = 0, prev_units = 0;
	double extra = 0, prev_extra = 0;
	uint32_t prev = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = ng_utf8_decode(utf8 + i, len - i, &cp);
		if (n == 0) {
			cp = 0xFFFD; /* layout passes valid UTF-8; stay total anyway */
			n = 1;
		}
		i += n;
		uint16_t a = cp < NG_BMP_SIZE ? adv_of(fr, cp) : ADV_MISSING;
		if (a != ADV_MISSING) {
			units += a;
			prev_units = a, prev_extra = 0, prev = cp;
		} else if (ng_is_vs(cp) && prev) {
			units -= prev_units;
			extra += slow_advance(f, font, prev, cp, size) - prev_extra;
			prev_units = 0, prev_extra = 0, prev = 0;
		} else {
			double p = slow_advance(f, font, cp, 0, size);
			extra += p;
			prev_units = 0, prev_extra = p, prev = cp;
		}
	}
	return (double)units * size / fr->upem + extra;
}

bool ng_fonts_has(const ng_fonts *f, ng_font_role font, uint32_t cp)
{
	return cp < NG_BMP_SIZE && adv_of(role_face(f, font), cp) != ADV_MISSING;
}

const char *ng_fonts_family(const ng_fonts *f, ng_font_role font)
{
	return f->roles.family[font][f->roles.chosen[font]];
}

const char *ng_fonts_fallback_family(const ng_fonts *f)
{
	const ng_roles *r = &f->roles;
	if (!r->n[NG_ROLE_FALLBACK])
		return NULL;
	return r->family[NG_ROLE_FALLBACK][fallback_face(f) ? f->fb->k : 0];
}

const char *ng_fonts_fallback_package(const ng_fonts *f)
{
	const ng_roles *r = &f->roles;
	return r->n[NG_ROLE_FALLBACK] && !fallback_face(f) ? r->package[NG_ROLE_FALLBACK][0] : NULL;
}

ng_font_route ng_fonts_route(const ng_fonts *f, ng_font_role role)
{
	return f->route[role];
}

int ng_fonts_slot(const ng_fonts *f, ng_font_role role)
{
	return f->slot[role];
}

hb_face_t *ng_fonts_face(const ng_fonts *f, int slot)
{
	return slot_face(f, slot)->face;
}

hb_font_t *ng_fonts_hbfont(const ng_fonts *f, int slot)
{
	return slot_face(f, slot)->font;
}

const ng_face_info *ng_fonts_info(const ng_fonts *f, int slot)
{
	return &slot_face(f, slot)->info;
}

const char *ng_fonts_path(const ng_fonts *f, int slot, int *index)
{
	*index = slot_face(f, slot)->index;
	return slot_face(f, slot)->path;
}
