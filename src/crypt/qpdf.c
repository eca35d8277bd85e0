/* qpdf.c — the only user of libqpdf: a letter's PDF bytes encrypted in
 * memory with AES-256 (R6), decrypted again (for checks), and many letters
 * merged into one print PDF. qpdf's error convention (status bits, then an
 * error object) is translated here into 0 / -1 and a message.
 *
 * libqpdf is not linked but dlopen()ed on first use: with the gnutls,
 * p11-kit, gmp… it needs, it would add ~5 ms to every run's start-up, and
 * most runs neither encrypt nor merge. Its calls go through one table of
 * pointers typed from <qpdf/qpdf-c.h>, so the compiler checks every call.
 *
 * Determinism: R6 needs a random file key and random salts, which qpdf
 * takes from its own random source; only its C++ API can replace that, so
 * an encrypted letter differs from run to run. Its length does not, and
 * neither do the plain letter (whose SHA-256 the manifest keeps) nor what
 * it decrypts to (the first half of its /ID comes from the letter's bytes,
 * and ng_crypt_decrypt writes a static second half). qpdf's
 * deterministic /ID cannot be combined with encryption: it aborts. */
#include <errno.h>
#include <fcntl.h>
#include <qpdf/qpdf-c.h>
#include <qpdf/qpdfjob-c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/dl.h"
#include "crypt.h"

/* ---- loading libqpdf */

/* Every libqpdf function this file calls. */
#define QPDF_FUNCTIONS(X)                                                                          \
	X(qpdf_init)                                                                               \
	X(qpdf_cleanup)                                                                            \
	X(qpdf_silence_errors)                                                                     \
	X(qpdf_set_suppress_warnings)                                                              \
	X(qpdf_has_error)                                                                          \
	X(qpdf_get_error)                                                                          \
	X(qpdf_get_error_full_text)                                                                \
	X(qpdf_read_memory)                                                                        \
	X(qpdf_init_write_memory)                                                                  \
	X(qpdf_write)                                                                              \
	X(qpdf_get_buffer)                                                                         \
	X(qpdf_get_buffer_length)                                                                  \
	X(qpdf_set_r6_encryption_parameters2)                                                      \
	X(qpdf_set_preserve_encryption)                                                            \
	X(qpdf_set_static_ID)                                                                      \
	X(qpdf_get_trailer)                                                                        \
	X(qpdf_oh_has_key)                                                                         \
	X(qpdf_oh_new_array)                                                                       \
	X(qpdf_oh_append_item)                                                                     \
	X(qpdf_oh_new_binary_string)                                                               \
	X(qpdf_oh_replace_key)                                                                     \
	X(qpdfjob_run_from_argv)

/* The table: each member has the type of a pointer to the function of its
 * name, so a call through qp.f is checked against qpdf's prototype. */
static struct {
#define X(f) __typeof__(&f) f;
	QPDF_FUNCTIONS(X)
#undef X
} qp;

/* Loaded once per process and read without a lock: nothing calls
 * src/crypt from a thread (batch's workers are processes, forked after
 * ng_crypt_run_open has loaded the library). */
static ng_dl qpdf_lib = {.soname = NG_QPDF_SONAME};
static const ng_dl_symbol qpdf_symbols[] = {
#define X(f) {#f, &qp.f},
    QPDF_FUNCTIONS(X)
#undef X
};

static int load(void)
{
	return ng_dl_load(&qpdf_lib, qpdf_symbols, NG_ARRAY_LEN(qpdf_symbols));
}

/* The loader's failure as one line for the err of the calls below (the
 * loader's message names the library). */
static int load_failed(char *err, size_t cap)
{
	snprintf(err, cap, "%s (install %s)", qpdf_lib.error,
	         NG_QPDF_PACKAGE[0] ? NG_QPDF_PACKAGE : "libqpdf");
	return -1;
}

const char *ng_crypt_library(void)
{
	return NG_QPDF_SONAME;
}

int ng_crypt_load(ng_diags *d)
{
	if (load() == 0)
		return 0;
	ng_diag *g = ng_diag_add(d, NG_D_LIBRARY_MISSING, (ng_pos){0}, NG_QPDF_SONAME,
	                         ng_tr("--encrypt and --merge"), qpdf_lib.error);
	if (NG_QPDF_PACKAGE[0])
		ng_diag_hint(d, g, "install the Debian package %s (apt-get install %s)",
		             NG_QPDF_PACKAGE, NG_QPDF_PACKAGE);
	else
		ng_diag_hint(d, g, "install the package that provides %s", NG_QPDF_SONAME);
	return -1;
}

/* ---- one letter */

/* Copies qpdf's pending error (or a fallback) into err; returns -1. */
static int qpdf_fail(qpdf_data q, const char *what, char *err, size_t cap)
{
	qpdf_error e = qp.qpdf_has_error(q) ? qp.qpdf_get_error(q) : NULL;
	snprintf(err, cap, "%s: %s", what,
	         e ? qp.qpdf_get_error_full_text(q, e) : ng_tr("qpdf failed"));
	return -1;
}

/* A qpdf handle on in (which must outlive it); NULL with err set. */
static qpdf_data open_memory(const ng_buf *in, const char *password, char *err, size_t cap)
{
	qpdf_data q = qp.qpdf_init();
	qp.qpdf_silence_errors(q);
	qp.qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (qp.qpdf_read_memory(q, "letter", in->data, in->len, password) & QPDF_ERRORS) {
		qpdf_fail(q, ng_tr("reading the letter"), err, cap);
		qp.qpdf_cleanup(&q);
		return NULL;
	}
	return q;
}

static int write_memory(qpdf_data q, ng_buf *out, char *err, size_t cap)
{
	if (qp.qpdf_write(q) & QPDF_ERRORS)
		return qpdf_fail(q, ng_tr("writing the letter"), err, cap);
	ng_buf_reset(out);
	ng_buf_add(out, qp.qpdf_get_buffer(q), qp.qpdf_get_buffer_length(q));
	return 0;
}

/* The permissions a privacy officer signs off: the recipient may print
 * (at full quality: small 明朝 at low resolution is hard to read) and
 * assistive technology may read the text; copying the text out, editing,
 * annotating, filling forms and reassembling pages are not allowed, so the
 * letter travels as the sender wrote it. Metadata is encrypted too. */
static void set_r6(qpdf_data q, const char *user, const char *owner)
{
	qp.qpdf_set_r6_encryption_parameters2(
	    q, user, owner, QPDF_TRUE /* accessibility */, QPDF_FALSE /* extract */,
	    QPDF_FALSE /* assemble */, QPDF_FALSE /* annotate */, QPDF_FALSE /* forms */,
	    QPDF_FALSE /* modify other */, qpdf_r3p_full, QPDF_TRUE /* encrypt metadata */);
}

/* A file identifier made from the letter's bytes (two FNV-1a hashes: an
 * identifier, not a security measure). */
static void content_id(const ng_buf *in, unsigned char id[16])
{
	uint64_t h[2] = {0xcbf29ce484222325u, 0x84222325cbf29ce4u};
	for (size_t i = 0; i < in->len; i++)
		for (int k = 0; k < 2; k++)
			h[k] = (h[k] ^ (unsigned char)in->data[i]) * 0x100000001b3u;
	for (int k = 0; k < 16; k++)
		id[k] = (unsigned char)(h[k / 8] >> (8 * (k % 8)));
}

/* qpdf keeps the first half of an existing /ID and makes the second: a
 * letter without one gets one from its bytes, so that its first half (and
 * what the letter decrypts to) does not depend on the clock. */
static void ensure_id(qpdf_data q, const ng_buf *in)
{
	qpdf_oh trailer = qp.qpdf_get_trailer(q);
	if (qp.qpdf_oh_has_key(q, trailer, "/ID"))
		return;
	unsigned char id[16];
	content_id(in, id);
	qpdf_oh arr = qp.qpdf_oh_new_array(q);
	for (int k = 0; k < 2; k++)
		qp.qpdf_oh_append_item(q, arr,
		                       qp.qpdf_oh_new_binary_string(q, (const char *)id, 16));
	qp.qpdf_oh_replace_key(q, trailer, "/ID", arr);
}

int ng_crypt_encrypt(const ng_buf *in, const char *user, const char *owner, ng_buf *out, char *err,
                     size_t cap)
{
	if (load() != 0)
		return load_failed(err, cap);
	char made[2 * NG_PASSWORD_GEN + 1];
	if (!owner) {
		if (ng_password_generate(made) != 0 ||
		    ng_password_generate(made + NG_PASSWORD_GEN) != 0) {
			snprintf(err, cap, "%s", ng_tr("no random data for the owner password"));
			return -1;
		}
		owner = made;
	}
	qpdf_data q = open_memory(in, NULL, err, cap);
	int rc = -1;
	if (q)
		ensure_id(q, in);
	if (q && !(qp.qpdf_init_write_memory(q) & QPDF_ERRORS)) {
		set_r6(q, user, owner);
		rc = write_memory(q, out, err, cap);
	} else if (q) {
		qpdf_fail(q, ng_tr("encrypting the letter"), err, cap);
	}
	if (q)
		qp.qpdf_cleanup(&q);
	ng_wipe(made, sizeof made);
	return rc;
}

int ng_crypt_decrypt(const ng_buf *in, const char *password, ng_buf *out, char *err, size_t cap)
{
	if (load() != 0)
		return load_failed(err, cap);
	qpdf_data q = open_memory(in, password, err, cap);
	int rc = -1;
	if (q && !(qp.qpdf_init_write_memory(q) & QPDF_ERRORS)) {
		qp.qpdf_set_preserve_encryption(q, QPDF_FALSE);
		qp.qpdf_set_static_ID(q, QPDF_TRUE);
		rc = write_memory(q, out, err, cap);
	} else if (q) {
		qpdf_fail(q, ng_tr("decrypting the letter"), err, cap);
	}
	if (q)
		qp.qpdf_cleanup(&q);
	return rc;
}

/* ---- the merged print PDF, through qpdf's job interface */

/* The encrypted print file's options, after the output's "--". */
static const char *const encrypt_tail[] = {"256", "--print=full", "--modify=none", "--extract=n",
                                           "--"};

/* argv for `qpdf --empty --pages FILE… -- [--encrypt …] OUT`. pwarg is
 * "--password=…" for every input, or NULL. */
static const char **merge_argv(const char *const *files, size_t n, const char *password,
                               const char *pwarg, const char *tmp)
{
	const char **argv = ng_xcalloc(2 * n + 16, sizeof *argv);
	size_t k = 0;
	argv[k++] = "qpdf";
	/* qpdf refuses a deterministic /ID for an encrypted file. */
	if (!password)
		argv[k++] = "--deterministic-id";
	argv[k++] = "--empty";
	argv[k++] = "--pages";
	for (size_t i = 0; i < n; i++) {
		argv[k++] = files[i];
		if (pwarg)
			argv[k++] = pwarg;
	}
	argv[k++] = "--";
	if (password) {
		argv[k++] = "--encrypt";
		argv[k++] = password;
		argv[k++] = password;
		for (size_t i = 0; i < NG_ARRAY_LEN(encrypt_tail); i++)
			argv[k++] = encrypt_tail[i];
	}
	argv[k++] = tmp;
	return argv;
}

/* The temporary output is made by mkstemp in the target's directory
 * (a new name, created exclusively, mode 0600) before qpdf writes into
 * it: the print file holds every client's letter, and a file planted at
 * a fixed name would receive them. Returns the name (heap), or NULL. */
static char *private_temp(const char *out)
{
	char *tmp = ng_xmalloc(strlen(out) + 16);
	sprintf(tmp, "%s.tmpXXXXXX", out);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

int ng_crypt_merge(const char *out, const char *const *files, size_t n, const char *password,
                   char *err, size_t cap)
{
	if (load() != 0)
		return load_failed(err, cap);
	char *tmp = private_temp(out);
	if (!tmp) {
		snprintf(err, cap, "%s", ng_strerror(errno));
		return -1;
	}
	char *pwarg = NULL;
	if (password) {
		pwarg = ng_xmalloc(strlen(password) + 16);
		sprintf(pwarg, "--password=%s", password);
	}
	const char **argv = merge_argv(files, n, password, pwarg, tmp);
	int rc = qp.qpdfjob_run_from_argv(argv);
	/* qpdf: 0 done, 3 done with warnings, 2 failed. */
	int ok = (rc == 0 || rc == 3) && chmod(tmp, 0600) == 0 && rename(tmp, out) == 0;
	if (!ok) {
		unlink(tmp);
		snprintf(err, cap, ng_tr("qpdf exited with %d"), rc);
	}
	ng_password_free(pwarg);
	free(tmp);
	free(argv);
	return ok ? 0 : -1;
}
