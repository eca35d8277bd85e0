/* yaml_text.c — libyaml's problem and context texts in the user's
 * language. libyaml reports a syntax error as two English phrases (a
 * problem, "did not find expected key", and what it was doing, "while
 * parsing a block mapping"); the known ones (libyaml 0.2.5's scanner,
 * parser and reader) are listed here for the catalogue. A text not listed
 * (a later libyaml's) is shown as libyaml wrote it, in quotes where the
 * message around it is translated. */
#include <string.h>

#include "yaml_tree.h"

static const char *const known[] = {
    /* problems */
    N_("block sequence entries are not allowed in this context"),
    N_("control characters are not allowed"),
    N_("did not find expected <document start>"),
    N_("did not find expected <stream-start>"),
    N_("expected low surrogate area"),
    N_("found duplicate %TAG directive"),
    N_("found duplicate %YAML directive"),
    N_("found incompatible YAML document"),
    N_("incomplete UTF-16 character"),
    N_("incomplete UTF-16 surrogate pair"),
    N_("incomplete UTF-8 octet sequence"),
    N_("input error"),
    N_("input is too long"),
    N_("invalid Unicode character"),
    N_("invalid leading UTF-8 octet"),
    N_("invalid length of a UTF-8 sequence"),
    N_("invalid trailing UTF-8 octet"),
    N_("mapping keys are not allowed in this context"),
    N_("mapping values are not allowed in this context"),
    N_("unexpected low surrogate area"),
    N_("did not find URI escaped octet"),
    N_("did not find expected tag URI"),
    N_("found an incorrect leading UTF-8 octet"),
    N_("found an incorrect trailing UTF-8 octet"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected ',' or ']'"),
    N_("found undefined tag handle"),
    N_("did not find expected hexdecimal number"),
    N_("found invalid Unicode character escape code"),
    N_("found unknown escape character"),
    N_("did not find expected '!'"),
    N_("did not find expected whitespace"),
    N_("did not find expected whitespace or line break"),
    N_("did not find expected digit or '.' character"),
    N_("did not find expected version number"),
    N_("found extremely long version number"),
    N_("did not find expected comment or line break"),
    N_("found a tab character where an indentation space is expected"),
    N_("found an indentation indicator equal to 0"),
    N_("could not find expected directive name"),
    N_("found unexpected non-alphabetical character"),
    N_("found unknown directive name"),
    N_("found a tab character that violates indentation"),
    N_("found unexpected ':'"),
    N_("found unexpected document indicator"),
    N_("found unexpected end of stream"),
    N_("could not find expected ':'"),
    N_("did not find the expected '>'"),
    N_("did not find expected alphabetic or numeric character"),
    N_("found character that cannot start any token"),
    N_("Maximum nesting level reached, set with yaml_set_max_nest_level())"),
    /* what libyaml was doing */
    N_("while parsing a %TAG directive"),
    N_("while parsing a tag"),
    N_("while parsing a block collection"),
    N_("while parsing a block mapping"),
    N_("while parsing a block node"),
    N_("while parsing a flow node"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow sequence"),
    N_("while parsing a node"),
    N_("while parsing a quoted scalar"),
    N_("while parsing a tag directive"),
    N_("while parsing"),
    N_("while scanning a %TAG directive"),
    N_("while scanning a %YAML directive"),
    N_("while scanning a block scalar"),
    N_("while scanning a directive"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"),
    N_("while scanning a tag directive"),
    N_("while scanning a tag"),
    N_("while scanning an anchor"),
    N_("while scanning an alias"),
    N_("while scanning for the next token"),
    /* ours, for an error libyaml gave no text for (out of memory) */
    N_("unknown problem"),
};

const char *ng_yaml_text(ng_arena *a, const char *s)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(known); i++)
		if (strcmp(known[i], s) == 0)
			return ng_tr(known[i]);
	/* Not ours to translate: in a translated message it is quoted as
	 * libyaml's own words; English shows it bare, as before. */
	static const char quoted[] = N_("libyaml's words: '%s'");
	const char *fmt = ng_tr(quoted);
	return fmt == quoted ? s : ng_aprintf(a, fmt, s);
}
