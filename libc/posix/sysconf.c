/*
 * Configuration values computed without a server: sysconf, confstr,
 * getpagesize, gethostname, getlogin. Values are the constants of
 * <limits.h> and <unistd.h>; one processor online.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#define CLK_TCK 100  /* clock_t ticks per second in times() */

long sysconf(int name)
{
	switch (name) {
	case _SC_ARG_MAX: return ARG_MAX;
	case _SC_CHILD_MAX: return CHILD_MAX;
	case _SC_CLK_TCK: return CLK_TCK;
	case _SC_NGROUPS_MAX: return NGROUPS_MAX;
	case _SC_OPEN_MAX: return OPEN_MAX;
	case _SC_STREAM_MAX: return STREAM_MAX;
	case _SC_TZNAME_MAX: return TZNAME_MAX;
	case _SC_JOB_CONTROL: return _POSIX_JOB_CONTROL;
	case _SC_SAVED_IDS: return _POSIX_SAVED_IDS;
	case _SC_PRIORITY_SCHEDULING: return _POSIX_PRIORITY_SCHEDULING;
	case _SC_MONOTONIC_CLOCK: return _POSIX_MONOTONIC_CLOCK;
	case _SC_MAPPED_FILES: return _POSIX_MAPPED_FILES;
	case _SC_MEMORY_PROTECTION: return _POSIX_MEMORY_PROTECTION;
	case _SC_VERSION: return _POSIX_VERSION;
	case _SC_2_VERSION: return _POSIX2_VERSION;
	case _SC_XOPEN_VERSION: return _XOPEN_VERSION;
	case _SC_XOPEN_UNIX: return _XOPEN_UNIX;
	case _SC_PAGESIZE: return PAGESIZE;
	case _SC_RTSIG_MAX: return RTSIG_MAX;
	case _SC_SIGQUEUE_MAX: return SIGQUEUE_MAX;
	case _SC_LINE_MAX: return LINE_MAX;
	case _SC_RE_DUP_MAX: return RE_DUP_MAX;
	case _SC_EXPR_NEST_MAX: return EXPR_NEST_MAX;
	case _SC_BC_BASE_MAX: return BC_BASE_MAX;
	case _SC_BC_DIM_MAX: return BC_DIM_MAX;
	case _SC_BC_SCALE_MAX: return BC_SCALE_MAX;
	case _SC_BC_STRING_MAX: return BC_STRING_MAX;
	case _SC_COLL_WEIGHTS_MAX: return COLL_WEIGHTS_MAX;
	case _SC_IOV_MAX: return IOV_MAX;
	case _SC_LOGIN_NAME_MAX: return LOGIN_NAME_MAX;
	case _SC_TTY_NAME_MAX: return TTY_NAME_MAX;
	case _SC_HOST_NAME_MAX: return HOST_NAME_MAX;
	case _SC_SYMLOOP_MAX: return SYMLOOP_MAX;
	case _SC_ATEXIT_MAX: return ATEXIT_MAX;
	case _SC_NZERO: return NZERO;
	case _SC_THREAD_KEYS_MAX: return PTHREAD_KEYS_MAX;
	case _SC_THREAD_STACK_MIN: return PTHREAD_STACK_MIN;
	case _SC_THREAD_DESTRUCTOR_ITERATIONS: return PTHREAD_DESTRUCTOR_ITERATIONS;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN: return 1;
	case _SC_GETPW_R_SIZE_MAX:
	case _SC_GETGR_R_SIZE_MAX: return 1024;
	/* Options not supported yet (POSIX: -1 without changing errno). */
	case _SC_REALTIME_SIGNALS: case _SC_TIMERS: case _SC_ASYNCHRONOUS_IO:
	case _SC_PRIORITIZED_IO: case _SC_SYNCHRONIZED_IO: case _SC_FSYNC:
	case _SC_MEMLOCK: case _SC_MEMLOCK_RANGE: case _SC_MESSAGE_PASSING:
	case _SC_SEMAPHORES: case _SC_SHARED_MEMORY_OBJECTS: case _SC_THREADS:
	case _SC_THREAD_SAFE_FUNCTIONS: case _SC_THREAD_PRIORITY_SCHEDULING:
	case _SC_CLOCK_SELECTION: case _SC_CPUTIME: case _SC_THREAD_CPUTIME:
	case _SC_READER_WRITER_LOCKS: case _SC_SPIN_LOCKS: case _SC_SPAWN:
	case _SC_TIMEOUTS: case _SC_PHYS_PAGES: case _SC_AVPHYS_PAGES:
	case _SC_AIO_LISTIO_MAX: case _SC_AIO_MAX: case _SC_AIO_PRIO_DELTA_MAX:
	case _SC_DELAYTIMER_MAX: case _SC_MQ_OPEN_MAX: case _SC_MQ_PRIO_MAX:
	case _SC_SEM_NSEMS_MAX: case _SC_SEM_VALUE_MAX: case _SC_TIMER_MAX:
	case _SC_THREAD_THREADS_MAX:
		return -1;
	default:
		errno = EINVAL;
		return -1;
	}
}

size_t confstr(int name, char *buf, size_t len)
{
	const char *v;

	if (name != _CS_PATH) {
		errno = EINVAL;
		return 0;
	}
	v = "/bin:/usr/bin";
	if (buf && len) {
		strncpy(buf, v, len - 1);
		buf[len - 1] = '\0';
	}
	return strlen(v) + 1;
}

int getpagesize(void)
{
	return PAGESIZE;
}

/* One machine, one name, until there is a way to set it. */
int gethostname(char *name, size_t len)
{
	static const char host[] = "pith";

	if (len < sizeof(host)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, host, sizeof(host));
	return 0;
}

/* No user database yet: no login name. */
char *getlogin(void)
{
	errno = ENOENT;
	return NULL;
}

int getlogin_r(char *buf, size_t size)
{
	return ENOENT;
}
