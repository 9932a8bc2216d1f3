/*
 * The file server's protocol (servers/fs; docs/proto-fs.md). Every
 * process reaches fs through PROC_SLOT_FS in its capability space: an
 * endpoint capability minted by procsrv with the process's id (the thread
 * group id, so all threads of a process share one descriptor table) as
 * badge. procsrv itself holds a capability with FS_BADGE_PROCSRV, on
 * which it tells fs about fork, exec, exit and credentials (the FS_PS_*
 * calls), as Minix's PM tells VFS.
 *
 * A request is a call: label = FS_* opcode, w0..w2 the arguments, more
 * in the IPC buffer's words 3.. where said. The reply: label 0, w0 = the
 * result (>= 0) or -errno, w1/w2 and words 3.. where said.
 *
 * Data: up to FS_INLINE_MAX bytes travel in the message itself, from
 * word FS_DATA_WORD on (read's answer, write's request, getdents, getcwd);
 * larger reads and writes name a buffer in the caller's memory, which fs
 * copies with SYS_VM_COPY through the process's address space capability
 * (procsrv gives it at fork and exec). Paths are always (pointer, length)
 * in the caller's memory.
 *
 * Used by fs's dispatch loop, procsrv's fs_link.c and libc's stubs.
 */
#ifndef PITH_PROTO_FS_H
#define PITH_PROTO_FS_H

#include <stdint.h>

/* fs's own capability space, as procsrv sets it up. */
enum fs_slot {
	FS_SLOT_EP = 1,          /* its endpoint (receive) */
	FS_SLOT_CONSOLE = 2,     /* the kernel debug console, when there is
				    no console server (else empty) */
	FS_SLOT_POOL = 3,        /* its own pool (CONTROL): saved replies,
				    and the pages of its large tables */
	FS_SLOT_ASPACE = 4,      /* its own address space (CONTROL): its
				    large tables are mapped as first used */
	FS_SLOT_TTY = 12,        /* the console server's endpoint (proto/console.h) */
	FS_SLOT_TTY_NOTE = 13,   /* fs's notification, bound to fs (READ|WRITE):
				    console's news, fs's timer (FS_POLL) */
	FS_SLOT_FIRST_FREE = 16, /* from here: processes' address spaces */
};
#define FS_CSPACE_SLOTS 2048     /* room for PROC_MAX address spaces */
/* Where procsrv maps the boot image (read-only) into fs; fs's start
 * argument is the image's size in bytes. */
#define FS_IMAGE_VADDR  0x10000000ull

/* The badge of procsrv's own capability to fs; a process's is its pid
 * (1 .. 32767), never this. */
#define FS_BADGE_PROCSRV (1ull << 32)

#define FS_FD_MAX      64        /* descriptors per process (RLIMIT_NOFILE) */
#define FS_PATH_MAX    4096      /* PATH_MAX, the NUL included */
#define FS_NAME_MAX    255       /* NAME_MAX */
#define FS_DATA_WORD   4         /* inline data starts at this word */
#define FS_INLINE_MAX  ((64 - FS_DATA_WORD) * 8)   /* 480 bytes */

/* Device numbers (st_rdev) of fs's device nodes: Linux's. */
/* A console read from a background process group of the terminal's
 * session (not an errno: never reaches a program): libc's read sends
 * SIGTTIN to its group and reads again once continued, or fails with
 * EIO when SIGTTIN is ignored or blocked (POSIX's job control). */
#define FS_ETTIN 513

#define FS_POLL_FOREVER UINT64_MAX
/* FS_POLL's answer: the masks' words. */
enum { FS_POLL_READ = 3, FS_POLL_WRITE, FS_POLL_HUP, FS_POLL_ERR,
       FS_POLL_NVAL, FS_POLL_WORDS };

/* FS_UTIMENS's special nanoseconds: Linux's UTIME_NOW and UTIME_OMIT. */
#define FS_UTIME_NOW   ((1l << 30) - 1l)
#define FS_UTIME_OMIT  ((1l << 30) - 2l)

#define FS_DEV_NULL    ((1u << 8) | 3)
#define FS_DEV_ZERO    ((1u << 8) | 5)
#define FS_DEV_CONSOLE ((5u << 8) | 1)

enum fs_op {
	FS_NONE = 0,
	/* (path, len, flags | (uint32_t)dirfd << 32) -> fd. flags are
	 * Linux's O_*; word 3 = the mode of a file O_CREAT makes (0 when
	 * the message has no word 3), the caller's umask applied. */
	FS_OPEN,
	FS_CLOSE,                /* (fd) -> 0 */
	/* (fd, buf, n) -> bytes read. n <= FS_INLINE_MAX: the data comes
	 * back in words FS_DATA_WORD.., buf is not used; larger: fs writes
	 * into buf in the caller's memory. */
	FS_READ,
	/* (fd, buf, n) -> bytes written. n <= FS_INLINE_MAX: the data is in
	 * words FS_DATA_WORD.. of the request; larger: read from buf. */
	FS_WRITE,
	FS_PREAD,                /* as FS_READ; word 3 = the offset */
	FS_PWRITE,               /* as FS_WRITE; word 3 = the offset */
	FS_LSEEK,                /* (fd, offset, whence) -> the new offset */
	/* (fd, cmd, arg): F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD,
	 * F_GETFL, F_SETFL -> as fcntl */
	FS_FCNTL,
	FS_DUP3,                 /* (fd, fd2, flags: O_CLOEXEC) -> fd2; fd != fd2 */
	FS_FSTAT,                /* (fd) -> 0; struct fs_stat in words 3.. */
	/* (path, len, flags | (uint32_t)dirfd << 32) -> 0; struct fs_stat
	 * in words 3..; flags: AT_SYMLINK_NOFOLLOW (no links here: stat ==
	 * lstat), AT_EMPTY_PATH */
	FS_STAT,
	/* (path, len, mode | flags << 8 | (uint32_t)dirfd << 32) -> 0: mode
	 * F_OK/R_OK/W_OK/X_OK, flags AT_EACCESS >> 8 (else the real ids) */
	FS_ACCESS,
	/* (fd, n) -> bytes: struct linux_dirent64 records (d_ino, d_off,
	 * d_reclen, d_type, d_name) in words FS_DATA_WORD.., at most
	 * min(n, FS_INLINE_MAX) bytes; 0 at the end */
	FS_GETDENTS,
	FS_CHDIR,                /* (path, len) -> 0 */
	FS_FCHDIR,               /* (fd) -> 0 */
	FS_GETCWD,               /* () -> length with the NUL; the path in words FS_DATA_WORD.. */
	/* () -> w0 = 0, w1 = open-file descriptions in use, w2 = descriptor
	 * tables in use, word 3 = pipes in use, word 4 = calls waiting: what
	 * the tests that count leaks read. */
	FS_INFO,
	/* (flags: O_CLOEXEC | O_NONBLOCK) -> 0; w1 = the read end's
	 * descriptor, w2 = the write end's. A read of an empty pipe and a
	 * write to a full one wait (the answer comes when they can go on)
	 * unless the description is O_NONBLOCK (-EAGAIN). */
	FS_PIPE,
	/* (fd, request, arg) -> as ioctl: the console's (TCGETS, TCSETS,
	 * TCSETSW, TCSETSF: struct termios in words FS_DATA_WORD.. of the
	 * answer or request; TCFLSH (arg = queue); TIOCSTI (arg = the byte,
	 * root only); TIOCGWINSZ: struct winsize in words FS_DATA_WORD..;
	 * FIONREAD -> the count). -ENOTTY: not the console, or another
	 * request. */
	FS_IOCTL,
	/* (path, len, mode | (uint32_t)dirfd << 32) -> 0: a directory,
	 * mode less the umask */
	FS_MKDIR,
	/* (path, len, flags | (uint32_t)dirfd << 32) -> 0: unlink, or
	 * rmdir with AT_REMOVEDIR */
	FS_UNLINK,
	/* (old path, old len, olddirfd | (uint64_t)newdirfd << 32), word 3
	 * = the new path, word 4 = its length -> 0 */
	FS_RENAME,
	FS_TRUNCATE,             /* (path, len, length) -> 0 */
	FS_FTRUNCATE,            /* (fd, length) -> 0 */
	FS_UMASK,                /* (mask) -> the old mask */
	FS_CHMOD,                /* (path, len, mode | (uint32_t)dirfd << 32) -> 0 */
	FS_FCHMOD,               /* (fd, mode) -> 0 */
	/* select and poll: (rmask, wmask, timeout in ns: 0 answers at once,
	 * FS_POLL_FOREVER never runs out) + word 3 = hmask, word 4 = xmask;
	 * bit n of a mask stands for descriptor n. -> 0 and five masks in
	 * words 3..7 (FS_POLL_*), over the descriptors of all four masks:
	 * those a read would not wait on (data there), a write would not
	 * wait on (a pipe: PIPE_BUF bytes free), hung up (a pipe's read end
	 * with no write end left), in error (a pipe's write end with no
	 * read end left), not open. Answered as soon as a descriptor of
	 * rmask is readable, hung up or in error, one of wmask is writable
	 * or in error, one of hmask (poll: all its descriptors) is hung up
	 * or in error, or one is not open; else at the timeout (all
	 * empty), or -EINTR when a signal's handler is due (FS_PS_INTERRUPT;
	 * never restarted). xmask (select's exceptfds) is only checked to
	 * be open: nothing here has exceptional conditions. -EAGAIN: too
	 * many calls waiting. Files and devices are always ready; the
	 * console is always writable and readable when a read would not
	 * wait. */
	FS_POLL,
	/* chown: (path, len, flags | (uint32_t)dirfd << 32); word 3 = uid |
	 * (uint64_t)gid << 32, (uint32_t)-1 leaving an id as it is -> 0.
	 * flags: AT_SYMLINK_NOFOLLOW (no links: nothing), AT_EMPTY_PATH
	 * with len 0: dirfd itself, any descriptor (fchown). */
	FS_CHOWN,
	/* utimensat: (path, len, flags | (uint32_t)dirfd << 32) as FS_CHOWN;
	 * words 3..6 = atime's seconds and nanoseconds, mtime's, a
	 * nanosecond FS_UTIME_NOW or FS_UTIME_OMIT -> 0 */
	FS_UTIMENS,
	FS_FALLOCATE,            /* (fd, offset, len) -> 0: posix_fallocate */
	/* mknodat: (path, len, mode | (uint32_t)dirfd << 32) -> 0. mode's
	 * type S_IFIFO: a FIFO (mkfifo), 0 or S_IFREG: an empty file, as
	 * Linux; both less the umask. S_IFCHR, S_IFBLK, S_IFSOCK: -EPERM
	 * (fs has no such nodes outside /dev), S_IFDIR: -EPERM, another
	 * type: -EINVAL. */
	FS_MKNOD,

	/* procsrv's calls (badge FS_BADGE_PROCSRV only; -EPERM otherwise).
	 * fs answers each at once: procsrv never waits on fs for long. */
	/* (parent pid or 0, child pid) + the child's address space
	 * capability (READ|WRITE) attached: the child's table is a copy of
	 * the parent's (every descriptor shares its open-file description),
	 * cwd and credentials too. Parent 0: a new table for the first
	 * process (init): /dev/console on 0, 1, 2, cwd /, root. */
	FS_PS_FORK = 64,
	/* (pid) + the new image's address space attached: close-on-exec
	 * descriptors are closed. */
	FS_PS_EXEC,
	FS_PS_EXIT,              /* (pid): every descriptor closed, table gone */
	/* (pid, fsuid | fsgid << 32, ruid | rgid << 32) + word 3 = ngroups,
	 * words 4.. the supplementary groups: the credentials fs checks
	 * mode bits against (sent at exec and after every change). */
	FS_PS_CRED,
	/* (pid, tid, code: -EINTR or -PROC_ERESTART): a signal handler is
	 * due on thread tid of pid, blocked in a call: every call of pid fs
	 * keeps waiting (a pipe read or write, a FIFO's open) is answered now, with the
	 * bytes moved so far if any, else code (fs knows callers by pid
	 * only, so each waiting thread of pid is answered; libc re-issues on
	 * PROC_ERESTART). -> w0 = how many it answered. */
	FS_PS_INTERRUPT,
	/* (pid, pgid, sid): pid's process group and session changed
	 * (setpgid, setsid; a forked child starts with its parent's, the
	 * first process with its own pid for both). -> 0 */
	FS_PS_PGRP,
	/* (pgid, sid): the terminal's foreground process group and its
	 * session (PROC_TCSETPGRP, TIOCSCTTY; 1 and 1 at boot). A read of
	 * the console by a process of that session outside that group is
	 * answered -FS_ETTIN. -> 0 */
	FS_PS_TTY,
	FS_OP_MAX
};

/* FS_FSTAT / FS_STAT's answer, words 3.. of the reply. */
struct fs_stat {
	uint64_t ino;
	uint64_t size;
	uint32_t mode, nlink;
	uint32_t uid, gid;
	uint32_t rdev, dev;
	int64_t mtime;           /* seconds */
	uint64_t blocks;         /* 512-byte blocks */
	int64_t atime, ctime;    /* seconds */
	uint32_t mtime_ns, atime_ns, ctime_ns, pad;
};
_Static_assert(sizeof(struct fs_stat) == 88, "fs_stat: 11 words");
#define FS_STAT_WORDS (sizeof(struct fs_stat) / 8)

/* FS_GETDENTS's records (Linux's struct linux_dirent64), 8-aligned. */
struct fs_dirent {
	uint64_t d_ino;
	int64_t d_off;           /* the offset of the next entry */
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];           /* NUL-terminated, padded to 8 */
};
_Static_assert(sizeof(struct fs_dirent) == 24, "fs_dirent header");

/* Errors fs returns (uapi/errno.h values, negated):
 *   EBADF  a descriptor not open (or not open for reading / writing)
 *   ENOENT a path or a component missing, or an empty path
 *   ENOTDIR a component (or O_DIRECTORY's target) not a directory
 *   ENAMETOOLONG a path of FS_PATH_MAX bytes or more, a component over
 *          FS_NAME_MAX
 *   EROFS  writing, creating, removing or truncating in the boot image
 *   EXDEV  a rename between /tmp and the boot image
 *   ENOSPC /tmp's bytes (RAMFS_BYTES) or nodes used up
 *   ENOTEMPTY rmdir, or a rename over, a directory with entries
 *   EBUSY  removing or renaming /tmp itself
 *   EISDIR opening a directory for writing, reading one with read
 *   EACCES mode bits against the caller's credentials
 *   EEXIST O_CREAT | O_EXCL on a file that exists
 *   EMFILE no free descriptor below FS_FD_MAX
 *   ENFILE no free open-file description or pipe in fs
 *   EINVAL a bad flag, whence, command or offset
 *   ESPIPE lseek, pread or pwrite on the console or a pipe
 *   EPIPE  a write to a pipe with no read end open (no SIGPIPE yet)
 *   EAGAIN an O_NONBLOCK pipe that is empty (read) or full (write), or
 *          too many calls waiting (PWAIT_MAX, PWAIT_PER_PROC in fs)
 *   EFAULT a pointer fs cannot read or write in the caller's memory
 *   ERANGE getcwd: the path does not fit
 *   ESRCH  the badge names no process fs knows
 *   EPERM  an FS_PS_* call not from procsrv; chmod by neither the
 *          owner nor root
 *   ENOSYS an unknown opcode */

#endif
