/* cli.h — what the notice-gen command's verbs share: the verb table's
 * entry type, usage errors, and printing a run's diagnostics. A verb
 * parses its options with getopt_long into the library's option struct
 * and makes one library call; nothing else lives in src/cli. */
#ifndef NG_CLI_H
#define NG_CLI_H

#include <getopt.h>

#include "notice_gen.h"

/* A user-visible string of the command, translated (po/ja.po); N_ marks
 * one for extraction where it is looked up later. */
#define _(s)  ng_translate(s)
#define N_(s) s

/* One verb: argv[0] is the verb's name (or "notice-gen" for the default
 * verb), the rest its arguments. Returns the exit code. */
typedef struct cli_verb {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *synopsis; /* the usage lines */
	const char *options;  /* the verb's options, one a line, for --help */
} cli_verb;

/* The verbs, NULL-name terminated (main.c). */
extern const cli_verb cli_verbs[];

/* Prints "notice-gen: MESSAGE" and the verb's usage line to stderr;
 * returns NG_ERR_USAGE. */
int cli_usage_error(const char *verb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints the verb's help (NULL: the whole command's) to stdout. */
int cli_help(const char *verb);

/* getopt_long over argv with the verb's options; for each option or
 * operand calls on(ctx, code, value) (operands come with code 1). Reports
 * unknown options and missing values as usage errors. Returns NG_OK, the
 * first non-zero result of on, or NG_ERR_USAGE. A result of -1 from on
 * means "--help was asked for and printed": cli_getopt then returns -1. */
int cli_getopt(const char *verb, int argc, char **argv, const char *shortopts,
               const struct option *longopts, int (*on)(void *ctx, int code, const char *value),
               void *ctx);

/* Makes a crash (SIGSEGV, SIGABRT, …) print what happened and the stack
 * before the process dies as it would have (crash.c). */
void cli_crash_report_install(void);

/* Prints diags to stderr (as JSON lines when json), frees them, returns st. */
int cli_finish(ng_diags *diags, ng_status st, int json);

/* Long-only option codes, shared by the verbs' tables. */
enum {
	OPT_DUMP = 256,
	OPT_ENCRYPT,
	OPT_USER_PW,
	OPT_OWNER_PW,
	OPT_SHARD,
	OPT_MERGE,
	OPT_ENCODING,
	OPT_COLUMN,
	OPT_FORCE,
	OPT_RESUME,
	OPT_GENERATE_PW,
	OPT_PDFA,
	OPT_TEMPLATE_DIR,
	OPT_COUNT,
};

#endif
