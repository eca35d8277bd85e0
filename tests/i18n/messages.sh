#!/bin/sh
# messages.sh BUILD SOURCE — every message has a Japanese translation:
# the template of all message ids (scripts/po-update --pot) against
# po/ja.po, with msgcmp, which counts an empty or fuzzy translation as
# missing; msgfmt checks each translation's printf directives. Then the
# program speaks Japanese under LANG=ja_JP.UTF-8 (whether or not that
# locale is generated here) with the FILE:LINE:COL: error: prefix and the
# ids unchanged, and English under LANG=C.
set -eu
BUILD=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$SRC"
BUILD=$BUILD scripts/po-update --pot "$T/all.pot"
if ! msgcmp po/ja.po "$T/all.pot" 2>"$T/cmp.txt"; then
	cat "$T/cmp.txt"
	echo "messages without a Japanese translation: run scripts/po-update, fill in po/ja.po"
	exit 1
fi
msgfmt --check-format -o /dev/null po/ja.po
echo "$(grep -c '^msgid' "$T/all.pot") message ids, all translated"

NG=$BUILD/notice-gen
BAD=$SRC/tests/bad/unknown-key.yaml
run() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE "$@" >"$T/out" 2>"$T/err" || true; }
expect() { grep -qF -- "$2" "$T/$1" || { echo "missing in $1: $2"; cat "$T/$1"; exit 1; }; }
run LANG=ja_JP.UTF-8 "$NG" "$BAD" -o "$T/x.pdf"
expect err "$BAD:5:3: error: letter に知らないキー 'tittle' があります"
expect err "hint: 'title' のことですか？"
run LANG=ja_JP.UTF-8 "$NG" "$BAD" -o "$T/x.pdf" --format=json
expect err '"id":"unknown-key","message":"letter に知らないキー'
run LANG=ja_JP.UTF-8 "$NG" check "$SRC/examples/shaamu-2023/incident.yaml"
expect out "の要約"
expect out "速報の目安: 令和5年6月9日（金）"
run LANG=ja_JP.UTF-8 "$NG" help render
expect out "環境変数:"
run LANG=ja_JP.UTF-8 "$NG" "$BAD" -o x.docx
expect err "notice-gen: 名前 x.docx から形式がわかりません"
# What a field must be is translated too; the field's name is not.
printf 'letter:\n  date: [1]\n' >"$T/type.yaml"
run LANG=ja_JP.UTF-8 "$NG" "$T/type.yaml" -o "$T/x.pdf"
expect err "type.yaml:2:9: error: 'date' は 日付（YYYY-MM-DD） でなければなりません"
run LANG=C "$NG" "$BAD" -o "$T/x.pdf"
expect err "$BAD:5:3: error: unknown key 'tittle' in letter"
run LANG=ja_JP.UTF-8 LC_ALL=C "$NG" "$BAD" -o "$T/x.pdf"
expect err "unknown key 'tittle'"
echo "Japanese under LANG=ja_JP.UTF-8, English under C; prefixes and ids unchanged"
