/* save.c — ng_pdf_save: a libharu document to bytes, the same bytes
 * HPDF_SaveToStream (libharu 2.3.0) writes, a few times faster. libharu
 * writes every name, number and bracket through a stream call of its own
 * (a letter's ~190 objects made ~2,600 of them, a quarter of a client
 * letter's instructions); here the common values (names, integers,
 * references, arrays, dictionaries, binary strings, the cross-reference
 * table and the trailer) are formatted straight into the output buffer,
 * following libharu's writers rule for rule (hpdf_xref.c, hpdf_dict.c,
 * hpdf_array.c, hpdf_objects.c, hpdf_streams.c, hpdf_utils.c), reals with
 * libharu's own HPDF_FToA, and the bodies of the objects we format
 * ourselves (rawobj.h) copied as their hook would write them. What is
 * rare or intricate is handed to libharu's own writer through the stream
 * appending to the same buffer: text strings (their encoders), stream
 * data, a stream libharu compresses itself (an image) and the other
 * dictionaries' hooks (pages, images).
 * An encrypted document, or one with more than one cross-reference
 * section, is left to HPDF_SaveToStream. The snapshot tests compare the
 * letters' bytes with those libharu wrote before. */
#include <stdlib.h>
#include <string.h>

#include "rawobj.h"

typedef struct saver {
	ng_buf *out;
	size_t base;   /* where out begins in the letter (a head kept apart) */
	HPDF_Stream s; /* appends to out (libharu's writers and the hooks) */
} saver;

/* The header libharu writes for each version (hpdf_doc.c). */
static const char *const version_str[] = {
    "%PDF-1.2\012%\267\276\255\252\012", "%PDF-1.3\012%\267\276\255\252\012",
    "%PDF-1.4\012%\267\276\255\252\012", "%PDF-1.5\012%\267\276\255\252\012",
    "%PDF-1.6\012%\267\276\255\252\012", "%PDF-1.7\012%\267\276\255\252\012"};

/* Appends n bytes, copied inline while the buffer has room (a letter
 * writes a few thousand pieces of a few bytes: a call for each cost more
 * than the piece). */
static inline void add(saver *sv, const char *p, size_t n)
{
	ng_buf *b = sv->out;
	if (b->len + n + 1 > b->cap) {
		ng_buf_add(b, p, n);
		return;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

#define ADD(sv, lit) add((sv), (lit), sizeof(lit) - 1)

/* HPDF_IToA: clamped to ±2147483647, no sign for 0. */
static void put_int(saver *sv, HPDF_INT32 v)
{
	long long x = v < -2147483647 ? -2147483647 : v;
	unsigned long u = (unsigned long)(x < 0 ? -x : x);
	char *p = ng_room(sv->out, 12);
	if (x < 0)
		*p++ = '-';
	ng_room_done(sv->out, ng_w_uint(p, u));
}

/* HPDF_IToA2: val (at most 2147483647) in len - 1 digits, zero-filled;
 * two digits at a time (the cross-reference table has 15 a line). */
static void put_fixed(char *s, HPDF_UINT32 val, unsigned digits)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
	                            "25262728293031323334353637383940414243444546474849"
	                            "50515253545556575859606162636465666768697071727374"
	                            "75767778798081828384858687888990919293949596979899";
	if (val > 2147483647u)
		val = 2147483647u;
	unsigned i = digits;
	for (; i >= 2; i -= 2, val /= 100) {
		s[i - 2] = pairs[2 * (val % 100)];
		s[i - 1] = pairs[2 * (val % 100) + 1];
	}
	if (i)
		s[0] = (char)('0' + val % 10);
}

/* HPDF_Real_Write, without the stream calls. */
static void put_real(saver *sv, HPDF_REAL v)
{
	char buf[HPDF_REAL_LEN + 1];
	ng_buf_add(sv->out, buf, (size_t)(ng_w_real(buf, v) - buf));
}

/* HPDF_NEEDS_ESCAPE. */
static bool needs_escape(unsigned char c)
{
	switch (c) {
	case '\\':
	case '%':
	case '#':
	case '/':
	case '(':
	case ')':
	case '<':
	case '>':
	case '[':
	case ']':
	case '{':
	case '}':
		return true;
	default:
		return c < 0x20 || c > 0x7e;
	}
}

static char hex_digit(unsigned v)
{
	return (char)(v <= 9 ? '0' + v : 'A' + v - 10);
}

/* HPDF_Stream_WriteEscapeName: "/" and at most 127 bytes, #XX escapes. */
static void put_name(saver *sv, const char *value)
{
	char *p = ng_room(sv->out, HPDF_LIMIT_MAX_NAME_LEN * 3 + 1);
	*p++ = '/';
	for (size_t i = 0; i < HPDF_LIMIT_MAX_NAME_LEN && value[i]; i++) {
		unsigned char c = (unsigned char)value[i];
		if (needs_escape(c)) {
			*p++ = '#';
			*p++ = hex_digit(c >> 4);
			*p++ = hex_digit(c & 0x0f);
		} else {
			*p++ = (char)c;
		}
	}
	ng_room_done(sv->out, p);
}

/* HPDF_Binary_Write without encryption: uppercase hex in angle brackets. */
static void put_binary(saver *sv, HPDF_Binary b)
{
	if (b->len == 0) {
		ADD(sv, "<>");
		return;
	}
	ng_buf_addc(sv->out, '<');
	char buf[256];
	size_t k = 0;
	for (HPDF_UINT i = 0; i < b->len; i++) {
		buf[k++] = hex_digit(b->value[i] >> 4);
		buf[k++] = hex_digit(b->value[i] & 0x0f);
		if (k == sizeof buf) {
			ng_buf_add(sv->out, buf, k);
			k = 0;
		}
	}
	ng_buf_add(sv->out, buf, k);
	ng_buf_addc(sv->out, '>');
}

static HPDF_STATUS put_value(saver *sv, void *obj);

/* HPDF_Obj_Write: nothing for a hidden object, "N G R" for a reference. */
static HPDF_STATUS put_obj(saver *sv, void *obj)
{
	HPDF_Obj_Header *h = obj;
	if (h->obj_id & HPDF_OTYPE_HIDDEN)
		return HPDF_OK;
	if (h->obj_class == HPDF_OCLASS_PROXY) {
		const HPDF_Obj_Header *t = ((HPDF_Proxy)obj)->obj;
		put_int(sv, (HPDF_INT32)(t->obj_id & 0x00FFFFFF));
		ng_buf_addc(sv->out, ' ');
		put_int(sv, t->gen_no);
		ADD(sv, " R");
		return HPDF_OK;
	}
	return put_value(sv, obj);
}

static HPDF_STATUS put_array(saver *sv, HPDF_Array a)
{
	ADD(sv, "[ ");
	for (HPDF_UINT i = 0; i < a->list->count; i++) {
		HPDF_STATUS st = put_obj(sv, a->list->obj[i]);
		if (st != HPDF_OK)
			return st;
		ng_buf_addc(sv->out, ' ');
	}
	ng_buf_addc(sv->out, ']');
	return HPDF_OK;
}

/* A stream dictionary's data after its entries, as HPDF_Dict_Write
 * writes it: the length goes into its indirect Length object. */
static HPDF_STATUS put_stream_data(saver *sv, HPDF_Dict d)
{
	HPDF_Number length = HPDF_Dict_GetItem(d, "Length", HPDF_OCLASS_NUMBER);
	if (!length)
		return HPDF_SetError(d->error, HPDF_DICT_STREAM_LENGTH_NOT_FOUND, 0);
	if (!(length->header.obj_id & HPDF_OTYPE_INDIRECT))
		return HPDF_SetError(d->error, HPDF_DICT_ITEM_UNEXPECTED_TYPE, 0);
	ADD(sv, "\012stream\015\012");
	size_t start = sv->out->len;
	/* Bytes deflated before (a font's outlines: 80 % of a letter) are
	 * copied once, not through libharu's read buffer. */
	const unsigned char *data;
	size_t n;
	HPDF_STATUS st = HPDF_OK;
	if (d->filter == HPDF_STREAM_FILTER_NONE && ng_flate_stream_bytes(d->stream, &data, &n))
		ng_buf_add(sv->out, data, n);
	else
		st = HPDF_Stream_WriteToStream(d->stream, sv->s, d->filter, NULL);
	if (st != HPDF_OK)
		return st;
	length->value = (HPDF_INT32)(sv->out->len - start);
	ADD(sv, "\012endstream");
	return HPDF_OK;
}

/* Whether the dictionary has an entry under key. */
static bool has_key(HPDF_Dict d, const char *key)
{
	for (HPDF_UINT i = 0; i < d->list->count; i++)
		if (strcmp(((HPDF_DictElement)d->list->obj[i])->key, key) == 0)
			return true;
	return false;
}

/* HPDF_Dict_Write. A stream libharu filters itself (its Filter array is
 * built while writing) is written by libharu. */
static HPDF_STATUS put_dict(saver *sv, HPDF_Dict d)
{
	const char *body;
	size_t len;
	if (ng_raw_body(d, &body, &len)) { /* its hook would write the same */
		ADD(sv, "<<\012");
		ng_buf_add(sv->out, body, len);
		ADD(sv, ">>");
		return HPDF_OK;
	}
	if (d->stream && d->filter != HPDF_STREAM_FILTER_NONE)
		return HPDF_Dict_Write(d, sv->s, NULL);
	ADD(sv, "<<\012");
	HPDF_STATUS st = d->before_write_fn ? d->before_write_fn(d) : HPDF_OK;
	if (st != HPDF_OK)
		return st;
	if (d->stream && has_key(d, "Filter"))
		HPDF_Dict_RemoveElement(d, "Filter");
	for (HPDF_UINT i = 0; i < d->list->count; i++) {
		HPDF_DictElement e = d->list->obj[i];
		const HPDF_Obj_Header *h = e->value;
		if (!h)
			return HPDF_SetError(d->error, HPDF_INVALID_OBJECT, 0);
		if (h->obj_id & HPDF_OTYPE_HIDDEN)
			continue;
		put_name(sv, e->key);
		ng_buf_addc(sv->out, ' ');
		if ((st = put_obj(sv, e->value)) != HPDF_OK)
			return st;
		ng_buf_addc(sv->out, '\012');
	}
	if (d->write_fn && (st = d->write_fn(d, sv->s)) != HPDF_OK)
		return st;
	ADD(sv, ">>");
	if (d->stream && (st = put_stream_data(sv, d)) != HPDF_OK)
		return st;
	return d->after_write_fn ? d->after_write_fn(d) : HPDF_OK;
}

/* HPDF_Obj_WriteValue. */
static HPDF_STATUS put_value(saver *sv, void *obj)
{
	HPDF_Obj_Header *h = obj;
	switch (h->obj_class & HPDF_OCLASS_ANY) {
	case HPDF_OCLASS_NAME:
		put_name(sv, ((HPDF_Name)obj)->value);
		return HPDF_OK;
	case HPDF_OCLASS_NUMBER:
		put_int(sv, ((HPDF_Number)obj)->value);
		return HPDF_OK;
	case HPDF_OCLASS_REAL:
		put_real(sv, ((HPDF_Real)obj)->value);
		return HPDF_OK;
	case HPDF_OCLASS_STRING:
		return HPDF_String_Write(obj, sv->s, NULL);
	case HPDF_OCLASS_BINARY:
		put_binary(sv, obj);
		return HPDF_OK;
	case HPDF_OCLASS_ARRAY:
		return put_array(sv, obj);
	case HPDF_OCLASS_DICT:
		return put_dict(sv, obj);
	case HPDF_OCLASS_BOOLEAN:
		if (((HPDF_Boolean)obj)->value)
			ADD(sv, "true");
		else
			ADD(sv, "false");
		return HPDF_OK;
	case HPDF_OCLASS_NULL:
		ADD(sv, "null");
		return HPDF_OK;
	default:
		return HPDF_ERR_UNKNOWN_CLASS;
	}
}

void ng_pdf_head_free(ng_pdf_head *h)
{
	if (!h)
		return;
	free(h->bytes);
	free(h->offset);
	free(h);
}

/* Whether u's head holds this letter's first bytes (its header too). */
static bool head_fits(const ng_pdf_headuse *u, HPDF_List l)
{
	return u && u->head && u->key && u->head->key == u->key && u->head->nobj == u->nobj &&
	       u->nobj + 1 < l->count && u->head->len >= strlen(version_str[u->version]) &&
	       memcmp(u->head->bytes, version_str[u->version], strlen(version_str[u->version])) ==
	           0;
}

/* Keeps the bytes written so far, the header and objects 1 … nobj, as
 * u's head (written by this letter: the next ones copy them). */
static void head_fill(const ng_pdf_headuse *u, HPDF_List l, const ng_buf *out)
{
	static uint64_t ids;
	ng_pdf_head *h = u->head;
	free(h->bytes);
	free(h->offset);
	h->len = out->len;
	h->bytes = ng_xmalloc(out->len);
	memcpy(h->bytes, out->data, out->len);
	h->nobj = u->nobj;
	h->offset = ng_xmalloc(u->nobj * sizeof *h->offset);
	for (size_t i = 0; i < u->nobj; i++)
		h->offset[i] = ((HPDF_XrefEntry)l->obj[i + 1])->byte_offset;
	h->key = u->key;
	memset(h->slot_nobj, 0, sizeof h->slot_nobj); /* the caller's to set */
	h->id = ++ids;
	*u->id = h->id;
}

/* "N G obj\n" (HPDF_Xref_WriteToStream's: both numbers as HPDF_IToA). */
static void put_obj_head(saver *sv, HPDF_UINT32 id, HPDF_UINT16 gen)
{
	char *p = ng_room(sv->out, 32);
	p = ng_w_uint(p, id > 2147483647u ? 2147483647u : id);
	*p++ = ' ';
	p = ng_w_uint(p, gen);
	ng_room_done(sv->out, NG_W(p, " obj\012"));
}

/* HPDF_Xref_WriteToStream for one section: the objects, the table, the
 * trailer. from: the first object to write (the ones before it are
 * written already, u's head). */
static HPDF_STATUS put_xref(saver *sv, HPDF_Xref x, HPDF_UINT from, const ng_pdf_headuse *u)
{
	HPDF_List l = x->entries;
	bool fill = from == 1 && u && u->head && u->key && u->nobj && u->nobj + 1 < l->count;
	for (HPDF_UINT i = from; i < l->count; i++) {
		HPDF_XrefEntry e = l->obj[i];
		if (fill && i == u->nobj + 1)
			head_fill(u, l, sv->out);
		e->byte_offset = (HPDF_UINT32)(sv->base + sv->out->len);
		put_obj_head(sv, x->start_offset + i, e->gen_no);
		HPDF_STATUS st = put_value(sv, e->obj);
		if (st != HPDF_OK)
			return st;
		ADD(sv, "\012endobj\012");
	}
	x->addr = (HPDF_UINT32)(sv->base + sv->out->len);
	ADD(sv, "xref\012");
	put_int(sv, (HPDF_INT32)x->start_offset);
	ng_buf_addc(sv->out, ' ');
	put_int(sv, (HPDF_INT32)l->count);
	ng_buf_addc(sv->out, '\012');
	char *line = ng_room(sv->out, 20 * (size_t)l->count);
	for (HPDF_UINT i = 0; i < l->count; i++, line += 20) { /* 0000000123 00000 n\r\n */
		HPDF_XrefEntry e = l->obj[i];
		put_fixed(line, e->byte_offset, HPDF_BYTE_OFFSET_LEN);
		line[10] = ' ';
		put_fixed(line + 11, e->gen_no, HPDF_GEN_NO_LEN);
		line[16] = ' ';
		line[17] = e->entry_typ;
		line[18] = '\015';
		line[19] = '\012';
	}
	ng_room_done(sv->out, line);
	HPDF_STATUS st =
	    HPDF_Dict_AddNumber(x->trailer, "Size", (HPDF_INT32)(l->count + x->start_offset));
	if (st != HPDF_OK)
		return st;
	ADD(sv, "trailer\012");
	if ((st = put_dict(sv, x->trailer)) != HPDF_OK)
		return st;
	ADD(sv, "\012startxref\012");
	put_int(sv, (HPDF_INT32)x->addr);
	ADD(sv, "\012%%EOF\012");
	return HPDF_OK;
}

HPDF_STATUS ng_pdf_save(HPDF_Doc doc, HPDF_Stream s, ng_buf *out, ng_pdf_headuse *u)
{
	if (u && u->id)
		*u->id = 0;
	if (u && u->apart)
		*u->apart = NULL;
	if (doc->encrypt_on || doc->xref->prev || (unsigned)doc->pdf_version >= 6)
		return HPDF_SaveToStream(doc);
	saver sv = {out, 0, s};
	bool first = doc->xref->start_offset == 0;
	HPDF_UINT from = first ? 1 : 0;
	HPDF_List l = doc->xref->entries;
	if (!first)
		u = NULL;
	if (u)
		u->version = (unsigned)doc->pdf_version;
	if (head_fits(u, l)) {  /* the header and shared objects as before */
		if (u->apart) { /* the caller writes them before out */
			*u->apart = u->head;
			sv.base = u->head->len;
		} else {
			ng_buf_add(out, u->head->bytes, u->head->len);
		}
		for (size_t i = 0; i < u->nobj; i++)
			((HPDF_XrefEntry)l->obj[i + 1])->byte_offset = u->head->offset[i];
		from = (HPDF_UINT)u->nobj + 1;
		*u->id = u->head->id;
	} else {
		ng_buf_adds(out, version_str[doc->pdf_version]);
	}
	HPDF_STATUS st = HPDF_Dict_Add(doc->trailer, "Root", doc->catalog);
	if (st == HPDF_OK)
		st = HPDF_Dict_Add(doc->trailer, "Info", doc->info);
	if (st == HPDF_OK)
		st = put_xref(&sv, doc->xref, from, u);
	s->size = (HPDF_UINT32)out->len; /* what was written around it, too */
	return st;
}
