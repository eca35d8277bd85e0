#!/bin/bash
# man.sh BUILD SOURCE — the manual and the completions keep up with the
# program: docs/man/notice-gen.1 is clean for mandoc -Tlint and groff -ww;
# every verb, every long option each verb's --help lists and every
# environment variable --help lists is in the manual and (verbs, options)
# in the bash and zsh completions; the bash completion offers the
# templates the program lists and each verb's formats.
set -eu
BUILD=$1
SRC=$2
NG=$BUILD/notice-gen
MAN=$SRC/docs/man/notice-gen.1
BASH_C=$SRC/docs/completion/notice-gen.bash
ZSH_C=$SRC/docs/completion/_notice-gen
fail() { echo "man.sh: $*"; exit 1; }

if command -v mandoc >/dev/null; then
	out=$(mandoc -Tlint -W style "$MAN" 2>&1 | grep -v 'mandoc.db' || true)
	[ -z "$out" ] || fail "mandoc -Tlint: $out"
else
	fail "mandoc is not installed (scripts/setup installs it)"
fi
out=$(groff -ww -mdoc -z "$MAN" 2>&1)
[ -z "$out" ] || fail "groff -ww: $out"
grep -qP '[^\x00-\x7f]' "$MAN" && fail "non-ASCII in the manual (man -l shows it garbled)"

MANTXT=$(sed 's/\\-/-/g' "$MAN") # \- is a hyphen that stays one
verbs=$("$NG" --help | sed -n 's/^\(usage: \|       \)notice-gen \[\?\([a-z]*\).*/\2/p' | grep -v '^$')
[ "$(echo "$verbs" | wc -l)" -ge 6 ] || fail "too few verbs in --help: $verbs"
for v in $verbs; do
	grep -q "Cm $v\\b" "$MAN" || fail "verb $v not in the manual"
	grep -q "$v" "$BASH_C" || fail "verb $v not in the bash completion"
	grep -q "'$v:" "$ZSH_C" || fail "verb $v not in the zsh completion"
	for opt in $("$NG" help "$v" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		[ "$opt" = --help ] && continue
		echo "$MANTXT" | grep -q -- "Fl ${opt#-}\\b" || fail "$v $opt not in the manual"
		grep -q -- "$opt" "$BASH_C" || fail "$v $opt not in the bash completion"
		grep -q -- "'*${opt}" "$ZSH_C" || grep -q -- "$opt" "$ZSH_C" ||
			fail "$v $opt not in the zsh completion"
	done
done
for var in $("$NG" --help | grep -o '\b[A-Z][A-Z_]*[A-Z]\b' | grep -E '_|^LANG$' | sort -u); do
	grep -q "Ev $var\\b" "$MAN" || fail "environment variable $var not in the manual"
done
# Every variable the sources read (getenv) is in --help and the manual.
help=$("$NG" --help)
for var in $(grep -rhoE 'getenv\("[A-Z_]+"\)' "$SRC/src" | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
	echo "$help" | grep -q "\b$var\b" || fail "getenv(\"$var\") is not in notice-gen --help"
	grep -q "Ev $var\\b" "$MAN" || fail "getenv(\"$var\") is not in the manual's ENVIRONMENT"
done

# The bash completion, as bash would call it.
export PATH="$BUILD:$PATH"
# shellcheck disable=SC1090
source "$BASH_C"
complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _notice_gen; echo "${COMPREPLY[*]}"; }
got=$(complete_words notice-gen incident.yaml -t "")
for t in $("$NG" templates | cut -f1); do
	[[ " $got " == *" $t "* ]] || fail "-t does not offer template $t: $got"
done
[ "$(complete_words notice-gen check --format "")" = "text json" ] || fail "check --format"
[ "$(complete_words notice-gen batch -f "")" = "pdf txt" ] || fail "batch -f"
[[ "$(complete_words notice-gen batch --sh)" == "--shard" ]] || fail "batch --sh"
[[ " $(complete_words notice-gen "")" == *" batch "* ]] || fail "verbs"
if command -v zsh >/dev/null; then
	zsh -n "$ZSH_C" || fail "zsh syntax"
fi
echo "manual and completions cover $(echo $verbs | wc -w) verbs"
