/* main.c — the notice-gen command: options into a struct, one library call,
 * diagnostics to stderr, the status as exit code. Uses only notice_gen.h. */
#include <stdio.h>
#include <string.h>

#include "notice_gen.h"

static const char usage_text[] =
    "usage: notice-gen [render] INCIDENT.yaml -o OUT [--template NAME|PATH]\n"
    "                  [--format pdf|txt] [--dump doc|layout]\n"
    "       notice-gen check INCIDENT.yaml [--format text|json]\n"
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
				return usage_error("--format takes pdf, txt (render) or text, json (check)", v);
		} else if (strcmp(a, "--dump") == 0) {
			if (!(v = opt_value(argc, argv, &i)) || parse_dump(c, v) != 0)
				return usage_error("--dump takes doc or layout", v);
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
	return NG_OK;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		return NG_OK;
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
	ng_diags *diags = ng_diags_new();
	ng_status st;
	if (strcmp(c.verb, "check") == 0)
		st = ng_check(c.render.input, diags);
	else
		st = ng_render(&c.render, diags);
	ng_diags_print(diags, stderr, c.json);
	ng_diags_free(diags);
	return (int)st;
}
