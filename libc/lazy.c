/*
 * Tables mapped as they are first used (pith/lazy.h): a bump allocator
 * over a reserved range and one bit per page mapped.
 */
#include <errno.h>
#include <pith/lazy.h>

void *pith_lazy_alloc(struct pith_lazy *z, size_t bytes)
{
	uint64_t n = (bytes + PITH_LAZY_PAGE - 1) & ~(uint64_t)(PITH_LAZY_PAGE - 1);
	void *p;

	if (n / PITH_LAZY_PAGE > PITH_LAZY_MAX_PAGES - z->used / PITH_LAZY_PAGE)
		return NULL;
	p = (void *)(uintptr_t)(z->base + z->used);
	z->used += n;
	return p;
}

int pith_lazy_map(struct pith_lazy *z, const void *p, size_t len)
{
	uint64_t a = (uint64_t)(uintptr_t)p, first, last;

	if (!len || a - z->base >= z->used)
		return 0;
	first = (a - z->base) / PITH_LAZY_PAGE;
	last = (a + len - 1 - z->base) / PITH_LAZY_PAGE;
	if (last >= z->used / PITH_LAZY_PAGE)
		last = z->used / PITH_LAZY_PAGE - 1;
	for (uint64_t pg = first; pg <= last; pg++) {
		uint64_t quota, before = 0, after = 0;
		if (z->mapped[pg / 64] & (1ull << (pg % 64)))
			continue;
		sys_pool_info(z->pool, &quota, &before);
		if (sys_map_zero(z->aspace, z->base + pg * PITH_LAZY_PAGE,
				 RIGHT_READ | RIGHT_WRITE, z->pool) < 0)
			return -ENOMEM;
		sys_pool_info(z->pool, &quota, &after);
		z->mapped[pg / 64] |= 1ull << (pg % 64);
		z->npages++;
		z->bytes += after - before;
	}
	return 0;
}
