/*
 * The tree fs serves: the boot image's files read-only at /, directories
 * synthesized from their paths (the image holds files only), /dev, and
 * the RAM file system's nodes at /tmp (ramfs.c). A static table of nodes
 * linked parent / first child / next sibling; a boot node's name points
 * into the image itself, a RAM node's into ramfs's names. Freed nodes
 * (RAM ones removed) are kept in a list and used again. The walker, one
 * for both file systems, resolves a path component by component with
 * POSIX's errors and search permission. Pure: no system calls,
 * host-tested (tests/unit/test_bootfs.c, test_ramfs.c).
 */
#include <errno.h>
#include <string.h>

#include "fs.h"

struct node nodes[NODE_MAX];
unsigned node_count;
uint16_t pipe_node = NODE_NONE;
static uint16_t free_nodes = NODE_NONE;   /* NODE_FREE ones, by sibling */

#define S_IFMT_  0170000u
#define S_IFDIR_ 0040000u
#define S_IFREG_ 0100000u
#define S_IFCHR_ 0020000u
#define S_IFIFO_ 0010000u

uint16_t node_alloc(uint16_t parent, const char *name, size_t len,
		    uint8_t kind, uint32_t mode)
{
	uint16_t i;

	if (free_nodes != NODE_NONE) {
		i = free_nodes;
		free_nodes = nodes[i].sibling;
	} else if (node_count < NODE_MAX) {
		i = (uint16_t)node_count++;
	} else {
		return NODE_NONE;
	}
	struct node *n = &nodes[i];

	memset(n, 0, sizeof(*n));
	n->name = name;
	n->namelen = (uint16_t)len;
	n->parent = parent;
	n->child = n->sibling = NODE_NONE;
	n->kind = kind;
	n->mode = mode;
	n->nlink = 1;
	n->blk = 0xffffu;
	if (parent != NODE_NONE) {
		/* Last among its siblings: a directory lists in image order. */
		uint16_t *l = &nodes[parent].child;
		while (*l != NODE_NONE)
			l = &nodes[*l].sibling;
		*l = i;
	}
	return i;
}

void node_detach(uint16_t n)
{
	uint16_t p = nodes[n].parent;

	if (p == NODE_NONE || p == n)
		return;
	for (uint16_t *l = &nodes[p].child; *l != NODE_NONE; l = &nodes[*l].sibling)
		if (*l == n) {
			*l = nodes[n].sibling;
			break;
		}
	nodes[n].sibling = NODE_NONE;
}

void node_free(uint16_t n)
{
	memset(&nodes[n], 0, sizeof(nodes[n]));
	nodes[n].kind = NODE_FREE;
	nodes[n].parent = nodes[n].child = NODE_NONE;
	nodes[n].sibling = free_nodes;
	free_nodes = n;
}

void bootfs_init(void)
{
	node_count = 0;
	free_nodes = NODE_NONE;
	node_alloc(NODE_NONE, "", 0, NODE_DIR, S_IFDIR_ | 0755);
	nodes[NODE_ROOT].parent = NODE_ROOT;
}

uint16_t node_lookup(uint16_t dir, const char *name, size_t len)
{
	for (uint16_t k = nodes[dir].child; k != NODE_NONE; k = nodes[k].sibling)
		if (nodes[k].namelen == len && !memcmp(nodes[k].name, name, len))
			return k;
	return NODE_NONE;
}

static bool dot_or_dotdot(const char *s, size_t n)
{
	return (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.');
}

int bootfs_add(const char *name, size_t len, uint32_t mode, uint32_t uid,
	       uint32_t gid, int64_t mtime, const void *data, uint64_t size)
{
	uint32_t type = mode & S_IFMT_;
	uint16_t cur = NODE_ROOT;
	size_t i = 0;

	if (len >= 2 && name[0] == '.' && name[1] == '/') {
		name += 2;
		len -= 2;
	}
	while (len && name[0] == '/') {
		name++;
		len--;
	}
	while (len && name[len - 1] == '/')
		len--;
	if (!len || (type != S_IFREG_ && type != S_IFDIR_))
		return -EINVAL;
	for (;;) {
		size_t s = i;
		while (i < len && name[i] != '/')
			i++;
		size_t n = i - s;
		if (!n || n > FS_NAME_MAX || dot_or_dotdot(name + s, n))
			return -EINVAL;
		bool last = i == len;
		uint16_t k = node_lookup(cur, name + s, n);
		if (mtime > nodes[cur].mtime)
			nodes[cur].mtime = mtime;   /* a directory: its newest */
		if (last) {
			if (k != NODE_NONE) {
				/* Only a synthesized directory may be named
				 * again, by the archive's own entry for it. */
				if (type != S_IFDIR_ || nodes[k].kind != NODE_DIR)
					return -EINVAL;
			} else {
				k = node_alloc(cur, name + s, n,
					     type == S_IFDIR_ ? NODE_DIR : NODE_FILE, mode);
				if (k == NODE_NONE)
					return -ENOMEM;
			}
			struct node *f = &nodes[k];
			f->mode = mode;
			f->uid = uid;
			f->gid = gid;
			if (mtime > f->mtime || type == S_IFREG_)
				f->mtime = mtime;
			if (type == S_IFREG_) {
				f->data = data;
				f->size = size;
			}
			return 0;
		}
		if (k == NODE_NONE)
			k = node_alloc(cur, name + s, n, NODE_DIR, S_IFDIR_ | 0755);
		if (k == NODE_NONE)
			return -ENOMEM;
		if (nodes[k].kind != NODE_DIR)
			return -EINVAL;     /* a path through a file */
		cur = k;
		i++;
	}
}

int bootfs_finish(void)
{
	static const struct { const char *name; uint8_t kind; uint32_t rdev; } dev[] = {
		{ "console", NODE_CONSOLE, FS_DEV_CONSOLE },
		{ "null", NODE_NULL, FS_DEV_NULL },
		{ "zero", NODE_ZERO, FS_DEV_ZERO },
	};
	uint16_t d = node_lookup(NODE_ROOT, "dev", 3);

	if (d == NODE_NONE)
		d = node_alloc(NODE_ROOT, "dev", 3, NODE_DIR, S_IFDIR_ | 0755);
	if (d == NODE_NONE)
		return -ENOMEM;
	if (nodes[d].kind != NODE_DIR)
		return -EINVAL;
	for (unsigned i = 0; i < sizeof(dev) / sizeof(dev[0]); i++) {
		size_t n = strlen(dev[i].name);
		if (node_lookup(d, dev[i].name, n) != NODE_NONE)
			continue;       /* the image's own wins */
		uint16_t k = node_alloc(d, dev[i].name, n, dev[i].kind, S_IFCHR_ | 0666);
		if (k == NODE_NONE)
			return -ENOMEM;
		nodes[k].rdev = dev[i].rdev;
	}
	pipe_node = node_alloc(NODE_NONE, "pipe", 4, NODE_PIPE, S_IFIFO_ | 0600);
	if (pipe_node == NODE_NONE)
		return -ENOMEM;
	nodes[pipe_node].parent = NODE_ROOT;
	/* A directory's links: its entry in its parent, its ".", and each
	 * subdirectory's "..". */
	for (unsigned i = 0; i < node_count; i++)
		if (nodes[i].kind == NODE_DIR)
			nodes[i].nlink = 2;
	for (unsigned i = 1; i < node_count; i++)
		if (nodes[i].kind == NODE_DIR)
			nodes[nodes[i].parent].nlink++;
	return 0;
}

bool cred_in_group(const struct fs_cred *c, uint32_t gid)
{
	if (c->gid == gid)
		return true;
	for (uint32_t i = 0; i < c->ngroups && i < 32; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

int bootfs_permit(const struct node *n, const struct fs_cred *c, unsigned mask)
{
	if (c->uid == 0) {
		/* Linux's DAC override: all but executing a file no one may
		 * execute. */
		if ((mask & 1) && n->kind != NODE_DIR && !(n->mode & 0111))
			return -EACCES;
		return 0;
	}
	unsigned bits = c->uid == n->uid ? (n->mode >> 6)
		      : cred_in_group(c, n->gid) ? (n->mode >> 3) : n->mode;
	return (bits & mask & 7) == (mask & 7) ? 0 : -EACCES;
}

int bootfs_walk(uint16_t start, const char *path, size_t len,
		const struct fs_cred *c, uint16_t *out)
{
	uint16_t cur = start;
	size_t i = 0;

	if (len >= FS_PATH_MAX)
		return -ENAMETOOLONG;
	if (!len)
		return -ENOENT;
	if (path[0] == '/')
		cur = NODE_ROOT;
	while (i < len) {
		while (i < len && path[i] == '/')
			i++;
		if (i == len)
			break;
		size_t s = i;
		while (i < len && path[i] != '/')
			i++;
		size_t n = i - s;
		if (nodes[cur].kind != NODE_DIR)
			return -ENOTDIR;
		int err = bootfs_permit(&nodes[cur], c, 1);
		if (err)
			return err;
		if (n > FS_NAME_MAX)
			return -ENAMETOOLONG;
		if (!nodes[cur].nlink)
			return -ENOENT;     /* a directory removed (a cwd) */
		if (n == 1 && path[s] == '.')
			continue;
		if (n == 2 && path[s] == '.' && path[s + 1] == '.') {
			cur = nodes[cur].parent;    /* the root's is itself */
			continue;
		}
		uint16_t k = node_lookup(cur, path + s, n);
		if (k == NODE_NONE)
			return -ENOENT;
		cur = k;
	}
	if (path[len - 1] == '/' && nodes[cur].kind != NODE_DIR)
		return -ENOTDIR;
	*out = cur;
	return 0;
}

int walk_parent(uint16_t start, const char *path, size_t len,
		const struct fs_cred *c, uint16_t *dir, const char **last,
		size_t *lastlen, bool *slash)
{
	size_t end = len, s;
	int err;

	if (len >= FS_PATH_MAX)
		return -ENAMETOOLONG;
	if (!len)
		return -ENOENT;
	while (end && path[end - 1] == '/')
		end--;
	*slash = end < len;
	for (s = end; s && path[s - 1] != '/'; s--)
		;
	*last = path + s;
	*lastlen = end - s;
	if (!s) {
		*dir = path[0] == '/' ? NODE_ROOT : start;
	} else if ((err = bootfs_walk(start, path, s, c, dir))) {
		return err;
	}
	if (nodes[*dir].kind != NODE_DIR)
		return -ENOTDIR;
	if ((err = bootfs_permit(&nodes[*dir], c, 1)))
		return err;
	return *lastlen > FS_NAME_MAX ? -ENAMETOOLONG : 0;
}

long bootfs_path(uint16_t n, char *buf, size_t size)
{
	size_t pos = size;

	if (!size)
		return -ERANGE;
	buf[--pos] = 0;
	if (n == NODE_ROOT) {
		if (pos < 1)
			return -ERANGE;
		buf[--pos] = '/';
	}
	for (; n != NODE_ROOT; n = nodes[n].parent) {
		size_t l = nodes[n].namelen;
		if (pos < l + 1)
			return -ERANGE;
		pos -= l;
		memcpy(buf + pos, nodes[n].name, l);
		buf[--pos] = '/';
	}
	size_t len = size - pos;        /* with the NUL */
	memmove(buf, buf + pos, len);
	return (long)len - 1;
}

uint16_t bootfs_dirent(uint16_t d, uint64_t i, const char **name, size_t *namelen)
{
	if (i == 0 || i == 1) {
		*name = "..";
		*namelen = i + 1;
		return i == 0 ? d : nodes[d].parent;
	}
	uint16_t k = nodes[d].child;
	for (uint64_t j = 2; k != NODE_NONE && j < i; j++)
		k = nodes[k].sibling;
	if (k != NODE_NONE) {
		*name = nodes[k].name;
		*namelen = nodes[k].namelen;
	}
	return k;
}
