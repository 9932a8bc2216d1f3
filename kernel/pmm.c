/*
 * Physical frame allocator: a bitmap over [base, base + nframes * 4 KiB),
 * one bit per frame, 1 = in use. A search hint makes the common case
 * (allocate, allocate, ...) linear in the number of allocations rather than
 * frames. Bitmaps are simple, give O(1) double-free detection and cost
 * 32 KiB per GiB of RAM.
 */
#include "kstring.h"
#include "pmm.h"
#include "uapi/errno.h"

struct pmm kernel_pmm;

#define BITS 64

size_t pmm_bitmap_bytes(size_t nframes)
{
	return (nframes + BITS - 1) / BITS * sizeof(uint64_t);
}

static void set_used(struct pmm *p, size_t i, bool used)
{
	uint64_t bit = 1ull << (i % BITS);

	if (used && !(p->bitmap[i / BITS] & bit)) {
		p->bitmap[i / BITS] |= bit;
		p->nfree--;
	} else if (!used && (p->bitmap[i / BITS] & bit)) {
		p->bitmap[i / BITS] &= ~bit;
		p->nfree++;
	}
}

void pmm_init(struct pmm *p, paddr_t base, size_t nframes, uint64_t *bitmap)
{
	p->base = base;
	p->nframes = nframes;
	p->bitmap = bitmap;
	p->nfree = 0;
	p->hint = 0;
	p->nram = 0;
	p->nreserved = 0;
	memset(bitmap, 0xff, pmm_bitmap_bytes(nframes));
}

/* Frame index range [first, last) wholly or partly inside the range,
 * clipped to the span. Whole frames only when `inner`. */
static void clip(const struct pmm *p, paddr_t base, uint64_t size, bool inner,
		 size_t *first, size_t *last)
{
	paddr_t lo = base, hi = base + size;
	paddr_t span_end = p->base + (paddr_t)p->nframes * PAGE_SIZE;

	if (hi < lo)  /* wrapped */
		hi = ~(paddr_t)0;
	/* Clip before aligning: aligning near 2^64 would wrap to 0. */
	lo = MIN(MAX(lo, p->base), span_end);
	hi = MIN(hi, span_end);
	lo = inner ? ALIGN_UP(lo, PAGE_SIZE) : ALIGN_DOWN(lo, PAGE_SIZE);
	hi = inner ? ALIGN_DOWN(hi, PAGE_SIZE) : ALIGN_UP(hi, PAGE_SIZE);
	if (hi <= lo) {
		*first = *last = 0;
		return;
	}
	*first = (size_t)((lo - p->base) / PAGE_SIZE);
	*last = (size_t)((hi - p->base) / PAGE_SIZE);
}

int pmm_release_range(struct pmm *p, paddr_t base, uint64_t size)
{
	size_t first, last;

	if (p->nram == PMM_MAX_RANGES)
		return -ENOSPC;
	clip(p, base, size, true, &first, &last);
	if (first == last)
		return 0;
	p->ram[p->nram++] = (struct mem_range){
		p->base + (paddr_t)first * PAGE_SIZE,
		(uint64_t)(last - first) * PAGE_SIZE,
	};
	for (size_t i = first; i < last; i++)
		set_used(p, i, false);
	return 0;
}

int pmm_reserve_range(struct pmm *p, paddr_t base, uint64_t size)
{
	size_t first, last;

	/* A partly covered frame is reserved whole. */
	clip(p, base, size, false, &first, &last);
	for (size_t i = first; i < last; i++)
		set_used(p, i, true);
	if (p->nreserved == PMM_MAX_RANGES)
		return -ENOSPC;
	p->reserved[p->nreserved++] = (struct mem_range){ base, size };
	return 0;
}

static bool overlaps(paddr_t a, uint64_t alen, paddr_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static bool is_reserved(const struct boot_info *bi, paddr_t base, uint64_t len)
{
	for (unsigned i = 0; i < bi->nreserved; i++)
		if (overlaps(base, len, bi->reserved[i].base, bi->reserved[i].size))
			return true;
	return false;
}

int pmm_init_boot(struct pmm *p, const struct boot_info *bi,
		  void *(*p2v)(paddr_t))
{
	paddr_t lo = ~(paddr_t)0, hi = 0;

	for (unsigned i = 0; i < bi->nram; i++) {
		lo = MIN(lo, ALIGN_DOWN(bi->ram[i].base, PAGE_SIZE));
		hi = MAX(hi, ALIGN_UP(bi->ram[i].base + bi->ram[i].size, PAGE_SIZE));
	}
	if (hi <= lo)
		return -ENOMEM;
	size_t nframes = (size_t)((hi - lo) / PAGE_SIZE);
	uint64_t need = ALIGN_UP(pmm_bitmap_bytes(nframes), PAGE_SIZE);

	/* The bitmap goes at the start of a RAM range or right after a
	 * reservation, wherever it overlaps no reservation. */
	paddr_t where = 0;
	bool found = false;
	for (unsigned i = 0; i < bi->nram && !found; i++) {
		paddr_t rb = ALIGN_UP(bi->ram[i].base, PAGE_SIZE);
		paddr_t re = bi->ram[i].base + bi->ram[i].size;
		for (unsigned j = 0; j <= bi->nreserved && !found; j++) {
			paddr_t cand = j == bi->nreserved ? rb
				: ALIGN_UP(bi->reserved[j].base + bi->reserved[j].size,
					   PAGE_SIZE);
			if (cand >= rb && cand + need <= re &&
			    !is_reserved(bi, cand, need)) {
				where = cand;
				found = true;
			}
		}
	}
	if (!found)
		return -ENOMEM;

	pmm_init(p, lo, nframes, p2v(where));
	int err = 0;
	for (unsigned i = 0; i < bi->nram && !err; i++)
		err = pmm_release_range(p, bi->ram[i].base, bi->ram[i].size);
	if (!err)
		err = pmm_reserve_range(p, where, need);
	for (unsigned i = 0; i < bi->nreserved && !err; i++)
		err = pmm_reserve_range(p, bi->reserved[i].base, bi->reserved[i].size);
	return err;
}

int pmm_alloc(struct pmm *p, paddr_t *pa)
{
	size_t words = (p->nframes + BITS - 1) / BITS;

	if (!p->nfree)
		return -ENOMEM;
	for (size_t n = 0; n < words; n++) {
		size_t w = (p->hint + n) % words;
		uint64_t free_bits = ~p->bitmap[w];
		if (!free_bits)
			continue;
		size_t i = w * BITS + (size_t)__builtin_ctzll(free_bits);
		if (i >= p->nframes)  /* padding bits past the end */
			continue;
		set_used(p, i, true);
		p->hint = w;
		*pa = p->base + (paddr_t)i * PAGE_SIZE;
		return 0;
	}
	return -ENOMEM;
}

int pmm_alloc_contig(struct pmm *p, size_t n, paddr_t *pa)
{
	size_t run = 0;

	if (n == 0 || n > p->nfree)
		return -ENOMEM;
	/* First fit, as before, but a word of 64 used frames is passed in
	 * one step: the frames in use lie low (the kernel, the root task's
	 * memory), and a bit-by-bit scan past them made every kernel stack
	 * and CapSpace (two pages each, so every fork) cost about 3
	 * instructions per used frame. */
	for (size_t i = 0; i < p->nframes; i++) {
		if (i % BITS == 0 && p->bitmap[i / BITS] == ~0ull) {
			run = 0;
			i += BITS - 1;
			continue;
		}
		if ((p->bitmap[i / BITS] >> (i % BITS)) & 1) {
			run = 0;
			continue;
		}
		if (++run == n) {
			size_t first = i + 1 - n;
			for (size_t j = first; j <= i; j++)
				set_used(p, j, true);
			*pa = p->base + (paddr_t)first * PAGE_SIZE;
			return 0;
		}
	}
	return -ENOMEM;
}

bool pmm_is_used(const struct pmm *p, paddr_t pa)
{
	if (pa < p->base)
		return true;
	size_t i = (size_t)((pa - p->base) / PAGE_SIZE);
	return i >= p->nframes || (p->bitmap[i / BITS] >> (i % BITS)) & 1;
}

int pmm_free(struct pmm *p, paddr_t pa)
{
	if (pa % PAGE_SIZE || pa < p->base ||
	    (pa - p->base) / PAGE_SIZE >= p->nframes || !pmm_is_used(p, pa))
		return -EINVAL;
	bool in_ram = false;
	for (unsigned i = 0; i < p->nram; i++)
		if (pa >= p->ram[i].base && pa - p->ram[i].base < p->ram[i].size)
			in_ram = true;
	if (!in_ram)
		return -EINVAL;
	for (unsigned i = 0; i < p->nreserved; i++)
		if (overlaps(pa, PAGE_SIZE, p->reserved[i].base, p->reserved[i].size))
			return -EINVAL;
	set_used(p, (size_t)((pa - p->base) / PAGE_SIZE), false);
	return 0;
}
