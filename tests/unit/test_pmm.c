/*
 * kernel/pmm.c: the physical frame allocator. "Physical memory" here is a
 * malloc'd buffer that p2v maps a made-up physical base onto, so the
 * bitmap pmm_init_boot places in RAM really lives in (fake) RAM, and ASan
 * sees any write outside it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "bootinfo.h"
#include "pmm.h"
#include "uapi/errno.h"

#define PHYS_BASE 0x80000000ull
#define PHYS_SIZE (6ull << 20)
#define PG        ((uint64_t)PAGE_SIZE)

static uint8_t *ram;

static void *p2v(paddr_t pa)
{
	if (pa < PHYS_BASE || pa >= PHYS_BASE + PHYS_SIZE)
		abort();  /* the allocator asked for memory that isn't RAM */
	return ram + (pa - PHYS_BASE);
}

static paddr_t v2p(const void *v)
{
	return PHYS_BASE + (paddr_t)((const uint8_t *)v - ram);
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* Two RAM ranges with a hole between them; the second ends mid-frame. */
static void boot_setup(struct boot_info *bi)
{
	memset(bi, 0, sizeof(*bi));
	boot_add_ram(bi, PHYS_BASE, 2ull << 20);
	boot_add_ram(bi, PHYS_BASE + (4ull << 20), (1ull << 20) + 0x800);
	boot_add_reserved(bi, PHYS_BASE, 0x20000);              /* firmware */
	boot_add_reserved(bi, PHYS_BASE + 0x20123, 0x5000);     /* kernel */
	boot_add_reserved(bi, PHYS_BASE + (4ull << 20) + 0x10000, 0x3000);
}

/* The model: is frame pa free after boot, given where the bitmap went? */
static bool model_free(const struct boot_info *bi, paddr_t pa,
		       paddr_t bm, uint64_t bmlen)
{
	bool in_ram = false;

	for (unsigned i = 0; i < bi->nram; i++)
		if (pa >= bi->ram[i].base &&
		    pa + PG <= bi->ram[i].base + bi->ram[i].size)
			in_ram = true;
	if (!in_ram || overlaps(pa, PG, bm, bmlen))
		return false;
	for (unsigned i = 0; i < bi->nreserved; i++)
		if (overlaps(pa, PG, bi->reserved[i].base, bi->reserved[i].size))
			return false;
	return true;
}

static void test_boot(void)
{
	struct boot_info bi;
	struct pmm p;

	boot_setup(&bi);
	memset(ram, 0xa5, PHYS_SIZE);
	CHECK_EQ(pmm_init_boot(&p, &bi, p2v), 0);
	CHECK_EQ(p.base, PHYS_BASE);
	CHECK_EQ(p.nframes, ((5ull << 20) + PG) / PG);  /* span incl. hole */

	/* The bitmap sits in RAM, clear of every reservation. */
	paddr_t bm = v2p(p.bitmap);
	uint64_t bmlen = pmm_bitmap_bytes(p.nframes);
	CHECK_EQ(bm % PG, 0);
	CHECK(bm >= PHYS_BASE && bm + bmlen <= PHYS_BASE + (2ull << 20));
	for (unsigned i = 0; i < bi.nreserved; i++)
		CHECK(!overlaps(bm, bmlen, bi.reserved[i].base, bi.reserved[i].size));
	CHECK(pmm_is_used(&p, bm));

	/* Every frame's state matches the model. */
	size_t want_free = 0, mismatches = 0;
	for (size_t i = 0; i < p.nframes; i++) {
		paddr_t pa = PHYS_BASE + i * PG;
		bool f = model_free(&bi, pa, bm, bmlen);
		want_free += f;
		mismatches += f == pmm_is_used(&p, pa);
	}
	CHECK_EQ(mismatches, 0);
	CHECK_EQ(p.nfree, want_free);
	CHECK_EQ(want_free, 768 - 32 - 6 - 3 - 1);  /* RAM - reserved - bitmap */
	CHECK(pmm_is_used(&p, PHYS_BASE + 0x20000));   /* kernel, partly */
	CHECK(pmm_is_used(&p, PHYS_BASE + 0x25000));   /* its last frame */
	CHECK(!pmm_is_used(&p, PHYS_BASE + 0x27000));
	CHECK(pmm_is_used(&p, PHYS_BASE + (3ull << 20)));  /* the hole */
	CHECK(pmm_is_used(&p, PHYS_BASE + (5ull << 20)));  /* partial frame */
	CHECK(pmm_is_used(&p, PHYS_BASE - PG));            /* outside */
	CHECK(pmm_is_used(&p, PHYS_BASE + (6ull << 20)));

	/* Allocate everything: unique frames, all allowed by the model,
	 * exactly nfree of them. Bounded, in case alloc never runs dry. */
	size_t nfree0 = p.nfree, n = 0, bad = 0, dup = 0;
	bool *taken = calloc(p.nframes, 1);
	paddr_t *got = calloc(p.nframes + 1, sizeof(paddr_t));
	paddr_t pa;
	while (n <= p.nframes && pmm_alloc(&p, &pa) == 0) {
		size_t i = (size_t)((pa - PHYS_BASE) / PG);
		if (pa % PG || pa < PHYS_BASE || i >= p.nframes ||
		    !model_free(&bi, pa, bm, bmlen)) {
			bad++;
			continue;
		}
		dup += taken[i];
		taken[i] = true;
		got[n++] = pa;
		memset(p2v(pa), 0x5a, PG);  /* must not hit the bitmap */
	}
	CHECK_EQ(n, nfree0);
	CHECK_EQ(bad, 0);
	CHECK_EQ(dup, 0);
	CHECK_EQ(p.nfree, 0);
	CHECK_EQ(pmm_alloc(&p, &pa), -ENOMEM);
	size_t free_left = 0;
	for (size_t i = 0; i < p.nframes; i++)
		free_left += !pmm_is_used(&p, PHYS_BASE + i * PG);
	CHECK_EQ(free_left, 0);

	/* Frees that must be refused. */
	CHECK_EQ(pmm_free(&p, got[0] + 1), -EINVAL);        /* unaligned */
	CHECK_EQ(pmm_free(&p, got[0] + PG / 2), -EINVAL);
	CHECK_EQ(pmm_free(&p, PHYS_BASE - PG), -EINVAL);    /* below */
	CHECK_EQ(pmm_free(&p, PHYS_BASE + p.nframes * PG), -EINVAL);
	CHECK_EQ(pmm_free(&p, 0), -EINVAL);
	CHECK_EQ(pmm_free(&p, ~(paddr_t)0 & ~(paddr_t)(PG - 1)), -EINVAL);
	CHECK_EQ(pmm_free(&p, PHYS_BASE), -EINVAL);          /* firmware */
	CHECK_EQ(pmm_free(&p, PHYS_BASE + 0x20000), -EINVAL);  /* kernel */
	CHECK_EQ(pmm_free(&p, PHYS_BASE + 0x25000), -EINVAL);
	CHECK_EQ(pmm_free(&p, bm), -EINVAL);                 /* the bitmap */
	CHECK_EQ(pmm_free(&p, PHYS_BASE + (4ull << 20) + 0x11000), -EINVAL);
	CHECK_EQ(p.nfree, 0);

	/* Free it all back; each once. */
	size_t refused = 0;
	for (size_t i = 0; i < n; i++)
		refused += pmm_free(&p, got[i]) != 0;
	CHECK_EQ(refused, 0);
	CHECK_EQ(p.nfree, nfree0);
	CHECK_EQ(pmm_free(&p, got[0]), -EINVAL);            /* double free */
	CHECK_EQ(pmm_free(&p, got[n - 1]), -EINVAL);
	CHECK_EQ(p.nfree, nfree0);

	/* And the same number can be allocated again. */
	size_t again = 0;
	while (again <= p.nframes && pmm_alloc(&p, &pa) == 0)
		again++;
	CHECK_EQ(again, nfree0);
	free(taken);
	free(got);
}

static void test_boot_errors(void)
{
	struct boot_info bi;
	struct pmm p;

	memset(&bi, 0, sizeof(bi));
	CHECK_EQ(pmm_init_boot(&p, &bi, p2v), -ENOMEM);  /* no RAM at all */

	/* RAM entirely reserved: nowhere to put the bitmap. */
	boot_add_ram(&bi, PHYS_BASE, 1ull << 20);
	boot_add_reserved(&bi, PHYS_BASE, 1ull << 20);
	CHECK_EQ(pmm_init_boot(&p, &bi, p2v), -ENOMEM);

	/* One free frame after the reservation: the bitmap takes it. */
	memset(&bi, 0, sizeof(bi));
	boot_add_ram(&bi, PHYS_BASE, (1ull << 20) + PG);
	boot_add_reserved(&bi, PHYS_BASE, 1ull << 20);
	CHECK_EQ(pmm_init_boot(&p, &bi, p2v), 0);
	CHECK_EQ(v2p(p.bitmap), PHYS_BASE + (1ull << 20));
	CHECK_EQ(p.nfree, 0);
}

static void test_direct(void)
{
	const paddr_t base = 0x100000;
	const size_t nf = 100;  /* not a multiple of 64 */
	uint64_t bitmap[3];
	struct pmm p;
	paddr_t pa;

	CHECK_EQ(pmm_bitmap_bytes(0), 0);
	CHECK_EQ(pmm_bitmap_bytes(1), 8);
	CHECK_EQ(pmm_bitmap_bytes(64), 8);
	CHECK_EQ(pmm_bitmap_bytes(65), 16);
	CHECK_EQ(pmm_bitmap_bytes(nf), 16);

	bitmap[2] = 0x1234;  /* past the bitmap: must stay untouched */
	pmm_init(&p, base, nf, bitmap);
	CHECK_EQ(p.nfree, 0);
	CHECK_EQ(pmm_alloc(&p, &pa), -ENOMEM);
	/* Nothing released as RAM yet: not a frame anyone could own. */
	CHECK_EQ(pmm_free(&p, base), -EINVAL);
	CHECK_EQ(p.nfree, 0);

	pmm_init(&p, base, nf, bitmap);
	CHECK_EQ(pmm_release_range(&p, base + 0x800, PG), 0);  /* no whole frame */
	CHECK_EQ(p.nfree, 0);
	CHECK_EQ(pmm_release_range(&p, base - PG, 2 * PG), 0);  /* only frame 0 inside */
	CHECK_EQ(p.nfree, 1);
	CHECK(!pmm_is_used(&p, base));
	CHECK_EQ(pmm_release_range(&p, base + nf * PG, 10 * PG), 0);  /* past the span */
	CHECK_EQ(p.nfree, 1);
	CHECK_EQ(pmm_release_range(&p, 0, ~0ull), 0);  /* everything, and then some */
	CHECK_EQ(p.nfree, nf);
	CHECK_EQ(pmm_release_range(&p, base, nf * PG), 0);  /* twice: no double count */
	CHECK_EQ(p.nfree, nf);
	CHECK_EQ(bitmap[0], 0);
	CHECK_EQ(bitmap[1], ~0ull << (nf - 64));  /* padding stays used */
	CHECK_EQ(bitmap[2], 0x1234);

	/* Allocate all 100, in order, then run dry. */
	size_t bad = 0;
	for (size_t i = 0; i < nf; i++) {
		if (pmm_alloc(&p, &pa) != 0 || pa != base + i * PG)
			bad++;
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(pmm_alloc(&p, &pa), -ENOMEM);
	/* A frame freed behind the hint is found again (the search wraps). */
	CHECK_EQ(pmm_free(&p, base + 5 * PG), 0);
	CHECK_EQ(pmm_free(&p, base + 5 * PG), -EINVAL);
	CHECK_EQ(pmm_alloc(&p, &pa), 0);
	CHECK_EQ(pa, base + 5 * PG);
	CHECK_EQ(pmm_free(&p, base + 99 * PG), 0);
	CHECK_EQ(pmm_alloc(&p, &pa), 0);
	CHECK_EQ(pa, base + 99 * PG);
	CHECK_EQ(pmm_free(&p, base + 100 * PG), -EINVAL);  /* padding bit */
	CHECK_EQ(bitmap[2], 0x1234);

	/* Reservations: a partly covered frame is reserved whole, and
	 * pmm_free refuses it for good. */
	pmm_init(&p, base, nf, bitmap);
	CHECK_EQ(pmm_release_range(&p, base, nf * PG), 0);
	CHECK_EQ(pmm_reserve_range(&p, base + 10 * PG + 1, 1), 0);
	CHECK(pmm_is_used(&p, base + 10 * PG));
	CHECK(!pmm_is_used(&p, base + 9 * PG));
	CHECK(!pmm_is_used(&p, base + 11 * PG));
	CHECK_EQ(p.nfree, nf - 1);
	CHECK_EQ(pmm_free(&p, base + 10 * PG), -EINVAL);
	CHECK_EQ(pmm_reserve_range(&p, base + 20 * PG - 1, 2), 0);  /* 19, 20 */
	CHECK(pmm_is_used(&p, base + 19 * PG) && pmm_is_used(&p, base + 20 * PG));
	CHECK_EQ(p.nfree, nf - 3);
	CHECK_EQ(pmm_reserve_range(&p, base + 98 * PG, 10 * PG), 0);  /* clipped */
	CHECK_EQ(p.nfree, nf - 5);
	CHECK_EQ(bitmap[2], 0x1234);
	CHECK_EQ(pmm_reserve_range(&p, base - 10 * PG, 10 * PG), 0);  /* outside */
	CHECK_EQ(p.nfree, nf - 5);
	CHECK(!pmm_is_used(&p, base));
	/* A reserved frame never comes out of pmm_alloc. */
	size_t n = 0, hits = 0;
	while (n <= nf && pmm_alloc(&p, &pa) == 0) {
		n++;
		size_t i = (size_t)((pa - base) / PG);
		hits += i == 10 || i == 19 || i == 20 || i >= 98;
	}
	CHECK_EQ(n, nf - 5);
	CHECK_EQ(hits, 0);
	/* Releasing RAM again does not undo a reservation's pmm_free veto. */
	CHECK_EQ(pmm_free(&p, base + 19 * PG), -EINVAL);
	CHECK_EQ(pmm_free(&p, base + 20 * PG), -EINVAL);

	/* Frames in a hole between RAM ranges are never handed out, and
	 * freeing one is refused although its bit says "in use". */
	pmm_init(&p, base, nf, bitmap);
	CHECK_EQ(pmm_release_range(&p, base, 40 * PG), 0);
	CHECK_EQ(pmm_release_range(&p, base + 60 * PG, 40 * PG), 0);
	CHECK_EQ(p.nfree, 80);
	CHECK_EQ(pmm_free(&p, base + 50 * PG), -EINVAL);
	CHECK_EQ(pmm_free(&p, base + 40 * PG), -EINVAL);
	CHECK_EQ(pmm_free(&p, base + 59 * PG), -EINVAL);
	CHECK_EQ(p.nfree, 80);
	n = 0, hits = 0;
	while (n <= nf && pmm_alloc(&p, &pa) == 0) {
		n++;
		hits += pa >= base + 40 * PG && pa < base + 60 * PG;
	}
	CHECK_EQ(n, 80);
	CHECK_EQ(hits, 0);
	CHECK_EQ(pmm_free(&p, base + 39 * PG), 0);
	CHECK_EQ(pmm_free(&p, base + 60 * PG), 0);

	/* Ranges near the top of the address space must not wrap to 0. */
	pmm_init(&p, base, nf, bitmap);
	CHECK_EQ(pmm_release_range(&p, 0xfffffffffffff800ull, 0x100), 0);
	CHECK_EQ(p.nfree, 0);
	CHECK_EQ(pmm_release_range(&p, base, nf * PG), 0);
	CHECK_EQ(pmm_reserve_range(&p, base + 50 * PG, ~0ull), 0);
	CHECK_EQ(p.nfree, 50);

	/* Past PMM_MAX_RANGES reservations: -ENOSPC, frames still taken. */
	pmm_init(&p, base, nf, bitmap);
	CHECK_EQ(pmm_release_range(&p, base, nf * PG), 0);
	int err = 0;
	for (int i = 0; i < PMM_MAX_RANGES; i++)
		err |= pmm_reserve_range(&p, base + (paddr_t)i * PG, PG);
	CHECK_EQ(err, 0);
	CHECK_EQ(p.nreserved, PMM_MAX_RANGES);
	CHECK_EQ(pmm_reserve_range(&p, base + 50 * PG, PG), -ENOSPC);
	CHECK(pmm_is_used(&p, base + 50 * PG));
	CHECK_EQ(p.nfree, nf - PMM_MAX_RANGES - 1);
	CHECK_EQ(bitmap[2], 0x1234);
}

/* Contiguous runs: first fit, found across words, past whole used words
 * (which the search steps over a word at a time) and not into padding. */
static void test_contig(void)
{
	const paddr_t base = 0x100000;
	const size_t nf = 200;   /* three whole words and 8 frames of a fourth */
	uint64_t bitmap[4];
	struct pmm p;
	paddr_t pa;

	pmm_init(&p, base, nf, bitmap);
	CHECK_EQ(pmm_release_range(&p, base, nf * PG), 0);
	CHECK_EQ(pmm_alloc_contig(&p, 0, &pa), -ENOMEM);
	CHECK_EQ(pmm_alloc_contig(&p, nf + 1, &pa), -ENOMEM);
	/* Use frames 0..129 (two whole words and two frames). */
	CHECK_EQ(pmm_alloc_contig(&p, 130, &pa), 0);
	CHECK_EQ(pa, base);
	CHECK_EQ(pmm_alloc_contig(&p, 3, &pa), 0);   /* right after: 130 */
	CHECK_EQ(pa, base + 130 * PG);
	/* A hole of two at 62..63 and one of four straddling 127/128 ... */
	CHECK_EQ(pmm_free(&p, base + 62 * PG), 0);
	CHECK_EQ(pmm_free(&p, base + 63 * PG), 0);
	for (size_t f = 126; f < 130; f++)
		CHECK_EQ(pmm_free(&p, base + f * PG), 0);
	CHECK_EQ(pmm_alloc_contig(&p, 3, &pa), 0);   /* not 62 (too short) */
	CHECK_EQ(pa, base + 126 * PG);
	CHECK_EQ(pmm_alloc_contig(&p, 2, &pa), 0);   /* 62..63 fits */
	CHECK_EQ(pa, base + 62 * PG);
	CHECK_EQ(pmm_alloc_contig(&p, 1, &pa), 0);   /* 129 */
	CHECK_EQ(pa, base + 129 * PG);
	/* The rest: 133..199 is 67 frames; 68 would run into the padding. */
	CHECK_EQ(pmm_alloc_contig(&p, 68, &pa), -ENOMEM);
	CHECK_EQ(pmm_alloc_contig(&p, 67, &pa), 0);
	CHECK_EQ(pa, base + 133 * PG);
	CHECK_EQ(p.nfree, 0);
	CHECK_EQ(pmm_alloc_contig(&p, 1, &pa), -ENOMEM);
}

int main(void)
{
	ram = malloc(PHYS_SIZE);
	if (!ram)
		return 1;
	test_boot();
	test_boot_errors();
	test_direct();
	test_contig();
	free(ram);
	return check_summary("pmm");
}
