/* pdf.h — fonts and PDF output. The only module that includes hpdf.h,
 * fontconfig.h and hb-subset.h.
 *
 * ng_fonts opens each role's font at the file fonts/roles.tsv names (its
 * Debian package's), or else asks fontconfig (checking the matched family
 * either way: fontconfig silently falls back), loads it into HarfBuzz for
 * measuring and coverage, and is reused across letters. ng_pdf_write
 * subsets each used font with HarfBuzz, embeds the subset as a CID font
 * built through libharu's object API (with a correct ToUnicode map),
 * writes the pages and returns the bytes; an ng_pdf_shared holds the
 * font subsets all letters of a batch share, built once. Output is tagged
 * PDF (PDF/UA-1: the pages' structure tree, structure.c) with XMP
 * metadata (metadata.c), optionally PDF/A-2u. */
#ifndef NG_PDF_H
#define NG_PDF_H

#include <stdbool.h>
#include <stdint.h>

#include "../layout/pages.h"

typedef struct ng_fonts ng_fonts;

/* Reads fonts/roles.tsv under ng_home_dir() and opens every role's font.
 * Returns NULL and adds NG_D_FONT_MISSING (naming the Debian package) or
 * NG_D_FONT_LOAD to diags when a font cannot be had. */
ng_fonts *ng_fonts_open(ng_diags *diags);
void ng_fonts_free(ng_fonts *f);

/* Matches ng_measure_fn; ctx is an ng_fonts *. */
double ng_fonts_measure(void *ctx, ng_font_role font, double size, const char *utf8, size_t len);
/* Whether the role's own font draws the BMP code point cp by itself (the
 * fast path: no variation selector, no fallback font). */
bool ng_fonts_has(const ng_fonts *f, ng_font_role font, uint32_t cp);
/* Which font draws cp followed by the variation selector vs (0: none) in
 * the role: its own font (cmap formats 4, 12 and 14 through HarfBuzz),
 * else the fallback role's (fonts/roles.tsv, IPAmj明朝; opened on first
 * need). Returns the font's slot and sets *gid, or -1 when no font has it
 * (for a variation sequence: not that variant, so a name is never printed
 * in another form than registered). */
int ng_fonts_glyph(const ng_fonts *f, ng_font_role font, uint32_t cp, uint32_t vs, uint32_t *gid);
/* The fallback role's family (for messages), or NULL when roles.tsv has
 * none; and its Debian package when it is configured but not installed
 * (for a hint), else NULL. */
const char *ng_fonts_fallback_family(const ng_fonts *f);
const char *ng_fonts_fallback_package(const ng_fonts *f);
/* The family name of a role's font, for messages. */
const char *ng_fonts_family(const ng_fonts *f, ng_font_role font);

/* Appends one line per font role: "font ROLE FAMILY "VERSION"
 * revision=R checksum=HEX" — the same on every machine with the same font
 * files, whatever their paths — and a "font fallback" line when a
 * character of text (the letter's) is drawn by the fallback font
 * (fontinfo.c). */
void ng_fonts_describe(const ng_fonts *f, const char *text, size_t len, ng_buf *out);

/* The fonts every letter of a batch shares: per font, the code points
 * of one representative letter (pages), subset and deflated once. A
 * letter drawing a code point outside them gets a small font of its own
 * beside the shared one. The shared fonts' bytes depend only on pages,
 * so letters stay byte-identical whatever was rendered before. many: they
 * go into many letters (a batch), so they are deflated harder. Returns
 * NULL after adding NG_D_PDF; free with ng_pdf_shared_free. */
typedef struct ng_pdf_shared ng_pdf_shared;
ng_pdf_shared *ng_pdf_shared_new(ng_fonts *f, const ng_pages *pages, bool many, ng_diags *diags);
void ng_pdf_shared_free(ng_pdf_shared *s);
/* A guess, made before a letter is laid out, of the pages it will draw
 * (guessed: runs with a font and a text each, no positions): the largest
 * font slot's subset begins on a helper thread. NULL: nothing begun
 * (threads off, nothing to draw, or the cache holds that subset). */
typedef struct ng_pdf_guess ng_pdf_guess;
ng_pdf_guess *ng_pdf_guess_new(ng_fonts *f, const ng_pages *guessed);
/* ng_pdf_shared_new for one letter (not many), taking the guess's work
 * over when the pages draw exactly its code points in that slot (the
 * bytes are the same either way). guess may be NULL; the caller frees it
 * after (ng_pdf_guess_free joins a helper a wrong guess left running). */
ng_pdf_shared *ng_pdf_shared_new_guessed(ng_fonts *f, const ng_pages *pages, bool many,
                                         ng_pdf_guess *guess, ng_diags *diags);
void ng_pdf_guess_free(ng_pdf_guess *g);

/* Renders the pages to a PDF in memory (*out, reset first), drawing with
 * shared's fonts where they have the glyph (shared may be NULL: every
 * font is the letter's own). Returns 0, or -1 after adding a diagnostic.
 * The output is byte-identical for the same pages and shared fonts. */
int ng_pdf_write(ng_fonts *f, const ng_pdf_shared *shared, const ng_pages *pages, ng_buf *out,
                 ng_diags *diags);

/* How a PDF is written. Tagged (PDF/UA-1) whenever the pages carry a
 * structure tree; untagged forces plain output (the pages' look is the
 * same: tests compare the two, the benchmark measures what tags cost).
 * pdfa: PDF/A-2u metadata and the sRGB output intent. */
typedef struct ng_pdf_opts {
	bool untagged;
	bool pdfa;
	/* Set (when not NULL) to how many leading bytes of the letter are the
	 * shared fonts' objects, written first: the same bytes in every
	 * letter of the batch that draws with both shared fonts, so that a
	 * hash of the letter can resume from them. 0: none. */
	size_t *shared_prefix;
	/* Set (when not NULL) to a number that is the same in two letters
	 * only when their shared_prefix bytes are the same (written from one
	 * kept copy), so that a hash resumes without comparing them; 0: no
	 * such promise. */
	uint64_t *shared_id;
	/* Set (when not NULL) to the letter's first bytes when they are a
	 * batch's kept copy (shared_id), then not in the output, which holds
	 * the rest of the letter only: the letter is *head (*head_len bytes)
	 * then the output. NULL: the output is the whole letter. *head stays
	 * valid until the next letter is written with the same shared fonts. */
	const unsigned char **head;
	size_t *head_len;
} ng_pdf_opts;

/* ng_pdf_write with options (NULL: the defaults, as ng_pdf_write). */
int ng_pdf_write_opts(ng_fonts *f, const ng_pdf_shared *shared, const ng_pages *pages,
                      const ng_pdf_opts *opts, ng_buf *out, ng_diags *diags);

/* The benchmark's baseline: the same pages through libharu alone, each
 * font embedded whole, no HarfBuzz (and libharu's wrong ToUnicode map).
 * Not for letters. Returns 0, or -1 after adding NG_D_PDF. */
int ng_pdf_write_naive(ng_fonts *f, const ng_pages *pages, ng_buf *out, ng_diags *diags);

#endif
