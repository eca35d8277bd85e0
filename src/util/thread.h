/* thread.h — helper threads of a cold start (thread.c): work that can
 * run beside the main thread (ICU's dictionary engine, the shared font
 * subsets) and whose result does not depend on where it ran. */
#ifndef NG_THREAD_H
#define NG_THREAD_H

#include <pthread.h>
#include <stdbool.h>

typedef struct ng_thread {
	pthread_t id;
	bool running; /* started and not joined yet */
} ng_thread;

/* Runs fn(arg) on a thread of its own, or here and now when threads are
 * off (NG_NO_THREADS=1 in the environment: the tests compare the bytes
 * both ways) or none can be made. Either way ng_thread_join then
 * returns with fn done. */
void ng_thread_run(ng_thread *t, void *(*fn)(void *), void *arg);
/* Waits until the thread's fn is done; nothing when it ran here or was
 * joined before (ng_thread_join(t) on a zeroed ng_thread is fine). */
void ng_thread_join(ng_thread *t);
/* Whether a helper thread may be started (NG_NO_THREADS is not 1). */
bool ng_threads_on(void);

/* A signal from one thread to others: set once, waited for by any. */
typedef struct ng_signal {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool set;
} ng_signal;
void ng_signal_init(ng_signal *s);
void ng_signal_destroy(ng_signal *s);
void ng_signal_set(ng_signal *s);
/* Returns once the signal is set (at once when it was). */
void ng_signal_wait(ng_signal *s);

#endif
