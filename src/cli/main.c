/* main.c — the notice-gen command: options into a struct, one library call,
 * diagnostics to stderr, the status as exit code. Uses only notice_gen.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notice_gen.h"

static const char usage_text[] =
    "usage: notice-gen [render] INCIDENT.yaml -o OUT [--template NAME|PATH]\n"
    "                  [--format pdf|txt|md] [--dump doc|layout]\n"
    "                  [--encrypt --user-password-file FILE [--owner-password-file FILE]]\n"
    "       notice-gen check INCIDENT.yaml [--format text|json]\n"
    "       notice-gen batch INCIDENT.yaml --clients LIST.csv|LIST.yaml -o DIR\n"
    "                  [--template NAME|PATH] [--jobs N] [--shard K/N] [--merge PRINT.pdf]\n"
    "                  [--encoding NAME] [--column HEADER=field] [--force] [--resume]\n"
    "                  [--quiet] [--format pdf|txt]\n"
    "                  [--encrypt [--generate-passwords] [--owner-password-file FILE]]\n"
    "       notice-gen init [--template NAME]   (a starter record on stdout)\n"
    "       notice-gen templates\n"
    "       notice-gen --help | --version\n"
    "\n"
    "Writes the letter for an incident record. OUT may be '-' for text output\n"
    "and dumps. Exit codes: 0 ok, 1 input errors, 2 usage error, 3 I/O error or\n"
    "missing font, 4 batch partly failed.\n";

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "notice-gen: %s%s%s\n\n%s", msg, arg ? ": " : "", arg ? arg : "",
	        usage_text);
	return NG_ERR_USAGE;
}

typedef struct cli {
	const char *verb;
	ng_render_opts render;
	int json;
} cli;

/* Takes the value of option argv[*i]; NULL when it is missing. */
static const char *opt_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int parse_format(cli *c, const char *v)
{
	if (strcmp(v, "pdf") == 0)
		c->render.format = NG_FORMAT_PDF;
	else if (strcmp(v, "txt") == 0)
		c->render.format = NG_FORMAT_TXT;
	else if (strcmp(v, "md") == 0)
		c->render.format = NG_FORMAT_MD;
	else if (strcmp(v, "json") == 0)
		c->json = 1;
	else if (strcmp(v, "text") != 0)
		return -1;
	return 0;
}

static int parse_dump(cli *c, const char *v)
{
	if (strcmp(v, "doc") == 0)
		c->render.dump = NG_DUMP_DOC;
	else if (strcmp(v, "layout") == 0)
		c->render.dump = NG_DUMP_LAYOUT;
	else
		return -1;
	return 0;
}

/* --user-password-file / --owner-password-file: passwords come from
 * files, never from the command line (where `ps` shows them). Returns -1
 * for a missing value. */
static int password_file(ng_render_opts *o, int argc, char **argv, int *i)
{
	const char **slot = argv[*i][2] == 'u' ? &o->user_password_file : &o->owner_password_file;
	return (*slot = opt_value(argc, argv, i)) ? 0 : -1;
}

static int parse_args(cli *c, int argc, char **argv)
{
	int i = 1;
	c->verb = "render";
	if (i < argc && (strcmp(argv[i], "render") == 0 || strcmp(argv[i], "check") == 0))
		c->verb = argv[i++];
	for (; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("missing value for", a);
			c->render.output = v;
		} else if (strcmp(a, "--template") == 0) {
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("missing value for", a);
			c->render.templ = v;
		} else if (strcmp(a, "--format") == 0) {
			if (!(v = opt_value(argc, argv, &i)) || parse_format(c, v) != 0)
				return usage_error(
				    "--format takes pdf, txt, md (render) or text, json (check)",
				    v);
		} else if (strcmp(a, "--dump") == 0) {
			if (!(v = opt_value(argc, argv, &i)) || parse_dump(c, v) != 0)
				return usage_error("--dump takes doc or layout", v);
		} else if (strcmp(a, "--encrypt") == 0) {
			c->render.encrypt = 1;
		} else if (strcmp(a, "--user-password-file") == 0 ||
		           strcmp(a, "--owner-password-file") == 0) {
			if (password_file(&c->render, argc, argv, &i) != 0)
				return usage_error("missing value for", a);
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option", a);
		} else if (!c->render.input) {
			c->render.input = a;
		} else {
			return usage_error("more than one input file", a);
		}
	}
	if (!c->render.input)
		return usage_error("no incident record given", NULL);
	if (strcmp(c->verb, "render") == 0 && !c->render.output)
		return usage_error("no output given (use -o FILE)", NULL);
	if (!c->render.encrypt && (c->render.user_password_file || c->render.owner_password_file))
		return usage_error("a password file needs --encrypt", NULL);
	return NG_OK;
}

/* check: the diagnostics (stderr) first, then the summary (stdout), which
 * is collected in memory so that it follows them on a terminal. */
static int run_check(const cli *c)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return NG_ERR_IO;
	ng_diags *diags = ng_diags_new();
	ng_check_opts o = {.input = c->render.input, .summary = mem, .json = c->json};
	ng_status st = ng_check_run(&o, diags);
	fclose(mem);
	ng_diags_print(diags, stderr, c->json);
	fflush(stderr);
	if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
		st = st == NG_OK ? NG_ERR_IO : st;
	free(text);
	ng_diags_free(diags);
	return (int)st;
}

/* ---- batch */

static int parse_shard(const char *v, ng_batch_opts *o)
{
	char *end;
	long k = strtol(v, &end, 10);
	if (*end != '/')
		return -1;
	long n = strtol(end + 1, &end, 10);
	if (*end || k < 1 || n < 1 || k > n)
		return -1;
	o->shard_k = (int)k;
	o->shard_n = (int)n;
	return 0;
}

/* Options of `batch` that take a value; returns -1 for an unknown one. */
static int batch_value(ng_batch_opts *o, const char *opt, const char *v, const char **cols,
                       size_t *ncols)
{
	char *end;
	if (strcmp(opt, "--clients") == 0)
		o->clients = v;
	else if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0)
		o->outdir = v;
	else if (strcmp(opt, "--template") == 0)
		o->templ = v;
	else if (strcmp(opt, "--encoding") == 0)
		o->encoding = v;
	else if (strcmp(opt, "--merge") == 0)
		o->merge = v;
	else if (strcmp(opt, "--owner-password-file") == 0)
		o->owner_password_file = v;
	else if (strcmp(opt, "--column") == 0 && *ncols < 64)
		cols[(*ncols)++] = v;
	else if (strcmp(opt, "--jobs") == 0 || strcmp(opt, "-j") == 0)
		o->jobs = (int)strtol(v, &end, 10), o->jobs = *end || o->jobs < 1 ? -1 : o->jobs;
	else if (strcmp(opt, "--shard") == 0)
		return parse_shard(v, o) == 0 ? 0 : usage_error("--shard takes K/N", v);
	else if (strcmp(opt, "--format") == 0 && (!strcmp(v, "pdf") || !strcmp(v, "txt")))
		o->format = strcmp(v, "txt") == 0 ? NG_FORMAT_TXT : NG_FORMAT_PDF;
	else
		return -1;
	return 0;
}

static int parse_batch(int argc, char **argv, ng_batch_opts *o, const char **cols, size_t *ncols)
{
	static const char *const flags[] = {"--force", "--resume", "--quiet"};
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		size_t f = 0;
		while (f < 3 && strcmp(a, flags[f]) != 0)
			f++;
		if (f < 3) {
			*(f == 0 ? &o->force : f == 1 ? &o->resume : &o->progress) = f < 2;
		} else if (strcmp(a, "--encrypt") == 0) {
			o->encrypt = 1;
		} else if (strcmp(a, "--generate-passwords") == 0) {
			o->generate_passwords = 1;
		} else if (a[0] == '-' && a[1]) {
			if (i + 1 >= argc)
				return usage_error("missing value for", a);
			int rc = batch_value(o, a, argv[++i], cols, ncols);
			if (rc == -1)
				return usage_error("unknown batch option or bad value", a);
			if (rc)
				return rc;
		} else if (!o->input) {
			o->input = a;
		} else {
			return usage_error("more than one incident record", a);
		}
	}
	if (!o->input || !o->clients || !o->outdir)
		return usage_error("batch needs INCIDENT.yaml --clients LIST -o DIR", NULL);
	return o->jobs < 0 ? usage_error("--jobs takes a number of 1 or more", NULL) : NG_OK;
}

static int run_batch(int argc, char **argv)
{
	const char *cols[64];
	size_t ncols = 0;
	ng_batch_opts o = {.progress = 1};
	int rc = parse_batch(argc, argv, &o, cols, &ncols);
	if (rc != NG_OK)
		return rc;
	o.columns = cols;
	o.ncolumns = ncols;
	ng_diags *diags = ng_diags_new();
	ng_status st = ng_batch(&o, diags);
	ng_diags_print(diags, stderr, 0);
	ng_diags_free(diags);
	return (int)st;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "batch") == 0)
		return run_batch(argc - 2, argv + 2);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		return NG_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "init") == 0) {
		const char *t = NULL;
		if (argc == 4 && strcmp(argv[2], "--template") == 0)
			t = argv[3];
		else if (argc != 2)
			return usage_error("init takes only --template NAME", NULL);
		ng_diags *diags = ng_diags_new();
		ng_status st = ng_init(t, stdout, diags);
		ng_diags_print(diags, stderr, 0);
		ng_diags_free(diags);
		return (int)st;
	}
	if (argc >= 2 && strcmp(argv[1], "templates") == 0) {
		if (argc > 2)
			return usage_error("templates takes no arguments", argv[2]);
		ng_diags *diags = ng_diags_new();
		ng_status st = ng_list_templates(stdout, diags);
		ng_diags_print(diags, stderr, 0);
		ng_diags_free(diags);
		return (int)st;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("notice-gen %s\n", NG_VERSION);
		return NG_OK;
	}
	cli c = {0};
	int rc = parse_args(&c, argc, argv);
	if (rc != NG_OK)
		return rc;
	if (strcmp(c.verb, "check") == 0)
		return run_check(&c);
	ng_diags *diags = ng_diags_new();
	ng_status st = ng_render(&c.render, diags);
	ng_diags_print(diags, stderr, c.json);
	ng_diags_free(diags);
	return (int)st;
}
