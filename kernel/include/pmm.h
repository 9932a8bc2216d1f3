/*
 * Physical frame allocator (kernel/pmm.c): one bit per 4 KiB frame over the
 * span of RAM, 1 = in use. Frames start in use; RAM ranges are freed, then
 * reserved ranges (firmware, kernel, boot image, the bitmap itself) taken
 * back. Freeing a frame that is not allocated is refused, so a double free
 * is an error code rather than silent corruption.
 */
#ifndef PITH_PMM_H
#define PITH_PMM_H

#include "types.h"
#include "bootinfo.h"

#define PMM_MAX_RANGES 40

struct pmm {
	paddr_t base;        /* physical address of frame 0 */
	size_t nframes;
	uint64_t *bitmap;    /* nframes bits, 1 = used */
	size_t nfree;
	size_t hint;         /* where the next search starts */
	/* RAM and reserved ranges, so pmm_free can refuse frames in holes and
	 * reservations: their bits are set just like an allocated frame's. */
	struct mem_range ram[PMM_MAX_RANGES];
	struct mem_range reserved[PMM_MAX_RANGES];
	unsigned nram, nreserved;
};

/* Bytes of bitmap needed for nframes. */
size_t pmm_bitmap_bytes(size_t nframes);

/* Start with every frame in use. */
void pmm_init(struct pmm *p, paddr_t base, size_t nframes, uint64_t *bitmap);
/* Mark the whole frames inside [base, base+size) free as RAM; mark every
 * frame touching [base, base+size) in use for good. At most PMM_MAX_RANGES
 * of each are remembered: -ENOSPC past that (a released range is then left
 * in use, a reserved one is still taken). */
must_check int pmm_release_range(struct pmm *p, paddr_t base, uint64_t size);
must_check int pmm_reserve_range(struct pmm *p, paddr_t base, uint64_t size);

/* Build p from the boot info: the bitmap is placed in the first free RAM
 * that overlaps no reservation; p2v turns its physical address into a
 * pointer. Returns 0, or -ENOMEM if no room was found. */
must_check int pmm_init_boot(struct pmm *p, const struct boot_info *bi,
			     void *(*p2v)(paddr_t));

/* One frame. Returns 0 and sets *pa, or -ENOMEM. */
must_check int pmm_alloc(struct pmm *p, paddr_t *pa);
/* n physically contiguous frames (first-fit). 0 and *pa, or -ENOMEM. */
must_check int pmm_alloc_contig(struct pmm *p, size_t n, paddr_t *pa);

/* Give a frame back. -EINVAL if pa is unaligned, not wholly inside a RAM
 * range, reserved, or not allocated (a double free). */
must_check int pmm_free(struct pmm *p, paddr_t pa);
bool pmm_is_used(const struct pmm *p, paddr_t pa);

/* The kernel's allocator, built by kmain. */
extern struct pmm kernel_pmm;

/* Convenience wrappers on kernel_pmm that also zero the frame
 * (kernel/kframe.c). */
must_check int frame_alloc(paddr_t *pa);
must_check int frame_alloc_contig(size_t n, paddr_t *pa);
void frame_free(paddr_t pa);

#endif
