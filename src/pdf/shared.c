/* shared.c — the fonts a batch's letters share (ng_pdf_shared): per
 * slot, the code points one representative letter draws, subset,
 * deflated and prepared as PDF objects once (embed.c), then embedded as
 * they are in every letter. What goes in depends only on the pages given
 * (in practice: the record and the template), never on which letters
 * were rendered before, so every worker of a batch builds the same
 * bytes. A slot's finished subset is also kept on disk for later runs
 * (fontcache.c): for a single letter it is most of the work. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../util/diskcache.h"
#include "pdf_int.h"

/* The caps of the memo of run texts drawn with the shared fonts alone:
 * the example letter's pages have ~900 runs in ~25 KB. */
enum { ALL_SHARED_BYTES = 512 << 10, ALL_SHARED_ENTRIES = 4096 };

/* Adds the drawable code points of every run to its slot's set; a
 * character the font lacks is left out (ng_pdf_write reports it in the
 * letter that draws it). */
static void collect(ng_pdf_shared *s, ng_fonts *f, const ng_pages *pages)
{
	for (size_t p = 0; p < pages->npages; p++) {
		const ng_page *pg = &pages->pages[p];
		for (size_t i = 0; i < pg->nruns; i++) {
			const ng_run *r = &pg->runs[i];
			ng_cpset *set = &s->font[ng_fonts_slot(f, r->font)].set;
			for (size_t k = 0, n; k < r->len; k += n) {
				uint32_t cp;
				n = ng_utf8_decode(r->text + k, r->len - k, &cp);
				if (n == 0)
					break;
				if (ng_fonts_has(f, r->font, cp))
					ng_cpset_add(set, cp);
			}
		}
	}
}

/* A slot's subset from the cache (dir: NULL when it is off), else built
 * and kept there. */
static int build_slot(ng_shared_font *sf, ng_fonts *f, int slot, ng_flate *z, int level,
                      const char *dir, const char **why)
{
	ng_cpset_index(&sf->set);
	size_t n = sf->set.n;
	uint32_t *cps = ng_xmalloc(n * sizeof *cps);
	ng_cpset_list(&sf->set, cps);
	sf->cid = ng_xmalloc(n * sizeof *sf->cid);
	ng_fontsrc src = {ng_fonts_face(f, slot), ng_fonts_hbfont(f, slot), ng_fonts_info(f, slot),
	                  z};
	int index;
	const char *path = ng_fonts_path(f, slot, &index);
	ng_buf key = {0};
	bool cached = dir && ng_fontcache_key(&key, path, index, level, cps, n);
	int rc = 0;
	sf->obj = (ng_fontobj){.info = src.info};
	if (!cached || !ng_fontcache_load(dir, &key, n, sf->cid, &sf->obj)) {
		rc = ng_fontobj_build(&src, cps, n, sf->cid, &sf->obj, why);
		if (rc == 0 && cached)
			ng_fontcache_store(dir, &key, n, sf->cid, &sf->obj);
	}
	ng_buf_free(&key);
	free(cps);
	return rc;
}

ng_pdf_shared *ng_pdf_shared_new(ng_fonts *f, const ng_pages *pages, bool many, ng_diags *diags)
{
	ng_pdf_shared *s = ng_xcalloc(1, sizeof *s);
	int level = many ? NG_FLATE_LEVEL_MANY : NG_FLATE_LEVEL;
	ng_flate *z = ng_flate_new(level);
	const char *why = z ? NULL : "ng_flate_new: out of memory";
	char dir[PATH_MAX];
	bool cache = ng_cache_dir(dir, sizeof dir);
	collect(s, f, pages);
	for (int slot = 0; slot < NG_FONT__COUNT && !why; slot++)
		if (s->font[slot].set.n)
			build_slot(&s->font[slot], f, slot, z, level, cache ? dir : NULL, &why);
	ng_flate_free(z);
	if (!why && !(s->content = ng_flate_new(NG_CONTENT_FLATE_LEVEL)))
		why = "ng_flate_new: out of memory";
	if (s->content) {
		ng_flate_remember(s->content);
		/* NG_PDF_NO_PAGE_MEMO=1: every page and every letter's own
		 * font subset generated anew (the tests compare the bytes both
		 * ways). */
		const char *off = getenv("NG_PDF_NO_PAGE_MEMO");
		if (!off || strcmp(off, "1") != 0) {
			s->pages = ng_pagememo_new();
			s->own = ng_ownmemo_new();
			s->all_shared = ng_textset_new(ALL_SHARED_BYTES, ALL_SHARED_ENTRIES);
			s->head = ng_xcalloc(1, sizeof *s->head);
		}
	}
	if (why) {
		ng_diag_add(diags, NG_D_PDF, (ng_pos){0}, why);
		ng_pdf_shared_free(s);
		return NULL;
	}
	return s;
}

void ng_pdf_shared_free(ng_pdf_shared *s)
{
	if (!s)
		return;
	for (int slot = 0; slot < NG_FONT__COUNT; slot++) {
		free(s->font[slot].cid);
		ng_fontobj_free(&s->font[slot].obj);
	}
	ng_flate_free(s->content);
	ng_pagememo_free(s->pages);
	ng_ownmemo_free(s->own);
	ng_textset_free(s->all_shared);
	ng_pdf_head_free(s->head);
	free(s);
}
