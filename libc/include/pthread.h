/*
 * Threads (<pthread.h>). Until threads exist a process has one:
 * mutexes, keys, once and cancellation state work trivially for it
 * (libc/posix/pthread.c); creating a thread fails with ENOSYS.
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <sched.h>
#include <time.h>
#define __PITH_NEED_pthread_types
#include <bits/types.h>

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1
#define PTHREAD_MUTEX_NORMAL     0
#define PTHREAD_MUTEX_RECURSIVE  1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT    PTHREAD_MUTEX_NORMAL
#define PTHREAD_MUTEX_STALLED    0
#define PTHREAD_MUTEX_ROBUST     1
#define PTHREAD_PRIO_NONE    0
#define PTHREAD_PRIO_INHERIT 1
#define PTHREAD_PRIO_PROTECT 2
#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED  1
#define PTHREAD_INHERIT_SCHED  0
#define PTHREAD_EXPLICIT_SCHED 1
#define PTHREAD_SCOPE_SYSTEM  0
#define PTHREAD_SCOPE_PROCESS 1
#define PTHREAD_CANCEL_ENABLE       0
#define PTHREAD_CANCEL_DISABLE      1
#define PTHREAD_CANCEL_DEFERRED     0
#define PTHREAD_CANCEL_ASYNCHRONOUS 1
#define PTHREAD_CANCELED ((void *)-1)
#define PTHREAD_BARRIER_SERIAL_THREAD (-1)

#define PTHREAD_ONCE_INIT 0
#define PTHREAD_MUTEX_INITIALIZER { 0, 0, 0, 0, 0 }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP { PTHREAD_MUTEX_RECURSIVE, 0, 0, 0, 0 }
#define PTHREAD_COND_INITIALIZER { 0, 0, 0 }
#define PTHREAD_RWLOCK_INITIALIZER { 0, 0, 0 }

int pthread_create(pthread_t *restrict t, const pthread_attr_t *restrict attr,
		   void *(*fn)(void *), void *restrict arg);
int pthread_join(pthread_t t, void **ret);
int pthread_detach(pthread_t t);
_Noreturn void pthread_exit(void *ret);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_cancel(pthread_t t);
int pthread_setcancelstate(int state, int *old);
int pthread_setcanceltype(int type, int *old);
void pthread_testcancel(void);
int pthread_once(pthread_once_t *once, void (*fn)(void));
int pthread_atfork(void (*prepare)(void), void (*parent)(void),
		   void (*child)(void));
int pthread_getschedparam(pthread_t t, int *restrict policy,
			  struct sched_param *restrict param);
int pthread_setschedparam(pthread_t t, int policy,
			  const struct sched_param *param);
int pthread_setschedprio(pthread_t t, int prio);
int pthread_getconcurrency(void);
int pthread_setconcurrency(int level);

int pthread_attr_init(pthread_attr_t *a);
int pthread_attr_destroy(pthread_attr_t *a);
int pthread_attr_getdetachstate(const pthread_attr_t *a, int *state);
int pthread_attr_setdetachstate(pthread_attr_t *a, int state);
int pthread_attr_getstacksize(const pthread_attr_t *restrict a,
			      size_t *restrict size);
int pthread_attr_setstacksize(pthread_attr_t *a, size_t size);
int pthread_attr_getstack(const pthread_attr_t *restrict a,
			  void **restrict addr, size_t *restrict size);
int pthread_attr_setstack(pthread_attr_t *a, void *addr, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t *restrict a,
			      size_t *restrict size);
int pthread_attr_setguardsize(pthread_attr_t *a, size_t size);
int pthread_attr_getschedpolicy(const pthread_attr_t *restrict a,
				int *restrict policy);
int pthread_attr_setschedpolicy(pthread_attr_t *a, int policy);
int pthread_attr_getschedparam(const pthread_attr_t *restrict a,
			       struct sched_param *restrict p);
int pthread_attr_setschedparam(pthread_attr_t *restrict a,
			       const struct sched_param *restrict p);
int pthread_attr_getinheritsched(const pthread_attr_t *restrict a,
				 int *restrict inherit);
int pthread_attr_setinheritsched(pthread_attr_t *a, int inherit);
int pthread_attr_getscope(const pthread_attr_t *restrict a,
			  int *restrict scope);
int pthread_attr_setscope(pthread_attr_t *a, int scope);

int pthread_mutex_init(pthread_mutex_t *restrict m,
		       const pthread_mutexattr_t *restrict attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_timedlock(pthread_mutex_t *restrict m,
			    const struct timespec *restrict abstime);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_mutexattr_init(pthread_mutexattr_t *a);
int pthread_mutexattr_destroy(pthread_mutexattr_t *a);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict a,
			      int *restrict type);
int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type);
int pthread_mutexattr_getpshared(const pthread_mutexattr_t *restrict a,
				 int *restrict pshared);
int pthread_mutexattr_setpshared(pthread_mutexattr_t *a, int pshared);
int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *restrict a,
				  int *restrict protocol);
int pthread_mutexattr_setprotocol(pthread_mutexattr_t *a, int protocol);
int pthread_mutexattr_getrobust(const pthread_mutexattr_t *restrict a,
				int *restrict robust);
int pthread_mutexattr_setrobust(pthread_mutexattr_t *a, int robust);

int pthread_cond_init(pthread_cond_t *restrict c,
		      const pthread_condattr_t *restrict attr);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m);
int pthread_cond_timedwait(pthread_cond_t *restrict c,
			   pthread_mutex_t *restrict m,
			   const struct timespec *restrict abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);
int pthread_condattr_init(pthread_condattr_t *a);
int pthread_condattr_destroy(pthread_condattr_t *a);
int pthread_condattr_getclock(const pthread_condattr_t *restrict a,
			      clockid_t *restrict id);
int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t id);
int pthread_condattr_getpshared(const pthread_condattr_t *restrict a,
				int *restrict pshared);
int pthread_condattr_setpshared(pthread_condattr_t *a, int pshared);

int pthread_rwlock_init(pthread_rwlock_t *restrict l,
			const pthread_rwlockattr_t *restrict attr);
int pthread_rwlock_destroy(pthread_rwlock_t *l);
int pthread_rwlock_rdlock(pthread_rwlock_t *l);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *l);
int pthread_rwlock_wrlock(pthread_rwlock_t *l);
int pthread_rwlock_trywrlock(pthread_rwlock_t *l);
int pthread_rwlock_unlock(pthread_rwlock_t *l);
int pthread_rwlockattr_init(pthread_rwlockattr_t *a);
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *a);

int pthread_spin_init(pthread_spinlock_t *l, int pshared);
int pthread_spin_destroy(pthread_spinlock_t *l);
int pthread_spin_lock(pthread_spinlock_t *l);
int pthread_spin_trylock(pthread_spinlock_t *l);
int pthread_spin_unlock(pthread_spinlock_t *l);

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

#endif
