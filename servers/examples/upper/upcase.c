/*
 * upcase: an example client of "upper" (servers/examples/upper/upper.c):
 * prints its arguments upper-cased by the server. `upcase hello world`
 * prints "HELLO WORLD". Exit status 1 if the server cannot be reached.
 */
#include <errno.h>
#include <pith/names.h>
#include <proto/upper.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct ipc_buffer *ib = pith_ipcbuf();
	slot_t ep;
	int tries = 0;

	/* The server may still be starting (init starts it just before). */
	while (pith_connect(UPPER_NAME, &ep)) {
		if (errno != ENOENT || ++tries == 50) {
			perror("upcase: connect to \"" UPPER_NAME "\"");
			return 1;
		}
		usleep(20000);
	}
	for (int i = 1; i < argc; i++) {
		size_t n = strlen(argv[i]);
		struct msg r;
		if (n > UPPER_MAX)
			n = UPPER_MAX;
		memcpy(&ib->mr[3], argv[i], n);
		long err = sys_call(ep, MSG_INFO(UPPER_TOUPPER, 3 + UPPER_WORDS(n), 0),
				    n, 0, 0, &r);
		if (err || (int64_t)r.w[0] < 0) {
			fprintf(stderr, "upcase: %s\n",
				strerror(err ? (int)-err : (int)-(int64_t)r.w[0]));
			return 1;
		}
		printf("%s%.*s", i > 1 ? " " : "", (int)r.w[0], (char *)&ib->mr[3]);
	}
	printf("\n");
	pith_disconnect(ep);
	return 0;
}
