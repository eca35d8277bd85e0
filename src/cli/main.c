/* main.c — the notice-gen command: picks the verb (render when the first
 * argument is none), prints help and usage errors, and runs getopt_long
 * for the verbs (verbs.c, batch.c). Uses only notice_gen.h. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Every environment variable the program reads, for --help and the man
 * page (keep the two in step). */
static const char env_text[] =
    N_("Environment:\n"
       "  NOTICE_GEN_HOME     folder holding templates/, data/ and fonts/ (default: the\n"
       "                      installed share/notice-gen beside the program)\n"
       "  SOURCE_DATE_EPOCH   seconds since 1970: the PDF's creation date (reproducible\n"
       "                      builds); default: the letter's date, 00:00 JST (snapshot\n"
       "                      always uses the letter's date)\n"
       "  FONTCONFIG_FILE, FONTCONFIG_PATH, FONTCONFIG_SYSROOT\n"
       "                      when set, fonts are found through fontconfig only, not at\n"
       "                      their Debian paths\n"
       "  LANG, LC_ALL, LC_MESSAGES, LANGUAGE\n"
       "                      ja_JP.UTF-8 (any ja locale): messages in Japanese\n"
       "  NOTICE_GEN_LOCALEDIR  where the message catalogues are (default:\n"
       "                      share/locale beside share/notice-gen)\n"
       "  PATH                where snapshot --png finds pdftoppm\n"
       "  NOTICE_GEN_CACHE    folder of font subsets and phrase breaks later runs reuse\n"
       "                      (default: $XDG_CACHE_HOME/notice-gen, else\n"
       "                      $HOME/.cache/notice-gen); off: none kept or read\n"
       "  For tests and measurements only:\n"
       "  NG_TEST_STOP_AFTER=N[:SIGNAL]  a batch worker stops itself after N letters\n"
       "  NG_TEST_ENOSPC_AFTER=N         a batch worker's writes fail (no space) after\n"
       "                                 N letters\n"
       "  NG_TEST_NO_NOREPLACE=1         a batch looks a letter's name up, then renames\n"
       "                                 (as where a rename cannot refuse a taken name)\n"
       "  NG_PDF_UNTAGGED=1              PDFs without structure (tags)\n"
       "  NG_PDF_NO_PAGE_MEMO=1          a batch makes every page and font subset anew\n"
       "  NG_PDF_HARU_SAVE=1             PDFs saved by libharu's own writer (same bytes)\n"
       "  NG_NO_THREADS=1                no helper thread: every step on the main one\n"
       "                                 (same bytes)\n");

static const char exit_text[] =
    N_("Exit codes: 0 done, 1 the record (or template, list) has errors, 2 usage error,\n"
       "3 a file could not be read or written or a font is missing, 4 batch: some\n"
       "letters failed or the run was interrupted; snapshot: 1 a letter differs.\n");

/* Seven columns wide in every language: the synopses' second lines are
 * indented to follow it. */
static const char usage_label[] = N_("usage: ");

static const cli_verb *find_verb(const char *name)
{
	for (const cli_verb *v = cli_verbs; v->name; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

int cli_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("notice-gen: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	const cli_verb *v = find_verb(verb ? verb : "render");
	fprintf(stderr, "\n%s%s", _(usage_label), v ? v->synopsis : "");
	fprintf(stderr, _("Try 'notice-gen help %s' for more.\n"), v ? v->name : "");
	return NG_ERR_USAGE;
}

int cli_help(const char *verb)
{
	const cli_verb *v = verb ? find_verb(verb) : NULL;
	if (v) {
		printf("%s%s\n%s\n%s", _(usage_label), v->synopsis, _(v->options), _(env_text));
		return NG_OK;
	}
	for (v = cli_verbs; v->name; v++)
		printf("%s%s", v == cli_verbs ? _(usage_label) : "       ", v->synopsis);
	printf("       notice-gen --version\n\n%s\n\n%s\n%s",
	       _("Writes Japanese personal-data incident letters from a YAML record.\n"
	         "'notice-gen help VERB' or 'notice-gen VERB --help' shows a verb's options;\n"
	         "'-' as the record reads standard input, as output writes standard output."),
	       _(env_text), _(exit_text));
	return NG_OK;
}

/* The option getopt rejected, as the user wrote it. */
static const char *bad_option(char **argv, char *buf, size_t n)
{
	const char *a = argv[optind - 1];
	if (optopt && optopt < 256 && !(a[0] == '-' && a[1] == '-')) {
		snprintf(buf, n, "-%c", optopt);
		return buf;
	}
	return a;
}

int cli_getopt(const char *verb, int argc, char **argv, const char *shortopts,
               const struct option *longopts, int (*on)(void *ctx, int code, const char *value),
               void *ctx)
{
	/* "-": operands come back in order (code 1), whatever POSIXLY_CORRECT
	 * says; ":": a missing value is ':' rather than glibc's message. */
	char opts[64];
	snprintf(opts, sizeof opts, "-:h%s", shortopts);
	optind = 0;
	opterr = 0;
	for (int c; (c = getopt_long(argc, argv, opts, longopts, NULL)) != -1;) {
		char buf[8];
		if (c == 'h')
			return cli_help(verb) == NG_OK ? -1 : NG_ERR_USAGE;
		if (c == '?')
			return cli_usage_error(verb, _("unknown option: %s"),
			                       bad_option(argv, buf, 8));
		if (c == ':')
			return cli_usage_error(verb, _("missing value for: %s"),
			                       bad_option(argv, buf, 8));
		int rc = on(ctx, c, optarg);
		if (rc != 0)
			return rc;
	}
	/* After "--": the rest are operands. */
	for (int i = optind; i < argc; i++) {
		int rc = on(ctx, 1, argv[i]);
		if (rc != 0)
			return rc;
	}
	return NG_OK;
}

int cli_finish(ng_diags *diags, ng_status st, int json)
{
	ng_diags_print(diags, stderr, json);
	ng_diags_free(diags);
	return (int)st;
}

/* Messages follow LC_ALL / LC_MESSAGES / LANG. Only LC_MESSAGES is set:
 * numbers in the PDF must not follow a locale's decimal comma. A
 * Japanese locale that is not generated on this system (no ja_JP.UTF-8
 * in `locale -a`, as in a slim container) still gets Japanese: gettext
 * then reads LANGUAGE under the C.UTF-8 locale glibc always has. */
static void set_language(void)
{
	if (setlocale(LC_MESSAGES, ""))
		return;
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		if (strncmp(v, "ja", 2) == 0 && setlocale(LC_MESSAGES, "C.UTF-8"))
			setenv("LANGUAGE", "ja", 0);
		return;
	}
}

int main(int argc, char **argv)
{
	set_language();
	cli_crash_report_install();
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return cli_help(NULL);
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("notice-gen %s\n", NG_VERSION);
		return NG_OK;
	}
	const cli_verb *v = argc >= 2 ? find_verb(argv[1]) : NULL;
	if (v)
		return v->run(argc - 1, argv + 1);
	/* The default verb: render, with argv[0] standing for it. */
	return find_verb("render")->run(argc, argv);
}
