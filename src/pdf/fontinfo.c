/* fontinfo.c — which font files a letter is drawn with, as text stable
 * across machines (no paths): per role the family, the font's own version
 * string (name ID 5), its head table's revision and whole-file checksum.
 * Snapshots record it, so that a font package upgrade is told apart from
 * a change of the letter. */
#include <hb-ot.h>
#include <stdio.h>

#include "pdf_int.h"

static unsigned be32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (unsigned)u[0] << 24 | (unsigned)u[1] << 16 | (unsigned)u[2] << 8 | u[3];
}

void ng_fonts_describe(const ng_fonts *f, ng_buf *out)
{
	static const char *const roles[NG_FONT__COUNT] = {"body", "heading"};
	for (int r = 0; r < NG_FONT__COUNT; r++) {
		hb_face_t *face = ng_fonts_face(f, ng_fonts_slot(f, (ng_font_role)r));
		char version[128] = "";
		unsigned size = sizeof version;
		hb_ot_name_get_utf8(face, HB_OT_NAME_ID_VERSION_STRING, HB_LANGUAGE_INVALID, &size,
		                    version);
		/* head: fontRevision (16.16) at 4, checkSumAdjustment at 8 —
		 * the latter makes the whole file sum to a constant, so it
		 * changes with any byte of the file. */
		hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
		unsigned len = 0;
		const char *h = hb_blob_get_data(head, &len);
		unsigned rev = len >= 12 ? be32(h + 4) : 0, sum = len >= 12 ? be32(h + 8) : 0;
		hb_blob_destroy(head);
		for (char *c = version; *c; c++)
			if (*c == '"' || *c == '\n')
				*c = '\'';
		if (roles[r])
			ng_buf_printf(out, "font %s", roles[r]);
		else
			ng_buf_printf(out, "font role%d", r);
		ng_buf_printf(out, " %s \"%s\" revision=%.3f checksum=%08x\n",
		              ng_fonts_family(f, (ng_font_role)r), version, rev / 65536.0, sum);
	}
}
