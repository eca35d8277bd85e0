/* render.c — the public calls for one letter: ng_render (through an
 * engine, then an atomic write: nothing is written unless every step
 * succeeded) and ng_list_templates. ng_check lives in check.c. */
#include <stdio.h>
#include <string.h>

#include "engine.h"

static int write_output(const char *path, const ng_buf *b, ng_diags *d)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(b->data, 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
			ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){0}, "standard output",
				    "write failed");
			return -1;
		}
		return 0;
	}
	int err = ng_write_file_atomic(path, b->data, b->len, 0644);
	if (err) {
		ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){path, 0, 0}, path, strerror(err));
		return -1;
	}
	return 0;
}

ng_status ng_render(const ng_render_opts *opts, ng_diags *diags)
{
	ng_status st;
	ng_engine *e = ng_engine_open(opts->input, diags, &st);
	if (!e)
		return st;
	ng_letter_in in = {.templ = ng_engine_template(e, opts->templ, diags),
			   .format = opts->format,
			   .dump = opts->dump};
	ng_letter_out out = {0};
	st = in.templ ? ng_engine_letter(e, &in, &out, diags) : NG_ERR_INPUT;
	if (st == NG_OK && ng_diags_errors(diags) > 0)
		st = NG_ERR_INPUT;
	if (st == NG_OK && write_output(opts->output, &out.bytes, diags) != 0)
		st = NG_ERR_IO;
	ng_buf_free(&out.bytes);
	ng_engine_free(e);
	return st;
}

ng_status ng_list_templates(FILE *out, ng_diags *diags)
{
	ng_buf b = {0};
	ng_templates_list(&b, true);
	ng_status st = NG_OK;
	if (b.len == 0) {
		ng_diag_add(diags, NG_D_IO_READ, (ng_pos){0}, "templates/", "no templates found");
		st = NG_ERR_IO;
	} else if (fwrite(b.data, 1, b.len, out) != b.len) {
		st = NG_ERR_IO;
	}
	ng_buf_free(&b);
	return st;
}
