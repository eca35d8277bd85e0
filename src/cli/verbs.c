/* verbs.c — the verbs of one record: render (the default), check, init,
 * templates and help, and the verb table. Each turns its options into the
 * library's option struct and makes one library call. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

/* ---- formats: names and file extensions */

static const struct {
	const char *name;
	ng_format format;
} formats[] = {{"pdf", NG_FORMAT_PDF}, {"txt", NG_FORMAT_TXT}, {"md", NG_FORMAT_MD}};

static int format_by_name(const char *name, ng_format *f)
{
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (strcasecmp(formats[i].name, name) == 0) {
			*f = formats[i].format;
			return 0;
		}
	return -1;
}

/* The format an output file's extension names; -1 when it names none. */
static int format_by_extension(const char *path, ng_format *f)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	return dot && dot[1] ? format_by_name(dot + 1, f) : -1;
}

/* ---- render */

typedef struct render_cli {
	ng_render_opts o;
	int format_given, json;
} render_cli;

static const struct option render_long[] = {
    {"output", required_argument, NULL, 'o'},
    {"template", required_argument, NULL, 't'},
    {"format", required_argument, NULL, 'f'},
    {"dump", required_argument, NULL, OPT_DUMP},
    {"encrypt", no_argument, NULL, 'e'},
    {"user-password-file", required_argument, NULL, OPT_USER_PW},
    {"owner-password-file", required_argument, NULL, OPT_OWNER_PW},
    {"pdfa", no_argument, NULL, OPT_PDFA},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int render_format(render_cli *c, const char *v)
{
	c->format_given = 1;
	/* text and json choose how diagnostics print, as with check. */
	if (strcmp(v, "json") == 0 || strcmp(v, "text") == 0) {
		c->json = v[0] == 'j';
		c->format_given = 0;
		return 0;
	}
	if (format_by_name(v, &c->o.format) == 0)
		return 0;
	return cli_usage_error("render", _("--format takes pdf, txt or md, not: %s"), v);
}

static int render_opt(void *ctx, int code, const char *v)
{
	render_cli *c = ctx;
	switch (code) {
	case 1:
		if (c->o.input)
			return cli_usage_error("render", _("more than one incident record: %s"), v);
		c->o.input = v;
		return 0;
	case 'o':
		c->o.output = v;
		return 0;
	case 't':
		c->o.templ = v;
		return 0;
	case 'f':
		return render_format(c, v);
	case 'e':
		c->o.encrypt = 1;
		return 0;
	case OPT_PDFA:
		c->o.pdfa = 1;
		return 0;
	case OPT_USER_PW:
		c->o.user_password_file = v;
		return 0;
	case OPT_OWNER_PW:
		c->o.owner_password_file = v;
		return 0;
	case OPT_DUMP:
		if (strcmp(v, "doc") == 0)
			c->o.dump = NG_DUMP_DOC;
		else if (strcmp(v, "layout") == 0)
			c->o.dump = NG_DUMP_LAYOUT;
		else
			return cli_usage_error("render", _("--dump takes doc or layout, not: %s"),
			                       v);
		return 0;
	}
	return NG_ERR_USAGE;
}

/* The checks that need every option: output given, its format known. */
static int render_finish_opts(render_cli *c, const char *verb)
{
	if (!c->o.input)
		return cli_usage_error(verb, _("no incident record given"));
	if (!c->o.output)
		return cli_usage_error(verb, _("no output given (use -o FILE, or -o - for "
		                               "standard output)"));
	if (!c->o.encrypt && (c->o.user_password_file || c->o.owner_password_file))
		return cli_usage_error(verb, _("a password file needs --encrypt"));
	if (!c->format_given && !c->o.dump && strcmp(c->o.output, "-") != 0 &&
	    format_by_extension(c->o.output, &c->o.format) != 0)
		return cli_usage_error(verb,
		                       _("cannot tell the format from the name %s: end it in "
		                         ".pdf, .txt or .md, or give --format pdf|txt|md"),
		                       c->o.output);
	/* A PDF is binary: not onto a terminal (a dump or text is fine). */
	if (strcmp(c->o.output, "-") == 0 && c->o.format == NG_FORMAT_PDF && !c->o.dump &&
	    isatty(STDOUT_FILENO))
		return cli_usage_error(verb, _("not writing a PDF to a terminal: redirect "
		                               "standard output, or give -o FILE"));
	return NG_OK;
}

static int parse_render(render_cli *c, const char *verb, int argc, char **argv)
{
	int rc = cli_getopt(verb, argc, argv, "o:t:f:e", render_long, render_opt, c);
	return rc != NG_OK ? rc : render_finish_opts(c, verb);
}

static int run_render(int argc, char **argv)
{
	render_cli c = {0};
	int rc = parse_render(&c, "render", argc, argv);
	if (rc != NG_OK)
		return rc < 0 ? NG_OK : rc;
	ng_diags *diags = ng_diags_new();
	return cli_finish(diags, ng_render(&c.o, diags), c.json);
}

/* ---- watch: render on every change of the record or its templates */

typedef struct watch_cli {
	render_cli r;
	ng_watch_opts w;
} watch_cli;

static const struct option watch_long[] = {
    {"output", required_argument, NULL, 'o'}, {"template", required_argument, NULL, 't'},
    {"format", required_argument, NULL, 'f'}, {"count", required_argument, NULL, OPT_COUNT},
    {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
};

static int watch_opt(void *ctx, int code, const char *v)
{
	watch_cli *c = ctx;
	if (code != OPT_COUNT)
		return render_opt(&c->r, code, v);
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || end == v || n < 0 || n > 1000000)
		return cli_usage_error("watch", _("--count takes a number of 0 or more, not: %s"),
		                       v);
	c->w.count = (int)n;
	return 0;
}

/* After each render: its diagnostics, then one line on standard output. */
static void watched(void *ctx, int n, ng_status st, const ng_diags *diags)
{
	const watch_cli *c = ctx;
	ng_diags_print(diags, stderr, c->r.json);
	fflush(stderr);
	if (st == NG_OK)
		printf(_("watch: %d: wrote %s\n"), n, c->r.o.output);
	else
		printf(_("watch: %d: not written (exit code %d); %s is unchanged\n"), n, (int)st,
		       c->r.o.output);
	fflush(stdout);
}

static int run_watch(int argc, char **argv)
{
	watch_cli c = {0};
	int rc = cli_getopt("watch", argc, argv, "o:t:f:", watch_long, watch_opt, &c);
	if (rc == NG_OK)
		rc = render_finish_opts(&c.r, "watch");
	if (rc != NG_OK)
		return rc < 0 ? NG_OK : rc;
	if (strcmp(c.r.o.input, "-") == 0 || strcmp(c.r.o.output, "-") == 0)
		return cli_usage_error("watch", _("watch reads and writes files, not '-'"));
	c.w.render = c.r.o;
	c.w.rendered = watched;
	c.w.ctx = &c;
	ng_diags *diags = ng_diags_new();
	return cli_finish(diags, ng_watch(&c.w, diags), c.r.json);
}

/* ---- check */

typedef struct check_cli {
	ng_check_opts o;
} check_cli;

static const struct option check_long[] = {
    {"format", required_argument, NULL, 'f'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int check_opt(void *ctx, int code, const char *v)
{
	check_cli *c = ctx;
	if (code == 1 && c->o.input)
		return cli_usage_error("check", _("more than one incident record: %s"), v);
	if (code == 1)
		c->o.input = v;
	else if (strcmp(v, "json") == 0 || strcmp(v, "text") == 0)
		c->o.json = v[0] == 'j';
	else
		return cli_usage_error("check", _("--format takes text or json, not: %s"), v);
	return 0;
}

/* check: the diagnostics (stderr) first, then the summary (stdout), which
 * is collected in memory so that it follows them on a terminal. */
static int run_check(int argc, char **argv)
{
	check_cli c = {0};
	int rc = cli_getopt("check", argc, argv, "f:", check_long, check_opt, &c);
	if (rc != NG_OK)
		return rc < 0 ? NG_OK : rc;
	if (!c.o.input)
		return cli_usage_error("check", _("no incident record given"));
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return NG_ERR_IO;
	ng_diags *diags = ng_diags_new();
	c.o.summary = mem;
	ng_status st = ng_check_run(&c.o, diags);
	fclose(mem);
	ng_diags_print(diags, stderr, c.o.json);
	fflush(stderr);
	if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
		st = st == NG_OK ? NG_ERR_IO : st;
	free(text);
	ng_diags_free(diags);
	return (int)st;
}

/* ---- init, templates, help */

static const struct option init_long[] = {
    {"template", required_argument, NULL, 't'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int init_opt(void *ctx, int code, const char *v)
{
	if (code == 1)
		return cli_usage_error("init", _("init takes no operand: %s"), v);
	*(const char **)ctx = v;
	return 0;
}

static int run_init(int argc, char **argv)
{
	const char *templ = NULL;
	int rc = cli_getopt("init", argc, argv, "t:", init_long, init_opt, &templ);
	if (rc != NG_OK)
		return rc < 0 ? NG_OK : rc;
	ng_diags *diags = ng_diags_new();
	return cli_finish(diags, ng_init(templ, stdout, diags), 0);
}

static const struct option bare_long[] = {
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int no_operand(void *ctx, int code, const char *v)
{
	(void)code;
	return cli_usage_error(ctx, _("%s takes no operand: %s"), (const char *)ctx, v);
}

static int run_templates(int argc, char **argv)
{
	int rc = cli_getopt("templates", argc, argv, "", bare_long, no_operand, "templates");
	if (rc != NG_OK)
		return rc < 0 ? NG_OK : rc;
	ng_diags *diags = ng_diags_new();
	return cli_finish(diags, ng_list_templates(stdout, diags), 0);
}

static int help_opt(void *ctx, int code, const char *v)
{
	(void)code;
	const char **verb = ctx;
	if (*verb)
		return cli_usage_error("help", _("help takes one verb: %s"), v);
	*verb = v;
	return 0;
}

static int run_help(int argc, char **argv)
{
	const char *verb = NULL;
	int rc = cli_getopt("help", argc, argv, "", bare_long, help_opt, &verb);
	if (rc != NG_OK)
		return rc < 0 ? NG_OK : rc;
	if (!verb)
		return cli_help(NULL);
	for (const cli_verb *v = cli_verbs; v->name; v++)
		if (strcmp(v->name, verb) == 0)
			return cli_help(verb);
	return cli_usage_error("help", _("no verb named: %s"), verb);
}

/* ---- the table */

int cli_run_batch(int argc, char **argv); /* batch.c */
extern const char cli_batch_synopsis[], cli_batch_options[];
int cli_run_snapshot(int argc, char **argv);
extern const char cli_snapshot_synopsis[], cli_snapshot_options[];

const cli_verb cli_verbs[] = {
    {"render", run_render,
     "notice-gen [render] INCIDENT.yaml -o OUT [-t NAME|PATH] [-f pdf|txt|md]\n"
     "                  [--dump doc|layout]\n"
     "                  [-e --user-password-file FILE [--owner-password-file FILE]]\n"
     "                  [--pdfa]\n",
     N_("Writes one letter. OUT's extension (.pdf, .txt, .md) gives the format unless\n"
        "--format does; '-o -' writes standard output; '-' as INCIDENT reads standard input.\n"
        "  -o, --output=OUT          the letter (replaced atomically, mode 0600)\n"
        "  -t, --template=NAME|PATH  a built-in template or a .tmpl file\n"
        "                            (default: the record's letter.template, else client-notice)\n"
        "  -f, --format=pdf|txt|md   PDF, plain text (an e-mail) or Markdown (a web page);\n"
        "                            text|json: how diagnostics print\n"
        "      --dump=doc|layout     the block tree or the placed lines instead of the letter\n"
        "  -e, --encrypt             AES-256 (needs --user-password-file)\n"
        "      --user-password-file=FILE   the password that opens the letter (first line)\n"
        "      --owner-password-file=FILE  the owner password (default: random)\n"
        "      --pdfa                PDF/A-2u (archival; not with --encrypt)\n"
        "  -h, --help                this help\n")},
    {"check", run_check, "notice-gen check INCIDENT.yaml [-f text|json]\n",
     N_("Validates a record and prints a summary: categories, deadlines, required items.\n"
        "  -f, --format=text|json    the summary and diagnostics as text or JSON lines\n"
        "  -h, --help                this help\n")},
    {"batch", cli_run_batch, cli_batch_synopsis, cli_batch_options},
    {"watch", run_watch,
     "notice-gen watch INCIDENT.yaml -o OUT [-t NAME|PATH] [-f pdf|txt|md] [--count N]\n",
     N_("Renders like render, then again whenever the record or a template changes\n"
        "(keep a PDF viewer open on OUT). Each time: the diagnostics on standard error,\n"
        "one line on standard output. A failed render keeps the previous OUT.\n"
        "  -o, --output=OUT          the letter\n"
        "  -t, --template=NAME|PATH  a built-in template or a .tmpl file\n"
        "  -f, --format=pdf|txt|md   the format (default: from OUT's extension)\n"
        "      --count=N             stop after N renders (default 0: until Ctrl-C)\n"
        "  -h, --help                this help\n")},
    {"snapshot", cli_run_snapshot, cli_snapshot_synopsis, cli_snapshot_options},
    {"init", run_init, "notice-gen init [-t NAME] > incident.yaml\n",
     N_("Prints a commented starter record for a built-in template.\n"
        "  -t, --template=NAME       the template it is for (default: client-notice)\n"
        "  -h, --help                this help\n")},
    {"templates", run_templates, "notice-gen templates\n",
     N_("Lists the built-in templates, one a line, with a description.\n"
        "  -h, --help                this help\n")},
    {"help", run_help, "notice-gen help [VERB]\n", N_("Shows the command's or a verb's usage.\n")},
    {NULL, NULL, NULL, NULL},
};
