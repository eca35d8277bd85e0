/* pdf_int.h — what the pdf module's files share and nobody else sees: the
 * loaded faces behind an ng_fonts, code point sets, HarfBuzz subsetting
 * and the ToUnicode rewrite. Included only by the pdf module's .c files. */
#ifndef NG_PDF_INT_H
#define NG_PDF_INT_H

#include <hb.h>
#include <hpdf.h>

#include "pdf.h"

#define NG_BMP_SIZE 0x10000u

/* The set of BMP code points one font draws in one letter. */
typedef struct ng_cpset {
	uint64_t bits[NG_BMP_SIZE / 64];
	size_t n;
} ng_cpset;

/* Adds cp (< NG_BMP_SIZE); returns whether it was new. */
bool ng_cpset_add(ng_cpset *s, uint32_t cp);
bool ng_cpset_has(const ng_cpset *s, uint32_t cp);
/* Writes the members in ascending order to out (room for s->n). */
void ng_cpset_list(const ng_cpset *s, uint32_t *out);

/* fonts/roles.tsv: per role, the family and the Debian package providing
 * it (heap strings, freed by ng_roles_free). */
typedef struct ng_roles {
	char *family[NG_FONT__COUNT];
	char *package[NG_FONT__COUNT];
} ng_roles;

/* Reads path into roles (zeroed first by the caller). Returns 0, or -1
 * after adding NG_D_IO_READ or NG_D_FONT_CONFIG. */
int ng_roles_read(ng_roles *roles, const char *path, ng_diags *d);
void ng_roles_free(ng_roles *roles);

/* Roles that share one font file share one slot; a letter subsets and
 * embeds each slot once. */
int ng_fonts_slot(const ng_fonts *f, ng_font_role role);
hb_face_t *ng_fonts_face(const ng_fonts *f, int slot);

/* Subsets face to the code points cps[0..n) (no hinting) and returns a
 * memfd holding the subset font, or -1 with *why set to a static message.
 * The caller closes the fd. */
int ng_subset_to_memfd(hb_face_t *face, const uint32_t *cps, size_t n, const char **why);

/* Replaces the ToUnicode stream libharu wrote for a Type0 font (an
 * identity CID map, which poppler rejects) with a bfchar map of cps, the
 * CIDs the letter uses (libharu's UTF-8 encoder makes CID = code point). */
HPDF_STATUS ng_tounicode_rewrite(HPDF_Font font, const uint32_t *cps, size_t n);

#endif
