/*
 * Owners, times and room of a node: POSIX's rules for chown, utimensat
 * and posix_fallocate, on nodes already found (nameio.c walks the paths
 * and reads the messages). Only /tmp's nodes change; the boot image's
 * and the devices are read-only (EROFS). Pure: host-tested
 * (tests/unit/test_ramfs.c).
 */
#include <errno.h>

#include "fs.h"

#define ID_KEEP   0xffffffffu    /* (uid_t)-1, (gid_t)-1: leave it */
#define S_IFMT_   0170000u
#define S_IFREG_  0100000u
#define SET_IDS   06000u         /* S_ISUID | S_ISGID */
#define FILE_MAX  (1ll << 62)    /* ramfs_write's EFBIG */

int node_chown(uint16_t n, uint32_t uid, uint32_t gid, const struct fs_cred *c)
{
	struct node *f = &nodes[n];

	if (!f->ram)
		return -EROFS;
	if (uid == ID_KEEP && gid == ID_KEEP)
		return 0;        /* nothing asked: POSIX lets the times be */
	/* _POSIX_CHOWN_RESTRICTED: only root gives a file away; the owner
	 * may name itself as owner again, and give the file to a group it
	 * is in (or keep the file's group). */
	if (c->uid) {
		if (c->uid != f->uid)
			return -EPERM;
		if (uid != ID_KEEP && uid != f->uid)
			return -EPERM;
		if (gid != ID_KEEP && gid != f->gid && !cred_in_group(c, gid))
			return -EPERM;
	}
	if (uid != ID_KEEP)
		f->uid = uid;
	if (gid != ID_KEEP)
		f->gid = gid;
	/* A program's set-id bits must not survive a change of hands made
	 * by anyone but root (POSIX leaves root's change to the system:
	 * root keeps them, as chmod would let it set them). */
	if (c->uid && (f->mode & S_IFMT_) == S_IFREG_)
		f->mode &= ~SET_IDS;
	node_touch(n, 4);
	return 0;
}

bool utime_ns_ok(int64_t ns)
{
	return (ns >= 0 && ns < 1000000000) || ns == FS_UTIME_NOW || ns == FS_UTIME_OMIT;
}

int node_utimens(uint16_t n, const int64_t t[4], const struct fs_cred *c)
{
	struct node *f = &nodes[n];
	bool now = t[1] == FS_UTIME_NOW && t[3] == FS_UTIME_NOW;

	if (!utime_ns_ok(t[1]) || !utime_ns_ok(t[3]))
		return -EINVAL;
	if (!f->ram)
		return -EROFS;
	if (t[1] == FS_UTIME_OMIT && t[3] == FS_UTIME_OMIT)
		return 0;
	/* Any time of one's choosing: the owner or root; "now" for both:
	 * anyone who may write the file too (touch on a shared file). */
	if (c->uid && c->uid != f->uid) {
		if (!now)
			return -EPERM;
		if (bootfs_permit(f, c, 2))
			return -EACCES;
	}
	int64_t ns = ramfs_clock ? ramfs_clock() : 0;
	int64_t s = ns / 1000000000;
	uint32_t sub = (uint32_t)(ns % 1000000000);
	for (int i = 0; i < 2; i++) {
		int64_t sec = t[2 * i], nsec = t[2 * i + 1];
		if (nsec == FS_UTIME_OMIT)
			continue;
		if (nsec == FS_UTIME_NOW) {
			sec = s;
			nsec = sub;
		}
		if (i == 0) {
			f->atime = sec;
			f->atime_ns = (uint32_t)nsec;
		} else {
			f->mtime = sec;
			f->mtime_ns = (uint32_t)nsec;
		}
	}
	f->ctime = s;             /* the clock read once: ctime == "now" */
	f->ctime_ns = sub;
	return 0;
}

int node_allocate(uint16_t n, int64_t off, int64_t len)
{
	const struct node *f = &nodes[n];

	if (off < 0 || len <= 0)
		return -EINVAL;
	if (f->kind == NODE_DIR)
		return -EISDIR;
	if (f->kind != NODE_FILE)
		return -ENODEV;
	if (!f->ram)
		return -EROFS;
	if (off > FILE_MAX || len > FILE_MAX - off)
		return -EFBIG;
	/* No sparse files here: every byte below the size has its block
	 * already, so only growth needs room (zeros, as truncate gives). */
	if ((uint64_t)(off + len) <= f->size)
		return 0;
	return ramfs_truncate(n, (uint64_t)(off + len));
}
