/* pdf_int.h — what the pdf module's files share and nobody else sees: the
 * loaded faces behind an ng_fonts, code point sets, HarfBuzz subsetting,
 * stream compression, the font objects, ToUnicode CMaps and page content.
 * Included only by the pdf module's .c files (and its unit test). */
#ifndef NG_PDF_INT_H
#define NG_PDF_INT_H

#include <hb.h>
#include <hpdf.h>

#include "pdf.h"

#define NG_BMP_SIZE 0x10000u

/* The set of BMP code points one font draws in one letter. */
typedef struct ng_cpset {
	uint64_t bits[NG_BMP_SIZE / 64];
	uint16_t before[NG_BMP_SIZE / 64]; /* members below each word (ng_cpset_index) */
	size_t n;
} ng_cpset;

/* Adds cp (< NG_BMP_SIZE); returns whether it was new. */
bool ng_cpset_add(ng_cpset *s, uint32_t cp);
bool ng_cpset_has(const ng_cpset *s, uint32_t cp);
/* Writes the members in ascending order to out (room for s->n). */
void ng_cpset_list(const ng_cpset *s, uint32_t *out);
/* Once the set is complete: prepares ng_cpset_rank. */
void ng_cpset_index(ng_cpset *s);
/* The position of member cp in ascending order (its index in the list). */
size_t ng_cpset_rank(const ng_cpset *s, uint32_t cp);

/* A role of the pdf module's own beyond layout's: "fallback" in
 * fonts/roles.tsv, the font that draws a character the role's font lacks
 * (IPAmj明朝, the 文字情報基盤 font: names as registered). Optional; opened
 * on first need. Its face is always slot NG_SLOT_FALLBACK. */
#define NG_ROLE_FALLBACK NG_FONT__COUNT
#define NG_ROLES         (NG_FONT__COUNT + 1)
#define NG_SLOT_FALLBACK NG_FONT__COUNT
#define NG_SLOTS         (NG_FONT__COUNT + 1)

/* fonts/roles.tsv: per role, its families in order of preference (a
 * fallback is used only when the ones before it are not installed), the
 * Debian package providing each and the file that package installs
 * (heap strings, freed by ng_roles_free). */
#define NG_FONT_CHOICES 4
typedef struct ng_roles {
	char *family[NG_ROLES][NG_FONT_CHOICES];
	char *package[NG_ROLES][NG_FONT_CHOICES];
	char *file[NG_ROLES][NG_FONT_CHOICES]; /* absolute; NULL: ask fontconfig */
	int n[NG_ROLES];
	int chosen[NG_ROLES]; /* set by ng_fonts_open */
} ng_roles;

/* Reads path into roles (zeroed first by the caller). Returns 0, or -1
 * after adding NG_D_IO_READ or NG_D_FONT_CONFIG. */
int ng_roles_read(ng_roles *roles, const char *path, ng_diags *d);
void ng_roles_free(ng_roles *roles);

/* What a font descriptor says about a face, read once when it is loaded;
 * lengths in 1000ths of an em. */
#define NG_PSNAME_MAX 64
typedef struct ng_face_info {
	char psname[NG_PSNAME_MAX]; /* PostScript name, safe as a PDF name */
	unsigned upem;
	unsigned flags; /* PDF font flags */
	int bbox[4];    /* xMin yMin xMax yMax */
	int italic_angle, ascent, descent, cap_height, stem_v;
} ng_face_info;

/* How ng_fonts_open found a role's font: at the file roles.tsv names for
 * the family (checked against the family names in the font), or through
 * fontconfig (initialised only then). */
typedef enum ng_font_route { NG_ROUTE_FILE, NG_ROUTE_FONTCONFIG } ng_font_route;
ng_font_route ng_fonts_route(const ng_fonts *f, ng_font_role role);
/* The SONAME of libfontconfig, dlopen()ed by the first font not found at
 * the file roles.tsv names (fonts.c). */
const char *ng_fonts_fontconfig(void);

/* Roles that share one font file share one slot; a letter subsets and
 * embeds each slot once. */
int ng_fonts_slot(const ng_fonts *f, ng_font_role role);
hb_face_t *ng_fonts_face(const ng_fonts *f, int slot);
/* The face at its design size (scale = units per em), for advances. */
hb_font_t *ng_fonts_hbfont(const ng_fonts *f, int slot);
const ng_face_info *ng_fonts_info(const ng_fonts *f, int slot);
/* The font file and face index (the naive baseline loads it whole). */
const char *ng_fonts_path(const ng_fonts *f, int slot, int *index);

/* One font's subset for one letter. */
typedef struct ng_subset {
	hb_blob_t *font;   /* the subset font file */
	unsigned nglyphs;  /* glyphs in it: new GIDs 0..nglyphs-1 */
	uint32_t *old_gid; /* [nglyphs]: each new GID's glyph in the full font */
	uint16_t *gid;     /* [n]: the new GID drawing cps[i] */
} ng_subset;

/* Subsets face (no hinting, dense new GIDs) to the code points
 * cps[0..n), ascending. Returns 0, or -1 with *why set to a static
 * message; ng_subset_free either way. */
int ng_subset_make(hb_face_t *face, const uint32_t *cps, size_t n, ng_subset *s, const char **why);
/* The same for the glyphs gids[0..n) of the font (gid[i] is then the new
 * GID of gids[i]): characters found through a variation selector or
 * above the BMP, whose glyph HarfBuzz gave already. */
int ng_subset_glyphs(hb_face_t *face, const uint32_t *gids, size_t n, ng_subset *s,
                     const char **why);
void ng_subset_free(ng_subset *s);

/* Bytes a helper thread is still making (shared.c: a shared font's
 * deflated font file). ng_later_wait returns once they are made: 0, or
 * -1 when they could not be; then (and only then) they may be read. */
typedef struct ng_later ng_later;
int ng_later_wait(ng_later *l);

/* Whether a shared build took the guess's work over (for the tests). */
bool ng_pdf_guess_taken(const ng_pdf_guess *g);

/* Deflate for PDF streams, with a reusable output buffer. */
typedef struct ng_flate ng_flate;
ng_flate *ng_flate_new(int level); /* NULL if out of memory */
void ng_flate_free(ng_flate *z);
/* Writes data deflated into the stream dictionary dict and marks it
 * /FlateDecode. */
HPDF_STATUS ng_flate_put(ng_flate *z, HPDF_Dict dict, const void *data, size_t len);
/* The same; *kept becomes the deflated bytes when the compressor keeps
 * them (ng_flate_remember: they live as long as it), else {NULL, 0}. */
typedef struct ng_zbytes ng_zbytes;
HPDF_STATUS ng_flate_put_kept(ng_flate *z, HPDF_Dict dict, const void *data, size_t len,
                              ng_zbytes *kept);
/* From now on ng_flate_put keeps what it deflates (up to 64 streams,
 * 4 MiB, never evicting) and gives the kept result for the same bytes
 * again: the pages a batch's letters share are deflated once. Deflate is
 * a function of the bytes and the level, so the output is unchanged. */
void ng_flate_remember(ng_flate *z);
/* A 64-bit hash of bytes (FNV-1a over words); ng_flate_put takes it of
 * every stream it is given, the last one kept. */
uint64_t ng_flate_hash(const void *data, size_t len);
uint64_t ng_flate_last_hash(const ng_flate *z);

/* Deflated bytes, kept (heap; ng_zbytes_free). */
struct ng_zbytes {
	unsigned char *data;
	size_t len;
};

/* Deflates data into *out. Returns 0, or -1 if libdeflate failed. */
int ng_flate_bytes(ng_flate *z, const void *data, size_t len, ng_zbytes *out);
void ng_zbytes_free(ng_zbytes *b);
/* Makes zb the data of the stream dictionary dict, read in place when
 * the document is saved (zb must live until then), marked /FlateDecode. */
HPDF_STATUS ng_flate_attach(HPDF_Dict dict, const ng_zbytes *zb);
/* The same for bytes a helper thread is still making (later): the
 * stream waits for them when it is first read (ng_pdf_save), and fails
 * to be read when they could not be made. */
HPDF_STATUS ng_flate_attach_later(HPDF_Dict dict, const ng_zbytes *zb, ng_later *later);
/* All the bytes a stream made by ng_flate_put or ng_flate_attach holds
 * (what HPDF_Stream_WriteToStream copies out of it, from its start);
 * false for any other stream. */
bool ng_flate_stream_bytes(HPDF_Stream s, const unsigned char **data, size_t *len);

/* Where a font subset comes from: one slot's face, and a compressor. */
typedef struct ng_fontsrc {
	hb_face_t *face;
	hb_font_t *font; /* the full font, for advances */
	const ng_face_info *info;
	ng_flate *z;
} ng_fontsrc;

/* A drawn CID and its width in 1000ths of an em. */
typedef struct ng_cid_width {
	uint16_t cid;
	double w;
} ng_cid_width;

#define NG_TAG_LEN 6

/* One font subset as everything its PDF objects need that does not
 * depend on the document: built once, embedded in any number of
 * documents. */
typedef struct ng_fontobj {
	const ng_face_info *info;
	char name[NG_TAG_LEN + 1 + NG_PSNAME_MAX]; /* TAG+PostScriptName */
	unsigned file_len;                         /* the font file's length (Length1) */
	ng_zbytes file, cmap, map; /* FontFile2, ToUnicode, CIDToGIDMap (none: Identity) */
	ng_cid_width *w;           /* widths but the default, ascending by CID */
	size_t nw;
	ng_later *later; /* not NULL: file is still being deflated (it is read when saved) */
} ng_fontobj;

/* Subsets src's face to cps[0..n) (ascending), writes the CID drawing
 * cps[i] to cid[i] and prepares *o. Returns 0, or -1 with *why set to a
 * static message (o then needs no freeing). */
int ng_fontobj_build(const ng_fontsrc *src, const uint32_t *cps, size_t n, uint16_t *cid,
                     ng_fontobj *o, const char **why);
/* ng_fontobj_build's steps after ng_subset_make, for a subset sub made
 * for cps[0..n) (o->info set, the rest empty): ng_fontobj_describe makes
 * all of *o but o->file, ng_fontobj_deflate only o->file with z; neither
 * writes what the other does, so two threads may run them at once. Each
 * returns 0, or -1 with *why set (o's owner frees it: ng_fontobj_free). */
int ng_fontobj_describe(const ng_fontsrc *src, const uint32_t *cps, size_t n, const ng_subset *sub,
                        uint16_t *cid, ng_fontobj *o, const char **why);
int ng_fontobj_deflate(ng_flate *z, const ng_subset *sub, ng_fontobj *o, const char **why);
void ng_fontobj_free(ng_fontobj *o);

/* A character drawn by its glyph: the code point, the variation selector
 * after it (0: none) and its glyph in the full font. */
typedef struct ng_glyph_char {
	uint32_t cp, vs, gid;
} ng_glyph_char;

/* Like ng_fontobj_build for characters given with their glyphs (gc, n of
 * them, distinct): the ToUnicode map gives each CID its character with
 * its variation selector, so the text layer keeps 𠮷 and 辻 + U+E0100 as
 * written. */
int ng_fontobj_build_glyphs(const ng_fontsrc *src, const ng_glyph_char *gc, size_t n, uint16_t *cid,
                            ng_fontobj *o, const char **why);
/* Builds o's objects in doc and returns the Type0 font dictionary, or
 * NULL after libharu reported an error. o must outlive the document's
 * saving. */
HPDF_Dict ng_fontobj_embed(HPDF_Doc doc, const ng_fontobj *o);

/* A letter's own font subset: the CID of each code point by rank, its
 * objects. */
typedef struct ng_ownfont {
	uint16_t *cid;
	ng_fontobj obj;
} ng_ownfont;

/* The own font subsets a batch built (ownmemo.c), by face, slot and code
 * points (ascending), compared in full. */
typedef struct ng_ownmemo ng_ownmemo;
ng_ownmemo *ng_ownmemo_new(void);
void ng_ownmemo_free(ng_ownmemo *m);
size_t ng_ownmemo_count(const ng_ownmemo *m); /* 0 for NULL */
/* The subset kept for these code points, or NULL (also for m NULL). */
const ng_ownfont *ng_ownmemo_find(const ng_ownmemo *m, const void *face, int slot,
                                  const uint32_t *cps, size_t n);
/* Keeps *font (taken: *font is emptied) and returns where it is kept, or
 * NULL when the caps (256 subsets, 2 MiB: a peak RSS flat in the batch size) are reached (*font
 * untouched). */
const ng_ownfont *ng_ownmemo_add(ng_ownmemo *m, const void *face, int slot, const uint32_t *cps,
                                 size_t n, ng_ownfont *font);

/* One slot's shared font: the code points every letter of a batch is
 * expected to draw with it (indexed), their CIDs by rank, its objects. */
typedef struct ng_shared_font {
	ng_cpset set;
	uint16_t *cid;
	ng_fontobj obj;
} ng_shared_font;

/* The bytes a batch's letters begin with (the header and the shared
 * fonts' objects 1 … nobj, written first: shared_first), kept from the
 * first letter that wrote them with the same key, so that the next ones
 * copy them whole instead of writing every object again, and a hash can
 * resume after them without comparing them (id). */
typedef struct ng_pdf_head {
	uint64_t key; /* the letters it fits (ng_pdf_headuse.key); 0: empty */
	uint64_t id;  /* unique in the process for each filling */
	size_t nobj;  /* objects 1 … nobj */
	size_t len;
	unsigned char *bytes;
	HPDF_UINT32 *offset; /* of objects 1 … nobj */
	/* How many of them each shared slot made (pdf.c: a letter that will
	 * copy the head adds that many stand-ins instead of the objects). */
	size_t slot_nobj[NG_FONT__COUNT];
} ng_pdf_head;

/* How one letter may use a head: key names what its shared objects
 * depend on besides the batch's shared fonts (slots, options); nobj: how
 * many there are. *id is set to the head's id when the letter's first
 * bytes are the head's, else 0. apart (not NULL): a head that fits is
 * not copied into the output, which then holds the rest of the letter
 * only, and *apart is set to it (else to NULL). */
typedef struct ng_pdf_headuse {
	ng_pdf_head *head;
	uint64_t key;
	size_t nobj;
	uint64_t *id;
	const ng_pdf_head **apart;
	unsigned version; /* set by ng_pdf_save: the header's */
} ng_pdf_headuse;
void ng_pdf_head_free(ng_pdf_head *h);

struct ng_pdf_shared {
	ng_shared_font font[NG_FONT__COUNT]; /* set.n == 0: none for the slot */
	/* The letters' compressor at the content level, remembering (a cache
	 * behind the const of ng_pdf_write's shared: what it answers never
	 * changes). */
	ng_flate *content;
	/* The finished pages they share (also behind the const). */
	struct ng_pagememo *pages;
	ng_ownmemo *own; /* the letters' own subsets (also behind the const) */
	/* Run texts whose every character is in the slot's shared set (tag:
	 * the slot), met before (also behind the const). */
	ng_textset *all_shared;
	ng_pdf_head *head; /* the letters' first bytes (also behind the const) */
	/* The slot whose font file a helper thread may still be deflating
	 * (shared.c), or NULL; and the cache folder it keeps it in. */
	ng_later *later;
	char cache_dir[4096];
};

/* libdeflate levels. Font streams: nearly all of a letter's bytes are
 * TrueType outlines, which deflate only to ~72 %. Reference letter
 * (bytes, deflate instructions): level 1 111,205 / 7.7 M; 4 108,865 /
 * 12.0 M; 6 107,566 / 14.3 M; 9 107,214 / 19.7 M. Level 4 is the knee:
 * within 1.2 % of level 6's size for a sixth less time (and a batch pays
 * it once, for its shared fonts). Page content (37.7 KB of operators and
 * hex strings over the reference letter's four pages) is deflated per
 * letter: level 1 11,154 bytes / 1.3 M instructions, 2 10,532 / 2.1 M,
 * 4 10,356 / 2.2 M; level 1 costs 0.7 % of the letter's bytes and saves
 * 6 % of its time. */
#ifndef NG_FLATE_LEVEL
#define NG_FLATE_LEVEL 4
#endif
/* The fonts of a batch are deflated once and embedded in every letter:
 * level 12 (79,756 bytes of Mincho outlines for the reference letter
 * against 81,362 at level 4, 2 % fewer; ~12 ms instead of ~2 ms, once). */
#ifndef NG_FLATE_LEVEL_MANY
#define NG_FLATE_LEVEL_MANY 12
#endif
#ifndef NG_CONTENT_FLATE_LEVEL
#define NG_CONTENT_FLATE_LEVEL 1
#endif

/* Appends a ToUnicode CMap mapping cid[i] to cps[i], i < n; with vs (may
 * be NULL), to cps[i] followed by the variation selector vs[i] when not 0. */
void ng_tounicode_cmap(ng_buf *b, const uint16_t *cid, const uint32_t *cps, size_t n);
void ng_tounicode_cmap_vs(ng_buf *b, const uint16_t *cid, const uint32_t *cps, const uint32_t *vs,
                          size_t n);

/* The on-disk cache of finished shared font subsets (fontcache.c), in
 * the folder ng_cache_dir names (src/util/diskcache.h). */
/* The key of the subset of the font file font (face index) to cps[0..n)
 * at deflate level; false when a file it depends on cannot be found (then
 * nothing is cached). */
bool ng_fontcache_key(ng_buf *key, const char *font, int index, int level, const uint32_t *cps,
                      size_t n);
/* Fills cid[0..n) and *o (whose info the caller set) from the entry for
 * key; false (o as it was, cid undefined) when there is none or it is not
 * whole. */
bool ng_fontcache_load(const char *dir, const ng_buf *key, size_t n, uint16_t *cid, ng_fontobj *o);
/* Keeps cid[0..n) and o under key (silently nothing when it cannot). */
void ng_fontcache_store(const char *dir, const ng_buf *key, size_t n, const uint16_t *cid,
                        const ng_fontobj *o);

/* A character of a letter off the fast path: above the BMP, with a
 * variation selector, or drawn with the fallback font. rslot: the slot of
 * the run's role; slot: the font that draws it (a role's, or
 * NG_SLOT_FALLBACK), in whose glyph font of the letter (resource
 * /F<2*NG_FONT__COUNT+slot+1>) it is CID cid. */
typedef struct ng_ext {
	uint32_t cp, vs, gid;
	int rslot, slot;
	uint16_t cid;
} ng_ext;

/* A letter's such characters, sorted by (rslot, cp, vs), distinct. */
typedef struct ng_exts {
	ng_ext *v;
	size_t n, cap;
} ng_exts;

const ng_ext *ng_exts_find(const ng_exts *x, int rslot, uint32_t cp, uint32_t vs);

/* How page content shows text in one slot's fonts: a code point in the
 * shared font's set (set may be NULL; indexed) is drawn with it, one in
 * own (may be NULL; own_cps lists its members ascending) with the
 * letter's own font (cid and own_cid hold the CID of each member by
 * rank), any other as found in ext. */
typedef struct ng_textfont {
	const ng_cpset *set, *own;
	const uint32_t *own_cps;
	const uint16_t *cid, *own_cid;
	const ng_exts *ext;
	bool units; /* the letter has variation selectors: read base + selector as one */
} ng_textfont;

/* Marked content of one page for tagged output (structure.c): the
 * element of each MCID, in order; bad counts content without a structure
 * element or artifact mark (a bug upstream, reported). */
typedef struct ng_mcids {
	const ng_pages *pages;
	unsigned *elem; /* [n] */
	size_t n, cap;
	size_t bad;
} ng_mcids;

/* Finished pages a batch's letters share (pagememo.c): a page's content
 * stream and its marked content, kept by the page's full inputs. */
typedef struct ng_pagememo ng_pagememo;
typedef struct ng_pagememo_hit {
	const char *content; /* the content stream */
	size_t len;
	unsigned *elem; /* the element of each MCID, [nelem] */
	size_t nelem, bad;
	ng_zbytes z;   /* the stream deflated (the compressor's kept bytes), or none yet */
	uint64_t hash; /* ng_flate_hash of the content, with z */
} ng_pagememo_hit;
ng_pagememo *ng_pagememo_new(void);
void ng_pagememo_free(ng_pagememo *m);
/* Writes into b (reset first) everything ng_content_page reads of page
 * p except the fonts (the caller keeps only pages drawn with the shared
 * fonts alone). */
void ng_pagememo_key(ng_buf *b, const ng_pages *pages, const ng_page *p, bool tagged);
/* How many pages m keeps (0 for NULL). */
size_t ng_pagememo_count(const ng_pagememo *m);
/* The page kept under key (compared in full), or NULL. */
const ng_pagememo_hit *ng_pagememo_find(const ng_pagememo *m, const ng_buf *key);
/* Keeps content and mc's MCIDs (mc NULL: untagged) under key, while the
 * caps (64 pages, 2 MiB) allow; never evicts. */
void ng_pagememo_add(ng_pagememo *m, const ng_buf *key, const ng_buf *content, const ng_mcids *mc);
/* Notes on a kept page its stream as the compressor keeps it deflated
 * (z must live as long as the memo: the batch's compressor's memo). */
void ng_pagememo_deflated(const ng_pagememo_hit *hit, const ng_zbytes *z, uint64_t hash);

/* Writes "/Span <</MCID n " for elem (its next MCID on the page) or
 * "/Artifact <<" — the caller adds more entries and ">> BDC". */
void ng_mc_tag(ng_buf *b, ng_mcids *mc, unsigned elem);
/* Opens a marked sequence for elem with nothing else in it ("… BDC" or
 * "/Artifact BMC"); the caller closes it with EMC. */
void ng_mc_open(ng_buf *b, ng_mcids *mc, unsigned elem);
/* A document ID being hashed from the letter's content (metadata.c). */
typedef struct ng_docid {
	uint64_t h[2];
} ng_docid;
void ng_docid_init(ng_docid *id);
void ng_docid_add(ng_docid *id, const void *data, size_t len);

/* What the XMP metadata says; each value as in the Info dictionary. */
typedef struct ng_meta {
	const char *title, *author, *subject, *lang, *producer;
	char date[64]; /* XMP date of creation and change, or "" */
	bool pdfa;     /* PDF/A-2u identification and output intent */
} ng_meta;

/* Reads and deflates the sRGB ICC profile once per process; 0, or -1
 * after adding NG_D_LIBRARY_MISSING naming the Debian package. */
int ng_icc_load(ng_diags *d);
/* XMP metadata, viewer preferences, trailer ID, PDF 1.7 and (m->pdfa)
 * the output intent, whose profile ng_icc_load must have read. */
HPDF_STATUS ng_meta_write(HPDF_Doc doc, const ng_meta *m, const ng_docid *id);

/* A link annotation of page, in structure element elem. */
typedef struct ng_struct_annot {
	HPDF_Dict annot;
	unsigned elem;
	size_t page;
} ng_struct_annot;

/* Writes the structure tree of pages (their elements, the MCIDs mc[p] of
 * each page[p], the link annotations) and the catalog's StructTreeRoot,
 * MarkInfo and Lang; sets each page's StructParents and Tabs (annots[k]
 * has StructParent npages + k, set when it was made). */
HPDF_STATUS ng_struct_write(HPDF_Doc doc, const ng_pages *pages, const HPDF_Page *page,
                            const ng_mcids *mc, const ng_struct_annot *annots, size_t nannots);

/* The bookmarks of pages' headings (outline.c), written directly, or
 * (haru) with libharu's outline objects: the same bytes. */
HPDF_STATUS ng_outline_write(HPDF_Doc doc, const ng_pages *pages, const HPDF_Page *page, bool haru);
/* s as a PDF text string's bytes (UTF-16BE with its mark); at most max
 * characters, then 「…」 (max 0: all of it). A bookmark's title is cut
 * at NG_MARK_MAX_CHARS: a heading of thousands of characters would pass
 * libharu's 64 KiB limit for one string. */
void ng_pdf_text16(ng_buf *b, const char *s, size_t max);
#define NG_MARK_MAX_CHARS 200

/* The standard structure type of a role ("P", "H1", "LBody" …). */
const char *ng_pdf_role_name(ng_role role);

/* Appends the content stream of page p (rules, then text; slot s's
 * shared font is the resource /F<s+1>, its own font /F<NG_FONT__COUNT+s+1>);
 * h is the page height. tf has one entry per slot. mc NULL: untagged;
 * else each line, rule and run is marked content of its element. */
void ng_content_page(ng_buf *b, const ng_fonts *f, const ng_textfont *tf, const ng_page *p,
                     double h, ng_mcids *mc);

/* Writes doc as HPDF_SaveToStream does, into out, which s (a libharu
 * stream appending to out) also writes to; the same bytes, faster
 * (save.c). NG_PDF_HARU_SAVE=1 in the environment makes ng_pdf_write use
 * HPDF_SaveToStream itself (the tests compare the two). */
HPDF_STATUS ng_pdf_save(HPDF_Doc doc, HPDF_Stream s, ng_buf *out, ng_pdf_headuse *use);

/* A PDF number: v rounded to decimals (≤ 5) places, no trailing zeros. */
void ng_pdf_num(ng_buf *b, double v, int decimals);
/* Four uppercase hex digits of v & 0xFFFF. */
void ng_pdf_hex4(ng_buf *b, uint32_t v);
/* The two bytes of v inside a literal string, escaped as needed. */
void ng_pdf_str16(ng_buf *b, uint32_t v);
/* UTF-8 s (len bytes) as UTF-16BE inside a literal string (surrogate pairs
 * above the BMP, U+FFFD for a bad sequence), escaped as needed. */
void ng_pdf_utf16(ng_buf *b, const char *s, size_t len);

#endif
