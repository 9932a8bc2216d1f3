/*
 * libc's stdio on the host: what reaches descriptor 1 and 2 (captured by
 * host_libc.c) and when: stdout is line buffered, stderr unbuffered, a
 * printf call leaves nothing behind, exit flushes and runs the atexit
 * handlers in reverse; also fopen's ENOSYS, perror, the snprintf family.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "host_libc.h"

static size_t mark;

static const char *since_mark(void)
{
	static char buf[4096];
	size_t n = host_console_len - mark;

	memcpy(buf, host_console + mark, n);
	buf[n] = '\0';
	mark = host_console_len;
	return buf;
}

static char order[8];

static void first(void)
{
	/* Registered first, so run last: everything else has run. */
	strcat(order, "1");
	if (strcmp(order, "321") != 0)
		_exit(3);
	/* The buffered "pending" must be written after this handler. */
	if (strstr(host_console, "pending"))
		_exit(4);
}
static void flushed(int status)
{
	if (!strstr(host_console, "pending"))
		_exit(5);
}

static void second(void) { strcat(order, "2"); }
static void third(void) { strcat(order, "3"); }

int main(void)
{
	host_console_echo = 0;
	mark = host_console_len;
	CHECK(putchar('a') == 'a');
	CHECK(fputs("bc", stdout) == 0);
	CHECK(strcmp(since_mark(), "") == 0);   /* line buffered: held */
	CHECK(putchar('\n') == '\n');
	CHECK_STR(since_mark(), "abc\n");
	CHECK(fputc('e', stderr) == 'e');
	CHECK_STR(since_mark(), "e");           /* unbuffered */
	CHECK(printf("%d-%s", 42, "x") == 4);
	CHECK_STR(since_mark(), "42-x");        /* one printf, one write */
	CHECK(fprintf(stderr, "%5.2f|%-3c|", 3.14159, 'z') == 10);
	CHECK_STR(since_mark(), " 3.14|z  |");
	CHECK(dprintf(1, "fd%d", 1) == 3);
	CHECK_STR(since_mark(), "fd1");
	CHECK(puts("line") == 0);
	CHECK_STR(since_mark(), "line\n");
	CHECK(fwrite("xyz\n", 1, 4, stdout) == 4);
	CHECK_STR(since_mark(), "xyz\n");
	errno = ENOSYS;
	perror("op");
	CHECK_STR(since_mark(), "op: Function not implemented\n");

	char small[8];
	CHECK(snprintf(small, sizeof(small), "%s", "truncated") == 9);
	CHECK_STR(small, "truncat");
	char big[64];
	CHECK(sprintf(big, "%03d|%x|%o|%p", 7, 255, 8, (void *)0x10) == 14);
	CHECK_STR(big, "007|ff|10|0x10");
	char *a;
	CHECK(asprintf(&a, "%s-%d", "as", 99) == 5);
	CHECK_STR(a, "as-99");
	free(a);

	errno = 0;
	CHECK(fopen("/etc/pith-release", "r") == NULL && errno == ENOSYS);
	errno = 0;
	CHECK(fopen("x", "q") == NULL && errno == EINVAL);
	CHECK(fgetc(stdin) == EOF && ferror(stdin));
	clearerr(stdin);
	CHECK(!ferror(stdin) && !feof(stdin));
	CHECK(fileno(stderr) == 2);
	CHECK(ungetc('q', stdin) == 'q' && getchar() == 'q');

	CHECK(atexit(first) == 0 && atexit(second) == 0 && atexit(third) == 0);
	host_console_echo = 1;
	int failed = check_done("libc stdio");
	/* Held by the line buffer until exit flushes it, after the atexit
	 * handlers (first() checks it is not out yet, flushed() that it is). */
	fputs("pending", stdout);
	host_exit_hook = flushed;
	exit(failed);
}
