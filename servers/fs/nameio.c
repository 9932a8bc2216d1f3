/*
 * The calls that change names and attributes (proto/fs.h): mkdir, mknod,
 * unlink and rmdir, rename, truncate and ftruncate, chmod and fchmod,
 * umask, chown, utimensat, posix_fallocate (their rules: attr.c). Each walks its path(s) with the one walker (walk_parent: all but
 * the last component) and leaves the change to ramfs.c: only /tmp is
 * writable, the boot image answers EROFS.
 */
#include <errno.h>
#include <fcntl.h>
#include <pith/syscall.h>
#include <string.h>

#include "fs.h"

#define S_IFREG_ 0100000u
#define S_IFDIR_ 0040000u
#define S_IFMT_  0170000u
#define S_IFIFO_ 0010000u
#define S_IFCHR_ 0020000u
#define S_IFBLK_ 0060000u
#define S_IFSOCK_ 0140000u

static char old_path[FS_PATH_MAX], new_path[FS_PATH_MAX];

/* A path argument: fetched into buf, walked to its parent. */
struct where {
	uint16_t dir;
	const char *last;
	size_t len;
	bool slash;
};

static int parent_of(struct fproc *p, uint64_t uaddr, uint64_t len,
		     int32_t dirfd, char *buf, struct where *w)
{
	uint16_t start;
	int err;

	if ((err = get_path(p, uaddr, len, buf)) ||
	    (err = start_dir(p, dirfd, buf, &start)))
		return err;
	return walk_parent(start, buf, len, &p->cred, &w->dir, &w->last,
			   &w->len, &w->slash);
}

/* The node a path names (the whole walk). */
static int node_of(struct fproc *p, uint64_t uaddr, uint64_t len,
		   int32_t dirfd, uint16_t *out)
{
	uint16_t start;
	int err;

	if ((err = get_path(p, uaddr, len, old_path)) ||
	    (err = start_dir(p, dirfd, old_path, &start)))
		return err;
	return bootfs_walk(start, old_path, len, &p->cred, out);
}

static int do_mkdir(struct fproc *p, uint64_t *a)
{
	struct where w;
	uint16_t n;
	int err = parent_of(p, a[0], a[1], (int32_t)(a[2] >> 32), old_path, &w);

	if (err)
		return err;
	return ramfs_create(w.dir, w.last, w.len,
			    S_IFDIR_ | ((uint32_t)a[2] & 07777 & ~p->umask), &p->cred, &n);
}

/* mknodat: a FIFO or an empty file; the checks in Linux's order (the
 * type before the path). */
static int do_mknod(struct fproc *p, uint64_t *a)
{
	uint32_t mode = (uint32_t)a[2], type = mode & S_IFMT_;
	struct where w;
	uint16_t n;
	int err;

	if (type == 0)
		type = S_IFREG_;
	if (type == S_IFDIR_ || type == S_IFCHR_ || type == S_IFBLK_ ||
	    type == S_IFSOCK_)
		return -EPERM;
	if (type != S_IFIFO_ && type != S_IFREG_)
		return -EINVAL;
	if ((err = parent_of(p, a[0], a[1], (int32_t)(a[2] >> 32), old_path, &w)))
		return err;
	if (w.slash) {
		/* "name/": Linux's EEXIST for an existing one, else ENOENT. */
		return w.len && node_lookup(w.dir, w.last, w.len) != NODE_NONE
		       ? -EEXIST : -ENOENT;
	}
	return ramfs_create(w.dir, w.last, w.len, type | (mode & 07777 & ~p->umask),
			    &p->cred, &n);
}

static int do_unlink(struct fproc *p, uint64_t *a)
{
	uint32_t flags = (uint32_t)a[2];
	bool rmdir = flags & AT_REMOVEDIR;
	struct where w;
	int err;

	if (flags & ~(uint32_t)AT_REMOVEDIR)
		return -EINVAL;
	if ((err = parent_of(p, a[0], a[1], (int32_t)(a[2] >> 32), old_path, &w)))
		return err;
	if (!w.len)
		return rmdir ? -EBUSY : -EISDIR;      /* "/" */
	if (w.slash && !rmdir) {
		/* "name/": a directory (EISDIR) or nothing to unlink. */
		uint16_t k = node_lookup(w.dir, w.last, w.len);
		if (k != NODE_NONE)
			return nodes[k].kind == NODE_DIR ? -EISDIR : -ENOTDIR;
	}
	return ramfs_remove(w.dir, w.last, w.len, rmdir, &p->cred);
}

static int do_rename(struct freq *r)
{
	struct fproc *p = r->p;
	struct where o, n;
	int err;

	if (MSG_LEN(r->info) < 5)
		return -EINVAL;
	uint64_t naddr = fs_ib->mr[3], nlen = fs_ib->mr[4];
	if ((err = parent_of(p, r->a[0], r->a[1], (int32_t)r->a[2], old_path, &o)) ||
	    (err = parent_of(p, naddr, nlen, (int32_t)(r->a[2] >> 32), new_path, &n)))
		return err;
	if (!o.len || !n.len)
		return -EBUSY;                        /* "/" */
	if (o.slash || n.slash) {
		/* A '/' after either name: a directory is moved. */
		uint16_t k = o.len <= FS_NAME_MAX ? node_lookup(o.dir, o.last, o.len)
						  : NODE_NONE;
		if (k != NODE_NONE && nodes[k].kind != NODE_DIR)
			return -ENOTDIR;
	}
	return ramfs_rename(o.dir, o.last, o.len, n.dir, n.last, n.len, &p->cred);
}

/* truncate's checks on node n (ftruncate's are the description's). */
static int trunc_node(uint16_t n, int64_t len)
{
	const struct node *f = &nodes[n];

	if (len < 0)
		return -EINVAL;
	if (f->kind == NODE_DIR)
		return -EISDIR;
	if (f->kind != NODE_FILE)
		return -EINVAL;
	if (!f->ram)
		return -EROFS;
	return ramfs_truncate(n, (uint64_t)len);
}

static int do_truncate(struct freq *r)
{
	struct fproc *p = r->p;
	uint16_t n;
	int err;

	if (r->label == FS_FTRUNCATE) {
		struct ofile *o = fd_get(p, (int64_t)r->a[0]);
		if (!o)
			return -EBADF;
		if ((o->flags & O_ACCMODE) == O_RDONLY || o->pipe)
			return -EINVAL;       /* not open for writing */
		return trunc_node(o->node, (int64_t)r->a[1]);
	}
	if ((err = node_of(p, r->a[0], r->a[1], AT_FDCWD, &n)))
		return err;
	if (nodes[n].kind == NODE_FILE && nodes[n].ram &&
	    (err = bootfs_permit(&nodes[n], &p->cred, 2)))
		return err;
	return trunc_node(n, (int64_t)r->a[2]);
}

static int chmod_node(const struct fproc *p, uint16_t n, uint32_t mode)
{
	struct node *f = &nodes[n];
	const struct fs_cred *c = &p->cred;

	mode &= 07777u;
	if (!f->ram)
		return -EROFS;
	if (c->uid && c->uid != f->uid)
		return -EPERM;
	/* Not in the file's group: its set-group-id bit is not for you. */
	if (c->uid && f->kind != NODE_DIR && !cred_in_group(c, f->gid))
		mode &= ~02000u;
	f->mode = (f->mode & ~07777u) | mode;
	node_touch(n, 4);
	return 0;
}

static int do_chmod(struct freq *r)
{
	struct fproc *p = r->p;
	uint16_t n;
	int err;

	if (r->label == FS_FCHMOD) {
		struct ofile *o = fd_get(p, (int64_t)r->a[0]);
		if (!o)
			return -EBADF;
		if (nodes[o->node].kind == NODE_PIPE)
			return -EINVAL;      /* a FIFO's is its node's */
		return chmod_node(p, o->node, (uint32_t)r->a[1]);
	}
	if ((err = node_of(p, r->a[0], r->a[1], (int32_t)(r->a[2] >> 32), &n)))
		return err;
	return chmod_node(p, n, (uint32_t)r->a[2]);
}

/* The node of an *at call's (path, len, flags | dirfd << 32) with
 * AT_SYMLINK_NOFOLLOW (no links: nothing to do) and AT_EMPTY_PATH (len
 * 0: dirfd itself, any descriptor; *pipe says whether a pipe's). */
static int node_at(struct fproc *p, const uint64_t *a, uint16_t *out, bool *pipe)
{
	uint32_t flags = (uint32_t)a[2];
	int32_t dirfd = (int32_t)(a[2] >> 32);

	*pipe = false;
	if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (a[1] || !(flags & AT_EMPTY_PATH))
		return node_of(p, a[0], a[1], dirfd, out);
	if (dirfd == AT_FDCWD) {
		*out = p->cwd;
		return 0;
	}
	struct ofile *o = fd_get(p, dirfd);
	if (!o)
		return -EBADF;
	*out = o->node;
	*pipe = nodes[o->node].kind == NODE_PIPE;   /* not a FIFO's */
	return 0;
}

/* chown, fchown, lchown, fchownat. */
static int do_chown(struct freq *r)
{
	uint16_t n;
	bool pipe;
	int err;

	if (MSG_LEN(r->info) < 4)
		return -EINVAL;
	uint64_t ids = fs_ib->mr[3];
	if ((err = node_at(r->p, r->a, &n, &pipe)))
		return err;
	if (pipe)
		return -EINVAL;      /* POSIX lets fchown refuse a pipe */
	return node_chown(n, (uint32_t)ids, (uint32_t)(ids >> 32), &r->p->cred);
}

/* utimensat, futimens (utimes is libc's on utimensat). */
static int do_utimens(struct freq *r)
{
	int64_t t[4];
	uint16_t n;
	bool pipe;
	int err;

	if (MSG_LEN(r->info) < 7)
		return -EINVAL;
	memcpy(t, &fs_ib->mr[3], sizeof(t));
	if (!utime_ns_ok(t[1]) || !utime_ns_ok(t[3]))
		return -EINVAL;      /* before the path, as Linux */
	if ((err = node_at(r->p, r->a, &n, &pipe)))
		return err;
	if (pipe)
		return -EINVAL;      /* all pipes share one node: no times of their own */
	return node_utimens(n, t, &r->p->cred);
}

/* posix_fallocate: the checks in Linux's order. */
static int do_fallocate(struct freq *r)
{
	struct ofile *o = fd_get(r->p, (int64_t)r->a[0]);
	int64_t off = (int64_t)r->a[1], len = (int64_t)r->a[2];

	if (!o)
		return -EBADF;
	if (off < 0 || len <= 0)
		return -EINVAL;
	if ((o->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;       /* not open for writing */
	if (o->pipe)
		return -ESPIPE;
	return node_allocate(o->node, off, len);
}

void nameio_serve(struct freq *r)
{
	int64_t res;

	switch (r->label) {
	case FS_MKDIR: res = do_mkdir(r->p, r->a); break;
	case FS_UNLINK: res = do_unlink(r->p, r->a); break;
	case FS_RENAME: res = do_rename(r); break;
	case FS_TRUNCATE: case FS_FTRUNCATE: res = do_truncate(r); break;
	case FS_CHMOD: case FS_FCHMOD: res = do_chmod(r); break;
	case FS_CHOWN: res = do_chown(r); break;
	case FS_UTIMENS: res = do_utimens(r); break;
	case FS_FALLOCATE: res = do_fallocate(r); break;
	case FS_MKNOD: res = do_mknod(r->p, r->a); break;
	case FS_UMASK:
		res = r->p->umask;
		r->p->umask = (uint32_t)r->a[0] & 0777;
		break;
	default: res = -ENOSYS;
	}
	r->w[0] = (uint64_t)res;
}
