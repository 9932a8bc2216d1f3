/*
 * Self-tests of kernel memory: the frame allocator over all of RAM and the
 * object allocator on top of it.
 */
#include "arch.h"
#include "kmem.h"
#include "kstring.h"
#include "pmm.h"
#include "selftest.h"
#include "uapi/errno.h"

extern char __kernel_start[], __kernel_end[];

/* One bit per frame for up to 4 GiB of RAM. */
static uint64_t seen[(4ull << 30) / PAGE_SIZE / 64];

static bool overlaps(paddr_t pa, paddr_t base, uint64_t size)
{
	return pa + PAGE_SIZE > base && pa < base + size;
}

/* Frames that must never be handed out. */
static bool forbidden(paddr_t pa)
{
	const struct boot_info *bi = selftest_boot_info;
	paddr_t kstart = virt_to_phys(__kernel_start);

	if (overlaps(pa, kstart, (uint64_t)(__kernel_end - __kernel_start)))
		return true;
	if (overlaps(pa, virt_to_phys(kernel_pmm.bitmap),
		     pmm_bitmap_bytes(kernel_pmm.nframes)))
		return true;
	for (unsigned i = 0; i < bi->nreserved; i++)
		if (overlaps(pa, bi->reserved[i].base, bi->reserved[i].size))
			return true;
	return false;
}

/*
 * Allocate until the pool is dry, threading the frames into a list through
 * their first word; every frame must be new, inside RAM, not reserved, and
 * their number must match the free count. Then free them all and find the
 * count restored.
 */
bool test_frames_all(void)
{
	struct pmm *p = &kernel_pmm;
	size_t before = p->nfree, n = 0, dup = 0, bad = 0;
	const paddr_t end = ~(paddr_t)0;
	paddr_t head = end, pa;

	CHECK(p->nframes <= 64 * ARRAY_SIZE(seen));
	CHECK(before > 0);
	memset(seen, 0, sizeof(seen));
	while (pmm_alloc(p, &pa) == 0) {
		size_t i = (size_t)((pa - p->base) / PAGE_SIZE);
		if (seen[i / 64] & (1ull << (i % 64)))
			dup++;
		seen[i / 64] |= 1ull << (i % 64);
		if (pa % PAGE_SIZE || forbidden(pa))
			bad++;
		*(paddr_t *)phys_to_virt(pa) = head;
		head = pa;
		n++;
	}
	size_t left = p->nfree;
	size_t refused = 0;
	while (head != end) {
		paddr_t next = *(paddr_t *)phys_to_virt(head);
		if (pmm_free(p, head) < 0)
			refused++;
		head = next;
	}
	kprintf("  %zu frames allocated and freed\n", n);
	CHECK(dup == 0);
	CHECK(bad == 0);
	CHECK(n == before);
	CHECK(left == 0);
	CHECK(refused == 0);
	CHECK(p->nfree == before);
	return true;
}

bool test_frames_double_free(void)
{
	struct pmm *p = &kernel_pmm;
	size_t before = p->nfree;
	paddr_t pa;

	CHECK(pmm_alloc(p, &pa) == 0);
	CHECK(p->nfree == before - 1);
	CHECK(pmm_free(p, pa) == 0);
	CHECK(pmm_free(p, pa) == -EINVAL);
	CHECK(pmm_free(p, pa + 8) == -EINVAL);
	CHECK(pmm_free(p, p->base + (paddr_t)p->nframes * PAGE_SIZE) == -EINVAL);
	CHECK(pmm_free(p, virt_to_phys(__kernel_start)) == -EINVAL);
	CHECK(pmm_free(p, virt_to_phys(kernel_pmm.bitmap)) == -EINVAL);
	CHECK(p->nfree == before);
	return true;
}

#define KMEM_N 600

static void *objs[KMEM_N];

static size_t obj_size(int i)
{
	return (size_t)(1 + (i * 37) % KMEM_MAX_SIZE);
}

/* Objects of many sizes, each filled with its own byte: an overlap would
 * show as a wrong byte. Afterwards every frame is back. */
bool test_kmem(void)
{
	size_t frames = kernel_pmm.nfree + kmem_spare_slabs(), live = kmem_live_objects();
	bool intact = true;

	CHECK(kmalloc(0) == NULL);
	CHECK(kmalloc(KMEM_MAX_SIZE + 1) == NULL);
	for (int i = 0; i < KMEM_N; i++) {
		objs[i] = kmalloc(obj_size(i));
		CHECK(objs[i] != NULL);
		CHECK(((const uint8_t *)objs[i])[obj_size(i) - 1] == 0);
		memset(objs[i], i & 0xff, obj_size(i));
	}
	CHECK(kernel_pmm.nfree < frames);
	for (int i = 0; i < KMEM_N; i++)
		for (size_t b = 0; b < obj_size(i); b++)
			if (((const uint8_t *)objs[i])[b] != (i & 0xff))
				intact = false;
	for (int i = 0; i < KMEM_N; i += 2)
		kfree(objs[i]);
	for (int i = 1; i < KMEM_N; i += 2)
		kfree(objs[i]);
	CHECK(intact);
	CHECK(kmem_live_objects() == live);
	CHECK(kernel_pmm.nfree + kmem_spare_slabs() == frames);

	/* A class's spare: an object made and freed again and again takes
	 * no frame each time, and no more than one empty slab stays. */
	kfree(kmalloc(KMEM_MAX_SIZE));
	size_t kept = kernel_pmm.nfree;
	CHECK(kmem_spare_slabs() >= 1);
	for (int i = 0; i < 3; i++)
		kfree(kmalloc(KMEM_MAX_SIZE));
	CHECK(kernel_pmm.nfree == kept);
	for (int i = 0; i < 3; i++)
		objs[i] = kmalloc(KMEM_MAX_SIZE);
	for (int i = 0; i < 3; i++)
		kfree(objs[i]);
	CHECK(kernel_pmm.nfree == kept);
	CHECK(kmem_live_objects() == live);
	return true;
}
