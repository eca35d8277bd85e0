/* subset.c — the per-letter font subset: code point sets, and HarfBuzz
 * subsetting through a subset plan, which also tells which glyph of the
 * subset (new GID) draws each code point. */
#include <hb-subset.h>
#include <stdlib.h>

#include "pdf_int.h"

bool ng_cpset_add(ng_cpset *s, uint32_t cp)
{
	uint64_t bit = (uint64_t)1 << (cp % 64);
	if (s->bits[cp / 64] & bit)
		return false;
	s->bits[cp / 64] |= bit;
	s->n++;
	return true;
}

bool ng_cpset_has(const ng_cpset *s, uint32_t cp)
{
	return cp < NG_BMP_SIZE && (s->bits[cp / 64] >> (cp % 64) & 1);
}

void ng_cpset_list(const ng_cpset *s, uint32_t *out)
{
	size_t k = 0;
	for (uint32_t w = 0; w < NG_BMP_SIZE / 64; w++)
		for (uint64_t b = s->bits[w]; b; b &= b - 1)
			out[k++] = w * 64 + (uint32_t)__builtin_ctzll(b);
}

/* The bits set in v. Not __builtin_popcountll: built for the x86-64
 * baseline (no POPCNT instruction), that is a call into libgcc's table
 * code (__popcountdi2, 1.2 % of a batch); this is a dozen inline
 * operations everywhere. */
static inline size_t popcount64(uint64_t v)
{
	v -= (v >> 1) & 0x5555555555555555u;
	v = (v & 0x3333333333333333u) + ((v >> 2) & 0x3333333333333333u);
	v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
	return (size_t)((v * 0x0101010101010101u) >> 56);
}

void ng_cpset_index(ng_cpset *s)
{
	size_t k = 0;
	for (uint32_t w = 0; w < NG_BMP_SIZE / 64; w++) {
		s->before[w] = (uint16_t)k;
		if (s->bits[w])
			k += popcount64(s->bits[w]);
	}
}

size_t ng_cpset_rank(const ng_cpset *s, uint32_t cp)
{
	uint64_t below = ((uint64_t)1 << (cp % 64)) - 1;
	return s->before[cp / 64] + popcount64(s->bits[cp / 64] & below);
}

/* Tables a PDF's CIDFontType2 does not use: layout tables (GSUB, GPOS
 * above all, which also make subsetting slow), vertical metrics, hinting
 * helpers, and the cmap (the CIDToGIDMap and ToUnicode replace it; the
 * PDF spec does not require it for CID fonts). */
static const hb_tag_t drop_tags[] = {
    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
    HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('v', 'h', 'e', 'a'),
    HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'), HB_TAG('D', 'S', 'I', 'G'),
    HB_TAG('g', 'a', 's', 'p'), HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'),
    HB_TAG('V', 'D', 'M', 'X'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('c', 'm', 'a', 'p'),
};

/* The input of a subset to the code points cps[0..n), or (gids) to those
 * glyphs of the font. */
static hb_subset_input_t *subset_input(const uint32_t *cps, size_t n, bool gids)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	hb_set_t *u = gids ? hb_subset_input_glyph_set(in) : hb_subset_input_unicode_set(in);
	for (size_t i = 0; i < n; i++)
		hb_set_add(u, cps[i]);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < NG_ARRAY_LEN(drop_tags); i++)
		hb_set_add(drop, drop_tags[i]);
	/* Glyphs are renumbered densely (no RETAIN_GIDS): loca and hmtx stay
	 * as small as the glyph set. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	return in;
}

/* Fills s->old_gid and s->gid from the plan's glyph maps (gids: cps are
 * glyphs of the full font, not code points). */
static int read_maps(hb_subset_plan_t *plan, const uint32_t *cps, size_t n, bool gids, ng_subset *s)
{
	const hb_map_t *to_old = hb_subset_plan_new_to_old_glyph_mapping(plan);
	const hb_map_t *to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
	const hb_map_t *cmap = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
	s->nglyphs = hb_map_get_population(to_old);
	s->old_gid = ng_xmalloc((s->nglyphs + 1) * sizeof *s->old_gid);
	for (unsigned g = 0; g < s->nglyphs; g++)
		s->old_gid[g] = hb_map_get(to_old, g);
	s->gid = ng_xmalloc((n + 1) * sizeof *s->gid);
	for (size_t i = 0; i < n; i++) {
		hb_codepoint_t old = gids ? cps[i] : hb_map_get(cmap, cps[i]);
		hb_codepoint_t gid = old == HB_MAP_VALUE_INVALID ? old : hb_map_get(to_new, old);
		if (gid == HB_MAP_VALUE_INVALID || gid >= s->nglyphs || gid > UINT16_MAX)
			return -1;
		s->gid[i] = (uint16_t)gid;
	}
	for (unsigned g = 0; g < s->nglyphs; g++)
		if (s->old_gid[g] == HB_MAP_VALUE_INVALID)
			return -1;
	return 0;
}

static const char *run_plan(hb_face_t *face, hb_subset_input_t *in, const uint32_t *cps, size_t n,
                            bool gids, ng_subset *s)
{
	hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(face, in);
	if (!plan)
		return "HarfBuzz could not plan the font subset";
	const char *why = NULL;
	if (read_maps(plan, cps, n, gids, s))
		why = "the font subset lacks a glyph of the letter";
	hb_face_t *sub = why ? NULL : hb_subset_plan_execute_or_fail(plan);
	if (!why && !sub)
		why = "HarfBuzz could not subset the font";
	if (sub) {
		s->font = hb_face_reference_blob(sub);
		hb_face_destroy(sub);
	}
	hb_subset_plan_destroy(plan);
	return why;
}

static int subset(hb_face_t *face, const uint32_t *cps, size_t n, bool gids, ng_subset *s,
                  const char **why)
{
	hb_subset_input_t *in = subset_input(cps, n, gids);
	if (!in) {
		*why = "hb_subset_input_create_or_fail failed";
		return -1;
	}
	*why = run_plan(face, in, cps, n, gids, s);
	hb_subset_input_destroy(in);
	if (!*why && hb_blob_get_length(s->font) == 0)
		*why = "HarfBuzz gave an empty font subset";
	return *why ? -1 : 0;
}

int ng_subset_make(hb_face_t *face, const uint32_t *cps, size_t n, ng_subset *s, const char **why)
{
	return subset(face, cps, n, false, s, why);
}

int ng_subset_glyphs(hb_face_t *face, const uint32_t *gids, size_t n, ng_subset *s,
                     const char **why)
{
	return subset(face, gids, n, true, s, why);
}

void ng_subset_free(ng_subset *s)
{
	hb_blob_destroy(s->font); /* NULL is the empty blob: a no-op */
	free(s->old_gid);
	free(s->gid);
	*s = (ng_subset){0};
}
