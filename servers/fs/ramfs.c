/*
 * The writable RAM file system at /tmp. Its files and directories are
 * nodes of bootfs.c's table (ram set), so one walker serves both file
 * systems; what is its own:
 *
 *   names   a slot of FS_NAME_MAX + 1 bytes per node (RAMFS_NODES)
 *   data    blocks of RAMFS_BLOCK bytes from one static pool of
 *           RAMFS_BLOCKS (the byte limit: ENOSPC), chained as a FAT is:
 *           next[b] is the block after b in its file, a file names its
 *           first (node.blk). Finding offset k walks k / RAMFS_BLOCK
 *           links, at most 1023: cheap next to an IPC.
 *
 * fs is a plain task without a pager: every page of the pool is present
 * from the start, and nothing here calls anyone. A node removed while a
 * description or a working directory holds it (holds) loses its name
 * and lives on until the last hold is gone. Pure: no system calls,
 * host-tested (tests/unit/test_ramfs.c).
 */
#include <errno.h>
#include <string.h>

#include "fs.h"

#define S_IFMT_   0170000u
#define S_IFDIR_  0040000u
#define S_IFREG_  0100000u
#define S_IFIFO_  0010000u
#define S_IFIFO_  0010000u
#define S_ISVTX_  01000u

uint16_t ramfs_root = NODE_NONE;
int64_t (*ramfs_clock)(void);

static uint8_t (*blocks)[RAMFS_BLOCK];  /* [RAMFS_BLOCKS], table_space */
static uint16_t next[RAMFS_BLOCKS];     /* the chain, and the free list */
static uint16_t free_blk;
static unsigned used_blk;

static char names[RAMFS_NODES][FS_NAME_MAX + 1];
static uint16_t free_name[RAMFS_NODES];  /* a stack of free slots */
static unsigned nfree_names;

void ramfs_init(void)
{
	if (!blocks)
		blocks = table_space(RAMFS_BYTES);
	for (unsigned i = 0; i < RAMFS_BLOCKS; i++)
		next[i] = i + 1 < RAMFS_BLOCKS ? (uint16_t)(i + 1) : RAMFS_NOBLK;
	free_blk = 0;
	used_blk = 0;
	for (unsigned i = 0; i < RAMFS_NODES; i++)
		free_name[i] = (uint16_t)(RAMFS_NODES - 1 - i);
	nfree_names = RAMFS_NODES;
	ramfs_root = NODE_NONE;
}

void node_touch(uint16_t n, unsigned which)
{
	int64_t ns = ramfs_clock ? ramfs_clock() : 0;
	int64_t s = ns / 1000000000;
	uint32_t sub = (uint32_t)(ns % 1000000000);
	struct node *f = &nodes[n];

	if (which & 1) {
		f->atime = s;
		f->atime_ns = sub;
	}
	if (which & 2) {
		f->mtime = s;
		f->mtime_ns = sub;
	}
	if (which & 4) {
		f->ctime = s;
		f->ctime_ns = sub;
	}
}

static unsigned name_slot(const struct node *f)
{
	return (unsigned)((size_t)(f->name - names[0]) / (FS_NAME_MAX + 1));
}

int ramfs_mount(void)
{
	if (node_lookup(NODE_ROOT, "tmp", 3) != NODE_NONE)
		return -EEXIST;
	uint16_t t = node_alloc(NODE_ROOT, "tmp", 3, NODE_DIR, S_IFDIR_ | S_ISVTX_ | 0777);
	if (t == NODE_NONE)
		return -ENOMEM;
	nodes[t].ram = 1;
	nodes[t].nlink = 2;
	nodes[NODE_ROOT].nlink++;
	node_touch(t, 7);
	ramfs_root = t;
	return 0;
}

/* ---- data blocks ---------------------------------------------------------- */

static void blocks_free(uint16_t b)
{
	while (b != RAMFS_NOBLK) {
		uint16_t nx = next[b];
		next[b] = free_blk;
		free_blk = b;
		used_blk--;
		b = nx;
	}
}

/* The block of file f holding offset off, growing the chain to reach it
 * when grow (new blocks zeroed). RAMFS_NOBLK: none (past the chain, or
 * no space when growing: what was added stays, the size says). */
static uint16_t block_at(struct node *f, uint64_t off, bool grow)
{
	uint64_t k = off / RAMFS_BLOCK;
	uint16_t *l = &f->blk;

	for (;;) {
		if (*l == RAMFS_NOBLK) {
			/* No memory to map a block never used: full. */
			if (!grow || free_blk == RAMFS_NOBLK ||
			    table_need(blocks[free_blk], RAMFS_BLOCK))
				return RAMFS_NOBLK;
			uint16_t b = free_blk;
			free_blk = next[b];
			next[b] = RAMFS_NOBLK;
			memset(blocks[b], 0, RAMFS_BLOCK);
			used_blk++;
			*l = b;
		}
		if (!k--)
			return *l;
		l = &next[*l];
	}
}

static uint64_t blocks_for(uint64_t size)
{
	return (size + RAMFS_BLOCK - 1) / RAMFS_BLOCK;
}

int ramfs_truncate(uint16_t n, uint64_t size)
{
	struct node *f = &nodes[n];
	uint64_t have = blocks_for(f->size), want = blocks_for(size);

	if (want > have && want - have > RAMFS_BLOCKS - used_blk)
		return -ENOSPC;
	if (size < f->size) {
		if (!want) {
			blocks_free(f->blk);
			f->blk = RAMFS_NOBLK;
		} else {
			uint16_t last = block_at(f, size - 1, false);
			blocks_free(next[last]);
			next[last] = RAMFS_NOBLK;
			/* What a later growth shows must read as zeros. */
			size_t in = (size_t)(size % RAMFS_BLOCK);
			if (in)
				memset(blocks[last] + in, 0, RAMFS_BLOCK - in);
		}
	} else if (size > f->size) {
		block_at(f, size - 1, true);   /* room: counted above */
	}
	f->size = size;
	node_touch(n, 6);
	return 0;
}

int64_t ramfs_read(uint16_t n, uint64_t off, void *buf, size_t len)
{
	struct node *f = &nodes[n];
	size_t done = 0;

	if (off >= f->size)
		return 0;
	if (len > f->size - off)
		len = (size_t)(f->size - off);
	while (done < len) {
		uint16_t b = block_at(f, off + done, false);
		size_t in = (size_t)((off + done) % RAMFS_BLOCK);
		size_t k = RAMFS_BLOCK - in < len - done ? RAMFS_BLOCK - in : len - done;
		memcpy((uint8_t *)buf + done, blocks[b] + in, k);
		done += k;
	}
	node_touch(n, 1);
	return (int64_t)done;
}

int64_t ramfs_write(uint16_t n, uint64_t off, const void *buf, size_t len)
{
	struct node *f = &nodes[n];
	size_t done = 0;

	if (off > (1ull << 62) || len > (1ull << 62) - off)
		return -EFBIG;
	if (!len)
		return 0;
	if (off > f->size) {
		/* A gap: zeros (blocks are zeroed when added and cut). Room
		 * for it and the first byte, or nothing is changed: a file's
		 * chain is always blocks_for(size) long. */
		if (blocks_for(off + 1) - blocks_for(f->size) > RAMFS_BLOCKS - used_blk)
			return -ENOSPC;
		block_at(f, off - 1, true);
		f->size = off;
	}
	while (done < len) {
		uint16_t b = block_at(f, off + done, true);
		if (b == RAMFS_NOBLK)
			break;
		size_t in = (size_t)((off + done) % RAMFS_BLOCK);
		size_t k = RAMFS_BLOCK - in < len - done ? RAMFS_BLOCK - in : len - done;
		memcpy(blocks[b] + in, (const uint8_t *)buf + done, k);
		done += k;
	}
	if (off + done > f->size)
		f->size = off + done;
	if (!done)
		return -ENOSPC;
	node_touch(n, 6);
	return (int64_t)done;
}

/* ---- nodes and names ------------------------------------------------------ */

static bool dot_or_dotdot(const char *s, size_t n)
{
	return (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.');
}

static bool in_ram(uint16_t dir)
{
	return nodes[dir].ram && nodes[dir].kind == NODE_DIR;
}

/* Write and search permission on dir for c. */
static int may_change(uint16_t dir, const struct fs_cred *c)
{
	return bootfs_permit(&nodes[dir], c, 3);
}

/* The sticky bit: only the owner of the entry or of dir, or root. */
static int sticky_ok(uint16_t dir, uint16_t k, const struct fs_cred *c)
{
	if (!(nodes[dir].mode & S_ISVTX_) || !c->uid || c->uid == nodes[k].uid ||
	    c->uid == nodes[dir].uid)
		return 0;
	return -EACCES;
}

int ramfs_create(uint16_t dir, const char *name, size_t len, uint32_t mode,
		 const struct fs_cred *c, uint16_t *out)
{
	uint32_t type = mode & S_IFMT_;
	uint16_t k;
	int err;

	if (nodes[dir].kind != NODE_DIR)
		return -ENOTDIR;
	if (!len || dot_or_dotdot(name, len))
		return -EEXIST;
	if (len > FS_NAME_MAX)
		return -ENAMETOOLONG;
	if (type != S_IFREG_ && type != S_IFDIR_ && type != S_IFIFO_)
		return -EINVAL;
	if (!nodes[dir].nlink)
		return -ENOENT;
	if ((k = node_lookup(dir, name, len)) != NODE_NONE) {
		*out = k;
		return -EEXIST;
	}
	if (!in_ram(dir))
		return -EROFS;
	if ((err = may_change(dir, c)))
		return err;
	if (!nfree_names)
		return -ENOSPC;
	unsigned slot = free_name[nfree_names - 1];
	memcpy(names[slot], name, len);
	names[slot][len] = 0;
	k = node_alloc(dir, names[slot], len,
		       type == S_IFDIR_ ? NODE_DIR : type == S_IFIFO_ ? NODE_FIFO : NODE_FILE,
		       type | (mode & 07777));
	if (k == NODE_NONE)
		return -ENOSPC;
	nfree_names--;
	struct node *f = &nodes[k];
	f->ram = 1;
	f->uid = c->uid;
	/* A directory's set-group-id bit gives its group and the bit on. */
	if (nodes[dir].mode & 02000) {
		f->gid = nodes[dir].gid;
		if (type == S_IFDIR_)
			f->mode |= 02000;
	} else {
		f->gid = c->gid;
	}
	f->blk = RAMFS_NOBLK;
	if (type == S_IFDIR_) {
		f->nlink = 2;
		nodes[dir].nlink++;
	}
	node_touch(k, 7);
	node_touch(dir, 6);
	*out = k;
	return 0;
}

/* Free n, its name and its blocks: unlinked and no longer held. */
static void ram_free(uint16_t n)
{
	struct node *f = &nodes[n];

	blocks_free(f->blk);
	free_name[nfree_names++] = (uint16_t)name_slot(f);
	node_free(n);
}

void node_hold(uint16_t n)
{
	nodes[n].holds++;
}

void node_release(uint16_t n)
{
	struct node *f = &nodes[n];

	if (f->holds && !--f->holds && f->ram && !f->nlink)
		ram_free(n);
}

/* k taken out of directory dir: its link gone (a directory's "." and
 * its ".." in dir too); freed unless held. */
static void unlink_node(uint16_t dir, uint16_t k)
{
	struct node *f = &nodes[k];

	node_detach(k);
	if (f->kind == NODE_DIR) {
		nodes[dir].nlink--;
		f->nlink = 0;
	} else {
		f->nlink--;
	}
	node_touch(k, 4);
	node_touch(dir, 6);
	if (!f->nlink && !f->holds)
		ram_free(k);
}

static bool dir_empty(uint16_t d)
{
	return nodes[d].child == NODE_NONE;
}

int ramfs_remove(uint16_t dir, const char *name, size_t len, bool rmdir,
		 const struct fs_cred *c)
{
	uint16_t k;
	int err;

	if (nodes[dir].kind != NODE_DIR)
		return -ENOTDIR;
	if (rmdir && len == 1 && name[0] == '.')
		return -EINVAL;
	if (rmdir && len == 2 && name[0] == '.' && name[1] == '.')
		return -ENOTEMPTY;
	if (!len || dot_or_dotdot(name, len))
		return rmdir ? -EBUSY : -EISDIR;
	if (len > FS_NAME_MAX)
		return -ENAMETOOLONG;
	if ((k = node_lookup(dir, name, len)) == NODE_NONE)
		return -ENOENT;
	if (k == ramfs_root)
		return -EBUSY;
	if (!in_ram(dir))
		return -EROFS;
	if ((err = may_change(dir, c)) || (err = sticky_ok(dir, k, c)))
		return err;
	if (rmdir && nodes[k].kind != NODE_DIR)
		return -ENOTDIR;
	if (!rmdir && nodes[k].kind == NODE_DIR)
		return -EISDIR;
	if (rmdir && !dir_empty(k))
		return -ENOTEMPTY;
	unlink_node(dir, k);
	return 0;
}

/* Is a at or below directory d? */
static bool below(uint16_t a, uint16_t d)
{
	for (;;) {
		if (a == d)
			return true;
		if (a == NODE_ROOT || nodes[a].parent == NODE_NONE)
			return false;
		a = nodes[a].parent;
	}
}

int ramfs_rename(uint16_t od, const char *on, size_t ol, uint16_t nd,
		 const char *nn, size_t nl, const struct fs_cred *c)
{
	uint16_t k, t;
	int err;

	if (nodes[od].kind != NODE_DIR || nodes[nd].kind != NODE_DIR)
		return -ENOTDIR;
	if (ol > FS_NAME_MAX || nl > FS_NAME_MAX)
		return -ENAMETOOLONG;
	if (!ol || !nl || dot_or_dotdot(on, ol) || dot_or_dotdot(nn, nl))
		return -EINVAL;            /* Linux: EBUSY for "." too; EINVAL */
	if ((k = node_lookup(od, on, ol)) == NODE_NONE)
		return -ENOENT;
	if (!nodes[nd].nlink)
		return -ENOENT;
	if (k == ramfs_root)
		return -EBUSY;             /* the mount point */
	if (in_ram(od) != in_ram(nd))
		return -EXDEV;
	if (!in_ram(od))
		return -EROFS;
	t = node_lookup(nd, nn, nl);
	if (t == k)
		return 0;                  /* the same file: nothing to do */
	if ((err = may_change(od, c)) || (err = may_change(nd, c)) ||
	    (err = sticky_ok(od, k, c)) ||
	    (t != NODE_NONE && (err = sticky_ok(nd, t, c))))
		return err;
	bool isdir = nodes[k].kind == NODE_DIR;
	if (isdir && below(nd, k))
		return -EINVAL;            /* into itself or below it */
	if (t != NODE_NONE) {
		if (t == ramfs_root)
			return -EBUSY;
		if (isdir && nodes[t].kind != NODE_DIR)
			return -ENOTDIR;
		if (!isdir && nodes[t].kind == NODE_DIR)
			return -EISDIR;
		if (isdir && !dir_empty(t))
			return -ENOTEMPTY;
	}
	/* A directory moved needs write permission on itself: its ".."
	 * changes (Linux, POSIX allows it). */
	if (isdir && od != nd && (err = bootfs_permit(&nodes[k], c, 2)))
		return err;
	/* The new name first: after the replaced one goes, no failure. */
	unsigned slot = name_slot(&nodes[k]);
	if (t != NODE_NONE)
		unlink_node(nd, t);
	node_detach(k);
	memcpy(names[slot], nn, nl);
	names[slot][nl] = 0;
	nodes[k].namelen = (uint16_t)nl;
	nodes[k].parent = nd;
	uint16_t *l = &nodes[nd].child;
	while (*l != NODE_NONE)
		l = &nodes[*l].sibling;
	*l = k;
	if (isdir && od != nd) {
		nodes[od].nlink--;
		nodes[nd].nlink++;
	}
	node_touch(k, 4);
	node_touch(od, 6);
	node_touch(nd, 6);
	return 0;
}

uint64_t ramfs_used_bytes(void)
{
	return (uint64_t)used_blk * RAMFS_BLOCK;
}

unsigned ramfs_used_nodes(void)
{
	return RAMFS_NODES - nfree_names;
}
