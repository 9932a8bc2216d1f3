/*
 * fs's internal interface: what its files share. fs is the file server
 * (proto/fs.h): it owns every process's descriptor table, the open-file
 * descriptions (offset, status flags) they share, the boot image's files
 * read-only at / and the device nodes in /dev, and pipes. It never
 * blocks on a client and calls nobody but the console server, which
 * answers at once (tty.c): procsrv tells it about processes. A call that must wait (a read of an empty pipe, a write to
 * a full one) keeps its caller's reply capability and is answered later.
 *
 *   bootfs.c  the tree of nodes: the boot image's files, directories
 *             synthesized from their paths, /dev; the one path walker
 *             of both file systems and the mode-bit check (pure:
 *             host-tested)
 *   ramfs.c   the writable RAM file system at /tmp: its nodes' names,
 *             data blocks, create, remove, rename, truncate, read,
 *             write (pure: host-tested)
 *   attr.c    owners, times and room: chown's, utimensat's and
 *             posix_fallocate's rules on a node (pure: host-tested)
 *   fdtab.c   descriptor tables and open-file descriptions (pure:
 *             host-tested)
 *   pipe.c    pipes' ring buffers and end counts (pure: host-tested)
 *   io.c      the calls of processes (open, read, write, stat, ...)
 *   nameio.c  the calls that change names and attributes (mkdir,
 *             unlink, rename, truncate, chmod, umask)
 *   pipeio.c  pipe(), reads and writes on pipes, the calls that wait
 *   fifo.c    named pipes (mkfifo): opens that wait for the other end
 *   tty.c     /dev/console: reads, writes and ioctls forwarded to the
 *             console server, the reads that wait for input
 *   poll.c    select and poll (FS_POLL), the calls that wait for a
 *             descriptor to be ready
 *   main.c    boot, the receive loop, dispatch, procsrv's calls
 *
 * Errors are negative errno values (uapi/errno.h).
 */
#ifndef FS_H
#define FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <proto/fs.h>

/* fs's large tables (the RAM file system's blocks, the pipes, the
 * processes' descriptor tables) are not in its bss: each is a range of
 * its address space whose pages are mapped as they are first used
 * (main.c, over <pith/lazy.h>; the host tests give plain memory).
 * table_space reserves one at start; table_need maps [p, p + len)
 * before a first write (0, or -ENOMEM); table_mapped says whether p
 * may be read. */
void *table_space(size_t bytes);
int table_need(const void *p, size_t len);
bool table_mapped(const void *p);
/* A record in use (a block of a file, a pipe and its buffer, a
 * descriptor table) is mapped whole when it is first taken: the kernel's
 * copies to and from it (user_copy) need no check. */

/* ---- bootfs.c: nodes ---------------------------------------------------- */

#define NODE_MAX 1024            /* files, directories and devices */
#define NODE_NONE 0xffffu

enum node_kind { NODE_DIR, NODE_FILE, NODE_CONSOLE, NODE_NULL, NODE_ZERO,
		 NODE_PIPE, NODE_FIFO, NODE_FREE };

struct node {
	const char *name;        /* not NUL-terminated: namelen bytes */
	uint16_t namelen;
	uint16_t parent, child, sibling;   /* indices, NODE_NONE for none */
	uint8_t kind;
	uint8_t ram;             /* in /tmp (ramfs.c): writable */
	uint16_t blk;            /* a RAM file's first data block */
	uint16_t fifo;           /* a FIFO's pipe while open: its index + 1 */
	uint32_t mode, uid, gid, nlink, rdev;
	uint32_t holds;          /* descriptions and working directories
				    naming it: a RAM node unlinked (nlink
				    0) lives until the last is gone */
	uint64_t size;
	int64_t mtime, atime, ctime;       /* seconds since the epoch */
	uint32_t mtime_ns, atime_ns, ctime_ns;
	const uint8_t *data;     /* a boot file's bytes (in the image) */
};

extern struct node nodes[NODE_MAX];
extern unsigned node_count;
#define NODE_ROOT 0
/* The node every pipe's descriptions name (S_IFIFO, in no directory):
 * what is not pipe-specific (not a directory, not seekable) follows from
 * its kind. */
extern uint16_t pipe_node;

/* The credentials fs checks mode bits against (procsrv's FS_PS_CRED). */
struct fs_cred {
	uint32_t uid, gid;       /* file-system (effective) ids */
	uint32_t ruid, rgid;     /* real ids (access() without AT_EACCESS) */
	uint32_t ngroups;
	uint32_t groups[32];
};

/* An empty tree: the root directory alone (0755, root's). */
void bootfs_init(void);
/* One entry of the boot image (main.c reads the cpio archive): a file
 * or directory at its path (a leading "./" or "/" dropped), with a
 * directory for every prefix not yet there (0755, root's, the newest
 * mtime below it); a directory entry gives its own mode and owner to a
 * synthesized one. -EINVAL for what cannot be placed (a path through a
 * file, a duplicate, an empty name or component, "." or "..", a
 * component over FS_NAME_MAX, a type other than file or directory: the
 * caller skips it), -ENOMEM when NODE_MAX is too few. name is kept: it
 * must live as long as the tree. */
int bootfs_add(const char *name, size_t namelen, uint32_t mode, uint32_t uid,
	       uint32_t gid, int64_t mtime, const void *data, uint64_t size);
/* After the image: /dev (console, null, zero), pipe_node and the link
 * counts. */
int bootfs_finish(void);

/* Walk path (len bytes, no NUL needed) from start (a directory) or from
 * the root when it begins with '/'. Every directory passed through needs
 * search (x) permission for c. *out is the node named. -ENOENT (an empty
 * path too), -ENOTDIR, -ENAMETOOLONG (len >= FS_PATH_MAX, a component
 * over FS_NAME_MAX), -EACCES. A trailing '/' demands a directory. */
int bootfs_walk(uint16_t start, const char *path, size_t len,
		const struct fs_cred *c, uint16_t *out);

/* Is gid c's group or one of its supplementary groups? */
bool cred_in_group(const struct fs_cred *c, uint32_t gid);

/* May c access node n with mask (4 read, 2 write, 1 search/execute)?
 * 0 or -EACCES; root may read and write anything and search any
 * directory, and execute a file with any x bit. */
int bootfs_permit(const struct node *n, const struct fs_cred *c, unsigned mask);

/* A node of kind with name (kept: it must live as long as the node)
 * as parent's last child (NODE_NONE: in no directory): a freed one
 * again, else a new one. NODE_NONE when NODE_MAX are in use. */
uint16_t node_alloc(uint16_t parent, const char *name, size_t len,
		    uint8_t kind, uint32_t mode);
/* Take n out of its parent's list / give it back to the free ones. */
void node_detach(uint16_t n);
void node_free(uint16_t n);
/* The entry name (len bytes) of directory dir, or NODE_NONE. */
uint16_t node_lookup(uint16_t dir, const char *name, size_t len);

/* The walk of all but the last component of path: *dir the directory
 * it names (searchable by c), *last / *lastlen the last component
 * without the slashes after it ("" for "/"), *slash whether some
 * followed it. Errors as bootfs_walk's, and -ENAMETOOLONG for a last
 * component over FS_NAME_MAX. */
int walk_parent(uint16_t start, const char *path, size_t len,
		const struct fs_cred *c, uint16_t *dir, const char **last,
		size_t *lastlen, bool *slash);

/* The node's absolute path into buf (size bytes with the NUL): its
 * length, or -ERANGE. */
long bootfs_path(uint16_t n, char *buf, size_t size);

/* The i-th entry of directory d: ".", "..", then its children in order.
 * NODE_NONE past the end; *name and *namelen the entry's name. */
uint16_t bootfs_dirent(uint16_t d, uint64_t i, const char **name, size_t *namelen);

/* ---- ramfs.c: the RAM file system at /tmp ------------------------------ */

#define RAMFS_BLOCK  1024         /* bytes of a data block */
#define RAMFS_BLOCKS 1024         /* blocks in all: the byte limit */
#define RAMFS_BYTES  (RAMFS_BLOCK * RAMFS_BLOCKS)   /* 1 MiB: ENOSPC */
#define RAMFS_NODES  512          /* files and directories (ENOSPC) */
#define RAMFS_NOBLK  0xffffu

/* The directory every RAM node is below (NODE_NONE before the mount). */
extern uint16_t ramfs_root;
/* The clock for times (ns since the epoch): main.c's reads the
 * realtime clock, the host tests' a counter. NULL: time 0. */
extern int64_t (*ramfs_clock)(void);

/* Empty: every block and name free. */
void ramfs_init(void);
/* /tmp (mode 01777, root's) in the root directory: after bootfs_finish.
 * -EEXIST when the image has a /tmp (it stays read-only), -ENOMEM. */
int ramfs_mount(void);
/* Create name (len bytes) in directory dir: a file (S_IFREG), a
 * directory (S_IFDIR) or a FIFO (S_IFIFO) with mode's permission bits,
 * owned by c's ids.
 * -EEXIST (the name exists: *out is it), -EROFS (dir is not in /tmp),
 * -EACCES (no write and search permission on dir), -ENAMETOOLONG,
 * -ENOENT (dir removed), -ENOSPC (no node or name left), -EINVAL ("."
 * or ".." or an empty name: -EEXIST for them instead). */
int ramfs_create(uint16_t dir, const char *name, size_t len, uint32_t mode,
		 const struct fs_cred *c, uint16_t *out);
/* Remove name from dir: a file (dir_too false: -EISDIR for a
 * directory) or an empty directory (rmdir: -ENOTDIR for another kind,
 * -ENOTEMPTY). -ENOENT, -EROFS, -EACCES (write and search on dir; the
 * sticky bit: the owner of the file or of dir only, or root), -EBUSY
 * (/tmp itself), -EINVAL (rmdir of "."), -ENOTEMPTY (of ".."). */
int ramfs_remove(uint16_t dir, const char *name, size_t len, bool rmdir,
		 const struct fs_cred *c);
/* rename(2) of od/on to nd/nn, POSIX's rules: a file may replace a
 * file, a directory an empty directory; -EISDIR (a file over a
 * directory), -ENOTDIR (a directory over a file), -ENOTEMPTY, -EINVAL (a
 * directory into itself or below it, "." or ".."), -EXDEV (between /tmp
 * and the image), -EROFS (both in the image), -EBUSY (/tmp itself),
 * -EACCES, -ENOENT. Renaming a node over itself (a hard link to itself)
 * does nothing. */
int ramfs_rename(uint16_t od, const char *on, size_t ol, uint16_t nd,
		 const char *nn, size_t nl, const struct fs_cred *c);
/* A RAM file's size set: shorter frees blocks, longer reads zeros.
 * -ENOSPC (nothing changed). */
int ramfs_truncate(uint16_t n, uint64_t size);
/* Bytes of RAM file n at off: read copies at most len (fewer at the
 * end); write copies len, growing the file (zeros in a gap), and
 * returns fewer when space runs out (-ENOSPC if none fit). */
int64_t ramfs_read(uint16_t n, uint64_t off, void *buf, size_t len);
int64_t ramfs_write(uint16_t n, uint64_t off, const void *buf, size_t len);
/* Times of n set to now: bits 1 atime, 2 mtime, 4 ctime. */
void node_touch(uint16_t n, unsigned which);
/* One hold more / fewer on n (a description, a working directory); a
 * RAM node unlinked and no longer held is freed. */
void node_hold(uint16_t n);
void node_release(uint16_t n);
/* In use: bytes of blocks, nodes (FS_INFO). */
uint64_t ramfs_used_bytes(void);
unsigned ramfs_used_nodes(void);

/* ---- attr.c: owners, times, room ---------------------------------------- */

/* chown(2) on n for c (-1: an id left as is): root changes both ids;
 * the owner may set the group to one of its groups; a regular file's
 * set-user-id and set-group-id bits are cleared when a caller other
 * than root changes it; ctime updated. -EROFS (not in /tmp), -EPERM. */
int node_chown(uint16_t n, uint32_t uid, uint32_t gid, const struct fs_cred *c);
/* Is ns a valid tv_nsec for utimensat (0..999999999, FS_UTIME_NOW,
 * FS_UTIME_OMIT)? */
bool utime_ns_ok(int64_t ns);
/* utimensat(2) on n for c: t = atime's seconds and nanoseconds, then
 * mtime's (FS_UTIME_NOW: the clock, FS_UTIME_OMIT: left). Both now: the
 * owner, root or a writer; other times: the owner or root; both left:
 * nothing. ctime updated. -EINVAL (a bad nanosecond), -EROFS, -EPERM,
 * -EACCES. */
int node_utimens(uint16_t n, const int64_t t[4], const struct fs_cred *c);
/* posix_fallocate's room for bytes off..off+len of n (zeros past the
 * end, the size grown). -EINVAL (off < 0, len <= 0), -EISDIR, -ENODEV
 * (not a file), -EROFS, -EFBIG (past 2^62), -ENOSPC (nothing changed). */
int node_allocate(uint16_t n, int64_t off, int64_t len);

/* ---- fdtab.c: descriptor tables and open-file descriptions ------------- */

#define FPROC_MAX  1024          /* processes (procsrv's PROC_MAX) */
#define OFILE_MAX  4096          /* open-file descriptions */
#define FS_PID_MAX 32768

struct ofile {
	uint32_t refs;           /* descriptors naming it, in any table, and
				    calls waiting on it (pipeio.c) */
	uint16_t node;
	uint16_t pipe;           /* a pipe's end: the pipe's index + 1, else 0 */
	uint32_t wgen;           /* a FIFO's reader opened with no writer: the
				    pipe's wgen then (no hang-up until a writer
				    has come), else 0 */
	uint32_t flags;          /* O_ACCMODE | O_APPEND | O_NONBLOCK ... */
	uint64_t off;
};

struct fproc {
	int32_t pid;             /* 0: free */
	uint16_t cwd;            /* held (node_hold) */
	uint32_t umask;          /* the file mode creation mask */
	uint64_t aspace;         /* fs's slot of its address space, or 0 */
	uint64_t cloexec;        /* bit n: FD_CLOEXEC on descriptor n */
	uint16_t fd[FS_FD_MAX];  /* ofile index + 1, or 0 */
	struct fs_cred cred;
	int32_t pgid, sid;       /* procsrv's FS_PS_PGRP (a console read's job control) */
	uint8_t pwaits;          /* its calls waiting on pipes (pipeio.c) */
};

extern struct ofile ofiles[OFILE_MAX];

void fdtab_init(void);
struct fproc *fproc_find(int32_t pid);
/* A new table for pid: a copy of parent's (NULL: empty, root, cwd /).
 * -EEXIST (pid has one), -ENOMEM (full). */
int fproc_new(int32_t pid, const struct fproc *parent, struct fproc **out);
/* Close every descriptor and free the table. */
void fproc_free(struct fproc *p);
/* The working directory n (held; the old one released). */
void fproc_chdir(struct fproc *p, uint16_t n);
/* Close-on-exec descriptors closed. */
void fproc_exec(struct fproc *p);

/* A new description for node with flags: its index, or -ENFILE. */
int ofile_new(uint16_t node, uint32_t flags);
/* One more / one fewer reference to description o; the last one gone
 * frees it and, for a pipe's end, drops the end (pipe_end_closed). */
void ofile_get(unsigned o);
void ofile_put(unsigned o);
/* The description of fd in p, or NULL (-EBADF). */
struct ofile *fd_get(const struct fproc *p, int64_t fd);
/* Install description o (its reference is given) at the lowest free
 * descriptor >= min: the descriptor, or -EMFILE (the reference dropped). */
int fd_install(struct fproc *p, int o, int64_t min, bool cloexec);
int fd_close(struct fproc *p, int64_t fd);
/* dup (F_DUPFD): -EBADF, -EINVAL (min out of range), -EMFILE. */
int fd_dup(struct fproc *p, int64_t fd, int64_t min, bool cloexec);
/* dup2/dup3 with fd != fd2: fd2 closed first if open. -EBADF. */
int fd_dup2(struct fproc *p, int64_t fd, int64_t fd2, bool cloexec);
/* Descriptions and tables in use (FS_INFO). */
unsigned ofile_count(void);
unsigned fproc_count(void);

/* ---- pipe.c: pipes' buffers and ends ------------------------------------ */

#define PIPE_MAX 32              /* pipes in all (-ENFILE beyond) */
#define PIPE_CAP 16384           /* bytes a pipe holds */
#define PIPE_ATOMIC 4096         /* PIPE_BUF: writes up to this are whole */
_Static_assert(PIPE_CAP >= PIPE_ATOMIC, "an atomic write must fit");

struct pipe {
	uint32_t readers, writers;   /* descriptions of each end; both 0: free */
	uint32_t wgen;               /* writers that have joined it, from 0 */
	uint32_t head, len;          /* the ring: first byte, bytes held */
	uint8_t buf[PIPE_CAP];
};

extern struct pipe *pipes;       /* [PIPE_MAX], table_space */

/* Reserve the table (at start), empty it. */
void pipe_init(void);
/* A new pipe with one reader and one writer: its index, or -ENFILE. */
int pipe_new(void);
/* A description of access mode acc (O_RDONLY: a reader, O_WRONLY: a
 * writer, O_RDWR: both) joins pipe i, or a new pipe when i < 0: its
 * index, or -ENFILE. */
int pipe_join(int i, unsigned acc);
/* One description of an end gone (writer: the write end). */
void pipe_end_closed(unsigned i, bool writer);
/* A description of access mode acc gone from pipe i (its ends closed):
 * true when that freed the pipe. */
bool pipe_leave(unsigned i, unsigned acc);
/* Mark pipe i as changed; the marked ones, each once, then -1. */
void pipe_mark(unsigned i);
int pipe_next_marked(void);
/* The bytes held from the head on, without wrapping: their start in *at,
 * their count. pipe_consume drops n of them. */
size_t pipe_peek(const struct pipe *p, const uint8_t **at);
void pipe_consume(struct pipe *p, size_t n);
/* Free room after the tail, without wrapping; pipe_commit adds n bytes
 * written there. */
size_t pipe_room(struct pipe *p, uint8_t **at);
void pipe_commit(struct pipe *p, size_t n);
/* Copies between local memory and the ring, as much as fits or is held. */
size_t pipe_copy_in(struct pipe *p, const void *src, size_t n);
size_t pipe_copy_out(struct pipe *p, void *dst, size_t n);
unsigned pipe_count(void);

/* ---- io.c: the calls of processes --------------------------------------- */

/* One request: the message and the answer being built. */
struct freq {
	uint64_t label, badge, info;
	uint64_t a[3];           /* w0..w2 */
	struct fproc *p;
	uint64_t w[3];           /* the answer's w0..w2 */
	unsigned nwords;         /* the answer's length in words (>= 3) */
	bool saved;              /* no answer now: the reply was saved */
};

void io_serve(struct freq *r);
/* A call's path (pointer, length) in p's memory into buf (FS_PATH_MAX
 * bytes): -ENAMETOOLONG, -ENOENT (empty), -EFAULT, -EINVAL (a NUL). */
int get_path(struct fproc *p, uint64_t uaddr, uint64_t len, char *buf);
/* Where path (already fetched) starts for p: its cwd, dirfd's directory
 * (-EBADF, -ENOTDIR), or the root when it is absolute (the walker). */
int start_dir(struct fproc *p, int32_t dirfd, const char *path, uint16_t *out);
/* The stat answer for node n: words 3.. of the reply. */
void stat_answer(struct freq *r, uint16_t n);

/* ---- nameio.c: names and attributes ------------------------------------- */

void nameio_serve(struct freq *r);
/* Bytes between fs (local) and p's memory at uaddr: 0 or -EFAULT. */
int user_copy(struct fproc *p, uint64_t uaddr, const void *local, size_t n,
	      bool to_user);

/* ---- pipeio.c: pipes' calls and the calls that wait ---------------------- */

#define PWAIT_MAX      128       /* calls waiting, in all */
#define PWAIT_PER_PROC 8         /* ... of one process (-EAGAIN beyond) */

void pipeio_init(void);
void pipeio_pipe(struct freq *r);
/* read / write of n bytes at buf on pipe end o. */
void pipeio_rw(struct freq *r, unsigned o, uint64_t buf, uint64_t n);
/* Answer the waiting calls that can go on now (after each message);
 * words IPC_REG_WORDS..keep_words of fs's IPC buffer (the answer being
 * built) are kept. True if a pipe changed (poll_changed's cue). */
bool pipeio_wake(unsigned keep_words);
/* Drop pid's waiting calls (its exit, its exec): no answer is sent. */
void pipeio_drop(int32_t pid);
/* Answer every waiting call of pid now: the bytes moved so far, else
 * code (FS_PS_INTERRUPT); how many. */
unsigned pipeio_interrupt(int32_t pid, int64_t code);
unsigned pipeio_waiting(void);

/* ---- fifo.c: named pipes ------------------------------------------------ */

#define FWAIT_MAX 32             /* opens of FIFOs waiting, in all, and
				    PWAIT_PER_PROC of one process (-EAGAIN) */

/* open of FIFO n (permission checked) with flags: its descriptor now,
 * -ENXIO (O_WRONLY | O_NONBLOCK, no reader), or the call kept waiting
 * for the other end (r->saved). */
void fifo_open(struct freq *r, uint16_t n, uint32_t flags);
/* pid's waiting opens answered with code (FS_PS_INTERRUPT) / dropped
 * unanswered (exit, exec). */
unsigned fifo_interrupt(int32_t pid, int64_t code);
void fifo_drop(int32_t pid);
unsigned fifo_waiting(void);

/* ---- tty.c: /dev/console through the console server --------------------- */

#define TWAIT_MAX 64             /* terminal reads waiting, in all */

/* Is there a console server (asked once at start)? Without one, io.c
 * writes the debug console and reads are at end of file. */
void tty_init(void);
bool tty_present(void);
/* read / write of n bytes at buf on the console's description o. */
void tty_rw(struct freq *r, unsigned o, uint64_t buf, uint64_t n);
/* FS_IOCTL. */
void tty_ioctl(struct freq *r);
/* console's notification came: answer the waiting reads that can go on. */
void tty_wake(void);
/* Drop pid's waiting reads unanswered (exit, exec). */
void tty_drop(int32_t pid);
/* Answer pid's waiting reads with code, -EINTR or -PROC_ERESTART (a
 * signal interrupts them: FS_PS_INTERRUPT); the number answered. */
unsigned tty_interrupt(int32_t pid, int64_t code);
unsigned tty_waiting(void);
/* Would a read of the console not wait now (FS_POLL)? console signals
 * fs's notification when the answer was no and becomes yes. */
bool tty_readable(void);
/* FS_PS_TTY: the terminal's foreground group and session. */
void tty_set_foreground(int32_t pgid, int32_t sid);

/* ---- poll.c: select and poll -------------------------------------------- */

#define POLLW_MAX 128            /* select and poll calls waiting, in all (as PWAIT_MAX) */

/* FS_POLL: answered now, or kept until a descriptor is ready. */
void poll_call(struct freq *r);
/* Something may have become ready: poll_wake looks at every waiting
 * call again. */
void poll_changed(void);
/* Answer the waiting calls that are ready or timed out (after each
 * message and notification); words as pipeio_wake keeps them. */
void poll_wake(unsigned keep_words);
/* pid's waiting calls answered -EINTR (FS_PS_INTERRUPT) / dropped. */
unsigned poll_interrupt(int32_t pid);
void poll_drop(int32_t pid);
/* Calls waiting (inline: the loop asks after every message). */
extern unsigned npollw;
static inline unsigned poll_waiting(void)
{
	return npollw;
}

/* main.c */
extern uint64_t image_size;
/* A free slot of fs's capability space (0: none), and giving one back
 * (its capability deleted). */
uint64_t slot_get(void);
void slot_put(uint64_t s);
/* The current caller's reply moved into a Reply capability in a new
 * slot (SYS_REPLY_SAVE on fs's own pool), to answer later with
 * SYS_REPLY_TO: the slot, or 0 (no slot or no memory). */
uint64_t reply_keep(void);
/* Answer the caller saved in slot s (info, w0; the words after w0 from
 * fs_ib); the slot is fs's again (its Reply kept idle for reply_keep). */
void reply_answer(uint64_t s, uint64_t info, int64_t w0);
/* Delete the Reply in slot s unanswered (its caller, if alive, gets
 * -EPIPE); the slot is fs's again. */
void reply_drop(uint64_t s);
/* The IPC buffer of fs (words 3.. of requests and answers). */
struct ipc_buffer;
extern struct ipc_buffer *const fs_ib;

#endif
