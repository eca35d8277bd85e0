/* test_cli.c — end to end through the notice-gen binary: the reference
 * example renders to a PDF whose text layer (pdftotext) holds every
 * sentence of the letter exactly and in order, with no poppler warnings, whose fonts
 * are embedded subsets with Unicode maps, that qpdf finds clean, and that
 * is byte-identical on a second render; bad input exits non-zero at
 * file:line:col and leaves no file behind. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#define assert_near(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))

#include "util/util.h"

#define EXAMPLE   NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"
#define SENTENCES NG_SOURCE_DIR "/tests/golden/shaamu-2023/sentences.txt"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/ng-cli-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Runs a shell command; stdout and stderr into the buffers (may be NULL).
 * Returns the exit status. */
static int run(const char *cmd, ng_buf *out, ng_buf *err)
{
	char o[128], e[128], full[4096];
	snprintf(o, sizeof o, "%s/stdout", tmpdir);
	snprintf(e, sizeof e, "%s/stderr", tmpdir);
	snprintf(full, sizeof full, "%s >'%s' 2>'%s'", cmd, o, e);
	int st = system(full);
	char *data;
	size_t len;
	if (out && ng_read_file(o, 1 << 26, &data, &len) == 0) {
		ng_buf_add(out, data, len);
		free(data);
	}
	if (err && ng_read_file(e, 1 << 26, &data, &len) == 0) {
		ng_buf_add(err, data, len);
		free(data);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void render(const char *input, const char *out, int expect)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "'%s' '%s' -o '%s'", NG_BINARY, input, out);
	ng_buf err = {0};
	int rc = run(cmd, NULL, &err);
	if (rc != expect)
		fail_msg("%s exited %d, expected %d: %s", cmd, rc, expect, err.data);
	ng_buf_free(&err);
}

/* Joins lines: removes line and page breaks, nothing else. Spaces stay,
 * so a space the text layer made up ("令和 5 年" from the ¼-em gap between
 * kanji and digits) fails the comparison: the text layer must be exact. */
static void squeeze(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++)
		if (*r != '\n' && *r != '\f' && *r != '\r')
			*w++ = *r;
	*w = '\0';
}

static void every_sentence_in_order(void **state)
{
	(void)state;
	char pdf[128], cmd[512];
	snprintf(pdf, sizeof pdf, "%s/letter.pdf", tmpdir);
	render(EXAMPLE, pdf, 0);
	ng_buf text = {0}, err = {0};
	snprintf(cmd, sizeof cmd, "pdftotext '%s' -", pdf);
	assert_int_equal(run(cmd, &text, &err), 0);
	assert_int_equal(err.len, 0); /* no poppler warnings */
	squeeze(text.data);
	FILE *f = fopen(SENTENCES, "r");
	assert_non_null(f);
	char line[4096];
	const char *at = text.data;
	int n = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		squeeze(line);
		const char *hit = strstr(at, line);
		if (!hit)
			fail_msg("sentence %d not found in order: %s\n(text from there: %.300s)",
			         n + 1, line, at);
		at = hit + strlen(line);
		n++;
	}
	fclose(f);
	assert_true(n > 80);
	ng_buf_free(&text);
	ng_buf_free(&err);
}

static void byte_identical_and_clean(void **state)
{
	(void)state;
	char a[128], b[128], cmd[512];
	snprintf(a, sizeof a, "%s/a.pdf", tmpdir);
	snprintf(b, sizeof b, "%s/b.pdf", tmpdir);
	render(EXAMPLE, a, 0);
	render(EXAMPLE, b, 0);
	snprintf(cmd, sizeof cmd, "cmp '%s' '%s'", a, b);
	assert_int_equal(run(cmd, NULL, NULL), 0);
	snprintf(cmd, sizeof cmd, "qpdf --check '%s'", a);
	assert_int_equal(run(cmd, NULL, NULL), 0);
	ng_buf out = {0};
	snprintf(cmd, sizeof cmd, "pdffonts '%s' | tail -n +3", a);
	assert_int_equal(run(cmd, &out, NULL), 0);
	int fonts = 0;
	for (char *l = strtok(out.data, "\n"); l; l = strtok(NULL, "\n")) {
		/* name type encoding emb sub uni object ID */
		char name[128], t1[32], t2[32], enc[32], emb[8], sub[8], uni[8];
		assert_int_equal(
		    sscanf(l, "%127s %31s %31s %31s %7s %7s %7s", name, t1, t2, enc, emb, sub, uni),
		    7);
		assert_string_equal(emb, "yes");
		assert_string_equal(sub, "yes");
		assert_string_equal(uni, "yes");
		fonts++;
	}
	assert_int_equal(fonts, 2); /* IPAex Mincho and Gothic */
	ng_buf_free(&out);
}

static void bad_input_leaves_nothing(void **state)
{
	(void)state;
	static const char *const cases[] = {"syntax", "missing-field", "unknown-key", "bad-date"};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		char in[256], out[128], cmd[1024];
		snprintf(in, sizeof in, "%s/tests/bad/%s.yaml", NG_SOURCE_DIR, cases[i]);
		snprintf(out, sizeof out, "%s/bad-%s.pdf", tmpdir, cases[i]);
		snprintf(cmd, sizeof cmd, "'%s' '%s' -o '%s'", NG_BINARY, in, out);
		ng_buf err = {0};
		assert_int_equal(run(cmd, NULL, &err), 1);
		char want[300];
		snprintf(want, sizeof want, "%s:", in);
		assert_non_null(strstr(err.data, want));
		assert_non_null(strstr(err.data, ": error: "));
		assert_int_equal(access(out, F_OK), -1);
		ng_buf_free(&err);
	}
}

/* A record whose text has a character the fonts cannot draw. */
static void write_record_with(const char *path, const char *title)
{
	char *data;
	size_t len;
	assert_int_equal(
	    ng_read_file(NG_SOURCE_DIR "/tests/golden/minimal.yaml", 1 << 20, &data, &len), 0);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	const char *mark = strstr(data, "title: ");
	assert_non_null(mark);
	const char *eol = strchr(mark, '\n');
	fwrite(data, 1, (size_t)(mark - data), f);
	fprintf(f, "title: %s", title);
	fputs(eol, f);
	fclose(f);
	free(data);
}

static void missing_glyph_is_an_error(void **state)
{
	(void)state;
	static const struct {
		const char *title, *want;
	} cases[] = {
	    {"お知らせ😀", "U+1F600"},           /* above U+FFFF: libharu cannot draw it */
	    {"お知らせ\xe2\xbf\xbf", "U+2FFF"}, /* not in IPAex */
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		char in[128], out[128], cmd[512];
		snprintf(in, sizeof in, "%s/glyph.yaml", tmpdir);
		snprintf(out, sizeof out, "%s/glyph.pdf", tmpdir);
		write_record_with(in, cases[i].title);
		snprintf(cmd, sizeof cmd, "'%s' '%s' -o '%s'", NG_BINARY, in, out);
		ng_buf err = {0};
		assert_int_equal(run(cmd, NULL, &err), 1);
		assert_non_null(strstr(err.data, cases[i].want));
		/* Reported where the title's value starts, plus 4 characters. */
		assert_non_null(strstr(err.data, "glyph.yaml:4:"));
		assert_int_equal(access(out, F_OK), -1);
		ng_buf_free(&err);
	}
}

static void usage_errors(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof cmd, "'%s' '%s'", NG_BINARY, EXAMPLE);
	assert_int_equal(run(cmd, NULL, NULL), 2); /* no -o */
	snprintf(cmd, sizeof cmd, "'%s' --bogus", NG_BINARY);
	assert_int_equal(run(cmd, NULL, NULL), 2);
	snprintf(cmd, sizeof cmd, "'%s' /nonexistent.yaml -o /tmp/x.pdf", NG_BINARY);
	assert_int_equal(run(cmd, NULL, NULL), 3); /* I/O error */
}

/* `init --template NAME` prints a record that passes check and renders,
 * for every built-in template. */
static void init_starters_check_and_render(void **state)
{
	(void)state;
	static const char *const names[] = {"client-notice", "individual-notice", "public-notice",
	                                    "ppc-report"};
	for (size_t i = 0; i < NG_ARRAY_LEN(names); i++) {
		char cmd[2048];
		snprintf(cmd, sizeof cmd,
		         "'%s' init --template %s > '%s/init.yaml' && '%s' check '%s/init.yaml' && "
		         "'%s' '%s/init.yaml' -o '%s/init.pdf'",
		         NG_BINARY, names[i], tmpdir, NG_BINARY, tmpdir, NG_BINARY, tmpdir, tmpdir);
		ng_buf err = {0};
		int rc = run(cmd, NULL, &err);
		if (rc != 0)
			fail_msg("%s: exit %d: %s", names[i], rc, err.data);
		/* a starter draws no warning about itself (no 頭語 in a 公表文, no
		 * addressee on the PPC worksheet) */
		if (err.data && strstr(err.data, "warning"))
			fail_msg("%s: the starter draws warnings:\n%s", names[i], err.data);
		ng_buf_free(&err);
		/* under a Japanese locale the comments are Japanese, the record
		 * the same to the byte once they are taken out */
		snprintf(
		    cmd, sizeof cmd,
		    "env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=ja_JP.UTF-8 '%s' init "
		    "--template %s > '%s/init-ja.yaml' && grep -q 'ひな形' '%s/init-ja.yaml' && "
		    "! grep -q 'A starter incident record' '%s/init-ja.yaml' && "
		    "sed 's/ *#.*//' '%s/init.yaml' > '%s/init-a.txt' && "
		    "sed 's/ *#.*//' '%s/init-ja.yaml' > '%s/init-b.txt' && cmp '%s/init-a.txt' "
		    "'%s/init-b.txt' && "
		    "'%s' check '%s/init-ja.yaml'",
		    NG_BINARY, names[i], tmpdir, tmpdir, tmpdir, tmpdir, tmpdir, tmpdir, tmpdir,
		    tmpdir, tmpdir, NG_BINARY, tmpdir);
		rc = run(cmd, NULL, &err);
		if (rc != 0)
			fail_msg("%s in Japanese: exit %d: %s", names[i], rc, err.data);
		ng_buf_free(&err);
	}
	char cmd[256];
	snprintf(cmd, sizeof cmd, "'%s' init --template no-such", NG_BINARY);
	assert_int_equal(run(cmd, NULL, NULL), 2);
}

/* The public notice as Markdown (a web page) and text (an e-mail). */
static void public_notice_md_and_txt(void **state)
{
	(void)state;
	char cmd[1024];
	ng_buf md = {0}, txt = {0};
	snprintf(cmd, sizeof cmd, "'%s' '%s' --template public-notice --format md -o -", NG_BINARY,
	         EXAMPLE);
	assert_int_equal(run(cmd, &md, NULL), 0);
	assert_non_null(
	    strstr(md.data, "\n# 当社利用ソフトのランサムウェア感染被害に関するお詫びとお知らせ"));
	assert_non_null(strstr(md.data, "\n### 1. 概要\n"));
	assert_non_null(strstr(md.data, "| 6/5（月）午後 | 外部の"));
	assert_non_null(strstr(md.data, "[電話：03-3261-4911](tel:03-3261-4911)"));
	snprintf(cmd, sizeof cmd, "'%s' '%s' --template public-notice --format txt -o -", NG_BINARY,
	         EXAMPLE);
	assert_int_equal(run(cmd, &txt, NULL), 0);
	/* Paragraphs are unwrapped: a whole sentence on one line. */
	assert_non_null(strstr(txt.data,
	                       "　令和5年6月5日（月）未明、MKシステム情報ネットワーク内の"
	                       "複数のサーバがサイバー攻撃を受け、サーバ上のデータが暗号化"
	                       "されました。"));
	assert_null(strstr(txt.data, "[")); /* no Markdown in text */
	ng_buf_free(&md);
	ng_buf_free(&txt);
}

/* The example with a 角印: the record names seal.png beside it. */
static void write_sealed(const char *seal)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
	         "sed '0,/^  phone: 03-3261-4911$/s//&\\n  seal: %s/' "
	         "'%s' > '%s/sealed.yaml' && cp '%s/examples/shaamu-2023/seal.png' '%s/'",
	         seal, EXAMPLE, tmpdir, NG_SOURCE_DIR, tmpdir);
	assert_int_equal(run(cmd, NULL, NULL), 0);
}

/* The seal stands right of the sender's name over half its last
 * character; the PDF holds it as an image with a soft mask. */
static void seal_position(void **state)
{
	(void)state;
	write_sealed("seal.png");
	char cmd[1024];
	ng_buf dump = {0}, imgs = {0};
	snprintf(cmd, sizeof cmd, "'%s' '%s/sealed.yaml' --dump layout -o -", NG_BINARY, tmpdir);
	assert_int_equal(run(cmd, &dump, NULL), 0);
	const char *line = strstr(dump.data, "| 社会保険労務士法人 小林労務\n");
	assert_non_null(line);
	while (line > dump.data && line[-1] != '\n')
		line--;
	double x, y, w, ix, iy, iw, ih;
	assert_int_equal(sscanf(line, "%*d %*d x=%lf y=%lf w=%lf", &x, &y, &w), 3);
	const char *img = strstr(dump.data, " image ");
	assert_non_null(img);
	assert_int_equal(sscanf(img, " image x=%lf y=%lf w=%lf h=%lf", &ix, &iy, &iw, &ih), 4);
	/* half of the last character (10.5 pt) is under the seal */
	assert_near(ix, x + w - 5.25, 0.01);
	/* centred on the line's em box, 18 mm square */
	assert_near(iy + ih / 2, y - 0.88 * 10.5 + 5.25, 0.01);
	assert_near(iw, 18 * 72 / 25.4, 0.01);
	snprintf(cmd, sizeof cmd,
	         "'%s' '%s/sealed.yaml' -o '%s/sealed.pdf' && pdfimages -list '%s/sealed.pdf'",
	         NG_BINARY, tmpdir, tmpdir, tmpdir);
	assert_int_equal(run(cmd, &imgs, NULL), 0);
	assert_non_null(strstr(imgs.data, " image "));
	assert_non_null(strstr(imgs.data, " smask "));
	/* a seal that is not there is an error at its line, and no file */
	write_sealed("no-such.png");
	ng_buf err = {0};
	snprintf(cmd, sizeof cmd, "'%s' '%s/sealed.yaml' -o '%s/nothing.pdf'", NG_BINARY, tmpdir,
	         tmpdir);
	assert_int_equal(run(cmd, NULL, &err), 1);
	assert_non_null(strstr(err.data, "sealed.yaml:45:9: error: 'seal'"));
	ng_buf_free(&err);
	ng_buf_free(&dump);
	ng_buf_free(&imgs);
}

/* Every heading is a bookmark, nested by level, opening its page. */
static void bookmarks(void **state)
{
	(void)state;
	char cmd[1024];
	ng_buf out = {0};
	snprintf(cmd, sizeof cmd,
	         "'%s' '%s' -o '%s/bm.pdf' && qpdf --json --json-key=outlines '%s/bm.pdf'",
	         NG_BINARY, EXAMPLE, tmpdir, tmpdir);
	assert_int_equal(run(cmd, &out, NULL), 0);
	int n = 0;
	for (const char *p = out.data; (p = strstr(p, "\"title\": ")); p++)
		n++;
	assert_int_equal(n, 11); /* the example's headings */
	assert_non_null(strstr(out.data, "\"title\": \"（2）小林労務側の対応経緯\""));
	assert_non_null(strstr(out.data, "\"destpageposfrom1\": 4"));
	ng_buf_free(&out);
}

/* The command line by the conventions (getopt_long): --opt=value, -oFILE,
 * bundled short options, "--", "-" for standard input and output, help
 * for every verb, the format from the output's extension. Each case: the
 * arguments (%1$s the example record, %2$s the temporary folder), the exit
 * code, and text that stdout and stderr must hold. */
static void command_line_conventions(void **state)
{
	(void)state;
	static const struct {
		const char *args;
		int rc;
		const char *out, *err;
	} cases[] = {
	    {"'%1$s' --output='%2$s/eq.pdf'", 0, "", ""},
	    {"-o'%2$s/glued.txt' '%1$s'", 0, "", ""},
	    {"render -t public-notice -o'%2$s/pn.md' -- '%1$s'", 0, "", ""},
	    {"- -o - --format=txt < '%1$s'", 0, "令和5年7月21日", ""},
	    {"'%1$s' -o '%2$s/letter.docx'", 2, "", ".pdf, .txt or .md"},
	    {"'%1$s' -o '%2$s/noext'", 2, "", "--format pdf|txt|md"},
	    {"'%1$s' -o '%2$s/forced' --format=md", 0, "", ""},
	    {"-- '%1$s' -o x.pdf", 2, "", "more than one incident record: -o"},
	    {"'%1$s' -o", 2, "", "missing value for: -o"},
	    {"'%1$s' -q -o x.pdf", 2, "", "unknown option: -q"},
	    {"'%1$s' --bogus=1 -o x.pdf", 2, "", "unknown option: --bogus=1"},
	    {"help", 0, "notice-gen batch INCIDENT.yaml", ""},
	    {"help batch", 0, "--generate-passwords", ""},
	    {"help nosuch", 2, "", "no verb named: nosuch"},
	    {"batch --help", 0, "--shard=K/N", ""},
	    {"render -h", 0, "--dump=doc|layout", ""},
	    {"check --help", 0, "--format=text|json", ""},
	    {"init --help", 0, "--template=NAME", ""},
	    {"--help", 0, "SOURCE_DATE_EPOCH", ""},
	    {"help render", 0, "NOTICE_GEN_HOME", ""},
	    {"init -tppc-report", 0, "template: ppc-report", ""},
	    {"check --format=json - < '%1$s'", 0, "{", ""},
	    /* bundled: -q and -j1 in one word, then -c and -o glued */
	    {"batch '%1$s' -qj1 -c'%2$s/one.csv' -o'%2$s/b'", 0, "", ""},
	    {"batch '%1$s' -c'%2$s/one.csv' -o'%2$s/b2' -j0", 2, "", "--jobs takes"},
	};
	/* Written here: run() sends stdout elsewhere, which once left this
	 * list empty (and an empty list now fails, as it should). */
	char csv[256];
	snprintf(csv, sizeof csv, "%s/one.csv", tmpdir);
	FILE *cf = fopen(csv, "w");
	assert_non_null(cf);
	fputs("name\n株式会社テスト\n", cf);
	assert_int_equal(fclose(cf), 0);
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		char args[1024], cmd[1400];
		snprintf(args, sizeof args, cases[i].args, EXAMPLE, tmpdir);
		snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s", tmpdir, NG_BINARY, args);
		ng_buf out = {0}, err = {0};
		int rc = run(cmd, &out, &err);
		if (rc != cases[i].rc || !strstr(out.data ? out.data : "", cases[i].out) ||
		    !strstr(err.data ? err.data : "", cases[i].err))
			fail_msg("%s: exit %d (want %d)\nstdout: %.300s\nstderr: %.600s", args, rc,
			         cases[i].rc, out.data ? out.data : "", err.data ? err.data : "");
		ng_buf_free(&out);
		ng_buf_free(&err);
	}
	/* The format followed the extension: .pdf, .txt, .md; --format wins. */
	static const struct {
		const char *file;
		int pdf;
	} kinds[] = {{"eq.pdf", 1}, {"glued.txt", 0}, {"pn.md", 0}, {"forced", 0}};
	for (size_t i = 0; i < NG_ARRAY_LEN(kinds); i++) {
		char path[256], *data;
		size_t len;
		snprintf(path, sizeof path, "%s/%s", tmpdir, kinds[i].file);
		assert_int_equal(ng_read_file(path, 1 << 24, &data, &len), 0);
		assert_int_equal(len > 5 && memcmp(data, "%PDF-", 5) == 0, kinds[i].pdf);
		free(data);
	}
	char cmd[512];
	snprintf(cmd, sizeof cmd, "grep -q '^# ' '%s/pn.md' && ! grep -q '^# ' '%s/glued.txt'",
	         tmpdir, tmpdir);
	assert_int_equal(run(cmd, NULL, NULL), 0);
	/* A record from standard input renders the same bytes as from its file. */
	snprintf(cmd, sizeof cmd,
	         "'%s' - -o '%s/stdin.pdf' < '%s' && cmp '%s/stdin.pdf' '%s/eq.pdf'", NG_BINARY,
	         tmpdir, EXAMPLE, tmpdir, tmpdir);
	assert_int_equal(run(cmd, NULL, NULL), 0);
	/* Its errors are reported as <stdin>:LINE:COL. */
	ng_buf err = {0};
	snprintf(cmd, sizeof cmd, "printf 'letter: [\\n' | '%s' - -o '%s/bad.pdf'", NG_BINARY,
	         tmpdir);
	assert_int_equal(run(cmd, NULL, &err), 1);
	assert_non_null(strstr(err.data, "<stdin>:2:1: error: "));
	ng_buf_free(&err);
}

/* Writes text to path through a temporary file and a rename, as editors
 * save. */
static void save(const char *path, const char *text)
{
	char tmp[300];
	snprintf(tmp, sizeof tmp, "%s.swp", path);
	FILE *f = fopen(tmp, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(rename(tmp, path), 0);
}

/* Reads the next line of watch's report into line; the read blocks until
 * the render it reports is done, so the test needs no timing. */
static void next_report(FILE *p, char *line, size_t n, const char *want)
{
	assert_non_null(fgets(line, (int)n, p));
	if (!strstr(line, want))
		fail_msg("watch reported: %s(wanted %s)", line, want);
}

static void file_has(const char *path, const char *want, int has)
{
	char *data;
	size_t len;
	assert_int_equal(ng_read_file(path, 1 << 24, &data, &len), 0);
	if ((strstr(data, want) != NULL) != has)
		fail_msg("%s %s '%s'", path, has ? "lacks" : "has", want);
	free(data);
}

/* watch renders, then renders again when the record changes, when the
 * template file changes, and reports a record that became invalid while
 * keeping the last letter; --count stops it (deterministic: each report
 * line is read before the next change). Writing the letter into the
 * record's folder does not trigger a render. */
static void watch_renders_on_change(void **state)
{
	(void)state;
	static const char tmpl[] =
	    "@template mine\n@title {{ letter.title }}\n@para first wording\n";
	char rec[200], tpl[200], out[200], cmd[1024], line[512], *data;
	size_t len;
	snprintf(rec, sizeof rec, "%s/watch.yaml", tmpdir);
	snprintf(tpl, sizeof tpl, "%s/mine.tmpl", tmpdir);
	snprintf(out, sizeof out, "%s/watch.txt", tmpdir);
	assert_int_equal(ng_read_file(EXAMPLE, 1 << 22, &data, &len), 0);
	save(rec, data);
	save(tpl, tmpl);
	snprintf(cmd, sizeof cmd, "'%s' watch '%s' -t '%s' -o '%s' --count 4 2>'%s/watch.err'",
	         NG_BINARY, rec, tpl, out, tmpdir);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	next_report(p, line, sizeof line, "watch: 1: wrote");
	file_has(out, "first wording", 1);
	/* the record: a new title */
	char *t = strstr(data, "  title: ");
	assert_non_null(t);
	ng_buf changed = {0};
	ng_buf_add(&changed, data, (size_t)(t - data));
	ng_buf_adds(&changed, "  title: 見直した件名");
	ng_buf_adds(&changed, strchr(t, '\n'));
	save(rec, changed.data);
	next_report(p, line, sizeof line, "watch: 2: wrote");
	file_has(out, "見直した件名", 1);
	/* the template */
	save(tpl, "@template mine\n@title {{ letter.title }}\n@para second wording\n");
	next_report(p, line, sizeof line, "watch: 3: wrote");
	file_has(out, "second wording", 1);
	/* an invalid record: reported, the letter kept */
	save(rec, "letter: [\n");
	next_report(p, line, sizeof line, "watch: 4: not written");
	file_has(out, "second wording", 1);
	int st = pclose(p);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 1); /* the last render's status */
	snprintf(line, sizeof line, "%s/watch.err", tmpdir);
	file_has(line, "watch.yaml:2:1: error: ", 1);
	ng_buf_free(&changed);
	free(data);
	/* watch needs files */
	snprintf(cmd, sizeof cmd, "'%s' watch - -o x.pdf", NG_BINARY);
	assert_int_equal(run(cmd, NULL, NULL), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_sentence_in_order),
	    cmocka_unit_test(byte_identical_and_clean),
	    cmocka_unit_test(bad_input_leaves_nothing),
	    cmocka_unit_test(missing_glyph_is_an_error),
	    cmocka_unit_test(usage_errors),
	    cmocka_unit_test(init_starters_check_and_render),
	    cmocka_unit_test(public_notice_md_and_txt),
	    cmocka_unit_test(seal_position),
	    cmocka_unit_test(bookmarks),
	    cmocka_unit_test(command_line_conventions),
	    cmocka_unit_test(watch_renders_on_change),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
