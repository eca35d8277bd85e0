/* tounicode.c — the ToUnicode CMap of an embedded font: which text each
 * CID stands for, so that copy, search and pdftotext give the letter's
 * exact characters. Consecutive CIDs for consecutive code points become
 * one bfrange entry; the rest are bfchar entries. */
#include <stdlib.h>

#include "pdf_int.h"

/* PDF allows at most 100 entries per beginbfchar/beginbfrange block. */
#define CMAP_BLOCK 100

static const char cmap_head[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n"
    "<0000> <FFFF>\n"
    "endcodespacerange\n";

static const char cmap_tail[] = "endcmap\n"
                                "CMapName currentdict /CMap defineresource pop\n"
                                "end\n"
                                "end\n";

/* One entry: CIDs lo..hi stand for code points cp, cp+1, … (one CID
 * with a variation selector vs: cp then vs). */
typedef struct span {
	uint16_t lo, hi;
	uint32_t cp, vs;
} span;

static int by_cid(const void *a, const void *b)
{
	const span *x = a, *y = b;
	return (x->lo > y->lo) - (x->lo < y->lo);
}

/* A range may only vary in the last byte of the CID, and the last
 * UTF-16 unit's low byte must not wrap (spec: it is incremented). */
static bool extends(const span *s, uint16_t cid, uint32_t cp)
{
	return !s->vs && cid == s->hi + 1 && cp == s->cp + (s->hi - s->lo) + 1u &&
	       (cid >> 8) == (s->lo >> 8) && cp < 0x10000 && (cp >> 8) == (s->cp >> 8);
}

/* A code point as UTF-16BE hex digits: a surrogate pair above the BMP. */
static void put_unit16(ng_buf *b, uint32_t cp)
{
	if (cp < 0x10000) {
		ng_pdf_hex4(b, cp);
	} else {
		cp -= 0x10000;
		ng_pdf_hex4(b, 0xD800u + (cp >> 10));
		ng_pdf_hex4(b, 0xDC00u + (cp & 0x3FF));
	}
}

/* The character (and its variation selector) as a UTF-16BE string. */
static void put_utf16(ng_buf *b, uint32_t cp, uint32_t vs)
{
	ng_buf_addc(b, '<');
	put_unit16(b, cp);
	if (vs)
		put_unit16(b, vs);
	ng_buf_addc(b, '>');
}

static void put_cid(ng_buf *b, uint16_t cid)
{
	ng_buf_addc(b, '<');
	ng_pdf_hex4(b, cid);
	ng_buf_add(b, "> ", 2);
}

static size_t make_spans(span *s, const uint16_t *cid, const uint32_t *cps, const uint32_t *vs,
                         size_t n)
{
	for (size_t i = 0; i < n; i++)
		s[i] = (span){cid[i], cid[i], cps[i], vs ? vs[i] : 0};
	qsort(s, n, sizeof *s, by_cid);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k && extends(&s[k - 1], s[i].lo, s[i].cp))
			s[k - 1].hi = s[i].lo;
		else
			s[k++] = s[i];
	}
	return k;
}

/* Writes the spans that are ranges (ranges true) or single CIDs. */
static void put_blocks(ng_buf *b, const span *s, size_t n, bool ranges)
{
	const char *kind = ranges ? "bfrange" : "bfchar";
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += (s[i].hi > s[i].lo) == ranges;
	for (size_t i = 0, done = 0; done < total; done += CMAP_BLOCK) {
		size_t k = total - done < CMAP_BLOCK ? total - done : CMAP_BLOCK;
		ng_buf_printf(b, "%zu begin%s\n", k, kind);
		for (size_t put = 0; put < k; i++) {
			if ((s[i].hi > s[i].lo) != ranges)
				continue;
			put_cid(b, s[i].lo);
			if (ranges)
				put_cid(b, s[i].hi);
			put_utf16(b, s[i].cp, s[i].vs);
			ng_buf_addc(b, '\n');
			put++;
		}
		ng_buf_printf(b, "end%s\n", kind);
	}
}

void ng_tounicode_cmap(ng_buf *b, const uint16_t *cid, const uint32_t *cps, size_t n)
{
	ng_tounicode_cmap_vs(b, cid, cps, NULL, n);
}

void ng_tounicode_cmap_vs(ng_buf *b, const uint16_t *cid, const uint32_t *cps, const uint32_t *vs,
                          size_t n)
{
	span *s = ng_xmalloc((n + 1) * sizeof *s);
	size_t k = make_spans(s, cid, cps, vs, n);
	ng_buf_add(b, cmap_head, sizeof cmap_head - 1);
	put_blocks(b, s, k, false);
	put_blocks(b, s, k, true);
	ng_buf_add(b, cmap_tail, sizeof cmap_tail - 1);
	free(s);
}
