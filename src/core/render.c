/* render.c — the public calls for one letter: ng_render (through an
 * engine, then an atomic write: nothing is written unless every step
 * succeeded) and ng_list_templates. ng_check lives in check.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../crypt/crypt.h"
#include "engine.h"

static int write_output(const char *path, const ng_buf *b, ng_diags *d)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(b->data, 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
			ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){0}, ng_tr("standard output"),
			            ng_tr("write failed"));
			return -1;
		}
		return 0;
	}
	/* 0600: a letter carries personal data (as batch's letters do). */
	int err = ng_write_file_atomic(path, b->data, b->len, 0600);
	if (err) {
		ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){path, 0, 0}, path, ng_strerror(err));
		return -1;
	}
	return 0;
}

ng_status ng_render(const ng_render_opts *opts, ng_diags *diags)
{
	ng_status st;
	if (opts->pdfa && opts->encrypt) {
		ng_diag_add(
		    diags, NG_D_BAD_VALUE, (ng_pos){0}, "--pdfa",
		    ng_tr("PDF/A does not allow encryption: use --pdfa or --encrypt, not both"));
		return NG_ERR_USAGE;
	}
	/* Checked before anything is rendered: the output is replaced by a
	 * rename, which would replace a device node or a link itself. */
	const char *bad =
	    opts->output && strcmp(opts->output, "-") ? ng_output_problem(opts->output) : NULL;
	if (bad) {
		ng_diag *g = ng_diag_add(diags, NG_D_IO_WRITE, (ng_pos){opts->output, 0, 0},
		                         opts->output, ng_tr(bad));
		ng_diag_hint(diags, g,
		             "give the name of a file to write; -o - writes to standard "
		             "output");
		return NG_ERR_IO;
	}
	ng_engine *e = ng_engine_open(opts->input, diags, &st);
	if (!e)
		return st;
	ng_letter_in in = {.templ = ng_engine_template(e, opts->templ, diags),
	                   .format = opts->format,
	                   .dump = opts->dump,
	                   .pdfa = opts->pdfa};
	ng_letter_out out = {0};
	if (in.templ)
		ng_template_report_omits(in.templ, ng_engine_record(e), diags);
	st = in.templ ? ng_engine_letter(e, &in, &out, diags) : NG_ERR_INPUT;
	if (st == NG_OK && ng_diags_errors(diags) > 0)
		st = NG_ERR_INPUT;
	if (st == NG_OK && opts->encrypt)
		st = ng_crypt_letter(&out.bytes, opts->format == NG_FORMAT_PDF && !opts->dump,
		                     opts->user_password_file, opts->owner_password_file, diags);
	if (st == NG_OK && write_output(opts->output, &out.bytes, diags) != 0)
		st = NG_ERR_IO;
	ng_buf_free(&out.bytes);
	ng_engine_free(e);
	return st;
}

/* b to out, flushed: a full stdout (> /dev/full) is an error, not a
 * silent exit 0. */
static int write_out(FILE *out, const ng_buf *b, ng_diags *d)
{
	if (fwrite(b->data, 1, b->len, out) == b->len && fflush(out) == 0)
		return 0;
	ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){0}, ng_tr("standard output"), ng_strerror(errno));
	return -1;
}

ng_status ng_list_templates(FILE *out, ng_diags *diags)
{
	ng_buf b = {0};
	ng_templates_list(&b, true);
	ng_status st = NG_OK;
	if (b.len == 0) {
		ng_diag_add(diags, NG_D_IO_READ, (ng_pos){0}, "templates/",
		            ng_tr("no templates found"));
		st = NG_ERR_IO;
	} else if (write_out(out, &b, diags) != 0) {
		st = NG_ERR_IO;
	}
	ng_buf_free(&b);
	return st;
}

/* What each built-in template's starter differs in: the audience (the
 * required items `check` applies follow from it), the addressee (NULL: the
 * line goes, the template's default stands) and the lines of the letter
 * the template does not print (its @omits), so that `init --template X`
 * gives a record that checks without a warning about itself. */
static const struct {
	const char *templ, *audience, *addressee;
	const char *drop[4];
} starters[] = {
    {"client-notice", "clients", "株式会社サンプル 御中", {NULL}},
    {"individual-notice", "individuals", "見本 花子 様", {NULL}},
    {"public-notice", "public", NULL, {"  opening: ", "  greeting: ", NULL}},
    {"ppc-report", "ppc", NULL, {"  opening: ", "  greeting: ", "  body:", NULL}},
};

/* Columns a text takes in a monospaced editor: CJK and full-width forms
 * two, the rest one (enough to keep a starter's comments in line). */
static size_t columns(const char *s, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = ng_utf8_decode(s + i, len - i, &cp);
		if (!n)
			break;
		w += cp >= 0x1100 ? 2 : 1;
		i += n;
	}
	return w;
}

/* Replaces the value after "KEY: " on the line that starts with it,
 * keeping a comment after it in its column. */
static void set_line(ng_buf *b, const char *key, const char *value)
{
	char *p = strstr(b->data, key);
	if (!p)
		return;
	/* the value runs to a comment (" #") or the line's end; it may hold
	 * spaces (株式会社サンプル 御中) */
	char *v = p + strlen(key), *eol = v + strcspn(v, "\n"), *e = v;
	for (char *c = v; c < eol; c++)
		if (*c != ' ')
			e = c + 1;
		else if (c + 1 < eol && c[strspn(c, " ")] == '#')
			break;
	size_t old_w = columns(v, (size_t)(e - v)), new_w = columns(value, strlen(value));
	ng_buf out = {0};
	ng_buf_add(&out, b->data, (size_t)(v - b->data));
	ng_buf_adds(&out, value);
	if (*e == ' ') { /* spaces, then a comment: keep its column */
		size_t sp = strspn(e, " ");
		if (e[sp] == '#') {
			size_t want = old_w + sp > new_w + 1 ? old_w + sp - new_w : 1;
			for (size_t i = 0; i < want; i++)
				ng_buf_adds(&out, " ");
			e += sp;
		}
	}
	ng_buf_adds(&out, e);
	ng_buf_free(b);
	*b = out;
}

/* Removes the line that starts with KEY (at a line's start) and the more
 * deeply indented lines under it (a list's items). */
static void drop_line(ng_buf *b, const char *key)
{
	char *p = b->data;
	while ((p = strstr(p, key)) && p != b->data && p[-1] != '\n')
		p++;
	if (!p)
		return;
	size_t indent = strspn(p, " ");
	char *e = strchr(p, '\n');
	e = e ? e + 1 : p + strlen(p);
	while (*e && strspn(e, " ") > indent && e[strspn(e, " ")] != '\n') {
		char *n = strchr(e, '\n');
		e = n ? n + 1 : e + strlen(e);
	}
	memmove(p, e, strlen(e) + 1);
	b->len = strlen(b->data);
}

ng_status ng_init(const char *templ, FILE *out, ng_diags *diags)
{
	ng_arena *a = ng_arena_new();
	const char *name = templ ? templ : "client-notice";
	ng_status st = NG_OK;
	char *data = NULL;
	size_t len = 0;
	/* The starter's comments in the user's language: the catalogue names
	 * the file that has them (starter.ja.yaml); English when it is not
	 * there. */
	const char *path = ng_aprintf(a, "%s/templates/%s", ng_home_dir(), ng_tr("starter.yaml"));
	if (access(path, R_OK) != 0)
		path = ng_aprintf(a, "%s/templates/starter.yaml", ng_home_dir());
	if (!ng_template_load(name, a, diags)) {
		st = NG_ERR_USAGE;
	} else if (ng_read_file(path, 1 << 20, &data, &len) != 0) {
		ng_diag_add(diags, NG_D_IO_READ, (ng_pos){path, 0, 0}, path, ng_tr("cannot read"));
		st = NG_ERR_IO;
	} else {
		ng_buf b = {0};
		ng_buf_add(&b, data, len);
		set_line(&b,
		         "$schema=", ng_aprintf(a, "%s/data/incident.schema.json", ng_home_dir()));
		set_line(&b, "  template: ", name);
		for (size_t i = 0; i < NG_ARRAY_LEN(starters); i++) {
			if (strcmp(starters[i].templ, name) != 0)
				continue;
			set_line(&b, "  audience: ", starters[i].audience);
			if (starters[i].addressee)
				set_line(&b, "  addressee: ", starters[i].addressee);
			else
				drop_line(&b, "  addressee: ");
			for (size_t k = 0; starters[i].drop[k]; k++)
				drop_line(&b, starters[i].drop[k]);
		}
		if (write_out(out, &b, diags) != 0)
			st = NG_ERR_IO;
		ng_buf_free(&b);
	}
	free(data);
	ng_arena_free(a);
	return st;
}
