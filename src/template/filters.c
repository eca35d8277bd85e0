/* filters.c — the template filters: dates in every style and option
 * (和暦/西暦/both, the weekday computed and shown by rule), numbers with
 * grouping or 万, joining lists, honorifics,
 * defaults and links. One table; each filter one small function. */
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"

typedef int (*filter_fn)(t_ctx *c, const t_filter *f, t_value *v);

static int filter_error(t_ctx *c, const t_filter *f, const char *msg)
{
	ng_diag *g = ng_diag_add(tmpl_diags(c), NG_D_TEMPLATE, f->pos, ng_tr(msg));
	ng_diag_hint(tmpl_diags(c), g, "filter '%s'", f->name);
	return -1;
}

/* The scalar text of a value (a record scalar or a computed string). */
static const char *text_of(const t_value *v, size_t *len)
{
	if (v->str) {
		*len = v->len;
		return v->str;
	}
	if (v->node && v->node->kind == NG_NODE_SCALAR) {
		*len = v->node->len;
		return v->node->value;
	}
	return NULL;
}

static void set_str(t_ctx *c, t_value *v, const char *s, size_t len)
{
	v->str = ng_strndup(tmpl_arena(c), s, len);
	v->len = len;
	v->node = NULL;
	v->exact = false;
}

static int present(t_ctx *c, const t_filter *f, const t_value *v)
{
	if (v->node || v->str)
		return 0;
	(void)c;
	(void)f;
	return -1;
}

/* The filter's argument as option words ("seireki noweekday", "day"). */
static int date_opts(t_ctx *c, const t_filter *f, ng_dateopts *o, ng_datestyle *st)
{
	if (!f->has_arg)
		return 0;
	if (!f->arg.literal)
		return filter_error(
		    c, f, N_("a date filter's argument is a quoted list of option words"));
	const char *p = f->arg.text;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = strcspn(p, " ,");
		if (n && ng_dateopts_word(o, st, p, n) != 0) {
			ng_diag *g = ng_diag_add(tmpl_diags(c), NG_D_TEMPLATE, f->pos,
			                         ng_tr("unknown date option"));
			ng_diag_hint(tmpl_diags(c), g, "options: %s", ng_dateopts_words);
			return -1;
		}
		p += n;
	}
	return 0;
}

/* event: the weekday rule's context (false for the letter's own date). */
static int date_style(t_ctx *c, const t_filter *f, t_value *v, ng_datestyle st, bool event)
{
	size_t len;
	const char *s = text_of(v, &len);
	if (present(c, f, v) != 0)
		return 0; /* reported as missing by the caller */
	ng_dateopts o = NG_DATEOPTS_EVENT;
	o.event = event;
	if (date_opts(c, f, &o, &st) != 0)
		return -1;
	ng_when w;
	size_t at;
	const char *err;
	if (!s || ng_era_parse(tmpl_era(c), s, len, &w, &at, &err) != 0)
		return filter_error(c, f, N_("the value is not a date (YYYY-MM-DD …)"));
	ng_buf out = {0};
	int rc = ng_era_format(tmpl_era(c), &w, st, &o, &out);
	if (rc == 0)
		set_str(c, v, out.data ? out.data : "", out.len);
	ng_buf_free(&out);
	return rc == 0 ? 0 : filter_error(c, f, ng_era_error(tmpl_era(c)));
}

static int f_date(t_ctx *c, const t_filter *f, t_value *v)
{
	return date_style(c, f, v, NG_DATE_LONG, false);
}

static int f_long(t_ctx *c, const t_filter *f, t_value *v)
{
	return date_style(c, f, v, NG_DATE_LONG, true);
}

static int f_md(t_ctx *c, const t_filter *f, t_value *v)
{
	return date_style(c, f, v, NG_DATE_MD, true);
}

static int f_short(t_ctx *c, const t_filter *f, t_value *v)
{
	return date_style(c, f, v, NG_DATE_SHORT, true);
}

static int f_time(t_ctx *c, const t_filter *f, t_value *v)
{
	return date_style(c, f, v, NG_DATE_TIME, true);
}

/* 1234567 → 1,234,567; number("plain") 1234567, number("man") 123万4,567. */
static int f_number(t_ctx *c, const t_filter *f, t_value *v)
{
	static const char *const styles[] = {
	    [NG_DIGITS_GROUPED] = "grouped", [NG_DIGITS_PLAIN] = "plain", [NG_DIGITS_MAN] = "man"};
	size_t len;
	const char *s = text_of(v, &len);
	if (present(c, f, v) != 0)
		return 0;
	if (!s || !len || len > 15 || strspn(s, "0123456789") != len)
		return filter_error(c, f, N_("the value is not a whole number"));
	int style = f->has_arg ? -1 : NG_DIGITS_GROUPED;
	for (int i = 0; i < 3 && f->has_arg && f->arg.literal; i++)
		if (strcmp(f->arg.text, styles[i]) == 0)
			style = i;
	if (style < 0)
		return filter_error(c, f, N_("number takes \"grouped\", \"plain\" or \"man\""));
	ng_buf out = {0};
	ng_count_number(strtol(s, NULL, 10), (ng_digits)style, false, &out);
	set_str(c, v, out.data, out.len);
	ng_buf_free(&out);
	return 0;
}

static int f_join(t_ctx *c, const t_filter *f, t_value *v)
{
	if (present(c, f, v) != 0)
		return 0;
	const char *sep = f->has_arg && f->arg.literal ? f->arg.text : "、";
	if (!v->node || v->node->kind != NG_NODE_SEQ)
		return 0; /* a single text joins to itself */
	ng_buf out = {0};
	for (size_t i = 0; i < v->node->n; i++) {
		const ng_node *it = v->node->items[i];
		if (it->kind != NG_NODE_SCALAR) {
			ng_buf_free(&out);
			return filter_error(c, f, N_("join needs a list of texts"));
		}
		if (i)
			ng_buf_adds(&out, sep);
		/* Each item with its {{…}} references expanded, as any prose. */
		ng_content text = {0};
		if (tmpl_expand(c, it, &text) != 0) {
			ng_buf_free(&out);
			return -1;
		}
		if (text.len)
			ng_buf_add(&out, text.text, text.len);
	}
	ng_pos pos = v->node->pos;
	set_str(c, v, out.data, out.len);
	v->pos = pos;
	ng_buf_free(&out);
	return 0;
}

/* A name gets 様 unless it already carries an honorific (様, 御中, 各位,
 * 殿); 各位 and 御中 take nothing more. */
static int f_honorific(t_ctx *c, const t_filter *f, t_value *v)
{
	static const char *const ends[] = {"様", "御中", "各位", "殿"};
	size_t len;
	const char *s = text_of(v, &len);
	if (present(c, f, v) != 0 || !s)
		return 0;
	for (size_t i = 0; i < NG_ARRAY_LEN(ends); i++) {
		size_t n = strlen(ends[i]);
		if (len >= n && memcmp(s + len - n, ends[i], n) == 0)
			return 0;
	}
	char *t = ng_aprintf(tmpl_arena(c), "%.*s 様", (int)len, s);
	ng_pos pos = v->pos;
	set_str(c, v, t, strlen(t));
	v->pos = pos;
	return 0;
}

static int f_default(t_ctx *c, const t_filter *f, t_value *v)
{
	if (v->node || v->str)
		return 0;
	if (!f->has_arg)
		return filter_error(c, f, N_("default needs an argument"));
	if (f->arg.literal) {
		set_str(c, v, f->arg.text, strlen(f->arg.text));
		v->pos = f->pos;
		return 0;
	}
	const ng_node *n = NULL;
	if (tmpl_lookup(c, f->arg.text, &n)) {
		v->node = n;
		v->pos = n->exact ? n->vpos : n->pos;
		v->exact = n->exact;
	}
	return 0;
}

/* A heading's number: the value n (1, 2 …) in the numbering style the
 * argument names ("（1）" or a path such as e.sub) → 「（2）」, 「② 」.
 * Only the part before the heading (a style that closes after it, 【】,
 * gives its opening). */
static int f_numbered(t_ctx *c, const t_filter *f, t_value *v)
{
	size_t len;
	const char *s = text_of(v, &len);
	if (present(c, f, v) != 0 || !s)
		return 0;
	if (!f->has_arg)
		return filter_error(c, f, N_("numbered needs a numbering style"));
	const char *style = f->arg.text;
	const ng_node *n = NULL;
	if (!f->arg.literal) {
		if (!tmpl_lookup(c, f->arg.text, &n) || n->kind != NG_NODE_SCALAR)
			return filter_error(c, f,
			                    N_("numbered's argument names no numbering style"));
		style = n->value;
	}
	if (!len || len > 6 || strspn(s, "0123456789") != len || !ng_numbering_known(style))
		return filter_error(c, f,
		                    N_("numbered takes a whole number and a numbering style"));
	ng_buf pre = {0}, post = {0};
	ng_numbering(style, (size_t)strtol(s, NULL, 10), &pre, &post);
	set_str(c, v, pre.len ? pre.data : "", pre.len);
	ng_buf_free(&pre);
	ng_buf_free(&post);
	return 0;
}

/* Makes the block a link: link("mailto:") → mailto:VALUE. */
static int f_link(t_ctx *c, const t_filter *f, t_value *v)
{
	size_t len;
	const char *s = text_of(v, &len);
	if (present(c, f, v) != 0 || !s)
		return 0;
	const char *prefix = f->has_arg && f->arg.literal ? f->arg.text : "";
	v->link = ng_aprintf(tmpl_arena(c), "%s%.*s", prefix, (int)len, s);
	return 0;
}

/* The value is a PNG path (sender.seal): set as the line's 角印, which
 * stands at the end of the text and covers half its last character. */
static int f_seal(t_ctx *c, const t_filter *f, t_value *v)
{
	size_t len;
	const char *s = text_of(v, &len);
	if (present(c, f, v) != 0 || !s)
		return 0;
	v->image = ng_strndup(tmpl_arena(c), s, len);
	return 0;
}

static const struct {
	const char *name;
	filter_fn fn;
} filters[] = {
    {"seal", f_seal},       {"date", f_date},   {"long", f_long},
    {"md", f_md},           {"short", f_short}, {"time", f_time},
    {"number", f_number},   {"join", f_join},   {"honorific", f_honorific},
    {"default", f_default}, {"link", f_link},   {"numbered", f_numbered},
};

int tmpl_filter(t_ctx *c, const t_filter *f, t_value *v)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(filters); i++)
		if (strcmp(filters[i].name, f->name) == 0)
			return filters[i].fn(c, f, v);
	ng_diag *g = ng_diag_add(tmpl_diags(c), NG_D_TEMPLATE, f->pos, ng_tr("unknown filter"));
	ng_diag_hint(tmpl_diags(c), g,
	             "filters: date long md short time number join honorific default link seal "
	             "numbered");
	return -1;
}
