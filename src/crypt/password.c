/* password.c — letter passwords: generated from the kernel's randomness in
 * an alphabet that reads and types without mistakes, read from files (never
 * from the command line, where `ps` shows them), checked without ever
 * quoting them, and wiped when done. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "crypt.h"

/* No 0/O/o, 1/l/I: a password read aloud on the phone or copied from
 * paper must not be ambiguous. 56 symbols. */
static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ"
                               "abcdefghijkmnpqrstuvwxyz"
                               "23456789";

#define NSYM (sizeof alphabet - 1)
/* Bytes at or above this are rejected, so that every symbol is equally
 * likely (256 is not a multiple of 56). */
#define ACCEPT_BELOW (256 - 256 % NSYM)

void ng_wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;
	while (n--)
		*v++ = 0;
}

void ng_password_free(char *pw)
{
	if (!pw)
		return;
	ng_wipe(pw, strlen(pw));
	free(pw);
}

static int fill_random(unsigned char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t k = getrandom(buf + got, n - got, 0);
		if (k < 0 && errno != EINTR)
			return -1;
		if (k > 0)
			got += (size_t)k;
	}
	return 0;
}

int ng_password_generate(char out[NG_PASSWORD_GEN + 1])
{
	unsigned char pool[64];
	size_t made = 0;
	while (made < NG_PASSWORD_GEN) {
		if (fill_random(pool, sizeof pool) != 0) {
			ng_wipe(out, made);
			return -1;
		}
		for (size_t i = 0; i < sizeof pool && made < NG_PASSWORD_GEN; i++)
			if (pool[i] < ACCEPT_BELOW)
				out[made++] = alphabet[pool[i] % NSYM];
	}
	out[made] = '\0';
	ng_wipe(pool, sizeof pool);
	return 0;
}

const char *ng_password_problem(const char *s)
{
	size_t n = strlen(s);
	if (n < NG_PASSWORD_MIN || n > NG_PASSWORD_MAX)
		return N_("a password must have 8 to 127 characters");
	for (; *s; s++)
		if (*s <= ' ' || *s > '~')
			return N_("a password must be half-width letters, digits and symbols "
			          "(no spaces, no full-width characters)");
	return NULL;
}

char *ng_password_read(const char *path, ng_diags *d)
{
	char *data = NULL;
	size_t len = 0;
	int err = ng_read_file(path, 4096, &data, &len);
	if (err) {
		ng_diag_add(d, NG_D_IO_READ, (ng_pos){path, 0, 0}, path, ng_strerror(err));
		return NULL;
	}
	data[strcspn(data, "\r\n")] = '\0';
	const char *problem = ng_password_problem(data);
	if (problem) {
		ng_diag *g = ng_diag_add(d, NG_D_BAD_VALUE, (ng_pos){path, 1, 1},
		                         ng_tr("password file"), ng_tr(problem));
		ng_diag_hint(d, g, "write the password alone on the first line");
		ng_wipe(data, len);
		free(data);
		return NULL;
	}
	/* The rest of the file is wiped too: it may hold other secrets. */
	size_t keep = strlen(data);
	ng_wipe(data + keep, len - keep);
	return data;
}

const ng_node *ng_password_take(ng_node *map)
{
	if (!map || map->kind != NG_NODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->keys[i]->value, "password") != 0)
			continue;
		const ng_node *v = map->items[i];
		map->n--;
		memmove(map->keys + i, map->keys + i + 1, (map->n - i) * sizeof *map->keys);
		memmove(map->items + i, map->items + i + 1, (map->n - i) * sizeof *map->items);
		return v;
	}
	return NULL;
}
