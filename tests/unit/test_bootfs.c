/*
 * fs's pure modules (servers/fs): the tree of the boot image with its
 * synthesized directories and /dev (bootfs_add, bootfs_finish), the path
 * walker with POSIX's errors and search permission, the mode-bit check,
 * getcwd's path and directory entries (bootfs.c); descriptor tables and
 * open-file descriptions: sharing by dup and fork, close-on-exec, EMFILE,
 * counts back to zero (fdtab.c); pipes' rings and the end counts their
 * descriptions hold through dup, fork, exec and exit (pipe.c).
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

static const struct fs_cred user = { .uid = 1000, .gid = 100, .ruid = 1000,
				     .rgid = 100, .ngroups = 1, .groups = { 7 } };

static int add(const char *name, uint32_t mode, int64_t mtime)
{
	return bootfs_add(name, strlen(name), mode, 0, 0, mtime, name, 3);
}

static void test_synthesis(void)
{
	bootfs_init();
	CHECK_EQ(add("sbin/procsrv", 0100755, 5), 0);
	CHECK_EQ(add("./bin/sh", 0100755, 9), 0);
	CHECK_EQ(add("/etc/inittab", 0100644, 7), 0);
	CHECK_EQ(add("usr/share/doc/x", 0100600, 3), 0);
	/* What cannot be placed is refused, and changes nothing. */
	CHECK_EQ(add("bin/sh", 0100755, 1), -EINVAL);          /* duplicate */
	CHECK_EQ(add("bin/sh/x", 0100755, 1), -EINVAL);        /* through a file */
	CHECK_EQ(add("bin/../x", 0100755, 1), -EINVAL);
	CHECK_EQ(add("bin//y", 0100755, 1), -EINVAL);
	CHECK_EQ(add("", 0100644, 1), -EINVAL);
	CHECK_EQ(add("lnk", 0120777, 1), -EINVAL);             /* a symlink */
	char longname[300];
	memset(longname, 'n', 256);
	longname[256] = 0;
	CHECK_EQ(add(longname, 0100644, 1), -EINVAL);
	/* A directory entry gives a synthesized directory its mode. */
	CHECK_EQ(add("usr/share", 040700, 2), 0);
	CHECK_EQ(bootfs_finish(), 0);

	uint16_t etc = must("/etc"), usr = must("/usr"), share = must("/usr/share");
	CHECK_EQ(nodes[etc].kind, NODE_DIR);
	CHECK_EQ(nodes[etc].mode, 040755);
	CHECK_EQ(nodes[etc].mtime, 7);              /* its newest below */
	CHECK_EQ(nodes[share].mode, 040700);
	CHECK_EQ(nodes[usr].nlink, 3);              /* ., its entry, share's .. */
	CHECK_EQ(nodes[NODE_ROOT].nlink, 2 + 5);    /* sbin bin etc usr dev */
	uint16_t sh = must("/bin/sh");
	CHECK_EQ(nodes[sh].kind, NODE_FILE);
	CHECK_EQ(nodes[sh].size, 3);
	CHECK_EQ(nodes[sh].mtime, 9);
	CHECK_EQ(nodes[sh].nlink, 1);
	CHECK(nodes[sh].data != NULL);
	CHECK_EQ(nodes[must("/dev/console")].kind, NODE_CONSOLE);
	CHECK_EQ(nodes[must("/dev/null")].mode, 020666);
	CHECK_EQ(nodes[must("/dev/zero")].rdev, FS_DEV_ZERO);

	/* Entries in image order, after "." and "..". */
	const char *name;
	size_t len;
	CHECK_EQ(bootfs_dirent(NODE_ROOT, 0, &name, &len), NODE_ROOT);
	CHECK(len == 1 && name[0] == '.');
	CHECK_EQ(bootfs_dirent(NODE_ROOT, 1, &name, &len), NODE_ROOT);
	CHECK(len == 2 && !memcmp(name, "..", 2));
	CHECK_EQ(bootfs_dirent(etc, 1, &name, &len), NODE_ROOT);
	const char *want[] = { "sbin", "bin", "etc", "usr", "dev" };
	for (unsigned i = 0; i < 5; i++) {
		CHECK(bootfs_dirent(NODE_ROOT, 2 + i, &name, &len) != NODE_NONE);
		CHECK(len == strlen(want[i]) && !memcmp(name, want[i], len));
	}
	CHECK_EQ(bootfs_dirent(NODE_ROOT, 7, &name, &len), NODE_NONE);
}

static void test_walk(void)
{
	static char longpath[FS_PATH_MAX + 2];
	uint16_t n = 0, etc = must("/etc");

	CHECK_EQ(must("/"), NODE_ROOT);
	CHECK_EQ(must("//etc/./inittab"), must("/etc/inittab"));
	CHECK_EQ(must("/../../etc/"), etc);
	CHECK_EQ(must("/etc/.."), NODE_ROOT);
	CHECK_EQ(bootfs_walk(etc, "inittab", 7, &root, &n), 0);
	CHECK_EQ(n, must("/etc/inittab"));
	CHECK_EQ(bootfs_walk(etc, "../bin/sh", 9, &root, &n), 0);
	CHECK_EQ(n, must("/bin/sh"));
	/* The length given counts, not a NUL. */
	CHECK_EQ(bootfs_walk(NODE_ROOT, "/etcXYZ", 4, &root, &n), 0);
	CHECK_EQ(n, etc);
	CHECK_EQ(walk("", &root, &n), -ENOENT);
	CHECK_EQ(walk("/nope", &root, &n), -ENOENT);
	CHECK_EQ(walk("/nope/x", &root, &n), -ENOENT);
	CHECK_EQ(walk("/etc/inittab/x", &root, &n), -ENOTDIR);
	CHECK_EQ(walk("/etc/inittab/", &root, &n), -ENOTDIR);
	CHECK_EQ(walk("/etc/inittab/..", &root, &n), -ENOTDIR);
	memset(longpath, 'a', FS_PATH_MAX);
	longpath[0] = '/';
	CHECK_EQ(bootfs_walk(NODE_ROOT, longpath, FS_PATH_MAX, &root, &n), -ENAMETOOLONG);
	CHECK_EQ(bootfs_walk(NODE_ROOT, longpath, 257, &root, &n), -ENAMETOOLONG);
	CHECK_EQ(bootfs_walk(NODE_ROOT, longpath, 256, &root, &n), -ENOENT);
	/* Search permission on every directory passed through. */
	CHECK_EQ(walk("/usr/share/doc/x", &root, &n), 0);
	CHECK_EQ(walk("/usr/share/doc/x", &user, &n), -EACCES);  /* share: 0700 */
	CHECK_EQ(walk("/usr/share", &user, &n), 0);              /* not through it */
	CHECK_EQ(walk("/etc/inittab", &user, &n), 0);
}

static void test_permit(void)
{
	struct node f = { .kind = NODE_FILE, .mode = 0100640, .uid = 1000, .gid = 7 };
	struct fs_cred other = { .uid = 2000, .gid = 200 };

	CHECK_EQ(bootfs_permit(&f, &user, 4), 0);
	CHECK_EQ(bootfs_permit(&f, &user, 2), 0);
	CHECK_EQ(bootfs_permit(&f, &user, 1), -EACCES);
	f.uid = 5;
	CHECK_EQ(bootfs_permit(&f, &user, 4), 0);          /* supplementary group 7 */
	CHECK_EQ(bootfs_permit(&f, &user, 2), -EACCES);
	CHECK_EQ(bootfs_permit(&f, &other, 4), -EACCES);
	CHECK_EQ(bootfs_permit(&f, &root, 6), 0);          /* root reads and writes */
	CHECK_EQ(bootfs_permit(&f, &root, 1), -EACCES);    /* but needs an x bit */
	f.mode = 0100001;
	CHECK_EQ(bootfs_permit(&f, &root, 1), 0);
	CHECK_EQ(bootfs_permit(&f, &other, 1), 0);
	f.uid = 2000;
	CHECK_EQ(bootfs_permit(&f, &other, 1), -EACCES);   /* the owner's bits count */
	struct node d = { .kind = NODE_DIR, .mode = 040000 };
	CHECK_EQ(bootfs_permit(&d, &root, 1), 0);
}

static void test_path(void)
{
	char buf[64];

	CHECK_EQ(bootfs_path(NODE_ROOT, buf, sizeof(buf)), 1);
	CHECK_STR(buf, "/");
	CHECK_EQ(bootfs_path(must("/usr/share/doc"), buf, sizeof(buf)), 14);
	CHECK_STR(buf, "/usr/share/doc");
	CHECK_EQ(bootfs_path(must("/usr/share/doc"), buf, 15), 14);
	CHECK_EQ(bootfs_path(must("/usr/share/doc"), buf, 14), -ERANGE);
	CHECK_EQ(bootfs_path(NODE_ROOT, buf, 1), -ERANGE);
}

static void test_fdtab(void)
{
	struct fproc *a, *b, *c;
	uint16_t f = must("/etc/inittab");

	fdtab_init();
	CHECK_EQ(fproc_new(5, NULL, &a), 0);
	CHECK_EQ(fproc_new(5, NULL, &b), -EEXIST);
	CHECK_EQ(fproc_new(0, NULL, &b), -EINVAL);
	CHECK_EQ(fproc_new(FS_PID_MAX, NULL, &b), -EINVAL);
	CHECK(fproc_find(5) == a && fproc_find(6) == NULL && fproc_find(-1) == NULL);
	CHECK_EQ(a->cwd, NODE_ROOT);
	int o = ofile_new(f, 0);
	CHECK(o >= 0);
	CHECK_EQ(fd_install(a, o, 0, false), 0);
	CHECK_EQ(fd_dup(a, 0, 0, true), 1);
	CHECK(fd_get(a, 0) == fd_get(a, 1));                 /* one description */
	CHECK_EQ(a->cloexec, 2);
	CHECK_EQ(fd_dup(a, 7, 0, false), -EBADF);
	CHECK_EQ(fd_dup(a, 0, 64, false), -EINVAL);
	CHECK_EQ(fd_dup2(a, 0, 9, true), 9);
	CHECK_EQ(ofiles[o].refs, 3);
	fd_get(a, 9)->off = 42;
	/* fork: the child's descriptors share the parent's descriptions. */
	a->cwd = must("/etc");
	CHECK_EQ(fproc_new(6, a, &b), 0);
	CHECK_EQ(ofiles[o].refs, 6);
	CHECK_EQ(fd_get(b, 0)->off, 42);
	CHECK_EQ(b->cwd, a->cwd);
	CHECK_EQ(b->cloexec, a->cloexec);
	/* exec closes the close-on-exec ones only. */
	fproc_exec(b);
	CHECK(fd_get(b, 0) && !fd_get(b, 1) && !fd_get(b, 9));
	CHECK_EQ(ofiles[o].refs, 4);
	/* dup2 onto itself through another name keeps the description. */
	CHECK_EQ(fd_dup2(b, 0, 3, false), 3);
	CHECK_EQ(fd_dup2(b, 3, 0, false), 0);
	CHECK(fd_get(b, 0) == &ofiles[o]);
	/* EMFILE, the reference dropped. */
	CHECK_EQ(fproc_new(7, NULL, &c), 0);
	for (int i = 0; i < FS_FD_MAX; i++)
		CHECK_EQ(fd_install(c, ofile_new(f, 0), 0, false), i);
	unsigned before = ofile_count();
	int extra = ofile_new(f, 0);
	CHECK_EQ(fd_install(c, extra, 0, false), -EMFILE);
	CHECK_EQ(ofile_count(), before);
	CHECK_EQ(fd_close(c, 64), -EBADF);
	CHECK_EQ(fd_close(c, -1), -EBADF);
	/* Exits: every count back to zero. */
	fproc_free(c);
	fproc_free(a);
	CHECK_EQ(ofiles[o].refs, 2);
	fproc_free(b);
	CHECK_EQ(ofile_count(), 0);
	CHECK_EQ(fproc_count(), 0);
	CHECK(fproc_find(5) == NULL);
	/* The descriptions run out with ENFILE. */
	int last = 0;
	for (int i = 0; i <= OFILE_MAX; i++)
		last = ofile_new(f, 0);
	CHECK_EQ(last, -ENFILE);
}

/* A pipe's two descriptions, as pipeio.c makes them. */
static int pipe_ends(int *ro, int *wo)
{
	int pi = pipe_new();

	if (pi < 0)
		return pi;
	*ro = ofile_new(pipe_node, O_RDONLY);
	*wo = ofile_new(pipe_node, O_WRONLY);
	ofiles[*ro].pipe = ofiles[*wo].pipe = (uint16_t)(pi + 1);
	return pi;
}

static void test_pipe(void)
{
	static uint8_t src[3 * PIPE_CAP], dst[3 * PIPE_CAP];
	struct fproc *a, *b;
	const uint8_t *at;
	uint8_t *to;
	int ro, wo;

	fdtab_init();
	pipe_init();
	CHECK(pipe_node != NODE_NONE && nodes[pipe_node].kind == NODE_PIPE);
	CHECK_EQ(nodes[pipe_node].mode & 0170000u, 0010000u);
	int pi = pipe_ends(&ro, &wo);
	CHECK_EQ(pi, 0);
	struct pipe *p = &pipes[pi];
	CHECK_EQ(pipe_count(), 1);
	/* The ring: full at PIPE_CAP, wrapping, bytes in order. */
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i * 13 + i / 7);
	CHECK_EQ(pipe_copy_in(p, src, 1000), 1000);
	CHECK_EQ(pipe_copy_out(p, dst, 600), 600);
	CHECK_EQ(pipe_copy_in(p, src + 1000, PIPE_CAP), PIPE_CAP - 400);
	CHECK_EQ(p->len, PIPE_CAP);
	CHECK_EQ(pipe_room(p, &to), 0);
	CHECK_EQ(pipe_copy_in(p, src, 1), 0);
	/* The held bytes run to the buffer's end first, then wrap. */
	CHECK_EQ(pipe_peek(p, &at), PIPE_CAP - 600);
	CHECK(at == p->buf + 600);
	CHECK_EQ(pipe_copy_out(p, dst + 600, sizeof(dst)), PIPE_CAP);
	CHECK(!memcmp(dst, src, 600 + PIPE_CAP));
	CHECK_EQ(p->len, 0);
	CHECK_EQ(pipe_peek(p, &at), 0);
	/* Room runs from the tail to the buffer's end. */
	CHECK_EQ(pipe_room(p, &to), PIPE_CAP - 600);
	pipe_commit(p, 10);
	CHECK_EQ(pipe_room(p, &to), PIPE_CAP - 610);
	pipe_consume(p, 10);
	/* Marks: each marked pipe once. */
	while (pipe_next_marked() >= 0)
		;
	pipe_mark(3);
	pipe_mark(31);
	pipe_mark(3);
	CHECK_EQ(pipe_next_marked(), 3);
	CHECK_EQ(pipe_next_marked(), 31);
	CHECK_EQ(pipe_next_marked(), -1);
	/* The ends' counts follow descriptions, not descriptors: dup and
	 * fork share one; the last descriptor of it gone drops the end. */
	CHECK_EQ(fproc_new(5, NULL, &a), 0);
	CHECK_EQ(fd_install(a, ro, 0, false), 0);
	CHECK_EQ(fd_install(a, wo, 0, true), 1);
	CHECK_EQ(fd_dup(a, 1, 0, false), 2);
	CHECK_EQ(fproc_new(6, a, &b), 0);
	CHECK(p->readers == 1 && p->writers == 1);
	CHECK_EQ(fd_close(a, 1), 0);
	CHECK_EQ(fd_close(a, 2), 0);
	CHECK_EQ(p->writers, 1);                        /* b still has it */
	fproc_exec(b);                                  /* 1 closed, 2 not */
	CHECK_EQ(p->writers, 1);
	CHECK_EQ(pipe_next_marked(), -1);
	CHECK_EQ(fd_close(b, 2), 0);
	CHECK_EQ(p->writers, 0);                        /* end of file */
	CHECK_EQ(pipe_next_marked(), 0);
	/* A reference held by a waiting call keeps its description. */
	ofile_get((unsigned)ro);
	fproc_free(a);
	fproc_free(b);
	CHECK_EQ(p->readers, 1);
	CHECK_EQ(pipe_count(), 1);
	ofile_put((unsigned)ro);
	CHECK(p->readers == 0 && pipe_count() == 0 && ofile_count() == 0);
	/* A free pipe is empty and reused; none left: ENFILE. */
	for (int i = 0; i < PIPE_MAX; i++)
		CHECK_EQ(pipe_ends(&ro, &wo), i);
	CHECK_EQ(pipes[0].len, 0);
	CHECK_EQ(pipe_new(), -ENFILE);
	CHECK_EQ(pipe_count(), PIPE_MAX);
}

int main(void)
{
	test_synthesis();
	test_walk();
	test_permit();
	test_path();
	test_fdtab();
	test_pipe();
	return check_summary("test_bootfs");
}
