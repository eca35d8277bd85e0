/* i18n.c — messages in the user's language through gettext: the text
 * domain "notice-gen", its catalogues found beside the data (or in the
 * build folder for a program built there), always handed out as UTF-8.
 * The program picks the language (setlocale); the library only looks
 * messages up, so a program that never calls setlocale gets English. */
#include <errno.h>
#include <libintl.h>
#include <pthread.h>
#include <string.h>

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

/* The errors a user meets when naming files and folders, in glibc's
 * words (the msgid); any other as strerror has it. */
static const struct {
	int err;
	const char *text;
} errors[] = {
    {ENOENT, N_("No such file or directory")},
    {EACCES, N_("Permission denied")},
    {EPERM, N_("Operation not permitted")},
    {EISDIR, N_("Is a directory")},
    {ENOTDIR, N_("Not a directory")},
    {EEXIST, N_("File exists")},
    {ENOTEMPTY, N_("Directory not empty")},
    {ENOSPC, N_("No space left on device")},
    {EDQUOT, N_("Disk quota exceeded")},
    {EROFS, N_("Read-only file system")},
    {EFBIG, N_("File too large")},
    {ENAMETOOLONG, N_("File name too long")},
    {ELOOP, N_("Too many levels of symbolic links")},
    {EMFILE, N_("Too many open files")},
    {EIO, N_("Input/output error")},
    {ENOMEM, N_("Cannot allocate memory")},
    {EBUSY, N_("Device or resource busy")},
    {EXDEV, N_("Invalid cross-device link")},
    {EINVAL, N_("Invalid argument")},
    {ETXTBSY, N_("Text file busy")},
};

const char *ng_strerror(int err)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(errors); i++) {
		if (errors[i].err != err)
			continue;
		const char *t = ng_tr(errors[i].text);
		/* untranslated: the C library's own words, as before */
		return t != errors[i].text ? t : strerror(err);
	}
	return strerror(err);
}
