/* test_tags.c — tagged PDF (PDF/UA-1) and PDF/A-2u, end to end through
 * the notice-gen binary and real tools: the structure tree read back by
 * poppler (pdfinfo -struct-text) gives the letter's own text in reading
 * order with the right roles; a walk of every content stream (qpdf
 * --qdf) finds no text, image or rule outside a marked-content sequence
 * with an MCID or an artifact mark, and the ParentTree holds each page's
 * MCIDs; Figures have Alt; /Lang is ja-JP; qpdf --check is clean; pages
 * render pixel-identical to the untagged letter (NG_PDF_UNTAGGED=1);
 * output is deterministic; --pdfa adds its metadata, output intent and
 * ID and refuses --encrypt; a batch's letters are tagged too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../common/shell.h"
#include "layout/layout.h"
#include "notice_gen.h"

#define EXAMPLE NG_SOURCE_DIR "/examples/shaamu-2023"

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ng-tags-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	/* The example with its 角印, so that the letter has a Figure. */
	return sh(
	    "cp '%s/seal.png' '%s/' && sed '/^sender:/a\\  seal: seal.png' '%s/incident.yaml' "
	    "> '%s/incident.yaml'",
	    EXAMPLE, tmp, EXAMPLE, tmp);
}

static int teardown(void **state)
{
	(void)state;
	return sh("rm -rf '%s'", tmp);
}

/* Renders the sealed example to tmp/NAME with extra options (and
 * environment before the command). */
static void render(const char *env, const char *name, const char *opts)
{
	assert_int_equal(sh("%s '%s' render '%s/incident.yaml' -o '%s/%s' %s 2>'%s/%s.err'", env,
	                    NG_BINARY, tmp, tmp, name, opts, tmp, name),
	                 0);
}

/* A file's bytes; *end is set past the last. */
static char *slurp_len(const char **end, const char *fmt, ...)
{
	char path[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(ng_read_file(path, 64 << 20, &data, &len), 0);
	*end = data + len;
	return data;
}

/* needle in [hay, end) (the files hold binary strings with NUL bytes). */
static const char *find(const char *hay, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; p && p + n <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (!p || p + n > end)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

/* ---- every block kind has a role */

static void test_every_block_kind_has_a_role(void **state)
{
	(void)state;
	for (int k = 0; k < NG_B__COUNT; k++) {
		if (ng_layout_block_role((ng_block_kind)k) == NG_ROLE_NONE)
			fprintf(stderr, "block kind %d has no structure role (src/layout/tags.c)\n",
			        k);
		assert_int_not_equal(ng_layout_block_role((ng_block_kind)k), NG_ROLE_NONE);
	}
	assert_int_equal(ng_layout_block_role(NG_B__COUNT), NG_ROLE_NONE);
}

/* ---- pdfinfo -struct-text against the letter's own text */

/* The letter's lines as layout set them (--dump layout), page numbers
 * left out, joined. */
static void layout_text(const char *record, const char *opts, ng_buf *out)
{
	ng_buf dump = {0};
	assert_int_equal(
	    sh_capture(&dump, "'%s' render '%s' %s --dump layout -o -", NG_BINARY, record, opts),
	    0);
	for (char *line = dump.data; line && *line;) {
		char *nl = strchr(line, '\n'), *bar = strstr(line, " | ");
		if (nl)
			*nl = '\0';
		unsigned page, no;
		char flags[16];
		if (bar &&
		    sscanf(line, "%u %u x=%*s y=%*s w=%*s r=%*s %15s", &page, &no, flags) == 3 &&
		    !strchr(flags, 'P'))
			ng_buf_adds(out, bar + 3);
		line = nl ? nl + 1 : NULL;
	}
	ng_buf_free(&dump);
}

/* The quoted texts of pdfinfo -struct-text joined, and the roles seen
 * (" Role " each, in order of first appearance). */
static void struct_text(const char *pdf, ng_buf *text, ng_buf *roles)
{
	ng_buf out = {0};
	assert_int_equal(
	    sh_capture(&out, "pdfinfo -struct-text '%s/%s' 2>'%s/struct.err'", tmp, pdf, tmp), 0);
	char err[600];
	snprintf(err, sizeof err, "%s/struct.err", tmp);
	assert_file_empty(err);
	ng_buf_adds(roles, " ");
	for (char *line = out.data; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *s = line + strspn(line, " ");
		char *q = strrchr(s, '"');
		if (*s == '"' && q > s) {
			ng_buf_add(text, s + 1, (size_t)(q - s - 1));
		} else if (*s && *s != '"') {
			char role[32], key[40];
			if (sscanf(s, "%31[^: ]", role) == 1) { /* "TH:" when it has attributes */
				snprintf(key, sizeof key, " %s ", role);
				ng_buf_add(roles, "", 0);
				if (!strstr(roles->data, key))
					ng_buf_printf(roles, "%s ", role);
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	ng_buf_add(text, "", 0);
	ng_buf_add(roles, "", 0);
	ng_buf_free(&out);
}

static void test_struct_text_is_the_letter(void **state)
{
	(void)state;
	render("", "t.pdf", "");
	ng_buf want = {0}, got = {0}, roles = {0};
	char record[128];
	snprintf(record, sizeof record, "%s/incident.yaml", tmp);
	layout_text(record, "", &want);
	ng_buf_add(&want, "", 0);
	struct_text("t.pdf", &got, &roles);
	assert_true(want.len > 1000);
	assert_string_equal(got.data, want.data);
	/* The client-notice's blocks: headings by level, the timeline as a
	 * table, the data items as lists, the ※ note, links, the seal. */
	static const char *const expect[] = {"Document", "P",     "H1",   "H2",   "H3",
	                                     "Table",    "TR",    "TD",   "L",    "LI",
	                                     "Lbl",      "LBody", "Note", "Link", "Figure"};
	for (size_t i = 0; i < NG_ARRAY_LEN(expect); i++) {
		char key[40];
		snprintf(key, sizeof key, " %s ", expect[i]);
		if (!strstr(roles.data, key))
			fprintf(stderr, "role %s missing in:%s\n", expect[i], roles.data);
		assert_non_null(strstr(roles.data, key));
	}
	/* The first role under Document is the date line's P. */
	assert_true(strncmp(roles.data, " Document P ", 12) == 0);
	/* A timeline row reads date, then event. */
	assert_non_null(strstr(got.data, "6/5（月）午後外部の情報セキュリティ専門会社へ対応要請"));
	ng_buf_free(&want);
	ng_buf_free(&got);
	ng_buf_free(&roles);
}

/* Every built-in template's letter reads as it is laid out. */
static void test_struct_text_every_template(void **state)
{
	(void)state;
	static const char *const templates[] = {"client-notice", "individual-notice",
	                                        "public-notice", "ppc-report"};
	for (size_t i = 0; i < NG_ARRAY_LEN(templates); i++) {
		char record[160], opts[64];
		snprintf(record, sizeof record, "%s/incident.yaml", tmp);
		snprintf(opts, sizeof opts, "-t %s", templates[i]);
		assert_int_equal(sh("'%s' render '%s' %s -o '%s/tpl.pdf' 2>/dev/null", NG_BINARY,
		                    record, opts, tmp),
		                 0);
		ng_buf want = {0}, got = {0}, roles = {0};
		layout_text(record, opts, &want);
		ng_buf_add(&want, "", 0);
		struct_text("tpl.pdf", &got, &roles);
		if (strcmp(got.data, want.data) != 0)
			fprintf(stderr, "template %s reads otherwise than it is laid out\n",
			        templates[i]);
		assert_string_equal(got.data, want.data);
		assert_non_null(strstr(roles.data, " H1 "));
		ng_buf_free(&want);
		ng_buf_free(&got);
		ng_buf_free(&roles);
	}
}

/* Every kind of a record's block (lists nested and inline, a ruled
 * table with two header rows, totals and an empty cell, notes, labels,
 * checkboxes, a page break): the text in reading order, each list its
 * own L, a label's value in its item, every table row complete. */
static void test_struct_text_blocks(void **state)
{
	(void)state;
	const char *record = NG_SOURCE_DIR "/tests/fuzz/corpus/record/blocks.yaml";
	assert_int_equal(sh("'%s' render '%s' -o '%s/blk.pdf'", NG_BINARY, record, tmp), 0);
	ng_buf want = {0}, got = {0}, roles = {0}, out = {0};
	layout_text(record, "", &want);
	ng_buf_add(&want, "", 0);
	struct_text("blk.pdf", &got, &roles);
	assert_string_equal(got.data, want.data);
	assert_non_null(strstr(roles.data, " TH "));
	assert_non_null(strstr(roles.data, " Note "));
	assert_int_equal(sh_capture(&out, "pdfinfo -struct-text '%s/blk.pdf'", tmp), 0);
	/* The label's value: a P in the label item's body. */
	assert_non_null(strstr(out.data, "LBody (block)\n        \"対象期間\"\n        P (block)"));
	/* The checkbox rows are a list of their own: an L right before ■. */
	assert_non_null(strstr(out.data, "  L (block)\n    LI (block)\n      Lbl (block)\n        "
	                                 "\"■ \""));
	/* The row with an empty cell still has three cells. */
	const char *row = strstr(out.data, "\"役員\"");
	assert_non_null(row);
	const char *next = strstr(row, "TR");
	size_t cells = 0;
	for (const char *p = strstr(row, "TD"); p && p < next; p = strstr(p + 1, "TD"))
		cells++;
	assert_int_equal(cells, 2); /* after 役員's own TD */
	ng_buf_free(&want);
	ng_buf_free(&got);
	ng_buf_free(&roles);
	ng_buf_free(&out);
}

/* ---- walking the content streams */

typedef struct walk {
	size_t untagged; /* painting outside any MCID or artifact sequence */
	size_t shows;    /* text, image and path painting operators seen */
	long mcids[64];  /* per page: MCIDs seen */
	long max_mcid[64];
} walk;

typedef struct lexer {
	const char *p, *end;
} lexer;

/* The next token: a name (with '/'), a number or operator word, a
 * string or one of << >> [ ]; strings come back as "(" or "<". */
static size_t token(lexer *lx, const char **start)
{
	const char *p = lx->p;
	while (p < lx->end && strchr(" \t\r\n\f", *p ? *p : ' '))
		p++;
	*start = p;
	if (p >= lx->end)
		return 0;
	if (*p == '%') {
		while (p < lx->end && *p != '\n')
			p++;
		lx->p = p;
		return token(lx, start);
	}
	if (*p == '(') {
		int depth = 0;
		for (; p < lx->end; p++) {
			if (*p == '\\') {
				p++;
				continue;
			}
			depth += *p == '(';
			depth -= *p == ')';
			if (depth == 0)
				break;
		}
		lx->p = p + 1;
		return 1;
	}
	if ((*p == '<' || *p == '>') && p + 1 < lx->end && p[1] == *p) {
		lx->p = p + 2;
		return 2;
	}
	if (*p == '<') {
		p = memchr(p, '>', (size_t)(lx->end - p));
		lx->p = p ? p + 1 : lx->end;
		return 1;
	}
	if (*p == '[' || *p == ']') {
		lx->p = p + 1;
		return 1;
	}
	const char *q = p + 1;
	while (q < lx->end && !strchr(" \t\r\n\f()<>[]/%", *q))
		q++;
	lx->p = q;
	return (size_t)(q - p);
}

static bool is(const char *t, size_t n, const char *word)
{
	return n == strlen(word) && memcmp(t, word, n) == 0;
}

/* One page's content: a stack of marked-content sequences, each tagged
 * (MCID, or /Artifact) or not; every painting operator must sit inside a
 * tagged one. */
static void walk_page(walk *w, size_t page, const char *s, const char *end)
{
	lexer lx = {s, end};
	bool stack[64], artifact = false, mcid_next = false;
	long mcid = -1;
	int depth = 0, dict = 0;
	const char *t;
	size_t n;
	while ((n = token(&lx, &t)) > 0) {
		if (is(t, n, "<<")) {
			dict++;
		} else if (is(t, n, ">>")) {
			dict--;
		} else if (*t == '/') {
			if (dict == 0 && is(t, n, "/Artifact"))
				artifact = true;
			mcid_next = dict > 0 && is(t, n, "/MCID");
		} else if (mcid_next) {
			mcid = strtol(t, NULL, 10);
			mcid_next = false;
		} else if (dict == 0 &&
		           (*t == '_' || (*t >= 'A' && *t <= 'z') || *t == '\'' || *t == '"')) {
			if (is(t, n, "BDC") || is(t, n, "BMC")) {
				bool tagged = artifact || mcid >= 0;
				/* nested inside a tagged sequence counts as tagged */
				stack[depth] = tagged || (depth && stack[depth - 1]);
				depth++;
				if (mcid >= 0) {
					assert_int_equal(mcid, w->max_mcid[page] + 1);
					w->max_mcid[page] = mcid;
					w->mcids[page]++;
				}
			} else if (is(t, n, "EMC")) {
				assert_true(depth > 0);
				depth--;
			} else if (is(t, n, "Tj") || is(t, n, "TJ") || is(t, n, "'") ||
			           is(t, n, "\"") || is(t, n, "Do") || is(t, n, "S") ||
			           is(t, n, "f") || is(t, n, "B")) {
				w->shows++;
				w->untagged += !(depth && stack[depth - 1]);
			}
			artifact = false;
			mcid = -1;
		}
		assert_true(depth < 64);
	}
	assert_int_equal(depth, 0);
}

/* The refs in each page's array of the ParentTree (/Nums). */
static void parent_tree(const char *qdf, const char *qend, long *count, size_t npages)
{
	const char *pt = find(qdf, qend, "/ParentTree ");
	assert_non_null(pt);
	long obj = strtol(pt + 12, NULL, 10);
	char head[32];
	snprintf(head, sizeof head, "\n%ld 0 obj\n", obj);
	const char *o = find(qdf, qend, head), *e = o ? find(o, qend, "endobj") : NULL;
	assert_non_null(e);
	lexer lx = {find(o, e, "/Nums"), e};
	const char *t;
	size_t n;
	long key = -1;
	int depth = 0;
	token(&lx, &t); /* /Nums */
	while ((n = token(&lx, &t)) > 0) {
		if (is(t, n, "["))
			depth++;
		else if (is(t, n, "]"))
			depth--;
		else if (depth == 1 && *t >= '0' && *t <= '9')
			key = strtol(t, NULL, 10);
		else if (depth == 2 && is(t, n, "R") && key >= 0 && (size_t)key < npages)
			count[key]++;
	}
}

static void check_content(const char *pdf, bool expect_figures)
{
	assert_int_equal(
	    sh("qpdf --qdf --object-streams=disable '%s/%s' '%s/walk.qdf'", tmp, pdf, tmp), 0);
	const char *qend;
	char *qdf = slurp_len(&qend, "%s/walk.qdf", tmp);
	walk w;
	memset(&w, 0, sizeof w);
	for (size_t i = 0; i < 64; i++)
		w.max_mcid[i] = -1;
	size_t pages = 0;
	for (const char *c = find(qdf, qend, "%% Contents for page "); c;
	     c = find(c + 1, qend, "%% Contents for page ")) {
		const char *s = find(c, qend, "\nstream\n"),
		           *e = s ? find(s, qend, "\nendstream") : NULL;
		assert_non_null(e);
		assert_true(pages < 64);
		walk_page(&w, pages++, s + 8, e);
	}
	assert_true(pages >= 1);
	assert_true(w.shows > 100);
	assert_int_equal(w.untagged, 0);
	long in_tree[64] = {0};
	parent_tree(qdf, qend, in_tree, pages);
	for (size_t p = 0; p < pages; p++) {
		assert_true(w.mcids[p] > 0);
		assert_int_equal(in_tree[p], w.mcids[p]);
	}
	/* Every Figure has an Alt. */
	size_t figures = 0;
	for (const char *f = find(qdf, qend, "/S /Figure"); f;
	     f = find(f + 1, qend, "/S /Figure")) {
		const char *o = f;
		while (o > qdf && strncmp(o, " obj\n", 5) != 0)
			o--;
		const char *alt = find(o, qend, "/Alt");
		assert_true(alt && alt < f && alt < find(o, qend, "endobj"));
		figures++;
	}
	assert_true(!expect_figures || figures > 0);
	free(qdf);
}

static void test_no_untagged_content(void **state)
{
	(void)state;
	render("", "t.pdf", "");
	check_content("t.pdf", true);
}

static void test_catalog_and_alt(void **state)
{
	(void)state;
	render("", "t.pdf", "");
	ng_buf json = {0};
	assert_int_equal(sh_capture(&json, "qpdf --json '%s/t.pdf'", tmp), 0);
	assert_non_null(strstr(json.data, "\"/Lang\": \"u:ja-JP\""));
	assert_non_null(strstr(json.data, "\"/Marked\": true"));
	assert_non_null(strstr(json.data, "\"/DisplayDocTitle\": true"));
	assert_non_null(strstr(json.data, "\"/Alt\": \"u:社印\""));
	assert_non_null(strstr(json.data, "\"/StructParents\": 0"));
	assert_non_null(strstr(json.data, "\"/Tabs\": \"/S\""));
	ng_buf_free(&json);
	ng_buf info = {0};
	assert_int_equal(sh_capture(&info, "pdfinfo '%s/t.pdf'", tmp), 0);
	assert_non_null(strstr(info.data, "Tagged:          yes"));
	assert_non_null(strstr(info.data, "PDF version:     1.7"));
	assert_non_null(strstr(info.data, "Metadata Stream: yes"));
	ng_buf_free(&info);
	const char *end;
	char *pdf = slurp_len(&end, "%s/t.pdf", tmp);
	assert_non_null(find(pdf, end, "<pdfuaid:part>1</pdfuaid:part>"));
	assert_non_null(find(pdf, end,
	                     "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"
	                     "当社利用ソフトのランサムウェア感染被害のお知らせ</rdf:li>"));
	assert_null(find(pdf, end, "pdfaid:part"));
	free(pdf);
	assert_int_equal(sh("qpdf --check '%s/t.pdf' >/dev/null", tmp), 0);
}

/* ---- the same look, the same bytes */

static void test_pixels_same_as_untagged(void **state)
{
	(void)state;
	render("", "t.pdf", "");
	render("NG_PDF_UNTAGGED=1", "u.pdf", "");
	assert_int_equal(sh("pdfinfo '%s/u.pdf' | grep -q 'Tagged: *no'", tmp), 0);
	assert_int_equal(sh("cd '%s' && pdftoppm -r 60 t.pdf t && pdftoppm -r 60 u.pdf u", tmp), 0);
	assert_int_equal(sh("cd '%s' && test -f t-1.ppm && test -f t-4.ppm && "
	                    "for f in t-*.ppm; do cmp -s \"$f\" \"u${f#t}\" || exit 1; done",
	                    tmp),
	                 0);
	/* And the same text. */
	assert_int_equal(sh("cd '%s' && pdftotext t.pdf t.txt && pdftotext u.pdf u.txt && "
	                    "cmp -s t.txt u.txt",
	                    tmp),
	                 0);
}

static void test_deterministic(void **state)
{
	(void)state;
	render("", "d1.pdf", "");
	render("", "d2.pdf", "");
	render("", "a1.pdf", "--pdfa");
	render("", "a2.pdf", "--pdfa");
	assert_int_equal(sh("cmp -s '%s/d1.pdf' '%s/d2.pdf'", tmp, tmp), 0);
	assert_int_equal(sh("cmp -s '%s/a1.pdf' '%s/a2.pdf'", tmp, tmp), 0);
	/* The ID follows the content: another record, another ID. */
	assert_int_equal(sh("sed 's/小林 太郎/小林 次郎/' '%s/incident.yaml' > '%s/other.yaml' && "
	                    "'%s' render '%s/other.yaml' -o '%s/o.pdf'",
	                    tmp, tmp, NG_BINARY, tmp, tmp),
	                 0);
	ng_buf a = {0}, b = {0};
	sh_capture(&a, "tail -c 400 '%s/d1.pdf' | grep -a -o '/ID .*'", tmp);
	sh_capture(&b, "tail -c 400 '%s/o.pdf' | grep -a -o '/ID .*'", tmp);
	assert_true(a.len > 10);
	assert_true(b.len > 10);
	assert_string_not_equal(a.data, b.data);
	ng_buf_free(&a);
	ng_buf_free(&b);
}

/* ---- PDF/A */

static void test_pdfa(void **state)
{
	(void)state;
	render("", "a.pdf", "--pdfa");
	const char *end;
	char *pdf = slurp_len(&end, "%s/a.pdf", tmp);
	assert_non_null(find(pdf, end, "<pdfaid:part>2</pdfaid:part>"));
	assert_non_null(find(pdf, end, "<pdfaid:conformance>U</pdfaid:conformance>"));
	assert_non_null(find(pdf, end, "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
	assert_non_null(
	    find(pdf, end, "<pdf:Producer>notice-gen with Haru Free PDF Library 2.3.0"));
	assert_non_null(
	    find(pdf, end, "<xmp:CreateDate>2023-07-21T00:00:00+09:00</xmp:CreateDate>"));
	assert_non_null(find(pdf, end, "/GTS_PDFA1"));
	assert_non_null(find(pdf, end, "/ID ["));
	assert_null(find(pdf, end, "/Encrypt"));
	/* The XMP packet is well-formed XML (xmllint). */
	const char *x0 = find(pdf, end, "<?xpacket begin"), *x1 = find(pdf, end, "<?xpacket end");
	assert_non_null(x0);
	assert_non_null(x1);
	x1 = strchr(x1, '>') + 1;
	char xmp[128];
	snprintf(xmp, sizeof xmp, "%s/xmp.xml", tmp);
	FILE *f = fopen(xmp, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(x0, 1, (size_t)(x1 - x0), f), (size_t)(x1 - x0));
	fclose(f);
	assert_int_equal(sh("xmllint --noout '%s'", xmp), 0);
	free(pdf);
	ng_buf json = {0};
	assert_int_equal(sh_capture(&json, "qpdf --json '%s/a.pdf'", tmp), 0);
	assert_non_null(
	    strstr(json.data, "\"/OutputConditionIdentifier\": \"u:sRGB IEC61966-2.1\""));
	assert_non_null(strstr(json.data, "\"/N\": 3"));
	ng_buf_free(&json);
	assert_int_equal(sh("qpdf --check '%s/a.pdf' >/dev/null", tmp), 0);
	/* Every font embedded, each with its ToUnicode map. */
	assert_int_equal(sh("pdffonts '%s/a.pdf' | tail -n +3 | awk '$(NF-4) != \"yes\" || "
	                    "$(NF-2) != \"yes\" {bad = 1} END {exit bad}'",
	                    tmp),
	                 0);
	check_content("a.pdf", true);
}

static void test_pdfa_refuses_encrypt(void **state)
{
	(void)state;
	assert_int_equal(sh("echo 'password-123' > '%s/pw' && '%s' render '%s/incident.yaml' -o "
	                    "'%s/x.pdf' --pdfa --encrypt --user-password-file '%s/pw' 2>'%s/x.err'",
	                    tmp, NG_BINARY, tmp, tmp, tmp, tmp),
	                 2);
	assert_int_equal(sh("grep -q 'PDF/A does not allow encryption' '%s/x.err'", tmp), 0);
	char out[128];
	snprintf(out, sizeof out, "%s/x.pdf", tmp);
	assert_int_not_equal(access(out, F_OK), 0);
	assert_int_equal(sh("'%s' batch '%s/incident.yaml' --clients '%s/clients.csv' -o '%s/xb' "
	                    "--pdfa --encrypt --generate-passwords --quiet 2>'%s/xb.err'",
	                    NG_BINARY, tmp, EXAMPLE, tmp, tmp),
	                 2);
	assert_int_equal(sh("grep -q 'PDF/A does not allow encryption' '%s/xb.err'", tmp), 0);
}

/* ---- the in-memory API: --pdfa as ng_letter_opts.pdfa, the same bytes */

static int to_buf(void *ctx, const void *data, size_t len)
{
	ng_buf_add(ctx, data, len);
	return 0;
}

static void test_api_pdfa(void **state)
{
	(void)state;
	const char *end;
	char *rec = slurp_len(&end, "%s/incident.yaml", EXAMPLE);
	ng_diags *d = ng_diags_new();
	ng_handle *h = ng_handle_new("incident.yaml", rec, (size_t)(end - rec), d, NULL);
	assert_non_null(h);
	ng_buf a = {0}, plain = {0};
	ng_output out = {.write = to_buf, .ctx = &a};
	ng_letter_opts o = {.format = NG_FORMAT_PDF, .pdfa = 1};
	assert_int_equal(ng_handle_render(h, &o, &out, d), NG_OK);
	out.ctx = &plain;
	o.pdfa = 0;
	assert_int_equal(ng_handle_render(h, &o, &out, d), NG_OK);
	assert_non_null(find(a.data, a.data + a.len, "<pdfaid:part>2</pdfaid:part>"));
	assert_null(find(plain.data, plain.data + plain.len, "<pdfaid:part>"));
	assert_non_null(find(plain.data, plain.data + plain.len, "/StructTreeRoot"));
	/* The same bytes as the command writes. */
	assert_int_equal(
	    sh("'%s' render '%s/incident.yaml' -o '%s/api.pdf' --pdfa", NG_BINARY, EXAMPLE, tmp),
	    0);
	const char *fend;
	char *file = slurp_len(&fend, "%s/api.pdf", tmp);
	assert_int_equal((size_t)(fend - file), a.len);
	assert_memory_equal(file, a.data, a.len);
	free(file);
	ng_buf_free(&a);
	ng_buf_free(&plain);
	ng_handle_free(h);
	ng_diags_free(d);
	free(rec);
}

/* ---- a batch: shared fonts and page caches, every letter tagged; the
 * window-envelope letters' barcode is a Figure with its digits */

static void test_batch_tagged(void **state)
{
	(void)state;
	assert_int_equal(sh("'%s' batch '%s/incident.yaml' --clients '%s/clients.csv' -o '%s/b' "
	                    "--template individual-notice --jobs 2 --quiet --pdfa 2>'%s/b.err'",
	                    NG_BINARY, tmp, EXAMPLE, tmp, tmp),
	                 0);
	assert_int_equal(sh("cd '%s/b' && n=0; for f in *.pdf; do "
	                    "pdfinfo \"$f\" | grep -q 'Tagged: *yes' || exit 1; "
	                    "qpdf --check \"$f\" >/dev/null || exit 1; "
	                    "grep -aq '<pdfaid:part>2' \"$f\" || exit 1; n=$((n+1)); done; "
	                    "test $n -eq 3",
	                    tmp),
	                 0);
	ng_buf json = {0};
	assert_int_equal(sh_capture(&json, "qpdf --json '%s/b/000001-株式会社青葉商事.pdf'", tmp),
	                 0);
	assert_non_null(strstr(json.data, "\"/Alt\": \"u:カスタマバーコード 1000013 1-3-2\""));
	ng_buf_free(&json);
	assert_int_equal(sh("cp '%s/b/000001-株式会社青葉商事.pdf' '%s/b1.pdf'", tmp, tmp), 0);
	check_content("b1.pdf", true);
	/* The window-envelope letter (barcode bars, 親展 frame) looks the same
	 * untagged. */
	assert_int_equal(sh("NG_PDF_UNTAGGED=1 '%s' batch '%s/incident.yaml' --clients "
	                    "'%s/clients.csv' -o '%s/bu' --template individual-notice --pdfa "
	                    "--quiet 2>/dev/null && cd '%s' && "
	                    "pdftoppm -r 60 -f 1 -l 1 'b/000001-株式会社青葉商事.pdf' bt && "
	                    "pdftoppm -r 60 -f 1 -l 1 'bu/000001-株式会社青葉商事.pdf' bu && "
	                    "cmp -s bt-1.ppm bu-1.ppm",
	                    NG_BINARY, tmp, EXAMPLE, tmp, tmp),
	                 0);
	/* The merged print PDF (qpdf's page copy keeps no structure tree) is
	 * documented as untagged print output: valid, every page there. */
	assert_int_equal(
	    sh("'%s' batch '%s/incident.yaml' --clients '%s/clients.csv' -o '%s/bm' "
	       "--template individual-notice --merge '%s/print.pdf' --quiet 2>/dev/null",
	       NG_BINARY, tmp, EXAMPLE, tmp, tmp),
	    0);
	assert_int_equal(sh("qpdf --check '%s/print.pdf' >/dev/null && "
	                    "pdfinfo '%s/print.pdf' | grep -q 'Tagged: *no'",
	                    tmp, tmp),
	                 0);
	/* One job or two: the same bytes. */
	assert_int_equal(sh("'%s' batch '%s/incident.yaml' --clients '%s/clients.csv' -o '%s/b1' "
	                    "--template individual-notice --jobs 1 --quiet --pdfa 2>/dev/null && "
	                    "diff -r '%s/b' '%s/b1' >/dev/null",
	                    NG_BINARY, tmp, EXAMPLE, tmp, tmp, tmp),
	                 0);
	/* Pages found finished in the memo (marked content included): the
	 * same bytes as every page generated. */
	assert_int_equal(sh("NG_PDF_NO_PAGE_MEMO=1 '%s' batch '%s/incident.yaml' --clients "
	                    "'%s/clients.csv' -o '%s/b2' --template individual-notice --jobs 1 "
	                    "--quiet --pdfa 2>/dev/null && diff -r '%s/b' '%s/b2' >/dev/null",
	                    NG_BINARY, tmp, EXAMPLE, tmp, tmp, tmp),
	                 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_block_kind_has_a_role),
	    cmocka_unit_test(test_struct_text_is_the_letter),
	    cmocka_unit_test(test_struct_text_blocks),
	    cmocka_unit_test(test_struct_text_every_template),
	    cmocka_unit_test(test_no_untagged_content),
	    cmocka_unit_test(test_catalog_and_alt),
	    cmocka_unit_test(test_pixels_same_as_untagged),
	    cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_pdfa),
	    cmocka_unit_test(test_pdfa_refuses_encrypt),
	    cmocka_unit_test(test_api_pdfa),
	    cmocka_unit_test(test_batch_tagged),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
