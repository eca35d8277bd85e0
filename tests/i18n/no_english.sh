#!/bin/sh
# no_english.sh BUILD SOURCE — no English phrase inside a Japanese message.
# Every bad-input fixture the tests have (tests/bad, tests/hostile, the
# batch hazards list) and the bad records of tests/i18n/records.sh go
# through check, render and batch under LANG=ja_JP.UTF-8 (Japanese even
# where that locale is not generated, see messages.sh); the text after
# "error:", "warning:", "note:" and "hint:" may hold no ASCII word of three
# letters or more except what a user types or reads as such: what is
# quoted from the record ('title', 「…」), paths, options (--resume), keys
# (letter.omit, data_items, known: 2023-06-05), lists of values
# (individuals, clients, ppc), ids and units (PDF, CSV, YAML). The same
# runs under LANG=C give the same diagnostics (ids, positions,
# severities) in English, and a few English messages are checked word for
# word. First, phrases.pl: no phrase goes to a diagnostic past the
# catalogue.
set -eu
BUILD=$1
SRC=$2
NG=$BUILD/notice-gen
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/rec"
perl "$SRC/tests/i18n/phrases.pl" "$SRC"/src/*/*.c
. "$SRC/tests/i18n/records.sh"
make_records "$T/rec"

ja() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=ja_JP.UTF-8 "$@"; }
en() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C "$@"; }

# One run in both languages: messages into $T/ja.txt and $T/en.txt (all
# runs), the diagnostics' ids and places compared (JSON lines, where the
# verb has them).
n=0
both() {
	n=$((n + 1))
	${PREP:-rm -rf "$T/out"}
	ja "$@" >"$T/o" 2>"$T/e" || true
	cat "$T/o" "$T/e" >>"$T/ja.txt"
	grep -o '^[^ ]*: \(error\|warning\|note\): ' "$T/e" >"$T/ja.where" || true
	${PREP:-rm -rf "$T/out"}
	en "$@" >"$T/o" 2>"$T/e" || true
	cat "$T/o" "$T/e" >>"$T/en.txt"
	grep -o '^[^ ]*: \(error\|warning\|note\): ' "$T/e" >"$T/en.where" || true
	if ! cmp -s "$T/ja.where" "$T/en.where"; then
		echo "different diagnostics in Japanese and English: $*"
		diff "$T/en.where" "$T/ja.where" || true
		exit 1
	fi
}
json_both() {
	ja "$@" --format=json >"$T/o" 2>"$T/e" || true
	sed 's/"message":.*//' "$T/e" >"$T/ja.json"
	en "$@" --format=json >"$T/o" 2>"$T/e" || true
	sed 's/"message":.*//' "$T/e" >"$T/en.json"
	cmp -s "$T/ja.json" "$T/en.json" || {
		echo "different ids in Japanese and English: $*"
		diff "$T/en.json" "$T/ja.json" || true
		exit 1
	}
}

for f in "$SRC"/tests/bad/*.yaml "$SRC"/tests/hostile/*.yaml "$T"/rec/*.yaml; do
	both "$NG" check "$f"
	both "$NG" render "$f" -o "$T/x.pdf"
	json_both "$NG" check "$f"
done
for t in "$SRC"/tests/hostile/*.tmpl "$T"/rec/*.tmpl; do
	both "$NG" render "$SRC/tests/golden/minimal.yaml" -t "$t" -o "$T/x.txt"
done
CASE=$SRC/examples/shaamu-2023/incident.yaml
LIST=$SRC/examples/shaamu-2023/clients.csv
for l in "$SRC"/tests/hostile/*.csv "$SRC"/tests/golden/batch/*.csv "$T"/rec/*.csv; do
	rm -rf "$T/out"
	both "$NG" batch "$CASE" -c "$l" -o "$T/out" -q -j 1 -f txt
done
# A list in no encoding it could be in.
printf '\377\376\000a,b\n' >"$T/bytes.csv"
both "$NG" batch "$CASE" -c "$T/bytes.csv" -o "$T/out" -q -j 1 -f txt
# Passwords: a client without one, an empty password file.
printf '顧問先名,パスワード\n株式会社A,\n株式会社B,ab\n' >"$T/pw.csv"
rm -rf "$T/out"
both "$NG" batch "$CASE" -c "$T/pw.csv" -o "$T/out" -q -j 1 -e
: >"$T/empty.txt"
both "$NG" render "$CASE" -o "$T/x.pdf" -e --user-password-file "$T/empty.txt"
both "$NG" render "$CASE" -o "$T/x.pdf" -e --user-password-file "$T/none.txt"
both "$NG" render "$T/none.yaml" -o "$T/x.pdf"
both "$NG" check "$CASE"
both "$NG" check "$SRC/examples/school-2024/incident.yaml"
for v in "" render check batch watch snapshot init templates help; do
	both "$NG" help $v
done
both "$NG" batch --bogus
both "$NG" render "$CASE" -o x.docx
both "$NG" render "$CASE" -o "$T"
both "$NG" render "$CASE" -o "$T/x.pdf" -t nosuch
both "$NG" render "$CASE" -o "$T/nodir/x.pdf"
# Fonts, pages, the holiday table, a window envelope, a template that
# leaves a field out, a batch stopped or out of space.
for f in "$T"/rec/render-*.yaml; do
	both "$NG" render "$f" -o "$T/x.pdf"
done
both "$NG" render "$T/rec/opening-fixed.yaml" -t public-notice -o "$T/x.pdf"
both env NG_TEST_STOP_AFTER=1:INT "$NG" batch "$CASE" -c "$LIST" \
	-o "$T/out" -q -j 1 -f txt
both env NG_TEST_ENOSPC_AFTER=1 "$NG" batch "$CASE" -c "$LIST" -o "$T/out" -q -j 1 -f txt
both "$NG" batch "$SRC/tests/golden/minimal.yaml" -c "$T/rec/window.csv" -o "$T/out" -q -j 1 \
	-t individual-notice
both "$NG" watch - -o "$T/x.pdf"
for o in "--shard=3/2" "-f txt --merge=$T/m.pdf" "--pdfa -e" "--generate-passwords" "-j 0"; do
	# shellcheck disable=SC2086
	both "$NG" batch "$CASE" -c "$LIST" -o "$T/out" -q $o
done
# A run's folder: finished, then written into again, resumed, forced.
finished() { rm -rf "$T/out" && "$NG" batch "$CASE" -c "$LIST" -o "$T/out" -q -j 1 -f txt >/dev/null 2>&1; }
PREP=finished both "$NG" batch "$CASE" -c "$LIST" -o "$T/out" -q -j 1 -f txt
PREP=finished both "$NG" batch "$CASE" -c "$LIST" -o "$T/out" -q -j 1 -f txt --resume
PREP=finished both "$NG" batch "$CASE" -c "$SRC/examples/school-2024/clients.csv" -o "$T/out" -q -j 1 -f txt --resume

# The message part of each diagnostic (and hint), then what may stay
# ASCII taken out, then the words left.
# A word standing alone among Japanese may be one the user types: a key
# or value of the record (every word of the schema but its own
# vocabulary), an option word; acronyms and placeholders are read as they
# are anywhere. A run of English words is English.
SCHEMA_WORDS=$(grep -o '"[a-z][a-z0-9_-]*"' "$SRC/data/incident.schema.json" | tr -d '"' |
	grep -vx 'type\|string\|object\|array\|integer\|boolean\|null\|number\|properties\|required\|enum\|const\|pattern\|items\|default\|description\|examples\|minimum\|maximum\|minItems\|maxItems\|minLength\|maxLength\|uniqueItems\|additionalProperties\|anyOf\|oneOf' |
	sort -u | tr '\n' ' ')
ALONE_WORDS="$SCHEMA_WORDS items true false yes no freedial long md short time seireki wareki
both weekday noweekday kanji ampm colon year fullend next day clock render check batch
watch snapshot init templates help manifest snapshots text doc layout" \
ANY_WORDS="YAML PDF CSV URL UTF JSON TSV PNG ICU AES NUL JST DIR FILE LIST OUT PATH VERB NAME
HEADER YYYY notice gen libyaml qpdf Excel Debian fontconfig pdftoppm JUnit XML Markdown
IPAexGothic IPAexMincho IPAmjMincho
Web Ctrl SIGNAL INCIDENT SNAPDIR PRINT CPU pdf txt json" perl -CSD -Mutf8 -ne '
	BEGIN {
		%alone = map { $_ => 1 } split /\s+/, $ENV{ALONE_WORDS};
		%any = map { $_ => 1 } split /\s+/, $ENV{ANY_WORDS};
	}
	# diagnostics and hints; every other line (help, the summary of check,
	# usage errors) without the synopses and the options column
	my $m;
	if (/^(?:\S+: )?(?:error|warning|note): (.*)$/) { $m = $1 }
	elsif (/^  hint: (.*)$/) { $m = $1 }
	elsif (/^\S+:\s+notice-gen |^\s+(?:\[|notice-gen )|^\s*$/) { next }
	else { ($m = $_) =~ s/^\s*(?:-\w, )?--?[\w-]+(?:=\S+)?\s+|\n//g }
	my $all = $m;
	$m =~ s/\x27[^\x27]*\x27|"[^"]*"|「[^」]*」|`[^`]*`|‘[^’]*’|“[^”]*”//g; # quoted
	$m =~ s/\{\{?[^}]*\}?\}//g;                         # {{date}}, {count: 1}
	$m =~ s/[\w.()-]+(?:[,、] ?[\w.()-]+)+//g;          # lists of values
	$m =~ s/(?:^|\s|[（(])\S*[\/\\]\S*//g;               # paths
	$m =~ s/(?<![\w-])(?:--?[a-z][a-z0-9-]*(=\S*)?|@[a-z][a-z0-9]*)//g; # options, @directives
	$m =~ s/\b[a-zA-Z][a-zA-Z0-9]*(?:[._@+:-][a-zA-Z0-9]+)+\b//g; # keys, ids, mails
	$m =~ s/\b[a-z_]+:(?=\s|$)//g;                      # key:
	$m =~ s/(?:\b[A-Za-z0-9_]+)?\.[a-z]{2,4}\b//g;      # file names, .ext
	$m =~ s/\bU\+[0-9A-F]{4,6}\b|\b0x[0-9A-Fa-f]+\b//g; # code points, bytes
	my @bad = ($m =~ /\b(e\.g\.|i\.e\.)/g);
	for my $run ($m =~ /[\x20-\x7e]+/g) {
		my @w = grep { !$any{$_} } ($run =~ /\b[A-Za-z]{3,}\b/g);
		next if @w == 1 && $alone{$w[0]} && $run !~ /\b(?:a|an|the)\s/i;
		push @bad, @w;
	}
	print "$all\n    English: @bad\n" if @bad && !$seen{$all}++;
' "$T/ja.txt" >"$T/english.txt" || true
if [ -s "$T/english.txt" ]; then
	echo "English inside Japanese messages ($(grep -c '^    English' "$T/english.txt") lines):"
	cat "$T/english.txt"
	exit 1
fi
echo "$n runs: $(grep -c 'error:\|warning:\|note:' "$T/ja.txt") diagnostics in Japanese without English words"

# English under C: the same messages as before they were translated.
expect() { grep -qF -- "$1" "$T/en.txt" || { echo "missing in English output: $1"; exit 1; }; }
expect "invalid date specification: no such day in that month"
expect "'email': not an e-mail address: more than one '@'"
expect "'phone': not a phone number: a Japanese number has 10 or 11 digits"
expect "YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence (line 5)"
expect "unknown key 'knwon' in a party"
expect "'organization': contains the invisible control character U+FEFF"
expect "YAML syntax error: mapping values are not allowed in this context"
expect "'password file': a password must have 8 to 127 characters"
expect "nodir/x.pdf: No such file or directory"
expect "'causes' to a party, or write 'causes: 調査中' there"
expect "character U+1F600 '😀' is not in font IPAexGothic or IPAmjMincho"
if grep -q 'があります\|ください\|ません' "$T/en.txt"; then
	echo "Japanese sentences in the English output:"
	grep 'があります\|ください\|ません' "$T/en.txt" | head
	exit 1
fi
echo "English under LANG=C unchanged"
