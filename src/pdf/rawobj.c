/* rawobj.c — the shells of objects whose bodies notice-gen formats itself
 * (rawobj.h): made as HPDF_Dict_New makes a dictionary, written by a hook
 * that both libharu's writer and ours (save.c, which copies the body
 * without the hook) call. */
#include <stdlib.h>

#include "rawobj.h"

typedef struct rawbody {
	const char *s;
	size_t len;
} rawbody;

static HPDF_STATUS write_raw(HPDF_Dict dict, HPDF_Stream out)
{
	const rawbody *r = dict->attr;
	if (!r)
		return HPDF_OK;
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)r->s, (HPDF_UINT)r->len);
}

/* As HPDF_Dict_New, whose byte-by-byte clearing of the record costs more
 * than writing the body: records taken 64 at a time from the document's
 * memory, each cleared with memset, the rest set as libharu 2.3.0 sets
 * it, and one empty entry list for all (nothing adds to a shell: its
 * entries are its body). */
HPDF_Dict ng_raw_new(ng_raws *rs, HPDF_Doc doc)
{
	if (!rs->empty && !(rs->empty = HPDF_List_New(doc->mmgr, 1)))
		return NULL;
	if (rs->npool == 0) {
		enum { POOL = 64 };
		if (!(rs->pool = HPDF_GetMem(doc->mmgr, POOL * sizeof *rs->pool)))
			return NULL;
		rs->npool = POOL;
	}
	HPDF_Dict d = rs->pool++;
	rs->npool--;
	memset(d, 0, sizeof *d);
	d->header.obj_class = HPDF_OCLASS_DICT;
	d->mmgr = doc->mmgr;
	d->error = doc->mmgr->error;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->list = rs->empty;
	d->write_fn = write_raw; /* writes nothing before ng_raws_commit */
	return HPDF_Xref_Add(doc->xref, d) == HPDF_OK ? d : NULL;
}

void ng_raw_end(ng_raws *rs, HPDF_Dict d)
{
	if (rs->n + 1 >= rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 256;
		rs->dict = ng_xrealloc(rs->dict, rs->cap * sizeof *rs->dict);
		rs->start = ng_xrealloc(rs->start, (rs->cap + 1) * sizeof *rs->start);
	}
	if (rs->n == 0)
		rs->start[0] = 0;
	rs->dict[rs->n++] = d;
	rs->start[rs->n] = rs->b.len;
}

HPDF_STATUS ng_raws_commit(ng_raws *rs, HPDF_MMgr mmgr)
{
	rawbody *r = HPDF_GetMem(mmgr, (HPDF_UINT)((rs->n + 1) * sizeof *r));
	char *s = r ? HPDF_GetMem(mmgr, (HPDF_UINT)rs->b.len + 1) : NULL;
	if (!s)
		return HPDF_FAILD_TO_ALLOC_MEM;
	if (rs->b.len)
		memcpy(s, rs->b.data, rs->b.len);
	for (size_t i = 0; i < rs->n; i++) {
		r[i] = (rawbody){s + rs->start[i], rs->start[i + 1] - rs->start[i]};
		rs->dict[i]->attr = &r[i];
		rs->dict[i]->write_fn = write_raw;
	}
	return HPDF_OK;
}

void ng_raws_free(ng_raws *rs)
{
	ng_buf_free(&rs->b);
	free(rs->dict);
	free(rs->start);
}

bool ng_raw_is(const void *obj)
{
	const HPDF_Obj_Header *h = obj;
	return (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT &&
	       ((const HPDF_Dict_Rec *)obj)->write_fn == write_raw;
}

bool ng_raw_body(const void *obj, const char **s, size_t *len)
{
	if (!ng_raw_is(obj) || !((const HPDF_Dict_Rec *)obj)->attr)
		return false;
	const rawbody *r = ((const HPDF_Dict_Rec *)obj)->attr;
	*s = r->s, *len = r->len;
	return true;
}
