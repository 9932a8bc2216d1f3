/*
 * upper: an example server under procsrv (docs/writing-a-server.md). It
 * serves the name "upper" (proto/upper.h): upper-cases the text a client
 * sends and says who the client is. A POSIX program like any other,
 * started from /etc/inittab; it prints to its standard output, fs's
 * /dev/console.
 *
 * The loop: receive, do the work, answer and receive the next in one
 * call. A bad message gets an error answer, never the server's end; a
 * client that dies before its answer costs nothing (the kernel drops a
 * reply to a dead caller).
 */
#include <errno.h>
#include <pith/names.h>
#include <proto/upper.h>
#include <stdio.h>
#include <unistd.h>

/* Upper-case n bytes at words 3.. of the IPC buffer, in place. */
static int64_t do_toupper(const struct msg *m, struct ipc_buffer *ib)
{
	uint64_t n = m->w[0];
	char *text = (char *)&ib->mr[3];

	if (n > UPPER_MAX || MSG_LEN(m->info) < 3 + UPPER_WORDS(n))
		return -EINVAL;
	for (uint64_t i = 0; i < n; i++)
		if (text[i] >= 'a' && text[i] <= 'z')
			text[i] = (char)(text[i] - 'a' + 'A');
	return (int64_t)n;
}

int main(void)
{
	struct ipc_buffer *ib = pith_ipcbuf();
	slot_t ep;
	struct msg m;
	long err;

	if (pith_serve(UPPER_NAME, &ep)) {
		perror("upper: cannot serve \"" UPPER_NAME "\"");
		return 1;
	}
	printf("upper: serving \"%s\" as pid %d\n", UPPER_NAME, getpid());
	err = sys_recv(ep, &m);                 /* get work, */
	for (;;) {                              /* do it, answer, get more */
		int64_t w0 = 0;
		uint64_t w1 = 0, len = 3;
		if (err) {
			err = sys_recv(ep, &m);
			continue;
		}
		switch (MSG_LABEL(m.info)) {
		case UPPER_TOUPPER:
			w0 = do_toupper(&m, ib);
			if (w0 > 0)
				len = 3 + UPPER_WORDS((uint64_t)w0);
			break;
		case UPPER_WHOAMI:
			w0 = (int64_t)m.badge;  /* the client's pid, by procsrv */
			w1 = (uint64_t)getpid();
			break;
		case UPPER_SLOW:
			if (m.w[0] > UPPER_SLOW_MAX_MS)
				w0 = -EINVAL;
			else
				usleep((useconds_t)(m.w[0] * 1000));
			break;
		default:
			w0 = -ENOSYS;
		}
		err = sys_reply_recv(ep, MSG_INFO(0, len, 0), (uint64_t)w0, w1, 0, &m);
	}
}
