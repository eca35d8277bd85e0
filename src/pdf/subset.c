/* subset.c — the per-letter font subset: code point sets and HarfBuzz
 * subsetting into a memfd that libharu 2.3.0 (which has no load-from-memory
 * call) can open as /proc/self/fd/N. */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <hb-subset.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pdf_int.h"

bool ng_cpset_add(ng_cpset *s, uint32_t cp)
{
	uint64_t bit = (uint64_t)1 << (cp % 64);
	if (s->bits[cp / 64] & bit)
		return false;
	s->bits[cp / 64] |= bit;
	s->n++;
	return true;
}

bool ng_cpset_has(const ng_cpset *s, uint32_t cp)
{
	return cp < NG_BMP_SIZE && (s->bits[cp / 64] >> (cp % 64) & 1);
}

void ng_cpset_list(const ng_cpset *s, uint32_t *out)
{
	size_t k = 0;
	for (uint32_t w = 0; w < NG_BMP_SIZE / 64; w++)
		for (uint64_t b = s->bits[w]; b; b &= b - 1)
			out[k++] = w * 64 + (uint32_t)__builtin_ctzll(b);
}

/* Tables libharu never embeds (it writes only the 13 TrueType tables a PDF
 * needs); dropping them up front saves subsetting time, GSUB and GPOS
 * above all. */
static const hb_tag_t drop_tags[] = {
    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
    HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('v', 'h', 'e', 'a'),
    HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'), HB_TAG('D', 'S', 'I', 'G'),
    HB_TAG('g', 'a', 's', 'p'), HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'),
    HB_TAG('V', 'D', 'M', 'X'), HB_TAG('k', 'e', 'r', 'n'),
};

static hb_subset_input_t *subset_input(const uint32_t *cps, size_t n)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	hb_set_t *u = hb_subset_input_unicode_set(in);
	for (size_t i = 0; i < n; i++)
		hb_set_add(u, cps[i]);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < NG_ARRAY_LEN(drop_tags); i++)
		hb_set_add(drop, drop_tags[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	return in;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int blob_to_memfd(hb_blob_t *blob, const char **why)
{
	unsigned len;
	const char *data = hb_blob_get_data(blob, &len);
	int fd = memfd_create("notice-gen-font", MFD_CLOEXEC);
	if (fd < 0) {
		*why = "memfd_create failed";
		return -1;
	}
	if (write_all(fd, data, len) || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		*why = "cannot write the font subset to a memfd";
		return -1;
	}
	return fd;
}

int ng_subset_to_memfd(hb_face_t *face, const uint32_t *cps, size_t n, const char **why)
{
	hb_subset_input_t *in = subset_input(cps, n);
	if (!in) {
		*why = "hb_subset_input_create_or_fail failed";
		return -1;
	}
	hb_face_t *sub = hb_subset_or_fail(face, in);
	hb_subset_input_destroy(in);
	if (!sub) {
		*why = "HarfBuzz could not subset the font";
		return -1;
	}
	hb_blob_t *blob = hb_face_reference_blob(sub);
	int fd = blob_to_memfd(blob, why);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return fd;
}
