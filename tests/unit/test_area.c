/*
 * servers/procsrv/area.c: a process's memory map. Adding (alignment,
 * overlap), removing and protecting with splits (file offsets follow),
 * merging of demand-zero neighbours, an empty pool that leaves every map
 * as it was, brk, stack growth, the search for free room, copy and clear.
 * Then thousands of random edits, each checked page by page against a
 * plain array model, with the pool now and then nearly empty.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "area.h"
#include "lazy_tables.h"
#include "uapi/errno.h"

#define P AREA_PAGE
#define RW (AREA_R | AREA_W)

/* ---- helpers --------------------------------------------------------------- */

/* The map's areas, copied, to see that a failed call changed nothing. */
#define SNAP_MAX 256

struct snap {
	uint32_t n, count;
	uint64_t brk;
	struct area a[SNAP_MAX];
};

static void take(struct snap *s, const struct area_map *m)
{
	memset(s, 0, sizeof(*s));
	for (const struct area *a = m->head; a && s->n < SNAP_MAX; a = a->next) {
		s->a[s->n] = *a;
		s->a[s->n++].next = NULL;
	}
	s->count = m->count;
	s->brk = m->brk;
}

static bool same(const struct snap *s, const struct area_map *m)
{
	struct snap now;

	take(&now, m);
	return memcmp(s, &now, sizeof(now)) == 0;
}

/* Sorted, aligned, non-empty, non-overlapping, count right, no two
 * demand-zero neighbours that should have been merged. */
static bool well_formed(const struct area_map *m)
{
	uint32_t n = 0;

	for (const struct area *a = m->head; a; a = a->next) {
		if (a->start >= a->end || a->start % P || a->end % P)
			return false;
		if (a->next && a->next->start < a->end)
			return false;
		if (a->next && a->next->start == a->end &&
		    a->kind != AREA_FILE && a->kind == a->next->kind &&
		    a->prot == a->next->prot)
			return false;
		n++;
	}
	return n == m->count;
}

static struct area *nth(struct area_map *m, uint32_t i)
{
	struct area *a = m->head;

	while (a && i--)
		a = a->next;
	return a;
}

#define CHECK_AREA(a, s, e, pr, k)                                        \
	do {                                                              \
		const struct area *a_ = (a);                              \
		CHECK(a_ != NULL);                                        \
		if (a_) {                                                 \
			CHECK_EQ(a_->start, s);                           \
			CHECK_EQ(a_->end, e);                             \
			CHECK_EQ(a_->prot, pr);                           \
			CHECK_EQ(a_->kind, k);                            \
		}                                                         \
	} while (0)

/* Areas held elsewhere, to leave exactly `left` in the pool. The hog's
 * areas are file areas a page apart, so they never merge, each new one
 * below the others: it goes first in the list, where adding and
 * removing it costs the least. */
#define HOG_TOP 0x100000000000ull

static struct area_map hog;
static uint64_t hog_low = HOG_TOP;

static void pool_leave(uint32_t left)
{
	bool ok = true;

	while (area_pool_free() > left) {
		hog_low -= 2 * P;
		ok &= area_add(&hog, hog_low, hog_low + P, AREA_R, AREA_FILE,
			       0, 0) == 0;
	}
	while (area_pool_free() < left && hog.head) {
		ok &= area_remove(&hog, hog_low, hog_low + P) == 0;
		hog_low += 2 * P;
	}
	CHECK(ok && area_pool_free() == left);
}

static void fresh(struct area_map *m)
{
	area_pool_init();
	memset(&hog, 0, sizeof(hog));
	hog_low = HOG_TOP;
	memset(m, 0, sizeof(*m));
}

/* ---- add and find ------------------------------------------------------------ */

static void test_add(void)
{
	struct area_map m;

	fresh(&m);
	CHECK_EQ(area_add(&m, 0x1000, 0x1800, RW, AREA_ANON, 0, 0), -EINVAL);
	CHECK_EQ(area_add(&m, 0x1010, 0x2000, RW, AREA_ANON, 0, 0), -EINVAL);
	CHECK_EQ(area_add(&m, 0x2000, 0x2000, RW, AREA_ANON, 0, 0), -EINVAL);
	CHECK_EQ(area_add(&m, 0x3000, 0x2000, RW, AREA_ANON, 0, 0), -EINVAL);
	CHECK_EQ(m.count, 0);

	/* Out of order: the list comes out sorted. */
	CHECK_EQ(area_add(&m, 0x10000, 0x12000, AREA_R | AREA_X, AREA_FILE,
			  0x400, 0x1800), 0);
	CHECK_EQ(area_add(&m, 0x4000, 0x6000, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_add(&m, 0x20000, 0x21000, AREA_R, AREA_ANON, 0, 0), 0);
	CHECK_EQ(m.count, 3);
	CHECK_AREA(nth(&m, 0), 0x4000, 0x6000, RW, AREA_ANON);
	CHECK_AREA(nth(&m, 1), 0x10000, 0x12000, AREA_R | AREA_X, AREA_FILE);
	CHECK_AREA(nth(&m, 2), 0x20000, 0x21000, AREA_R, AREA_ANON);
	CHECK_EQ(nth(&m, 1)->file_off, 0x400);
	CHECK_EQ(nth(&m, 1)->file_size, 0x1800);

	/* Overlap in every way. */
	CHECK_EQ(area_add(&m, 0x3000, 0x5000, RW, AREA_ANON, 0, 0), -EEXIST);
	CHECK_EQ(area_add(&m, 0x5000, 0x7000, RW, AREA_ANON, 0, 0), -EEXIST);
	CHECK_EQ(area_add(&m, 0x4000, 0x6000, RW, AREA_ANON, 0, 0), -EEXIST);
	CHECK_EQ(area_add(&m, 0x3000, 0x30000, RW, AREA_ANON, 0, 0), -EEXIST);
	CHECK_EQ(area_add(&m, 0x11000, 0x12000, RW, AREA_ANON, 0, 0), -EEXIST);
	CHECK_EQ(m.count, 3);

	/* Touching neighbours of another kind or rights stay apart. */
	CHECK_EQ(area_add(&m, 0x6000, 0x7000, AREA_R, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_add(&m, 0x12000, 0x13000, AREA_R | AREA_X, AREA_FILE,
			  0x2400, 0x1000), 0);
	CHECK_EQ(area_add(&m, 0x3000, 0x4000, RW, AREA_STACK, 0, 0), 0);
	CHECK_EQ(m.count, 6);
	CHECK(well_formed(&m));

	CHECK(area_find(&m, 0x2fff) == NULL);
	CHECK(area_find(&m, 0x3000) == nth(&m, 0));
	CHECK(area_find(&m, 0x4000) == nth(&m, 1));
	CHECK(area_find(&m, 0x5fff) == nth(&m, 1));
	CHECK(area_find(&m, 0x6000) == nth(&m, 2));
	CHECK(area_find(&m, 0x7000) == NULL);
	CHECK(area_find(&m, 0x20fff) == nth(&m, 5));
	CHECK(area_find(&m, 0x21000) == NULL);
	CHECK(area_find(&m, 0) == NULL);
	CHECK_EQ(area_total(&m), 0x2000 + 0x2000 + 0x1000 + 0x1000 + 0x1000 + 0x1000);
	CHECK_EQ(area_pool_free(), AREA_POOL - 6);
}

/* Demand-zero neighbours of one kind and rights become one area. */
static void test_merge(void)
{
	struct area_map m;

	fresh(&m);
	CHECK_EQ(area_add(&m, 0x4000, 0x5000, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_add(&m, 0x6000, 0x7000, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_add(&m, 0x5000, 0x6000, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(m.count, 1);
	CHECK_AREA(m.head, 0x4000, 0x7000, RW, AREA_ANON);
	CHECK_EQ(area_pool_free(), AREA_POOL - 1);
	/* File areas never merge, even with continuous offsets. */
	CHECK_EQ(area_add(&m, 0x10000, 0x11000, AREA_R, AREA_FILE, 0, 0x1000), 0);
	CHECK_EQ(area_add(&m, 0x11000, 0x12000, AREA_R, AREA_FILE, 0x1000, 0), 0);
	CHECK_EQ(m.count, 3);
	/* Nor heap with anonymous. */
	CHECK_EQ(area_add(&m, 0x7000, 0x8000, RW, AREA_HEAP, 0, 0), 0);
	CHECK_EQ(m.count, 4);
	CHECK(well_formed(&m));
}

/* ---- remove -------------------------------------------------------------------- */

static void test_remove(void)
{
	struct area_map m;
	struct area *a, *b;

	fresh(&m);
	/* One file area cut in two: the right piece's offset follows. */
	CHECK_EQ(area_add(&m, 0x10000, 0x18000, AREA_R, AREA_FILE, 0x2000,
			  0x5800), 0);
	CHECK_EQ(area_remove(&m, 0x12000, 0x13000), 0);
	CHECK_EQ(m.count, 2);
	a = nth(&m, 0);
	b = nth(&m, 1);
	CHECK_AREA(a, 0x10000, 0x12000, AREA_R, AREA_FILE);
	CHECK_EQ(a->file_off, 0x2000);
	CHECK_AREA(b, 0x13000, 0x18000, AREA_R, AREA_FILE);
	CHECK_EQ(b->file_off, 0x5000);
	CHECK_EQ(b->file_size, 0x2800);
	/* Past the file's end the piece is all zeros. */
	CHECK_EQ(area_remove(&m, 0x13000, 0x16000), 0);
	CHECK_AREA(nth(&m, 1), 0x16000, 0x18000, AREA_R, AREA_FILE);
	CHECK_EQ(nth(&m, 1)->file_off, 0x8000);
	CHECK_EQ(nth(&m, 1)->file_size, 0);
	CHECK_EQ(area_pool_free(), AREA_POOL - 2);

	/* Across several: the tail of one, two whole, the head of another. */
	fresh(&m);
	CHECK_EQ(area_add(&m, 0x1000, 0x4000, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_add(&m, 0x5000, 0x6000, AREA_R, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_add(&m, 0x6000, 0x7000, RW, AREA_FILE, 0, 0x1000), 0);
	CHECK_EQ(area_add(&m, 0x8000, 0xb000, AREA_R, AREA_FILE, 0x3000,
			  0x3000), 0);
	CHECK_EQ(m.count, 4);
	CHECK_EQ(area_remove(&m, 0x2000, 0x9000), 0);
	CHECK_EQ(m.count, 2);
	CHECK_AREA(nth(&m, 0), 0x1000, 0x2000, RW, AREA_ANON);
	CHECK_AREA(nth(&m, 1), 0x9000, 0xb000, AREA_R, AREA_FILE);
	CHECK_EQ(nth(&m, 1)->file_off, 0x4000);
	CHECK_EQ(nth(&m, 1)->file_size, 0x2000);
	CHECK_EQ(area_pool_free(), AREA_POOL - 2);
	CHECK(well_formed(&m));

	/* Nothing there, or nothing asked: not an error. */
	CHECK_EQ(area_remove(&m, 0x3000, 0x8000), 0);
	CHECK_EQ(area_remove(&m, 0x1000, 0x1000), 0);
	CHECK_EQ(m.count, 2);
	CHECK_EQ(area_remove(&m, 0x1800, 0x2000), -EINVAL);
	CHECK_EQ(area_remove(&m, 0x1000, 0x1800), -EINVAL);
	/* All of it. */
	CHECK_EQ(area_remove(&m, 0, 0x100000), 0);
	CHECK_EQ(m.count, 0);
	CHECK(m.head == NULL);
	CHECK_EQ(area_pool_free(), AREA_POOL);
}

/* ---- protect ------------------------------------------------------------------- */

static void test_protect(void)
{
	struct area_map m;
	struct snap s;

	fresh(&m);
	CHECK_EQ(area_add(&m, 0x10000, 0x14000, AREA_R, AREA_FILE, 0x1000,
			  0x4000), 0);
	CHECK_EQ(area_protect(&m, 0x11000, 0x12000, RW), 0);
	CHECK_EQ(m.count, 3);
	CHECK_AREA(nth(&m, 0), 0x10000, 0x11000, AREA_R, AREA_FILE);
	CHECK_AREA(nth(&m, 1), 0x11000, 0x12000, RW, AREA_FILE);
	CHECK_AREA(nth(&m, 2), 0x12000, 0x14000, AREA_R, AREA_FILE);
	CHECK_EQ(nth(&m, 1)->file_off, 0x2000);
	CHECK_EQ(nth(&m, 1)->file_size, 0x3000);
	CHECK_EQ(nth(&m, 2)->file_off, 0x3000);
	CHECK_EQ(nth(&m, 2)->file_size, 0x2000);
	/* Undone: file pieces stay apart. */
	CHECK_EQ(area_protect(&m, 0x10000, 0x14000, AREA_R), 0);
	CHECK_EQ(m.count, 3);

	/* Anonymous pieces merge back, and the pool gets its areas again. */
	fresh(&m);
	CHECK_EQ(area_add(&m, 0x10000, 0x14000, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_protect(&m, 0x11000, 0x13000, AREA_R), 0);
	CHECK_EQ(m.count, 3);
	CHECK_EQ(area_protect(&m, 0x10000, 0x11000, AREA_R), 0);  /* edge */
	CHECK_EQ(m.count, 2);
	CHECK_AREA(nth(&m, 0), 0x10000, 0x13000, AREA_R, AREA_ANON);
	CHECK_EQ(area_protect(&m, 0x10000, 0x14000, RW), 0);
	CHECK_EQ(m.count, 1);
	CHECK_AREA(m.head, 0x10000, 0x14000, RW, AREA_ANON);
	CHECK_EQ(area_pool_free(), AREA_POOL - 1);

	/* Across two areas, cutting both. */
	CHECK_EQ(area_add(&m, 0x14000, 0x16000, RW, AREA_STACK, 0, 0), 0);
	CHECK_EQ(area_protect(&m, 0x13000, 0x15000, 0), 0);
	CHECK_EQ(m.count, 4);
	CHECK_AREA(nth(&m, 0), 0x10000, 0x13000, RW, AREA_ANON);
	CHECK_AREA(nth(&m, 1), 0x13000, 0x14000, 0, AREA_ANON);
	CHECK_AREA(nth(&m, 2), 0x14000, 0x15000, 0, AREA_STACK);
	CHECK_AREA(nth(&m, 3), 0x15000, 0x16000, RW, AREA_STACK);

	/* A hole, or nothing mapped: ENOMEM, nothing changed. */
	CHECK_EQ(area_add(&m, 0x18000, 0x19000, RW, AREA_ANON, 0, 0), 0);
	take(&s, &m);
	CHECK_EQ(area_protect(&m, 0x15000, 0x19000, AREA_R), -ENOMEM);
	CHECK_EQ(area_protect(&m, 0x17000, 0x18000, AREA_R), -ENOMEM);
	CHECK_EQ(area_protect(&m, 0x18000, 0x1a000, AREA_R), -ENOMEM);
	CHECK_EQ(area_protect(&m, 0x0f000, 0x11000, AREA_R), -ENOMEM);
	CHECK_EQ(area_protect(&m, 0x30000, 0x31000, AREA_R), -ENOMEM);
	CHECK_EQ(area_protect(&m, 0x10800, 0x11000, AREA_R), -EINVAL);
	CHECK(same(&s, &m));
	CHECK_EQ(area_protect(&m, 0x10000, 0x10000, AREA_R), 0);
	CHECK(same(&s, &m));
	CHECK(well_formed(&m));
}

/* ---- an empty pool --------------------------------------------------------------- */

static void test_pool_empty(void)
{
	struct area_map m, d;
	struct snap s;

	fresh(&m);
	memset(&d, 0, sizeof(d));
	CHECK_EQ(area_add(&m, 0x10000, 0x20000, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_add(&m, 0x30000, 0x34000, AREA_R, AREA_FILE, 0, 0x4000), 0);
	pool_leave(0);
	CHECK_EQ(area_pool_free(), 0);
	take(&s, &m);

	CHECK_EQ(area_add(&m, 0x40000, 0x41000, RW, AREA_FILE, 0, 0), -ENOMEM);
	CHECK_EQ(area_remove(&m, 0x11000, 0x12000), -ENOMEM);   /* a split */
	CHECK_EQ(area_protect(&m, 0x11000, 0x12000, AREA_R), -ENOMEM);
	CHECK_EQ(area_protect(&m, 0x10000, 0x11000, AREA_R), -ENOMEM);
	CHECK(same(&s, &m));
	CHECK_EQ(area_copy(&d, &m), -ENOMEM);
	CHECK(d.head == NULL && d.count == 0);
	CHECK(same(&s, &m));
	/* What needs no new area still works with none left. */
	CHECK_EQ(area_protect(&m, 0x10000, 0x20000, RW), 0);    /* same rights */
	CHECK_EQ(area_protect(&m, 0x10000, 0x20000, AREA_R), 0);  /* whole */
	CHECK_EQ(area_remove(&m, 0x10000, 0x11000), 0);          /* an edge */
	CHECK_EQ(area_remove(&m, 0x1f000, 0x20000), 0);
	CHECK_EQ(area_pool_free(), 0);
	CHECK_AREA(m.head, 0x11000, 0x1f000, AREA_R, AREA_ANON);
	CHECK_EQ(area_remove(&m, 0x30000, 0x34000), 0);          /* all */
	CHECK_EQ(area_pool_free(), 1);

	/* One left: a middle protect needs two. */
	take(&s, &m);
	CHECK_EQ(area_protect(&m, 0x12000, 0x13000, RW), -ENOMEM);
	CHECK(same(&s, &m));
	CHECK_EQ(area_protect(&m, 0x11000, 0x13000, RW), 0);     /* needs one */
	CHECK_EQ(area_pool_free(), 0);
	CHECK_EQ(m.count, 2);
	/* Merging gives it back. */
	CHECK_EQ(area_protect(&m, 0x11000, 0x13000, AREA_R), 0);
	CHECK_EQ(area_pool_free(), 1);
	CHECK(well_formed(&m));
}

/* ---- brk -------------------------------------------------------------------------- */

static void test_brk(void)
{
	struct area_map m;
	struct snap s;

	fresh(&m);
	m.brk_start = m.brk = 0x100000;
	CHECK_EQ(area_set_brk(&m, 0x100000), 0);
	CHECK_EQ(m.count, 0);
	CHECK_EQ(area_set_brk(&m, 0x100001), 0);
	CHECK_EQ(m.brk, 0x100001);
	CHECK_AREA(m.head, 0x100000, 0x101000, RW, AREA_HEAP);
	CHECK_EQ(area_set_brk(&m, 0x103005), 0);
	CHECK_EQ(m.count, 1);
	CHECK_AREA(m.head, 0x100000, 0x104000, RW, AREA_HEAP);
	CHECK_EQ(area_set_brk(&m, 0x103fff), 0);   /* same page: no change */
	CHECK_AREA(m.head, 0x100000, 0x104000, RW, AREA_HEAP);
	CHECK_EQ(area_set_brk(&m, 0x101000), 0);   /* shrink */
	CHECK_AREA(m.head, 0x100000, 0x101000, RW, AREA_HEAP);
	CHECK_EQ(m.brk, 0x101000);
	CHECK_EQ(area_set_brk(&m, 0xfffff), -ENOMEM);  /* below the start */
	CHECK_EQ(m.brk, 0x101000);
	CHECK_EQ(area_set_brk(&m, 0x100000), 0);   /* empty heap: no area */
	CHECK_EQ(m.count, 0);
	CHECK_EQ(area_pool_free(), AREA_POOL);

	/* Blocked by the next area; up to it is fine. */
	CHECK_EQ(area_add(&m, 0x108000, 0x109000, AREA_R, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_set_brk(&m, 0x102000), 0);
	take(&s, &m);
	CHECK_EQ(area_set_brk(&m, 0x108001), -ENOMEM);
	CHECK_EQ(area_set_brk(&m, UINT64_MAX), -ENOMEM);
	CHECK(same(&s, &m));
	CHECK_EQ(area_set_brk(&m, 0x108000), 0);
	CHECK_AREA(m.head, 0x100000, 0x108000, RW, AREA_HEAP);
	CHECK_EQ(m.count, 2);

	/* Growing an existing heap needs no new area; starting one does. */
	pool_leave(0);
	CHECK_EQ(area_set_brk(&m, 0x104000), 0);
	CHECK_EQ(area_set_brk(&m, 0x106000), 0);
	CHECK_AREA(m.head, 0x100000, 0x106000, RW, AREA_HEAP);
	CHECK_EQ(area_set_brk(&m, 0x100000), 0);
	CHECK_EQ(area_pool_free(), 1);
	pool_leave(0);
	CHECK_EQ(area_set_brk(&m, 0x101000), -ENOMEM);
	CHECK_EQ(m.brk, 0x100000);
	pool_leave(10);

	/* A heap top unmapped by munmap: growth starts a new piece. */
	CHECK_EQ(area_set_brk(&m, 0x104000), 0);
	CHECK_EQ(area_remove(&m, 0x103000, 0x104000), 0);
	CHECK_EQ(area_set_brk(&m, 0x105000), 0);
	CHECK_AREA(nth(&m, 0), 0x100000, 0x103000, RW, AREA_HEAP);
	CHECK_AREA(nth(&m, 1), 0x104000, 0x105000, RW, AREA_HEAP);
	/* Shrinking unmaps whatever lies there. */
	CHECK_EQ(area_set_brk(&m, 0x101000), 0);
	CHECK_AREA(nth(&m, 0), 0x100000, 0x101000, RW, AREA_HEAP);
	CHECK_AREA(nth(&m, 1), 0x108000, 0x109000, AREA_R, AREA_ANON);
	/* A heap whose rights were changed is not grown with them. */
	CHECK_EQ(area_protect(&m, 0x100000, 0x101000, AREA_R), 0);
	CHECK_EQ(area_set_brk(&m, 0x102000), 0);
	CHECK_AREA(nth(&m, 0), 0x100000, 0x101000, AREA_R, AREA_HEAP);
	CHECK_AREA(nth(&m, 1), 0x101000, 0x102000, RW, AREA_HEAP);
	CHECK(well_formed(&m));

	/* An unaligned brk_start: the heap starts on the next page. */
	fresh(&m);
	m.brk_start = m.brk = 0x100800;
	CHECK_EQ(area_set_brk(&m, 0x100900), 0);
	CHECK_EQ(m.count, 0);
	CHECK_EQ(area_set_brk(&m, 0x101001), 0);
	CHECK_AREA(m.head, 0x101000, 0x102000, RW, AREA_HEAP);
}

/* ---- stack -------------------------------------------------------------------------- */

static void test_stack(void)
{
	struct area_map m;
	const uint64_t top = 0x80000000;

	fresh(&m);
	m.stack_top = top;
	m.stack_limit = top - 16 * P;
	CHECK_EQ(area_add(&m, top - 2 * P, top, RW, AREA_STACK, 0, 0), 0);
	CHECK(area_grow_stack(&m, top - 1));           /* inside already */
	CHECK_AREA(m.head, top - 2 * P, top, RW, AREA_STACK);
	CHECK(area_grow_stack(&m, top - 3 * P + 8));
	CHECK_AREA(m.head, top - 3 * P, top, RW, AREA_STACK);
	CHECK(!area_grow_stack(&m, top - 16 * P - 1));  /* past the limit */
	CHECK(!area_grow_stack(&m, top));               /* above the stack */
	CHECK_AREA(m.head, top - 3 * P, top, RW, AREA_STACK);
	CHECK_EQ(m.count, 1);

	/* Something in the way. */
	CHECK_EQ(area_add(&m, top - 10 * P, top - 9 * P, AREA_R, AREA_ANON, 0, 0), 0);
	CHECK(!area_grow_stack(&m, top - 12 * P));
	CHECK(!area_grow_stack(&m, top - 10 * P));      /* inside the other */
	CHECK_AREA(nth(&m, 1), top - 3 * P, top, RW, AREA_STACK);
	CHECK(area_grow_stack(&m, top - 9 * P));        /* right above it */
	CHECK_AREA(nth(&m, 1), top - 9 * P, top, RW, AREA_STACK);
	CHECK_EQ(area_remove(&m, top - 10 * P, top - 9 * P), 0);
	CHECK(area_grow_stack(&m, top - 16 * P));       /* down to the limit */
	CHECK_AREA(m.head, top - 16 * P, top, RW, AREA_STACK);
	CHECK_EQ(m.count, 1);

	/* A stack cut by mprotect grows from its lowest piece, with its
	 * rights. */
	CHECK_EQ(area_protect(&m, top - 16 * P, top - 15 * P, AREA_R), 0);
	m.stack_limit = top - 20 * P;
	CHECK(area_grow_stack(&m, top - 18 * P));
	CHECK_AREA(m.head, top - 18 * P, top - 15 * P, AREA_R, AREA_STACK);

	/* At or above stack_top nothing grows, even below another stack
	 * (a thread's, say). */
	CHECK_EQ(area_add(&m, top + P, top + 2 * P, RW, AREA_STACK, 0, 0), 0);
	CHECK(!area_grow_stack(&m, top));
	CHECK(!area_grow_stack(&m, top + P / 2));
	CHECK(area_find(&m, top) == NULL);

	/* No stack area above: nothing to grow. */
	fresh(&m);
	m.stack_top = top;
	m.stack_limit = top - 16 * P;
	CHECK(!area_grow_stack(&m, top - P));
	CHECK_EQ(area_add(&m, top - P, top, RW, AREA_ANON, 0, 0), 0);
	CHECK(!area_grow_stack(&m, top - 2 * P));
	CHECK(well_formed(&m));
}

/* ---- find_free ------------------------------------------------------------------------ */

static void test_find_free(void)
{
	struct area_map m;
	const uint64_t top = 0x40000000;

	fresh(&m);
	m.mmap_top = top;
	m.brk_start = m.brk = 0x100000;
	CHECK_EQ(area_find_free(&m, P, 0), top - P);
	CHECK_EQ(area_find_free(&m, 3 * P, 0), top - 3 * P);
	CHECK_EQ(area_find_free(&m, 0, 0), 0);
	CHECK_EQ(area_find_free(&m, 100, 0), 0);
	/* Below what is mapped under the top, in the highest gap that fits. */
	CHECK_EQ(area_add(&m, top - 2 * P, top, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_find_free(&m, P, 0), top - 3 * P);
	CHECK_EQ(area_add(&m, top - 6 * P, top - 3 * P, RW, AREA_FILE, 0, 0), 0);
	CHECK_EQ(area_find_free(&m, P, 0), top - 3 * P);       /* exact fit */
	CHECK_EQ(area_find_free(&m, 2 * P, 0), top - 8 * P);
	/* Areas above or across the top do not count as room. */
	CHECK_EQ(area_add(&m, top, top + 8 * P, RW, AREA_STACK, 0, 0), 0);
	CHECK_EQ(area_find_free(&m, 2 * P, 0), top - 8 * P);
	/* A hint is taken if it is free, wherever it is. */
	CHECK_EQ(area_find_free(&m, 2 * P, 0x200000), 0x200000);
	CHECK_EQ(area_find_free(&m, P, top - 3 * P), top - 3 * P);
	CHECK_EQ(area_find_free(&m, 2 * P, top - 3 * P), top - 8 * P);  /* taken */
	CHECK_EQ(area_find_free(&m, 2 * P, 0x200010), top - 8 * P);     /* unaligned */
	CHECK_EQ(area_find_free(&m, 2 * P, top + 9 * P), top + 9 * P);
	CHECK_EQ(area_find_free(&m, 2 * P, UINT64_MAX & ~(P - 1)), top - 8 * P);

	/* Never into the heap, nor at 0. */
	fresh(&m);
	m.mmap_top = 0x110000;
	m.brk_start = 0x100000;
	m.brk = 0x10c001;
	CHECK_EQ(area_find_free(&m, 3 * P, 0), 0x10d000);
	CHECK_EQ(area_find_free(&m, 4 * P, 0), 0);
	CHECK_EQ(area_add(&m, 0x10e000, 0x10f000, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_find_free(&m, 2 * P, 0), 0);
	CHECK_EQ(area_find_free(&m, P, 0), 0x10f000);
	fresh(&m);
	m.mmap_top = 3 * P;
	CHECK_EQ(area_find_free(&m, 2 * P, 0), P);
	CHECK_EQ(area_find_free(&m, 3 * P, 0), 0);
	/* Everything taken. */
	fresh(&m);
	m.mmap_top = top;
	m.brk_start = m.brk = 0x100000;
	CHECK_EQ(area_add(&m, 0x100000, top, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_find_free(&m, P, 0), 0);
}

/* ---- copy and clear ----------------------------------------------------------------- */

static void test_copy_clear(void)
{
	struct area_map m, d;
	struct snap s, t;

	fresh(&m);
	memset(&d, 0, sizeof(d));
	m.brk_start = 0x100000;
	m.brk = 0x102000;
	m.stack_top = 0x80000000;
	m.stack_limit = 0x7f000000;
	m.mmap_top = 0x70000000;
	CHECK_EQ(area_add(&m, 0x10000, 0x14000, AREA_R | AREA_X, AREA_FILE,
			  0x1000, 0x3800), 0);
	CHECK_EQ(area_add(&m, 0x14000, 0x16000, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_add(&m, 0x100000, 0x102000, RW, AREA_HEAP, 0, 0), 0);
	CHECK_EQ(area_add(&m, 0x7fff0000, 0x80000000, RW, AREA_STACK, 0, 0), 0);
	CHECK_EQ(area_copy(&d, &m), 0);
	CHECK_EQ(area_pool_free(), AREA_POOL - 8);
	take(&s, &m);
	take(&t, &d);
	CHECK(memcmp(&s, &t, sizeof(s)) == 0);
	CHECK(d.head != m.head);
	CHECK_EQ(d.stack_top, m.stack_top);
	CHECK_EQ(d.stack_limit, m.stack_limit);
	CHECK_EQ(d.mmap_top, m.mmap_top);
	CHECK_EQ(d.brk_start, m.brk_start);
	CHECK_EQ(area_total(&d), area_total(&m));
	CHECK_EQ(area_total(&m), 0x4000 + 0x2000 + 0x2000 + 0x10000);
	/* The copy is its own: editing it leaves the original. */
	CHECK_EQ(area_remove(&d, 0x11000, 0x12000), 0);
	CHECK(same(&s, &m));
	area_clear(&d);
	CHECK(d.head == NULL && d.count == 0);
	CHECK_EQ(area_total(&d), 0);
	CHECK_EQ(area_pool_free(), AREA_POOL - 4);
	/* Only just enough left: it fits; one fewer: dst stays empty. */
	pool_leave(4);
	CHECK_EQ(area_copy(&d, &m), 0);
	CHECK_EQ(area_pool_free(), 0);
	area_clear(&d);
	pool_leave(3);
	CHECK_EQ(area_copy(&d, &m), -ENOMEM);
	CHECK(d.head == NULL && d.count == 0);
	CHECK_EQ(area_pool_free(), 3);
	area_clear(&hog);
	hog_low = HOG_TOP;
	area_clear(&m);
	CHECK_EQ(area_pool_free(), AREA_POOL);
	area_clear(&m);   /* twice: harmless */
	CHECK_EQ(area_pool_free(), AREA_POOL);
}

/* Every area of the pool in maps, then given back. */
static void test_pool_all(void)
{
	struct area_map m;
	uint32_t n = 0;

	fresh(&m);
	while (area_add(&m, (2 * n + 1) * P, (2 * n + 2) * P, AREA_R,
			AREA_ANON, 0, 0) == 0)
		n++;
	CHECK_EQ(n, AREA_POOL);
	CHECK_EQ(m.count, AREA_POOL);
	CHECK_EQ(area_pool_free(), 0);
	area_clear(&m);
	CHECK_EQ(area_pool_free(), AREA_POOL);
}

/* ---- random edits against a page array ------------------------------------------- */

/* The model: what each of N pages from BASE holds. A file page is named
 * by its image offset and how many of its bytes come from the file. The
 * stack grows down from the top of the range, mmap searches below
 * MTOP, the heap starts at HEAP. */
#define N     96u
#define BASE  0x1000000ull
#define MTOP  (BASE + 64 * P)
#define STOP  (BASE + N * P)
#define HEAP  (BASE + 8 * P)
#define ADDR(i) (BASE + (uint64_t)(i) * P)

struct page {
	bool on;
	unsigned prot;
	enum area_kind kind;
	uint64_t foff, fbytes;
};

static struct page model[N];
static uint64_t model_brk;

/* The page at addr as a file area describes it. */
static struct page page_of(const struct area *a, uint64_t addr)
{
	struct page pg = { true, a->prot, a->kind, 0, 0 };
	uint64_t off = addr - a->start;

	if (a->kind == AREA_FILE) {
		pg.foff = a->file_off + off;
		if (a->file_size > off)
			pg.fbytes = a->file_size - off < P ? a->file_size - off : P;
	}
	return pg;
}

static bool page_eq(const struct page *x, const struct page *y)
{
	if (x->on != y->on)
		return false;
	return !x->on || (x->prot == y->prot && x->kind == y->kind &&
			  x->foff == y->foff && x->fbytes == y->fbytes);
}

/* Does the map say, page by page, what the model says? */
static bool matches(struct area_map *m)
{
	uint64_t on = 0;

	for (const struct area *a = m->head; a; a = a->next)
		if (a->start < BASE || a->end > STOP)
			return false;
	for (uint32_t i = 0; i < N; i++) {
		struct area *a = area_find(m, ADDR(i));
		struct page pg = { 0 };

		if (a)
			pg = page_of(a, ADDR(i));
		if (!page_eq(&pg, &model[i]))
			return false;
		on += model[i].on;
	}
	return area_total(m) == on * P && well_formed(m);
}

static bool model_free(uint64_t s, uint64_t e)
{
	for (uint64_t a = s; a < e; a += P)
		if (a >= BASE && a < STOP && model[(a - BASE) / P].on)
			return false;
	return true;
}

static void model_set(uint64_t s, uint64_t e, struct page pg, uint64_t fsize)
{
	for (uint64_t a = s; a < e; a += P) {
		struct page *q = &model[(a - BASE) / P];
		uint64_t off = a - s;

		*q = pg;
		q->foff = q->fbytes = 0;
		if (pg.kind == AREA_FILE) {
			q->foff = pg.foff + off;
			q->fbytes = fsize > off ? (fsize - off < P ? fsize - off : P) : 0;
		}
	}
}

static void model_unset(uint64_t s, uint64_t e)
{
	for (uint64_t a = s; a < e && a < STOP; a += P)
		if (a >= BASE)
			model[(a - BASE) / P].on = false;
}

enum { OP_ADD, OP_REMOVE, OP_PROTECT, OP_BRK, OP_STACK, OP_KINDS };

struct op {
	int what;
	uint64_t s, e;
	unsigned prot;
	enum area_kind kind;
	uint64_t foff, fsize;
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

/* What the op should give; with commit, the model takes its effect. */
static int model_do(const struct op *o, bool commit)
{
	uint64_t old_end, new_end;

	switch (o->what) {
	case OP_ADD:
		if (o->s % P || o->e % P || o->s >= o->e)
			return -EINVAL;
		if (!model_free(o->s, o->e))
			return -EEXIST;
		if (commit)
			model_set(o->s, o->e, (struct page){ true, o->prot,
				  o->kind, o->foff, 0 }, o->fsize);
		return 0;
	case OP_REMOVE:
		if (o->s % P || o->e % P || o->s > o->e)
			return -EINVAL;
		if (commit)
			model_unset(o->s, o->e);
		return 0;
	case OP_PROTECT:
		if (o->s % P || o->e % P || o->s > o->e)
			return -EINVAL;
		for (uint64_t a = o->s; a < o->e; a += P)
			if (!model[(a - BASE) / P].on)
				return -ENOMEM;
		for (uint64_t a = o->s; commit && a < o->e; a += P)
			model[(a - BASE) / P].prot = o->prot;
		return 0;
	case OP_BRK:
		if (o->s < HEAP)
			return -ENOMEM;
		old_end = (model_brk + P - 1) & ~(P - 1);
		new_end = (o->s + P - 1) & ~(P - 1);
		if (new_end > old_end && !model_free(old_end, new_end))
			return -ENOMEM;
		if (commit) {
			if (new_end > old_end)
				model_set(old_end, new_end, (struct page){ true,
					  RW, AREA_HEAP, 0, 0 }, 0);
			else
				model_unset(new_end, old_end);
			model_brk = o->s;
		}
		return 0;
	case OP_STACK: {
		uint64_t i = (o->s - BASE) / P, j;

		if (o->s < MTOP || o->s >= STOP)
			return 0;
		if (model[i].on)
			return model[i].kind == AREA_STACK;
		for (j = i + 1; j < N && !model[j].on; j++)
			;
		if (j == N || model[j].kind != AREA_STACK)
			return 0;
		if (commit)
			model_set(ADDR(i), ADDR(j), model[j], 0);
		return 1;
	}
	}
	return -1;
}

static int real_do(struct area_map *m, const struct op *o)
{
	switch (o->what) {
	case OP_ADD:
		return area_add(m, o->s, o->e, o->prot, o->kind, o->foff, o->fsize);
	case OP_REMOVE:
		return area_remove(m, o->s, o->e);
	case OP_PROTECT:
		return area_protect(m, o->s, o->e, o->prot);
	case OP_BRK:
		return area_set_brk(m, o->s);
	case OP_STACK:
		return area_grow_stack(m, o->s);
	}
	return -1;
}

/* Areas the op needs from the pool, counted on the map before it: an
 * area cut on both sides needs one more, an area cut on one side for
 * new rights one more. */
static uint32_t needs(const struct snap *sn, const struct op *o)
{
	uint32_t n = 0;
	uint64_t s = o->s, e = o->e;

	switch (o->what) {
	case OP_ADD:
		return 1;
	case OP_BRK: {
		uint64_t old_end = (sn->brk + P - 1) & ~(P - 1);

		s = (o->s + P - 1) & ~(P - 1);
		if (s > old_end) {
			for (uint32_t i = 0; i < sn->n; i++)
				if (sn->a[i].end == old_end &&
				    sn->a[i].kind == AREA_HEAP &&
				    sn->a[i].prot == RW)
					return 0;
			return 1;
		}
		e = old_end;
	}
		/* fall through: shrinking removes [s, e) */
	case OP_REMOVE:
		for (uint32_t i = 0; i < sn->n; i++)
			n += s < e && sn->a[i].start < s && sn->a[i].end > e;
		return n;
	case OP_PROTECT:
		for (uint32_t i = 0; i < sn->n; i++)
			if (sn->a[i].start < e && sn->a[i].end > s &&
			    sn->a[i].prot != o->prot)
				n += (sn->a[i].start < s) + (sn->a[i].end > e);
		return n;
	}
	return 0;
}

static struct op random_op(void)
{
	struct op o = { 0 };
	uint64_t i = rnd(N), len = 1 + rnd(8);

	o.what = (int)rnd(OP_KINDS);
	o.s = ADDR(i);
	o.e = ADDR(i + len < N ? i + len : N);
	o.prot = (unsigned)rnd(8);
	switch (o.what) {
	case OP_ADD:
		o.kind = rnd(4) ? (rnd(2) ? AREA_ANON : AREA_FILE) : AREA_STACK;
		o.prot = rnd(3) ? RW : o.prot;   /* so neighbours often merge */
		o.foff = rnd(64) * P + (rnd(2) ? rnd(P) : 0);
		o.fsize = rnd(3) ? rnd(len * P + 2 * P) : len * P;
		break;
	case OP_REMOVE:
		if (rnd(4) == 0)
			o.e = o.s + rnd(3) * P;
		break;
	case OP_BRK:
		o.s = HEAP - (rnd(16) == 0 ? 1 : 0) + rnd(24 * P);
		break;
	case OP_STACK:
		o.s = ADDR(40) + rnd((N - 40 + 1) * P);
		break;
	}
	if (o.what <= OP_PROTECT && rnd(24) == 0)
		o.s += 8;   /* unaligned: EINVAL */
	return o;
}

static void test_random(void)
{
	enum { ROUNDS = 20000, ROOM = 200 };
	struct area_map m, d;
	struct snap before;
	uint32_t enomem_seen = 0, ok_rounds = 0, finds = 0;

	fresh(&m);
	memset(&d, 0, sizeof(d));
	memset(model, 0, sizeof(model));
	m.brk_start = m.brk = model_brk = HEAP;
	m.stack_top = STOP;
	m.stack_limit = MTOP;
	m.mmap_top = MTOP;
	CHECK_EQ(area_add(&m, STOP - 6 * P, STOP, RW, AREA_STACK, 0, 0), 0);
	model_set(STOP - 6 * P, STOP, (struct page){ true, RW, AREA_STACK, 0, 0 }, 0);
	pool_leave(ROOM);

	for (uint32_t round = 0; round < ROUNDS; round++) {
		struct op o = random_op();
		int want = model_do(&o, false), got;
		bool drained = rnd(4) == 0, good = true;
		uint32_t left = (uint32_t)rnd(3);

		if (drained)
			pool_leave(left);
		take(&before, &m);
		got = real_do(&m, &o);
		if (drained && got == -ENOMEM && want != -ENOMEM) {
			/* Fair only if the op needed more than was left, and
			 * it must have changed nothing. */
			good &= needs(&before, &o) > left;
			good &= same(&before, &m);
			enomem_seen++;
			pool_leave(ROOM);
			got = real_do(&m, &o);
		} else if (drained && got != -ENOMEM && want == 0) {
			good &= o.what == OP_STACK || needs(&before, &o) <= left;
		}
		good &= got == want;
		if (got == want)
			model_do(&o, true);
		if (drained)
			pool_leave(ROOM);
		good &= matches(&m);
		good &= area_pool_free() + m.count + hog.count == AREA_POOL;
		good &= m.brk == model_brk;

		/* find_free against the model's own search. */
		if (rnd(3) == 0) {
			uint64_t len = (1 + rnd(6)) * P, hint = 0, x, want_x = 0;
			uint64_t lo = (model_brk + P - 1) & ~(P - 1);

			if (rnd(2))
				hint = ADDR(rnd(N)) + (rnd(8) == 0 ? 16 : 0);
			if (hint && hint % P == 0 && model_free(hint, hint + len))
				want_x = hint;
			for (x = MTOP - len; !want_x && x >= lo; x -= P)
				if (model_free(x, x + len))
					want_x = x;
			good &= area_find_free(&m, len, hint) == want_x;
			finds++;
		}
		/* Now and then a fork: the copy says what the map says. */
		if (rnd(50) == 0) {
			good &= area_copy(&d, &m) == 0 && matches(&d);
			good &= d.brk == m.brk && d.count == m.count;
			area_clear(&d);
			good &= area_pool_free() + m.count + hog.count == AREA_POOL;
		}
		CHECK(good);
		if (!good) {
			fprintf(stderr, "round %u: op %d [%#llx, %#llx) prot %u "
				"kind %d: got %d want %d\n", round, o.what,
				(unsigned long long)o.s, (unsigned long long)o.e,
				o.prot, o.kind, got, want);
			break;
		}
		ok_rounds++;
	}
	CHECK_EQ(ok_rounds, ROUNDS);
	/* The run went where it should: the pool ran dry sometimes. */
	CHECK(enomem_seen > 100);
	CHECK(finds > ROUNDS / 4);
	printf("test_random: %u rounds, %u ENOMEM from a drained pool, "
	       "%u searches\n", ok_rounds, enomem_seen, finds);
	area_clear(&m);
	area_clear(&hog);
	hog_low = HOG_TOP;
	CHECK_EQ(area_pool_free(), AREA_POOL);
}

/* The pool is mapped as it is first used (the fake makes any other
 * access crash): nothing at init, a page for the first area; with no
 * memory for another page, an add that needs one is ENOMEM and a split
 * that needs two records leaves the map as it was. Run first. */
static void test_pool_lazy(void)
{
	struct area_map m;
	struct snap s;
	unsigned before = table_pages_mapped, on_page = 4096 / sizeof(struct area);
	unsigned n;

	fresh(&m);
	CHECK_EQ(table_pages_mapped, before);
	CHECK_EQ(area_pool_free(), AREA_POOL);
	CHECK_EQ(area_add(&m, 0x10000, 0x13000, RW, AREA_ANON, 0, 0), 0);
	CHECK_EQ(table_pages_mapped, before + 1);
	table_fail_after = 0;
	/* Areas apart: none merge. */
	for (n = 1; area_add(&m, 0x100000 + 2 * n * P, 0x101000 + 2 * n * P,
			     RW, AREA_ANON, 0, 0) == 0; n++)
		;
	CHECK_EQ(n, on_page);
	CHECK_EQ(m.count, on_page);
	CHECK_EQ(table_pages_mapped, before + 1);
	take(&s, &m);
	/* A hole in the first area needs one record, rights in its
	 * middle two: no page for them, nothing changes. */
	CHECK_EQ(area_remove(&m, 0x11000, 0x12000), -ENOMEM);
	CHECK(same(&s, &m));
	CHECK_EQ(area_protect(&m, 0x11000, 0x12000, AREA_R), -ENOMEM);
	CHECK(same(&s, &m));
	table_fail_after = -1;
	CHECK_EQ(area_protect(&m, 0x11000, 0x12000, AREA_R), 0);
	CHECK_EQ(m.count, on_page + 2);
	CHECK_EQ(table_pages_mapped, before + 2);
	area_clear(&m);
	CHECK_EQ(area_pool_free(), AREA_POOL);
}

int main(void)
{
	test_pool_lazy();
	test_add();
	test_merge();
	test_remove();
	test_protect();
	test_pool_empty();
	test_brk();
	test_stack();
	test_find_free();
	test_copy_clear();
	test_pool_all();
	test_random();
	return check_summary("test_area");
}
