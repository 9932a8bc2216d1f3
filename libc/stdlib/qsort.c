/*
 * Sorting and searching (<stdlib.h>): qsort is a quicksort with
 * median-of-three pivots (quadratic only on contrived input), recursion
 * on the smaller part only (stack depth O(log n)) and insertion sort
 * below 12 elements;
 * elements are swapped bytewise, so any size works. Not stable (the
 * standard does not ask). bsearch is the usual halving.
 */
#include <stdlib.h>

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

static void insertion(char *base, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	for (size_t i = 1; i < n; i++)
		for (char *p = base + i * size; p > base && cmp(p - size, p) > 0;
		     p -= size)
			swap(p - size, p, size);
}

void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	char *b = base;

	while (n >= 12) {
		char *lo = b, *mid = b + (n / 2) * size, *hi = b + (n - 1) * size;

		/* Order lo <= mid <= hi, then park the pivot at lo. */
		if (cmp(mid, lo) < 0)
			swap(mid, lo, size);
		if (cmp(hi, mid) < 0) {
			swap(hi, mid, size);
			if (cmp(mid, lo) < 0)
				swap(mid, lo, size);
		}
		swap(lo, mid, size);
		/* Hoare partition around *lo. */
		char *i = lo, *j = hi + size;
		for (;;) {
			do
				i += size;
			while (i < hi && cmp(i, lo) < 0);
			do
				j -= size;
			while (cmp(j, lo) > 0);
			if (i >= j)
				break;
			swap(i, j, size);
		}
		swap(lo, j, size);
		size_t left = (size_t)(j - b) / size;
		size_t right = n - left - 1;
		if (left < right) {
			qsort(b, left, size, cmp);
			b = j + size;
			n = right;
		} else {
			qsort(j + size, right, size, cmp);
			n = left;
		}
	}
	insertion(b, n, size, cmp);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const char *b = base;

	while (n) {
		const char *mid = b + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
