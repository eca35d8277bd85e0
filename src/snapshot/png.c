/* png.c — page images for `snapshot --png`: each page of the snapshot's
 * PDF and of the new one drawn by poppler's pdftoppm (grey, 60 dpi), and
 * a third image per page with the changed pixels marked: ink only in the
 * snapshot red, ink only in the new letter blue, the rest faded. The PNGs
 * are written here, deflated with the fixed codes (no compression library
 * needed; 45–75 KB a page at 60 dpi, a seventh of stored blocks). */
#include <dirent.h>
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "snapshot.h"

extern char **environ;

enum { DPI = 60, INK = 160, CHANGED = 64, MAX_PAGES = 100 };

/* ---- PNG writing */

static uint32_t crc_table[256];

static uint32_t crc32_of(uint32_t crc, const unsigned char *p, size_t n)
{
	if (!crc_table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			crc_table[i] = c;
		}
	crc = ~crc;
	for (size_t i = 0; i < n; i++)
		crc = crc_table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
	return ~crc;
}

static void be32(ng_buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 8), (unsigned char)v};
	ng_buf_add(b, x, 4);
}

static void chunk(ng_buf *b, const char *type, const void *data, size_t n)
{
	be32(b, (uint32_t)n);
	size_t at = b->len;
	ng_buf_add(b, type, 4);
	ng_buf_add(b, data, n);
	be32(b, crc32_of(0, (const unsigned char *)b->data + at, n + 4));
}

/* ---- deflate with the fixed Huffman codes (RFC 1951, 3.2.6): a page is
 * mostly runs of one byte and rows like the row above, so matches at
 * distance 1 and at one row's distance alone make it ~20 times smaller. */

typedef struct bits {
	ng_buf *out;
	uint32_t acc;
	int n;
} bits;

static void put(bits *b, uint32_t v, int n)
{
	b->acc |= v << b->n;
	b->n += n;
	for (; b->n >= 8; b->n -= 8, b->acc >>= 8)
		ng_buf_addc(b->out, (char)(b->acc & 0xFF));
}

/* Huffman codes go out most significant bit first. */
static void put_code(bits *b, uint32_t code, int n)
{
	uint32_t r = 0;
	for (int i = 0; i < n; i++, code >>= 1)
		r = r << 1 | (code & 1);
	put(b, r, n);
}

static void symbol(bits *b, int c)
{
	if (c < 144)
		put_code(b, 0x30u + (uint32_t)c, 8);
	else if (c < 256)
		put_code(b, 0x190u + (uint32_t)c - 144, 9);
	else if (c < 280)
		put_code(b, (uint32_t)c - 256, 7);
	else
		put_code(b, 0xC0u + (uint32_t)c - 280, 8);
}

static const uint16_t len_base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                      15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static void match(bits *b, size_t len, size_t dist)
{
	int i = 28, j = 29;
	while (len_base[i] > len)
		i--;
	while (dist_base[j] > dist)
		j--;
	symbol(b, 257 + i);
	put(b, (uint32_t)(len - len_base[i]), len_extra[i]);
	put_code(b, (uint32_t)j, 5);
	put(b, (uint32_t)(dist - dist_base[j]), dist_extra[j]);
}

static size_t match_len(const unsigned char *p, size_t at, size_t n, size_t dist)
{
	size_t k = 0;
	while (at >= dist && at + k < n && k < 258 && p[at + k] == p[at + k - dist])
		k++;
	return k;
}

/* A zlib stream of p[0..n) in one fixed-Huffman block. */
static void zlib_fixed(const unsigned char *p, size_t n, size_t row, ng_buf *out)
{
	ng_buf_add(out, "\x78\x01", 2);
	bits b = {out, 0, 0};
	put(&b, 1, 1); /* the last block */
	put(&b, 1, 2); /* fixed codes */
	for (size_t i = 0; i < n;) {
		size_t run = match_len(p, i, n, 1);
		size_t up = row <= 32768 ? match_len(p, i, n, row) : 0;
		size_t len = up > run ? up : run;
		if (len >= 3) {
			match(&b, len, up > run ? row : 1);
			i += len;
		} else {
			symbol(&b, p[i++]);
		}
	}
	symbol(&b, 256);
	put(&b, 0, 7); /* to a byte boundary */
	uint32_t s1 = 1, s2 = 0;
	for (size_t i = 0; i < n; i++) {
		s1 = (s1 + p[i]) % 65521;
		s2 = (s2 + s1) % 65521;
	}
	be32(out, s2 << 16 | s1);
}

/* A palette image (one byte a pixel), rows with filter 0. */
static void png_encode(const unsigned char *px, int w, int h, const unsigned char *pal, int npal,
                       ng_buf *out)
{
	ng_buf_add(out, "\x89PNG\r\n\x1a\n", 8);
	ng_buf hdr = {0};
	be32(&hdr, (uint32_t)w);
	be32(&hdr, (uint32_t)h);
	ng_buf_add(&hdr, "\x08\x03\x00\x00\x00", 5); /* 8 bits, palette */
	chunk(out, "IHDR", hdr.data, hdr.len);
	chunk(out, "PLTE", pal, (size_t)npal * 3);
	ng_buf raw = {0}, z = {0};
	for (int y = 0; y < h; y++) {
		ng_buf_addc(&raw, 0);
		ng_buf_add(&raw, px + (size_t)y * (size_t)w, (size_t)w);
	}
	zlib_fixed((const unsigned char *)raw.data, raw.len, (size_t)w + 1, &z);
	chunk(out, "IDAT", z.data, z.len);
	chunk(out, "IEND", "", 0);
	ng_buf_free(&hdr);
	ng_buf_free(&raw);
	ng_buf_free(&z);
}

/* ---- pages as grey pixels */

typedef struct page {
	int w, h;
	unsigned char *px;
} page;

/* A binary PGM (P5, maxval 255) as pdftoppm -gray writes it. */
static int read_pgm(const char *path, page *p)
{
	char *data;
	size_t len;
	if (ng_read_file(path, 256 << 20, &data, &len) != 0)
		return -1;
	int n = 0, max = 0;
	if (sscanf(data, "P5 %d %d %d%n", &p->w, &p->h, &max, &n) != 3 || max != 255 || p->w < 1 ||
	    p->h < 1 || (size_t)n + 1 + (size_t)p->w * (size_t)p->h > len) {
		free(data);
		return -1;
	}
	p->px = ng_xmalloc((size_t)p->w * (size_t)p->h);
	memcpy(p->px, data + n + 1, (size_t)p->w * (size_t)p->h);
	free(data);
	return 0;
}

static const char *find_pdftoppm(ng_arena *a)
{
	const char *path = getenv("PATH");
	for (const char *s = path ? path : "/usr/bin:/bin"; *s;) {
		size_t n = strcspn(s, ":");
		const char *p = ng_aprintf(a, "%.*s/pdftoppm", (int)n, s);
		if (n && access(p, X_OK) == 0)
			return p;
		s += n + (s[n] == ':');
	}
	return NULL;
}

static int run_pdftoppm(const char *exe, const char *pdf, const char *root)
{
	char dpi[8];
	snprintf(dpi, sizeof dpi, "%d", DPI);
	char *argv[] = {(char *)"pdftoppm", (char *)"-gray", (char *)"-r", dpi,
	                (char *)pdf,        (char *)root,    NULL};
	pid_t pid;
	if (posix_spawn(&pid, exe, NULL, NULL, argv, environ) != 0)
		return -1;
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* pdftoppm names pages ROOT-1.pgm or ROOT-01.pgm (padded to the page
 * count's digits): read them in page order. */
static size_t read_pages(const char *tmp, const char *root, page *pages, ng_arena *a)
{
	size_t n = 0;
	for (int no = 1; no <= MAX_PAGES; no++) {
		bool found = false;
		for (int width = 1; width <= 3 && !found; width++) {
			const char *p = ng_aprintf(a, "%s/%s-%0*d.pgm", tmp, root, width, no);
			if (access(p, R_OK) == 0) {
				found = read_pgm(p, &pages[n]) == 0;
				n += found;
				unlink(p);
			}
		}
		if (!found)
			break;
	}
	return n;
}

static size_t render_pdf(const char *exe, const char *tmp, const char *root, const ng_buf *pdf,
                         page *pages, ng_arena *a)
{
	const char *path = ng_aprintf(a, "%s/%s.pdf", tmp, root);
	if (ng_write_file_atomic(path, pdf->data, pdf->len, 0600) != 0)
		return 0;
	int rc = run_pdftoppm(exe, path, ng_aprintf(a, "%s/%s", tmp, root));
	unlink(path);
	return rc == 0 ? read_pages(tmp, root, pages, a) : 0;
}

/* ---- images */

static void write_png(const char *path, const unsigned char *px, int w, int h,
                      const unsigned char *pal, ng_buf *report)
{
	ng_buf png = {0};
	png_encode(px, w, h, pal, 256, &png);
	int err = ng_write_file_atomic(path, png.data, png.len, 0644);
	if (err)
		ng_buf_printf(report, "    cannot write %s: %s\n", path, ng_strerror(err));
	ng_buf_free(&png);
}

static unsigned char at(const page *p, int x, int y)
{
	return p && x < p->w && y < p->h ? p->px[(size_t)y * (size_t)p->w + (size_t)x] : 255;
}

/* Palette of the diff image: 0–253 faded grey, 254 red, 255 blue. */
static void diff_palette(unsigned char *pal)
{
	for (int i = 0; i < 254; i++)
		pal[i * 3] = pal[i * 3 + 1] = pal[i * 3 + 2] = (unsigned char)(192 + i / 4);
	memcpy(pal + 254 * 3, "\xE0\x10\x10\x10\x40\xE0", 6);
}

static size_t diff_page(const page *a, const page *b, const char *path, ng_buf *report)
{
	int w = a && (!b || a->w > b->w) ? a->w : b->w;
	int h = a && (!b || a->h > b->h) ? a->h : b->h;
	unsigned char *px = ng_xmalloc((size_t)w * (size_t)h);
	size_t changed = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int va = at(a, x, y), vb = at(b, x, y);
			unsigned char o = (unsigned char)(vb * 253 / 255);
			if (va - vb > CHANGED || vb - va > CHANGED) {
				o = va < vb ? 254 : 255;
				changed++;
			}
			px[(size_t)y * (size_t)w + (size_t)x] = o;
		}
	unsigned char pal[256 * 3];
	diff_palette(pal);
	if (changed)
		write_png(path, px, w, h, pal, report);
	free(px);
	return changed;
}

static void grey_png(const page *p, const char *path, ng_buf *report)
{
	unsigned char pal[256 * 3];
	for (int i = 0; i < 256; i++)
		pal[i * 3] = pal[i * 3 + 1] = pal[i * 3 + 2] = (unsigned char)i;
	write_png(path, p->px, p->w, p->h, pal, report);
}

int ng_snap_png(const char *dir, const char *prefix, const ng_buf *before, const ng_buf *after,
                ng_buf *report)
{
	ng_arena *a = ng_arena_new();
	const char *exe = find_pdftoppm(a);
	int rc = -1;
	if (!exe) {
		ng_buf_adds(report, "  page images: pdftoppm is not installed (Debian package "
		                    "poppler-utils); no images written\n");
		ng_arena_free(a);
		return -1;
	}
	char *tmp = ng_strdup(a, ng_aprintf(a, "%s/.ng-png-XXXXXX", dir));
	page pb[MAX_PAGES] = {0}, pa[MAX_PAGES] = {0};
	size_t nb = 0, na = 0;
	if (mkdtemp(tmp)) {
		nb = before ? render_pdf(exe, tmp, "before", before, pb, a) : 0;
		na = render_pdf(exe, tmp, "after", after, pa, a);
		rmdir(tmp);
	}
	if (na == 0) {
		ng_buf_adds(report, "  page images: pdftoppm failed; no images written\n");
	} else {
		rc = 0;
		ng_buf_printf(report, "  page images (%d dpi) in %s/:\n", DPI, dir);
		size_t n = na > nb ? na : nb;
		for (size_t i = 0; i < n; i++) {
			const char *base = ng_aprintf(a, "%s/%s-page-%zu", dir, prefix, i + 1);
			if (i < nb)
				grey_png(&pb[i], ng_aprintf(a, "%s-before.png", base), report);
			if (i < na)
				grey_png(&pa[i], ng_aprintf(a, "%s-after.png", base), report);
			if (!before)
				continue;
			size_t changed = diff_page(i < nb ? &pb[i] : NULL, i < na ? &pa[i] : NULL,
			                           ng_aprintf(a, "%s-diff.png", base), report);
			if (changed)
				ng_buf_printf(
				    report,
				    "    page %zu: %zu pixels changed: %s-page-%zu-diff.png\n",
				    i + 1, changed, prefix, i + 1);
		}
	}
	for (size_t i = 0; i < MAX_PAGES; i++) {
		free(pb[i].px);
		free(pa[i].px);
	}
	ng_arena_free(a);
	return rc;
}
