/*
 * fs's internal interface: what its files share. fs is the file server
 * (proto/fs.h): it owns every process's descriptor table, the open-file
 * descriptions (offset, status flags) they share, the boot image's files
 * read-only at / and the device nodes in /dev. It never blocks on a
 * client and never calls anyone: procsrv tells it about processes.
 *
 *   bootfs.c  the tree of nodes: the boot image's files, directories
 *             synthesized from their paths, /dev; the path walker and
 *             the mode-bit check (pure: host-tested)
 *   fdtab.c   descriptor tables and open-file descriptions (pure:
 *             host-tested)
 *   io.c      the calls of processes (open, read, write, stat, ...)
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

enum node_kind { NODE_DIR, NODE_FILE, NODE_CONSOLE, NODE_NULL, NODE_ZERO };

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
/* After the image: /dev (console, null, zero) and the link counts. */
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
	uint32_t refs;           /* descriptors naming it, in any table */
	uint16_t node;
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

/* ---- io.c: the calls of processes --------------------------------------- */

/* One request: the message and the answer being built. */
struct freq {
	uint64_t label, badge, info;
	uint64_t a[3];           /* w0..w2 */
	struct fproc *p;
	uint64_t w[3];           /* the answer's w0..w2 */
	unsigned nwords;         /* the answer's length in words (>= 3) */
};

void io_serve(struct freq *r);

/* main.c */
extern uint64_t image_size;
/* The IPC buffer of fs (words 3.. of requests and answers). */
struct ipc_buffer;
extern struct ipc_buffer *const fs_ib;

#endif
