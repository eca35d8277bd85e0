/* contact.c — e-mail addresses and phone numbers: full-width input folded
 * to ASCII (users type ０３－１２３４ in Japanese input mode), then checked
 * for a usable form. The rules are deliberately plain (RFC 5321's common
 * subset, Japanese numbering plan lengths), not the full grammars. */
#include <string.h>

#include "normalize.h"

/* Dash-like characters users type inside phone numbers. */
static const uint32_t dashes[] = {0x2010, 0x2011, 0x2012, 0x2013, 0x2014,
                                  0x2015, 0x2212, 0x30FC, 0xFF70};

static uint32_t fold_cp(uint32_t cp, bool phone)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E) /* full-width ASCII forms */
		return cp - 0xFEE0;
	if (cp == 0x3000)
		return ' ';
	for (size_t i = 0; phone && i < NG_ARRAY_LEN(dashes); i++)
		if (cp == dashes[i])
			return '-';
	return cp;
}

const char *ng_fold_ascii(ng_arena *a, const char *s, bool phone)
{
	ng_buf b = {0};
	size_t len = strlen(s);
	if (len == 0)
		return s; /* (an empty client-list cell: nothing to fold) */
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = ng_utf8_decode(s + i, len - i, &cp);
		if (!n)
			return s;
		i += n;
		char enc[4];
		ng_buf_add(&b, enc, ng_utf8_encode(fold_cp(cp, phone), enc));
	}
	size_t start = 0, end = b.len;
	while (start < end && b.data[start] == ' ')
		start++;
	while (end > start && b.data[end - 1] == ' ')
		end--;
	const char *res = s;
	if (end - start != len || memcmp(b.data + start, s, len) != 0)
		res = ng_strndup(a, b.data + start, end - start);
	ng_buf_free(&b);
	return res;
}

static int bad(const char **problem, const char *why)
{
	*problem = why;
	return -1;
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int local_part_check(const char *s, size_t n, const char **problem)
{
	static const char specials[] = "!#$%&'*+/=?^_`{|}~.-";
	if (n == 0 || n > 64)
		return bad(problem, N_("the part before '@' must be 1 to 64 characters"));
	if (s[0] == '.' || s[n - 1] == '.')
		return bad(problem, N_("the part before '@' starts or ends with '.'"));
	for (size_t i = 0; i < n; i++) {
		if (!is_alnum(s[i]) && !strchr(specials, s[i]))
			return bad(problem, N_("a character not allowed before '@'"));
		if (s[i] == '.' && s[i + 1] == '.')
			return bad(problem, N_("'..' before '@'"));
	}
	return 0;
}

static int label_check(const char *s, size_t n, bool last, const char **problem)
{
	if (n == 0 || n > 63)
		return bad(problem, N_("an empty or too long part in the domain"));
	if (s[0] == '-' || s[n - 1] == '-')
		return bad(problem, N_("a domain part starts or ends with '-'"));
	for (size_t i = 0; i < n; i++) {
		if (!is_alnum(s[i]) && s[i] != '-')
			return bad(problem, N_("a character not allowed in the domain"));
		if (last && !is_alpha(s[i]))
			return bad(problem, N_("the top-level domain must be letters"));
	}
	if (last && n < 2)
		return bad(problem, N_("the top-level domain is too short"));
	return 0;
}

static int domain_check(const char *s, const char **problem)
{
	if (!strchr(s, '.'))
		return bad(problem, N_("the domain has no '.' (e.g. example.co.jp)"));
	if (strlen(s) > 253)
		return bad(problem, N_("the domain is too long"));
	for (const char *p = s;;) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (label_check(p, n, !dot, problem) != 0)
			return -1;
		if (!dot)
			return 0;
		p = dot + 1;
	}
}

int ng_email_check(const char *s, const char **problem)
{
	const char *at = strchr(s, '@');
	if (!at)
		return bad(problem, N_("no '@'"));
	if (strchr(at + 1, '@'))
		return bad(problem, N_("more than one '@'"));
	if (local_part_check(s, (size_t)(at - s), problem) != 0)
		return -1;
	return domain_check(at + 1, problem);
}

/* Counts digits; checks the characters and the grouping. */
static int phone_digits(const char *s, int *digits, const char **problem)
{
	*digits = 0;
	char prev = 0;
	for (const char *p = s; *p; prev = *p++) {
		bool sep = *p == '-' || *p == ' ' || *p == '(' || *p == ')';
		if (*p >= '0' && *p <= '9')
			++*digits;
		else if (!sep && !(*p == '+' && p == s))
			return bad(problem,
			           N_("only digits, '-', spaces and parentheses are allowed"));
		if (*p == '-' && (prev == '-' || p == s || p[1] == '\0'))
			return bad(problem, N_("a '-' at the start, the end or doubled"));
	}
	return 0;
}

int ng_phone_check(const char *s, const char **problem)
{
	int digits;
	if (phone_digits(s, &digits, problem) != 0)
		return -1;
	if (s[0] == '+')
		return digits >= 8 && digits <= 15
		           ? 0
		           : bad(problem, N_("an international number has 8 to 15 digits"));
	const char *first = strpbrk(s, "0123456789");
	if (!first || *first != '0')
		return bad(problem, N_("a Japanese number starts with 0 (or write +81…)"));
	if (digits != 10 && digits != 11)
		return bad(problem, N_("a Japanese number has 10 or 11 digits"));
	return 0;
}
