/* snapshot.c — the snapshot verb: regression tests of rendered letters.
 * Options into ng_snapshot_opts, one ng_snapshot call. */
#include <stdlib.h>

#include "cli.h"

const char cli_snapshot_synopsis[] =
    "notice-gen snapshot [-u] [-d SNAPDIR] [--strict] [--png] [--junit FILE] PATH...\n";

const char cli_snapshot_options[] =
    N_("Renders every letter the records under PATH declare (files, or folders searched\n"
       "for incident.yaml / record YAML files; snapshot.yaml beside a record chooses its\n"
       "letters and client rows) and compares each with its snapshot: layout dump, text,\n"
       "page count, PDF sha256 and fonts. Exit 0 all match, 1 a letter differs.\n"
       "  -u, --update              write the snapshots that differ or are new, remove\n"
       "                            stale ones\n"
       "  -d, --dir=SNAPDIR         the snapshots' folder (default: snapshots)\n"
       "      --strict              new letters and stale snapshots fail too\n"
       "      --png                 page images of differing letters, before/after/diff\n"
       "                            (pdftoppm), in snapshot-diff/ beside the JUnit file\n"
       "      --junit=FILE          a JUnit XML report, one test case per letter\n"
       "  -h, --help                this help\n");

/* Long-only options, numbered apart from cli.h's shared codes. */
enum { OPT_STRICT = 512, OPT_PNG, OPT_JUNIT };

static const struct option snapshot_long[] = {
    {"update", no_argument, NULL, 'u'},
    {"dir", required_argument, NULL, 'd'},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"png", no_argument, NULL, OPT_PNG},
    {"junit", required_argument, NULL, OPT_JUNIT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct snapshot_cli {
	ng_snapshot_opts o;
	const char **paths;
} snapshot_cli;

static int snapshot_opt(void *ctx, int code, const char *v)
{
	snapshot_cli *c = ctx;
	switch (code) {
	case 1:
		c->paths[c->o.npaths++] = v;
		break;
	case 'u':
		c->o.update = 1;
		break;
	case 'd':
		c->o.dir = v;
		break;
	case OPT_STRICT:
		c->o.strict = 1;
		break;
	case OPT_PNG:
		c->o.png = 1;
		break;
	case OPT_JUNIT:
		c->o.junit = v;
		break;
	}
	return 0;
}

int cli_run_snapshot(int argc, char **argv)
{
	snapshot_cli c = {.paths = calloc((size_t)argc + 1, sizeof(const char *))};
	if (!c.paths)
		return NG_ERR_INTERNAL;
	c.o.paths = c.paths;
	int rc = cli_getopt("snapshot", argc, argv, "ud:", snapshot_long, snapshot_opt, &c);
	if (rc == NG_OK && c.o.npaths == 0)
		rc = cli_usage_error("snapshot",
		                     _("snapshot needs a record or a folder of records"));
	if (rc == NG_OK) {
		ng_diags *diags = ng_diags_new();
		rc = cli_finish(diags, ng_snapshot(&c.o, diags), 0);
	}
	free(c.paths);
	return rc < 0 ? NG_OK : rc;
}
