/* fontinfo.c — which font files a letter is drawn with, as text stable
 * across machines (no paths): per role the family, the font's own version
 * string (name ID 5), its head table's revision and whole-file checksum,
 * and the fallback font's when the letter needs it. Snapshots record it,
 * so that a font package upgrade is told apart from a change of the
 * letter. */
#include <hb-ot.h>
#include <stdio.h>

#include "pdf_int.h"

static unsigned be32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (unsigned)u[0] << 24 | (unsigned)u[1] << 16 | (unsigned)u[2] << 8 | u[3];
}

/* One font: "font ROLE FAMILY "VERSION" revision=R checksum=HEX". */
static void describe_face(hb_face_t *face, const char *role, const char *family, ng_buf *out)
{
	char version[128] = "";
	unsigned size = sizeof version;
	hb_ot_name_get_utf8(face, HB_OT_NAME_ID_VERSION_STRING, HB_LANGUAGE_INVALID, &size,
	                    version);
	/* head: fontRevision (16.16) at 4, checkSumAdjustment at 8 — the
	 * latter makes the whole file sum to a constant, so it changes with
	 * any byte of the file. */
	hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned len = 0;
	const char *h = hb_blob_get_data(head, &len);
	unsigned rev = len >= 12 ? be32(h + 4) : 0, sum = len >= 12 ? be32(h + 8) : 0;
	hb_blob_destroy(head);
	for (char *c = version; *c; c++)
		if (*c == '"' || *c == '\n')
			*c = '\'';
	ng_buf_printf(out, "font %s %s \"%s\" revision=%.3f checksum=%08x\n", role,
	              family ? family : "?", version, rev / 65536.0, sum);
}

static bool is_selector(uint32_t cp)
{
	return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

/* Whether the fallback font draws a character of text (with the variation
 * selector after it) that a role's own font lacks. Depends on the text
 * alone, never on the letters drawn before. */
static bool needs_fallback(const ng_fonts *f, const char *text, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0, vs = 0, gid;
		size_t n = ng_utf8_decode(text + i, len - i, &cp);
		i += n ? n : 1;
		size_t k = i < len ? ng_utf8_decode(text + i, len - i, &vs) : 0;
		if (k && is_selector(vs))
			i += k;
		else
			vs = 0;
		if (cp < 0x80 || is_selector(cp))
			continue;
		for (int r = 0; r < NG_FONT__COUNT; r++)
			if (ng_fonts_glyph(f, (ng_font_role)r, cp, vs, &gid) == NG_SLOT_FALLBACK)
				return true;
	}
	return false;
}

void ng_fonts_describe(const ng_fonts *f, const char *text, size_t len, ng_buf *out)
{
	static const char *const roles[NG_FONT__COUNT] = {"body", "heading"};
	for (int r = 0; r < NG_FONT__COUNT; r++) {
		char name[16];
		snprintf(name, sizeof name, "role%d", r);
		describe_face(ng_fonts_face(f, ng_fonts_slot(f, (ng_font_role)r)),
		              roles[r] ? roles[r] : name, ng_fonts_family(f, (ng_font_role)r), out);
	}
	if (text && needs_fallback(f, text, len))
		describe_face(ng_fonts_face(f, NG_SLOT_FALLBACK), "fallback",
		              ng_fonts_fallback_family(f), out);
}
