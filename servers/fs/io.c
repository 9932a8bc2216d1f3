/*
 * The calls of processes (proto/fs.h): open (and create, in /tmp),
 * close, read, write and their positioned forms, lseek, fcntl, dup3,
 * stat, access, getdents, chdir, getcwd; the rest of the calls on names
 * are nameio.c's. What a read or write does depends on the node's kind
 * (read_at, write_at: a switch on it). Small data travels in the
 * message (words FS_DATA_WORD.. of fs's IPC buffer); larger reads and
 * writes are copied with
 * SYS_VM_COPY through the address space capability procsrv gave for the
 * process, which reaches only pages already present and writable (libc
 * touches its buffer first: docs/proto-fs.md). Every argument is checked;
 * nothing here waits: a pipe's reads and writes go to pipeio.c, a FIFO's
 * open to fifo.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <pith/syscall.h>
#include <string.h>

#include "fs.h"

#define O_STATUS (O_APPEND | O_NONBLOCK)
#define O_KNOWN  (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
		  O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT | \
		  O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | \
		  O_CLOEXEC | O_SYNC)
#define ZERO_CHUNK 4096
#define ZERO_MAX   (64u << 10)   /* /dev/zero gives at most this per read */

static char path_buf[FS_PATH_MAX];
/* Aligned: memcpy and the kernel copy words when both ends are. */
static uint8_t chunk[4096] __attribute__((aligned(64)));
static const uint8_t zeros[ZERO_CHUNK];

static uint8_t *inline_data(void)
{
	return (uint8_t *)&fs_ib->mr[FS_DATA_WORD];
}

int user_copy(struct fproc *p, uint64_t uaddr, const void *local,
		     size_t n, bool to_user)
{
	if (!p->aspace)
		return -EFAULT;
	while (n) {
		size_t k = n < VM_COPY_MAX ? n : VM_COPY_MAX;
		long err = to_user
			? sys_vm_copy(0, (uint64_t)(uintptr_t)local, p->aspace, uaddr, k)
			: sys_vm_copy(p->aspace, uaddr, 0, (uint64_t)(uintptr_t)local, k);
		if (err)
			return -EFAULT;
		uaddr += k;
		local = (const uint8_t *)local + k;
		n -= k;
	}
	return 0;
}

int get_path(struct fproc *p, uint64_t uaddr, uint64_t len, char *buf)
{
	if (len >= FS_PATH_MAX)
		return -ENAMETOOLONG;
	if (!len)
		return -ENOENT;
	if (user_copy(p, uaddr, buf, len, false))
		return -EFAULT;
	if (memchr(buf, 0, len))
		return -EINVAL;     /* libc sends strlen bytes: garbage */
	return 0;
}

int start_dir(struct fproc *p, int32_t dirfd, const char *path, uint16_t *out)
{
	if (path[0] == '/' || dirfd == AT_FDCWD) {
		*out = p->cwd;
		return 0;
	}
	struct ofile *o = fd_get(p, dirfd);
	if (!o)
		return -EBADF;
	if (nodes[o->node].kind != NODE_DIR)
		return -ENOTDIR;
	*out = o->node;
	return 0;
}

/* path_buf (len bytes) from dirfd, resolved for p. */
static int resolve(struct fproc *p, int32_t dirfd, size_t len, uint16_t *out)
{
	uint16_t start;
	int err = start_dir(p, dirfd, path_buf, &start);

	return err ? err : bootfs_walk(start, path_buf, len, &p->cred, out);
}

/* O_CREAT: the file path_buf names, made if missing (in /tmp). *made
 * says whether it was. */
static int create(struct fproc *p, int32_t dirfd, size_t len, uint32_t mode,
		  uint16_t *out, bool *made)
{
	uint16_t start, dir;
	const char *last;
	size_t ll;
	bool slash;
	int err;

	*made = false;
	if ((err = start_dir(p, dirfd, path_buf, &start)) ||
	    (err = walk_parent(start, path_buf, len, &p->cred, &dir, &last, &ll, &slash)))
		return err;
	if (!ll || (ll == 1 && last[0] == '.') || (ll == 2 && !memcmp(last, "..", 2)))
		return bootfs_walk(start, path_buf, len, &p->cred, out);
	if ((*out = node_lookup(dir, last, ll)) != NODE_NONE && nodes[dir].nlink)
		return slash && nodes[*out].kind != NODE_DIR ? -ENOTDIR : 0;
	if (slash)
		return -EISDIR;      /* Linux: a new name with a '/' after it */
	err = ramfs_create(dir, last, ll, 0100000u | (mode & 07777 & ~p->umask),
			   &p->cred, out);
	*made = !err;
	return err;
}

static void do_open(struct freq *r)
{
	struct fproc *p = r->p;
	uint32_t flags = (uint32_t)r->a[2];
	int32_t dirfd = (int32_t)(r->a[2] >> 32);
	unsigned acc = flags & O_ACCMODE;
	uint16_t n;
	int err;

	if ((flags & ~O_KNOWN) || acc == O_ACCMODE) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	uint32_t mode = MSG_LEN(r->info) > 3 ? (uint32_t)fs_ib->mr[3] : 0;
	bool made = false;
	if ((err = get_path(p, r->a[0], r->a[1], path_buf)))
		goto out;
	if (flags & O_CREAT)
		err = create(p, dirfd, r->a[1], mode, &n, &made);
	else
		err = resolve(p, dirfd, r->a[1], &n);
	if (err)
		goto out;
	struct node *f = &nodes[n];
	if (f->kind == NODE_FIFO)
		flags &= ~(uint32_t)O_TRUNC;   /* nothing to cut: Linux ignores it */
	bool dir = f->kind == NODE_DIR;
	bool image = !f->ram && (dir || f->kind == NODE_FILE);
	if (made)
		err = 0;             /* its creator opens it, whatever its mode */
	else if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		err = -EEXIST;
	else if ((flags & O_DIRECTORY) && !dir)
		err = -ENOTDIR;
	else if (dir && (acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC))))
		err = -EISDIR;
	else if (image && (acc != O_RDONLY || (flags & O_TRUNC)))
		err = -EROFS;
	else
		err = bootfs_permit(f, &p->cred,
				    (acc != O_WRONLY ? 4 : 0) |
				    (acc != O_RDONLY || (flags & O_TRUNC) ? 2 : 0));
	if (!err && (flags & O_TRUNC) && f->ram && f->kind == NODE_FILE && !made)
		err = ramfs_truncate(n, 0);
	if (err)
		goto out;
	if (f->kind == NODE_FIFO) {
		fifo_open(r, n, flags);    /* may wait for the other end */
		return;
	}
	int o = ofile_new(n, flags & (O_ACCMODE | O_STATUS));
	err = o < 0 ? o : fd_install(p, o, 0, flags & O_CLOEXEC);
out:
	r->w[0] = (uint64_t)(int64_t)err;
}

/* A RAM file's read of n bytes at *off (moved on): into the answer, or
 * through chunk into the caller's buffer. */
static int64_t ram_read(struct freq *r, uint16_t node, uint64_t buf,
			uint64_t n, uint64_t *off)
{
	if (n <= FS_INLINE_MAX) {
		int64_t k = ramfs_read(node, *off, inline_data(), n);
		r->nwords = FS_DATA_WORD + (unsigned)((k + 7) / 8);
		*off += (uint64_t)k;
		return k;
	}
	uint64_t done = 0;
	while (done < n) {
		size_t c = n - done < sizeof(chunk) ? (size_t)(n - done) : sizeof(chunk);
		int64_t k = ramfs_read(node, *off + done, chunk, c);
		if (k <= 0)
			break;
		if (user_copy(r->p, buf + done, chunk, (size_t)k, true)) {
			if (!done)
				return -EFAULT;
			break;
		}
		done += (uint64_t)k;
		if ((size_t)k < c)
			break;
	}
	*off += done;
	return (int64_t)done;
}

/* A RAM file's write of n bytes at *off (moved on). */
static int64_t ram_write(struct freq *r, uint16_t node, uint64_t buf,
			 uint64_t n, uint64_t *off)
{
	if (n <= FS_INLINE_MAX) {
		int64_t k = ramfs_write(node, *off, inline_data(), n);
		if (k > 0)
			*off += (uint64_t)k;
		return k;
	}
	uint64_t done = 0;
	while (done < n) {
		size_t c = n - done < sizeof(chunk) ? (size_t)(n - done) : sizeof(chunk);
		if (user_copy(r->p, buf + done, chunk, c, false)) {
			if (!done)
				return -EFAULT;
			break;
		}
		int64_t k = ramfs_write(node, *off + done, chunk, c);
		if (k < 0) {
			if (!done)
				return k;
			break;
		}
		done += (uint64_t)k;
		if ((size_t)k < c)
			break;
	}
	*off += done;
	return (int64_t)done;
}

/* Data of n bytes read into the answer or the caller's buffer. */
static int deliver(struct freq *r, uint64_t buf, uint64_t n, const void *src,
		   size_t k)
{
	if (n <= FS_INLINE_MAX) {
		memcpy(inline_data(), src, k);
		r->nwords = FS_DATA_WORD + (unsigned)((k + 7) / 8);
		return 0;
	}
	return user_copy(r->p, buf, src, k, true);
}

/* read / pread of n bytes at *off. */
static int64_t read_at(struct freq *r, struct ofile *o, uint64_t buf,
		       uint64_t n, uint64_t *off)
{
	struct node *f = &nodes[o->node];

	if ((o->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	switch (f->kind) {
	case NODE_DIR:
		return -EISDIR;
	case NODE_FILE: {
		if (f->ram)
			return ram_read(r, o->node, buf, n, off);
		uint64_t k = *off >= f->size ? 0 : f->size - *off;
		if (k > n)
			k = n;
		if (n <= FS_INLINE_MAX) {
			deliver(r, buf, n, f->data + *off, k);
		} else if (k) {
			uint64_t done = 0;
			while (done < k) {
				uint64_t c = k - done < VM_COPY_MAX ? k - done : VM_COPY_MAX;
				if (sys_vm_copy(0, (uint64_t)(uintptr_t)(f->data + *off + done),
						r->p->aspace, buf + done, c))
					break;
				done += c;
			}
			if (!done)
				return -EFAULT;
			k = done;
		}
		*off += k;
		return (int64_t)k;
	}
	case NODE_ZERO: {
		uint64_t k = n < ZERO_MAX ? n : ZERO_MAX;
		if (n <= FS_INLINE_MAX)
			return deliver(r, buf, n, zeros, k) ? -EFAULT : (int64_t)k;
		for (uint64_t done = 0; done < k; done += ZERO_CHUNK) {
			uint64_t c = k - done < ZERO_CHUNK ? k - done : ZERO_CHUNK;
			if (user_copy(r->p, buf + done, zeros, c, true))
				return done ? (int64_t)done : -EFAULT;
		}
		return (int64_t)k;
	}
	default:
		/* /dev/null, and the console until the console server: end
		 * of file (docs/proto-fs.md). */
		return 0;
	}
}

static int64_t write_at(struct freq *r, struct ofile *o, uint64_t buf,
			uint64_t n, uint64_t *off)
{
	struct node *f = &nodes[o->node];

	if ((o->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (n <= FS_INLINE_MAX &&
	    MSG_LEN(r->info) < FS_DATA_WORD + (n + 7) / 8)
		return -EINVAL;     /* the data it says it sent is not there */
	switch (f->kind) {
	case NODE_CONSOLE:
		if (n <= FS_INLINE_MAX) {
			long e = n ? sys_debug_write(FS_SLOT_CONSOLE, inline_data(), n) : 0;
			return e < 0 ? -EIO : (int64_t)n;
		}
		for (uint64_t done = 0; done < n; done += sizeof(chunk)) {
			uint64_t c = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
			if (user_copy(r->p, buf + done, chunk, c, false))
				return done ? (int64_t)done : -EFAULT;
			if (sys_debug_write(FS_SLOT_CONSOLE, chunk, c) < 0)
				return done ? (int64_t)done : -EIO;
		}
		return (int64_t)n;
	case NODE_NULL:
	case NODE_ZERO:
		return (int64_t)n;
	case NODE_FILE:
		if (f->ram)
			return ram_write(r, o->node, buf, n, off);
		return -EBADF;
	default:
		return -EBADF;      /* never opened for writing (EROFS) */
	}
}

static void do_rw(struct freq *r)
{
	struct ofile *o = fd_get(r->p, (int64_t)r->a[0]);
	uint64_t n = r->a[2];
	bool positioned = r->label == FS_PREAD || r->label == FS_PWRITE;
	int64_t res;

	if (!o) {
		r->w[0] = (uint64_t)-EBADF;
		return;
	}
	if (n > (1ull << 62)) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (o->pipe) {
		if (positioned)
			r->w[0] = (uint64_t)-ESPIPE;
		else
			pipeio_rw(r, (unsigned)(o - ofiles), r->a[1], n);
		return;
	}
	if (!positioned && nodes[o->node].kind == NODE_CONSOLE && tty_present()) {
		tty_rw(r, (unsigned)(o - ofiles), r->a[1], n);
		return;
	}
	if (positioned) {
		int64_t off = MSG_LEN(r->info) > 3 ? (int64_t)fs_ib->mr[3] : -1;
		uint8_t kind = nodes[o->node].kind;
		if (kind == NODE_CONSOLE) {
			r->w[0] = (uint64_t)-ESPIPE;
			return;
		}
		if (off < 0) {
			r->w[0] = (uint64_t)-EINVAL;
			return;
		}
		uint64_t at = (uint64_t)off;
		res = r->label == FS_PREAD ? read_at(r, o, r->a[1], n, &at)
					   : write_at(r, o, r->a[1], n, &at);
	} else if (r->label == FS_READ) {
		res = read_at(r, o, r->a[1], n, &o->off);
	} else {
		/* O_APPEND: at the end, in the same step as the write (fs
		 * serves one call at a time, so appends never interleave). */
		if (o->flags & O_APPEND)
			o->off = nodes[o->node].size;
		res = write_at(r, o, r->a[1], n, &o->off);
	}
	r->w[0] = (uint64_t)res;
}

static void do_lseek(struct freq *r)
{
	struct ofile *o = fd_get(r->p, (int64_t)r->a[0]);
	int64_t off = (int64_t)r->a[1], base;

	if (!o) {
		r->w[0] = (uint64_t)-EBADF;
		return;
	}
	struct node *f = &nodes[o->node];
	switch (f->kind) {
	case NODE_CONSOLE:
	case NODE_PIPE:
	case NODE_FIFO:
		r->w[0] = (uint64_t)-ESPIPE;
		return;
	case NODE_NULL:
	case NODE_ZERO:
		r->w[0] = 0;      /* Linux: these stay at 0 */
		return;
	default:
		break;
	}
	switch (r->a[2]) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)o->off; break;
	case SEEK_END:
		if (f->kind == NODE_DIR) {
			r->w[0] = (uint64_t)-EINVAL;
			return;
		}
		base = (int64_t)f->size;
		break;
	default:
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	int64_t to;
	if (__builtin_add_overflow(base, off, &to) || to < 0) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	o->off = (uint64_t)to;
	r->w[0] = (uint64_t)to;
}

static void do_fcntl(struct freq *r)
{
	struct fproc *p = r->p;
	int64_t fd = (int64_t)r->a[0];
	struct ofile *o = fd_get(p, fd);
	int64_t arg = (int64_t)r->a[2];

	if (!o) {
		r->w[0] = (uint64_t)-EBADF;
		return;
	}
	switch (r->a[1]) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		r->w[0] = (uint64_t)(int64_t)fd_dup(p, fd, arg, r->a[1] == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		r->w[0] = (p->cloexec >> fd) & 1;
		break;
	case F_SETFD:
		if (arg & FD_CLOEXEC)
			p->cloexec |= 1ull << fd;
		else
			p->cloexec &= ~(1ull << fd);
		r->w[0] = 0;
		break;
	case F_GETFL:
		r->w[0] = o->flags;
		break;
	case F_SETFL:
		o->flags = (o->flags & ~(uint32_t)O_STATUS) | ((uint32_t)arg & O_STATUS);
		r->w[0] = 0;
		break;
	default:
		r->w[0] = (uint64_t)-EINVAL;
	}
}

static void do_dup3(struct freq *r)
{
	int64_t fd = (int64_t)r->a[0], fd2 = (int64_t)r->a[1];

	if (r->a[2] & ~(uint64_t)O_CLOEXEC)
		r->w[0] = (uint64_t)-EINVAL;
	else if (fd == fd2)
		r->w[0] = (uint64_t)(fd_get(r->p, fd) ? -EINVAL : -EBADF);
	else
		r->w[0] = (uint64_t)(int64_t)fd_dup2(r->p, fd, fd2, r->a[2] & O_CLOEXEC);
}

void stat_answer(struct freq *r, uint16_t n)
{
	const struct node *f = &nodes[n];
	struct fs_stat st = {
		.ino = n + 1u, .size = f->size, .mode = f->mode, .nlink = f->nlink,
		.uid = f->uid, .gid = f->gid, .rdev = f->rdev, .dev = f->ram ? 2 : 1,
		.mtime = f->mtime, .blocks = (f->size + 511) / 512,
		.mtime_ns = f->mtime_ns,
		/* The image keeps one time: the others are it. */
		.atime = f->ram ? f->atime : f->mtime, .atime_ns = f->atime_ns,
		.ctime = f->ram ? f->ctime : f->mtime, .ctime_ns = f->ctime_ns,
	};

	memcpy(&fs_ib->mr[3], &st, sizeof(st));
	r->nwords = 3 + FS_STAT_WORDS;
	r->w[0] = 0;
}

static void do_stat(struct freq *r)
{
	struct fproc *p = r->p;
	uint32_t flags = (uint32_t)r->a[2];
	int32_t dirfd = (int32_t)(r->a[2] >> 32);
	uint16_t n;
	int err;

	if (r->label == FS_FSTAT) {
		struct ofile *o = fd_get(p, (int64_t)r->a[0]);
		if (!o) {
			r->w[0] = (uint64_t)-EBADF;
			return;
		}
		stat_answer(r, o->node);
		if (nodes[o->node].kind == NODE_PIPE) {
			/* Each pipe its own inode, owned by its caller. */
			struct fs_stat *st = (struct fs_stat *)&fs_ib->mr[3];
			st->ino = NODE_MAX + o->pipe;
			st->uid = p->cred.uid;
			st->gid = p->cred.gid;
		}
		return;
	}
	if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (!r->a[1] && (flags & AT_EMPTY_PATH)) {
		path_buf[0] = 0;
		err = start_dir(p, dirfd, path_buf, &n);
		if (err == -ENOTDIR) {            /* any descriptor will do */
			n = fd_get(p, dirfd)->node;
			err = 0;
		}
	} else if (!(err = get_path(p, r->a[0], r->a[1], path_buf))) {
		err = resolve(p, dirfd, r->a[1], &n);
	}
	if (err)
		r->w[0] = (uint64_t)(int64_t)err;
	else
		stat_answer(r, n);
}

static void do_access(struct freq *r)
{
	struct fproc *p = r->p;
	unsigned mode = r->a[2] & 0xff, flags = (r->a[2] >> 8) & 0xffffff;
	int32_t dirfd = (int32_t)(r->a[2] >> 32);
	uint16_t n;
	int err;

	if ((mode & ~7u) || (flags & ~((AT_EACCESS | AT_SYMLINK_NOFOLLOW) >> 8))) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	struct fs_cred c = p->cred;
	if (!(flags & (AT_EACCESS >> 8))) {
		c.uid = c.ruid;
		c.gid = c.rgid;
	}
	if (!(err = get_path(p, r->a[0], r->a[1], path_buf)) &&
	    !(err = start_dir(p, dirfd, path_buf, &n)) &&
	    !(err = bootfs_walk(n, path_buf, r->a[1], &c, &n)) && mode) {
		const struct node *f = &nodes[n];
		if ((mode & 2) && !f->ram && (f->kind == NODE_DIR || f->kind == NODE_FILE))
			err = -EROFS;
		else
			err = bootfs_permit(f, &c, mode);
	}
	r->w[0] = (uint64_t)(int64_t)err;
}

static uint8_t dtype(const struct node *f)
{
	return f->kind == NODE_DIR ? 4 : f->kind == NODE_FILE ? 8 :
	       f->kind == NODE_FIFO ? 1 : 2;
}

static void do_getdents(struct freq *r)
{
	struct ofile *o = fd_get(r->p, (int64_t)r->a[0]);
	uint64_t room = r->a[1] < FS_INLINE_MAX ? r->a[1] : FS_INLINE_MAX;
	uint8_t *out = inline_data();
	size_t used = 0;

	if (!o || (o->flags & O_ACCMODE) == O_WRONLY) {
		r->w[0] = (uint64_t)-EBADF;
		return;
	}
	if (nodes[o->node].kind != NODE_DIR) {
		r->w[0] = (uint64_t)-ENOTDIR;
		return;
	}
	if (!nodes[o->node].nlink) {
		r->w[0] = 0;           /* removed: no entries, not even . and .. */
		return;
	}
	for (;;) {
		const char *name;
		size_t len;
		uint16_t k = bootfs_dirent(o->node, o->off, &name, &len);
		if (k == NODE_NONE)
			break;
		size_t rec = (sizeof(struct fs_dirent) + len + 1 + 7) & ~(size_t)7;
		if (used + rec > room) {
			if (!used) {
				r->w[0] = (uint64_t)-EINVAL;   /* too small for one */
				return;
			}
			break;
		}
		struct fs_dirent d = {
			.d_ino = k + 1u, .d_off = (int64_t)o->off + 1,
			.d_reclen = (uint16_t)rec, .d_type = dtype(&nodes[k]),
		};
		memset(out + used, 0, rec);
		memcpy(out + used, &d, sizeof(d));
		memcpy(out + used + sizeof(d), name, len);
		used += rec;
		o->off++;
	}
	r->nwords = FS_DATA_WORD + (unsigned)(used / 8);
	r->w[0] = used;
}

static void do_chdir(struct freq *r)
{
	struct fproc *p = r->p;
	uint16_t n;
	int err;

	if (r->label == FS_FCHDIR) {
		struct ofile *o = fd_get(p, (int64_t)r->a[0]);
		err = o ? 0 : -EBADF;
		if (o)
			n = o->node;
	} else if (!(err = get_path(p, r->a[0], r->a[1], path_buf))) {
		err = bootfs_walk(p->cwd, path_buf, r->a[1], &p->cred, &n);
	}
	if (!err && nodes[n].kind != NODE_DIR)
		err = -ENOTDIR;
	if (!err)
		err = bootfs_permit(&nodes[n], &p->cred, 1);
	if (!err)
		fproc_chdir(p, n);
	r->w[0] = (uint64_t)(int64_t)err;
}

static void do_getcwd(struct freq *r)
{
	/* Removed: Linux's answer (and its parents may be gone). */
	if (!nodes[r->p->cwd].nlink) {
		r->w[0] = (uint64_t)-ENOENT;
		return;
	}
	long len = bootfs_path(r->p->cwd, (char *)inline_data(), FS_INLINE_MAX);
	if (len < 0) {
		r->w[0] = (uint64_t)-ENAMETOOLONG;
		return;
	}
	r->nwords = FS_DATA_WORD + (unsigned)((len + 1 + 7) / 8);
	r->w[0] = (uint64_t)len + 1;
}

void io_serve(struct freq *r)
{
	switch (r->label) {
	case FS_OPEN: do_open(r); break;
	case FS_CLOSE: r->w[0] = (uint64_t)(int64_t)fd_close(r->p, (int64_t)r->a[0]); break;
	case FS_READ: case FS_WRITE: case FS_PREAD: case FS_PWRITE: do_rw(r); break;
	case FS_LSEEK: do_lseek(r); break;
	case FS_FCNTL: do_fcntl(r); break;
	case FS_DUP3: do_dup3(r); break;
	case FS_FSTAT: case FS_STAT: do_stat(r); break;
	case FS_ACCESS: do_access(r); break;
	case FS_GETDENTS: do_getdents(r); break;
	case FS_CHDIR: case FS_FCHDIR: do_chdir(r); break;
	case FS_GETCWD: do_getcwd(r); break;
	case FS_PIPE: pipeio_pipe(r); break;
	case FS_IOCTL: tty_ioctl(r); break;
	case FS_POLL: poll_call(r); break;
	case FS_MKDIR: case FS_UNLINK: case FS_RENAME: case FS_TRUNCATE:
	case FS_FTRUNCATE: case FS_UMASK: case FS_CHMOD: case FS_FCHMOD:
	case FS_CHOWN: case FS_UTIMENS: case FS_FALLOCATE: case FS_MKNOD:
		nameio_serve(r);
		break;
	default: r->w[0] = (uint64_t)-ENOSYS;
	}
}
