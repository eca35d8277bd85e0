/* template_impl.h — the template module's own declarations. */
#ifndef NG_TEMPLATE_IMPL_H
#define NG_TEMPLATE_IMPL_H

#include "template.h"

enum phrase {
	PH_KI,
	PH_IJOU,
	PH_OVERVIEW,
	PH_EVENT,
	PH_HISTORY,
	PH_PARTY_HISTORY,
	PH_TIMELINE_INTRO,
	PH_CAUSES,
	PH_PARTY_CAUSE,
	PH_DATA_ITEMS,
	PH_NOTE_MARKER,
	PH_GROUP_MARKER,
	PH_ITEM_SEPARATOR,
	PH_SECONDARY_HARM,
	PH_CONTACT_PHONE,
	PH_CONTACT_EMAIL,
	PH_CONTACT_HOURS,
	PH_CONTACT_URL,
	PH_SENDER_PHONE,
	PH_POSTCODE_MARK,
	PH__COUNT
};

struct ng_template {
	const char *name;
	ng_text ph[PH__COUNT];
};

#endif
