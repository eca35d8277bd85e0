/* batch.c — the batch verb: a letter per client row. Options into
 * ng_batch_opts, one ng_batch call. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { MAX_COLUMNS = 64 };

const char cli_batch_synopsis[] =
    "notice-gen batch INCIDENT.yaml -c LIST.csv|LIST.yaml -o DIR [-t NAME|PATH]\n"
    "                  [-j N] [--shard K/N] [--merge PRINT.pdf] [--encoding NAME]\n"
    "                  [--column HEADER=field] [--force] [--resume] [-q] [-f pdf|txt]\n"
    "                  [-e [--generate-passwords] [--owner-password-file FILE]] [--pdfa]\n";

const char cli_batch_options[] =
    N_("Writes one letter per row of the client list into DIR, with manifest.csv and\n"
       "manifest.json; a bad row is reported and the others still go out (exit 4).\n"
       "  -c, --clients=LIST        CSV (UTF-8 or CP932, as Excel saves it) or a YAML list\n"
       "  -o, --output=DIR          the output folder\n"
       "  -t, --template=NAME|PATH  the template for rows without a template column\n"
       "      --template-dir=DIR    where a template column's paths may point (default:\n"
       "                            the record's folder)\n"
       "  -j, --jobs=N              worker processes (default: one per core)\n"
       "      --shard=K/N           only rows with (row - 1) mod N = K - 1\n"
       "      --merge=PRINT.pdf     also one print PDF of every letter, and PRINT.csv\n"
       "      --encoding=NAME       the list's encoding (default: detected)\n"
       "      --column=HEADER=field map a header to a field (repeatable)\n"
       "      --force               replace existing letters, start an unfinished run anew\n"
       "      --resume              finish an interrupted run\n"
       "  -q, --quiet               no progress line\n"
       "  -f, --format=pdf|txt      the letters' format (default: pdf)\n"
       "  -e, --encrypt             AES-256 letters, each with its row's password column\n"
       "      --generate-passwords  make passwords for rows without one (DIR/passwords.csv)\n"
       "      --owner-password-file=FILE  the owner password (default: random per letter)\n"
       "      --pdfa                every letter PDF/A-2u (archival; not with --encrypt)\n"
       "  -h, --help                this help\n");

static const struct option batch_long[] = {
    {"clients", required_argument, NULL, 'c'},
    {"output", required_argument, NULL, 'o'},
    {"template", required_argument, NULL, 't'},
    {"jobs", required_argument, NULL, 'j'},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"merge", required_argument, NULL, OPT_MERGE},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"column", required_argument, NULL, OPT_COLUMN},
    {"force", no_argument, NULL, OPT_FORCE},
    {"resume", no_argument, NULL, OPT_RESUME},
    {"quiet", no_argument, NULL, 'q'},
    {"format", required_argument, NULL, 'f'},
    {"encrypt", no_argument, NULL, 'e'},
    {"generate-passwords", no_argument, NULL, OPT_GENERATE_PW},
    {"owner-password-file", required_argument, NULL, OPT_OWNER_PW},
    {"pdfa", no_argument, NULL, OPT_PDFA},
    {"template-dir", required_argument, NULL, OPT_TEMPLATE_DIR},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct batch_cli {
	ng_batch_opts o;
	const char *cols[MAX_COLUMNS];
	size_t ncols;
} batch_cli;

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

static int parse_jobs(const char *v, ng_batch_opts *o)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || end == v || n < 1 || n > 4096)
		return cli_usage_error("batch", _("--jobs takes a number of 1 or more, not: %s"),
		                       v);
	o->jobs = (int)n;
	return 0;
}

/* Options that only set a string or a flag: where each one goes. */
static const char **string_slot(batch_cli *c, int code)
{
	switch (code) {
	case 'c':
		return &c->o.clients;
	case 'o':
		return &c->o.outdir;
	case 't':
		return &c->o.templ;
	case OPT_MERGE:
		return &c->o.merge;
	case OPT_ENCODING:
		return &c->o.encoding;
	case OPT_OWNER_PW:
		return &c->o.owner_password_file;
	case OPT_TEMPLATE_DIR:
		return &c->o.template_dir;
	}
	return NULL;
}

static int *flag_slot(batch_cli *c, int code)
{
	switch (code) {
	case OPT_FORCE:
		return &c->o.force;
	case OPT_RESUME:
		return &c->o.resume;
	case 'e':
		return &c->o.encrypt;
	case OPT_GENERATE_PW:
		return &c->o.generate_passwords;
	case OPT_PDFA:
		return &c->o.pdfa;
	}
	return NULL;
}

static int batch_opt(void *ctx, int code, const char *v)
{
	batch_cli *c = ctx;
	const char **s = string_slot(c, code);
	int *flag = flag_slot(c, code);
	if (s)
		*s = v;
	else if (flag)
		*flag = 1;
	else if (code == 'q')
		c->o.progress = 0;
	else if (code == 'j')
		return parse_jobs(v, &c->o);
	else if (code == OPT_SHARD && parse_shard(v, &c->o) != 0)
		return cli_usage_error("batch", _("--shard takes K/N (1 <= K <= N), not: %s"), v);
	else if (code == OPT_COLUMN && c->ncols == MAX_COLUMNS)
		return cli_usage_error("batch", _("at most %d --column options"), MAX_COLUMNS);
	else if (code == OPT_COLUMN)
		c->cols[c->ncols++] = v;
	else if (code == 'f' && (strcmp(v, "pdf") == 0 || strcmp(v, "txt") == 0))
		c->o.format = v[0] == 't' ? NG_FORMAT_TXT : NG_FORMAT_PDF;
	else if (code == 'f')
		return cli_usage_error("batch", _("--format takes pdf or txt, not: %s"), v);
	else if (code == 1 && c->o.input)
		return cli_usage_error("batch", _("more than one incident record: %s"), v);
	else if (code == 1)
		c->o.input = v;
	return 0;
}

int cli_run_batch(int argc, char **argv)
{
	batch_cli c = {.o = {.progress = 1}};
	int rc = cli_getopt("batch", argc, argv, "c:o:t:j:qf:e", batch_long, batch_opt, &c);
	if (rc != NG_OK)
		return rc < 0 ? NG_OK : rc;
	if (!c.o.input || !c.o.clients || !c.o.outdir)
		return cli_usage_error("batch",
		                       _("batch needs INCIDENT.yaml --clients LIST -o DIR"));
	c.o.columns = c.cols;
	c.o.ncolumns = c.ncols;
	ng_diags *diags = ng_diags_new();
	return cli_finish(diags, ng_batch(&c.o, diags), 0);
}
