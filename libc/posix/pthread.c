/*
 * The parts of <pthread.h> that are still written for one thread:
 * pthread_create, join, exit, self and detach are real
 * (libc/proc/thread.c), but these are not yet safe between threads.
 * Mutexes track their owner and count, so the errors POSIX asks of
 * error-checking and recursive mutexes are right; a normal mutex locked
 * twice would deadlock, which one thread can never leave, so it reports
 * EDEADLK. A condition wait returns at once (a spurious wakeup, which
 * POSIX permits and callers loop on). Keys hold one value per process,
 * and their destructors run when the last pthread leaves.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "../internal.h"

#define SELF 1ul   /* a mutex's owner while mutexes are one thread's */

int pthread_equal(pthread_t a, pthread_t b) { return a == b; }
int pthread_cancel(pthread_t t) { return ENOSYS; }

static int cancel_state, cancel_type;

int pthread_setcancelstate(int state, int *old)
{
	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (old)
		*old = cancel_state;
	cancel_state = state;
	return 0;
}

int pthread_setcanceltype(int type, int *old)
{
	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	if (old)
		*old = cancel_type;
	cancel_type = type;
	return 0;
}

void pthread_testcancel(void) {}

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	if (!*once) {
		*once = 1;
		fn();
	}
	return 0;
}

int pthread_atfork(void (*prepare)(void), void (*parent)(void),
		   void (*child)(void))
{
	/* Nothing to do around fork while there is one thread. */
	return 0;
}

static int concurrency;
int pthread_getconcurrency(void) { return concurrency; }
int pthread_setconcurrency(int level)
{
	if (level < 0)
		return EINVAL;
	concurrency = level;
	return 0;
}

int pthread_sigmask(int how, const sigset_t *restrict set,
		    sigset_t *restrict old)
{
	return sigprocmask(how, set, old) < 0 ? errno : 0;
}

/* ---- attributes ---- */
int pthread_attr_init(pthread_attr_t *a)
{
	*a = (pthread_attr_t){ .__stacksize = 1u << 16 };
	return 0;
}
int pthread_attr_destroy(pthread_attr_t *a) { return 0; }
int pthread_attr_getdetachstate(const pthread_attr_t *a, int *s) { *s = a->__detach; return 0; }
int pthread_attr_setdetachstate(pthread_attr_t *a, int s)
{
	if (s != PTHREAD_CREATE_JOINABLE && s != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	a->__detach = s;
	return 0;
}
int pthread_attr_getstacksize(const pthread_attr_t *restrict a, size_t *restrict s)
{
	*s = a->__stacksize;
	return 0;
}
int pthread_attr_setstacksize(pthread_attr_t *a, size_t s)
{
	if (s < PTHREAD_STACK_MIN)
		return EINVAL;
	a->__stacksize = s;
	return 0;
}
int pthread_attr_getstack(const pthread_attr_t *restrict a, void **restrict addr,
			  size_t *restrict size)
{
	*addr = a->__stackaddr;
	*size = a->__stacksize;
	return 0;
}
int pthread_attr_setstack(pthread_attr_t *a, void *addr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	a->__stackaddr = addr;
	a->__stacksize = size;
	return 0;
}
int pthread_attr_getguardsize(const pthread_attr_t *restrict a, size_t *restrict s)
{
	*s = a->__guardsize;
	return 0;
}
int pthread_attr_setguardsize(pthread_attr_t *a, size_t s) { a->__guardsize = s; return 0; }
int pthread_attr_getschedpolicy(const pthread_attr_t *restrict a, int *restrict p)
{
	*p = a->__sched_policy;
	return 0;
}
int pthread_attr_setschedpolicy(pthread_attr_t *a, int p)
{
	if (p != SCHED_OTHER && p != SCHED_FIFO && p != SCHED_RR)
		return EINVAL;
	a->__sched_policy = p;
	return 0;
}
int pthread_attr_getschedparam(const pthread_attr_t *restrict a,
			       struct sched_param *restrict p)
{
	p->sched_priority = a->__sched_prio;
	return 0;
}
int pthread_attr_setschedparam(pthread_attr_t *restrict a,
			       const struct sched_param *restrict p)
{
	a->__sched_prio = p->sched_priority;
	return 0;
}
int pthread_attr_getinheritsched(const pthread_attr_t *restrict a, int *restrict i)
{
	*i = a->__inherit;
	return 0;
}
int pthread_attr_setinheritsched(pthread_attr_t *a, int i)
{
	if (i != PTHREAD_INHERIT_SCHED && i != PTHREAD_EXPLICIT_SCHED)
		return EINVAL;
	a->__inherit = i;
	return 0;
}
int pthread_attr_getscope(const pthread_attr_t *restrict a, int *restrict s)
{
	*s = PTHREAD_SCOPE_SYSTEM;
	return 0;
}
int pthread_attr_setscope(pthread_attr_t *a, int s)
{
	return s == PTHREAD_SCOPE_SYSTEM ? 0 : s == PTHREAD_SCOPE_PROCESS ? ENOTSUP : EINVAL;
}

/* ---- mutexes ---- */
int pthread_mutexattr_init(pthread_mutexattr_t *a) { *a = (pthread_mutexattr_t){ 0 }; return 0; }
int pthread_mutexattr_destroy(pthread_mutexattr_t *a) { return 0; }
int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict a, int *restrict t)
{
	*t = a->__type;
	return 0;
}
int pthread_mutexattr_settype(pthread_mutexattr_t *a, int t)
{
	if (t < PTHREAD_MUTEX_NORMAL || t > PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	a->__type = t;
	return 0;
}
int pthread_mutexattr_getpshared(const pthread_mutexattr_t *restrict a, int *restrict p)
{
	*p = a->__pshared;
	return 0;
}
int pthread_mutexattr_setpshared(pthread_mutexattr_t *a, int p) { a->__pshared = p; return 0; }
int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *restrict a, int *restrict p)
{
	*p = a->__protocol;
	return 0;
}
int pthread_mutexattr_setprotocol(pthread_mutexattr_t *a, int p) { a->__protocol = p; return 0; }
int pthread_mutexattr_getrobust(const pthread_mutexattr_t *restrict a, int *restrict r)
{
	*r = a->__robust;
	return 0;
}
int pthread_mutexattr_setrobust(pthread_mutexattr_t *a, int r) { a->__robust = r; return 0; }

int pthread_mutex_init(pthread_mutex_t *restrict m,
		       const pthread_mutexattr_t *restrict attr)
{
	*m = (pthread_mutex_t){ .__type = attr ? attr->__type : PTHREAD_MUTEX_DEFAULT };
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return m->__locked ? EBUSY : 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	if (m->__locked) {
		if (m->__type != PTHREAD_MUTEX_RECURSIVE)
			return EBUSY;
		if (m->__count == INT_MAX)
			return EAGAIN;
		m->__count++;
		return 0;
	}
	m->__locked = 1;
	m->__count = 1;
	m->__owner = SELF;
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	int r = pthread_mutex_trylock(m);

	return r == EBUSY ? EDEADLK : r;
}

int pthread_mutex_timedlock(pthread_mutex_t *restrict m,
			    const struct timespec *restrict abstime)
{
	return pthread_mutex_lock(m);
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (!m->__locked)
		return m->__type == PTHREAD_MUTEX_NORMAL ? 0 : EPERM;
	if (--m->__count == 0) {
		m->__locked = 0;
		m->__owner = 0;
	}
	return 0;
}

/* ---- condition variables ---- */
int pthread_condattr_init(pthread_condattr_t *a) { *a = (pthread_condattr_t){ 0 }; return 0; }
int pthread_condattr_destroy(pthread_condattr_t *a) { return 0; }
int pthread_condattr_getclock(const pthread_condattr_t *restrict a, clockid_t *restrict id)
{
	*id = a->__clock;
	return 0;
}
int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t id)
{
	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC)
		return EINVAL;
	a->__clock = id;
	return 0;
}
int pthread_condattr_getpshared(const pthread_condattr_t *restrict a, int *restrict p)
{
	*p = a->__pshared;
	return 0;
}
int pthread_condattr_setpshared(pthread_condattr_t *a, int p) { a->__pshared = p; return 0; }

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict a)
{
	*c = (pthread_cond_t){ .__clock = a ? a->__clock : CLOCK_REALTIME };
	return 0;
}
int pthread_cond_destroy(pthread_cond_t *c) { return 0; }
int pthread_cond_signal(pthread_cond_t *c) { return 0; }
int pthread_cond_broadcast(pthread_cond_t *c) { return 0; }

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m)
{
	return m->__locked ? 0 : EPERM;
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
			   const struct timespec *restrict abstime)
{
	if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000)
		return EINVAL;
	return pthread_cond_wait(c, m);
}

/* ---- read-write and spin locks ---- */
int pthread_rwlockattr_init(pthread_rwlockattr_t *a) { a->__pshared = 0; return 0; }
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *a) { return 0; }
int pthread_rwlock_init(pthread_rwlock_t *restrict l, const pthread_rwlockattr_t *restrict a)
{
	*l = (pthread_rwlock_t){ 0 };
	return 0;
}
int pthread_rwlock_destroy(pthread_rwlock_t *l) { return l->__readers || l->__writer ? EBUSY : 0; }
int pthread_rwlock_tryrdlock(pthread_rwlock_t *l)
{
	if (l->__writer)
		return EBUSY;
	l->__readers++;
	return 0;
}
int pthread_rwlock_rdlock(pthread_rwlock_t *l)
{
	return l->__writer ? EDEADLK : pthread_rwlock_tryrdlock(l);
}
int pthread_rwlock_trywrlock(pthread_rwlock_t *l)
{
	if (l->__writer || l->__readers)
		return EBUSY;
	l->__writer = 1;
	return 0;
}
int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
	int r = pthread_rwlock_trywrlock(l);

	return r == EBUSY ? EDEADLK : r;
}
int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
	if (l->__writer)
		l->__writer = 0;
	else if (l->__readers)
		l->__readers--;
	else
		return EPERM;
	return 0;
}

int pthread_spin_init(pthread_spinlock_t *l, int pshared) { *l = 0; return 0; }
int pthread_spin_destroy(pthread_spinlock_t *l) { return 0; }
int pthread_spin_trylock(pthread_spinlock_t *l)
{
	if (*l)
		return EBUSY;
	*l = 1;
	return 0;
}
int pthread_spin_lock(pthread_spinlock_t *l)
{
	return pthread_spin_trylock(l) ? EDEADLK : 0;
}
int pthread_spin_unlock(pthread_spinlock_t *l) { *l = 0; return 0; }

/* ---- thread-specific data ---- */
static struct {
	int used;
	void (*dtor)(void *);
	const void *value;
} keys[PTHREAD_KEYS_MAX];

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	for (unsigned i = 0; i < PTHREAD_KEYS_MAX; i++)
		if (!keys[i].used) {
			keys[i].used = 1;
			keys[i].dtor = destructor;
			keys[i].value = NULL;
			*key = i;
			return 0;
		}
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	keys[key].used = 0;
	return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
	return key < PTHREAD_KEYS_MAX && keys[key].used ? (void *)keys[key].value : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	keys[key].value = value;
	return 0;
}

/* The keys' destructors (the last pthread leaves: libc/proc/thread.c). */
void __pith_pthread_keys_run(void)
{
	for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++)
		for (unsigned i = 0; i < PTHREAD_KEYS_MAX; i++)
			if (keys[i].used && keys[i].dtor && keys[i].value) {
				void *v = (void *)keys[i].value;
				keys[i].value = NULL;
				keys[i].dtor(v);
			}
}
