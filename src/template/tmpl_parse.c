/* tmpl_parse.c — reading a template file into its parsed form (tmpl.h),
 * reporting every problem at the template's file:line:col. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "tmpl.h"

enum { MAX_DEPTH = 32, MAX_INCLUDE = 8 };

typedef struct parser {
	struct ng_template *t;
	const char *path, *dir;
	ng_arena *a;
	ng_diags *d;
	t_list *stack[MAX_DEPTH];
	t_node *open[MAX_DEPTH]; /* the if/for each stack level belongs to */
	size_t depth;
	int line;
	const char *line_start;
	int errors;
	int include_depth;
} parser;

static ng_pos pos_at(const parser *p, const char *at)
{
	return (ng_pos){p->path, p->line,
	                1 + (int)ng_utf8_count(p->line_start, (size_t)(at - p->line_start))};
}

static int error(parser *p, const char *at, const char *msg, const char *hint)
{
	ng_diag *g = ng_diag_add(p->d, NG_D_TEMPLATE, pos_at(p, at), ng_tr(msg));
	if (hint)
		ng_diag_hint(p->d, g, "%s", ng_tr(hint));
	p->errors++;
	return -1;
}

static t_node *append(parser *p, t_kind kind, const char *at)
{
	t_list *l = p->stack[p->depth];
	l->v = ng_agrow(p->a, l->v, sizeof *l->v, &l->cap, l->n + 1);
	t_node *n = &l->v[l->n++];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->pos = pos_at(p, at);
	return n;
}

static const char *skip_ws(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static bool path_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.';
}

/* Reads a path; returns its end, or s when there is none. */
static const char *read_path(const char *s, const char *end)
{
	if (s < end && (isalpha((unsigned char)*s) || *s == '_'))
		while (s < end && path_char(*s))
			s++;
	return s;
}

/* ---- {{ path | filter(arg) … }} */

static const char *read_arg(parser *p, const char *s, const char *end, t_arg *arg)
{
	s = skip_ws(s, end);
	if (s < end && (*s == '"' || *s == '\'')) {
		const char *q = memchr(s + 1, *s, (size_t)(end - s - 1));
		if (!q) {
			error(p, s, N_("unterminated string in a filter argument"), NULL);
			return NULL;
		}
		arg->literal = true;
		arg->text = ng_strndup(p->a, s + 1, (size_t)(q - s - 1));
		return q + 1;
	}
	const char *e = read_path(s, end);
	if (e == s) {
		error(p, s, N_("a filter argument must be a \"string\" or a field path"), NULL);
		return NULL;
	}
	arg->text = ng_strndup(p->a, s, (size_t)(e - s));
	return e;
}

static const char *read_filter(parser *p, const char *s, const char *end, t_filter *f)
{
	s = skip_ws(s, end);
	const char *e = s;
	while (e < end && (isalnum((unsigned char)*e) || *e == '_'))
		e++;
	if (e == s) {
		error(p, s, N_("expected a filter name after '|'"), NULL);
		return NULL;
	}
	f->name = ng_strndup(p->a, s, (size_t)(e - s));
	f->pos = pos_at(p, s);
	e = skip_ws(e, end);
	if (e < end && *e == '(') {
		f->has_arg = true;
		e = read_arg(p, e + 1, end, &f->arg);
		if (!e)
			return NULL;
		e = skip_ws(e, end);
		if (e >= end || *e != ')') {
			error(p, e, N_("expected ')' after the filter argument"), NULL);
			return NULL;
		}
		e++;
	}
	return e;
}

static int parse_var(parser *p, const char *s, const char *end, t_seg *seg)
{
	const char *at = skip_ws(s, end);
	const char *e = read_path(at, end);
	if (e == at)
		return error(p, at, N_("expected a field path such as letter.title inside {{ }}"),
		             NULL);
	seg->var = true;
	seg->text = ng_strndup(p->a, at, (size_t)(e - at));
	seg->pos = pos_at(p, at);
	size_t cap = 0;
	for (e = skip_ws(e, end); e < end; e = skip_ws(e, end)) {
		if (*e != '|')
			return error(p, e, N_("expected '|' or '}}'"), NULL);
		seg->filters =
		    ng_agrow(p->a, seg->filters, sizeof(t_filter), &cap, seg->nfilters + 1);
		t_filter *f = &seg->filters[seg->nfilters++];
		memset(f, 0, sizeof *f);
		e = read_filter(p, e + 1, end, f);
		if (!e)
			return -1;
	}
	return 0;
}

static int parse_text(parser *p, t_node *n, const char *s, const char *end)
{
	size_t cap = 0;
	while (s < end) {
		const char *open = strstr(s, "{{");
		const char *lit_end = open && open < end ? open : end;
		n->segs = ng_agrow(p->a, n->segs, sizeof(t_seg), &cap, n->nsegs + 2);
		if (lit_end > s) {
			t_seg *l = &n->segs[n->nsegs++];
			*l = (t_seg){.text = ng_strndup(p->a, s, (size_t)(lit_end - s)),
			             .len = (size_t)(lit_end - s),
			             .pos = pos_at(p, s),
			             .exact = true};
		}
		if (lit_end == end)
			break;
		const char *close = strstr(open + 2, "}}");
		if (!close || close > end)
			return error(p, open, N_("'{{' without a closing '}}' on the same line"),
			             NULL);
		t_seg *v = &n->segs[n->nsegs];
		memset(v, 0, sizeof *v);
		if (parse_var(p, open + 2, close, v) != 0)
			return -1;
		n->nsegs++;
		s = close + 2;
	}
	return 0;
}

/* ---- @outline(STYLE) KEY KEY …  and  @omits FIELD REASON */

static int parse_outline(parser *p, const char *opts, const char *opts_end, const char *text,
                         const char *end)
{
	struct ng_template *t = p->t;
	if (opts) {
		t->outline_style = ng_strndup(p->a, opts, (size_t)(opts_end - opts));
		if (!ng_numbering_known(t->outline_style))
			return error(p, opts, N_("unknown numbering style"),
			             N_("e.g. @outline(1.), @outline(【】), @outline(none)"));
	}
	size_t cap = 0;
	while (text < end) {
		const char *e = text;
		while (e < end && *e != ' ')
			e++;
		t->outline = ng_agrow(p->a, t->outline, sizeof *t->outline, &cap, t->noutline + 1);
		t->outline[t->noutline++] = ng_strndup(p->a, text, (size_t)(e - text));
		text = skip_ws(e, end);
	}
	return 0;
}

static int parse_omits(parser *p, const char *at, const char *when, const char *text,
                       const char *end)
{
	struct ng_template *t = p->t;
	const char *e = text;
	while (e < end && *e != ' ')
		e++;
	const char *reason = skip_ws(e, end);
	if (e == text || reason == end)
		return error(p, at, N_("@omits takes a field and the reason"),
		             N_("@omits letter.opening 公表文に頭語は書かない"));
	size_t cap = t->nomits;
	t->omits = ng_agrow(p->a, t->omits, sizeof *t->omits, &cap, t->nomits + 1);
	t->omits[t->nomits++] =
	    (t_omit){ng_strndup(p->a, text, (size_t)(e - text)),
	             ng_strndup(p->a, reason, (size_t)(end - reason)), when, pos_at(p, at)};
	return 0;
}

/* ---- @directive(options) text */

static int parse_directive(parser *p, const char *s, const char *end)
{
	const char *name = s + 1, *e = name;
	while (e < end && (isalnum((unsigned char)*e) || *e == '-'))
		e++;
	const char *opts = NULL, *opts_end = NULL;
	if (e < end && *e == '(') {
		opts = e + 1;
		opts_end = memchr(opts, ')', (size_t)(end - opts));
		if (!opts_end)
			return error(p, e, N_("'(' without ')' after the directive"), NULL);
	}
	const char *text = skip_ws(opts_end ? opts_end + 1 : e, end);
	size_t nlen = (size_t)(e - name);
	if (nlen == 8 && memcmp(name, "template", 8) == 0) {
		p->t->name = ng_strndup(p->a, text, (size_t)(end - text));
		return 0;
	}
	if (nlen == 11 && memcmp(name, "description", 11) == 0) {
		p->t->description = ng_strndup(p->a, text, (size_t)(end - text));
		return 0;
	}
	if (nlen == 7 && memcmp(name, "outline", 7) == 0)
		return parse_outline(p, opts, opts_end, text, end);
	if (nlen == 5 && memcmp(name, "omits", 5) == 0)
		return parse_omits(p, s,
		                   opts ? ng_strndup(p->a, opts, (size_t)(opts_end - opts)) : NULL,
		                   text, end);
	int dir = tmpl_directive(name, nlen);
	if (dir < 0)
		return error(
		    p, s, N_("unknown directive"),
		    N_("directives: @para @text @left @right @center @title @h1 @h2 @h3 "
		       "@item @space @pagebreak @table @row @endtable @recipient @blocks"));
	t_node *n = append(p, T_BLOCK, s);
	n->directive = dir;
	if (opts)
		n->opts = ng_strndup(p->a, opts, (size_t)(opts_end - opts));
	return parse_text(p, n, text, end);
}

/* ---- {% … %} */

static int push(parser *p, t_list *l, t_node *owner, const char *at)
{
	if (p->depth + 1 >= MAX_DEPTH)
		return error(p, at, N_("blocks nested too deeply"), NULL);
	p->stack[++p->depth] = l;
	p->open[p->depth] = owner;
	return 0;
}

static int parse_cond(parser *p, const char *s, const char *end, t_cond *c)
{
	s = skip_ws(s, end);
	if (end - s > 4 && memcmp(s, "not ", 4) == 0) {
		c->negate = true;
		s = skip_ws(s + 4, end);
	}
	const char *e = read_path(s, end);
	if (e == s)
		return error(p, s, N_("expected a field path after 'if'"), NULL);
	c->path = ng_strndup(p->a, s, (size_t)(e - s));
	e = skip_ws(e, end);
	if (e == end)
		return 0;
	if (end - e >= 2 && (memcmp(e, "==", 2) == 0 || memcmp(e, "!=", 2) == 0)) {
		c->op = e[0] == '=' ? 1 : 2;
		t_arg arg = {0};
		e = read_arg(p, e + 2, end, &arg);
		if (!e)
			return -1;
		if (!arg.literal)
			return error(p, e, N_("compare with a quoted string"), NULL);
		c->literal = arg.text;
		if (skip_ws(e, end) == end)
			return 0;
	}
	return error(p, e, N_("unexpected text in the condition"), NULL);
}

static int parse_for(parser *p, t_node *n, const char *s, const char *end)
{
	s = skip_ws(s, end);
	const char *e = read_path(s, end);
	if (e == s || memchr(s, '.', (size_t)(e - s)))
		return error(p, s, N_("expected a loop variable name after 'for'"), NULL);
	n->var = ng_strndup(p->a, s, (size_t)(e - s));
	e = skip_ws(e, end);
	if (end - e < 3 || memcmp(e, "in ", 3) != 0)
		return error(p, e, N_("expected 'in' in 'for NAME in PATH'"), NULL);
	s = skip_ws(e + 3, end);
	e = read_path(s, end);
	if (e == s || skip_ws(e, end) != end)
		return error(p, s, N_("expected a list's field path after 'in'"), NULL);
	n->path = ng_strndup(p->a, s, (size_t)(e - s));
	return 0;
}

static int parse_include(parser *p, const char *s, const char *end);

static int parse_control(parser *p, const char *s, const char *end)
{
	const char *close = strstr(s, "%}");
	if (!close || close > end || skip_ws(close + 2, end) != end)
		return error(p, s, N_("a {% … %} line must end with '%}'"), NULL);
	const char *kw = skip_ws(s + 2, close), *e = kw;
	while (e < close && isalpha((unsigned char)*e))
		e++;
	size_t n = (size_t)(e - kw);
	if (n == 2 && memcmp(kw, "if", 2) == 0) {
		t_node *node = append(p, T_IF, s);
		/* Open the block even when the condition is bad, so that its
		 * {% end %} does not report a second, confusing error. */
		int rc = parse_cond(p, e, close, &node->cond);
		return push(p, &node->body, node, s) | rc;
	}
	if (n == 3 && memcmp(kw, "for", 3) == 0) {
		t_node *node = append(p, T_FOR, s);
		int rc = parse_for(p, node, e, close);
		return push(p, &node->body, node, s) | rc;
	}
	if (n == 4 && memcmp(kw, "else", 4) == 0) {
		t_node *owner = p->depth ? p->open[p->depth] : NULL;
		if (!owner || owner->kind != T_IF || p->stack[p->depth] != &owner->body)
			return error(p, kw, N_("'else' without an open 'if'"), NULL);
		p->stack[p->depth] = &owner->else_body;
		return 0;
	}
	if (n == 3 && memcmp(kw, "end", 3) == 0) {
		if (!p->depth)
			return error(p, kw, N_("'end' without an open 'if' or 'for'"), NULL);
		p->depth--;
		return 0;
	}
	if (n == 7 && memcmp(kw, "include", 7) == 0)
		return parse_include(p, e, close);
	return error(p, kw, N_("unknown control word"), N_("use if, else, for, end or include"));
}

/* ---- lines */

static int parse_line(parser *p, const char *s, const char *end)
{
	s = skip_ws(s, end);
	if (s == end)
		return 0;
	if (end - s >= 2 && memcmp(s, "{#", 2) == 0)
		return 0; /* comment lines; multi-line ones are handled by the caller */
	if (end - s >= 2 && memcmp(s, "{%", 2) == 0)
		return parse_control(p, s, end);
	if (*s == '@')
		return parse_directive(p, s, end);
	return error(p, s, N_("a template line must start with @directive, {% … %} or {# … #}"),
	             N_("to write text, use @para, @text or @left"));
}

static int parse_lines(parser *p, const char *data, size_t len)
{
	const char *s = data, *end = data + len;
	bool in_comment = false;
	p->line = 0;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		p->line++;
		p->line_start = s;
		const char *ce = le > s && le[-1] == '\r' ? le - 1 : le;
		const char *t = skip_ws(s, ce);
		if (in_comment || (ce - t >= 2 && memcmp(t, "{#", 2) == 0)) {
			const char *close = strstr(t, "#}");
			in_comment = !(close && close < ce);
		} else {
			parse_line(p, s, ce);
		}
		s = nl ? nl + 1 : end;
	}
	if (p->depth) {
		ng_diag *g = ng_diag_add(p->d, NG_D_TEMPLATE, p->open[p->depth]->pos,
		                         ng_tr("this block has no {% end %}"));
		(void)g;
		p->errors++;
	}
	return p->errors ? -1 : 0;
}

/* ---- includes: {% include "name" %} reads NAME.tmpl beside the template */

static int parse_include(parser *p, const char *s, const char *end)
{
	t_arg arg = {0};
	const char *at = skip_ws(s, end);
	const char *e = read_arg(p, at, end, &arg);
	if (!e)
		return -1;
	if (!arg.literal || strchr(arg.text, '/') || skip_ws(e, end) != end)
		return error(p, at, N_("include takes one quoted template name"), NULL);
	if (p->include_depth >= MAX_INCLUDE)
		return error(p, at, N_("includes nested too deeply (a cycle?)"), NULL);
	char *path = ng_aprintf(p->a, "%s/%s.tmpl", p->dir, arg.text);
	char *data;
	size_t len;
	int err = ng_read_file(path, 1 << 20, &data, &len);
	if (err)
		return error(p, at, N_("cannot read the included template"), ng_strerror(err));
	t_node *n = append(p, T_INCLUDE, at);
	n->included = ng_alloc(p->a, sizeof *n->included);
	int rc = tmpl_parse(n->included, path, data, len, p->a, p->d, p->include_depth + 1);
	free(data);
	if (rc)
		p->errors++;
	return rc;
}

int tmpl_parse(struct ng_template *t, const char *path, const char *data, size_t len, ng_arena *a,
               ng_diags *d, int depth)
{
	parser p = {.t = t, .path = path, .a = a, .d = d, .include_depth = depth};
	const char *slash = strrchr(path, '/');
	p.dir = slash ? ng_strndup(a, path, (size_t)(slash - path)) : ".";
	t->path = path;
	p.stack[0] = &t->body;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, len -= 3;
	size_t bad = ng_utf8_invalid_at(data, len);
	if (bad != (size_t)-1) {
		ng_diag_add(d, NG_D_YAML_UTF8, (ng_pos){path, 0, 0});
		return -1;
	}
	return parse_lines(&p, data, len);
}
