/* thread.c — helper threads (thread.h): started where the work can run
 * beside the main thread, joined where its result is needed and on every
 * path that drops it. Nothing they make may depend on the thread it is
 * made on: a run with NG_NO_THREADS=1, which does the same work in the
 * same order on the calling thread, writes the same bytes. */
#include "thread.h"

#include <stdlib.h>
#include <string.h>

bool ng_threads_on(void)
{
	const char *off = getenv("NG_NO_THREADS");
	return !off || strcmp(off, "1") != 0;
}

void ng_thread_run(ng_thread *t, void *(*fn)(void *), void *arg)
{
	t->running = ng_threads_on() && pthread_create(&t->id, NULL, fn, arg) == 0;
	if (!t->running)
		fn(arg);
}

void ng_thread_join(ng_thread *t)
{
	if (!t->running)
		return;
	pthread_join(t->id, NULL);
	t->running = false;
}

void ng_signal_init(ng_signal *s)
{
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->set = false;
}

void ng_signal_destroy(ng_signal *s)
{
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
}

void ng_signal_set(ng_signal *s)
{
	pthread_mutex_lock(&s->mu);
	s->set = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

void ng_signal_wait(ng_signal *s)
{
	pthread_mutex_lock(&s->mu);
	while (!s->set)
		pthread_cond_wait(&s->cv, &s->mu);
	pthread_mutex_unlock(&s->mu);
}
