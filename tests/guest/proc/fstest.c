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

#define CHECK(c)                                                           \
	do {                                                               \
		if (!(c)) {                                                \
			printf("  fstest: check failed: %s (line %d, errno %d)\n", \
			       #c, __LINE__, errno);                       \
			return __LINE__ & 0xff ? __LINE__ & 0xff : 1;      \
		}                                                          \
	} while (0)
#define FAILS(call, e) ((call) == -1 && errno == (e))

static const char release[] = "/etc/pith-release";

static int exited(pid_t pid)
{
	int st = -1;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (st & 0x7f);
}

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
static int case_fuzz(void)
{
	uint64_t o0, t0, o1, t1;
	char seed[24];

	CHECK(fs_info(&o0, &t0) == 0);
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
	return 0;
}


/* ---- pipes ---------------------------------------------------------- */

/* FS_INFO's pipe words: pipes in use, calls waiting in fs. */
static int pipe_info(uint64_t *pipes, uint64_t *waiting)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)(uintptr_t)PROC_IPCBUF_VADDR;
	struct msg m;

	if (pith_ipc(SYS_CALL, PROC_SLOT_FS, MSG_INFO(FS_INFO, 3, 0), 0, 0, 0, &m))
		return -1;
	*pipes = ib->mr[3];
	*waiting = ib->mr[4];
	return (int)m.w[0];
}

/* Every count fs keeps, to compare before and after a case. */
struct counts { uint64_t ofiles, tables, pipes, waiting; };

static int counts(struct counts *c)
{
	return fs_info(&c->ofiles, &c->tables) || pipe_info(&c->pipes, &c->waiting);
}

static bool same_counts(const struct counts *a)
{
	struct counts b;

	return !counts(&b) && b.ofiles == a->ofiles && b.tables == a->tables &&
	       b.pipes == a->pipes && b.waiting == a->waiting;
}

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Wait (at most 2 s) until fs has n calls waiting. */
static bool waiting_becomes(uint64_t n)
{
	uint64_t p, w;

	for (int i = 0; i < 400; i++) {
		if (pipe_info(&p, &w) == 0 && w == n)
			return true;
		nap(5);
	}
	return false;
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
	struct counts c0;
	struct stat st;
	char buf[64];
	int fds[2], status;
	ssize_t k;

	CHECK(counts(&c0) == 0 && c0.waiting == 0);
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
	CHECK(close(fds[0]) == 0 && same_counts(&c0));
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
	CHECK(same_counts(&c0));
	return 0;
}

/* Across fork: the parent writes 100 KiB, a child reads and checks
 * them; then the child writes and the parent reads. */
static int case_pipe_fork(void)
{
	struct counts c0;
	struct timespec t0, t1;
	int fds[2];

	CHECK(counts(&c0) == 0);
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
	CHECK(close(fds[0]) == 0 && same_counts(&c0));
	return 0;
}

/* End of file only when the last writer in any process is gone: a
 * second child keeps a write end and writes late. */
static int case_pipe_eof(void)
{
	struct counts c0;
	char buf[16];
	int fds[2];

	CHECK(counts(&c0) == 0);
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
	CHECK(close(fds[0]) == 0 && same_counts(&c0));
	return 0;
}

/* A writer blocked on a full pipe is let go by a read; a reader blocked
 * on an empty one is killed and fs forgets its call. */
static int case_pipe_block(void)
{
	struct counts c0;
	int fds[2];
	ssize_t k;

	CHECK(counts(&c0) == 0);
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
	CHECK(pid > 0 && waiting_becomes(1));
	CHECK(read(fds[0], big, 512) == 512);
	CHECK(exited(pid) == 0 && waiting_becomes(0));
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
	CHECK(pid > 0 && waiting_becomes(1));
	CHECK(kill(pid, SIGKILL) == 0 && exited(pid) == 128 + SIGKILL);
	CHECK(waiting_becomes(0));
	/* A large writer waiting, killed halfway. */
	pid = fork();
	if (pid == 0)
		_exit(write(fds[1], big, sizeof(big)) > 0 ? 5 : 6);
	CHECK(pid > 0 && waiting_becomes(1));
	CHECK(kill(pid, SIGKILL) == 0 && exited(pid) == 128 + SIGKILL);
	CHECK(waiting_becomes(0));
	/* fs still serves, the pipe still works. */
	CHECK(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
	while (read(fds[0], big, sizeof(big)) > 0)
		;
	CHECK(write(fds[1], "ok", 2) == 2 && read(fds[0], big, 8) == 2);
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0 && same_counts(&c0));
	return 0;
}

/* Writes of PIPE_BUF bytes are never interleaved: two children write
 * blocks of their own letter into one pipe at once, and every block the
 * parent reads is one letter. */
static int case_pipe_atomic(void)
{
	static char block[PIPE_BUF];
	struct counts c0;
	int fds[2], blocks = 0;
	pid_t kids[2];

	CHECK(counts(&c0) == 0);
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
	CHECK(close(fds[0]) == 0 && same_counts(&c0));
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

static const struct { const char *name; int (*fn)(void); } cases[] = {
	{ "read", case_read }, { "stat", case_stat }, { "dir", case_dir },
	{ "errors", case_errors }, { "dup", case_dup }, { "fork", case_fork },
	{ "cloexec", case_cloexec }, { "devices", case_devices },
	{ "cwd", case_cwd }, { "big", case_big }, { "bench", case_bench },
	{ "fuzz", case_fuzz }, { "pipe", case_pipe }, { "pipe_fork", case_pipe_fork },
	{ "pipe_eof", case_pipe_eof }, { "pipe_block", case_pipe_block },
	{ "pipe_atomic", case_pipe_atomic }, { "pipe_bench", case_pipe_bench },
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
