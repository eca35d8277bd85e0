/* items.c — the law's side of validation: which of the nine report items
 * (規則第8条第1項) each letter type must contain, present or explicitly
 * 調査中 (JAPANESE.md §1–2), and the 規則第7条 categories against the number
 * of persons. The tables are data; validate.c runs the checks. */
#include <stdio.h>
#include <string.h>

#include "validate.h"
#include "yaml_tree.h"

#define ITEM_BIT(i) (1u << (i))
#define ALL_NINE    0x3FEu /* bits 1..9 */
/* 本人通知 (規則第10条): 概要, 項目, 原因, 二次被害, その他. */
#define INDIVIDUAL_ITEMS                                                                           \
	(ITEM_BIT(NG_ITEM_OVERVIEW) | ITEM_BIT(NG_ITEM_DATA) | ITEM_BIT(NG_ITEM_CAUSE) |           \
	 ITEM_BIT(NG_ITEM_HARM) | ITEM_BIT(NG_ITEM_OTHER))

/* Category 4 applies to more than this many persons. */
#define MANY_PERSONS 1000

const char *const ng_item_names[NG_ITEM__END] = {
    [0] = "",
    [NG_ITEM_OVERVIEW] = "概要",
    [NG_ITEM_DATA] = "漏えい等が発生し又は発生したおそれがある個人データの項目",
    [NG_ITEM_COUNT] = "本人の数",
    [NG_ITEM_CAUSE] = "原因",
    [NG_ITEM_HARM] = "二次被害又はそのおそれの有無及びその内容",
    [NG_ITEM_RESPONSE] = "本人への対応の実施状況",
    [NG_ITEM_PUBLICATION] = "公表の実施状況",
    [NG_ITEM_PREVENTION] = "再発防止のための措置",
    [NG_ITEM_OTHER] = "その他参考となる事項",
};

/* The hint for a missing item: where its key goes, when not at the top
 * of the record (causes belong to a party; contact also states item 9). */
static const char *const item_hints[NG_ITEM__END] = {
    [NG_ITEM_CAUSE] = N_("add 'causes' to a party, or write 'causes: 調査中' there until "
                         "it is known"),
    [NG_ITEM_OTHER] = N_("add 'other' (or 'contact'), or write 'other: 調査中' until it is "
                         "known"),
};

static const struct {
	const char *name, *article;
	unsigned items;
} audiences[NG_AUD__COUNT] = {
    [NG_AUD_INDIVIDUALS] = {"本人通知", "法第26条第2項, 規則第10条", INDIVIDUAL_ITEMS},
    [NG_AUD_CLIENTS] = {"委託元への通知", "法第26条第1項ただし書, 規則第9条", ALL_NINE},
    [NG_AUD_PPC] = {"個人情報保護委員会への報告", "法第26条第1項, 規則第8条第1項", ALL_NINE},
    /* A public announcement stands in for 本人通知 (代替措置). */
    [NG_AUD_PUBLIC] = {"公表（代替措置）", "法第26条第2項ただし書, 規則第10条", INDIVIDUAL_ITEMS},
};

static const char *const categories[5] = {
    "",
    "要配慮個人情報の漏えい等",
    "財産的被害が生じるおそれがある個人データの漏えい等",
    "不正の目的をもって行われたおそれがある漏えい等",
    "1,000人を超える本人の個人データの漏えい等",
};

unsigned ng_audience_items(ng_audience a)
{
	return audiences[a].items;
}

const char *ng_audience_name(ng_audience a)
{
	return audiences[a].name;
}

const char *ng_audience_article(ng_audience a)
{
	return audiences[a].article;
}

const char *ng_category_name(int c)
{
	return c >= 1 && c <= 4 ? categories[c] : "";
}

/* その他参考となる事項: an inquiry window counts (規則第10条 in practice). */
static void fill_other(ng_record *rec)
{
	ng_item_status *it = &rec->items[NG_ITEM_OTHER];
	const ng_contact *c = &rec->contact;
	bool window = c->title.s || c->phone.s || c->email.s || c->url.s || c->windows.n;
	if (it->state == NG_STATE_ABSENT && window)
		*it = (ng_item_status){NG_STATE_KNOWN, c->pos};
}

/* Where a missing item is reported: the audience line, else the top of
 * the record. */
static ng_pos missing_pos(const ng_record *rec)
{
	if (rec->letter.audience_text.s)
		return rec->letter.audience_text.pos;
	return rec->pos;
}

static int check_required(const ng_record *rec, ng_diags *d)
{
	ng_audience aud = rec->letter.audience;
	int rc = 0;
	for (int i = 1; i < NG_ITEM__END; i++) {
		if (!(audiences[aud].items & ITEM_BIT(i)) || rec->items[i].state != NG_STATE_ABSENT)
			continue;
		ng_diag *g =
		    ng_diag_add(d, NG_D_REQUIRED_ITEM, missing_pos(rec), audiences[aud].name, i,
		                ng_item_names[i], audiences[aud].article);
		if (item_hints[i])
			ng_diag_hint(d, g, "%s", ng_tr(item_hints[i]));
		else
			ng_diag_hint(d, g, "add '%s', or write '%s: 調査中' until it is known",
			             ng_cover_keys[i],
			             ng_cover_keys[i]); /* the key that states item i */
		rc = -1;
	}
	return rc;
}

/* Units that count persons; a count in any other unit (件, 世帯, 社,
 * 事業所, 通 …) is not itself the number of persons category 4 asks
 * about, and the warnings say so in its unit. */
static const char *const person_units[] = {"名", "人", "名分", "人分"};

static bool counts_persons(const ng_affected *a)
{
	if (!a->unit.s)
		return true; /* 名 by default */
	for (size_t i = 0; i < NG_ARRAY_LEN(person_units); i++)
		if (strcmp(a->unit.s, person_units[i]) == 0)
			return true;
	return false;
}

/* 規則第7条第4号: more than 1,000 persons. A count written 約 or 以上 may
 * be more than it says, so category 4 beside it draws no warning (最大
 * 1,000 cannot be more). The messages use the count's own unit: 1,230世帯
 * is "more than 1,000 世帯", not "persons". */
static void check_count_category(const ng_record *rec, ng_diags *d)
{
	const ng_affected *a = &rec->affected;
	long n = ng_affected_deciding(a);
	if (a->state == NG_STATE_KNOWN && n < 0 && a->vague) {
		/* 数十件: no number decides it, so nothing is decided for the
		 * sender; check says so rather than staying silent */
		ng_buf b = {0};
		ng_affected_text(NULL, a, &b);
		ng_diag *g = ng_diag_add(d, NG_D_COUNT_UNDECIDED, a->pos, b.data);
		ng_diag_hint(d, g,
		             "decide category 4 yourself until the number is known, then write it "
		             "(affected: {count: N, approx: true})");
		ng_buf_free(&b);
		return;
	}
	bool many = a->state == NG_STATE_KNOWN && n > MANY_PERSONS;
	bool listed = rec->categories & NG_CATEGORY_BIT(4);
	bool persons = counts_persons(a);
	char msg[256];
	if (many && !listed) {
		if (persons)
			snprintf(msg, sizeof msg, "%s",
			         ng_tr("more than 1,000 persons, but category 4 is not listed"));
		else
			snprintf(
			    msg, sizeof msg,
			    ng_tr("'affected' is more than 1,000 %s, but category 4 is not listed"),
			    a->unit.s);
		ng_diag *g = ng_diag_add(d, NG_D_CATEGORY_COUNT, a->pos, msg);
		if (persons)
			ng_diag_hint(d, g, "add 4 to 'categories' (規則第7条第4号)");
		else
			ng_diag_hint(
			    d, g,
			    "category 4 (規則第7条第4号) counts persons: add 4 to 'categories' "
			    "when more than 1,000 persons are concerned");
	} else if (listed && a->state == NG_STATE_KNOWN && n <= MANY_PERSONS && !a->approx &&
	           !a->over && a->bound != NG_BOUND_ABOVE) {
		if (persons)
			snprintf(msg, sizeof msg, "%s",
			         ng_tr("category 4 is listed, but 'affected' is 1,000 or fewer"));
		else
			snprintf(msg, sizeof msg,
			         ng_tr("category 4 is listed, but 'affected' is 1,000 %s or fewer"),
			         a->unit.s);
		ng_diag *g = ng_diag_add(d, NG_D_CATEGORY_COUNT, rec->categories_pos, msg);
		ng_diag_hint(d, g, "category 4 is for more than 1,000 persons");
	}
}

/* item_status in the tree: each item's key and absent, known or
 * investigating, so that a template can tell a stated item from 調査中. */
static void put_item_status(ng_record *rec, ng_arena *a)
{
	static const char *const keys[NG_ITEM__END] = {
	    NULL,       "overview",    "data_items", "affected", "causes", "secondary_harm",
	    "response", "publication", "prevention", "other"};
	static const char *const words[] = {"absent", "known", "investigating"};
	ng_node *m = ng_node_new(a, NG_NODE_MAP, rec->pos);
	for (int i = 1; i < NG_ITEM__END; i++)
		ng_node_put(a, m, keys[i], words[rec->items[i].state], rec->pos);
	ng_node_put_node(a, (ng_node *)rec->root, "item_status", m);
}

int ng_validate_items(ng_record *rec, ng_arena *a, ng_diags *d)
{
	fill_other(rec);
	put_item_status(rec, a);
	check_count_category(rec, d);
	return check_required(rec, d);
}
