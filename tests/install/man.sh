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
# options_of VERB — the long options VERB's --help lists (its option
# lines, not the words of its text), one a line.
options_of() {
	"$NG" help "$1" | sed -n 's/^ \{2,6\}\(-[a-zA-Z0-9], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort -u
}
verbs=$("$NG" --help | sed -n 's/^\(usage: \|       \)notice-gen \[\?\([a-z]*\).*/\2/p' | grep -v '^$')
[ "$(echo "$verbs" | wc -l)" -ge 6 ] || fail "too few verbs in --help: $verbs"
for v in $verbs; do
	grep -q "Cm $v\\b" "$MAN" || fail "verb $v not in the manual"
	grep -q "$v" "$BASH_C" || fail "verb $v not in the bash completion"
	grep -q "'$v:" "$ZSH_C" || fail "verb $v not in the zsh completion"
	for opt in $(options_of "$v"); do
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
# Every verb offers exactly the long options its --help lists, through the
# completion itself (bash).
for v in $verbs; do
	got=$(complete_words notice-gen "$v" - | tr ' ' '\n' | grep -- '^--' | sort -u)
	[ "$got" = "$(options_of "$v")" ] ||
		fail "bash: '$v -' offers $(echo $got), --help lists $(options_of "$v" | tr '\n' ' ')"
done

# The zsh completion: it parses, and in an interactive zsh (compinit, Tab
# typed through a pseudo-terminal: zsh-complete.zsh) it completes the
# verbs, each verb's options, template names and formats, without an error.
command -v zsh >/dev/null || fail "zsh is not installed (scripts/setup installs it)"
zsh -n "$ZSH_C" || fail "zsh syntax"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
lines=("notice-gen " "notice-gen help " "notice-gen -" "notice-gen render -t "
	"notice-gen init --template=" "notice-gen batch -t " "notice-gen check --format="
	"notice-gen batch -f " "notice-gen render --format=" "notice-gen render --dump=")
for v in $verbs; do lines+=("notice-gen $v -"); done
(cd "$T" && timeout 120 zsh -f "$SRC/tests/install/zsh-complete.zsh" "$(dirname "$ZSH_C")" "$T/zsh.out" \
	"${lines[@]}") || fail "zsh-complete.zsh failed"
[ "$(tail -1 "$T/zsh.out")" = "<<<" ] || fail "zsh: the session did not finish"
[ -s "$T/zsh.out.errors" ] && fail "zsh: errors while completing: $(cat "$T/zsh.out.errors")"
# zsh_offers LINE — what Tab offered after LINE, one a line ("=" dropped).
zsh_offers() {
	awk -v l=">>> $1" '$0 == l {on = 1; next} /^(>>>|<<<)/ {on = 0} on' "$T/zsh.out" | sed 's/=$//'
}
zsh_wants() { # LINE WORD...
	line=$1
	shift
	got=$(zsh_offers "$line")
	for w in "$@"; do
		echo "$got" | grep -qxF -- "$w" || fail "zsh: '$line' does not offer $w: $(echo $got)"
	done
}
# shellcheck disable=SC2086
zsh_wants "notice-gen " $verbs
# shellcheck disable=SC2086
zsh_wants "notice-gen help " $verbs
# Exactly the long options of each verb's --help; render's with no verb.
for v in $verbs; do
	got=$(zsh_offers "notice-gen $v -" | grep -- '^--' | sort -u)
	[ "$got" = "$(options_of "$v")" ] ||
		fail "zsh: '$v -' offers $(echo $got), --help lists $(options_of "$v" | tr '\n' ' ')"
done
[ "$(zsh_offers "notice-gen -" | grep -- '^--' | sort -u)" = "$(options_of render)" ] ||
	fail "zsh: 'notice-gen -' does not offer render's options"
templates=$("$NG" templates | cut -f1)
# shellcheck disable=SC2086
zsh_wants "notice-gen render -t " $templates
# shellcheck disable=SC2086
zsh_wants "notice-gen init --template=" $templates
# shellcheck disable=SC2086
zsh_wants "notice-gen batch -t " $templates
zsh_wants "notice-gen check --format=" text json
zsh_wants "notice-gen batch -f " pdf txt
zsh_wants "notice-gen render --format=" pdf txt md
zsh_wants "notice-gen render --dump=" doc layout
zsh_offers "notice-gen check --format=" | grep -qx pdf && fail "zsh: check offers --format=pdf"
echo "manual and completions cover $(echo $verbs | wc -w) verbs; zsh completed ${#lines[@]} lines"
