/* record.h — the incident record as plain structs. ng_record_load reads a
 * YAML file through yaml_tree, maps it onto these structs by the field
 * tables in record.c (unknown keys, wrong types and missing fields are
 * reported, all of them, not just the first), then validates once. Later
 * stages trust a loaded record. */
#ifndef NG_RECORD_H
#define NG_RECORD_H

#include "../era/era.h"
#include "../law/deadline.h"
#include "../util/diag.h"

/* A string from the record with its position; s is NULL when absent. */
typedef struct ng_text {
	const char *s;
	ng_pos pos;
	bool plain; /* a plain scalar: columns inside it map 1:1 to the file */
} ng_text;

typedef struct ng_texts {
	ng_text *v;
	size_t n;
} ng_texts;

/* A date field: the value, where it was written, and whether it was. */
typedef struct ng_dated {
	bool set;
	ng_date v;
	ng_pos pos;
} ng_dated;

/* A date-specification field (see ng_when_parse). */
typedef struct ng_whenf {
	bool set;
	ng_when v;
	ng_text text;
} ng_whenf;

/* Whether a report item is stated. Every item can be marked 調査中 (not
 * yet known): a 速報 reports only what is known. */
typedef enum ng_state {
	NG_STATE_ABSENT = 0,   /* not in the record */
	NG_STATE_KNOWN,        /* stated */
	NG_STATE_INVESTIGATING /* marked 調査中 */
} ng_state;

/* The nine report items of 規則第8条第1項, numbered as the rule numbers
 * them (index 0 is unused). */
typedef enum ng_item {
	NG_ITEM_OVERVIEW = 1, /* 概要: overview */
	NG_ITEM_DATA,         /* 個人データの項目: data_items */
	NG_ITEM_COUNT,        /* 本人の数: affected */
	NG_ITEM_CAUSE,        /* 原因: parties[].causes */
	NG_ITEM_HARM, /* 二次被害又はそのおそれの有無及びその内容: secondary_harm */
	NG_ITEM_RESPONSE,    /* 本人への対応の実施状況: response */
	NG_ITEM_PUBLICATION, /* 公表の実施状況: publication */
	NG_ITEM_PREVENTION,  /* 再発防止のための措置: prevention */
	NG_ITEM_OTHER,       /* その他参考となる事項: other (or contact) */
	NG_ITEM__END
} ng_item;

typedef struct ng_item_status {
	ng_state state;
	ng_pos pos; /* where the item (or its 調査中) was written */
} ng_item_status;

/* Who a letter is for; decides which report items it must contain. */
typedef enum ng_audience {
	NG_AUD_INDIVIDUALS = 0, /* 本人通知: items 1, 2, 4, 5, 9 */
	NG_AUD_CLIENTS,         /* 委託元への通知: all nine */
	NG_AUD_PPC,             /* 個人情報保護委員会への報告: all nine */
	NG_AUD_PUBLIC,          /* 公表文 (代替措置): items 1, 2, 4, 5, 9 */
	NG_AUD__COUNT
} ng_audience;

/* How a count's digits are written: 1,234 (default), 1234, or 万/億
 * (12万, 約450万, 1万2,345). */
typedef enum ng_digits {
	NG_DIGITS_GROUPED = 0,
	NG_DIGITS_PLAIN,
	NG_DIGITS_MAN,
	NG_DIGITS_MAN1 /* 万 with one decimal when not whole: 1.2万, 12.3万 */
} ng_digits;

/* A bound on a count besides 以上 (over): 以下, 未満, 超. */
typedef enum ng_bound {
	NG_BOUND_NONE = 0,
	NG_BOUND_AT_MOST, /* 以下: the count or fewer */
	NG_BOUND_UNDER,   /* 未満: fewer than the count */
	NG_BOUND_ABOVE    /* 超: more than the count */
} ng_bound;

/* How persons and records stand side by side: 300名分（312件） (the
 * default), 300名（312件）, 300名・312件, 300名、312件. */
typedef enum ng_records_sep {
	NG_RECORDS_BUN = 0,
	NG_RECORDS_PAREN,
	NG_RECORDS_DOT,
	NG_RECORDS_COMMA
} ng_records_sep;

/* One line of a count's breakdown: 「うち、クレジットカード情報6,789件」. */
typedef struct ng_count_part {
	ng_text label;
	long count;
	ng_text unit; /* s NULL: the count's unit */
} ng_count_part;

/* 本人の数 (item 3): a count with its wording, or 調査中. Written as
 * [延べ][最大][約]N,NNN[～M][unit][以上|以下|未満|超][分（M件）][（うち、…）]
 * [（…時点）]. */
typedef struct ng_affected {
	ng_state state;
	long count;        /* -1 when not given (or vague) */
	long upper;        /* 0, or a range's upper end: 100～200件 */
	const char *vague; /* NULL, or 数十, 数百 …: no exact number (count -1) */
	bool approx;       /* 約 */
	bool max;          /* 最大 */
	bool over;         /* 以上 */
	ng_bound bound;    /* 以下, 未満, 超 */
	bool total;        /* 延べ: occurrences; the persons are at most that */
	ng_records_sep records_sep;
	ng_text unit;         /* 名 (default), 人, 件, 社, 事業所, 通 … */
	long records;         /* -1, or the records beside the persons: 300名分（312件） */
	ng_text records_unit; /* 件 (default) */
	ng_whenf as_of;       /* （令和6年5月2日時点） */
	struct {
		ng_count_part *v;
		size_t n;
	} breakdown;
	ng_digits digits;
	ng_text digits_text;
	ng_text note;
	ng_pos pos;
} ng_affected;

/* One timeline row: a date specification (or a label for rows such as
 * 「事案発生直後～現在」) and what happened. */
typedef struct ng_event {
	ng_whenf when;
	ng_text label;
	ng_text what;
	ng_pos pos;
} ng_event;

/* A party involved in the incident (the processor, its vendor, …). */
typedef struct ng_party {
	ng_text name;
	ng_texts narrative; /* how it learned of and handled the incident */
	struct {
		ng_event *v;
		size_t n;
	} timeline;
	ng_texts causes;
	ng_whenf occurred; /* 発生日 (and time, when known) */
	ng_whenf known;    /* 知った日: the deadlines count from it */
	ng_pos pos;
} ng_party;

/* Personal-data items affected, for one contracted service. */
typedef struct ng_item_group {
	ng_text service;
	ng_texts items;
	ng_pos pos;
} ng_item_group;

/* Which report a letter is (規則第8条): the 速報 (第1項: what is known so
 * far, 調査中 allowed) or the 確報 (第2項: every item). Unset, it follows
 * from the letter's date (see ng_report_kind). */
typedef enum ng_report {
	NG_REPORT_AUTO = 0,
	NG_REPORT_PRELIMINARY, /* 速報 */
	NG_REPORT_FINAL,       /* 確報 */
	NG_REPORT__COUNT
} ng_report;
typedef struct ng_node ng_node;

/* A yes/no field and whether it was written. */
typedef struct ng_flag {
	bool set, v;
	ng_pos pos;
} ng_flag;

typedef struct ng_letter {
	ng_text templ;
	ng_dated date;
	ng_text number; /* 文書番号 */
	ng_text addressee;
	ng_text title;
	ng_text opening;       /* 頭語 */
	ng_text closing;       /* 結語 */
	ng_text greeting;      /* follows the 頭語 on its line */
	ng_texts body;         /* paragraphs before 記 */
	ng_audience audience;  /* default NG_AUD_INDIVIDUALS */
	ng_text audience_text; /* as written; s NULL when defaulted */
	ng_text update;        /* 第N報: the number of a public notice's update */
	ng_text incident; /* the incident's short name: 「…に関するお詫びとお知らせ」 */
	ng_report report;    /* letter.report: preliminary|final (速報|確報) */
	ng_text report_text; /* as written; s NULL when not given */
	/* The frame (frame.c): all optional, the template's default when
	 * not written. */
	ng_texts addressee_lines; /* a stacked addressee: one line each */
	ng_flag no_addressee;     /* addressee: none — no addressee line at all */
	ng_text marking;          /* 親展, 【取扱注意】 …, or none */
	ng_flag kigaki;           /* 記 … 以上 around the body */
	ng_flag date_line;        /* the date line */
	ng_text sender_position;  /* top | end */
	ng_text numbering;        /* the style of generated section headings */
	ng_texts omit;            /* fields this letter leaves out on purpose */
	/* Date conventions: calendar (wareki|seireki|both), calendar_first
	 * (wareki|seireki, with both), weekday (auto|always|never), time_style
	 * (kanji|ampm|colon), as written; dates holds them read (its letter
	 * field is the letter's date). timeline: flat|grouped. */
	ng_text calendar, calendar_first, weekday, time_style, timeline;
	bool timeline_header;
	ng_datefmt dates;
} ng_letter;

typedef struct ng_sender {
	ng_text organization, representative, postcode, address, phone, email;
	ng_text kind; /* company, clinic, city, school …: the default words */
	ng_text seal; /* 角印: a PNG, relative to the record's folder */
} ng_sender;

/* One inquiry window (contact.windows, windows.c). */
typedef struct ng_window {
	ng_text kind;  /* phone, freedial, email, form, counter (or 電話 …) */
	ng_text name;  /* the window's own name, a line above it */
	ng_text label; /* replaces the kind's label (電話, フリーダイヤル …) */
	ng_text phone, email, url, place, extension;
	ng_text hours;        /* text, or made from the hours map */
	ng_dated from, until; /* valid from / until (both days included) */
	ng_pos pos;
} ng_window;

typedef struct ng_contact {
	ng_text title, phone, email, hours, url;
	struct {
		ng_window *v;
		size_t n;
	} windows;
	ng_pos pos;
} ng_contact;

/* How the letter names its sender and the persons concerned (words.c):
 * 当社/お客様, 当院/患者の皆様, 本市/市民の皆様 … by sender.kind unless
 * written. */
typedef struct ng_words {
	ng_text self, persons;
	ng_text client; /* how a letter to a client calls it: 貴社, 貴事務所, 貴院 … */
	ng_text name;   /* the sender's name that introduces self at its first mention */
	ng_text persons_short; /* persons inside a phrase: 患者様の個人情報 */
	ng_text reader;        /* the reader of a letter to one person: あなた, 貴殿, name */
} ng_words;

/* The tree of one letter whose addressee (in a batch, the row's) may not
 * be the record's: words.reader and words.reader_short made for it — a
 * letter to one person (「山田 花子 様」) calls its reader by the record's
 * word for one (あなた, 貴殿, the name), one to many words.persons (and
 * words.persons_short in a phrase). root itself when they are the same
 * as validation made them for the record's addressee; else a shallow
 * copy allocated in a. */
const ng_node *ng_words_letter(ng_arena *a, const ng_node *root);

/* Whether an addressee is one person: it ends in 様 or 殿 (「氏名 様」),
 * not in 皆様 or 各位 (many) or 御中 (an organisation). */
bool ng_addressee_one_person(const char *addressee, size_t len);

/* The word a letter to a client of this name calls it (貴事務所 for
 * 「山田社会保険労務士事務所 御中」, 貴院, 貴市, 貴社 for a company), by the
 * end of the name; NULL when the name does not say. */
const char *ng_words_client_for(const char *name);

/* What a section may cover: the nine report items (ng_item) and the
 * contact window. */
enum { NG_COVER_CONTACT = NG_ITEM__END, NG_COVER__END };
/* Their record keys (overview … other, contact), NULL at 0. */
extern const char *const ng_cover_keys[NG_COVER__END];

/* Numbering styles of headings ("1." "（1）" "第1" "【】" "■" none …):
 * whether a style is known, and the text before (pre) and after (post)
 * the n-th (1-based) heading's words. */
bool ng_numbering_known(const char *style);
void ng_numbering(const char *style, size_t n, ng_buf *pre, ng_buf *post);
/* The default style of a heading nested under one of style (1. → （1）
 * → ① → ア; under 【】 ■ □ ● ・ none: 1.). */
const char *ng_numbering_next(const char *style);

/* One section of the letter's body as the record gives it (sections.c). */
typedef struct ng_section ng_section;
struct ng_section {
	ng_text heading;
	ng_text numbering;    /* "1." "1　" "（1）" "第1" "【】" "■" none …  */
	ng_texts covers;      /* report item keys */
	unsigned covers_mask; /* bit i: item i (bit 10: contact) */
	ng_text after;        /* "contact": placed after the contact window */
	const ng_node *blocks;
	struct {
		ng_section *v;
		size_t n;
	} sections;
	ng_pos pos;
};

/* A 追記: dated (and timed) text shown above the body, newest first. */
typedef struct ng_update {
	ng_whenf date;
	ng_text heading;
	const ng_node *blocks;
	ng_pos pos;
} ng_update;

/* data_items (item 2): a note and the items per service, or 調査中. */
typedef struct ng_data_items {
	ng_text note; /* the ※ line */
	struct {
		ng_item_group *v;
		size_t n;
	} groups;
	ng_state state;
} ng_data_items;

/* How report deadlines are counted (see law/deadline.h). */
typedef struct ng_deadline_rule {
	ng_first_day first_day;
	ng_roll roll;
	ng_pos pos;
} ng_deadline_rule;

/* A block list as read by blocks.h. */
typedef struct ng_rblocks ng_rblocks;

/* 別紙: printed after 以上, each on a new page, titled 別紙N. */
typedef struct ng_attachment {
	ng_text title;
	ng_rblocks *blocks;
	ng_pos pos;
} ng_attachment;

typedef struct ng_record {
	const char *file;
	ng_pos pos; /* of the top-level map */
	/* The record's YAML tree as validated and normalised: what templates
	 * read their variables from. */
	const ng_node *root;
	ng_letter letter;
	ng_sender sender;
	ng_texts overview;
	struct {
		ng_party *v;
		size_t n;
	} parties;
	ng_data_items data_items;
	ng_texts secondary_harm;
	ng_contact contact;
	/* 規則第7条 categories: bit c (NG_CATEGORY_BIT) set for category c. */
	unsigned categories;
	ng_pos categories_pos;
	ng_affected affected;
	ng_texts response;    /* 本人への対応の実施状況 */
	ng_texts publication; /* 公表の実施状況 */
	ng_texts prevention;  /* 再発防止のための措置 */
	ng_texts other;       /* その他参考となる事項 */
	ng_deadline_rule deadlines;
	struct {
		ng_attachment *v;
		size_t n;
	} attachments;
	ng_words words;
	struct {
		ng_section *v;
		size_t n;
	} sections;
	struct {
		ng_update *v;
		size_t n;
	} updates;
	/* The state of each report item, filled while reading: a template
	 * tells a stated item from one marked 調査中 here (the texts of an
	 * item marked 調査中 hold its note, or 「調査中」). */
	ng_item_status items[NG_ITEM__END];
} ng_record;

/* Loads and validates a record. Returns NULL after adding diagnostics
 * (every problem found, not only the first); warnings alone do not fail.
 * Everything is allocated from a. */
ng_record *ng_record_load(const char *path, ng_arena *a, ng_diags *d);
/* The same from memory: data (len bytes, need not be NUL-terminated) as if
 * read from a file called name (used in positions). */
ng_record *ng_record_parse(const char *name, const char *data, size_t len, ng_arena *a,
                           ng_diags *d);

/* letter.report's keywords, indexed by ng_report ("" at AUTO). */
extern const char *const ng_report_keys[NG_REPORT__COUNT];

/* The 規則第8条 item names, indexed by ng_item ("" at 0). */
extern const char *const ng_item_names[NG_ITEM__END];
/* Audience keywords as the record writes them ("individuals", …). */
extern const char *const ng_audience_keys[NG_AUD__COUNT];

/* References in prose: {{SPEC}} or {{SPEC | OPTIONS}}, SPEC as
 * ng_when_parse reads it, OPTIONS words ng_dateopts_word knows (a style:
 * long (default), md, short, time; a calendar; weekday / noweekday; …),
 * separated by spaces or commas; or a field {{PATH}} / {{PATH | FILTER}}
 * (PATH a dotted name: {{affected}} prints the count's wording).
 * ng_prose_next finds the next reference at or after *at in s: returns 1
 * and fills the reference's byte span [start, end) and its parsed parts,
 * 0 when there is none, -1 on a malformed reference (err, err_at set). A
 * date followed by 付, 時点 or 現在 is an as-of date: no weekday by the
 * automatic rule. */
typedef struct ng_ref {
	size_t start, end;
	ng_when when;
	ng_datestyle style;
	/* A field reference {{PATH}} or {{PATH | FILTER}} (path_len > 0):
	 * byte spans of the dotted path and of the filter text (filter_len 0:
	 * none), resolved by the template that prints the text. */
	size_t path, path_len, filter, filter_len;
	ng_dateopts opts; /* a date reference's options */
	size_t spec;      /* where the date specification starts */
} ng_ref;
int ng_prose_next(const char *s, size_t at, ng_ref *ref, size_t *err_at, const char **err);

/* A count's wording (count.c): n with its digits (1,234 / 1234 / 12万;
 * approx rounds 万 style to whole 万), and the whole 本人の数 as notices
 * write it ([約|最大]N[unit][以上][分（M件）][（うち、…）][（…時点）]).
 * e may be NULL: the as-of date is then left out (the record's reading).
 * ng_affected_text returns 0, or -1 (out unchanged) when the as-of date
 * cannot be written (ng_era_error says why). */
void ng_count_number(long n, ng_digits digits, bool approx, ng_buf *out);
int ng_affected_text(ng_era *e, const ng_affected *a, ng_buf *out);

/* Reads a count as people type it (affected: 約1.2万件, a client list's
 * 人数 column) into a, which it first clears:
 *   [延べ] [最大] [約] (number | vague) [unit] [～ number [unit]]
 *   [以上|以下|未満|超|程度] [分（N unit） | （N unit） | ・N unit | 、N unit]
 * number 1234, 1,234, 12万, 1.2万, 1万2,345 (full-width digits too); vague
 * 数十, 数百, 数千, 数万, 十数 …; unit any word (名 by default). 程度 reads
 * as 約. Strings are copied into ar. Returns 0, or -1 with *err_at the
 * byte offset of the problem and *err a message (*err_at 0: nothing
 * there reads as a count). */
int ng_count_parse(const char *s, size_t len, ng_arena *ar, ng_affected *a, size_t *err_at,
                   const char **err);

/* The number 規則第7条第4号 (more than 1,000 persons) is decided by: the
 * count, a range's upper end (the leak may concern that many: 「おそれ」
 * counts), one less for 未満, one more for 超; -1 when no number can
 * decide it (数十件, or no count). */
long ng_affected_deciding(const ng_affected *a);

/* The position of byte offset off inside a text (exact for plain scalars
 * on one line; the text's own position otherwise). */
ng_pos ng_text_pos_at(const ng_text *t, size_t off);

/* A `wrong-weekday` warning when w (parsed from t's text at byte base)
 * has a weekday typed that is not its day's. */
void ng_warn_typed_weekday(ng_diags *d, const ng_when *w, const ng_text *t, size_t base);

#endif
