/*
 * The file server through POSIX calls (docs/proto-fs.md): run by proctest
 * as `fstest <case>`, one process per case, so that descriptors a failed
 * case leaves open do not reach the next. A case's result is its exit
 * status: 0 passed, else the line of the failed check (low byte).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <pith/syscall.h>
#include <proto/fs.h>
#include <proto/procsrv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FSCASE_PROG "fstest"
#include "fscase.h"

static const char release[] = "/etc/pith-release";

static int case_read(void)
{
	char buf[256], again[256];
	struct stat st;
	int fd = open(release, O_RDONLY);

	CHECK(fd >= 3);
	ssize_t n = read(fd, buf, sizeof(buf));
	CHECK(n > 10 && !memcmp(buf, "Pith ", 5) && buf[n - 1] == '\n');
	CHECK(fstat(fd, &st) == 0 && st.st_size == n);
	CHECK(read(fd, buf, sizeof(buf)) == 0);              /* end of file */
	CHECK(lseek(fd, 0, SEEK_CUR) == n);
	CHECK(lseek(fd, 2, SEEK_SET) == 2);
	CHECK(read(fd, again, 3) == 3 && !memcmp(again, buf + 2, 3));
	CHECK(lseek(fd, -1, SEEK_END) == n - 1);
	CHECK(read(fd, again, 10) == 1 && again[0] == '\n');
	CHECK(lseek(fd, 100, SEEK_END) == n + 100);          /* past the end */
	CHECK(read(fd, again, 10) == 0);
	CHECK(FAILS(lseek(fd, -1, SEEK_SET), EINVAL));
	CHECK(FAILS(lseek(fd, 0, 7), EINVAL));
	CHECK(pread(fd, again, 4, 5) == 4 && !memcmp(again, buf + 5, 4));
	CHECK(lseek(fd, 0, SEEK_CUR) == n + 100);            /* pread kept it */
	CHECK(FAILS(pread(fd, again, 4, -1), EINVAL));
	CHECK(close(fd) == 0);
	CHECK(FAILS(close(fd), EBADF));
	CHECK(FAILS(read(fd, buf, 1), EBADF));
	/* stdio on top. */
	FILE *f = fopen(release, "r");
	CHECK(f && fgets(again, sizeof(again), f) && !memcmp(again, buf, (size_t)n));
	CHECK(fclose(f) == 0);
	return 0;
}

static int case_stat(void)
{
	struct stat st, l;
	int fd;

	CHECK(stat(release, &st) == 0 && S_ISREG(st.st_mode));
	CHECK((st.st_mode & 07777) == 0644 && st.st_uid == 0 && st.st_gid == 0);
	CHECK(st.st_nlink == 1 && st.st_size > 0 && st.st_ino > 0);
	CHECK(lstat(release, &l) == 0 && l.st_ino == st.st_ino);
	CHECK((fd = open(release, O_RDONLY)) >= 0);
	CHECK(fstat(fd, &l) == 0 && l.st_ino == st.st_ino && l.st_size == st.st_size);
	close(fd);
	CHECK(stat("/", &st) == 0 && S_ISDIR(st.st_mode) && st.st_nlink >= 5);
	CHECK(stat("/etc", &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0755);
	CHECK(stat("/bin/suidroot", &st) == 0 && (st.st_mode & 07777) == 04755);
	CHECK(stat("/bin/proctest", &st) == 0 && (st.st_mode & 0111));
	CHECK(stat("/etc/secret", &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(stat("/dev/console", &st) == 0 && S_ISCHR(st.st_mode) &&
	      st.st_rdev == FS_DEV_CONSOLE);
	CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
	CHECK(stat("//etc/./../etc//pith-release", &l) == 0);
	CHECK(access("/bin/proctest", X_OK) == 0);
	CHECK(access(release, R_OK) == 0 && access(release, F_OK) == 0);
	CHECK(FAILS(access(release, X_OK), EACCES));   /* root too: no x bit */
	CHECK(FAILS(access(release, W_OK), EROFS));
	CHECK(access("/dev/null", W_OK) == 0);
	CHECK(FAILS(access("/nope", F_OK), ENOENT));
	CHECK(FAILS(access(release, 8), EINVAL));
	return 0;
}

static bool listed(const char *dir, const char *name, unsigned char type)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;

	if (!d)
		return false;
	while ((e = readdir(d)))
		if (!strcmp(e->d_name, name))
			found = type == DT_UNKNOWN || e->d_type == type;
	closedir(d);
	return found;
}

static int case_dir(void)
{
	char first[256];
	int n = 0;

	CHECK(listed("/", ".", DT_DIR) && listed("/", "..", DT_DIR));
	CHECK(listed("/", "bin", DT_DIR) && listed("/", "etc", DT_DIR));
	CHECK(listed("/", "sbin", DT_DIR) && listed("/", "dev", DT_DIR));
	CHECK(!listed("/", ".pad", DT_UNKNOWN));       /* the packer's fillers */
	CHECK(listed("/etc", "pith-release", DT_REG));
	CHECK(listed("/sbin", "fs", DT_REG) && listed("/bin", "fstest", DT_REG));
	CHECK(listed("/dev", "console", DT_CHR) && listed("/dev", "zero", DT_CHR));
	DIR *d = opendir("/bin");
	CHECK(d);
	struct dirent *e;
	while ((e = readdir(d)))
		if (n++ == 2)
			strcpy(first, e->d_name);
	CHECK(n > 8);                                   /* more than one batch */
	rewinddir(d);
	for (int i = 0; i < 3; i++)
		e = readdir(d);
	CHECK(e && !strcmp(e->d_name, first));
	CHECK(telldir(d) == 3);
	closedir(d);
	CHECK(!opendir(release) && errno == ENOTDIR);
	CHECK(!opendir("/nope") && errno == ENOENT);
	int fd = open("/etc", O_RDONLY | O_DIRECTORY);
	char buf[16];
	CHECK(fd >= 0);
	CHECK(FAILS(read(fd, buf, sizeof(buf)), EISDIR));
	CHECK(FAILS(getdents64(fd, buf, sizeof(buf)), EINVAL));   /* too small */
	CHECK(FAILS(lseek(fd, 0, SEEK_END), EINVAL));
	close(fd);
	fd = open(release, O_RDONLY);
	CHECK(FAILS(getdents64(fd, buf, sizeof(buf)), ENOTDIR));
	close(fd);
	return 0;
}

static int case_errors(void)
{
	static char longpath[FS_PATH_MAX + 8], longname[300];
	int fd;

	CHECK(FAILS(open("", O_RDONLY), ENOENT));
	CHECK(FAILS(open("/nope", O_RDONLY), ENOENT));
	CHECK(FAILS(open("/etc/nope/x", O_RDONLY), ENOENT));
	CHECK(FAILS(open("/etc/pith-release/x", O_RDONLY), ENOTDIR));
	CHECK(FAILS(open("/etc/pith-release/", O_RDONLY), ENOTDIR));
	memset(longpath, 'a', FS_PATH_MAX);
	longpath[0] = '/';
	CHECK(FAILS(open(longpath, O_RDONLY), ENAMETOOLONG));
	memset(longname, 'b', 257);
	longname[0] = '/';
	CHECK(FAILS(open(longname, O_RDONLY), ENAMETOOLONG));   /* 256 > NAME_MAX */
	longname[256] = 0;
	CHECK(FAILS(open(longname, O_RDONLY), ENOENT));         /* 255: allowed */
	CHECK(FAILS(open(release, O_WRONLY), EROFS));
	CHECK(FAILS(open(release, O_RDWR), EROFS));
	CHECK(FAILS(open(release, O_RDONLY | O_TRUNC), EROFS));
	CHECK(FAILS(open("/etc/new", O_WRONLY | O_CREAT, 0644), EROFS));
	CHECK(FAILS(creat("/etc/new", 0644), EROFS));
	CHECK(FAILS(open("/nope/new", O_WRONLY | O_CREAT, 0644), ENOENT));
	CHECK(FAILS(open(release, O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST));
	CHECK(FAILS(open("/etc", O_WRONLY), EISDIR));
	CHECK(FAILS(open(release, O_RDONLY | O_DIRECTORY), ENOTDIR));
	CHECK(FAILS(open(release, O_ACCMODE), EINVAL));
	CHECK(FAILS(read(-1, longname, 1), EBADF));
	CHECK(FAILS(read(63, longname, 1), EBADF));
	CHECK(FAILS(read(64, longname, 1), EBADF));
	CHECK(FAILS(write(99, "x", 1), EBADF));
	CHECK((fd = open(release, O_RDONLY)) >= 0);
	CHECK(FAILS(write(fd, "x", 1), EBADF));               /* not for writing */
	CHECK(FAILS(fcntl(fd, 12345), EINVAL));
	CHECK(FAILS(fcntl(fd, F_DUPFD, 64), EINVAL));
	CHECK(FAILS(dup2(fd, 64), EBADF));
	CHECK(FAILS(dup3(fd, fd, 0), EINVAL));
	CHECK(FAILS(dup3(fd, 20, O_APPEND), EINVAL));
	close(fd);
	CHECK((fd = open("/dev/null", O_WRONLY)) >= 0);
	CHECK(FAILS(read(fd, longname, 1), EBADF));
	close(fd);
	/* EMFILE at RLIMIT_NOFILE (64) descriptors. */
	int last = -1, opened = 0;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0) {
		last = fd;
		opened++;
	}
	CHECK(errno == EMFILE && last == 63 && opened == 61);
	CHECK(FAILS(dup(0), EMFILE));
	for (fd = 3; fd < 64; fd++)
		CHECK(close(fd) == 0);
	/* EACCES: mode bits against the caller's (file-system) ids. */
	CHECK((fd = open("/etc/secret", O_RDONLY)) >= 0);   /* root: 0600 */
	close(fd);
	pid_t pid = fork();
	if (pid == 0) {
		if (setgid(100) || setuid(1000))
			_exit(2);
		if (!FAILS(open("/etc/secret", O_RDONLY), EACCES))
			_exit(3);
		if (!FAILS(access("/etc/secret", R_OK), EACCES))
			_exit(4);
		if (!FAILS(stat("/etc/secret/x", &(struct stat){ 0 }), ENOTDIR))
			_exit(5);
		if ((fd = open(release, O_RDONLY)) < 0)
			_exit(6);              /* 0644: others may read */
		_exit(0);
	}
	CHECK(exited(pid) == 0);
	return 0;
}

static int case_dup(void)
{
	char c[4];
	int fd = open(release, O_RDONLY), d, e;

	CHECK(fd >= 0);
	CHECK((d = dup(fd)) > fd);
	CHECK(read(fd, c, 3) == 3);
	CHECK(lseek(d, 0, SEEK_CUR) == 3);           /* one description */
	CHECK((e = dup2(fd, 20)) == 20);
	CHECK(read(20, c, 2) == 2 && lseek(fd, 0, SEEK_CUR) == 5);
	CHECK(fcntl(d, F_GETFD) == 0);
	CHECK(dup2(fd, fd) == fd);
	CHECK(FAILS(dup2(50, 50), EBADF));
	int x = fcntl(fd, F_DUPFD_CLOEXEC, 30);
	CHECK(x == 30 && fcntl(x, F_GETFD) == FD_CLOEXEC);
	CHECK(fcntl(x, F_SETFD, 0) == 0 && fcntl(x, F_GETFD) == 0);
	CHECK(dup3(fd, 31, O_CLOEXEC) == 31 && fcntl(31, F_GETFD) == FD_CLOEXEC);
	CHECK(fcntl(fd, F_GETFL) == O_RDONLY);
	CHECK(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND) == 0);
	CHECK(fcntl(d, F_GETFL) == (O_RDONLY | O_NONBLOCK | O_APPEND));  /* shared */
	/* dup2 onto an open descriptor closes it first. */
	int y = open("/dev/null", O_RDONLY);
	CHECK(y >= 0 && dup2(fd, y) == y && lseek(y, 0, SEEK_CUR) == 5);
	CHECK(close(fd) == 0 && read(d, c, 1) == 1);  /* the others live on */
	CHECK(lseek(20, 0, SEEK_CUR) == 6);
	return 0;
}

static int case_fork(void)
{
	char c[8];
	int fd = open(release, O_RDONLY);

	CHECK(fd >= 0 && read(fd, c, 2) == 2);
	CHECK(chdir("/etc") == 0);
	pid_t pid = fork();
	if (pid == 0) {
		if (read(fd, c, 3) != 3 || fcntl(1, F_GETFD) < 0)
			_exit(2);
		close(fd);               /* the parent's stays open */
		char buf[64];
		_exit(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/etc") ? 0 : 3);
	}
	(void)chdir("/");            /* after the fork: the child keeps /etc */
	CHECK(pid > 0 && exited(pid) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 5);
	CHECK(read(fd, c, 1) == 1);
	return 0;
}

/* Run as `fstest cloexec_child <a> <b>`: a was O_CLOEXEC, b was not. */
static int cloexec_child(int a, int b)
{
	char c;

	CHECK(FAILS(fcntl(a, F_GETFD), EBADF));
	CHECK(fcntl(b, F_GETFD) == 0);
	CHECK(lseek(b, 0, SEEK_CUR) == 1 && read(b, &c, 1) == 1);
	CHECK(fcntl(0, F_GETFD) == 0 && isatty(1));
	return 0;
}

static int case_cloexec(void)
{
	char c, sa[8], sb[8];
	int a = open(release, O_RDONLY | O_CLOEXEC), b = open(release, O_RDONLY);

	CHECK(a >= 0 && b >= 0 && fcntl(a, F_GETFD) == FD_CLOEXEC);
	CHECK(read(b, &c, 1) == 1);
	snprintf(sa, sizeof(sa), "%d", a);
	snprintf(sb, sizeof(sb), "%d", b);
	pid_t pid = fork();
	if (pid == 0) {
		execve("/bin/fstest", (char *[]){ "fstest", "cloexec_child", sa, sb, NULL },
		       (char *[]){ NULL });
		_exit(99);
	}
	CHECK(exited(pid) == 0);
	CHECK(lseek(b, 0, SEEK_CUR) == 2);      /* the child read through it */
	return 0;
}

static int case_devices(void)
{
	static char big[9000];
	char buf[600];
	struct stat st;
	int fd;

	CHECK((fd = open("/dev/null", O_RDWR)) >= 0);
	CHECK(write(fd, big, sizeof(big)) == sizeof(big));
	CHECK(write(fd, "x", 1) == 1);
	CHECK(read(fd, buf, sizeof(buf)) == 0);
	CHECK(!isatty(fd) && errno == ENOTTY);
	close(fd);
	CHECK((fd = open("/dev/zero", O_RDONLY)) >= 0);
	memset(buf, 0xff, sizeof(buf));
	CHECK(read(fd, buf, 100) == 100 && !buf[0] && !buf[99] && buf[100] == (char)0xff);
	memset(big, 0xff, sizeof(big));
	CHECK(read(fd, big, sizeof(big)) == sizeof(big));
	for (size_t i = 0; i < sizeof(big); i++)
		CHECK(big[i] == 0);
	close(fd);
	CHECK((fd = open("/dev/console", O_WRONLY)) >= 0);
	const char hello[] = "  fstest: hello through /dev/console\n";
	CHECK(write(fd, hello, sizeof(hello) - 1) == sizeof(hello) - 1);
	memset(buf, '.', sizeof(buf));
	memcpy(buf, "  fstest: ", 10);
	buf[sizeof(buf) - 1] = '\n';
	CHECK(write(fd, buf, sizeof(buf)) == sizeof(buf));    /* copied by fs */
	CHECK(isatty(fd));
	CHECK(FAILS(lseek(fd, 0, SEEK_SET), ESPIPE));
	close(fd);
	/* Nothing typed (guest-proc's serial input is empty): a read
	 * would wait, so O_NONBLOCK's is EAGAIN. */
	CHECK((fd = open("/dev/console", O_RDONLY | O_NONBLOCK)) >= 0);
	CHECK(FAILS(read(fd, buf, 10), EAGAIN));
	CHECK(FAILS(write(fd, buf, 10), EBADF));
	close(fd);
	CHECK(isatty(0) && isatty(1) && isatty(2));
	CHECK(fstat(1, &st) == 0 && st.st_rdev == FS_DEV_CONSOLE);
	CHECK((fcntl(2, F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK(!isatty(40) && errno == EBADF);
	return 0;
}

static int case_cwd(void)
{
	char buf[64];
	int dfd, fd;

	CHECK(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"));
	CHECK(chdir("/etc") == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, "/etc"));
	CHECK((fd = open("pith-release", O_RDONLY)) >= 0);
	close(fd);
	CHECK(!getcwd(buf, 2) && errno == ERANGE);
	char *m = getcwd(NULL, 0);
	CHECK(m && !strcmp(m, "/etc"));
	free(m);
	CHECK(chdir("..") == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"));
	CHECK(chdir("..") == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"));
	CHECK(FAILS(chdir(release), ENOTDIR));
	CHECK(FAILS(chdir("/nope"), ENOENT));
	CHECK((dfd = open("/etc", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK((fd = openat(dfd, "pith-release", O_RDONLY)) >= 0);
	close(fd);
	CHECK(FAILS(openat(fd, "pith-release", O_RDONLY), EBADF));
	CHECK(FAILS(openat(0, "x", O_RDONLY), ENOTDIR));      /* the console */
	CHECK((fd = openat(0, release, O_RDONLY)) >= 0);      /* absolute: dirfd unused */
	close(fd);
	CHECK(fchdir(dfd) == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, "/etc"));
	struct stat st;
	CHECK(fstatat(dfd, "pith-release", &st, 0) == 0 && S_ISREG(st.st_mode));
	CHECK(fstatat(dfd, "", &st, AT_EMPTY_PATH) == 0 && S_ISDIR(st.st_mode));
	return 0;
}

/* Large reads are copied by fs into the caller's memory: into pages not
 * there yet (fresh mmap: demand-zero) too, and in pieces that agree with
 * the small (inline) reads. */
static int case_big(void)
{
	static char small[4096];
	struct stat st;
	int fd = open("/bin/fstest", O_RDONLY);

	CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 65536);
	size_t len = (size_t)st.st_size;
	char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(fd, m + got, len - got);
		CHECK(n > 0);
		got += (size_t)n;
	}
	CHECK(!memcmp(m + 1, "ELF", 3));
	for (size_t off = 0; off < len; off += 400) {
		ssize_t n = pread(fd, small, 400, (off_t)off);
		CHECK(n == (ssize_t)(len - off < 400 ? len - off : 400));
		CHECK(!memcmp(small, m + off, (size_t)n));
	}
	CHECK(pread(fd, small, sizeof(small), 4096) == sizeof(small));
	CHECK(!memcmp(small, m + 4096, sizeof(small)));
	munmap(m, len);
	close(fd);
	return 0;
}

static uint64_t per_call(int fd, char *buf, size_t n, int rounds)
{
	uint64_t t0 = pith_counter();

	for (int i = 0; i < rounds; i++)
		if (pread(fd, buf, n, 0) != (ssize_t)n)
			return 0;
	return (pith_counter() - t0) / (uint64_t)rounds;
}

static int case_bench(void)
{
	static char buf[4096];
	int fd = open("/bin/fstest", O_RDONLY);

	CHECK(fd >= 0);
	per_call(fd, buf, 1, 10);
	uint64_t one = per_call(fd, buf, 1, 1000);
	uint64_t page = per_call(fd, buf, 4096, 1000);
	uint64_t t0 = pith_counter();
	for (int i = 0; i < 1000; i++)
		getppid();
	uint64_t ppid = (pith_counter() - t0) / 1000;
	CHECK(one && page);
	printf("  fs_read_1: %llu, fs_read_4096: %llu, proc_getppid: %llu (counter ticks a call)\n",
	       (unsigned long long)one, (unsigned long long)page,
	       (unsigned long long)ppid);
	close(fd);
	return 0;
}

/* FS_INFO: descriptions and tables in use. */
static int fs_info(uint64_t *ofiles, uint64_t *tables)
{
	struct msg m;

	if (pith_ipc(SYS_CALL, PROC_SLOT_FS, MSG_INFO(FS_INFO, 3, 0), 0, 0, 0, &m))
		return -1;
	*ofiles = m.w[1];
	*tables = m.w[2];
	return (int)m.w[0];
}

/* Bad messages to fs: run fsfuzz a few times; fs answers every call,
 * refuses procsrv's calls from a process, and is left as it was. */
/* Remove path and all below it (a file or a directory). */
static int remove_tree(const char *path)
{
	struct stat st;
	char sub[512];

	if (stat(path, &st))
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	chmod(path, 0700);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (remove_tree(sub))
			break;
		rewinddir(d);       /* the entries moved up */
	}
	closedir(d);
	return rmdir(path);
}

static int case_fuzz(void)
{
	uint64_t o0, t0, o1, t1, rb0, rn0, rb1, rn1;
	char seed[24];

	CHECK(fs_info(&o0, &t0) == 0 && ram_info(&rb0, &rn0) == 0);
	CHECK(mkdir("/tmp/fz", 0777) == 0);
	for (int i = 0; i < 6; i++) {
		snprintf(seed, sizeof(seed), "%d", 77 + i * 7919);
		pid_t pid = fork();
		if (pid == 0) {
			execve("/bin/fsfuzz", (char *[]){ "fsfuzz", seed, "3000", NULL },
			       (char *[]){ NULL });
			_exit(90);
		}
		int st;
		CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
		/* Done, or ended by what it did to its own memory: never
		 * fs gone (status 3). */
		if (WIFEXITED(st) && WEXITSTATUS(st))
			printf("  fsfuzz %s: exit %d\n", seed, WEXITSTATUS(st));
		CHECK(!WIFEXITED(st) || WEXITSTATUS(st) == 0);
	}
	char buf[8];
	int fd = open(release, O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, 5) == 5 && !memcmp(buf, "Pith ", 5));
	close(fd);
	CHECK(fs_info(&o1, &t1) == 0);
	CHECK(o1 == o0 && t1 == t0);
	/* Whatever it made in /tmp goes; nothing is left held. */
	CHECK(remove_tree("/tmp/fz") == 0);
	CHECK(ram_info(&rb1, &rn1) == 0 && rb1 == rb0 && rn1 == rn0);
	return 0;
}


/* ---- pipes ---------------------------------------------------------- */

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static unsigned char big[100 << 10];

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + i / 251);
}

/* In a child: pipes until there are none left (0..2 closed: the 64
 * descriptors hold 32 pipes, fs's PIPE_MAX). */
static int pipes_run_out(void)
{
	int fds[2], n = 0;

	for (int fd = 0; fd < 3; fd++)
		close(fd);
	while (pipe(fds) == 0)
		n++;
	return errno == ENFILE && n == 32 ? 0 : 1;
}

/* Ends, errors, dup and close, SIGPIPE (in a child), O_NONBLOCK, PIPE_BUF. */
static int case_pipe(void)
{
	struct fs_counts c0;
	struct stat st;
	char buf[64];
	int fds[2], status;
	ssize_t k;

	CHECK(fs_counts(&c0) == 0 && c0.waiting == 0);
	CHECK(pipe(fds) == 0 && fds[0] >= 3 && fds[1] > fds[0]);
	CHECK(fstat(fds[0], &st) == 0 && S_ISFIFO(st.st_mode));
	CHECK(fstat(fds[1], &st) == 0 && S_ISFIFO(st.st_mode) && st.st_uid == getuid());
	CHECK((fcntl(fds[0], F_GETFL) & O_ACCMODE) == O_RDONLY);
	CHECK((fcntl(fds[1], F_GETFL) & O_ACCMODE) == O_WRONLY);
	CHECK(fcntl(fds[0], F_GETFD) == 0 && !isatty(fds[0]));
	CHECK(FAILS(lseek(fds[0], 0, SEEK_CUR), ESPIPE));
	CHECK(FAILS(pread(fds[0], buf, 1, 0), ESPIPE));
	CHECK(FAILS(pwrite(fds[1], "x", 1, 0), ESPIPE));
	CHECK(FAILS(write(fds[0], "x", 1), EBADF) && FAILS(read(fds[1], buf, 1), EBADF));
	CHECK(FAILS(getdents64(fds[0], buf, sizeof(buf)), ENOTDIR));
	CHECK(FAILS(fchdir(fds[0]), ENOTDIR));
	CHECK(write(fds[1], "hello", 5) == 5 && write(fds[1], "", 0) == 0);
	CHECK(read(fds[0], buf, 3) == 3 && !memcmp(buf, "hel", 3));
	CHECK(read(fds[0], buf, sizeof(buf)) == 2 && !memcmp(buf, "lo", 2));
	/* The write end lives while any descriptor names it. */
	int w2 = dup(fds[1]), w3 = fcntl(fds[1], F_DUPFD, 40);
	CHECK(w2 > fds[1] && w3 == 40 && close(fds[1]) == 0 && close(w3) == 0);
	CHECK(write(w2, "ab", 2) == 2 && read(fds[0], buf, sizeof(buf)) == 2);
	CHECK(dup2(w2, 50) == 50 && close(w2) == 0);
	CHECK(write(50, "c", 1) == 1 && close(50) == 0);
	CHECK(read(fds[0], buf, sizeof(buf)) == 1 && buf[0] == 'c');
	CHECK(read(fds[0], buf, sizeof(buf)) == 0);        /* no writer: end */
	CHECK(close(fds[0]) == 0 && fs_counts_same(&c0));
	/* No reader: SIGPIPE, which ends a writer that does not ignore it;
	 * one that does gets EPIPE. */
	CHECK(pipe2(fds, O_CLOEXEC) == 0);
	CHECK(fcntl(fds[0], F_GETFD) == FD_CLOEXEC && fcntl(fds[1], F_GETFD) == FD_CLOEXEC);
	CHECK(close(fds[0]) == 0);
	pid_t w = fork();
	if (w == 0) {
		(void)write(fds[1], "x", 1);
		_exit(0);               /* not reached: SIGPIPE ends it */
	}
	CHECK(w > 0 && waitpid(w, &status, 0) == w);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
	CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	CHECK(FAILS(write(fds[1], "x", 1), EPIPE));
	CHECK(FAILS(write(fds[1], big, 2000), EPIPE) && close(fds[1]) == 0);
	CHECK(signal(SIGPIPE, SIG_DFL) == SIG_IGN);
	CHECK(FAILS(pipe2(fds, O_APPEND), EINVAL));
	/* O_NONBLOCK on both ends: empty, then full. */
	CHECK(pipe2(fds, O_NONBLOCK) == 0 && (fcntl(fds[1], F_GETFL) & O_NONBLOCK));
	CHECK(FAILS(read(fds[0], buf, 1), EAGAIN));
	size_t total = 0, got = 0;
	while ((k = write(fds[1], big, 1000)) > 0)
		total += (size_t)k;
	CHECK(k == -1 && errno == EAGAIN && total >= PIPE_BUF);
	CHECK(FAILS(write(fds[1], big, PIPE_BUF), EAGAIN));
	/* Over PIPE_BUF: what fits goes in; then the pipe is full. */
	k = write(fds[1], big, sizeof(big));
	CHECK(k > 0 ? k < PIPE_BUF : errno == EAGAIN);
	total += k > 0 ? (size_t)k : 0;
	CHECK(FAILS(write(fds[1], big, 1), EAGAIN));
	/* Room for 50: a PIPE_BUF write goes in whole or not at all. */
	CHECK(read(fds[0], buf, 50) == 50);
	CHECK(FAILS(write(fds[1], big, PIPE_BUF), EAGAIN));
	CHECK(FAILS(write(fds[1], big, 51), EAGAIN));
	CHECK(write(fds[1], big, 50) == 50);
	got = 50;
	while ((k = read(fds[0], big, sizeof(big))) > 0)
		got += (size_t)k;
	CHECK(k == -1 && errno == EAGAIN && got == total + 50);
	/* A PIPE_BUF write into an empty pipe goes in whole; a larger
	 * non-blocking one takes what fits. */
	CHECK(write(fds[1], big, PIPE_BUF) == PIPE_BUF);
	k = write(fds[1], big, sizeof(big));
	CHECK(k > 0 && (size_t)k < sizeof(big));
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	/* None left: ENFILE; all back when the child is gone. */
	pid_t pid = fork();
	if (pid == 0)
		_exit(pipes_run_out());
	CHECK(pid > 0 && exited(pid) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

/* Across fork: the parent writes 100 KiB, a child reads and checks
 * them; then the child writes and the parent reads. */
static int case_pipe_fork(void)
{
	struct fs_counts c0;
	struct timespec t0, t1;
	int fds[2];

	CHECK(fs_counts(&c0) == 0);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = pattern(i);
	CHECK(pipe(fds) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		size_t got = 0;
		ssize_t k;
		close(fds[1]);
		memset(big, 0, sizeof(big));
		while ((k = read(fds[0], big + got, sizeof(big) - got)) > 0)
			got += (size_t)k;
		if (k || got != sizeof(big))
			_exit(2);
		for (size_t i = 0; i < sizeof(big); i++)
			if (big[i] != pattern(i))
				_exit(3);
		_exit(0);
	}
	CHECK(pid > 0 && close(fds[0]) == 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(write(fds[1], big, sizeof(big)) == (ssize_t)sizeof(big));
	CHECK(close(fds[1]) == 0);
	CHECK(exited(pid) == 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long us = (t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000;
	printf("  pipe_100k: %ld us through a pipe to a child (one write)\n", us);
	/* The reverse: the child writes lines, the parent reads to the end. */
	CHECK(pipe(fds) == 0);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		for (int i = 0; i < 100; i++)
			if (write(fds[1], "0123456789", 10) != 10)
				_exit(2);
		_exit(0);
	}
	CHECK(pid > 0 && close(fds[1]) == 0);
	char buf[600];
	size_t got = 0;
	ssize_t k;
	while ((k = read(fds[0], buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < k; i++)
			CHECK(buf[i] == '0' + (char)((got + (size_t)i) % 10));
		got += (size_t)k;
	}
	CHECK(k == 0 && got == 1000 && exited(pid) == 0);
	CHECK(close(fds[0]) == 0 && fs_counts_same(&c0));
	return 0;
}

/* End of file only when the last writer in any process is gone: a
 * second child keeps a write end and writes late. */
static int case_pipe_eof(void)
{
	struct fs_counts c0;
	char buf[16];
	int fds[2];

	CHECK(fs_counts(&c0) == 0);
	CHECK(pipe(fds) == 0);
	pid_t late = fork();
	if (late == 0) {
		close(fds[0]);
		nap(50);
		_exit(write(fds[1], "late", 4) == 4 ? 0 : 2);
	}
	pid_t quick = fork();
	if (quick == 0) {
		close(fds[0]);
		_exit(write(fds[1], "q", 1) == 1 ? 0 : 2);
	}
	CHECK(late > 0 && quick > 0 && close(fds[1]) == 0);
	CHECK(exited(quick) == 0);
	CHECK(read(fds[0], buf, sizeof(buf)) == 1 && buf[0] == 'q');
	/* Blocks until the late child writes, then until it is gone. */
	CHECK(read(fds[0], buf, sizeof(buf)) == 4 && !memcmp(buf, "late", 4));
	CHECK(read(fds[0], buf, sizeof(buf)) == 0);
	CHECK(exited(late) == 0);
	CHECK(close(fds[0]) == 0 && fs_counts_same(&c0));
	return 0;
}

/* A writer blocked on a full pipe is let go by a read; a reader blocked
 * on an empty one is killed and fs forgets its call. */
static int case_pipe_block(void)
{
	struct fs_counts c0;
	int fds[2];
	ssize_t k;

	CHECK(fs_counts(&c0) == 0);
	CHECK(pipe(fds) == 0);
	CHECK(fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0);
	size_t total = 0;
	memset(big, 'a', sizeof(big));
	while ((k = write(fds[1], big, 512)) > 0)
		total += (size_t)k;
	CHECK(k == -1 && errno == EAGAIN && fcntl(fds[1], F_SETFL, 0) == 0);
	pid_t pid = fork();
	if (pid == 0)
		_exit(write(fds[1], "Z", 1) == 1 ? 0 : 2);
	CHECK(pid > 0 && fs_waiting_becomes(1));
	CHECK(read(fds[0], big, 512) == 512);
	CHECK(exited(pid) == 0 && fs_waiting_becomes(0));
	size_t got = 512;
	CHECK(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
	char last = 0;
	while ((k = read(fds[0], big, sizeof(big))) > 0) {
		got += (size_t)k;
		last = (char)big[k - 1];
	}
	CHECK(got == total + 1 && last == 'Z');
	CHECK(fcntl(fds[0], F_SETFL, 0) == 0);
	/* A reader waiting, killed. */
	pid = fork();
	if (pid == 0)
		_exit(read(fds[0], big, 1) == 1 ? 5 : 6);
	CHECK(pid > 0 && fs_waiting_becomes(1));
	CHECK(kill(pid, SIGKILL) == 0 && exited(pid) == 128 + SIGKILL);
	CHECK(fs_waiting_becomes(0));
	/* A large writer waiting, killed halfway. */
	pid = fork();
	if (pid == 0)
		_exit(write(fds[1], big, sizeof(big)) > 0 ? 5 : 6);
	CHECK(pid > 0 && fs_waiting_becomes(1));
	CHECK(kill(pid, SIGKILL) == 0 && exited(pid) == 128 + SIGKILL);
	CHECK(fs_waiting_becomes(0));
	/* fs still serves, the pipe still works. */
	CHECK(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
	while (read(fds[0], big, sizeof(big)) > 0)
		;
	CHECK(write(fds[1], "ok", 2) == 2 && read(fds[0], big, 8) == 2);
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0 && fs_counts_same(&c0));
	return 0;
}

/* In a child: one byte read from fd, the exit status (1: none). */
static pid_t queued_reader(int fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		char c = 0;
		_exit(read(fd, &c, 1) == 1 ? (unsigned char)c : 1);
	}
	return pid;
}

/* Readers waiting on one pipe are answered in arrival order; one killed
 * from the middle of the queue and one from its end are forgotten, and a
 * newcomer queues behind those left. */
static int case_pipe_queue(void)
{
	struct fs_counts c0;
	int fds[2];
	pid_t pid[4];

	CHECK(fs_counts(&c0) == 0 && pipe(fds) == 0);
	for (int i = 0; i < 4; i++)
		CHECK((pid[i] = queued_reader(fds[0])) > 0 &&
		      fs_waiting_becomes((uint64_t)i + 1));
	CHECK(kill(pid[1], SIGKILL) == 0 && exited(pid[1]) == 128 + SIGKILL);
	CHECK(kill(pid[3], SIGKILL) == 0 && exited(pid[3]) == 128 + SIGKILL);
	CHECK(fs_waiting_becomes(2));
	CHECK((pid[1] = queued_reader(fds[0])) > 0 && fs_waiting_becomes(3));
	CHECK(write(fds[1], "a", 1) == 1 && exited(pid[0]) == 'a');
	CHECK(write(fds[1], "bc", 2) == 2);
	CHECK(exited(pid[2]) == 'b' && exited(pid[1]) == 'c');
	CHECK(fs_waiting_becomes(0));
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0 && fs_counts_same(&c0));
	return 0;
}

/* Writes of PIPE_BUF bytes are never interleaved: two children write
 * blocks of their own letter into one pipe at once, and every block the
 * parent reads is one letter. */
static int case_pipe_atomic(void)
{
	static char block[PIPE_BUF];
	struct fs_counts c0;
	int fds[2], blocks = 0;
	pid_t kids[2];

	CHECK(fs_counts(&c0) == 0);
	CHECK(pipe(fds) == 0);
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			close(fds[0]);
			memset(block, 'A' + i, sizeof(block));
			for (int b = 0; b < 40; b++)
				if (write(fds[1], block, sizeof(block)) != sizeof(block))
					_exit(2);
			_exit(0);
		}
		CHECK(kids[i] > 0);
	}
	CHECK(close(fds[1]) == 0);
	size_t got = 0;
	ssize_t k;
	while ((k = read(fds[0], big + got % PIPE_BUF, PIPE_BUF - got % PIPE_BUF)) > 0) {
		got += (size_t)k;
		if (got % PIPE_BUF)
			continue;
		for (size_t i = 1; i < PIPE_BUF; i++)
			CHECK(big[i] == big[0]);
		blocks++;
	}
	CHECK(k == 0 && got == 80 * PIPE_BUF && blocks == 80);
	CHECK(exited(kids[0]) == 0 && exited(kids[1]) == 0);
	CHECK(close(fds[0]) == 0 && fs_counts_same(&c0));
	return 0;
}

/* One byte there and back between two processes through two pipes: a
 * round trip is two writes and two reads, each read waiting in fs. */
static int case_pipe_bench(void)
{
	int there[2], back[2];
	char c = 'x';
	enum { ROUNDS = 1000 };

	CHECK(pipe(there) == 0 && pipe(back) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		close(there[1]);
		close(back[0]);
		while (read(there[0], &c, 1) == 1)
			if (write(back[1], &c, 1) != 1)
				_exit(2);
		_exit(0);
	}
	CHECK(pid > 0 && close(there[0]) == 0 && close(back[1]) == 0);
	for (int i = 0; i < 10; i++)
		CHECK(write(there[1], &c, 1) == 1 && read(back[0], &c, 1) == 1);
	uint64_t t0 = pith_counter();
	for (int i = 0; i < ROUNDS; i++)
		CHECK(write(there[1], &c, 1) == 1 && read(back[0], &c, 1) == 1);
	uint64_t rt = (pith_counter() - t0) / ROUNDS;
	CHECK(close(there[1]) == 0 && exited(pid) == 0 && close(back[0]) == 0);
	printf("  pipe_round_trip_1: %llu (counter ticks a round trip)\n",
	       (unsigned long long)rt);
	return 0;
}

/* ---- /tmp: the RAM file system ----------------------------------------- */

static off_t size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : st.st_size;
}

static bool ts_after(struct timespec a, struct timespec b)   /* a > b */
{
	return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

/* Files: create, write, read, seek, positioned I/O, truncate, modes,
 * owners, times, unlink. */
static int case_tmp_file(void)
{
	static const char *f = "/tmp/tf";
	char buf[600], back[600];
	struct stat st, st2;
	uint64_t b0, n0;
	int fd;

	CHECK(ram_info(&b0, &n0) == 0);
	CHECK(stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode) &&
	      (st.st_mode & 07777) == 01777 && st.st_uid == 0);
	CHECK(umask(022) == 022);                            /* fs's default */
	CHECK((fd = open(f, O_RDWR | O_CREAT | O_EXCL, 0666)) >= 3);
	CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	      (st.st_mode & 0777) == 0644 && st.st_size == 0 && st.st_nlink == 1 &&
	      st.st_uid == 0 && st.st_gid == 0);
	CHECK(st.st_mtim.tv_sec > 0 && st.st_ctim.tv_sec == st.st_mtim.tv_sec);
	CHECK(FAILS(open(f, O_RDWR | O_CREAT | O_EXCL, 0666), EEXIST));
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)pattern(i);
	CHECK(write(fd, buf, 100) == 100);                   /* inline */
	CHECK(write(fd, buf + 100, 500) == 500);             /* copied */
	CHECK(fstat(fd, &st2) == 0 && st2.st_size == 600 && st2.st_blocks >= 2);
	CHECK(ts_after(st2.st_mtim, st.st_mtim) || st2.st_mtim.tv_sec == st.st_mtim.tv_sec);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, back, 600) == 600 && !memcmp(back, buf, 600));
	CHECK(read(fd, back, 10) == 0);
	/* A read moves the access time on, not the others. */
	CHECK(fstat(fd, &st) == 0 && ts_after(st.st_atim, st2.st_atim) &&
	      st.st_mtim.tv_sec == st2.st_mtim.tv_sec &&
	      st.st_mtim.tv_nsec == st2.st_mtim.tv_nsec);
	CHECK(lstat(f, &st2) == 0 && st2.st_ino == st.st_ino && st2.st_size == 600 &&
	      st2.st_dev != 1);                              /* not the image's */
	CHECK(pread(fd, back, 10, 595) == 5 && !memcmp(back, buf + 595, 5));
	CHECK(pwrite(fd, "HELLO", 5, 2) == 5 && lseek(fd, 0, SEEK_CUR) == 600);
	CHECK(pread(fd, back, 8, 0) == 8 && !memcmp(back + 2, "HELLO", 5));
	/* A write past the end leaves zeros in the gap. */
	CHECK(pwrite(fd, "Z", 1, 3000) == 1 && size_of(f) == 3001);
	CHECK(pread(fd, back, 500, 2000) == 500);
	for (int i = 0; i < 500; i++)
		CHECK(back[i] == 0);
	/* Truncating: shorter, then longer again reads zeros. */
	CHECK(ftruncate(fd, 10) == 0 && size_of(f) == 10);
	CHECK(ftruncate(fd, 2000) == 0 && size_of(f) == 2000);
	CHECK(pread(fd, back, 20, 0) == 20 && !memcmp(back + 2, "HELLO", 5));
	for (int i = 10; i < 20; i++)
		CHECK(back[i] == 0);
	CHECK(truncate(f, 7) == 0 && size_of(f) == 7);
	CHECK(FAILS(ftruncate(fd, -1), EINVAL));
	CHECK(FAILS(truncate(f, -1), EINVAL));
	close(fd);
	/* Flags kept: O_NONBLOCK (no effect on a file), O_CLOEXEC. */
	CHECK((fd = open(f, O_RDWR | O_NONBLOCK | O_CLOEXEC)) >= 0);
	CHECK((fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK)) == (O_RDWR | O_NONBLOCK));
	CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC && read(fd, back, 3) == 3);
	CHECK(FAILS(open(f, O_RDONLY | O_DIRECTORY), ENOTDIR));
	close(fd);
	/* O_TRUNC empties; O_RDONLY cannot ftruncate; read-only cannot write. */
	CHECK((fd = open(f, O_RDONLY)) >= 0);
	CHECK(FAILS(ftruncate(fd, 0), EINVAL));
	CHECK(FAILS(write(fd, "x", 1), EBADF));
	close(fd);
	CHECK((fd = open(f, O_WRONLY | O_TRUNC)) >= 0 && size_of(f) == 0);
	CHECK(FAILS(read(fd, back, 1), EBADF));
	/* O_APPEND: every write at the end, whatever the offset. */
	CHECK(write(fd, "abc", 3) == 3 && fcntl(fd, F_SETFL, O_APPEND) == 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "de", 2) == 2);
	CHECK(lseek(fd, 0, SEEK_CUR) == 5 && size_of(f) == 5);
	close(fd);
	CHECK((fd = open(f, O_RDONLY)) >= 0 && read(fd, back, 10) == 5 &&
	      !memcmp(back, "abcde", 5));
	close(fd);
	/* The umask takes bits from the mode asked for; the creator may
	 * open what it made, whatever the mode. */
	CHECK(umask(077) == 022);
	pid_t pid = fork();
	if (pid == 0)
		_exit(umask(0) == 077 ? 0 : 2);               /* inherited */
	CHECK(exited(pid) == 0 && umask(077) == 077);         /* the child's own */
	CHECK((fd = open("/tmp/tf2", O_WRONLY | O_CREAT, 0666)) >= 0);
	CHECK(fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600);
	close(fd);
	CHECK(umask(0) == 077);
	CHECK((fd = open("/tmp/tf3", O_RDWR | O_CREAT, 0)) >= 0);
	CHECK(write(fd, "x", 1) == 1);
	CHECK(fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0);
	close(fd);
	CHECK((fd = creat("/tmp/tf4", 0640)) >= 0 && size_of("/tmp/tf4") == 0);
	CHECK(fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0640);
	CHECK(FAILS(read(fd, back, 1), EBADF));                /* O_WRONLY */
	close(fd);
	CHECK(umask(022) == 0);
	/* chmod, fchmod; access with the new bits. */
	CHECK(chmod("/tmp/tf3", 0755) == 0 && stat("/tmp/tf3", &st) == 0 &&
	      (st.st_mode & 07777) == 0755 && S_ISREG(st.st_mode));
	CHECK((fd = open("/tmp/tf3", O_RDONLY)) >= 0 && fchmod(fd, 04711) == 0);
	CHECK(fstat(fd, &st) == 0 && (st.st_mode & 07777) == 04711);
	close(fd);
	CHECK(access("/tmp/tf3", W_OK) == 0);                  /* writable fs */
	CHECK(FAILS(access(release, W_OK), EROFS));
	/* Large data: 100 KiB through the copy path, read back in pieces. */
	CHECK((fd = open("/tmp/tbig", O_RDWR | O_CREAT | O_TRUNC, 0600)) >= 0);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = pattern(i);
	CHECK(write(fd, big, sizeof(big)) == (ssize_t)sizeof(big));
	memset(big, 0, sizeof(big));
	CHECK(pread(fd, big, sizeof(big), 0) == (ssize_t)sizeof(big));
	for (size_t i = 0; i < sizeof(big); i++)
		CHECK(big[i] == pattern(i));
	CHECK(pread(fd, back, 300, 70000) == 300);
	for (size_t i = 0; i < 300; i++)
		CHECK((unsigned char)back[i] == pattern(70000 + i));
	close(fd);
	/* Listed in /tmp; then gone. */
	CHECK(listed("/tmp", "tf", DT_REG) && listed("/tmp", "tbig", DT_REG));
	CHECK(unlink(f) == 0 && FAILS(stat(f, &st), ENOENT));
	CHECK(FAILS(unlink(f), ENOENT));
	CHECK(!listed("/tmp", "tf", DT_REG));
	CHECK(unlink("/tmp/tf2") == 0 && unlink("/tmp/tf3") == 0 &&
	      unlink("/tmp/tf4") == 0 && unlink("/tmp/tbig") == 0);
	CHECK(ram_is(b0, n0));
	return 0;
}

/* Directories: mkdir, rmdir, link counts, listing, cwd and dirfds in
 * /tmp, a removed working directory. */
static int case_tmp_dir(void)
{
	char buf[128];
	struct stat st;
	uint64_t b0, n0;
	int fd, dfd;

	CHECK(ram_info(&b0, &n0) == 0);
	CHECK(stat("/tmp", &st) == 0);
	nlink_t tmp_links = st.st_nlink;
	CHECK(mkdir("/tmp/d", 0777) == 0);
	CHECK(stat("/tmp/d", &st) == 0 && S_ISDIR(st.st_mode) &&
	      (st.st_mode & 0777) == 0755 && st.st_nlink == 2);
	CHECK(stat("/tmp", &st) == 0 && st.st_nlink == tmp_links + 1);
	CHECK(FAILS(mkdir("/tmp/d", 0777), EEXIST));
	CHECK(FAILS(mkdir("/tmp/d/.", 0777), EEXIST));
	CHECK(FAILS(mkdir("/tmp/nope/x", 0777), ENOENT));
	CHECK(mkdir("/tmp/d/e/", 0700) == 0);                 /* a trailing '/' */
	CHECK(stat("/tmp/d", &st) == 0 && st.st_nlink == 3);
	CHECK((fd = open("/tmp/d/e/f", O_WRONLY | O_CREAT, 0644)) >= 0);
	close(fd);
	CHECK(FAILS(rmdir("/tmp/d"), ENOTEMPTY));
	CHECK(FAILS(rmdir("/tmp/d/e/f"), ENOTDIR));
	CHECK(FAILS(unlink("/tmp/d/e"), EISDIR));
	CHECK(FAILS(unlink("/tmp/d/e/f/"), ENOTDIR));
	CHECK(FAILS(open("/tmp/d/e/f/", O_RDONLY), ENOTDIR));
	CHECK(FAILS(open("/tmp/d/e/f/g", O_RDONLY | O_CREAT, 0644), ENOTDIR));
	CHECK(FAILS(open("/tmp/d/e", O_WRONLY), EISDIR));
	CHECK(FAILS(open("/tmp/d/new/", O_WRONLY | O_CREAT, 0644), EISDIR));
	CHECK(FAILS(rmdir("/tmp/d/e/."), EINVAL));
	CHECK(FAILS(rmdir("/tmp/d/e/.."), ENOTEMPTY));
	CHECK(FAILS(rmdir("/tmp"), EBUSY));
	CHECK(listed("/tmp/d", "e", DT_DIR) && listed("/tmp/d/e", "f", DT_REG));
	/* readdir and rewinddir over a RAM directory. */
	DIR *dir = opendir("/tmp/d/e");
	CHECK(dir);
	int seen = 0;
	struct dirent *de;
	while ((de = readdir(dir)))
		seen++;
	CHECK(seen == 3);                                     /* . .. f */
	rewinddir(dir);
	CHECK((de = readdir(dir)) && !strcmp(de->d_name, "."));
	CHECK(closedir(dir) == 0);
	/* The cwd in /tmp: relative paths, "..", getcwd. */
	CHECK(chdir("/tmp/d/e") == 0 && getcwd(buf, sizeof(buf)) &&
	      !strcmp(buf, "/tmp/d/e"));
	CHECK((fd = open("f", O_RDONLY)) >= 0);
	close(fd);
	CHECK((fd = open("../g", O_WRONLY | O_CREAT, 0600)) >= 0);
	close(fd);
	CHECK(stat("/tmp/d/g", &st) == 0 && S_ISREG(st.st_mode));
	CHECK(chdir("../..") == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, "/tmp"));
	/* *at calls from a directory descriptor. */
	CHECK((dfd = open("/tmp/d", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK(mkdirat(dfd, "h", 0755) == 0 && stat("/tmp/d/h", &st) == 0);
	CHECK((fd = openat(dfd, "h/i", O_RDWR | O_CREAT, 0600)) >= 0);
	close(fd);
	CHECK(fstatat(dfd, "h/i", &st, 0) == 0 && S_ISREG(st.st_mode));
	CHECK(FAILS(unlinkat(dfd, "h", 0), EISDIR));
	CHECK(FAILS(unlinkat(dfd, "h", 0x1234), EINVAL));
	CHECK(unlinkat(dfd, "h/i", 0) == 0 && unlinkat(dfd, "h", AT_REMOVEDIR) == 0);
	CHECK(FAILS(mkdirat(55, "x", 0755), EBADF));
	CHECK(fchdir(dfd) == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, "/tmp/d"));
	close(dfd);
	/* A working directory removed: its path is gone, nothing can be
	 * made in it; the node lives until the process leaves it. */
	CHECK(unlink("g") == 0 && unlink("e/f") == 0 && rmdir("e") == 0);
	CHECK(chdir("/tmp") == 0 && chdir("d") == 0);
	CHECK((dfd = open(".", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK(rmdir("/tmp/d") == 0);
	CHECK(getdents64(dfd, buf, sizeof(buf)) == 0);        /* empty */
	close(dfd);
	CHECK(!getcwd(buf, sizeof(buf)) && errno == ENOENT);
	CHECK(FAILS(open("x", O_WRONLY | O_CREAT, 0600), ENOENT));
	CHECK(FAILS(mkdir("y", 0700), ENOENT));
	CHECK(stat("/tmp", &st) == 0 && st.st_nlink == tmp_links);
	/* Its parent removed too, and its node used again: still gone. */
	CHECK(mkdir("/tmp/x", 0755) == 0 && mkdir("/tmp/x/y", 0755) == 0);
	CHECK(chdir("/tmp/x/y") == 0 && rmdir("/tmp/x/y") == 0 && rmdir("/tmp/x") == 0);
	CHECK(mkdir("/tmp/z", 0755) == 0 && mkdir("/tmp/z/w", 0755) == 0);
	CHECK(!getcwd(buf, sizeof(buf)) && errno == ENOENT);
	CHECK(FAILS(chdir(".."), ENOENT));
	CHECK(chdir("/") == 0 && rmdir("/tmp/z/w") == 0 && rmdir("/tmp/z") == 0);
	CHECK(ram_is(b0, n0));
	return 0;
}

/* rename: POSIX's replace rules and errors. */
static int case_tmp_rename(void)
{
	struct stat st;
	char buf[8];
	uint64_t b0, n0;
	int fd;

	CHECK(ram_info(&b0, &n0) == 0);
	CHECK(mkdir("/tmp/r", 0755) == 0 && mkdir("/tmp/r/d1", 0755) == 0 &&
	      mkdir("/tmp/r/d2", 0755) == 0 && mkdir("/tmp/r/full", 0755) == 0);
	CHECK((fd = open("/tmp/r/full/x", O_WRONLY | O_CREAT, 0644)) >= 0);
	close(fd);
	CHECK((fd = open("/tmp/r/a", O_RDWR | O_CREAT, 0644)) >= 0);
	CHECK(write(fd, "AAAA", 4) == 4);
	int fb = open("/tmp/r/b", O_RDWR | O_CREAT, 0644);
	CHECK(fb >= 0 && write(fb, "BB", 2) == 2);
	close(fb);
	/* A file over a file: the old one's name goes; the open one follows. */
	CHECK(rename("/tmp/r/a", "/tmp/r/b") == 0);
	CHECK(FAILS(stat("/tmp/r/a", &st), ENOENT) && size_of("/tmp/r/b") == 4);
	CHECK(write(fd, "!", 1) == 1 && size_of("/tmp/r/b") == 5);
	close(fd);
	CHECK(rename("/tmp/r/b", "/tmp/r/b") == 0);            /* itself */
	CHECK(FAILS(rename("/tmp/r/b", "/tmp/r/d1"), EISDIR));
	CHECK(FAILS(rename("/tmp/r/d1", "/tmp/r/b"), ENOTDIR));
	CHECK(FAILS(rename("/tmp/r/d1", "/tmp/r/full"), ENOTEMPTY));
	CHECK(FAILS(rename("/tmp/r/d1", "/tmp/r/d1/sub"), EINVAL));
	CHECK(FAILS(rename("/tmp/r", "/tmp/r/d1/sub"), EINVAL));
	CHECK(FAILS(rename("/tmp/r/nope", "/tmp/r/c"), ENOENT));
	CHECK(FAILS(rename("/tmp/r/b", "/tmp/r/nope/c"), ENOENT));
	CHECK(FAILS(rename("/tmp/r/b/", "/tmp/r/c"), ENOTDIR));
	CHECK(FAILS(rename("/tmp/r/b", "/etc/b"), EXDEV));
	CHECK(FAILS(rename(release, "/tmp/r/rel"), EXDEV));
	CHECK(FAILS(rename(release, "/etc/rel"), EROFS));
	CHECK(FAILS(rename("/tmp", "/tmp2"), EBUSY));          /* the mount */
	CHECK(FAILS(rename("/tmp/r/.", "/tmp/r/x"), EINVAL));
	/* A directory over an empty directory, and across directories: the
	 * link counts follow. */
	CHECK(rename("/tmp/r/d1", "/tmp/r/d2") == 0);
	CHECK(FAILS(stat("/tmp/r/d1", &st), ENOENT) && stat("/tmp/r/d2", &st) == 0);
	CHECK(stat("/tmp/r", &st) == 0 && st.st_nlink == 4);    /* . d2 full .. */
	CHECK(rename("/tmp/r/d2", "/tmp/r/full/d3/") == 0);
	CHECK(stat("/tmp/r", &st) == 0 && st.st_nlink == 3);
	CHECK(stat("/tmp/r/full", &st) == 0 && st.st_nlink == 3);
	CHECK(chdir("/tmp/r/full/d3") == 0 && getcwd((char[64]){ 0 }, 64));
	CHECK(chdir("..") == 0);
	CHECK(renameat(AT_FDCWD, "x", AT_FDCWD, "../y") == 0);
	CHECK((fd = open("/tmp/r/y", O_RDONLY)) >= 0 && read(fd, buf, 8) == 0);
	close(fd);
	CHECK(chdir("/") == 0);
	CHECK(unlink("/tmp/r/y") == 0 && unlink("/tmp/r/b") == 0 &&
	      rmdir("/tmp/r/full/d3") == 0 && rmdir("/tmp/r/full") == 0 &&
	      rmdir("/tmp/r") == 0);
	CHECK(ram_is(b0, n0));
	return 0;
}

/* Errors of the calls on names: the boot image is read-only, long paths
 * and names, paths through files, bad descriptors, permission. */
static int case_tmp_errors(void)
{
	static char longpath[FS_PATH_MAX + 8], longname[300];
	struct stat st;
	uint64_t b0, n0;
	int fd;

	CHECK(ram_info(&b0, &n0) == 0);
	CHECK(FAILS(mkdir("/newdir", 0755), EROFS));
	CHECK(FAILS(mkdir("/etc", 0755), EEXIST));
	CHECK(FAILS(unlink(release), EROFS));
	CHECK(FAILS(rmdir("/etc"), EROFS));
	CHECK(FAILS(truncate(release, 0), EROFS));
	CHECK(FAILS(chmod(release, 0777), EROFS));
	CHECK(FAILS(truncate("/etc", 0), EISDIR));
	CHECK(FAILS(truncate("/dev/null", 0), EINVAL));
	CHECK(FAILS(open("/etc/new", O_WRONLY | O_CREAT, 0644), EROFS));
	CHECK(FAILS(unlink("/nope"), ENOENT));
	CHECK(FAILS(rmdir("/"), EBUSY));
	memset(longpath, 'a', FS_PATH_MAX);
	memcpy(longpath, "/tmp/", 5);
	CHECK(FAILS(open(longpath, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG));
	CHECK(FAILS(mkdir(longpath, 0755), ENAMETOOLONG));
	CHECK(FAILS(unlink(longpath), ENAMETOOLONG));
	CHECK(FAILS(rename("/tmp/x", longpath), ENAMETOOLONG));
	memcpy(longname, "/tmp/", 5);
	memset(longname + 5, 'n', 256);                        /* 256 > NAME_MAX */
	CHECK(FAILS(open(longname, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG));
	CHECK(FAILS(mkdir(longname, 0755), ENAMETOOLONG));
	longname[5 + 255] = 0;                                 /* 255: allowed */
	CHECK((fd = open(longname, O_WRONLY | O_CREAT, 0644)) >= 0);
	close(fd);
	CHECK(unlink(longname) == 0);
	CHECK((fd = open("/tmp/ef", O_WRONLY | O_CREAT, 0600)) >= 0);
	close(fd);
	CHECK(FAILS(open("/tmp/ef/x", O_WRONLY | O_CREAT, 0644), ENOTDIR));
	CHECK(FAILS(mkdir("/tmp/ef/x", 0755), ENOTDIR));
	CHECK(FAILS(unlink("/tmp/ef/x"), ENOTDIR));
	CHECK(FAILS(stat("/tmp/ef/", &st), ENOTDIR));
	CHECK(FAILS(rename("/tmp/ef", "/tmp/ef/x"), ENOTDIR));
	CHECK(FAILS(ftruncate(-1, 0), EBADF));
	CHECK(FAILS(ftruncate(60, 0), EBADF));
	CHECK(FAILS(fchmod(60, 0644), EBADF));
	CHECK(FAILS(unlinkat(60, "x", 0), EBADF));
	CHECK(FAILS(renameat(60, "x", AT_FDCWD, "/tmp/y"), EBADF));
	CHECK(FAILS(renameat(AT_FDCWD, "/tmp/ef", -5, "y"), EBADF));
	CHECK(FAILS(fchmodat(60, "x", 0644, 0), EBADF));
	CHECK(FAILS(fchmodat(AT_FDCWD, "/tmp/ef", 0644, 0x4000), EINVAL));
	CHECK(FAILS(mkdirat(0, "x", 0755), ENOTDIR));          /* the console */
	CHECK(FAILS(rename(NULL, "/tmp/x"), EFAULT));
	CHECK(FAILS(mkdir(NULL, 0755), EFAULT));
	CHECK(FAILS(unlink(""), ENOENT));
	int p[2];
	CHECK(pipe(p) == 0 && FAILS(ftruncate(p[1], 0), EINVAL));
	close(p[0]);
	close(p[1]);
	/* Permission as a user: root's 0600 file, root's 0755 directory, the
	 * sticky bit of /tmp, chmod of another's file. */
	CHECK(mkdir("/tmp/rootdir", 0755) == 0 && mkdir("/tmp/priv", 0700) == 0);
	CHECK((fd = open("/tmp/priv/f", O_WRONLY | O_CREAT, 0666)) >= 0);
	close(fd);
	CHECK((fd = open("/tmp/ef", O_WRONLY)) >= 0 && write(fd, "secret", 6) == 6);
	close(fd);
	pid_t pid = fork();
	if (pid == 0) {
		if (setgid(100) || setuid(1000))
			_exit(2);
		if (!FAILS(open("/tmp/ef", O_RDONLY), EACCES))
			_exit(3);
		if (!FAILS(open("/tmp/ef", O_WRONLY | O_TRUNC), EACCES))
			_exit(4);
		if (!FAILS(truncate("/tmp/ef", 0), EACCES))
			_exit(5);
		if (!FAILS(unlink("/tmp/ef"), EACCES))         /* sticky */
			_exit(6);
		if (!FAILS(rename("/tmp/ef", "/tmp/mine"), EACCES))
			_exit(7);
		if (!FAILS(chmod("/tmp/ef", 0666), EPERM))
			_exit(8);
		if (!FAILS(mkdir("/tmp/rootdir/x", 0755), EACCES))
			_exit(9);
		if (!FAILS(open("/tmp/rootdir/x", O_WRONLY | O_CREAT, 0644), EACCES))
			_exit(10);
		if (!FAILS(access("/tmp/ef", R_OK), EACCES))
			_exit(11);
		/* Search permission on each directory of a path. */
		if (!FAILS(stat("/tmp/priv/f", &st), EACCES) ||
		    !FAILS(open("/tmp/priv/f", O_RDONLY), EACCES) ||
		    !FAILS(chdir("/tmp/priv"), EACCES))
			_exit(16);
		/* Its own file in /tmp: its ids, its to change and remove. */
		if ((fd = open("/tmp/mine", O_RDWR | O_CREAT, 0600)) < 0)
			_exit(12);
		if (fstat(fd, &st) || st.st_uid != 1000 || st.st_gid != 100)
			_exit(13);
		if (fchmod(fd, 0644) || chmod("/tmp/mine", 0640))
			_exit(14);
		close(fd);
		if (rename("/tmp/mine", "/tmp/mine2") || unlink("/tmp/mine2"))
			_exit(15);
		_exit(0);
	}
	CHECK(exited(pid) == 0);
	CHECK(unlink("/tmp/ef") == 0 && rmdir("/tmp/rootdir") == 0);
	CHECK(unlink("/tmp/priv/f") == 0 && rmdir("/tmp/priv") == 0);
	CHECK(ram_is(b0, n0));
	return 0;
}

/* The byte limit: ENOSPC (a short write first), then room again after an
 * unlink; and the node limit. */
static int case_tmp_full(void)
{
	static char chunk[64 << 10];
	char name[32];
	uint64_t b0, n0;
	int fd, fd2;

	CHECK(ram_info(&b0, &n0) == 0);
	memset(chunk, 'f', sizeof(chunk));
	CHECK((fd = open("/tmp/full", O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0);
	ssize_t n, total = 0;
	while ((n = write(fd, chunk, sizeof(chunk))) == (ssize_t)sizeof(chunk))
		total += n;
	CHECK(n >= 0 || errno == ENOSPC);                     /* short, or none */
	if (n > 0)
		total += n;
	CHECK(FAILS(write(fd, chunk, 1), ENOSPC));
	CHECK(total + (ssize_t)b0 == 1 << 20);                 /* the 1 MiB limit */
	CHECK(size_of("/tmp/full") == total);
	CHECK((fd2 = open("/tmp/full2", O_WRONLY | O_CREAT, 0600)) >= 0);
	CHECK(FAILS(write(fd2, chunk, 100), ENOSPC));
	CHECK(FAILS(ftruncate(fd2, 5000), ENOSPC) && size_of("/tmp/full2") == 0);
	CHECK(mkdir("/tmp/fulldir", 0755) == 0);               /* no blocks */
	/* Room again: truncate, then unlink (with the file still open). */
	CHECK(ftruncate(fd, total - 4096) == 0);
	CHECK(write(fd2, chunk, 4096) == 4096);
	CHECK(FAILS(write(fd2, chunk, 4096), ENOSPC));
	CHECK(unlink("/tmp/full") == 0);
	CHECK(FAILS(write(fd2, chunk, 4096), ENOSPC));         /* still open */
	close(fd);
	CHECK(write(fd2, chunk, sizeof(chunk)) == (ssize_t)sizeof(chunk));
	close(fd2);
	CHECK(unlink("/tmp/full2") == 0);
	/* Nodes run out before NODE_MAX: ENOSPC, and back. */
	int made = 0;
	for (;;) {
		snprintf(name, sizeof(name), "/tmp/fulldir/%d", made);
		if ((fd = open(name, O_WRONLY | O_CREAT, 0600)) < 0)
			break;
		close(fd);
		made++;
	}
	CHECK(errno == ENOSPC && made > 100 && made < 1024);
	CHECK(FAILS(mkdir("/tmp/fulldir/d", 0755), ENOSPC));
	for (int i = 0; i < made; i++) {
		snprintf(name, sizeof(name), "/tmp/fulldir/%d", i);
		CHECK(unlink(name) == 0);
	}
	CHECK(rmdir("/tmp/fulldir") == 0);
	CHECK(ram_is(b0, n0));
	return 0;
}

/* O_APPEND from two processes, each its own description: no record lost
 * or split. */
static int case_tmp_append(void)
{
	static const char *f = "/tmp/app";
	char rec[16], all[400 * 16];
	int fd;

	CHECK((fd = open(f, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0);
	close(fd);
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			int d = open(f, O_WRONLY | O_APPEND);
			if (d < 0)
				_exit(2);
			for (int i = 0; i < 200; i++) {
				snprintf(rec, sizeof(rec), "%c%013d\n", 'A' + k, i);
				if (write(d, rec, 15) != 15)
					_exit(3);
				if (i % 16 == 0)
					nap(1);
			}
			_exit(0);
		}
		CHECK(kids[k] > 0);
	}
	CHECK(exited(kids[0]) == 0 && exited(kids[1]) == 0);
	CHECK(size_of(f) == 400 * 15);
	CHECK((fd = open(f, O_RDONLY)) >= 0 && read(fd, all, sizeof(all)) == 400 * 15);
	close(fd);
	int next[2] = { 0, 0 };
	for (int i = 0; i < 400; i++) {
		const char *r = all + i * 15;
		int k = r[0] - 'A';
		CHECK((k == 0 || k == 1) && r[14] == '\n' && atoi(r + 1) == next[k]);
		next[k]++;
	}
	CHECK(next[0] == 200 && next[1] == 200);
	CHECK(unlink(f) == 0);
	return 0;
}

/* Data outlives its writer; fork shares the description's offset; a
 * file unlinked while open lives until its last close (in any process). */
static int case_tmp_fork(void)
{
	char buf[32];
	struct stat st;
	uint64_t b0, n0;
	int fd;

	CHECK(ram_info(&b0, &n0) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		int d = open("/tmp/fk", O_WRONLY | O_CREAT | O_EXCL, 0644);
		_exit(d < 0 || write(d, "from the child", 14) != 14 ? 2 : 0);
	}
	CHECK(exited(pid) == 0);
	CHECK((fd = open("/tmp/fk", O_RDWR)) >= 0);
	CHECK(read(fd, buf, sizeof(buf)) == 14 && !memcmp(buf, "from the child", 14));
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	pid = fork();
	if (pid == 0)
		_exit(write(fd, "FROM", 4) == 4 ? 0 : 2);
	CHECK(exited(pid) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 4);                    /* shared */
	CHECK(read(fd, buf, 4) == 4 && !memcmp(buf, " the", 4));
	/* Unlinked while open: still read and written, link count 0. */
	CHECK(unlink("/tmp/fk") == 0 && FAILS(stat("/tmp/fk", &st), ENOENT));
	CHECK(fstat(fd, &st) == 0 && st.st_nlink == 0 && st.st_size == 14);
	CHECK(pwrite(fd, "++", 2, 14) == 2 && pread(fd, buf, 16, 0) == 16 &&
	      !memcmp(buf, "FROM the child++", 16));
	CHECK(!ram_is(b0, n0));
	pid = fork();
	if (pid == 0) {
		char c;
		close(fd);                                 /* the parent's stays */
		_exit(0);
		(void)c;
	}
	CHECK(exited(pid) == 0);
	CHECK(pread(fd, buf, 4, 0) == 4);
	/* The last descriptor in a child that exits frees it. */
	pid = fork();
	if (pid == 0) {
		nap(50);
		_exit(pread(fd, buf, 4, 0) == 4 ? 0 : 2);
	}
	close(fd);
	CHECK(!ram_is(b0, n0));
	CHECK(exited(pid) == 0);
	CHECK(ram_is(b0, n0));
	return 0;
}

/* stdio on /tmp files: every fopen mode, fseek / ftell, buffering
 * (full on a file, none on stderr), mkstemp and tmpfile. */
static int case_tmp_stdio(void)
{
	static const char *f = "/tmp/st";
	char line[64];
	uint64_t b0, n0;
	FILE *s;

	CHECK(ram_info(&b0, &n0) == 0);
	/* stdout on a file (not a terminal): fully buffered, a newline
	 * does not write it out; fflush does. */
	pid_t pid = fork();
	if (pid == 0) {
		int o = open("/tmp/out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (o < 0 || dup2(o, 1) != 1)
			_exit(2);
		printf("line\n");
		if (size_of("/tmp/out") != 0)
			_exit(3);
		fflush(stdout);
		_exit(size_of("/tmp/out") == 5 ? 0 : 4);
	}
	CHECK(exited(pid) == 0 && unlink("/tmp/out") == 0);
	CHECK((s = fopen(f, "w")) && fputs("one\ntwo\n", s) >= 0);
	CHECK(size_of(f) == 0);                        /* fully buffered: no tty */
	CHECK(fflush(s) == 0 && size_of(f) == 8);
	CHECK(fclose(s) == 0);
	CHECK((s = fopen(f, "r")) && fgets(line, sizeof(line), s) && !strcmp(line, "one\n"));
	CHECK(ftell(s) == 4 && fseek(s, 0, SEEK_END) == 0 && ftell(s) == 8);
	CHECK(fputs("x", s) == EOF);                   /* not for writing */
	fclose(s);
	CHECK((s = fopen(f, "a")) && fputs("three\n", s) >= 0 && fclose(s) == 0);
	CHECK(size_of(f) == 14);
	CHECK((s = fopen(f, "r+")) && fputs("ONE", s) >= 0);
	CHECK(fseek(s, 0, SEEK_SET) == 0 && fgets(line, sizeof(line), s) &&
	      !strcmp(line, "ONE\n"));
	fclose(s);
	CHECK((s = fopen(f, "a+")) && fgets(line, sizeof(line), s) &&
	      !strcmp(line, "ONE\n"));                 /* reads from the start */
	CHECK(fputs("four\n", s) >= 0 && fflush(s) == 0 && size_of(f) == 19);
	fclose(s);
	CHECK((s = fopen(f, "w+")) && size_of(f) == 0);
	CHECK(fprintf(s, "%d", 12345) == 5 && fseek(s, 1, SEEK_SET) == 0);
	int v = 0;
	CHECK(fscanf(s, "%d", &v) == 1 && v == 2345);
	fclose(s);
	CHECK(!fopen("/tmp/nodir/x", "w") && errno == ENOENT);
	CHECK(!fopen("/etc/x", "w") && errno == EROFS);
	CHECK(unlink(f) == 0);
	/* stderr is unbuffered: on a /tmp file, each write is there at once. */
	int fd = open("/tmp/err", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int saved = dup(2);
	CHECK(fd >= 0 && saved >= 0 && dup2(fd, 2) == 2);
	fputs("e", stderr);
	off_t now = size_of("/tmp/err");
	dup2(saved, 2);
	close(saved);
	close(fd);
	CHECK(now == 1);
	CHECK(unlink("/tmp/err") == 0);
	/* mkstemp: unique names, 0600, the X's replaced. */
	char t1[] = "/tmp/mkXXXXXX", t2[] = "/tmp/mkXXXXXX", bad[] = "/tmp/mkXX";
	int a = mkstemp(t1), b = mkstemp(t2);
	struct stat st;
	CHECK(a >= 0 && b >= 0 && strcmp(t1, t2) && !strstr(t1, "XXXXXX"));
	CHECK(fstat(a, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(FAILS(mkstemp(bad), EINVAL));
	close(a);
	close(b);
	CHECK(unlink(t1) == 0 && unlink(t2) == 0);
	char td[] = "/tmp/dXXXXXX";
	CHECK(mkdtemp(td) == td && stat(td, &st) == 0 && S_ISDIR(st.st_mode) &&
	      (st.st_mode & 0777) == 0700 && rmdir(td) == 0);
	/* tmpfile: a file with no name, gone with its stream. */
	CHECK((s = tmpfile()) && fputs("tmp", s) >= 0 && fflush(s) == 0);
	CHECK(!ram_is(b0, n0));
	rewind(s);
	CHECK(fgets(line, sizeof(line), s) && !strcmp(line, "tmp"));
	fclose(s);
	CHECK(ram_is(b0, n0));
	return 0;
}

static const struct { const char *name; int (*fn)(void); } cases[] = {
	{ "read", case_read }, { "stat", case_stat }, { "dir", case_dir },
	{ "errors", case_errors }, { "dup", case_dup }, { "fork", case_fork },
	{ "cloexec", case_cloexec }, { "devices", case_devices },
	{ "cwd", case_cwd }, { "big", case_big }, { "bench", case_bench },
	{ "fuzz", case_fuzz }, { "pipe", case_pipe }, { "pipe_fork", case_pipe_fork },
	{ "pipe_eof", case_pipe_eof }, { "pipe_block", case_pipe_block },
	{ "pipe_queue", case_pipe_queue },
	{ "pipe_atomic", case_pipe_atomic }, { "pipe_bench", case_pipe_bench },
	{ "tmp_file", case_tmp_file }, { "tmp_dir", case_tmp_dir },
	{ "tmp_rename", case_tmp_rename }, { "tmp_errors", case_tmp_errors },
	{ "tmp_full", case_tmp_full }, { "tmp_append", case_tmp_append },
	{ "tmp_fork", case_tmp_fork }, { "tmp_stdio", case_tmp_stdio },
};

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "cloexec_child"))
		return cloexec_child(atoi(argv[2]), atoi(argv[3]));
	for (unsigned i = 0; argc == 2 && i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!strcmp(argv[1], cases[i].name))
			return cases[i].fn();
	printf("fstest: no such case\n");
	return 99;
}
