/* i18n.c — messages in the user's language through gettext: the text
 * domain "notice-gen", its catalogues found beside the data (or in the
 * build folder for a program built there), always handed out as UTF-8.
 * The program picks the language (setlocale); the library only looks
 * messages up, so a program that never calls setlocale gets English. */
#include <libintl.h>
#include <pthread.h>

#include "notice_gen.h"
#include "util.h"

static pthread_once_t bound = PTHREAD_ONCE_INIT;

static void bind_domain(void)
{
	bindtextdomain(NG_TEXTDOMAIN, ng_locale_dir());
	bind_textdomain_codeset(NG_TEXTDOMAIN, "UTF-8");
}

const char *ng_tr(const char *msgid)
{
	if (!msgid || !*msgid)
		return msgid; /* "" would give the catalogue's header */
	pthread_once(&bound, bind_domain);
	return dgettext(NG_TEXTDOMAIN, msgid);
}

const char *ng_translate(const char *msgid)
{
	return ng_tr(msgid);
}
