/*
 * The POSIX file calls built on fs's stat, directories and attributes
 * (docs/libc.md): realpath, scandir, pathconf and fpathconf, fsync and
 * fdatasync, mktemp, the chown family (FS_CHOWN), utimensat, futimens
 * and utimes (FS_UTIMENS), posix_fadvise and posix_fallocate
 * (FS_FALLOCATE): good paths, every error, and a user's (uid 1000)
 * limits. Run by proctest as `posixtest <case>`, one process per case,
 * as fstest is. A case's result is its exit status: 0 passed, else the
 * line of the failed check (low byte); a child's failure is its line.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pith/syscall.h>
#include <proto/fs.h>
#include <proto/procsrv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FSCASE_PROG "posixtest"
#include "fscase.h"

#define FAILS_NULL(call, e) ((call) == NULL && errno == (e))

_Static_assert(_PC_LINK_MAX == 0 && _PC_NAME_MAX == 3 && _PC_PIPE_BUF == 5 &&
	       _PC_VDISABLE == 8 && _PC_SYNC_IO == 9 && _PC_FILESIZEBITS == 13 &&
	       _PC_ALLOC_SIZE_MIN == 18 && _PC_2_SYMLINKS == 20,
	       "_PC_ names: Linux's values");

static const char release[] = "/etc/pith-release";

/* Run fn in a child with uid 1000, gid 100, groups 100 and 300. */
static int as_user(int (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		gid_t g[2] = { 100, 300 };
		if (setgroups(2, g) || setgid(100) || setuid(1000))
			_exit(1);
		_exit(fn());
	}
	return exited(pid);
}

static int touch(const char *path, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	close(fd);
	return chmod(path, mode);    /* the umask undone */
}

static bool ts_is(struct timespec t, time_t s, long ns)
{
	return t.tv_sec == s && t.tv_nsec == ns;
}

static bool ts_le(struct timespec a, struct timespec b)     /* a <= b */
{
	return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec <= b.tv_nsec);
}

static struct timespec now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return t;
}

static char long_name[NAME_MAX + 8];

static const char *too_long_name(void)
{
	memset(long_name, 'n', NAME_MAX + 1);
	long_name[NAME_MAX + 1] = 0;
	return long_name;
}

/* ---- realpath ---------------------------------------------------------- */

static int realpath_user(void)
{
	char buf[PATH_MAX];

	/* Search permission on every directory passed through. */
	CHECK(FAILS_NULL(realpath("/tmp/rp/priv/f", buf), EACCES));
	CHECK(FAILS_NULL(realpath("/tmp/rp/priv/..", buf), EACCES));
	CHECK(realpath("/tmp/rp/priv", buf) && !strcmp(buf, "/tmp/rp/priv"));
	return 0;
}

static int case_realpath(void)
{
	char buf[PATH_MAX], *m;
	uint64_t b0, n0;

	CHECK(ram_info(&b0, &n0) == 0);
	CHECK(realpath("/", buf) == buf && !strcmp(buf, "/"));
	CHECK(realpath("//etc///pith-release", buf) && !strcmp(buf, release));
	CHECK(realpath("/etc/../etc/./pith-release", buf) && !strcmp(buf, release));
	CHECK(realpath("/../..//.", buf) && !strcmp(buf, "/"));
	CHECK(realpath("/etc/", buf) && !strcmp(buf, "/etc"));
	/* NULL: malloc'd. */
	CHECK((m = realpath("/dev//null", NULL)) && !strcmp(m, "/dev/null"));
	free(m);
	/* Relative: from the working directory. */
	CHECK(chdir("/etc") == 0);
	CHECK(realpath("pith-release", buf) && !strcmp(buf, release));
	CHECK(realpath(".", buf) && !strcmp(buf, "/etc"));
	CHECK(realpath("..", buf) && !strcmp(buf, "/"));
	CHECK(mkdir("/tmp/rp", 0755) == 0 && mkdir("/tmp/rp/sub", 0755) == 0);
	CHECK(chdir("/tmp/rp/sub") == 0);
	CHECK((m = realpath("../../rp/sub/./", NULL)) && !strcmp(m, "/tmp/rp/sub"));
	free(m);
	CHECK(realpath("../../../etc", buf) && !strcmp(buf, "/etc"));
	/* Each component checked, even one ".." takes back. */
	CHECK(FAILS_NULL(realpath("/nope", buf), ENOENT));
	CHECK(FAILS_NULL(realpath("/etc/nope/..", buf), ENOENT));
	CHECK(FAILS_NULL(realpath("nope/..", buf), ENOENT));
	CHECK(FAILS_NULL(realpath("", buf), ENOENT));
	CHECK(FAILS_NULL(realpath("/etc/pith-release/x", buf), ENOTDIR));
	CHECK(FAILS_NULL(realpath("/etc/pith-release/", buf), ENOTDIR));
	CHECK(FAILS_NULL(realpath("/etc/pith-release/..", buf), ENOTDIR));
	CHECK(FAILS_NULL(realpath("/etc/pith-release/.", buf), ENOTDIR));
	CHECK(FAILS_NULL(realpath(NULL, buf), EINVAL));
	/* A name over NAME_MAX, a path of PATH_MAX bytes. */
	char *big = malloc(PATH_MAX + 2);
	CHECK(big);
	snprintf(big, PATH_MAX, "/tmp/%s", too_long_name());
	CHECK(FAILS_NULL(realpath(big, buf), ENAMETOOLONG));
	memset(big, '/', PATH_MAX);
	big[PATH_MAX] = 0;
	CHECK(FAILS_NULL(realpath(big, buf), ENAMETOOLONG));
	memcpy(big + PATH_MAX - 5, "/tmp", 5);     /* 4095 bytes: fine */
	CHECK(realpath(big, buf) && !strcmp(buf, "/tmp"));
	free(big);
	/* A user without search permission on a directory. */
	CHECK(mkdir("/tmp/rp/priv", 0700) == 0 && touch("/tmp/rp/priv/f", 0644) == 0);
	CHECK(as_user(realpath_user) == 0);
	/* The working directory removed: no name. */
	CHECK(mkdir("/tmp/rp/gone", 0755) == 0 && chdir("/tmp/rp/gone") == 0);
	CHECK(rmdir("/tmp/rp/gone") == 0);
	CHECK(FAILS_NULL(realpath(".", buf), ENOENT));
	CHECK(chdir("/") == 0);
	CHECK(unlink("/tmp/rp/priv/f") == 0 && rmdir("/tmp/rp/priv") == 0);
	CHECK(rmdir("/tmp/rp/sub") == 0 && rmdir("/tmp/rp") == 0);
	CHECK(ram_is(b0, n0));
	return 0;
}

/* ---- scandir ------------------------------------------------------------ */

static int no_dots(const struct dirent *e)
{
	errno = 77;          /* a filter's errno must not look like a failure */
	return e->d_name[0] != '.';
}

static int none(const struct dirent *e)
{
	return 0;
}

static int backwards(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*b)->d_name, (*a)->d_name);
}

/* By the first letter only: ties keep the order read (stable). */
static int first_letter(const struct dirent **a, const struct dirent **b)
{
	return (*a)->d_name[0] - (*b)->d_name[0];
}

static void free_list(struct dirent **l, int n)
{
	for (int i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

static bool names_are(struct dirent **l, int n, const char *const *want)
{
	for (int i = 0; i < n; i++)
		if (!want[i] || strcmp(l[i]->d_name, want[i]))
			return false;
	return !want[n];
}

static int case_scandir(void)
{
	struct dirent **l;
	char name[64];
	int n;

	CHECK(mkdir("/tmp/sd", 0755) == 0);
	static const char *const made[] = { "b", "a", "dd", "c" };
	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "/tmp/sd/%s", made[i]);
		CHECK(touch(name, 0644) == 0);
	}
	errno = 5;
	n = scandir("/tmp/sd", &l, NULL, alphasort);
	CHECK(n == 6 && errno == 5);
	CHECK(names_are(l, n, (const char *const[]){ ".", "..", "a", "b", "c", "dd", NULL }));
	CHECK(l[2]->d_type == DT_REG && l[0]->d_type == DT_DIR);
	free_list(l, n);
	/* No compar: the order read (fs: ".", "..", then as made). */
	n = scandir("/tmp/sd", &l, NULL, NULL);
	CHECK(names_are(l, n, (const char *const[]){ ".", "..", "b", "a", "dd", "c", NULL }));
	free_list(l, n);
	n = scandir("/tmp/sd", &l, no_dots, backwards);
	CHECK(names_are(l, n, (const char *const[]){ "dd", "c", "b", "a", NULL }));
	free_list(l, n);
	n = scandir("/tmp/sd", &l, no_dots, first_letter);
	CHECK(names_are(l, n, (const char *const[]){ "a", "b", "c", "dd", NULL }));
	free_list(l, n);
	n = scandir("/tmp/sd", &l, none, alphasort);
	CHECK(n == 0 && l);
	free(l);
	/* More entries than one getdents answer holds, made out of order. */
	for (int i = 39; i >= 0; i--) {
		snprintf(name, sizeof(name), "/tmp/sd/many-file-%02d", (i * 7) % 40);
		CHECK(touch(name, 0600) == 0);
	}
	n = scandir("/tmp/sd", &l, no_dots, alphasort);
	CHECK(n == 44);
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "many-file-%02d", i);
		CHECK(!strcmp(l[4 + i]->d_name, name));
	}
	free_list(l, n);
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "/tmp/sd/many-file-%02d", i);
		CHECK(unlink(name) == 0);
	}
	/* Errors: opendir's. */
	l = (struct dirent **)1;
	CHECK(FAILS(scandir("/tmp/nope", &l, NULL, alphasort), ENOENT));
	CHECK(l == (struct dirent **)1);
	CHECK(FAILS(scandir(release, &l, NULL, alphasort), ENOTDIR));
	CHECK(FAILS(scandir("", &l, NULL, alphasort), ENOENT));
	n = scandir("/etc", &l, NULL, alphasort);
	CHECK(n >= 3 && !strcmp(l[0]->d_name, "."));
	bool found = false;
	for (int i = 0; i < n; i++)
		found |= !strcmp(l[i]->d_name, "pith-release");
	free_list(l, n);
	CHECK(found);
	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "/tmp/sd/%s", made[i]);
		CHECK(unlink(name) == 0);
	}
	CHECK(rmdir("/tmp/sd") == 0);
	return 0;
}

/* ---- pathconf, fpathconf -------------------------------------------------- */

static int case_pathconf(void)
{
	int p[2];

	CHECK(pathconf("/", _PC_NAME_MAX) == 255 && pathconf("/tmp", _PC_NAME_MAX) == 255);
	CHECK(pathconf("/", _PC_PATH_MAX) == 4096);
	CHECK(pathconf(release, _PC_LINK_MAX) == LINK_MAX);
	CHECK(pathconf("/tmp", _PC_PIPE_BUF) == 4096);
	CHECK(pathconf("/tmp", _PC_NO_TRUNC) == 1);
	CHECK(pathconf("/tmp", _PC_CHOWN_RESTRICTED) == 1);
	CHECK(pathconf("/dev/console", _PC_VDISABLE) == 0);
	CHECK(pathconf("/dev/console", _PC_MAX_CANON) == MAX_CANON);
	CHECK(pathconf("/dev/console", _PC_MAX_INPUT) == MAX_INPUT);
	CHECK(pathconf("/tmp", _PC_FILESIZEBITS) == 64);
	CHECK(pathconf("/tmp", _PC_2_SYMLINKS) == 0);
	/* No limit (or no such option): -1, errno untouched. */
	errno = 0;
	CHECK(pathconf("/tmp", _PC_SYMLINK_MAX) == -1 && errno == 0);
	CHECK(pathconf("/tmp", _PC_REC_MAX_XFER_SIZE) == -1 && errno == 0);
	CHECK(pathconf("/tmp", _PC_ASYNC_IO) == -1 && errno == 0);
	/* _PC_NO_TRUNC holds: a longer name is an error, not cut. */
	char path[300];
	snprintf(path, sizeof(path), "/tmp/%s", too_long_name());
	CHECK(FAILS(open(path, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG));
	/* fpathconf: the same, through fstat. */
	CHECK(pipe(p) == 0);
	CHECK(fpathconf(p[0], _PC_PIPE_BUF) == 4096 && fpathconf(p[1], _PC_NAME_MAX) == 255);
	CHECK(fpathconf(0, _PC_VDISABLE) == 0);
	/* Errors. */
	CHECK(FAILS(pathconf("/", 999), EINVAL));
	CHECK(FAILS(pathconf("/", -1), EINVAL));
	CHECK(FAILS(fpathconf(p[0], 21), EINVAL));
	CHECK(FAILS(pathconf("/nope", _PC_NAME_MAX), ENOENT));
	CHECK(FAILS(pathconf("", _PC_NAME_MAX), ENOENT));
	CHECK(FAILS(pathconf("/etc/pith-release/x", _PC_NAME_MAX), ENOTDIR));
	CHECK(FAILS(pathconf(path, _PC_NAME_MAX), ENAMETOOLONG));
	CHECK(FAILS(fpathconf(-1, _PC_NAME_MAX), EBADF));
	CHECK(FAILS(fpathconf(63, _PC_NAME_MAX), EBADF));
	CHECK(FAILS(fpathconf(64, _PC_NAME_MAX), EBADF));
	close(p[0]);
	CHECK(FAILS(fpathconf(p[0], _PC_PIPE_BUF), EBADF));
	close(p[1]);
	return 0;
}

/* ---- fsync, fdatasync --------------------------------------------------- */

static int case_fsync(void)
{
	int fd, p[2];

	CHECK((fd = open(release, O_RDONLY)) >= 0);
	CHECK(fsync(fd) == 0 && fdatasync(fd) == 0);
	close(fd);
	CHECK((fd = open("/tmp/fs", O_RDWR | O_CREAT, 0644)) >= 0);
	CHECK(write(fd, "x", 1) == 1 && fsync(fd) == 0 && fdatasync(fd) == 0);
	close(fd);
	CHECK(unlink("/tmp/fs") == 0);
	CHECK((fd = open("/tmp", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK(fsync(fd) == 0 && fdatasync(fd) == 0);
	close(fd);
	/* A pipe and devices: EINVAL (Linux's answer). */
	CHECK(pipe(p) == 0);
	CHECK(FAILS(fsync(p[0]), EINVAL) && FAILS(fsync(p[1]), EINVAL));
	CHECK(FAILS(fdatasync(p[1]), EINVAL));
	close(p[0]);
	close(p[1]);
	CHECK((fd = open("/dev/console", O_RDWR)) >= 0);
	CHECK(FAILS(fsync(fd), EINVAL) && FAILS(fdatasync(fd), EINVAL));
	close(fd);
	CHECK((fd = open("/dev/null", O_WRONLY)) >= 0 && FAILS(fsync(fd), EINVAL));
	close(fd);
	/* Not a descriptor. */
	CHECK(FAILS(fsync(fd), EBADF) && FAILS(fdatasync(fd), EBADF));
	CHECK(FAILS(fsync(-1), EBADF) && FAILS(fsync(64), EBADF));
	sync();
	return 0;
}

/* ---- mktemp ------------------------------------------------------------- */

static int case_mktemp(void)
{
	char t1[] = "/tmp/mtXXXXXX", t2[] = "/tmp/mtXXXXXX";
	struct stat st;

	CHECK(mktemp(t1) == t1 && !strstr(t1, "XXXXXX") && !strncmp(t1, "/tmp/mt", 7));
	CHECK(strlen(t1) == 13);
	CHECK(FAILS(lstat(t1, &st), ENOENT));
	CHECK(touch(t1, 0600) == 0);
	/* A name taken is not given again. */
	for (int i = 0; i < 50; i++) {
		strcpy(t2, "/tmp/mtXXXXXX");
		CHECK(mktemp(t2) == t2 && strcmp(t1, t2) && FAILS(lstat(t2, &st), ENOENT));
	}
	CHECK(unlink(t1) == 0);
	/* Relative, and in a directory that is not there (the name is
	 * free: lstat says so). */
	char rel[] = "XXXXXX", gone[] = "/nope/fXXXXXX";
	CHECK(mktemp(rel) == rel && strlen(rel) == 6 && strcmp(rel, "XXXXXX"));
	CHECK(mktemp(gone) == gone && strncmp(gone, "/nope/f", 7) == 0 && strlen(gone) == 13);
	/* Bad templates: "" and EINVAL. */
	char few[] = "/tmp/mtXXXXX", mid[] = "/tmp/XXXXXXa", empty[] = "";
	errno = 0;
	CHECK(mktemp(few) == few && few[0] == 0 && errno == EINVAL);
	errno = 0;
	CHECK(mktemp(mid) == mid && mid[0] == 0 && errno == EINVAL);
	errno = 0;
	CHECK(mktemp(empty) == empty && empty[0] == 0 && errno == EINVAL);
	/* A path through a file: no name can be made there. */
	char thru[] = "/etc/pith-release/XXXXXX";
	errno = 0;
	CHECK(mktemp(thru) == thru && thru[0] == 0 && errno == ENOTDIR);
	return 0;
}

/* ---- chown family ----------------------------------------------------------- */

static int ids_are(const char *path, uid_t u, gid_t g)
{
	struct stat st;

	return stat(path, &st) == 0 && st.st_uid == u && st.st_gid == g;
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? (mode_t)-1 : st.st_mode;
}

static int chown_user(void)
{
	const char *mine = "/tmp/co_mine", *root = "/tmp/co_root";

	/* Another's file: nothing but "-1, -1". */
	CHECK(chown(root, (uid_t)-1, (gid_t)-1) == 0);
	CHECK(FAILS(chown(root, 1000, (gid_t)-1), EPERM));
	CHECK(FAILS(chown(root, (uid_t)-1, 100), EPERM));
	CHECK(FAILS(chown(root, 0, (gid_t)-1), EPERM));        /* its own id: not the owner */
	CHECK(ids_are(root, 0, 0));
	/* Its own file: a group of its own, not another owner. */
	CHECK(touch(mine, 06755) == 0 && (mode_of(mine) & 07777) == 06755);
	CHECK(ids_are(mine, 1000, 100));
	CHECK(chown(mine, 1000, (gid_t)-1) == 0);              /* itself again */
	CHECK((mode_of(mine) & 06000) == 0);                   /* a change: set-ids gone */
	CHECK(chmod(mine, 06755) == 0);
	CHECK(chown(mine, (uid_t)-1, 300) == 0 && ids_are(mine, 1000, 300));
	CHECK((mode_of(mine) & 07777) == 0755);
	CHECK(chown(mine, (uid_t)-1, 100) == 0 && ids_are(mine, 1000, 100));
	CHECK(FAILS(chown(mine, (uid_t)-1, 400), EPERM));
	CHECK(FAILS(chown(mine, 0, (gid_t)-1), EPERM));
	CHECK(FAILS(chown(mine, 2000, 100), EPERM) && ids_are(mine, 1000, 100));
	int fd = open(mine, O_RDONLY);
	CHECK(fd >= 0 && fchown(fd, (uid_t)-1, 300) == 0 && ids_are(mine, 1000, 300));
	CHECK(FAILS(fchown(fd, 0, 0), EPERM));
	close(fd);
	/* A directory keeps its set-group-id bit. */
	CHECK(mkdir("/tmp/co_dir", 0755) == 0 && chmod("/tmp/co_dir", 02755) == 0);
	CHECK(chown("/tmp/co_dir", (uid_t)-1, 300) == 0);
	CHECK((mode_of("/tmp/co_dir") & 07777) == 02755 && ids_are("/tmp/co_dir", 1000, 300));
	CHECK(rmdir("/tmp/co_dir") == 0 && unlink(mine) == 0);
	return 0;
}

static int case_chown(void)
{
	const char *f = "/tmp/co";
	struct stat a, b;
	int fd, p[2];

	CHECK(touch(f, 0644) == 0 && stat(f, &a) == 0);
	CHECK(chown(f, 1000, 100) == 0 && ids_are(f, 1000, 100));
	CHECK(stat(f, &b) == 0 && ts_le(a.st_ctim, b.st_ctim) &&
	      !ts_is(b.st_ctim, a.st_ctim.tv_sec, a.st_ctim.tv_nsec));
	CHECK(ts_is(b.st_mtim, a.st_mtim.tv_sec, a.st_mtim.tv_nsec));
	CHECK(chown(f, (uid_t)-1, (gid_t)-1) == 0 && ids_are(f, 1000, 100));
	CHECK(chown(f, (uid_t)-1, 200) == 0 && ids_are(f, 1000, 200));
	CHECK(chown(f, 7, (gid_t)-1) == 0 && ids_are(f, 7, 200));
	CHECK(lchown(f, 0, 0) == 0 && ids_are(f, 0, 0));
	CHECK((fd = open(f, O_RDONLY)) >= 0);
	CHECK(fchown(fd, 5, 6) == 0 && ids_are(f, 5, 6));
	CHECK(fchownat(fd, "", 3, 4, AT_EMPTY_PATH) == 0 && ids_are(f, 3, 4));
	int dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0 && fchownat(dfd, "co", 8, 9, AT_SYMLINK_NOFOLLOW) == 0);
	CHECK(ids_are(f, 8, 9));
	CHECK(fchownat(AT_FDCWD, f, 0, 0, 0) == 0 && ids_are(f, 0, 0));
	/* Root's change keeps the set-id bits (POSIX leaves it to us). */
	CHECK(chmod(f, 06755) == 0 && chown(f, 1000, 100) == 0);
	CHECK((mode_of(f) & 07777) == 06755);
	CHECK(chown(f, 0, 0) == 0 && chmod(f, 0644) == 0);
	/* Errors. */
	CHECK(FAILS(chown(release, 0, 0), EROFS));
	CHECK(FAILS(chown("/dev/null", 0, 0), EROFS));
	CHECK(FAILS(fchown(0, 0, 0), EROFS));                  /* the console */
	CHECK(FAILS(chown("/tmp/nope", 0, 0), ENOENT) && FAILS(chown("", 0, 0), ENOENT));
	CHECK(FAILS(chown("/etc/pith-release/x", 0, 0), ENOTDIR));
	char path[300];
	snprintf(path, sizeof(path), "/tmp/%s", too_long_name());
	CHECK(FAILS(chown(path, 0, 0), ENAMETOOLONG));
	CHECK(FAILS(fchown(-1, 0, 0), EBADF) && FAILS(fchown(63, 0, 0), EBADF));
	CHECK(FAILS(fchown(64, 0, 0), EBADF));
	CHECK(FAILS(fchownat(dfd, "co", 0, 0, 0x1), EINVAL));
	CHECK(FAILS(fchownat(40, "co", 0, 0, 0), EBADF));
	CHECK(FAILS(fchownat(fd, "co", 0, 0, 0), ENOTDIR));    /* a file as dirfd */
	CHECK(FAILS(fchownat(40, "", 0, 0, AT_EMPTY_PATH), EBADF));
	CHECK(pipe(p) == 0 && FAILS(fchown(p[0], 0, 0), EINVAL));
	close(p[0]);
	close(p[1]);
	close(fd);
	close(dfd);
	/* A user's limits. */
	CHECK(touch("/tmp/co_root", 0644) == 0);
	CHECK(as_user(chown_user) == 0);
	CHECK(unlink("/tmp/co_root") == 0 && unlink(f) == 0);
	return 0;
}

/* ---- utimensat, futimens, utimes ---------------------------------------------- */

static int times_are(const char *path, time_t as, long ans, time_t ms, long mns)
{
	struct stat st;

	return stat(path, &st) == 0 && ts_is(st.st_atim, as, ans) &&
	       ts_is(st.st_mtim, ms, mns);
}

static int utimens_user(void)
{
	const struct timespec set[2] = { { 10, 0 }, { 20, 0 } };
	const struct timespec now2[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	const struct timespec mixed[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	const struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };

	/* Root's 0644 file: not the owner, no write permission. */
	CHECK(FAILS(utimensat(AT_FDCWD, "/tmp/ut_ro", NULL, 0), EACCES));
	CHECK(FAILS(utimensat(AT_FDCWD, "/tmp/ut_ro", now2, 0), EACCES));
	CHECK(FAILS(utimensat(AT_FDCWD, "/tmp/ut_ro", set, 0), EPERM));
	CHECK(FAILS(utimes("/tmp/ut_ro", NULL), EACCES));
	CHECK(utimensat(AT_FDCWD, "/tmp/ut_ro", omit, 0) == 0);
	/* Root's 0666 file: "now" is a writer's right, a time of one's
	 * choosing the owner's only. */
	struct timespec t0 = now();
	CHECK(utimensat(AT_FDCWD, "/tmp/ut_rw", NULL, 0) == 0);
	struct stat st;
	CHECK(stat("/tmp/ut_rw", &st) == 0 && ts_le(t0, st.st_mtim) && ts_le(t0, st.st_atim));
	CHECK(utimensat(AT_FDCWD, "/tmp/ut_rw", now2, 0) == 0);
	CHECK(FAILS(utimensat(AT_FDCWD, "/tmp/ut_rw", set, 0), EPERM));
	CHECK(FAILS(utimensat(AT_FDCWD, "/tmp/ut_rw", mixed, 0), EPERM));
	/* Its own file: anything. */
	CHECK(touch("/tmp/ut_mine", 0600) == 0);
	CHECK(utimensat(AT_FDCWD, "/tmp/ut_mine", set, 0) == 0);
	CHECK(times_are("/tmp/ut_mine", 10, 0, 20, 0));
	CHECK(unlink("/tmp/ut_mine") == 0);
	return 0;
}

static int case_utimens(void)
{
	const char *f = "/tmp/ut";
	struct stat a, b;
	int fd, p[2];

	CHECK(touch(f, 0644) == 0 && stat(f, &a) == 0);
	CHECK(utimensat(AT_FDCWD, f, (struct timespec[]){ { 100, 5 }, { 200, 7 } }, 0) == 0);
	CHECK(times_are(f, 100, 5, 200, 7));
	CHECK(stat(f, &b) == 0 && ts_le(a.st_ctim, b.st_ctim) &&
	      !ts_is(b.st_ctim, a.st_ctim.tv_sec, a.st_ctim.tv_nsec));
	/* UTIME_OMIT leaves one, UTIME_NOW takes the clock. */
	CHECK(utimensat(AT_FDCWD, f, (struct timespec[]){ { 1, UTIME_OMIT }, { 300, 0 } }, 0) == 0);
	CHECK(times_are(f, 100, 5, 300, 0));
	struct timespec t0 = now();
	CHECK(utimensat(AT_FDCWD, f, (struct timespec[]){ { 1, UTIME_NOW }, { 1, UTIME_OMIT } }, 0) == 0);
	CHECK(stat(f, &b) == 0 && ts_le(t0, b.st_atim) && ts_is(b.st_mtim, 300, 0));
	CHECK(ts_le(b.st_atim, now()) && ts_le(b.st_atim, b.st_ctim));
	/* Both omitted: nothing at all changes, not even ctime. */
	CHECK(stat(f, &a) == 0);
	CHECK(utimensat(AT_FDCWD, f, (struct timespec[]){ { 1, UTIME_OMIT }, { 2, UTIME_OMIT } }, 0) == 0);
	CHECK(stat(f, &b) == 0 && ts_is(b.st_ctim, a.st_ctim.tv_sec, a.st_ctim.tv_nsec));
	/* NULL: both now. */
	t0 = now();
	CHECK(utimensat(AT_FDCWD, f, NULL, 0) == 0);
	CHECK(stat(f, &b) == 0 && ts_le(t0, b.st_atim) && ts_le(t0, b.st_mtim));
	/* Before the epoch, the largest nanosecond. */
	CHECK(utimensat(AT_FDCWD, f, (struct timespec[]){ { -5, 999999999 }, { 0, 0 } }, 0) == 0);
	CHECK(times_are(f, -5, 999999999, 0, 0));
	/* futimens, relative with a dirfd, AT_EMPTY_PATH. */
	CHECK((fd = open(f, O_RDONLY)) >= 0);
	CHECK(futimens(fd, (struct timespec[]){ { 11, 1 }, { 12, 2 } }) == 0);
	CHECK(times_are(f, 11, 1, 12, 2));
	int dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0 && utimensat(dfd, "ut", (struct timespec[]){ { 13, 3 }, { 14, 4 } },
				    AT_SYMLINK_NOFOLLOW) == 0);
	CHECK(times_are(f, 13, 3, 14, 4));
	CHECK(utimensat(fd, "", (struct timespec[]){ { 15, 5 }, { 16, 6 } }, AT_EMPTY_PATH) == 0);
	CHECK(times_are(f, 15, 5, 16, 6));
	/* utimes: microseconds. */
	CHECK(utimes(f, (struct timeval[]){ { 400, 9 }, { 500, 999999 } }) == 0);
	CHECK(times_are(f, 400, 9000, 500, 999999000));
	t0 = now();
	CHECK(utimes(f, NULL) == 0 && stat(f, &b) == 0 && ts_le(t0, b.st_mtim));
	CHECK(FAILS(utimes(f, (struct timeval[]){ { 1, 1000000 }, { 1, 0 } }), EINVAL));
	CHECK(FAILS(utimes(f, (struct timeval[]){ { 1, 0 }, { 1, -1 } }), EINVAL));
	/* A directory of /tmp too. */
	CHECK(utimensat(AT_FDCWD, "/tmp", (struct timespec[]){ { 0, UTIME_OMIT }, { 0, UTIME_NOW } }, 0) == 0);
	/* Errors: a bad nanosecond (before the path is looked at). */
	CHECK(FAILS(utimensat(AT_FDCWD, f, (struct timespec[]){ { 1, 1000000000 }, { 1, 0 } }, 0), EINVAL));
	CHECK(FAILS(utimensat(AT_FDCWD, f, (struct timespec[]){ { 1, 0 }, { 1, -1 } }, 0), EINVAL));
	CHECK(FAILS(futimens(fd, (struct timespec[]){ { 1, UTIME_NOW + 1 }, { 1, 0 } }), EINVAL));
	CHECK(FAILS(utimensat(AT_FDCWD, "/nope", (struct timespec[]){ { 1, -7 }, { 1, 0 } }, 0), EINVAL));
	CHECK(times_are(f, b.st_atim.tv_sec, b.st_atim.tv_nsec, b.st_mtim.tv_sec,
			b.st_mtim.tv_nsec));
	CHECK(FAILS(utimensat(AT_FDCWD, f, NULL, 0x1), EINVAL));       /* flags */
	CHECK(FAILS(utimensat(AT_FDCWD, release, NULL, 0), EROFS));
	CHECK(FAILS(utimensat(AT_FDCWD, "/etc", NULL, 0), EROFS));
	CHECK(FAILS(futimens(0, NULL), EROFS));                         /* the console */
	CHECK(FAILS(utimensat(AT_FDCWD, "/tmp/nope", NULL, 0), ENOENT));
	CHECK(FAILS(utimensat(AT_FDCWD, "", NULL, 0), ENOENT));
	CHECK(FAILS(utimensat(AT_FDCWD, "/etc/pith-release/x", NULL, 0), ENOTDIR));
	CHECK(FAILS(futimens(-1, NULL), EBADF) && FAILS(futimens(63, NULL), EBADF));
	CHECK(FAILS(utimensat(41, "ut", NULL, 0), EBADF));
	CHECK(pipe(p) == 0 && FAILS(futimens(p[1], NULL), EINVAL));
	close(p[0]);
	close(p[1]);
	close(fd);
	close(dfd);
	/* A user's limits. */
	CHECK(touch("/tmp/ut_ro", 0644) == 0 && touch("/tmp/ut_rw", 0666) == 0);
	CHECK(as_user(utimens_user) == 0);
	CHECK(unlink("/tmp/ut_ro") == 0 && unlink("/tmp/ut_rw") == 0 && unlink(f) == 0);
	return 0;
}

/* ---- posix_fadvise, posix_fallocate ------------------------------------------- */

static int case_fadvise(void)
{
	int fd, p[2];

	CHECK((fd = open(release, O_RDONLY)) >= 0);
	errno = 123;
	for (int a = POSIX_FADV_NORMAL; a <= POSIX_FADV_NOREUSE; a++)
		CHECK(posix_fadvise(fd, 0, 0, a) == 0);
	CHECK(posix_fadvise(fd, 100, 4096, POSIX_FADV_WILLNEED) == 0);
	CHECK(posix_fadvise(fd, 0, 0, 6) == EINVAL && posix_fadvise(fd, 0, 0, -1) == EINVAL);
	CHECK(posix_fadvise(fd, 0, -1, POSIX_FADV_NORMAL) == EINVAL);
	close(fd);
	CHECK(posix_fadvise(fd, 0, 0, POSIX_FADV_NORMAL) == EBADF);
	CHECK(posix_fadvise(-1, 0, 0, POSIX_FADV_NORMAL) == EBADF);
	CHECK(pipe(p) == 0);
	CHECK(posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL) == ESPIPE);
	CHECK(posix_fadvise(p[1], 0, 0, POSIX_FADV_SEQUENTIAL) == ESPIPE);
	close(p[0]);
	close(p[1]);
	CHECK((fd = open("/tmp", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0);
	close(fd);
	CHECK(errno == 123);                  /* the error is the result */
	return 0;
}

static bool zeros(int fd, off_t from, off_t to)
{
	char buf[256];

	for (off_t o = from; o < to;) {
		size_t k = to - o < (off_t)sizeof(buf) ? (size_t)(to - o) : sizeof(buf);
		if (pread(fd, buf, k, o) != (ssize_t)k)
			return false;
		for (size_t i = 0; i < k; i++)
			if (buf[i])
				return false;
		o += (off_t)k;
	}
	return true;
}

static int case_fallocate(void)
{
	const char *f = "/tmp/fa";
	uint64_t b0, n0;
	struct stat st;
	char buf[4];
	int fd, p[2];

	CHECK(ram_info(&b0, &n0) == 0);
	CHECK((fd = open(f, O_RDWR | O_CREAT | O_TRUNC, 0644)) >= 0);
	errno = 321;
	CHECK(posix_fallocate(fd, 0, 100) == 0 && fstat(fd, &st) == 0 && st.st_size == 100);
	CHECK(zeros(fd, 0, 100) && lseek(fd, 0, SEEK_CUR) == 0);
	CHECK(pwrite(fd, "abc", 3, 0) == 3);
	/* Inside the file: nothing changes. */
	CHECK(posix_fallocate(fd, 0, 50) == 0 && fstat(fd, &st) == 0 && st.st_size == 100);
	CHECK(pread(fd, buf, 3, 0) == 3 && !memcmp(buf, "abc", 3));
	/* Past the end: zeros, and the blocks taken. */
	CHECK(posix_fallocate(fd, 1000, 2000) == 0 && fstat(fd, &st) == 0 && st.st_size == 3000);
	CHECK(zeros(fd, 3, 3000));
	CHECK(ram_is(b0 + 3 * 1024, n0 + 1));
	/* Errors, returned (errno untouched). */
	CHECK(posix_fallocate(fd, 0, 0) == EINVAL && posix_fallocate(fd, 0, -1) == EINVAL);
	CHECK(posix_fallocate(fd, -1, 10) == EINVAL);
	CHECK(posix_fallocate(fd, 1ll << 62, 1) == EFBIG);
	CHECK(posix_fallocate(fd, 1, INT64_MAX) == EFBIG);
	CHECK(posix_fallocate(fd, 0, 2 << 20) == ENOSPC);        /* over /tmp's 1 MiB */
	CHECK(fstat(fd, &st) == 0 && st.st_size == 3000);
	CHECK(ram_is(b0 + 3 * 1024, n0 + 1));
	close(fd);
	CHECK(posix_fallocate(fd, 0, 1) == EBADF && posix_fallocate(-1, 0, 1) == EBADF);
	CHECK(posix_fallocate(64, 0, 1) == EBADF);
	CHECK((fd = open(f, O_RDONLY)) >= 0 && posix_fallocate(fd, 0, 1) == EBADF);
	close(fd);
	CHECK(pipe(p) == 0);
	CHECK(posix_fallocate(p[1], 0, 1) == ESPIPE);
	CHECK(posix_fallocate(p[0], 0, 1) == EBADF);              /* not for writing */
	close(p[0]);
	close(p[1]);
	CHECK((fd = open("/dev/null", O_WRONLY)) >= 0 && posix_fallocate(fd, 0, 1) == ENODEV);
	close(fd);
	CHECK((fd = open("/dev/zero", O_RDWR)) >= 0 && posix_fallocate(fd, 0, 1) == ENODEV);
	close(fd);
	CHECK(posix_fallocate(0, 0, 1) == ENODEV);                /* the console */
	CHECK(errno == 321);
	CHECK(unlink(f) == 0);
	CHECK(ram_is(b0, n0));
	return 0;
}

/* ---- what stays ENOSYS: no links, locks, shm ---------------------------------- */

static int case_enosys(void)
{
	char buf[8];

	CHECK(FAILS(link(release, "/tmp/l"), ENOSYS));
	CHECK(FAILS(symlink(release, "/tmp/l"), ENOSYS));
	CHECK(FAILS(readlink(release, buf, sizeof(buf)), ENOSYS));
	CHECK(FAILS(lockf(0, F_LOCK, 0), ENOSYS));
	return 0;
}

static const struct { const char *name; int (*fn)(void); } cases[] = {
	{ "realpath", case_realpath }, { "scandir", case_scandir },
	{ "pathconf", case_pathconf }, { "fsync", case_fsync },
	{ "mktemp", case_mktemp }, { "chown", case_chown },
	{ "utimens", case_utimens }, { "fadvise", case_fadvise },
	{ "fallocate", case_fallocate }, { "enosys", case_enosys },
};

int main(int argc, char **argv)
{
	for (unsigned i = 0; argc == 2 && i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!strcmp(argv[1], cases[i].name))
			return cases[i].fn();
	printf("posixtest: no such case\n");
	return 99;
}
