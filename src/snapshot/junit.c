/* junit.c — the snapshot report as JUnit XML, the form CI systems
 * (GitHub Actions reporters, GitLab's junit artifact, Jenkins) read: one
 * <testsuite> per record, one <testcase> per letter, a <failure> with the
 * difference, an <error> with the diagnostics, <skipped> for a new or
 * stale letter that is not a failure. */
#include <stdio.h>
#include <string.h>

#include "snapshot.h"

/* Text as XML character data or attribute value. XML 1.0 has no way to
 * write most C0 controls, not even escaped: they become U+FFFD. */
static void esc(ng_buf *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&':
			ng_buf_adds(out, "&amp;");
			break;
		case '<':
			ng_buf_adds(out, "&lt;");
			break;
		case '>':
			ng_buf_adds(out, "&gt;");
			break;
		case '"':
			ng_buf_adds(out, "&quot;");
			break;
		default:
			if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
				ng_buf_adds(out, "\xEF\xBF\xBD");
			else
				ng_buf_addc(out, (char)c);
		}
	}
}

typedef struct counts {
	size_t tests, failures, errors, skipped;
	double seconds;
} counts;

static void count(const ng_case *c, counts *k)
{
	k->tests++;
	k->failures += c->result == NG_CASE_FAIL;
	k->errors += c->result == NG_CASE_ERROR;
	k->skipped += c->result == NG_CASE_SKIP;
	k->seconds += c->seconds;
}

static void attrs(ng_buf *out, const counts *k)
{
	ng_buf_printf(
	    out, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\"",
	    k->tests, k->failures, k->errors, k->skipped, k->seconds);
}

static void testcase(const ng_case *c, ng_buf *out)
{
	static const char *const element[] = {NULL, "failure", "error", "skipped"};
	ng_buf_adds(out, "    <testcase name=\"");
	esc(out, c->name);
	ng_buf_adds(out, "\" classname=\"");
	esc(out, c->suite);
	ng_buf_printf(out, "\" time=\"%.3f\"", c->seconds);
	if (c->result == NG_CASE_PASS) {
		ng_buf_adds(out, "/>\n");
		return;
	}
	ng_buf_printf(out, ">\n      <%s message=\"", element[c->result]);
	esc(out, c->message ? c->message : "");
	ng_buf_printf(out, "\" type=\"%s\"",
	              c->result == NG_CASE_ERROR ? "render-error" : "snapshot");
	if (c->detail && *c->detail) {
		ng_buf_adds(out, ">");
		esc(out, c->detail);
		ng_buf_printf(out, "</%s>\n", element[c->result]);
	} else {
		ng_buf_adds(out, "/>\n");
	}
	ng_buf_adds(out, "    </testcase>\n");
}

void ng_junit_write(const ng_case *cases, size_t n, ng_buf *out)
{
	counts all = {0};
	for (size_t i = 0; i < n; i++)
		count(&cases[i], &all);
	ng_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	ng_buf_adds(out, "<testsuites name=\"notice-gen snapshot\"");
	attrs(out, &all);
	ng_buf_adds(out, ">\n");
	for (size_t i = 0; i < n;) {
		size_t j = i;
		counts k = {0};
		while (j < n && strcmp(cases[j].suite, cases[i].suite) == 0)
			count(&cases[j++], &k);
		ng_buf_adds(out, "  <testsuite name=\"");
		esc(out, cases[i].suite);
		ng_buf_adds(out, "\"");
		attrs(out, &k);
		ng_buf_adds(out, ">\n");
		for (; i < j; i++)
			testcase(&cases[i], out);
		ng_buf_adds(out, "  </testsuite>\n");
	}
	ng_buf_adds(out, "</testsuites>\n");
}
