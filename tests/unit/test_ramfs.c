/*
 * fs's RAM file system (servers/fs/ramfs.c) and the walker it shares
 * with the boot image (bootfs.c): /tmp mounted in a small tree; create,
 * read, write (growing, gaps, short at ENOSPC), truncate, remove with
 * rmdir's rules, rename's replace rules and errors, the byte and node
 * limits and recovery, malformed names, the sticky bit and permission,
 * nodes unlinked while held, and walk_parent's view of a path; attr.c's
 * rules for chown, utimensat and posix_fallocate; FIFO nodes and their
 * pipes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "fs.h"
#include "fs_walk.h"
#include "lazy_tables.h"

static const struct fs_cred user = { .uid = 1000, .gid = 100, .ruid = 1000,
				     .rgid = 100 };
static const struct fs_cred other = { .uid = 2000, .gid = 200, .ruid = 2000,
				      .rgid = 200 };
static int64_t fake_ns;

static int64_t fake_clock(void)
{
	return fake_ns += 1500000000;   /* 1.5 s a reading */
}

static bool exists(const char *path)
{
	uint16_t n;

	return walk(path, &root, &n) == 0;
}

static int mk(uint16_t dir, const char *name, uint32_t mode, const struct fs_cred *c)
{
	uint16_t n;

	return ramfs_create(dir, name, strlen(name), mode, c, &n);
}

static int rm(uint16_t dir, const char *name, bool rmdir, const struct fs_cred *c)
{
	return ramfs_remove(dir, name, strlen(name), rmdir, c);
}

static int mv(uint16_t od, const char *on, uint16_t nd, const char *nn)
{
	return ramfs_rename(od, on, strlen(on), nd, nn, strlen(nn), &root);
}

static void setup(void)
{
	bootfs_init();
	ramfs_init();
	ramfs_clock = fake_clock;
	CHECK_EQ(bootfs_add("etc/passwd", 10, 0100644, 0, 0, 5, "root", 4), 0);
	CHECK_EQ(bootfs_finish(), 0);
	CHECK_EQ(ramfs_mount(), 0);
	CHECK_EQ(ramfs_mount(), -EEXIST);
}

static void test_mount_and_walk(void)
{
	setup();
	uint16_t t = must("/tmp");
	CHECK_EQ(t, ramfs_root);
	CHECK_EQ(nodes[t].mode, 041777);
	CHECK_EQ(nodes[t].nlink, 2);
	CHECK_EQ(nodes[NODE_ROOT].nlink, 2 + 3);      /* etc dev tmp */
	CHECK(nodes[t].ram && !nodes[must("/etc")].ram);
	CHECK_EQ(must("/tmp/.."), NODE_ROOT);

	/* walk_parent: the directory and the last name, slashes noted. */
	uint16_t d;
	const char *last;
	size_t len;
	bool slash;
	CHECK_EQ(walk_parent(NODE_ROOT, "/tmp/a", 6, &root, &d, &last, &len, &slash), 0);
	CHECK(d == t && len == 1 && last[0] == 'a' && !slash);
	CHECK_EQ(walk_parent(NODE_ROOT, "//tmp//b//", 10, &root, &d, &last, &len, &slash), 0);
	CHECK(d == t && len == 1 && last[0] == 'b' && slash);
	CHECK_EQ(walk_parent(t, "c", 1, &root, &d, &last, &len, &slash), 0);
	CHECK(d == t && len == 1);
	CHECK_EQ(walk_parent(t, "/", 1, &root, &d, &last, &len, &slash), 0);
	CHECK(d == NODE_ROOT && len == 0 && slash);
	CHECK_EQ(walk_parent(t, "../etc/x", 8, &root, &d, &last, &len, &slash), 0);
	CHECK(d == must("/etc"));
	CHECK_EQ(walk_parent(t, "/etc/passwd/x", 13, &root, &d, &last, &len, &slash),
		 -ENOTDIR);
	CHECK_EQ(walk_parent(t, "/nope/x", 7, &root, &d, &last, &len, &slash), -ENOENT);
	CHECK_EQ(walk_parent(t, "", 0, &root, &d, &last, &len, &slash), -ENOENT);
	static char longpath[FS_PATH_MAX + 1];
	memset(longpath, 'a', sizeof(longpath));
	longpath[0] = '/';
	CHECK_EQ(walk_parent(t, longpath, FS_PATH_MAX, &root, &d, &last, &len, &slash),
		 -ENAMETOOLONG);
	memcpy(longpath, "/tmp/", 5);
	CHECK_EQ(walk_parent(t, longpath, 5 + 256, &root, &d, &last, &len, &slash),
		 -ENAMETOOLONG);
	CHECK_EQ(walk_parent(t, longpath, 5 + 255, &root, &d, &last, &len, &slash), 0);
}

static void test_files(void)
{
	setup();
	uint16_t t = ramfs_root, f;
	uint8_t buf[5000], back[5000];

	CHECK_EQ(ramfs_create(t, "f", 1, 0100644, &user, &f), 0);
	CHECK_EQ(nodes[f].uid, 1000);
	CHECK_EQ(nodes[f].gid, 100);
	CHECK_EQ(nodes[f].mode, 0100644);
	CHECK_EQ(nodes[f].nlink, 1);
	CHECK(nodes[f].mtime > 0 && nodes[f].ctime == nodes[f].mtime);
	CHECK_EQ(f, must("/tmp/f"));
	uint16_t again;
	CHECK_EQ(ramfs_create(t, "f", 1, 0100644, &user, &again), -EEXIST);
	CHECK_EQ(again, f);
	CHECK_EQ(ramfs_used_nodes(), 1);

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 13 + 1);
	int64_t m0 = nodes[f].mtime;
	CHECK_EQ(ramfs_write(f, 0, buf, sizeof(buf)), (int64_t)sizeof(buf));
	CHECK_EQ(nodes[f].size, sizeof(buf));
	CHECK(nodes[f].mtime > m0);
	CHECK_EQ(ramfs_used_bytes(), 5 * RAMFS_BLOCK);
	CHECK_EQ(ramfs_read(f, 0, back, sizeof(back)), (int64_t)sizeof(back));
	CHECK(!memcmp(buf, back, sizeof(buf)));
	CHECK_EQ(ramfs_read(f, 1020, back, 10), 10);     /* across blocks */
	CHECK(!memcmp(back, buf + 1020, 10));
	CHECK_EQ(ramfs_read(f, 4990, back, 100), 10);    /* to the end */
	CHECK_EQ(ramfs_read(f, 5000, back, 100), 0);
	CHECK_EQ(ramfs_read(f, 99999, back, 100), 0);
	/* A gap reads as zeros; so does a file cut and grown again. */
	CHECK_EQ(ramfs_write(f, 8000, "x", 1), 1);
	CHECK_EQ(nodes[f].size, 8001);
	CHECK_EQ(ramfs_read(f, 5000, back, 3000), 3000);
	for (int i = 0; i < 3000; i++)
		CHECK_EQ(back[i], 0);
	CHECK_EQ(ramfs_truncate(f, 100), 0);
	CHECK_EQ(ramfs_used_bytes(), RAMFS_BLOCK);
	CHECK_EQ(ramfs_truncate(f, 3000), 0);
	CHECK_EQ(ramfs_read(f, 0, back, 3000), 3000);
	CHECK(!memcmp(back, buf, 100));
	for (int i = 100; i < 3000; i++)
		CHECK_EQ(back[i], 0);
	CHECK_EQ(ramfs_truncate(f, 0), 0);
	CHECK_EQ(ramfs_used_bytes(), 0);
	CHECK_EQ(ramfs_write(f, 1ull << 62, "x", 1), -EFBIG);

	CHECK_EQ(rm(t, "f", false, &user), 0);
	CHECK(!exists("/tmp/f"));
	CHECK_EQ(ramfs_used_nodes(), 0);
	CHECK_EQ(rm(t, "f", false, &user), -ENOENT);
}

static void test_limits(void)
{
	setup();
	uint16_t t = ramfs_root, a, b;
	static uint8_t chunk[RAMFS_BYTES];

	CHECK_EQ(ramfs_create(t, "a", 1, 0100600, &root, &a), 0);
	CHECK_EQ(ramfs_create(t, "b", 1, 0100600, &root, &b), 0);
	/* A gap that cannot fit changes nothing. */
	CHECK_EQ(ramfs_write(a, 2 * RAMFS_BYTES, "x", 1), -ENOSPC);
	CHECK_EQ(ramfs_write(a, 1ull << 40, "x", 1), -ENOSPC);
	CHECK_EQ(nodes[a].size, 0);
	CHECK_EQ(ramfs_used_bytes(), 0);
	CHECK_EQ(ramfs_write(a, RAMFS_BYTES - 1, "x", 1), 1);   /* just fits */
	CHECK_EQ(ramfs_used_bytes(), RAMFS_BYTES);
	CHECK_EQ(ramfs_truncate(a, 0), 0);
	/* Short at the limit, then ENOSPC; truncate cannot grow either. */
	CHECK_EQ(ramfs_write(a, 0, chunk, RAMFS_BYTES - 100), RAMFS_BYTES - 100);
	CHECK_EQ(ramfs_write(a, RAMFS_BYTES - 100, chunk, 1000), 100);
	CHECK_EQ(ramfs_write(b, 0, chunk, 1), -ENOSPC);
	CHECK_EQ(ramfs_write(b, 5000, chunk, 1), -ENOSPC);
	CHECK_EQ(nodes[b].size, 0);
	CHECK_EQ(ramfs_truncate(b, 1), -ENOSPC);
	CHECK_EQ(nodes[b].size, 0);
	CHECK_EQ(ramfs_used_bytes(), RAMFS_BYTES);
	/* Recovery: a file removed gives its blocks back. */
	CHECK_EQ(rm(t, "a", false, &root), 0);
	CHECK_EQ(ramfs_used_bytes(), 0);
	CHECK_EQ(ramfs_write(b, 0, chunk, RAMFS_BYTES), RAMFS_BYTES);
	CHECK_EQ(rm(t, "b", false, &root), 0);

	/* The node limit. */
	char name[16];
	int made = 0;
	for (;;) {
		snprintf(name, sizeof(name), "n%d", made);
		int err = mk(t, name, 0100644, &root);
		if (err) {
			CHECK_EQ(err, -ENOSPC);
			break;
		}
		made++;
	}
	CHECK_EQ(made, RAMFS_NODES);
	CHECK_EQ(mk(t, "dir", 040755, &root), -ENOSPC);
	CHECK_EQ(mk(t, "fifo", 010644, &root), -ENOSPC);
	for (int i = 0; i < made; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		CHECK_EQ(rm(t, name, false, &root), 0);
	}
	CHECK_EQ(ramfs_used_nodes(), 0);
	CHECK_EQ(mk(t, "dir", 040755, &root), 0);
}

static void test_names_and_dirs(void)
{
	setup();
	uint16_t t = ramfs_root, d, e, etc = must("/etc");
	char longname[300];

	/* Malformed names. */
	CHECK_EQ(mk(t, "", 0100644, &root), -EEXIST);
	CHECK_EQ(mk(t, ".", 040755, &root), -EEXIST);
	CHECK_EQ(mk(t, "..", 040755, &root), -EEXIST);
	memset(longname, 'x', 256);
	longname[256] = 0;
	CHECK_EQ(mk(t, longname, 0100644, &root), -ENAMETOOLONG);
	longname[255] = 0;
	CHECK_EQ(mk(t, longname, 0100644, &root), 0);
	CHECK_EQ(rm(t, longname, false, &root), 0);
	CHECK_EQ(mk(t, "sock", 0140644, &root), -EINVAL);   /* only files, dirs */
	CHECK_EQ(mk(must("/etc/passwd"), "x", 0100644, &root), -ENOTDIR);
	/* The image: EROFS for what is not there, EEXIST for what is. */
	CHECK_EQ(mk(etc, "new", 0100644, &root), -EROFS);
	CHECK_EQ(mk(etc, "passwd", 0100644, &root), -EEXIST);
	CHECK_EQ(rm(etc, "passwd", false, &root), -EROFS);
	CHECK_EQ(rm(NODE_ROOT, "tmp", true, &root), -EBUSY);

	/* Directories and their link counts. */
	CHECK_EQ(ramfs_create(t, "d", 1, 040755, &root, &d), 0);
	CHECK_EQ(nodes[d].nlink, 2);
	CHECK_EQ(nodes[t].nlink, 3);
	CHECK_EQ(ramfs_create(d, "e", 1, 040700, &root, &e), 0);
	CHECK_EQ(nodes[d].nlink, 3);
	CHECK_EQ(mk(e, "f", 0100644, &root), 0);
	CHECK_EQ(rm(d, "e", true, &root), -ENOTEMPTY);
	CHECK_EQ(rm(e, "f", true, &root), -ENOTDIR);
	CHECK_EQ(rm(d, "e", false, &root), -EISDIR);
	CHECK_EQ(rm(e, ".", true, &root), -EINVAL);
	CHECK_EQ(rm(e, "..", true, &root), -ENOTEMPTY);
	CHECK_EQ(rm(e, ".", false, &root), -EISDIR);
	CHECK_EQ(must("/tmp/d/e/../e/./f"), must("/tmp/d/e/f"));
	/* Search permission through a RAM directory (e is 0700). */
	uint16_t n;
	CHECK_EQ(walk("/tmp/d/e/f", &user, &n), -EACCES);
	CHECK_EQ(rm(e, "f", false, &root), 0);
	CHECK_EQ(rm(d, "e", true, &root), 0);
	CHECK_EQ(nodes[d].nlink, 2);
	CHECK_EQ(rm(t, "d", true, &root), 0);
	CHECK_EQ(nodes[t].nlink, 2);
	CHECK_EQ(ramfs_used_nodes(), 0);

	/* Entries listed in order of making, after "." and "..". */
	CHECK_EQ(mk(t, "one", 0100644, &root), 0);
	CHECK_EQ(mk(t, "two", 0100644, &root), 0);
	const char *name;
	size_t len;
	CHECK_EQ(bootfs_dirent(t, 1, &name, &len), NODE_ROOT);
	CHECK(bootfs_dirent(t, 2, &name, &len) != NODE_NONE && len == 3 &&
	      !memcmp(name, "one", 3));
	CHECK(bootfs_dirent(t, 3, &name, &len) != NODE_NONE && !memcmp(name, "two", 3));
	CHECK_EQ(bootfs_dirent(t, 4, &name, &len), NODE_NONE);
	char path[64];
	CHECK_EQ(bootfs_path(must("/tmp/two"), path, sizeof(path)), 8);
	CHECK_STR(path, "/tmp/two");
}

static void test_permission(void)
{
	setup();
	uint16_t t = ramfs_root, d, f;

	/* The sticky bit of /tmp: only the owner (or root) removes. */
	CHECK_EQ(ramfs_create(t, "mine", 4, 0100644, &user, &f), 0);
	CHECK_EQ(rm(t, "mine", false, &other), -EACCES);
	CHECK_EQ(ramfs_rename(t, "mine", 4, t, "x", 1, &other), -EACCES);
	CHECK_EQ(rm(t, "mine", false, &user), 0);
	CHECK_EQ(ramfs_create(t, "root", 4, 0100644, &root, &f), 0);
	CHECK_EQ(rm(t, "root", false, &root), 0);
	/* A directory of root's: others may not make or remove in it. */
	CHECK_EQ(ramfs_create(t, "rd", 2, 040755, &root, &d), 0);
	CHECK_EQ(mk(d, "x", 0100644, &user), -EACCES);
	CHECK_EQ(mk(d, "x", 0100644, &root), 0);
	CHECK_EQ(rm(d, "x", false, &user), -EACCES);
	CHECK_EQ(rm(d, "x", false, &root), 0);
	/* A set-group-id directory gives its group. */
	nodes[d].mode |= 02000;
	nodes[d].gid = 55;
	nodes[d].mode |= 0777;
	uint16_t g;
	CHECK_EQ(ramfs_create(d, "g", 1, 040755, &user, &g), 0);
	CHECK_EQ(nodes[g].gid, 55);
	CHECK(nodes[g].mode & 02000);
	CHECK_EQ(rm(d, "g", true, &user), 0);
	CHECK_EQ(rm(t, "rd", true, &root), 0);
}

static void test_rename(void)
{
	setup();
	uint16_t t = ramfs_root, a, b, d1, d2, full, x;

	CHECK_EQ(ramfs_create(t, "a", 1, 0100644, &root, &a), 0);
	CHECK_EQ(ramfs_create(t, "b", 1, 0100644, &root, &b), 0);
	CHECK_EQ(ramfs_create(t, "d1", 2, 040755, &root, &d1), 0);
	CHECK_EQ(ramfs_create(t, "d2", 2, 040755, &root, &d2), 0);
	CHECK_EQ(ramfs_create(t, "full", 4, 040755, &root, &full), 0);
	CHECK_EQ(ramfs_create(full, "x", 1, 0100644, &root, &x), 0);
	CHECK_EQ(ramfs_write(b, 0, "bbbb", 4), 4);
	unsigned used = ramfs_used_nodes();

	CHECK_EQ(mv(t, "a", t, "b"), 0);                 /* file over file */
	CHECK_EQ(must("/tmp/b"), a);
	CHECK(!exists("/tmp/a"));
	CHECK_EQ(ramfs_used_nodes(), used - 1);
	CHECK_EQ(ramfs_used_bytes(), 0);                 /* b's block freed */
	CHECK_EQ(mv(t, "b", t, "b"), 0);                 /* itself */
	CHECK_EQ(mv(t, "b", t, "d1"), -EISDIR);
	CHECK_EQ(mv(t, "d1", t, "b"), -ENOTDIR);
	CHECK_EQ(mv(t, "d1", t, "full"), -ENOTEMPTY);
	CHECK_EQ(mv(t, "d1", d1, "in"), -EINVAL);        /* into itself */
	CHECK_EQ(mv(NODE_ROOT, "tmp", d1, "in"), -EBUSY);
	CHECK_EQ(mv(t, "nope", t, "c"), -ENOENT);
	CHECK_EQ(mv(t, ".", t, "c"), -EINVAL);
	CHECK_EQ(mv(t, "b", t, ".."), -EINVAL);
	CHECK_EQ(mv(t, "b", must("/etc"), "b"), -EXDEV);
	CHECK_EQ(mv(must("/etc"), "passwd", t, "p"), -EXDEV);
	CHECK_EQ(mv(must("/etc"), "passwd", must("/etc"), "p"), -EROFS);
	char longname[300];
	memset(longname, 'l', 256);
	CHECK_EQ(ramfs_rename(t, "b", 1, t, longname, 256, &root), -ENAMETOOLONG);
	CHECK_EQ(ramfs_rename(t, "b", 1, t, longname, 255, &root), 0);
	CHECK_EQ(ramfs_rename(t, longname, 255, t, "b", 1, &root), 0);
	/* A directory over an empty directory; across parents, with the
	 * link counts following. */
	CHECK_EQ(nodes[t].nlink, 5);                     /* . .. d1 d2 full */
	CHECK_EQ(mv(t, "d1", t, "d2"), 0);
	CHECK_EQ(must("/tmp/d2"), d1);
	CHECK_EQ(nodes[t].nlink, 4);
	CHECK_EQ(mv(t, "d2", full, "d3"), 0);
	CHECK_EQ(nodes[t].nlink, 3);
	CHECK_EQ(nodes[full].nlink, 3);
	CHECK_EQ(must("/tmp/full/d3/.."), full);
	CHECK_EQ(mv(t, "full", d1, "deeper"), -EINVAL);  /* below itself */
	CHECK_EQ(mv(full, "x", t, "x"), 0);
	CHECK_EQ(must("/tmp/x"), x);
}

static void test_held(void)
{
	setup();
	uint16_t t = ramfs_root, f, d;

	/* A file removed while held lives, without a name, until released. */
	CHECK_EQ(ramfs_create(t, "f", 1, 0100644, &root, &f), 0);
	CHECK_EQ(ramfs_write(f, 0, "data", 4), 4);
	node_hold(f);
	CHECK_EQ(rm(t, "f", false, &root), 0);
	CHECK(!exists("/tmp/f"));
	CHECK_EQ(nodes[f].nlink, 0);
	CHECK_EQ(ramfs_used_nodes(), 1);
	char buf[8];
	CHECK_EQ(ramfs_read(f, 0, buf, 8), 4);
	CHECK_EQ(ramfs_write(f, 4, "more", 4), 4);
	node_release(f);
	CHECK_EQ(ramfs_used_nodes(), 0);
	CHECK_EQ(ramfs_used_bytes(), 0);
	CHECK_EQ(nodes[f].kind, NODE_FREE);
	/* A working directory removed: nothing can be found or made in it. */
	CHECK_EQ(ramfs_create(t, "d", 1, 040755, &root, &d), 0);
	node_hold(d);
	CHECK_EQ(rm(t, "d", true, &root), 0);
	uint16_t n;
	CHECK_EQ(bootfs_walk(d, "..", 2, &root, &n), -ENOENT);
	CHECK_EQ(bootfs_walk(d, "x", 1, &root, &n), -ENOENT);
	CHECK_EQ(mk(d, "x", 0100644, &root), -ENOENT);
	node_release(d);
	CHECK_EQ(ramfs_used_nodes(), 0);
	/* Freed nodes are used again. */
	uint16_t g;
	CHECK_EQ(ramfs_create(t, "g", 1, 0100644, &root, &g), 0);
	CHECK(g == d || g == f);
	/* Through descriptions (fdtab.c): the last close frees it. */
	fdtab_init();
	int o = ofile_new(g, 2);
	CHECK(o >= 0);
	CHECK_EQ(rm(t, "g", false, &root), 0);
	CHECK_EQ(ramfs_used_nodes(), 1);
	ofile_put((unsigned)o);
	CHECK_EQ(ramfs_used_nodes(), 0);
}

/* What must hold after any sequence of calls: every RAM node's blocks
 * and the node itself counted once, a directory's link count 2 + its
 * subdirectories, every child's parent its directory. */
static bool consistent(void)
{
	uint64_t bytes = 0;
	unsigned count = 0;
	bool ok = true;

	for (unsigned i = 0; i < node_count; i++) {
		const struct node *f = &nodes[i];
		if (f->kind == NODE_FREE || !f->ram || i == ramfs_root)
			continue;
		count++;
		if (f->kind == NODE_FILE)
			bytes += (f->size + RAMFS_BLOCK - 1) / RAMFS_BLOCK * RAMFS_BLOCK;
		if (f->kind == NODE_DIR && f->nlink) {
			uint32_t links = 2;
			for (uint16_t k = f->child; k != NODE_NONE; k = nodes[k].sibling) {
				ok &= nodes[k].parent == i && nodes[k].kind != NODE_FREE;
				links += nodes[k].kind == NODE_DIR;
			}
			ok &= f->nlink == links;
		}
		if (!f->nlink)
			ok &= f->holds > 0 && f->child == NODE_NONE;
	}
	return ok && bytes == ramfs_used_bytes() && count == ramfs_used_nodes();
}

/* Remove every entry below directory d. */
static void remove_all(uint16_t d)
{
	while (nodes[d].child != NODE_NONE) {
		uint16_t k = nodes[d].child;
		bool dir = nodes[k].kind == NODE_DIR;
		if (dir)
			remove_all(k);
		int err = ramfs_remove(d, nodes[k].name, nodes[k].namelen, dir, &root);
		CHECK_EQ(err, 0);
		if (err)
			return;        /* not again and again */
	}
}

/* Random calls on a few names in a few directories, some nodes held
 * and released, the limits reached now and then: the counts and links
 * stay right and nothing is lost (all back to empty at the end). */
static void test_random(void)
{
	static const char *const names[] = { "a", "b", "c", "d" };
	static uint8_t data[3 * RAMFS_BLOCK];
	uint16_t held[16];
	unsigned nheld = 0, bad = 0;
	uint64_t rng = 0x9e3779b97f4a7c15ull;

	setup();
	for (int step = 0; step < 20000; step++) {
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		uint64_t r = rng;
		/* A directory: /tmp or one of its a..d, or their a..d. */
		uint16_t dirs[21];
		unsigned nd = 0;
		dirs[nd++] = ramfs_root;
		for (unsigned i = 0; i < 4; i++) {
			uint16_t k = node_lookup(ramfs_root, names[i], 1);
			if (k != NODE_NONE && nodes[k].kind == NODE_DIR) {
				dirs[nd++] = k;
				for (unsigned j = 0; j < 4; j++) {
					uint16_t m = node_lookup(k, names[j], 1);
					if (m != NODE_NONE && nodes[m].kind == NODE_DIR)
						dirs[nd++] = m;
				}
			}
		}
		uint16_t d = dirs[(r >> 8) % nd], d2 = dirs[(r >> 16) % nd];
		const char *n = names[(r >> 24) % 4], *n2 = names[(r >> 28) % 4];
		uint16_t k = node_lookup(d, n, 1), out;
		switch (r % 8) {
		case 0: ramfs_create(d, n, 1, 0100644, &root, &out); break;
		case 1: ramfs_create(d, n, 1, 040755, &root, &out); break;
		case 2: ramfs_remove(d, n, 1, (r >> 32) & 1, &root); break;
		case 3: ramfs_rename(d, n, 1, d2, n2, 1, &root); break;
		case 4:
			if (k != NODE_NONE && nodes[k].kind == NODE_FILE)
				ramfs_write(k, (r >> 32) % (RAMFS_BYTES + 4096), data,
					    (size_t)((r >> 40) % sizeof(data)));
			break;
		case 5:
			if (k != NODE_NONE && nodes[k].kind == NODE_FILE)
				ramfs_truncate(k, (r >> 32) % (RAMFS_BYTES / 2));
			break;
		case 6:
			if (k != NODE_NONE && nheld < 16) {
				node_hold(k);
				held[nheld++] = k;
			}
			break;
		default:
			if (nheld) {
				unsigned i = (unsigned)((r >> 32) % nheld);
				node_release(held[i]);
				held[i] = held[--nheld];
			}
		}
		bad += !consistent();
	}
	CHECK_EQ(bad, 0);
	while (nheld)
		node_release(held[--nheld]);
	/* Remove everything, deepest first (renames made it any depth). */
	remove_all(ramfs_root);
	CHECK(consistent());
	CHECK_EQ(ramfs_used_nodes(), 0);
	CHECK_EQ(ramfs_used_bytes(), 0);
	CHECK_EQ(nodes[ramfs_root].nlink, 2);
}

/* attr.c: chown's, utimensat's and posix_fallocate's rules. */
static void test_owners(void)
{
	setup();
	const struct fs_cred grouped = { .uid = 1000, .gid = 100, .ruid = 1000,
					 .rgid = 100, .ngroups = 2,
					 .groups = { 100, 300 } };
	const uint32_t keep = 0xffffffffu;
	uint16_t f, d, img = must("/etc/passwd");

	CHECK_EQ(node_chown(img, 0, 0, &root), -EROFS);
	CHECK_EQ(node_chown(must("/dev/null"), keep, keep, &root), -EROFS);
	CHECK_EQ(ramfs_create(ramfs_root, "f", 1, 0106755, &grouped, &f), 0);
	/* Nothing asked: nothing done, by anyone, not even ctime. */
	int64_t c0 = nodes[f].ctime;
	CHECK_EQ(node_chown(f, keep, keep, &other), 0);
	CHECK_EQ(nodes[f].ctime, c0);
	/* Not the owner: nothing else. */
	CHECK_EQ(node_chown(f, 1000, keep, &other), -EPERM);
	CHECK_EQ(node_chown(f, keep, 100, &other), -EPERM);
	CHECK_EQ(node_chown(f, 2000, keep, &other), -EPERM);
	/* The owner: a group it is in, itself as owner. */
	CHECK_EQ(node_chown(f, keep, 400, &grouped), -EPERM);
	CHECK_EQ(node_chown(f, 0, keep, &grouped), -EPERM);
	CHECK_EQ(node_chown(f, 0, 300, &grouped), -EPERM);
	CHECK_EQ(nodes[f].gid, 100);                /* no half change */
	CHECK_EQ(nodes[f].mode & 07777, 06755);
	CHECK_EQ(node_chown(f, keep, 300, &grouped), 0);
	CHECK_EQ(nodes[f].gid, 300);
	CHECK_EQ(nodes[f].mode, 0100755);           /* set-ids cleared */
	CHECK(nodes[f].ctime > c0);
	CHECK_EQ(node_chown(f, 1000, 100, &grouped), 0);
	CHECK_EQ(nodes[f].uid, 1000);
	CHECK_EQ(nodes[f].gid, 100);
	/* Root: anything, the set-id bits kept. */
	nodes[f].mode |= 06000;
	CHECK_EQ(node_chown(f, 7, 8, &root), 0);
	CHECK_EQ(nodes[f].uid, 7);
	CHECK_EQ(nodes[f].gid, 8);
	CHECK_EQ(nodes[f].mode & 07777, 06755);
	CHECK_EQ(node_chown(f, keep, 9, &root), 0);
	CHECK_EQ(nodes[f].uid, 7);
	CHECK_EQ(nodes[f].gid, 9);
	/* A directory keeps its set-group-id bit. */
	CHECK_EQ(ramfs_create(ramfs_root, "d", 1, 042755, &grouped, &d), 0);
	CHECK_EQ(node_chown(d, keep, 300, &grouped), 0);
	CHECK_EQ(nodes[d].mode & 07777, 02755);
	CHECK_EQ(rm(ramfs_root, "f", false, &root), 0);
	CHECK_EQ(rm(ramfs_root, "d", true, &root), 0);
}

static void test_times(void)
{
	setup();
	const int64_t now2[4] = { 1, FS_UTIME_NOW, 2, FS_UTIME_NOW };
	const int64_t omit[4] = { 1, FS_UTIME_OMIT, 2, FS_UTIME_OMIT };
	const int64_t set[4] = { 100, 5, 200, 999999999 };
	uint16_t f, ro;

	CHECK(utime_ns_ok(0) && utime_ns_ok(999999999) && utime_ns_ok(FS_UTIME_NOW) &&
	      utime_ns_ok(FS_UTIME_OMIT));
	CHECK(!utime_ns_ok(-1) && !utime_ns_ok(1000000000) && !utime_ns_ok(FS_UTIME_NOW + 1));
	CHECK_EQ(ramfs_create(ramfs_root, "f", 1, 0100666, &user, &f), 0);
	CHECK_EQ(ramfs_create(ramfs_root, "ro", 2, 0100644, &user, &ro), 0);
	CHECK_EQ(node_utimens(must("/etc/passwd"), now2, &root), -EROFS);
	CHECK_EQ(node_utimens(f, (int64_t[4]){ 1, 1000000000, 1, 0 }, &root), -EINVAL);
	CHECK_EQ(node_utimens(f, (int64_t[4]){ 1, 0, 1, -1 }, &root), -EINVAL);
	CHECK_EQ(node_utimens(must("/etc/passwd"), (int64_t[4]){ 1, -1, 1, 0 }, &root),
		 -EINVAL);                            /* before EROFS */
	CHECK_EQ(node_utimens(f, set, &user), 0);
	CHECK_EQ(nodes[f].atime, 100);
	CHECK_EQ(nodes[f].atime_ns, 5);
	CHECK_EQ(nodes[f].mtime, 200);
	CHECK_EQ(nodes[f].mtime_ns, 999999999);
	int64_t c0 = nodes[f].ctime;
	CHECK(c0 > 200);
	/* Both omitted: nothing, whoever asks. */
	CHECK_EQ(node_utimens(ro, omit, &other), 0);
	CHECK_EQ(node_utimens(f, omit, &other), 0);
	CHECK_EQ(nodes[f].ctime, c0);
	/* Another user: "now" if it may write, nothing else. */
	CHECK_EQ(node_utimens(f, now2, &other), 0);
	CHECK(nodes[f].atime > 200 && nodes[f].atime == nodes[f].mtime &&
	      nodes[f].atime_ns == nodes[f].mtime_ns && nodes[f].ctime == nodes[f].atime &&
	      nodes[f].ctime > c0);
	CHECK_EQ(node_utimens(f, set, &other), -EPERM);
	CHECK_EQ(node_utimens(f, (int64_t[4]){ 0, FS_UTIME_NOW, 0, FS_UTIME_OMIT }, &other),
		 -EPERM);
	CHECK_EQ(node_utimens(ro, now2, &other), -EACCES);
	CHECK_EQ(node_utimens(ro, set, &other), -EPERM);
	CHECK_EQ(node_utimens(ro, set, &root), 0);
	/* One omitted, one now. */
	int64_t m = nodes[ro].mtime;
	CHECK_EQ(node_utimens(ro, (int64_t[4]){ 0, FS_UTIME_NOW, 7, FS_UTIME_OMIT }, &user), 0);
	CHECK(nodes[ro].atime > 100);
	CHECK_EQ(nodes[ro].mtime, m);
	CHECK_EQ(rm(ramfs_root, "f", false, &root), 0);
	CHECK_EQ(rm(ramfs_root, "ro", false, &root), 0);
}

static void test_allocate(void)
{
	setup();
	uint16_t f, d;
	uint8_t back[3000];

	CHECK_EQ(ramfs_create(ramfs_root, "f", 1, 0100644, &user, &f), 0);
	CHECK_EQ(ramfs_create(ramfs_root, "d", 1, 040755, &user, &d), 0);
	CHECK_EQ(node_allocate(f, 0, 0), -EINVAL);
	CHECK_EQ(node_allocate(f, -1, 5), -EINVAL);
	CHECK_EQ(node_allocate(f, 0, -5), -EINVAL);
	CHECK_EQ(node_allocate(d, 0, 5), -EISDIR);
	CHECK_EQ(node_allocate(must("/dev/null"), 0, 5), -ENODEV);
	CHECK_EQ(node_allocate(must("/etc/passwd"), 0, 5), -EROFS);
	CHECK_EQ(node_allocate(f, 1ll << 62, 1), -EFBIG);
	CHECK_EQ(node_allocate(f, 1, INT64_MAX), -EFBIG);
	CHECK_EQ(node_allocate(f, INT64_MAX, INT64_MAX), -EFBIG);
	CHECK_EQ(ramfs_write(f, 0, "abc", 3), 3);
	CHECK_EQ(node_allocate(f, 0, 2), 0);              /* inside: nothing */
	CHECK_EQ(nodes[f].size, 3);
	CHECK_EQ(node_allocate(f, 1000, 2000), 0);
	CHECK_EQ(nodes[f].size, 3000);
	CHECK_EQ(ramfs_used_bytes(), 3 * RAMFS_BLOCK);
	CHECK_EQ(ramfs_read(f, 0, back, sizeof(back)), 3000);
	CHECK(!memcmp(back, "abc", 3));
	for (int i = 3; i < 3000; i++)
		CHECK_EQ(back[i], 0);
	CHECK_EQ(node_allocate(f, 0, RAMFS_BYTES + 1), -ENOSPC);
	CHECK_EQ(nodes[f].size, 3000);
	CHECK_EQ(ramfs_used_bytes(), 3 * RAMFS_BLOCK);
	CHECK_EQ(node_allocate(f, 0, RAMFS_BYTES), 0);    /* all of it */
	CHECK_EQ(ramfs_used_bytes(), RAMFS_BYTES);
	CHECK_EQ(rm(ramfs_root, "f", false, &root), 0);
	CHECK_EQ(rm(ramfs_root, "d", true, &root), 0);
	CHECK_EQ(ramfs_used_bytes(), 0);
}

/* fs's large tables are mapped as first used (the fake makes any other
 * access crash): blocks, pipes and descriptor tables each map a page
 * on first use, and with no memory for a page a write is short or
 * ENOSPC, a pipe ENFILE, a table ENOMEM, with nothing changed. Run
 * first, on pages nothing mapped yet. */
static void test_tables_lazy(void)
{
	static uint8_t data[8192];
	unsigned before;
	struct fproc *p;
	uint16_t a;

	setup();
	fdtab_init();
	pipe_init();
	before = table_pages_mapped;
	CHECK_EQ(mk(ramfs_root, "a", 0100644, &root), 0);
	CHECK_EQ(walk("/tmp/a", &root, &a), 0);
	table_fail_after = 0;
	CHECK_EQ(ramfs_write(a, 0, data, sizeof(data)), -ENOSPC);
	CHECK_EQ(nodes[a].size, 0);
	CHECK_EQ(ramfs_used_bytes(), 0);
	table_fail_after = 1;                  /* one page: 4 blocks */
	CHECK_EQ(ramfs_write(a, 0, data, sizeof(data)), 4096);
	CHECK_EQ(table_pages_mapped, before + 1);
	CHECK_EQ(pipe_new(), -ENFILE);
	CHECK_EQ(fproc_new(7, NULL, &p), -ENOMEM);
	CHECK(fproc_find(7) == NULL);
	table_fail_after = -1;
	CHECK_EQ(ramfs_write(a, 4096, data, 4096), 4096);
	CHECK_EQ(table_pages_mapped, before + 2);
	for (int i = 0; i < PIPE_MAX; i++)
		CHECK_EQ(pipe_new(), i);
	CHECK_EQ(pipe_new(), -ENFILE);
	for (int i = 0; i < PIPE_MAX; i++) {
		pipe_end_closed((unsigned)i, true);
		pipe_end_closed((unsigned)i, false);
	}
	CHECK_EQ(fproc_new(7, NULL, &p), 0);
	CHECK(fproc_find(7) == p);
	CHECK(fproc_find(FS_PID_MAX - 1) == NULL);
	fproc_free(p);
	CHECK_EQ(rm(ramfs_root, "a", false, &root), 0);
}

/* A FIFO node: S_IFIFO, no data; its descriptions share one pipe
 * (pipe_join, as fifo.c joins them), freed with the last (node.fifo
 * cleared), and the node, unlinked meanwhile, freed after it. */
static void test_fifo(void)
{
	setup();
	fdtab_init();
	pipe_init();
	uint16_t t = ramfs_root, f;

	CHECK_EQ(ramfs_create(t, "p", 1, 0010640, &user, &f), 0);
	CHECK(nodes[f].kind == NODE_FIFO && nodes[f].mode == 0010640);
	CHECK(nodes[f].size == 0 && nodes[f].uid == 1000 && nodes[f].fifo == 0);
	CHECK_EQ(mk(t, "p", 0010600, &root), -EEXIST);
	CHECK_EQ(mk(t, "c", 0020600, &root), -EINVAL);   /* no devices here */
	int pi = pipe_join(-1, O_RDONLY);
	CHECK(pi >= 0 && pipes[pi].readers == 1 && pipes[pi].writers == 0 &&
	      pipes[pi].wgen == 0);
	nodes[f].fifo = (uint16_t)(pi + 1);
	int r = ofile_new(f, O_RDONLY), w;
	ofiles[r].pipe = nodes[f].fifo;
	CHECK_EQ(pipe_join(pi, O_RDWR), pi);
	w = ofile_new(f, O_RDWR);
	ofiles[w].pipe = nodes[f].fifo;
	CHECK(pipes[pi].readers == 2 && pipes[pi].writers == 1 && pipe_count() == 1);
	CHECK_EQ(pipes[pi].wgen, 1);                     /* writers that came */
	CHECK_EQ(rm(t, "p", false, &root), 0);
	CHECK_EQ(ramfs_used_nodes(), 1);                 /* held */
	ofile_put((unsigned)w);
	CHECK(pipes[pi].readers == 1 && pipes[pi].writers == 0 && nodes[f].fifo);
	ofile_put((unsigned)r);
	CHECK(pipe_count() == 0 && ofile_count() == 0);
	CHECK_EQ(ramfs_used_nodes(), 0);
	CHECK_EQ(nodes[f].kind, NODE_FREE);
	/* The last end of a FIFO still named: its pipe link cleared. */
	CHECK_EQ(ramfs_create(t, "q", 1, 0010600, &root, &f), 0);
	pi = pipe_join(-1, O_WRONLY);
	nodes[f].fifo = (uint16_t)(pi + 1);
	w = ofile_new(f, O_WRONLY);
	ofiles[w].pipe = nodes[f].fifo;
	ofile_put((unsigned)w);
	CHECK(nodes[f].fifo == 0 && pipe_count() == 0);
	CHECK_EQ(rm(t, "q", false, &root), 0);
}

int main(void)
{
	test_tables_lazy();
	test_mount_and_walk();
	test_files();
	test_limits();
	test_names_and_dirs();
	test_permission();
	test_rename();
	test_held();
	test_random();
	test_owners();
	test_times();
	test_allocate();
	test_fifo();
	return check_summary("test_ramfs");
}
