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
#include "../util/thread.h"
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

/* One slot's subset being made: from the cache, else built (and kept
 * there). The slot with the most code points (in practice the body's
 * Mincho, ~80 KB deflated, most of a first run's work) is built beside
 * the main thread: a helper thread makes its subset, then deflates its
 * font file, while the main thread builds the other slots' and, once
 * the subset is there, describes it (CIDs, tag, widths, ToUnicode: what
 * a letter needs first). The letter that saves the font file waits for
 * it (ng_later_wait, from flate.c); the cache entry is written by
 * whichever of the two threads finishes its part last, and the thread is
 * joined when the fonts are freed. The helper reads only the face and
 * font taken here (HarfBuzz objects may be read by several threads) and
 * the subset, never the ng_fonts, and writes only the subset and the
 * font file: the bytes are those of a build on the main thread
 * (NG_NO_THREADS=1), which does the same steps in order. */
struct ng_later {
	ng_shared_font *sf;
	ng_fontsrc src;
	uint32_t *cps;
	size_t n;
	const char *dir; /* the cache folder (NULL: off); outlives the build */
	ng_buf key;
	bool cached; /* a key was made: the result is kept under it */
	ng_subset sub;
	ng_thread thread;
	int level;       /* of deflate */
	ng_flate *own_z; /* the helper's compressor (made by it) */
	/* Under mu, signalled on cv: */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool subset_done, file_done;
	int parts_done; /* of the description and the font file */
	/* 0, or -1 (with why, file_why) when the subset, the description
	 * (on the main thread) or the font file could not be made. */
	int sub_rc, desc_rc, file_rc;
	const char *why, *file_why;
};

static ng_later *job_new(ng_shared_font *sf, ng_fonts *f, int slot, int level, const char *dir)
{
	ng_later *j = ng_xcalloc(1, sizeof *j);
	ng_cpset_index(&sf->set);
	j->sf = sf;
	j->n = sf->set.n;
	j->cps = ng_xmalloc(j->n * sizeof *j->cps);
	ng_cpset_list(&sf->set, j->cps);
	sf->cid = ng_xmalloc(j->n * sizeof *sf->cid);
	j->src = (ng_fontsrc){ng_fonts_face(f, slot), ng_fonts_hbfont(f, slot),
	                      ng_fonts_info(f, slot), NULL};
	int index;
	const char *path = ng_fonts_path(f, slot, &index);
	j->dir = dir;
	j->level = level;
	j->cached = dir && ng_fontcache_key(&j->key, path, index, level, j->cps, j->n);
	sf->obj = (ng_fontobj){.info = j->src.info};
	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	return j;
}

static void job_free(ng_later *j)
{
	if (!j)
		return;
	ng_thread_join(&j->thread);
	pthread_cond_destroy(&j->cv);
	pthread_mutex_destroy(&j->mu);
	ng_subset_free(&j->sub);
	ng_flate_free(j->own_z);
	ng_buf_free(&j->key);
	free(j->cps);
	free(j);
}

/* Sets *flag under the mutex and wakes whoever waits for it. */
static void announce(ng_later *j, bool *flag)
{
	pthread_mutex_lock(&j->mu);
	*flag = true;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

static void await(ng_later *j, const bool *flag)
{
	pthread_mutex_lock(&j->mu);
	while (!*flag)
		pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
}

/* The description or the font file is done: the second of them keeps
 * the entry (the mutex orders the first one's writes before). */
static void part_done(ng_later *j)
{
	pthread_mutex_lock(&j->mu);
	bool last = ++j->parts_done == 2;
	pthread_mutex_unlock(&j->mu);
	if (last && j->cached && j->desc_rc == 0 && j->file_rc == 0)
		ng_fontcache_store(j->dir, &j->key, j->n, j->sf->cid, &j->sf->obj);
}

/* The helper thread: the subset, then the font file. */
static void *job_run(void *arg)
{
	ng_later *j = arg;
	j->src.z = j->own_z = ng_flate_new(j->level);
	if (!j->own_z) {
		j->sub_rc = -1;
		j->why = "ng_flate_new: out of memory";
	} else {
		j->sub_rc = ng_subset_make(j->src.face, j->cps, j->n, &j->sub, &j->why);
	}
	announce(j, &j->subset_done);
	if (j->sub_rc == 0)
		j->file_rc = ng_fontobj_deflate(j->src.z, &j->sub, &j->sf->obj, &j->file_why);
	announce(j, &j->file_done);
	if (j->sub_rc == 0)
		part_done(j);
	return NULL;
}

int ng_later_wait(ng_later *j)
{
	await(j, &j->file_done);
	return j->sub_rc || j->file_rc ? -1 : 0;
}

/* A slot built on the main thread with z; NULL, or why it failed. */
static const char *build_here(ng_later *j, ng_flate *z)
{
	const char *why = NULL;
	j->src.z = z;
	if (ng_subset_make(j->src.face, j->cps, j->n, &j->sub, &why) != 0 ||
	    ng_fontobj_describe(&j->src, j->cps, j->n, &j->sub, j->sf->cid, &j->sf->obj, &why) ||
	    ng_fontobj_deflate(z, &j->sub, &j->sf->obj, &why))
		return why;
	if (j->cached)
		ng_fontcache_store(j->dir, &j->key, j->n, j->sf->cid, &j->sf->obj);
	return NULL;
}

/* The slot's job, or NULL when the cache had its subset (loaded). */
static ng_later *job_for(ng_pdf_shared *s, ng_fonts *f, int slot, int level, const char *dir)
{
	ng_later *j = job_new(&s->font[slot], f, slot, level, dir);
	if (j->cached &&
	    ng_fontcache_load(dir, &j->key, j->n, s->font[slot].cid, &s->font[slot].obj)) {
		job_free(j);
		return NULL;
	}
	return j;
}

/* The slot with the most code points, or -1 (none has any). */
static int biggest(const ng_pdf_shared *s)
{
	int big = -1;
	for (int slot = 0; slot < NG_FONT__COUNT; slot++)
		if (s->font[slot].set.n && (big < 0 || s->font[slot].set.n > s->font[big].set.n))
			big = slot;
	return big;
}

/* The big slot's description, its subset being made by the helper, with
 * z; s then owns the job (s->later). many: the helper joined too (a
 * batch forks next). NULL, or why it failed. */
static const char *describe_beside(ng_pdf_shared *s, int slot, ng_later *j, ng_flate *z, bool many)
{
	s->later = j;
	await(j, &j->subset_done);
	if (j->sub_rc)
		return j->why;
	const char *why = NULL;
	ng_fontsrc src = j->src;
	src.z = z;
	j->desc_rc =
	    ng_fontobj_describe(&src, j->cps, j->n, &j->sub, j->sf->cid, &j->sf->obj, &why);
	part_done(j);
	if (j->desc_rc)
		return why;
	s->font[slot].obj.later = j;
	if (!many)
		return NULL;
	ng_thread_join(&j->thread);
	return ng_later_wait(j) != 0 ? j->file_why : NULL;
}

/* A guess of one letter's shared fonts, made before its layout from the
 * texts its document holds (engine.c), so that the largest slot's
 * subset begins on a helper while the letter is laid out. Its sets are
 * those a shared build would take from the guessed pages; the build
 * takes it over (ng_pdf_shared_new_guessed) only when the letter's pages
 * draw exactly the guessed code points with that slot, so a wrong guess
 * costs the helper's time, never a byte. */
struct ng_pdf_guess {
	ng_pdf_shared *s; /* the guessed sets, the big slot's being built */
	int big;
	ng_later *job;
};

/* Every slot's subset (see struct ng_later); NULL, or why one failed.
 * The big slot is looked up first, so that its helper starts before the
 * others are; with threads off there is none, and every slot is built
 * here, in order. */
static const char *build_fonts(ng_pdf_shared *s, ng_fonts *f, int level, const char *dir, bool many,
                               const ng_pdf_guess *ahead)
{
	ng_later *job[NG_FONT__COUNT] = {NULL};
	int big = ahead ? ahead->big : ng_threads_on() ? biggest(s) : -1;
	if (ahead)
		job[big] = ahead->job; /* begun before the layout */
	else if (big >= 0 && (job[big] = job_for(s, f, big, level, dir)) != NULL)
		ng_thread_run(&job[big]->thread, job_run, job[big]);
	for (int slot = 0; slot < NG_FONT__COUNT; slot++)
		if (slot != big && s->font[slot].set.n)
			job[slot] = job_for(s, f, slot, level, dir);
	ng_flate *z = ng_flate_new(level);
	const char *why = z ? NULL : "ng_flate_new: out of memory";
	for (int slot = 0; slot < NG_FONT__COUNT && !why; slot++)
		if (job[slot] && slot != big)
			why = build_here(job[slot], z);
	if (big >= 0 && job[big] && !why) {
		why = describe_beside(s, big, job[big], z, many);
		job[big] = NULL; /* s->later */
	}
	for (int slot = 0; slot < NG_FONT__COUNT; slot++)
		job_free(job[slot]);
	ng_flate_free(z);
	return why;
}

ng_pdf_guess *ng_pdf_guess_new(ng_fonts *f, const ng_pages *guessed)
{
	if (!ng_threads_on())
		return NULL;
	ng_pdf_shared *s = ng_xcalloc(1, sizeof *s);
	bool cache = ng_cache_dir(s->cache_dir, sizeof s->cache_dir);
	collect(s, f, guessed);
	int big = biggest(s);
	ng_later *j =
	    big >= 0 ? job_for(s, f, big, NG_FLATE_LEVEL, cache ? s->cache_dir : NULL) : NULL;
	if (!j) { /* nothing to guess, or the cache has it */
		ng_pdf_shared_free(s);
		return NULL;
	}
	ng_thread_run(&j->thread, job_run, j);
	ng_pdf_guess *g = ng_xcalloc(1, sizeof *g);
	*g = (ng_pdf_guess){s, big, j};
	return g;
}

bool ng_pdf_guess_taken(const ng_pdf_guess *g)
{
	return g && !g->s;
}

void ng_pdf_guess_free(ng_pdf_guess *g)
{
	if (!g)
		return;
	job_free(g->job); /* joins it first */
	ng_pdf_shared_free(g->s);
	free(g);
}

/* The shared fonts' struct for pages' sets (collected in *real): the
 * guess's, taking its running job, when its big slot's set is the
 * pages' own; else real. */
static ng_pdf_shared *take_guess(ng_pdf_shared *real, ng_pdf_guess *g, const ng_pdf_guess **ahead)
{
	*ahead = NULL;
	if (!g || !g->s)
		return real;
	const ng_cpset *want = &real->font[g->big].set, *have = &g->s->font[g->big].set;
	if (want->n != have->n || memcmp(want->bits, have->bits, sizeof want->bits) != 0)
		return real;
	ng_pdf_shared *s = g->s;
	for (int slot = 0; slot < NG_FONT__COUNT; slot++)
		if (slot != g->big)
			s->font[slot].set = real->font[slot].set;
	ng_pdf_shared_free(real);
	*ahead = g;
	return s;
}

ng_pdf_shared *ng_pdf_shared_new(ng_fonts *f, const ng_pages *pages, bool many, ng_diags *diags)
{
	return ng_pdf_shared_new_guessed(f, pages, many, NULL, diags);
}

ng_pdf_shared *ng_pdf_shared_new_guessed(ng_fonts *f, const ng_pages *pages, bool many,
                                         ng_pdf_guess *guess, ng_diags *diags)
{
	ng_pdf_shared *s = ng_xcalloc(1, sizeof *s);
	int level = many ? NG_FLATE_LEVEL_MANY : NG_FLATE_LEVEL;
	bool cache = ng_cache_dir(s->cache_dir, sizeof s->cache_dir);
	collect(s, f, pages);
	const ng_pdf_guess *ahead = NULL;
	if (!many)
		s = take_guess(s, guess, &ahead);
	const char *why = build_fonts(s, f, level, cache ? s->cache_dir : NULL, many, ahead);
	if (ahead) { /* its job is s->later (or freed): the guess is spent */
		guess->s = NULL;
		guess->job = NULL;
	}
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
	job_free(s->later); /* joins its thread first */
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
