/* msgids.c — prints the diagnostic table's message formats as a gettext
 * template (.pot): the table holds them as data, where xgettext cannot
 * see them. scripts/po-update and the messages_translated test join this
 * with xgettext's extraction from the sources. */
#include <stdio.h>
#include <string.h>

#include "util/diag.h"

static void quoted(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else
			putchar(*s);
	}
	putchar('"');
}

int main(void)
{
	puts("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
	for (int code = 1; code < NG_D__COUNT; code++) {
		const char *fmt = ng_diag_format(code);
		int seen = 0; /* codes may share a format ("%s") */
		for (int k = 1; k < code && fmt && !seen; k++)
			seen = ng_diag_format(k) && strcmp(ng_diag_format(k), fmt) == 0;
		if (!fmt || seen)
			continue;
		printf("#: src/util/diag.c:%d\n#, c-format\nmsgid ", code);
		quoted(fmt);
		puts("\nmsgstr \"\"\n");
	}
	return 0;
}
