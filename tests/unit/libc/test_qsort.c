/* libc's qsort and bsearch on the host, against an insertion sort. */
#include <stdlib.h>
#include <string.h>

#include "check.h"

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

struct rec {
	unsigned key;
	char pad[13];   /* an odd size */
};

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

static void ref_sort(int *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j && v[j - 1] > v[j]; j--) {
			int t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

int main(void)
{
	static int a[3000], b[3000];
	unsigned seed = 7;

	for (size_t n = 0; n <= 3000; n = n < 40 ? n + 1 : n * 3 / 2) {
		for (int kind = 0; kind < 5; kind++) {
			for (size_t i = 0; i < n; i++) {
				int r = rand_r(&seed);
				a[i] = kind == 0 ? r : kind == 1 ? (int)i
				     : kind == 2 ? (int)(n - i) : kind == 3 ? r % 3 : 5;
			}
			memcpy(b, a, n * sizeof(int));
			qsort(a, n, sizeof(int), cmp_int);
			ref_sort(b, n);
			if (memcmp(a, b, n * sizeof(int))) {
				printf("qsort n=%zu kind=%d\n", n, kind);
				CHECK(0);
			}
		}
	}
	/* Odd-sized elements move whole. */
	static struct rec r[500];
	for (unsigned i = 0; i < 500; i++) {
		r[i].key = (unsigned)rand_r(&seed) % 1000;
		memset(r[i].pad, (char)r[i].key, sizeof(r[i].pad));
	}
	qsort(r, 500, sizeof(r[0]), cmp_rec);
	int ok = 1;
	for (unsigned i = 0; i < 500; i++) {
		ok &= i == 0 || r[i - 1].key <= r[i].key;
		ok &= r[i].pad[0] == (char)r[i].key && r[i].pad[12] == (char)r[i].key;
	}
	CHECK(ok);

	/* bsearch finds every element and misses between them. */
	int v[101];
	for (int i = 0; i < 101; i++)
		v[i] = 2 * i;
	for (size_t n = 0; n <= 101; n++) {
		for (int k = -1; k <= 2 * (int)n; k++) {
			int *p = bsearch(&k, v, n, sizeof(int), cmp_int);
			if (k >= 0 && k % 2 == 0 && k / 2 < (int)n)
				ok &= p == &v[k / 2];
			else
				ok &= p == NULL;
		}
	}
	CHECK(ok);
	return check_done("libc qsort");
}
