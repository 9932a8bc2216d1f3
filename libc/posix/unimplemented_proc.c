/*
 * Calls the process server (procsrv) will answer: processes, identities,
 * signals, timers and clocks, resource limits, scheduling policy, memory
 * (brk/sbrk/mmap), threads. Until its client stubs replace this file,
 * each fails with ENOSYS in the way its standard says failure looks
 * (-1, NULL, MAP_FAILED, an error number for pthread_create, ...), never
 * silently succeeding. Delete a function here when its real one lands.
 */
#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* Processes. */
int fexecve(int fd, char *const argv[], char *const envp[]) { PITH_ENOSYS(-1); }

/* Identities, groups and sessions. */

/* Signals. */

/* Clocks and timers (reading clocks and sleeping: libc/time/clock.c). */
int timer_create(clockid_t id, struct sigevent *restrict ev,
		 timer_t *restrict timer) { PITH_ENOSYS(-1); }
int timer_delete(timer_t timer) { PITH_ENOSYS(-1); }
int timer_settime(timer_t timer, int flags, const struct itimerspec *restrict value,
		  struct itimerspec *restrict old) { PITH_ENOSYS(-1); }
int timer_gettime(timer_t timer, struct itimerspec *value) { PITH_ENOSYS(-1); }
int timer_getoverrun(timer_t timer) { PITH_ENOSYS(-1); }

/* Threads' scheduling (a process's: libc/proc/sched.c). */
int pthread_getschedparam(pthread_t t, int *restrict policy,
			  struct sched_param *restrict param) { return ENOSYS; }
int pthread_setschedparam(pthread_t t, int policy,
			  const struct sched_param *param) { return ENOSYS; }
int pthread_setschedprio(pthread_t t, int prio) { return ENOSYS; }

/* Memory: the pager's. */

