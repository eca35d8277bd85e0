/* handle.c — the in-memory calls: a record given as bytes, a template by
 * name or as text, one client's row as key/value pairs, the letter into
 * the caller's buffer or callback. Each handle owns its engine, so
 * separate handles share nothing that changes (see notice_gen.h). */
#include <stdlib.h>
#include <string.h>

#include "../batch/batch_int.h"
#include "../batch/clients.h"
#include "engine.h"

struct ng_handle {
	ng_engine *e;
	ng_arena *call; /* a row and a template given as text: one call's life */
};

ng_handle *ng_handle_new(const char *name, const void *data, size_t len, ng_diags *diags,
                         ng_status *status)
{
	ng_status st;
	ng_engine *e = ng_engine_open_data(name ? name : "<record>", data, len, diags, &st);
	if (status)
		*status = st;
	if (!e)
		return NULL;
	ng_handle *h = ng_xcalloc(1, sizeof *h);
	h->e = e;
	h->call = ng_arena_new();
	return h;
}

void ng_handle_free(ng_handle *h)
{
	if (!h)
		return;
	ng_engine_free(h->e);
	ng_arena_free(h->call);
	free(h);
}

static const char *row_value(const ng_row *r, const char *field)
{
	const ng_node *v = ng_node_get(r->map, field);
	return v && v->kind == NG_NODE_SCALAR ? v->value : NULL;
}

/* The client's view of the record for a row given as pairs; NULL after
 * adding diagnostics. *templ is the row's template field, if any. */
static const ng_node *row_view(ng_handle *h, const ng_letter_opts *o, const char **templ,
                               ng_diags *d)
{
	ng_row row;
	ng_clients_row_from_pairs(o->keys, o->values, o->nfields, "<row>", h->call, &row);
	if (ng_clients_check_row(&row, h->call, d) != 0)
		return NULL;
	*templ = row_value(&row, "template");
	return ng_batch_view(h->call, ng_engine_record(h->e), &row, d);
}

static const ng_template *pick_template(ng_handle *h, const ng_letter_opts *o,
                                        const char *row_templ, ng_diags *d)
{
	if (o->templ_text)
		return ng_template_parse(o->templ ? o->templ : "<template>", o->templ_text,
		                         o->templ_len, h->call, d);
	return ng_engine_template(h->e, o->templ ? o->templ : row_templ, d);
}

static ng_status deliver(const ng_buf *b, ng_output *out, ng_diags *d)
{
	out->len = b->len;
	if (out->write) {
		if (out->write(out->ctx, b->data, b->len) == 0)
			return NG_OK;
		ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){0}, ng_tr("the caller's callback"),
		            ng_tr("it failed"));
		return NG_ERR_IO;
	}
	if (b->len > out->cap) /* not a problem to report: len tells the size */
		return NG_ERR_IO;
	if (b->len)
		memcpy(out->buf, b->data, b->len);
	return NG_OK;
}

ng_status ng_handle_render(ng_handle *h, const ng_letter_opts *o, ng_output *out, ng_diags *diags)
{
	ng_arena_reset(h->call);
	out->len = 0;
	size_t errors = ng_diags_errors(diags); /* diags may hold earlier calls' */
	const char *row_templ = NULL;
	ng_letter_in in = {.format = o->format, .dump = o->dump, .pdfa = o->pdfa != 0};
	if (o->nfields && !(in.root = row_view(h, o, &row_templ, diags)))
		return NG_ERR_INPUT;
	if (!(in.templ = pick_template(h, o, row_templ, diags)))
		return NG_ERR_INPUT;
	ng_letter_out res = {0};
	ng_status st = ng_engine_letter(h->e, &in, &res, diags);
	if (st == NG_OK && ng_diags_errors(diags) > errors)
		st = NG_ERR_INPUT;
	if (st == NG_OK)
		st = deliver(&res.bytes, out, diags);
	ng_buf_free(&res.bytes);
	return st;
}
