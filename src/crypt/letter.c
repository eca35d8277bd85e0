/* letter.c — `notice-gen render --encrypt`: one letter sealed with the
 * passwords read from the files the user named. */
#include <stdlib.h>

#include "crypt.h"

static ng_status usage(ng_diags *d, const char *problem)
{
	ng_diag_add(d, NG_D_BAD_VALUE, (ng_pos){0}, "--encrypt", ng_tr(problem));
	return NG_ERR_USAGE;
}

ng_status ng_crypt_letter(ng_buf *bytes, bool pdf, const char *user_file, const char *owner_file,
                          ng_diags *d)
{
	if (!pdf)
		return usage(d,
		             N_("only a PDF letter can be encrypted (no --format txt/md, --dump)"));
	if (!user_file)
		return usage(d, N_("needs --user-password-file FILE"));
	if (ng_crypt_load(d) != 0)
		return NG_ERR_IO; /* missing from the system, as a font can be */
	char *user = ng_password_read(user_file, d);
	char *owner = user && owner_file ? ng_password_read(owner_file, d) : NULL;
	/* An unreadable file is an I/O error, a bad password a usage error. */
	size_t nd = ng_diags_count(d);
	ng_status st =
	    nd && ng_diags_get(d, nd - 1)->code == NG_D_IO_READ ? NG_ERR_IO : NG_ERR_USAGE;
	char err[512];
	ng_buf sealed = {0};
	if (user && (owner || !owner_file)) {
		st = NG_OK;
		if (ng_crypt_encrypt(bytes, user, owner, &sealed, err, sizeof err) != 0) {
			ng_diag_add(d, NG_D_PDF, (ng_pos){0}, err);
			st = NG_ERR_INTERNAL;
		}
	}
	if (st == NG_OK) {
		ng_buf_free(bytes);
		*bytes = sealed;
	} else {
		ng_buf_free(&sealed);
	}
	ng_password_free(user);
	ng_password_free(owner);
	return st;
}
