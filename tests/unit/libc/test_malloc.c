/*
 * libc's malloc on the host, fed by host_libc.c's morecore (separate,
 * misaligned host blocks): random malloc/calloc/realloc/free sequences,
 * each block filled with its own pattern and checked before it changes,
 * no two live blocks overlapping; then alignment, zero sizes, overflow
 * and running out.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "host_libc.h"

#define SLOTS 512

struct live {
	unsigned char *p;
	size_t n;
	unsigned char tag;
};

static struct live live[SLOTS];

static int intact(const struct live *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->p[i] != (unsigned char)(l->tag + i))
			return 0;
	return 1;
}

static void fill(struct live *l)
{
	for (size_t i = 0; i < l->n; i++)
		l->p[i] = (unsigned char)(l->tag + i);
}

static int no_overlap(void)
{
	for (int i = 0; i < SLOTS; i++)
		for (int j = i + 1; j < SLOTS; j++) {
			const struct live *a = &live[i], *b = &live[j];
			if (a->p && b->p && a->p < b->p + b->n && b->p < a->p + a->n)
				return 0;
		}
	return 1;
}

static size_t random_size(unsigned *seed)
{
	unsigned r = (unsigned)rand_r(seed);

	switch (r % 8) {
	case 0: return r % 17;
	case 1: case 2: case 3: return r % 300;
	case 4: case 5: return r % 3000;
	case 6: return r % 40000;
	default: return r % 200000;
	}
}

static void test_random(void)
{
	unsigned seed = 12345;
	int ok = 1;

	for (int step = 0; step < 40000 && ok; step++) {
		struct live *l = &live[(unsigned)rand_r(&seed) % SLOTS];
		unsigned op = (unsigned)rand_r(&seed) % 4;
		if (l->p)
			ok &= intact(l);
		if (!l->p) {
			l->n = random_size(&seed);
			l->p = op == 0 ? calloc(1, l->n) : malloc(l->n);
			if (op == 0)
				for (size_t i = 0; i < l->n; i++)
					ok &= l->p[i] == 0;
			ok &= l->p != NULL && ((uintptr_t)l->p & 15) == 0;
		} else if (op == 1) {
			size_t n = random_size(&seed), keep = n < l->n ? n : l->n;
			unsigned char *q = realloc(l->p, n);
			ok &= q != NULL && ((uintptr_t)q & 15) == 0;
			for (size_t i = 0; i < keep; i++)
				ok &= q[i] == (unsigned char)(l->tag + i);
			l->p = q;
			l->n = n;
		} else {
			free(l->p);
			l->p = NULL;
			continue;
		}
		l->tag = (unsigned char)rand_r(&seed);
		fill(l);
		if (step % 2000 == 0)
			ok &= no_overlap();
	}
	CHECK(ok);
	CHECK(no_overlap());
	for (int i = 0; i < SLOTS; i++) {
		if (live[i].p)
			CHECK(intact(&live[i]));
		free(live[i].p);
		live[i].p = NULL;
	}
}

static void test_edges(void)
{
	void *a = malloc(0), *b = malloc(0);

	CHECK(a && b && a != b);
	free(a);
	free(b);
	free(NULL);
	errno = 0;
	CHECK(calloc(SIZE_MAX / 2, 4) == NULL && errno == ENOMEM);
	errno = 0;
	CHECK(malloc(SIZE_MAX - 8) == NULL && errno == ENOMEM);
	CHECK(reallocarray(NULL, SIZE_MAX / 2, 4) == NULL);
	char *p = realloc(NULL, 10);
	CHECK(p != NULL);
	strcpy(p, "123456789");
	p = realloc(p, 5);            /* shrinking keeps the block */
	CHECK(p && !memcmp(p, "12345", 5));
	free(p);

	for (size_t align = 32; align <= 65536; align *= 2) {
		void *q = aligned_alloc(align, 100);
		CHECK(q && ((uintptr_t)q & (align - 1)) == 0);
		memset(q, 0xab, 100);
		q = realloc(q, 5000);         /* realloc of an aligned block */
		CHECK(q && ((unsigned char *)q)[99] == 0xab);
		free(q);
	}
	void *m = NULL;
	CHECK(posix_memalign(&m, 256, 10) == 0 && ((uintptr_t)m & 255) == 0);
	free(m);
	CHECK(posix_memalign(&m, 3, 10) == EINVAL);
	CHECK(posix_memalign(&m, 4, 10) == EINVAL);   /* below sizeof(void *) */
	errno = 0;
	CHECK(aligned_alloc(24, 10) == NULL && errno == EINVAL);

	/* Freed memory is reused: a same-size malloc after free does not
	 * ask morecore again. */
	void *x = malloc(100000);
	free(x);
	size_t calls = host_morecore_calls;
	x = malloc(100000);
	CHECK(x && host_morecore_calls == calls);
	free(x);
	/* Neighbours merge: two freed halves serve one large request. */
	char *h1 = malloc(50000), *h2 = malloc(50000);
	calls = host_morecore_calls;
	free(h1);
	free(h2);
	x = malloc(90000);
	CHECK(x && host_morecore_calls == calls);
	free(x);

	/* Out of memory is NULL + ENOMEM, and malloc still works after. */
	host_morecore_limit = host_morecore_calls;
	errno = 0;
	CHECK(malloc(1 << 24) == NULL && errno == ENOMEM);
	host_morecore_limit = (size_t)-1;
	x = malloc(1 << 24);
	CHECK(x != NULL);
	free(x);
}

int main(void)
{
	test_random();
	test_edges();
	return check_done("libc malloc");
}
