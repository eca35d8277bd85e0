/* names.c — output file names for a batch: stable (from the row number and
 * the client's name), unique (the row number), safe on every system the
 * files may be copied to (no path separators, no "..", no control
 * characters, none of the characters Windows forbids, no trailing dot or
 * space) and capped in length. */
#include <stdio.h>
#include <string.h>

#include "batch_int.h"

enum { NAME_BYTES = 80 };

static bool forbidden(uint32_t cp)
{
	static const char bad[] = "/\\:*?\"<>|";
	return cp < 0x20 || cp == 0x7F || (cp < 0x80 && strchr(bad, (int)cp)) ||
	       (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF ||
	       cp == 0x200B;
}

/* Appends the safe form of name to out, at most NAME_BYTES bytes, cut at a
 * character boundary. */
static void safe_part(const char *name, ng_buf *out)
{
	size_t start = out->len;
	bool gap = false;
	for (size_t i = 0; name[i];) {
		uint32_t cp;
		size_t n = ng_utf8_decode(name + i, strlen(name + i), &cp);
		if (!n)
			n = 1, cp = 0; /* an invalid byte: a gap, never copied */
		bool space = cp == ' ' || cp == 0x3000 || cp == '\t';
		/* A dot after a dot is dropped: no ".." anywhere in a name. */
		bool dots = cp == '.' && !gap && out->len > start && out->data[out->len - 1] == '.';
		if (forbidden(cp) || space) {
			gap = true;
		} else if (!dots) {
			bool sep = gap && out->len > start;
			if (out->len - start + sep + n > NAME_BYTES)
				break; /* the '_' counts too: at most NAME_BYTES */
			if (sep)
				ng_buf_addc(out, '_');
			gap = false;
			ng_buf_add(out, name + i, n);
		}
		i += n;
	}
	/* No name made only of dots ("." and ".."), no trailing dot. */
	while (out->len > start && out->data[out->len - 1] == '.')
		out->data[--out->len] = '\0';
	while (out->len > start && out->data[start] == '.') {
		memmove(out->data + start, out->data + start + 1, out->len - start);
		out->len--;
	}
}

char *ng_batch_file_name(ng_arena *a, size_t row, const char *name, const char *ext)
{
	ng_buf b = {0};
	ng_buf_printf(&b, "%06zu", row);
	if (name && *name) {
		ng_buf_addc(&b, '-');
		size_t before = b.len;
		safe_part(name, &b);
		if (b.len == before)
			b.data[--b.len] = '\0';
	}
	ng_buf_printf(&b, ".%s", ext);
	char *s = ng_strdup(a, b.data);
	ng_buf_free(&b);
	return s;
}
