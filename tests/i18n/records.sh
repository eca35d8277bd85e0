# records.sh — bad records for no_english.sh: make_records DIR writes one
# small record per problem (a valid record with one thing wrong), so that
# the messages of each are seen in Japanese.

# rec NAME: the base record (its date $DATE, title $TITLE) with $L added to letter, $S to sender, $C to
# contact, $P to the party and $X at the end.
rec() {
	cat >"$D/$1.yaml" <<EOR
letter:
  date: ${DATE:-2023-07-21}
  title: ${TITLE:-お知らせ}
  addressee: 顧問先各位
${L:-}
sender:
  organization: 小林労務
${S:-}
overview: "{{2023-06-05 未明}}、サーバが暗号化されました。"
data_items:
  groups:
    - service: 給与計算
      items: [氏名, 住所]
secondary_harm: 情報流出は確認されていません。
contact:
  title: お問い合わせ窓口
  phone: 03-0000-0000
${C:-}
parties:
  - name: 小林労務
    causes: 調査中
${P:-}
${X:-}
EOR
	L= S= C= P= X= DATE= TITLE=
}

# raw NAME: the text on standard input as it is.
raw() { cat >"$D/$1.yaml"; }

make_records() {
	D=$1
	L= S= C= P= X=
	# dates and date specifications
	P='    occurred: 2023-02-30' rec when-no-day
	P='    occurred: 2023-13-01' rec when-month
	P='    occurred: 2023-06-05 25:00' rec when-hour
	P='    occurred: 2023-06-05 ~ 2023-06-01' rec when-range
	P='    occurred: ２０２３-06-31' rec when-wide
	P='    occurred: 2023-06-05 あとで' rec when-trailing
	P='    occurred: 2023-06-05 ~ あした' rec when-tilde
	P='    occurred: 2023-06-初旬' rec when-shojun
	P='    known: 2023-06-05 ~ 2023-06-06' rec known-range
	X='overview: "{{2023-06-05 | 西暦}}に"' rec option-ja
	X='overview: "{{2023-06-05 | bogus}}に"' rec option-bad
	X='overview: "{{2023-06-05 に"' rec ref-open
	L='  date_line: 2023/07/21' rec date-slash
	# contacts
	C='  email: a.@example.jp' rec email-dot
	C='  email: user@localhost' rec email-domain
	C='  email: user@exa_mple.jp' rec email-char
	C='  email: ユーザ@example.jp' rec email-local
	S='  phone: 03-1234' rec phone-short
	S='  phone: 03-1234-5678 内線12' rec phone-chars
	C='  windows:
    - kind: freedial
      hours: {weekdays: 9:00-17:00}' rec window-phone
	C='  windows:
    - phone: 0120-000-000
      hours: {saturdays: 9:00-12:00}' rec window-hours
	C='  windows:
    - phone: 0120-000-000
      from: 2023-08-01
      until: 2023-07-01' rec window-order
	C='  windows:
    - phone: 0120-000-000
      bogus: 1' rec window-key
	# kinds of value
	TITLE='[a, b]' rec type-text-list
	X='parties2: 1' rec unknown-top
	L='  audience: nobody' rec bad-audience
	L='  update: 0' rec bad-update
	S='  seal: missing.png' rec seal-missing
	X='affected: 1,230名' rec affected-typed
	X='affected: {count: 1,230}' rec affected-comma
	X='affected: {unit: 世帯}' rec affected-nocount
	X='affected: {count: 12, as_of: 2023-06-01 ~ 2023-06-02}' rec affected-range
	X='categories: [1, 1]' rec category-twice
	X='categories: 7' rec category-seven
	X='categories: [4]
affected: 12' rec category-four
	P='    timeline:
      - when: 2023-06-05
        label: 発生' rec timeline-both
	P='    timeline: 1' rec timeline-type
	P='    bogus: 1' rec party-key
	X='data_items: {status: 調査中, groups: []}' rec items-empty
	X='prevention: {status: known}' rec status-notext
	X='prevention: {status: maybe, text: 対策}' rec status-bad
	L='  opening: 謹啓
  closing: 草々' rec opening-fixed
	L='  opening: 拝聴' rec opening-unknown
	L='  addressee: 株式会社小林御中様' rec onchu
	# sections and blocks
	X='sections:
  - heading: 経緯
    blocks:
      - list: [a, {marker: xxxxxxxxxxxxxx, text: b}]' rec block-marker
	X='sections:
  - heading: 経緯
    blocks:
      - list: [{marker: ・}]' rec block-item-text
	X='sections:
  - heading: 経緯
    blocks:
      - list: []' rec block-list-empty
	X='sections:
  - heading: 経緯
    blocks:
      - paragraph: a
        list: [b]' rec block-two-kinds
	X='sections:
  - heading: 経緯
    blocks:
      - bogus: a' rec block-no-kind
	X='sections:
  - heading: 経緯
    blocks:
      - table:
          rows: [[a, b], [c]]' rec table-row-width
	X='sections:
  - heading: 経緯
    blocks:
      - table:
          header: [a, b]' rec table-no-rows
	X='sections:
  - heading: 経緯
    blocks:
      - table:
          rows: [[a, b]]
          align: [left, middle]
          widths: [1, x]' rec table-align
	X='sections:
  - heading: 経緯
    blocks:
      - table: {rows: [["^", b]]}' rec table-caret
	X='sections:
  - heading: 経緯
    blocks:
      - labels: [{label: a}]' rec labels-missing
	X='sections:
  - heading: 経緯
    blocks:
      - checks: [{text: a, checked: maybe}]' rec checks-bad
	X='sections:
  - heading: 経緯
    blocks:
      - list: {items: [a], inline: yes}' rec list-inline
	X='sections:
  - heading: 経緯
    blocks:
      - list: {items: [{text: a, items: [b]}], inline: true}' rec inline-nested
	X='sections:
  - heading: 経緯
    blocks:
      - page_break: no' rec page-break
	X='sections:
  - blocks: []' rec section-empty
	X='sections:
  - heading: 経緯
    covers: [causes]
    blocks: [a]
  - heading: 原因
    covers: [causes]
    blocks: [b]' rec covers-twice
	X='sections:
  - heading: 経緯
    numbering: 壱
    blocks: [a]' rec numbering
	X='updates:
  - bogus: 1' rec update-key
	X='attachments:
  - title: 別紙
    bogus: 1' rec attachment-key
	X='deadlines:
  first_day: maybe
  roll: never' rec deadline-bad
	# YAML itself: libyaml's own problems
	printf 'letter:\n  title: "abc\n' | raw yaml-quote
	printf 'letter:\n  title: a\n b: c\n' | raw yaml-indent
	printf 'letter:\n  title: a: b\n' | raw yaml-mapping-values
	printf 'letter: [a, b\n' | raw yaml-flow-seq
	printf 'letter: {a: b\n' | raw yaml-flow-map
	printf 'letter:\n  - a\n  b: c\n' | raw yaml-block-end
	printf 'letter: !bogus a\n' | raw yaml-tag
	printf '%%YAML 9.9\n---\nletter: a\n' | raw yaml-version
	printf 'letter: |x\n  a\n' | raw yaml-block-scalar
	printf 'letter: "\\q"\n' | raw yaml-escape
	printf 'letter: @a\n' | raw yaml-reserved
	printf 'letter:\n  a: b\n  ? c\n' | raw yaml-complex
	printf 'letter: *a\n' | raw yaml-alias-undefined
	printf '{{2023-06-05}}、発生\n' | raw yaml-braces
	printf 'letter: 1\n---\nletter: 2\n' | raw yaml-two-docs
	printf 'letter:\n\ttitle: a\n' | raw yaml-tab
	printf '\000letter: a\n' | raw yaml-nul
	printf '[a, b]\n' | raw yaml-top-list
	# problems only rendering finds: a character no font has, a word wider
	# than the line, deadlines past the holiday table's years
	TITLE='お知らせ😀' rec render-glyph
	X='response: 対応しました。AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' rec render-overflow
	DATE=2040-07-21 P='    known: 2040-07-01' rec render-holidays-provisional
	DATE=2160-07-21 P='    known: 2160-07-01' rec render-holidays-beyond
	C='  windows:
    - phone: 0120-000-000
      until: 2023-07-01' rec render-window-closed
	# a window envelope whose barcode cannot be made
	printf 'id,name,postcode,address\n1,郵便 太郎,100-0000,東京都千代田区霞が関1丁目3番2号\n2,郵便 次郎,100-0013,東京都千代田区霞が関\n' >"$D/window.csv"
	# templates
	printf '{{#if}}\n' >"$D/if-empty.tmpl"
	printf '{{bogus_filter letter.date}}\n' >"$D/filter.tmpl"
	printf '{{letter.date | nosuch}}\n' >"$D/pipe.tmpl"
	printf '{{#each parties}}\n' >"$D/each-open.tmpl"
	printf '{{/each}}\n' >"$D/close.tmpl"
	printf '::: bogus\n' >"$D/block.tmpl"
	# client lists
	printf '顧問先名,メール\n株式会社A,a@@example.jp\n,\n株式会社C,c@example.jp,x\n' >"$D/rows.csv"
	printf '顧問先名,郵便番号,住所\n株式会社A,12345,東京都\n' >"$D/postcode.csv"
	printf 'メール\na@example.jp\n' >"$D/noname.csv"
	printf '顧問先名,"abc\n' >"$D/quote.csv"
	printf -- '- bogus: 1\n- 顧問先名: B\n  template: nosuch\n' >"$D/list.yaml.csv"
}
