/* tounicode.c — the ToUnicode CMap of an embedded font. libharu 2.3.0
 * stores its encoding CMap (an identity cidrange, meaningless as a
 * ToUnicode map) as the Type0 font's ToUnicode stream; poppler then warns
 * and copy/search/pdftotext give wrong text. This file empties that stream
 * through libharu's object API and writes a bfchar map of the CIDs used. */
#include <string.h>

#include "pdf_int.h"

/* PDF allows at most 100 entries per beginbfchar block. */
#define BFCHAR_BLOCK 100

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

/* Keys of libharu's encoding CMap that do not belong on a ToUnicode
 * stream. */
static const char *const stale_keys[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};

static void cmap_text(ng_buf *b, const uint32_t *cps, size_t n)
{
	ng_buf_add(b, cmap_head, sizeof cmap_head - 1);
	for (size_t i = 0; i < n; i += BFCHAR_BLOCK) {
		size_t k = n - i < BFCHAR_BLOCK ? n - i : BFCHAR_BLOCK;
		ng_buf_printf(b, "%zu beginbfchar\n", k);
		/* CID = BMP code point, and a BMP code point (never a
		 * surrogate: UTF-8 decoding rejects those) is its own UTF-16. */
		for (size_t j = i; j < i + k; j++)
			ng_buf_printf(b, "<%04X> <%04X>\n", (unsigned)cps[j], (unsigned)cps[j]);
		ng_buf_adds(b, "endbfchar\n");
	}
	ng_buf_add(b, cmap_tail, sizeof cmap_tail - 1);
}

HPDF_STATUS ng_tounicode_rewrite(HPDF_Font font, const uint32_t *cps, size_t n)
{
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (!cmap || !cmap->stream)
		return HPDF_INVALID_OBJECT;
	/* Not-found is fine here: the status is returned without raising. */
	for (size_t i = 0; i < NG_ARRAY_LEN(stale_keys); i++)
		(void)HPDF_Dict_RemoveElement(cmap, stale_keys[i]);
	HPDF_MemStream_FreeData(cmap->stream);
	ng_buf b = {0};
	cmap_text(&b, cps, n);
	HPDF_STATUS st =
	    HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	ng_buf_free(&b);
	return st;
}
