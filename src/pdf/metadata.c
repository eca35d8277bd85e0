/* metadata.c — what a PDF says about itself beyond its pages: the XMP
 * metadata stream (dc:title, dc:creator, dates, pdfuaid:part 1 for PDF/UA
 * and, with --pdfa, pdfaid 2/U with the extension schema PDF/A-2 asks for
 * pdfuaid), /ViewerPreferences /DisplayDocTitle, the trailer's /ID, and
 * for PDF/A the sRGB output intent with the ICC profile of a Debian
 * package, found at run time.
 *
 * Deterministic: no clock and no random number is read. The ID is a hash
 * of the letter's content (its page streams and document information),
 * so the same letter gets the same ID and a changed letter another. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

/* ---- the document ID: two FNV-1a lanes, 128 bits */

/* FNV-1a over 8-byte words, then the tail: the content of a letter is
 * ~40 KB, hashed byte by byte it would cost a tenth of the letter. */
void ng_docid_add(ng_docid *id, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		id->h[0] = (id->h[0] ^ w) * 0x100000001b3u;
		id->h[1] = (id->h[1] ^ (w >> 32 | w << 32)) * 0x100000001b3u;
	}
	for (; i < len; i++) {
		id->h[0] = (id->h[0] ^ p[i]) * 0x100000001b3u;
		id->h[1] = (id->h[1] ^ p[i]) * 0x100000001b3u;
	}
	id->h[1] ^= len; /* lanes differ, and so do split and joined data */
}

void ng_docid_init(ng_docid *id)
{
	id->h[0] = 0xcbf29ce484222325u;
	id->h[1] = 0x84222325cbf29ce4u;
}

static HPDF_STATUS put_id(HPDF_Doc doc, const ng_docid *id)
{
	HPDF_BYTE b[16];
	for (int i = 0; i < 16; i++)
		b[i] = (HPDF_BYTE)(id->h[i / 8] >> (8 * (i % 8)));
	HPDF_Array a = HPDF_Array_New(doc->mmgr);
	/* The same value twice: the file was never changed after creation. */
	return !a || HPDF_Dict_Add(doc->trailer, "ID", a) ||
	       HPDF_Array_Add(a, HPDF_Binary_New(doc->mmgr, b, 16)) ||
	       HPDF_Array_Add(a, HPDF_Binary_New(doc->mmgr, b, 16));
}

/* ---- XMP */

static void xml_text(ng_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			ng_buf_adds(b, "&amp;");
		else if (*s == '<')
			ng_buf_adds(b, "&lt;");
		else if (*s == '>')
			ng_buf_adds(b, "&gt;");
		else
			ng_buf_addc(b, *s);
	}
}

static void xml_elem(ng_buf *b, const char *open, const char *value, const char *close)
{
	ng_buf_adds(b, open);
	xml_text(b, value);
	ng_buf_adds(b, close);
}

/* pdfuaid is not among the schemas PDF/A-2 predefines (ISO 19005-2
 * §6.6.2.3): it has to be described in the file. */
static const char pdfua_extension[] =
    "<rdf:Description rdf:about=\"\"\n"
    " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
    " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
    " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
    "<pdfaProperty:name>part</pdfaProperty:name>\n"
    "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "<pdfaProperty:category>internal</pdfaProperty:category>\n"
    "<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:"
    "description>\n"
    "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
    "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
    "</rdf:Description>\n";

/* The XMP packet. Every entry of the Info dictionary has its XMP twin
 * with the same value (PDF/A-2 §6.6.3): Title, Author, Subject,
 * Producer and the dates. */
static void xmp(ng_buf *b, const ng_meta *m)
{
	ng_buf_adds(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	               "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	               "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	               "<rdf:Description rdf:about=\"\"\n"
	               " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	               " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	               " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	               " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
	if (m->pdfa)
		ng_buf_adds(b, "\n xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
	ng_buf_adds(b, ">\n<dc:format>application/pdf</dc:format>\n");
	if (m->title)
		xml_elem(b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", m->title,
		         "</rdf:li></rdf:Alt></dc:title>\n");
	if (m->author)
		xml_elem(b, "<dc:creator><rdf:Seq><rdf:li>", m->author,
		         "</rdf:li></rdf:Seq></dc:creator>\n");
	if (m->subject)
		xml_elem(b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">", m->subject,
		         "</rdf:li></rdf:Alt></dc:description>\n");
	if (m->lang)
		xml_elem(b, "<dc:language><rdf:Bag><rdf:li>", m->lang,
		         "</rdf:li></rdf:Bag></dc:language>\n");
	xml_elem(b, "<pdf:Producer>", m->producer, "</pdf:Producer>\n");
	if (m->date[0]) {
		xml_elem(b, "<xmp:CreateDate>", m->date, "</xmp:CreateDate>\n");
		xml_elem(b, "<xmp:ModifyDate>", m->date, "</xmp:ModifyDate>\n");
	}
	ng_buf_adds(b, "<pdfuaid:part>1</pdfuaid:part>\n");
	if (m->pdfa)
		ng_buf_adds(b, "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:"
		               "conformance>\n");
	ng_buf_adds(b, "</rdf:Description>\n");
	if (m->pdfa)
		ng_buf_adds(b, pdfua_extension);
	ng_buf_adds(b, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

/* Uncompressed: PDF/A wants metadata readable by tools that do not parse
 * PDF streams. */
static HPDF_STATUS put_xmp(HPDF_Doc doc, const ng_meta *m)
{
	ng_buf b = {0};
	xmp(&b, m);
	HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
	HPDF_STATUS st = !s || HPDF_Dict_AddName(s, "Type", "Metadata") ||
	                 HPDF_Dict_AddName(s, "Subtype", "XML") ||
	                 HPDF_Stream_Write(s->stream, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len) ||
	                 HPDF_Dict_Add(doc->catalog, "Metadata", s);
	ng_buf_free(&b);
	return st;
}

static HPDF_STATUS viewer_prefs(HPDF_Doc doc)
{
	HPDF_Dict v = HPDF_Dict_New(doc->mmgr);
	return !v || HPDF_Dict_Add(doc->catalog, "ViewerPreferences", v) ||
	       HPDF_Dict_Add(v, "DisplayDocTitle", HPDF_Boolean_New(doc->mmgr, HPDF_TRUE));
}

/* ---- the sRGB output intent */

/* Where Debian packages install an sRGB profile, in order of preference. */
static const struct {
	const char *path, *package;
} icc_files[] = {
    {"/usr/share/color/icc/sRGB.icc", "icc-profiles-free"},
    {"/usr/share/color/icc/colord/sRGB.icc", "colord-data"},
};

/* The profile, deflated, read once per process and kept (a batch's
 * workers inherit it; threads rendering with the in-memory API share it,
 * so it is read under pthread_once): it is the same in every letter. */
static ng_zbytes icc_z;
static pthread_once_t icc_once = PTHREAD_ONCE_INIT;

/* An ICC profile of an RGB device: its signature "acsp" at 36 and data
 * colour space "RGB " at 16 (ICC.1 §7.2). */
static bool icc_rgb(const char *data, size_t len)
{
	return len > 128 && memcmp(data + 36, "acsp", 4) == 0 && memcmp(data + 16, "RGB ", 4) == 0;
}

static void icc_read(void)
{
	ng_flate *z = ng_flate_new(NG_FLATE_LEVEL);
	for (size_t i = 0; z && i < NG_ARRAY_LEN(icc_files) && !icc_z.len; i++) {
		char *data = NULL;
		size_t len = 0;
		if (ng_read_file(icc_files[i].path, 1 << 20, &data, &len) != 0)
			continue;
		if (icc_rgb(data, len) && ng_flate_bytes(z, data, len, &icc_z) != 0)
			icc_z = (ng_zbytes){0};
		free(data);
	}
	ng_flate_free(z);
}

int ng_icc_load(ng_diags *d)
{
	pthread_once(&icc_once, icc_read);
	if (icc_z.len)
		return 0;
	ng_diag *g = ng_diag_add(d, NG_D_LIBRARY_MISSING, (ng_pos){0}, icc_files[0].path,
	                         ng_tr("--pdfa (the sRGB output intent)"),
	                         ng_tr("no readable sRGB ICC profile"));
	ng_diag_hint(d, g, "install the Debian package icc-profiles-free (scripts/setup does)");
	return -1;
}

static HPDF_STATUS output_intent(HPDF_Doc doc)
{
	HPDF_Dict icc = HPDF_DictStream_New(doc->mmgr, doc->xref);
	HPDF_Dict oi = HPDF_Dict_New(doc->mmgr);
	HPDF_Array list = HPDF_Array_New(doc->mmgr);
	const char *name = "sRGB IEC61966-2.1";
	return !icc || !oi || !list || HPDF_Dict_AddNumber(icc, "N", 3) ||
	       ng_flate_attach(icc, &icc_z) || HPDF_Dict_AddName(oi, "Type", "OutputIntent") ||
	       HPDF_Dict_AddName(oi, "S", "GTS_PDFA1") ||
	       HPDF_Dict_Add(oi, "OutputConditionIdentifier",
	                     HPDF_String_New(doc->mmgr, name, NULL)) ||
	       HPDF_Dict_Add(oi, "Info", HPDF_String_New(doc->mmgr, name, NULL)) ||
	       HPDF_Dict_Add(oi, "DestOutputProfile", icc) || HPDF_Array_Add(list, oi) ||
	       HPDF_Dict_Add(doc->catalog, "OutputIntents", list);
}

HPDF_STATUS ng_meta_write(HPDF_Doc doc, const ng_meta *m, const ng_docid *id)
{
	doc->pdf_version = HPDF_VER_17;
	return put_xmp(doc, m) || viewer_prefs(doc) || put_id(doc, id) ||
	       (m->pdfa && output_intent(doc));
}
