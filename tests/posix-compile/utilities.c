/* The C library proper as portable programs use it: <stdlib.h>
 * <string.h> <strings.h> <ctype.h> <inttypes.h> <limits.h> <errno.h>
 * <setjmp.h> <pthread.h> <assert.h> <stdint.h> <stdbool.h> <stddef.h>
 * <stdarg.h>. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "compile.h"

static jmp_buf jb;
static sigjmp_buf sjb;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int counter;

static void init_once(void)
{
	counter = 1;
}

static void *worker(void *arg)
{
	pthread_mutex_lock(&lock);
	counter += *(int *)arg;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	return NULL;
}

static int threads(void)
{
	pthread_t t;
	pthread_attr_t attr;
	pthread_key_t key;
	int one = 1, old, err;

	pthread_once(&once, init_once);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);
	pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN);
	err = pthread_create(&t, &attr, worker, &one);
	if (err == 0)
		pthread_join(t, NULL);
	else if (err != ENOSYS)
		return 1;
	pthread_attr_destroy(&attr);
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	pthread_key_create(&key, free);
	pthread_setspecific(key, NULL);
	(void)pthread_getspecific(key);
	pthread_key_delete(key);
	pthread_mutex_lock(&lock);
	while (counter == 0)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	return !pthread_equal(pthread_self(), pthread_self());
}

static void jump(int depth)
{
	if (depth == 0)
		longjmp(jb, 3);
	jump(depth - 1);
}

static int jumps(void)
{
	volatile int tries = 0;

	if (setjmp(jb) == 0) {
		tries++;
		jump(4);
	}
	if (sigsetjmp(sjb, 1) == 0)
		siglongjmp(sjb, 1);
	return tries != 1;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int say(const char *fmt, ...)
{
	va_list ap;
	char buf[128];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fputs(buf, stderr);
	return n;
}

int utilities(const char *text)
{
	char *words[] = { "pear", "apple", "fig" };
	char *copy = strdup(text), *save = NULL, *tok;
	char name[32];
	int64_t big = INT64_MAX;
	uintmax_t um = strtoumax("123", NULL, 10);
	intmax_t im = strtoimax("-5", NULL, 0);
	unsigned n = 0;
	bool ok = true;

	assert(copy != NULL);
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		n += (unsigned)strlen(tok);
	qsort(words, sizeof(words) / sizeof(words[0]), sizeof(words[0]), cmp);
	char *key = "fig";
	ok &= bsearch(&key, words, 3, sizeof(words[0]), cmp) != NULL;
	ok &= strcasecmp("ABC", "abc") == 0 && strncasecmp("ab", "AB", 2) == 0;
	ok &= ffs(8) == 4 && isalpha('a') && isdigit('1') && toupper('q') == 'Q';
	if (sscanf(text, "%d %31s", &counter, name) == 2)
		say("%d %s\n", counter, name);
	printf("%" PRId64 " %" PRIuMAX " %" PRIdMAX " %" PRIx32 " %zu %u\n", big, um,
	       im, UINT32_MAX, sizeof(ptrdiff_t), n);
	errno = 0;
	long l = strtol("99999999999999999999", NULL, 10);
	ok &= l == LONG_MAX && errno == ERANGE;
	ok &= strtoul("ff", NULL, 16) == 255 && strtoll("-1", NULL, 0) == -1;
	ok &= strtoull("1", NULL, 2) == 1 && atoi("7") == 7 && atol("8") == 8;
	ok &= strtod("1.5", NULL) == 1.5 && atof("2") == 2.0;
	ok &= abs(-1) == 1 && labs(-2) == 2 && llabs(-3) == 3 && div(7, 2).rem == 1;
	srand(1);
	ok &= rand() <= RAND_MAX;
	char *env = getenv("HOME");
	setenv("COMPILE", "1", 1);
	unsetenv("COMPILE");
	putenv("X=y");
	void *p = calloc(4, 16), *q = aligned_alloc(64, 64), *r;
	ok &= posix_memalign(&r, 64, 128) == 0;
	p = realloc(p, 1024);
	free(p);
	free(q);
	free(r);
	char dst[16];
	ok &= strcmp(strncpy(dst, "abc", sizeof(dst)), "abc") == 0;
	memmove(dst + 1, dst, 4);
	memset(dst, 0, sizeof(dst));
	ok &= memcmp(dst, dst, 1) == 0 && strlen(strerror(EINVAL)) > 0;
	ok &= strstr("haystack", "st") != NULL && strchr("x", 'x') && strrchr("yy", 'y');
	ok &= strspn("aab", "a") == 2 && strcspn("ab", "b") == 1 && strpbrk("ab", "b");
	ok &= stpcpy(dst, "a") == dst + 1 && memccpy(dst, "ab", 'b', 2) != NULL;
	char *nd = strndup("abcdef", 2);
	ok &= nd && strcoll(nd, "ab") == 0;
	free(nd);
	free(copy);
	if (!env)
		say("no HOME (%s)\n", strerror(errno));
	if (system(NULL) == 0)
		say("no shell\n");
	ok &= CHAR_BIT == 8 && PATH_MAX >= _POSIX_PATH_MAX && ARG_MAX >= _POSIX_ARG_MAX;
	ok &= threads() == 0 && jumps() == 0;
	if (!ok)
		abort();
	atexit(init_once);
	return ok ? 0 : 1;
}
