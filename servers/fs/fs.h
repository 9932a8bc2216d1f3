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
 *             synthesized from their paths, /dev; the path walker and
 *             the mode-bit check (pure: host-tested)
 *   fdtab.c   descriptor tables and open-file descriptions (pure:
 *             host-tested)
 *   pipe.c    pipes' ring buffers and end counts (pure: host-tested)
 *   io.c      the calls of processes (open, read, write, stat, ...)
 *   pipeio.c  pipe(), reads and writes on pipes, the calls that wait
 *   tty.c     /dev/console: reads, writes and ioctls forwarded to the
 *             console server, the reads that wait for input
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

/* ---- bootfs.c: nodes ---------------------------------------------------- */

#define NODE_MAX 1024            /* files, directories and devices */
#define NODE_NONE 0xffffu

enum node_kind { NODE_DIR, NODE_FILE, NODE_CONSOLE, NODE_NULL, NODE_ZERO,
		 NODE_PIPE };

struct node {
	const char *name;        /* not NUL-terminated: namelen bytes */
	uint16_t namelen;
	uint16_t parent, child, sibling;   /* indices, NODE_NONE for none */
	uint8_t kind;
	uint32_t mode, uid, gid, nlink, rdev;
	uint64_t size;
	int64_t mtime;
	const uint8_t *data;     /* a file's bytes (in the boot image) */
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

/* May c access node n with mask (4 read, 2 write, 1 search/execute)?
 * 0 or -EACCES; root may read and write anything and search any
 * directory, and execute a file with any x bit. */
int bootfs_permit(const struct node *n, const struct fs_cred *c, unsigned mask);

/* The node's absolute path into buf (size bytes with the NUL): its
 * length, or -ERANGE. */
long bootfs_path(uint16_t n, char *buf, size_t size);

/* The i-th entry of directory d: ".", "..", then its children in order.
 * NODE_NONE past the end; *name and *namelen the entry's name. */
uint16_t bootfs_dirent(uint16_t d, uint64_t i, const char **name, size_t *namelen);

/* ---- fdtab.c: descriptor tables and open-file descriptions ------------- */

#define FPROC_MAX  1024          /* processes (procsrv's PROC_MAX) */
#define OFILE_MAX  4096          /* open-file descriptions */
#define FS_PID_MAX 32768

struct ofile {
	uint32_t refs;           /* descriptors naming it, in any table, and
				    calls waiting on it (pipeio.c) */
	uint16_t node;
	uint16_t pipe;           /* a pipe's end: the pipe's index + 1, else 0 */
	uint32_t flags;          /* O_ACCMODE | O_APPEND | O_NONBLOCK ... */
	uint64_t off;
};

struct fproc {
	int32_t pid;             /* 0: free */
	uint16_t cwd;
	uint64_t aspace;         /* fs's slot of its address space, or 0 */
	uint64_t cloexec;        /* bit n: FD_CLOEXEC on descriptor n */
	uint16_t fd[FS_FD_MAX];  /* ofile index + 1, or 0 */
	struct fs_cred cred;
};

extern struct ofile ofiles[OFILE_MAX];

void fdtab_init(void);
struct fproc *fproc_find(int32_t pid);
/* A new table for pid: a copy of parent's (NULL: empty, root, cwd /).
 * -EEXIST (pid has one), -ENOMEM (full). */
int fproc_new(int32_t pid, const struct fproc *parent, struct fproc **out);
/* Close every descriptor and free the table. */
void fproc_free(struct fproc *p);
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
	uint32_t head, len;          /* the ring: first byte, bytes held */
	uint8_t buf[PIPE_CAP];
};

extern struct pipe pipes[PIPE_MAX];

void pipe_init(void);
/* A new pipe with one reader and one writer: its index, or -ENFILE. */
int pipe_new(void);
/* One description of an end gone (writer: the write end). */
void pipe_end_closed(unsigned i, bool writer);
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
/* Bytes between fs (local) and p's memory at uaddr: 0 or -EFAULT. */
int user_copy(struct fproc *p, uint64_t uaddr, const void *local, size_t n,
	      bool to_user);

/* ---- pipeio.c: pipes' calls and the calls that wait ---------------------- */

#define PWAIT_MAX      128       /* calls waiting, in all */
#define PWAIT_PER_PROC 8         /* ... of one process (-EAGAIN beyond) */

void pipeio_pipe(struct freq *r);
/* read / write of n bytes at buf on pipe end o. */
void pipeio_rw(struct freq *r, unsigned o, uint64_t buf, uint64_t n);
/* Answer the waiting calls that can go on now (after each message). */
void pipeio_wake(void);
/* Drop pid's waiting calls (its exit, its exec): no answer is sent. */
void pipeio_drop(int32_t pid);
unsigned pipeio_waiting(void);

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
/* Answer pid's waiting reads with -EINTR (a signal interrupts them);
 * the number answered. */
unsigned tty_interrupt(int32_t pid);
unsigned tty_waiting(void);

/* main.c */
extern uint64_t image_size;
/* A free slot of fs's capability space (0: none), and giving one back
 * (its capability deleted). */
uint64_t slot_get(void);
void slot_put(uint64_t s);
/* A slot whose capability is gone already (a Reply used up) given back. */
void slot_forget(uint64_t s);
/* The current caller's reply moved into a Reply capability in a new
 * slot (SYS_REPLY_SAVE on fs's own pool), to answer later with
 * SYS_REPLY_TO: the slot, or 0 (no slot or no memory). */
uint64_t reply_keep(void);
/* The IPC buffer of fs (words 3.. of requests and answers). */
struct ipc_buffer;
extern struct ipc_buffer *const fs_ib;

#endif
