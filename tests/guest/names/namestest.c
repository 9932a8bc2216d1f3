/*
 * namestest: the name service (PROC_SERVE, PROC_CONNECT, PROC_UNSERVE)
 * and the example server "upper", as users meet them: init starts
 * /bin/upper as a respawn entry and this program as a wait entry
 * (tests/guest/names/inittab); guest-names judges the console.
 *
 * `namestest serve-then-sleep <name>` is a helper mode for the exec case:
 * the program that exec'd it served name in its old image.
 */
#include <errno.h>
#include <pith/names.h>
#include <proto/upper.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

static slot_t upper_ep;

/* Connect to name, waiting up to a second for its server to start. */
static int connect_wait(const char *name, slot_t *ep)
{
	for (int i = 0; i < 100; i++) {
		if (!pith_connect(name, ep))
			return 0;
		if (errno != ENOENT)
			return -1;
		usleep(10000);
	}
	return -1;
}

/* One UPPER_TOUPPER of s through ep: the answer's w0 (n or -errno); the
 * upper-cased text in out. */
static int64_t upper(slot_t ep, const char *s, char *out)
{
	struct ipc_buffer *ib = pith_ipcbuf();
	size_t n = strlen(s);
	struct msg r;

	memcpy(&ib->mr[3], s, n);
	long err = sys_call(ep, MSG_INFO(UPPER_TOUPPER, 3 + UPPER_WORDS(n), 0),
			    n, 0, 0, &r);
	if (err)
		return err;
	if ((int64_t)r.w[0] >= 0 && out) {
		memcpy(out, &ib->mr[3], r.w[0]);
		out[r.w[0]] = 0;
	}
	return (int64_t)r.w[0];
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static bool t_connect(void)
{
	CHECK(connect_wait(UPPER_NAME, &upper_ep) == 0);
	CHECK(upper_ep >= PITH_SLOT_FIRST);
	return true;
}

static bool t_toupper(void)
{
	char out[UPPER_MAX + 1];
	char big[UPPER_MAX + 1];

	CHECK(upper(upper_ep, "Hello, World 123", out) == 16);
	CHECK(!strcmp(out, "HELLO, WORLD 123"));
	CHECK(upper(upper_ep, "", out) == 0);
	memset(big, 'q', UPPER_MAX);
	big[UPPER_MAX] = 0;
	CHECK(upper(upper_ep, big, out) == UPPER_MAX);
	CHECK(out[0] == 'Q' && out[UPPER_MAX - 1] == 'Q');
	return true;
}

/* The server sees the caller's pid in the badge, set by procsrv. */
static bool t_badge(void)
{
	struct msg r;

	CHECK(sys_call(upper_ep, MSG_INFO(UPPER_WHOAMI, 3, 0), 0, 0, 0, &r) == 0);
	CHECK((int64_t)r.w[0] == getpid());
	CHECK((int64_t)r.w[1] > 1 && (int64_t)r.w[1] != getpid());
	return true;
}

/* Bad messages are answered with an error, and the server goes on. */
static bool t_bad_messages(void)
{
	struct msg r;

	CHECK(sys_call(upper_ep, MSG_INFO(99, 3, 0), 0, 0, 0, &r) == 0);
	CHECK((int64_t)r.w[0] == -ENOSYS);
	CHECK(sys_call(upper_ep, MSG_INFO(0, 3, 0), 0, 0, 0, &r) == 0);
	CHECK((int64_t)r.w[0] == -ENOSYS);
	/* Longer than UPPER_MAX; shorter than its n says. */
	CHECK(sys_call(upper_ep, MSG_INFO(UPPER_TOUPPER, 3 + UPPER_WORDS(UPPER_MAX), 0),
		       UPPER_MAX + 1, 0, 0, &r) == 0);
	CHECK((int64_t)r.w[0] == -EINVAL);
	CHECK(sys_call(upper_ep, MSG_INFO(UPPER_TOUPPER, 3, 0), 20, 0, 0, &r) == 0);
	CHECK((int64_t)r.w[0] == -EINVAL);
	CHECK(sys_call(upper_ep, MSG_INFO(UPPER_TOUPPER, 4, 0), 9, 0, 0, &r) == 0);
	CHECK((int64_t)r.w[0] == -EINVAL);
	CHECK(sys_call(upper_ep, MSG_INFO(UPPER_SLOW, 3, 0), UPPER_SLOW_MAX_MS + 1,
		       0, 0, &r) == 0);
	CHECK((int64_t)r.w[0] == -EINVAL);
	CHECK(upper(upper_ep, "still here", NULL) == 10);
	return true;
}

/* A client killed while the server holds its call: the server answers
 * nobody and goes on. The parent's next call waits for the slow call to
 * end, which shows the server really held the child's. */
static bool t_client_dies(void)
{
	int status;
	pid_t c = fork();

	CHECK(c >= 0);
	if (c == 0) {
		slot_t ep;
		struct msg r;
		if (pith_connect(UPPER_NAME, &ep))
			_exit(2);
		sys_call(ep, MSG_INFO(UPPER_SLOW, 3, 0), 800, 0, 0, &r);
		_exit(3);    /* killed before this */
	}
	usleep(200000);
	uint64_t t0 = now_ms();
	CHECK(kill(c, SIGKILL) == 0);
	CHECK(waitpid(c, &status, 0) == c);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CHECK(upper(upper_ep, "after", NULL) == 5);
	CHECK(now_ms() - t0 >= 300);
	return true;
}

static bool t_name_errors(void)
{
	char longname[PITH_NAME_MAX + 2];
	slot_t ep = 0;

	CHECK(pith_connect("nosuch", &ep) == -1 && errno == ENOENT);
	CHECK(pith_serve(UPPER_NAME, &ep) == -1 && errno == EEXIST);
	CHECK(pith_unserve(UPPER_NAME) == -1 && errno == EPERM);
	CHECK(pith_unserve("nosuch") == -1 && errno == ENOENT);
	CHECK(pith_serve("", &ep) == -1 && errno == EINVAL);
	CHECK(pith_serve("a b", &ep) == -1 && errno == EINVAL);
	CHECK(pith_serve("tab\t", &ep) == -1 && errno == EINVAL);
	memset(longname, 'n', PITH_NAME_MAX + 1);
	longname[PITH_NAME_MAX + 1] = 0;
	CHECK(pith_serve(longname, &ep) == -1 && errno == EINVAL);
	CHECK(pith_connect(longname, &ep) == -1 && errno == EINVAL);
	longname[PITH_NAME_MAX] = 0;    /* the longest name: well-formed */
	CHECK(pith_connect(longname, &ep) == -1 && errno == ENOENT);
	CHECK(pith_serve((const char *)8, &ep) == -1 && errno == EFAULT);
	CHECK(pith_connect((const char *)0x50000000, &ep) == -1 && errno == EFAULT);
	CHECK(pith_disconnect(1) == -1 && errno == EBADF);
	CHECK(pith_disconnect(PITH_SLOT_FIRST + 100) == -1 && errno == EBADF);
	return true;
}

/* Serve, serve again, connect to oneself, unserve, serve again. */
static bool t_serve_unserve(void)
{
	slot_t s, c, s2;

	CHECK(pith_serve("t.self", &s) == 0 && s >= PITH_SLOT_FIRST);
	CHECK(pith_serve("t.self", &s2) == -1 && errno == EEXIST);
	CHECK(pith_connect("t.self", &c) == 0 && c != s);
	CHECK(pith_unserve("t.self") == 0);
	CHECK(pith_connect("t.self", &s2) == -1 && errno == ENOENT);
	CHECK(pith_unserve("t.self") == -1 && errno == ENOENT);
	CHECK(pith_disconnect(c) == 0 && pith_disconnect(s) == 0);
	CHECK(pith_disconnect(c) == -1 && errno == EBADF);
	CHECK(pith_serve("t.self", &s2) == 0);
	CHECK(pith_unserve("t.self") == 0 && pith_disconnect(s2) == 0);
	return true;
}

/* A server of our own in a child: the badge is our pid; its end frees
 * the name, fails the call it held with EPIPE, and takes the
 * capabilities to its endpoint with it (EBADF afterwards). */
static bool t_server_dies(void)
{
	slot_t ep;
	struct msg r;
	int status;
	pid_t c = fork();

	CHECK(c >= 0);
	if (c == 0) {
		slot_t me;
		struct msg m;
		if (pith_serve("t.child", &me))
			_exit(2);
		if (sys_recv(me, &m))
			_exit(3);
		/* Answer the first call with its badge, hold the second. */
		if (sys_reply_recv(me, MSG_INFO(0, 3, 0), m.badge, 0, 0, &m))
			_exit(4);
		_exit(7);
	}
	CHECK(connect_wait("t.child", &ep) == 0);
	CHECK(sys_call(ep, MSG_INFO(1, 3, 0), 0, 0, 0, &r) == 0);
	CHECK((int64_t)r.w[0] == getpid());
	CHECK(sys_call(ep, MSG_INFO(1, 3, 0), 0, 0, 0, &r) == -EPIPE);
	CHECK(waitpid(c, &status, 0) == c);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK(pith_connect("t.child", &ep) == -1 && errno == ENOENT);
	CHECK(sys_call(ep, MSG_INFO(1, 3, 0), 0, 0, 0, &r) == -EBADF);
	/* The name is anyone's again. */
	slot_t s;
	CHECK(pith_serve("t.child", &s) == 0);
	CHECK(pith_unserve("t.child") == 0 && pith_disconnect(s) == 0);
	return true;
}

/* exec drops the names of the old image (its capability space is gone). */
static bool t_exec_frees(void)
{
	slot_t ep;
	int status;
	bool freed = false;
	pid_t c = fork();

	CHECK(c >= 0);
	if (c == 0) {
		char *argv[] = { "namestest", "serve-then-sleep", "t.exec", NULL };
		slot_t me;
		if (pith_serve("t.exec", &me))
			_exit(2);
		usleep(100000);
		execv("/bin/namestest", argv);
		_exit(3);
	}
	CHECK(connect_wait("t.exec", &ep) == 0);
	pith_disconnect(ep);
	for (int i = 0; i < 100 && !freed; i++) {
		freed = pith_connect("t.exec", &ep) == -1 && errno == ENOENT;
		if (!freed) {
			pith_disconnect(ep);
			usleep(10000);
		}
	}
	CHECK(freed);
	CHECK(kill(c, 0) == 0);     /* the process lives on, in its new image */
	CHECK(waitpid(c, &status, 0) == c);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return true;
}

/* A thread's space is full: EMFILE; a slot given back is used again. */
static bool t_slots_run_out(void)
{
	slot_t got[128], ep;
	unsigned n = 0;

	while (n < 128 && pith_connect(UPPER_NAME, &got[n]) == 0)
		n++;
	CHECK(n < 128 && errno == EMFILE);
	CHECK(n > 100);
	CHECK(pith_disconnect(got[n / 2]) == 0);
	CHECK(pith_connect(UPPER_NAME, &ep) == 0 && ep == got[n / 2]);
	CHECK(upper(ep, "x", NULL) == 1);
	for (unsigned i = 0; i < n; i++)
		CHECK(pith_disconnect(got[i]) == 0);
	return true;
}

/* A thread connects in its own capability space. */
static slot_t thread_slot;
static int64_t thread_answer = -1;

static void *thread_main(void *arg)
{
	char out[16];

	(void)arg;
	if (pith_connect(UPPER_NAME, &thread_slot) == 0)
		thread_answer = upper(thread_slot, "thread", out);
	pith_disconnect(thread_slot);
	return NULL;
}

static bool t_thread(void)
{
	pthread_t t;

	CHECK(pthread_create(&t, NULL, thread_main, NULL) == 0);
	CHECK(pthread_join(t, NULL) == 0);
	CHECK(thread_answer == 6);
	CHECK(thread_slot >= PITH_SLOT_FIRST);
	return true;
}

/* The example server killed: its name is freed, the capability we held
 * is gone (EBADF), and init's respawn brings a new server under the
 * same name. */
static bool t_respawn(void)
{
	struct msg r;
	slot_t ep;

	CHECK(sys_call(upper_ep, MSG_INFO(UPPER_WHOAMI, 3, 0), 0, 0, 0, &r) == 0);
	pid_t old = (pid_t)r.w[1];
	CHECK(kill(old, SIGTERM) == 0);
	usleep(50000);
	CHECK(sys_call(upper_ep, MSG_INFO(UPPER_WHOAMI, 3, 0), 0, 0, 0, &r) == -EBADF);
	CHECK(connect_wait(UPPER_NAME, &ep) == 0);
	CHECK(sys_call(ep, MSG_INFO(UPPER_WHOAMI, 3, 0), 0, 0, 0, &r) == 0);
	CHECK((pid_t)r.w[1] != old);
	CHECK(upper(ep, "again", NULL) == 5);
	return true;
}

static const struct guest_test tests[] = {
	{ "names-connect", t_connect },
	{ "names-toupper", t_toupper },
	{ "names-badge", t_badge },
	{ "names-bad-messages", t_bad_messages },
	{ "names-client-dies", t_client_dies },
	{ "names-errors", t_name_errors },
	{ "names-serve-unserve", t_serve_unserve },
	{ "names-server-dies", t_server_dies },
	{ "names-exec-frees", t_exec_frees },
	{ "names-slots", t_slots_run_out },
	{ "names-thread", t_thread },
	{ "names-respawn", t_respawn },
};

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "serve-then-sleep")) {
		usleep(300000);
		return 0;
	}
	printf("namestest: the name service and the example server\n");
	return guest_run_tests(GUEST_TESTS(tests), NULL);
}
