/*
 * POSIX system interface (<unistd.h>). Processes, identities and sleeping
 * are the process server's, descriptors and paths the file server's; until
 * they exist those calls fail with ENOSYS (libc/posix/unimplemented_*.c).
 * sysconf/pathconf constants, the exec family over execve, and getopt
 * are computed here.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#define __need_size_t
#define __need_NULL
#include <stddef.h>
#define __PITH_NEED_ssize_t
#define __PITH_NEED_off_t
#define __PITH_NEED_pid_t
#define __PITH_NEED_uid_t
#define __PITH_NEED_gid_t
#define __PITH_NEED_useconds_t
#define __PITH_NEED_mode_t
#include <bits/types.h>

#define _POSIX_VERSION  200809L
#define _POSIX2_VERSION 200809L
#define _XOPEN_VERSION  700
#define _XOPEN_UNIX     1
#define _POSIX_JOB_CONTROL 1
#define _POSIX_SAVED_IDS   1
#define _POSIX_PRIORITY_SCHEDULING 200809L
#define _POSIX_MONOTONIC_CLOCK 200809L
#define _POSIX_MAPPED_FILES 200809L
#define _POSIX_MEMORY_PROTECTION 200809L
#define _POSIX_VDISABLE '\0'
#define _POSIX_NO_TRUNC 1
#define _POSIX_CHOWN_RESTRICTED 1

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

#define F_ULOCK 0
#define F_LOCK  1
#define F_TLOCK 2
#define F_TEST  3

/* sysconf names (Linux's numbers). */
#define _SC_ARG_MAX            0
#define _SC_CHILD_MAX          1
#define _SC_CLK_TCK            2
#define _SC_NGROUPS_MAX        3
#define _SC_OPEN_MAX           4
#define _SC_STREAM_MAX         5
#define _SC_TZNAME_MAX         6
#define _SC_JOB_CONTROL        7
#define _SC_SAVED_IDS          8
#define _SC_REALTIME_SIGNALS   9
#define _SC_PRIORITY_SCHEDULING 10
#define _SC_TIMERS            11
#define _SC_ASYNCHRONOUS_IO   12
#define _SC_PRIORITIZED_IO    13
#define _SC_SYNCHRONIZED_IO   14
#define _SC_FSYNC             15
#define _SC_MAPPED_FILES      16
#define _SC_MEMLOCK           17
#define _SC_MEMLOCK_RANGE     18
#define _SC_MEMORY_PROTECTION 19
#define _SC_MESSAGE_PASSING   20
#define _SC_SEMAPHORES        21
#define _SC_SHARED_MEMORY_OBJECTS 22
#define _SC_AIO_LISTIO_MAX    23
#define _SC_AIO_MAX           24
#define _SC_AIO_PRIO_DELTA_MAX 25
#define _SC_DELAYTIMER_MAX    26
#define _SC_MQ_OPEN_MAX       27
#define _SC_MQ_PRIO_MAX       28
#define _SC_VERSION           29
#define _SC_PAGESIZE          30
#define _SC_PAGE_SIZE         _SC_PAGESIZE
#define _SC_RTSIG_MAX         31
#define _SC_SEM_NSEMS_MAX     32
#define _SC_SEM_VALUE_MAX     33
#define _SC_SIGQUEUE_MAX      34
#define _SC_TIMER_MAX         35
#define _SC_BC_BASE_MAX       36
#define _SC_BC_DIM_MAX        37
#define _SC_BC_SCALE_MAX      38
#define _SC_BC_STRING_MAX     39
#define _SC_COLL_WEIGHTS_MAX  40
#define _SC_EXPR_NEST_MAX     42
#define _SC_LINE_MAX          43
#define _SC_RE_DUP_MAX        44
#define _SC_2_VERSION         46
#define _SC_IOV_MAX           60
#define _SC_THREADS           67
#define _SC_THREAD_SAFE_FUNCTIONS 68
#define _SC_GETGR_R_SIZE_MAX  69
#define _SC_GETPW_R_SIZE_MAX  70
#define _SC_LOGIN_NAME_MAX    71
#define _SC_TTY_NAME_MAX      72
#define _SC_THREAD_DESTRUCTOR_ITERATIONS 73
#define _SC_THREAD_KEYS_MAX   74
#define _SC_THREAD_STACK_MIN  75
#define _SC_THREAD_THREADS_MAX 76
#define _SC_THREAD_PRIORITY_SCHEDULING 80
#define _SC_NPROCESSORS_CONF  83
#define _SC_NPROCESSORS_ONLN  84
#define _SC_PHYS_PAGES        85
#define _SC_AVPHYS_PAGES      86
#define _SC_ATEXIT_MAX        87
#define _SC_XOPEN_VERSION     89
#define _SC_XOPEN_UNIX        91
#define _SC_NZERO            109
#define _SC_CLOCK_SELECTION  137
#define _SC_CPUTIME          138
#define _SC_THREAD_CPUTIME   139
#define _SC_MONOTONIC_CLOCK  149
#define _SC_READER_WRITER_LOCKS 153
#define _SC_SPIN_LOCKS       154
#define _SC_SPAWN            159
#define _SC_TIMEOUTS         164
#define _SC_SYMLOOP_MAX      173
#define _SC_HOST_NAME_MAX    180

/* pathconf names. */
#define _PC_LINK_MAX         0
#define _PC_MAX_CANON        1
#define _PC_MAX_INPUT        2
#define _PC_NAME_MAX         3
#define _PC_PATH_MAX         4
#define _PC_PIPE_BUF         5
#define _PC_CHOWN_RESTRICTED 6
#define _PC_NO_TRUNC         7
#define _PC_VDISABLE         8
#define _PC_SYNC_IO          9
#define _PC_ASYNC_IO         10
#define _PC_PRIO_IO          11
#define _PC_SOCK_MAXBUF      12
#define _PC_FILESIZEBITS     13
#define _PC_REC_INCR_XFER_SIZE 14
#define _PC_REC_MAX_XFER_SIZE  15
#define _PC_REC_MIN_XFER_SIZE  16
#define _PC_REC_XFER_ALIGN   17
#define _PC_ALLOC_SIZE_MIN   18
#define _PC_SYMLINK_MAX      19
#define _PC_2_SYMLINKS       20

#define _CS_PATH 0

extern char **environ;
extern char *optarg;
extern int optind, opterr, optopt;

/* Processes (process server). */
pid_t fork(void);
pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execvpe(const char *file, char *const argv[], char *const envp[]);
int execl(const char *path, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);
int execle(const char *path, const char *arg, ...);
int fexecve(int fd, char *const argv[], char *const envp[]);
_Noreturn void _exit(int status);
pid_t getpid(void);
pid_t getppid(void);
pid_t getpgrp(void);
int setpgrp(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t getsid(pid_t pid);
pid_t setsid(void);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
int seteuid(uid_t uid);
int setegid(gid_t gid);
int setreuid(uid_t ruid, uid_t euid);
int setregid(gid_t rgid, gid_t egid);
/* Linux's (GNU) extensions, always visible like the rest. */
int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid);
int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid);
int setresuid(uid_t ruid, uid_t euid, uid_t suid);
int setresgid(gid_t rgid, gid_t egid, gid_t sgid);
pid_t gettid(void);
int getgroups(int size, gid_t list[]);
int setgroups(size_t size, const gid_t *list);
unsigned sleep(unsigned seconds);
int usleep(useconds_t usec);
unsigned alarm(unsigned seconds);
useconds_t ualarm(useconds_t usec, useconds_t interval);
int pause(void);
int nice(int inc);
int brk(void *addr);
void *sbrk(long increment);

/* Descriptors and paths (file server). */
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
int close(int fd);
int dup(int fd);
int dup2(int fd, int fd2);
int dup3(int fd, int fd2, int flags);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
off_t lseek(int fd, off_t off, int whence);
int isatty(int fd);
char *ttyname(int fd);
int ttyname_r(int fd, char *buf, size_t len);
int chdir(const char *path);
int fchdir(int fd);
char *getcwd(char *buf, size_t size);
int access(const char *path, int mode);
int faccessat(int dirfd, const char *path, int mode, int flags);
int unlink(const char *path);
int unlinkat(int dirfd, const char *path, int flags);
int rmdir(const char *path);
int link(const char *old, const char *new_);
int linkat(int olddirfd, const char *old, int newdirfd, const char *new_,
	   int flags);
int symlink(const char *target, const char *path);
int symlinkat(const char *target, int dirfd, const char *path);
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size);
ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf,
		   size_t size);
int chown(const char *path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);
int truncate(const char *path, off_t len);
int ftruncate(int fd, off_t len);
int fsync(int fd);
int fdatasync(int fd);
void sync(void);
int lockf(int fd, int cmd, off_t len);
long pathconf(const char *path, int name);
long fpathconf(int fd, int name);

/* Computed here. */
long sysconf(int name);
size_t confstr(int name, char *buf, size_t len);
int getopt(int argc, char *const argv[], const char *optstring);
int gethostname(char *name, size_t len);
int getpagesize(void);
char *getlogin(void);
int getlogin_r(char *buf, size_t size);

#endif
