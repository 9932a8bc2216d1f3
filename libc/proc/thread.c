/*
 * Threads through the process server: clone (Linux's, glibc's
 * signature), the futex, exit_group, and pthread_create / join / exit /
 * self / detach built on them. Each thread's control block (TCB) is in
 * its own IPC buffer page, where procsrv points its thread pointer
 * (proto/procsrv.h): errno and the IPC buffer are found from it.
 *
 * Not thread-safe yet (docs/processes.md): malloc and stdio have no
 * locks, and <pthread.h>'s mutexes, condition variables and keys are
 * still the one-thread versions of libc/posix/pthread.c.
 */
#include <pith/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../internal.h"
#include "call.h"

/* Linux's flag names are <sched.h>'s under _GNU_SOURCE; here, where the
 * kernel's CLONE_* are in scope too, the protocol's. */
/* __pith_clone_call (libc/arch/<arch>/syscall.S) has these by number. */
_Static_assert(SYS_CALL == 18 && PROC_CLONE == 4 && PROC_SLOT_PROCSRV == 1 &&
	       PROC_CHILD_RETURN == 1 && MSG_INFO(PROC_CLONE, 5, 0) == 0x40005,
	       "the numbers in __pith_clone_call");

long __pith_clone_call(uint64_t flags, void *stack, void *tls,
		       int (*fn)(void *), void *arg, uint64_t *w0);
_Noreturn void __pith_thread_start(int (*fn)(void *), void *arg);

static int *thread_errno(void)
{
	return &__pith_tcb()->err;
}

void __pith_process_init(void)
{
	__pith_in_process = 1;
	__pith_errno_thread = thread_errno;
}

void __pith_exit_group(int status)
{
	if (__pith_in_process)
		__pith_proc_call(PROC_EXIT, 3, (uint64_t)(int64_t)status, 0, 0, NULL);
}

/* ---- clone ---------------------------------------------------------------- */

/* The child of __pith_clone_call, on its new stack: the thread (or
 * process) ends with fn's result, as Linux's clone child does. */
_Noreturn void __pith_thread_start(int (*fn)(void *), void *arg)
{
	sys_task_exit((uint64_t)(unsigned)fn(arg));
	for (;;)
		;
}

int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	const unsigned want_ctid = PROC_CLONE_CHILD_SETTID | PROC_CLONE_CHILD_CLEARTID;
	const unsigned want_tls = PROC_CLONE_SETTLS | want_ctid;
	const unsigned want_ptid = PROC_CLONE_PARENT_SETTID | want_tls;
	pid_t *ptid = NULL, *ctid = NULL;
	void *tls = NULL;
	va_list ap;
	uint64_t w0;

	/* The optional arguments are there only as far as the flags ask. */
	va_start(ap, arg);
	if ((unsigned)flags & want_ptid)
		ptid = va_arg(ap, pid_t *);
	if ((unsigned)flags & want_tls)
		tls = va_arg(ap, void *);
	if ((unsigned)flags & want_ctid)
		ctid = va_arg(ap, pid_t *);
	va_end(ap);
	if (!fn || !stack) {
		errno = EINVAL;
		return -1;
	}
	if (!__pith_in_process) {
		errno = ENOSYS;
		return -1;
	}
	struct ipc_buffer *ib = __pith_proc_ipcbuf();
	ib->mr[3] = (uint64_t)(uintptr_t)ptid;
	ib->mr[4] = (uint64_t)(uintptr_t)ctid;
	if (__pith_clone_call((uint32_t)flags, stack, tls, fn, arg, &w0))
		return (int)__pith_proc_ret(-ENOSYS);
	return (int)__pith_proc_ret((long)w0);
}

/* ---- futex ---------------------------------------------------------------- */

int pith_futex_wait(int *uaddr, int val)
{
	return (int)__pith_proc_ret(__pith_proc_call(
		PROC_FUTEX, 3, PROC_FUTEX_WAIT, (uint64_t)(uintptr_t)uaddr,
		(uint32_t)val, NULL));
}

int pith_futex_wake(int *uaddr, int n)
{
	return (int)__pith_proc_ret(__pith_proc_call(
		PROC_FUTEX, 3, PROC_FUTEX_WAKE, (uint64_t)(uintptr_t)uaddr,
		(uint64_t)(int64_t)n, NULL));
}

/* ---- pthreads ------------------------------------------------------------- */

#define PAGE 4096ul
#define STACK_DEFAULT (64ul * 1024)

/* A thread made by pthread_create: this record on the first page of its
 * mapping, its stack above. tid is set by procsrv (CLONE_PARENT_SETTID,
 * CLONE_CHILD_SETTID) and zeroed when the thread has ended
 * (CLONE_CHILD_CLEARTID), which is what pthread_join waits for. */
struct __pith_thread {
	int tid;
	int detached;
	void *(*fn)(void *);
	void *arg;
	void *ret;
	void *map;
	size_t map_len;
};

static struct __pith_thread main_thread;
static int live_threads = 1;   /* pthreads not yet gone, main included */

static struct __pith_thread *self(void)
{
	struct __pith_thread *t = __pith_in_process ? __pith_tcb()->thread : NULL;

	return t ? t : &main_thread;
}

pthread_t pthread_self(void)
{
	return (pthread_t)(uintptr_t)self();
}

/* A signal to one thread (PROC_TKILL): the main thread's tid is the pid. */
int pthread_kill(pthread_t th, int sig)
{
	struct __pith_thread *t = (struct __pith_thread *)(uintptr_t)th;
	long tid = t == &main_thread ? (long)getpid()
				     : (long)__atomic_load_n(&t->tid, __ATOMIC_ACQUIRE);

	if (tid <= 0)
		return ESRCH;   /* it has ended */
	long r = __pith_proc_call(PROC_TKILL, 3, (uint64_t)tid,
				  (uint64_t)(int64_t)sig, 0, NULL);
	return r < 0 ? (int)-r : 0;
}

static int thread_main(void *arg)
{
	struct __pith_thread *t = arg;

	__pith_tcb()->thread = t;
	pthread_exit(t->fn(t->arg));
}

int pthread_create(pthread_t *restrict out, const pthread_attr_t *restrict attr,
		   void *(*fn)(void *), void *restrict arg)
{
	size_t size = attr && attr->__stacksize ? attr->__stacksize : STACK_DEFAULT;
	char *stack = attr ? attr->__stackaddr : NULL;
	size_t len = PAGE + (stack ? 0 : (size + PAGE - 1) & ~(PAGE - 1));
	const int flags = PROC_CLONE_VM | PROC_CLONE_FS | PROC_CLONE_FILES |
		PROC_CLONE_SIGHAND | PROC_CLONE_THREAD | PROC_CLONE_SYSVSEM |
		PROC_CLONE_PARENT_SETTID | PROC_CLONE_CHILD_SETTID |
		PROC_CLONE_CHILD_CLEARTID;
	int saved = errno;

	if (!__pith_in_process)
		return ENOSYS;
	char *map = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED) {
		errno = saved;
		return EAGAIN;
	}
	struct __pith_thread *t = (struct __pith_thread *)(void *)map;
	__atomic_add_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
	*t = (struct __pith_thread){
		.detached = attr && attr->__detach == PTHREAD_CREATE_DETACHED,
		.fn = fn, .arg = arg, .map = map, .map_len = len,
	};
	char *top = stack ? stack + size : map + len;
	if (clone(thread_main, (void *)((uintptr_t)top & ~15ul), flags, t,
		  &t->tid, NULL, &t->tid) < 0) {
		int err = errno;
		__atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
		munmap(map, len);
		errno = saved;
		return err;
	}
	*out = (pthread_t)(uintptr_t)t;
	return 0;
}

/* The thread ends, not the process; the last pthread to leave runs the
 * keys' destructors and exit(0), as glibc does. */
_Noreturn void pthread_exit(void *ret)
{
	self()->ret = ret;
	if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST) == 0) {
		__pith_pthread_keys_run();
		exit(0);
	}
	sys_task_exit(0);
	for (;;)
		;
}

int pthread_join(pthread_t th, void **ret)
{
	struct __pith_thread *t = (struct __pith_thread *)(uintptr_t)th;
	int tid;

	if (t == self())
		return EDEADLK;
	if (t == &main_thread || t->detached)
		return EINVAL;   /* joining the main thread: not supported */
	while ((tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE)) != 0) {
		int saved = errno;
		pith_futex_wait(&t->tid, tid);   /* EAGAIN: it changed; look again */
		errno = saved;
	}
	if (ret)
		*ret = t->ret;
	munmap(t->map, t->map_len);
	return 0;
}

/* A detached thread's mapping is not given back when it ends (no one is
 * left to unmap it): a leak of one stack per detached thread, for now. */
int pthread_detach(pthread_t th)
{
	struct __pith_thread *t = (struct __pith_thread *)(uintptr_t)th;

	if (t->detached)
		return EINVAL;
	t->detached = 1;
	return 0;
}
