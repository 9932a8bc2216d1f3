/*
 * The POSIX scalar and small struct types, each defined once here and
 * handed out on request: a header defines __PITH_NEED_<name> before
 * including this file and gets that type (and only that one), so
 * <stdio.h> gets off_t without all of <sys/types.h>. Sizes are the LP64
 * ones Linux uses on both of our arches.
 */
#if defined(__PITH_NEED_ssize_t) && !defined(__PITH_HAVE_ssize_t)
#define __PITH_HAVE_ssize_t
typedef long ssize_t;
#endif
#if defined(__PITH_NEED_off_t) && !defined(__PITH_HAVE_off_t)
#define __PITH_HAVE_off_t
typedef long off_t;
#endif
#if defined(__PITH_NEED_pid_t) && !defined(__PITH_HAVE_pid_t)
#define __PITH_HAVE_pid_t
typedef int pid_t;
#endif
#if defined(__PITH_NEED_uid_t) && !defined(__PITH_HAVE_uid_t)
#define __PITH_HAVE_uid_t
typedef unsigned int uid_t;
#endif
#if defined(__PITH_NEED_gid_t) && !defined(__PITH_HAVE_gid_t)
#define __PITH_HAVE_gid_t
typedef unsigned int gid_t;
#endif
#if defined(__PITH_NEED_id_t) && !defined(__PITH_HAVE_id_t)
#define __PITH_HAVE_id_t
typedef unsigned int id_t;
#endif
#if defined(__PITH_NEED_mode_t) && !defined(__PITH_HAVE_mode_t)
#define __PITH_HAVE_mode_t
typedef unsigned int mode_t;
#endif
#if defined(__PITH_NEED_dev_t) && !defined(__PITH_HAVE_dev_t)
#define __PITH_HAVE_dev_t
typedef unsigned long dev_t;
#endif
#if defined(__PITH_NEED_ino_t) && !defined(__PITH_HAVE_ino_t)
#define __PITH_HAVE_ino_t
typedef unsigned long ino_t;
#endif
#if defined(__PITH_NEED_nlink_t) && !defined(__PITH_HAVE_nlink_t)
#define __PITH_HAVE_nlink_t
typedef unsigned long nlink_t;
#endif
#if defined(__PITH_NEED_blksize_t) && !defined(__PITH_HAVE_blksize_t)
#define __PITH_HAVE_blksize_t
typedef long blksize_t;
#endif
#if defined(__PITH_NEED_blkcnt_t) && !defined(__PITH_HAVE_blkcnt_t)
#define __PITH_HAVE_blkcnt_t
typedef long blkcnt_t;
#endif
#if defined(__PITH_NEED_time_t) && !defined(__PITH_HAVE_time_t)
#define __PITH_HAVE_time_t
typedef long time_t;
#endif
#if defined(__PITH_NEED_clock_t) && !defined(__PITH_HAVE_clock_t)
#define __PITH_HAVE_clock_t
typedef long clock_t;
#endif
#if defined(__PITH_NEED_clockid_t) && !defined(__PITH_HAVE_clockid_t)
#define __PITH_HAVE_clockid_t
typedef int clockid_t;
#endif
#if defined(__PITH_NEED_timer_t) && !defined(__PITH_HAVE_timer_t)
#define __PITH_HAVE_timer_t
typedef void *timer_t;
#endif
#if defined(__PITH_NEED_suseconds_t) && !defined(__PITH_HAVE_suseconds_t)
#define __PITH_HAVE_suseconds_t
typedef long suseconds_t;
#endif
#if defined(__PITH_NEED_useconds_t) && !defined(__PITH_HAVE_useconds_t)
#define __PITH_HAVE_useconds_t
typedef unsigned int useconds_t;
#endif
#if defined(__PITH_NEED_key_t) && !defined(__PITH_HAVE_key_t)
#define __PITH_HAVE_key_t
typedef int key_t;
#endif
#if defined(__PITH_NEED_sigset_t) && !defined(__PITH_HAVE_sigset_t)
#define __PITH_HAVE_sigset_t
/* 64 signals, bit n-1 for signal n (as Linux). */
typedef struct {
	unsigned long long __bits;
} sigset_t;
#endif
#if defined(__PITH_NEED_timespec) && !defined(__PITH_HAVE_timespec)
#define __PITH_HAVE_timespec
#ifndef __PITH_HAVE_time_t
#define __PITH_HAVE_time_t
typedef long time_t;
#endif
struct timespec {
	time_t tv_sec;
	long tv_nsec;
};
#endif
#if defined(__PITH_NEED_timeval) && !defined(__PITH_HAVE_timeval)
#define __PITH_HAVE_timeval
#ifndef __PITH_HAVE_time_t
#define __PITH_HAVE_time_t
typedef long time_t;
#endif
#ifndef __PITH_HAVE_suseconds_t
#define __PITH_HAVE_suseconds_t
typedef long suseconds_t;
#endif
struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};
#endif
#if defined(__PITH_NEED_pthread_types) && !defined(__PITH_HAVE_pthread_types)
#define __PITH_HAVE_pthread_types
/* Threads (pthread.h). Sizes leave room for the real implementation. */
typedef unsigned long pthread_t;
typedef unsigned int pthread_key_t;
typedef int pthread_once_t;
typedef struct {
	int __detach, __sched_policy, __sched_prio, __inherit;
	unsigned long __stacksize;
	void *__stackaddr;
	unsigned long __guardsize;
} pthread_attr_t;
typedef struct {
	int __type, __locked, __count, __pshared;
	unsigned long __owner;
} pthread_mutex_t;
typedef struct {
	int __type, __pshared, __protocol, __robust;
} pthread_mutexattr_t;
typedef struct {
	int __waiters, __clock;
	unsigned long __seq;
} pthread_cond_t;
typedef struct {
	int __pshared, __clock;
} pthread_condattr_t;
typedef struct {
	int __readers, __writer;
	unsigned long __pad;
} pthread_rwlock_t;
typedef struct {
	int __pshared;
} pthread_rwlockattr_t;
typedef volatile int pthread_spinlock_t;
typedef struct {
	unsigned __count, __waiting;
} pthread_barrier_t;
typedef struct {
	int __pshared;
} pthread_barrierattr_t;
#endif
