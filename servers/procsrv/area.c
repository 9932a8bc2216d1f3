/*
 * area.c: a process's memory map, a sorted list of areas from one fixed
 * pool (area.h). Entry points: area_pool_init(), area_find(),
 * area_add(), area_remove(), area_protect(), area_set_brk(),
 * area_grow_stack(), area_find_free(), area_copy(), area_clear(),
 * area_total().
 *
 * Every edit counts the areas it will need before it changes anything,
 * so -ENOMEM (pool empty) always leaves the map as it was: a munmap or
 * mprotect that fails half-done would leave a process with a map nobody
 * asked for.
 *
 * Adjacent areas of the same kind and rights are merged after each edit,
 * for the demand-zero kinds (anonymous, heap, stack) only: they have no
 * offsets, so a merged area means exactly what the two did, and an
 * mprotect that is undone gives its areas back to the pool instead of
 * leaving the map in pieces. File areas are never merged (nor are
 * areas of different kinds): a file area's pages say where in the image
 * they come from, and a map keeps the edges exec made.
 *
 * A file area's file_size counts from its start and may exceed its
 * length after the area is cut; only the bytes inside the area count.
 */
#include <stddef.h>

#include "area.h"
#include "uapi/errno.h"

/* The pool's records from top (never used yet, maybe not mapped) up
 * are free without being on free_list: a record is mapped when top
 * first passes it. */
static struct area *pool;
static struct area *free_list;
static uint32_t nfree, top;

static uint64_t page_up(uint64_t a)
{
	return (a + AREA_PAGE - 1) & ~(AREA_PAGE - 1);
}

static bool aligned(uint64_t a)
{
	return (a & (AREA_PAGE - 1)) == 0;
}

void area_pool_init(void)
{
	if (!pool)
		pool = table_space(AREA_POOL * sizeof(*pool));
	free_list = NULL;
	top = 0;
	nfree = pool ? AREA_POOL : 0;
}

uint32_t area_pool_free(void)
{
	return nfree;
}

/* A free record: from free_list, or the next never used (mapped now).
 * Callers that cannot stop half-way ask have() first; otherwise NULL
 * when the pool is empty or no memory is left to map a record. */
static struct area *get(void)
{
	struct area *a = free_list;

	if (a) {
		free_list = a->next;
		nfree--;
	} else if (top < AREA_POOL && !table_need(&pool[top], sizeof(*a))) {
		a = &pool[top++];
		nfree--;
	}
	return a;
}

/* Whether n records can be taken by get() without failing: counted,
 * and those never used yet mapped. */
static bool have(uint32_t n)
{
	uint32_t listed = nfree - (AREA_POOL - top);

	if (n > nfree)
		return false;
	return n <= listed ||
	       !table_need(&pool[top], (n - listed) * sizeof(*pool));
}

static void put(struct area *a)
{
	a->next = free_list;
	free_list = a;
	nfree++;
}

struct area *area_find(struct area_map *m, uint64_t addr)
{
	for (struct area *a = m->head; a && a->start <= addr; a = a->next)
		if (addr < a->end)
			return a;
	return NULL;
}

/* Drop the first d bytes of a file area's view: later bytes of the
 * area keep their file offsets. */
static void cut_front(struct area *a, uint64_t new_start)
{
	uint64_t d = new_start - a->start;

	a->file_off += d;
	a->file_size = a->file_size > d ? a->file_size - d : 0;
	a->start = new_start;
}

/* Split a at addr (a->start < addr < a->end) with b from the pool:
 * a keeps [start, addr), b gets [addr, end) right after it. */
static struct area *split(struct area_map *m, struct area *a,
			  struct area *b, uint64_t addr)
{
	*b = *a;
	cut_front(b, addr);
	a->end = addr;
	a->next = b;
	m->count++;
	return b;
}

static bool mergeable(const struct area *a, const struct area *b)
{
	return a->end == b->start && a->kind == b->kind &&
	       a->prot == b->prot && a->kind != AREA_FILE && a->cow == b->cow;
}

/* Merge the neighbours that may be merged and meet in [lo, hi], the
 * span an edit touched: elsewhere the map was merged already. */
static void coalesce(struct area_map *m, uint64_t lo, uint64_t hi)
{
	struct area *a = m->head;

	while (a && a->next && a->next->start <= hi) {
		struct area *b = a->next;

		if (b->start >= lo && mergeable(a, b)) {
			a->end = b->end;
			a->next = b->next;
			put(b);
			m->count--;
		} else {
			a = b;
		}
	}
}

/* Where a new area starting at start goes: the link to change. */
static struct area **slot_before(struct area_map *m, uint64_t start)
{
	struct area **pp = &m->head;

	while (*pp && (*pp)->start < start)
		pp = &(*pp)->next;
	return pp;
}

/* Does any area overlap [start, end)? */
static bool overlaps(struct area_map *m, uint64_t start, uint64_t end)
{
	for (struct area *a = m->head; a && a->start < end; a = a->next)
		if (a->end > start)
			return true;
	return false;
}

int area_add(struct area_map *m, uint64_t start, uint64_t end, unsigned prot,
	     enum area_kind kind, uint64_t file_off, uint64_t file_size)
{
	struct area **pp, *a;

	if (!aligned(start) || !aligned(end) || start >= end)
		return -EINVAL;
	if (overlaps(m, start, end))
		return -EEXIST;
	a = get();
	if (!a)
		return -ENOMEM;
	pp = slot_before(m, start);
	a->start = start;
	a->end = end;
	a->prot = prot;
	a->kind = kind;
	a->file_off = file_off;
	a->file_size = file_size;
	a->cow = false;
	a->next = *pp;
	*pp = a;
	m->count++;
	coalesce(m, start, end);
	return 0;
}

/* Unaligned bounds are -EINVAL, as for area_add (munmap's own rule; the
 * caller rounds a length up first). */
int area_remove(struct area_map *m, uint64_t start, uint64_t end)
{
	struct area **pp = &m->head;

	if (!aligned(start) || !aligned(end) || start > end)
		return -EINVAL;
	if (start == end)
		return 0;
	/* Only an area reaching past both ends needs a second piece. */
	for (struct area *a = m->head; a && a->start < end; a = a->next)
		if (a->start < start && a->end > end && !have(1))
			return -ENOMEM;

	while (*pp && (*pp)->start < end) {
		struct area *a = *pp;

		if (a->end <= start) {
			pp = &a->next;
		} else if (a->start < start) {
			if (a->end > end)
				split(m, a, get(), end);
			a->end = start;
			pp = &a->next;
		} else if (a->end > end) {
			cut_front(a, end);
			break;
		} else {
			*pp = a->next;
			put(a);
			m->count--;
		}
	}
	return 0;
}

int area_protect(struct area_map *m, uint64_t start, uint64_t end, unsigned prot)
{
	struct area *first, *a;
	uint64_t covered = start;
	uint32_t need = 0;

	if (!aligned(start) || !aligned(end) || start > end)
		return -EINVAL;
	if (start == end)
		return 0;
	for (first = m->head; first && first->end <= start; first = first->next)
		;
	/* The range must be mapped without a hole (mprotect's ENOMEM). */
	for (a = first; a && a->start < end; a = a->next) {
		if (a->start > covered)
			return -ENOMEM;
		covered = a->end;
		if (a->prot != prot)
			need += (a->start < start) + (a->end > end);
	}
	if (covered < end)
		return -ENOMEM;
	if (!have(need))
		return -ENOMEM;

	for (a = first; a && a->start < end; a = a->next) {
		if (a->prot == prot)
			continue;
		if (a->start < start)
			a = split(m, a, get(), start);
		if (a->end > end)
			split(m, a, get(), end);
		a->prot = prot;
	}
	coalesce(m, start, end);
	return 0;
}

/* The heap is the HEAP area ending at page_up(brk), readable and
 * writable; it does not exist while brk is at brk_start. It grows by
 * extending that area, or by a new one if it is gone or its rights were
 * changed (mprotect does not give new heap pages its rights). Shrinking
 * unmaps [new end, old end) as munmap would, whatever is there (Linux's
 * brk does the same). */
int area_set_brk(struct area_map *m, uint64_t brk)
{
	uint64_t old_end, new_end;

	if (brk < m->brk_start || brk > UINT64_MAX - AREA_PAGE + 1)
		return -ENOMEM;
	/* brk below brk_start would only be a caller's unset field. */
	old_end = page_up(m->brk > m->brk_start ? m->brk : m->brk_start);
	new_end = page_up(brk);
	if (new_end > old_end) {
		struct area *heap = NULL;

		if (overlaps(m, old_end, new_end))
			return -ENOMEM;
		for (struct area *a = m->head; a; a = a->next)
			if (a->end == old_end && a->kind == AREA_HEAP &&
			    a->prot == (AREA_R | AREA_W))
				heap = a;
		if (heap) {
			heap->end = new_end;
		} else {
			int err = area_add(m, old_end, new_end, AREA_R | AREA_W,
					   AREA_HEAP, 0, 0);
			if (err)
				return -ENOMEM;
		}
	} else if (new_end < old_end) {
		if (area_remove(m, new_end, old_end))
			return -ENOMEM;
	}
	m->brk = brk;
	coalesce(m, new_end < old_end ? new_end : old_end,
		 new_end < old_end ? old_end : new_end);
	return 0;
}

bool area_grow_stack(struct area_map *m, uint64_t addr)
{
	uint64_t page = addr & ~(AREA_PAGE - 1);
	struct area *a;

	if (addr < m->stack_limit || addr >= m->stack_top)
		return false;
	for (a = m->head; a && a->end <= addr; a = a->next)
		;
	/* a is the area holding addr or the first above it: either way
	 * the one the stack must be to cover addr. */
	if (!a || a->kind != AREA_STACK)
		return false;
	if (a->start > page)
		a->start = page;
	coalesce(m, a->start, a->start);
	return true;
}

/* The highest [x, x + len) in a gap of the map between lo and hi. */
uint64_t area_find_free(struct area_map *m, uint64_t len, uint64_t hint)
{
	uint64_t lo = page_up(m->brk), hi = m->mmap_top, best = 0, gap = 0;

	if (len == 0 || !aligned(len))
		return 0;
	if (hint && aligned(hint) && hint <= UINT64_MAX - len &&
	    !overlaps(m, hint, hint + len))
		return hint;
	if (lo < AREA_PAGE)
		lo = AREA_PAGE;  /* 0 is the failure value, and NULL */
	hi &= ~(AREA_PAGE - 1);
	for (struct area *a = m->head;; a = a->next) {
		uint64_t g_lo = gap > lo ? gap : lo;
		uint64_t g_hi = a && a->start < hi ? a->start : hi;

		if (g_hi > g_lo && g_hi - g_lo >= len)
			best = g_hi - len;
		if (!a || a->end >= hi)
			break;
		gap = a->end;
	}
	return best;
}

int area_copy(struct area_map *dst, const struct area_map *src)
{
	struct area **pp = &dst->head;

	area_clear(dst);
	if (!have(src->count))
		return -ENOMEM;
	for (const struct area *a = src->head; a; a = a->next) {
		struct area *b = get();

		*b = *a;
		b->next = NULL;
		*pp = b;
		pp = &b->next;
	}
	dst->count = src->count;
	dst->brk_start = src->brk_start;
	dst->brk = src->brk;
	dst->stack_top = src->stack_top;
	dst->stack_limit = src->stack_limit;
	dst->mmap_top = src->mmap_top;
	return 0;
}

/* The map's other fields (brk, stack and mmap bounds) are left: exec
 * sets them anew, exit does not need them. */
void area_clear(struct area_map *m)
{
	while (m->head) {
		struct area *a = m->head;

		m->head = a->next;
		put(a);
	}
	m->count = 0;
}

uint64_t area_total(const struct area_map *m)
{
	uint64_t n = 0;

	for (const struct area *a = m->head; a; a = a->next)
		n += a->end - a->start;
	return n;
}
