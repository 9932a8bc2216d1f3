/*
 * Kernel object allocator. Each slab is one frame, reached through the
 * physmap: a header, then equal-sized objects on a free list. kfree finds
 * the header by rounding the pointer down to the frame, so it needs no size.
 * A slab that becomes empty goes back to the frame allocator at once, so
 * kernel memory returns to the pool when objects die, except the one
 * empty slab a class keeps while it has no other (its spare): without
 * it an object made and freed over and over (a server's saved Reply,
 * every blocking pipe read) made and freed a slab each time, a frame
 * taken and its free list built. At most NCLASSES frames are kept.
 */
#include "arch.h"
#include "kmem.h"
#include "kstring.h"
#include "panic.h"
#include "pmm.h"

#define SLAB_MAGIC 0x51ab51abu
#define NCLASSES 8 /* 16, 32, ..., 2048 */

struct slab {
	uint32_t magic;
	uint16_t cls;
	uint16_t nfree;
	void *free;            /* free objects, linked through their first word */
	struct slab *next;     /* slabs of this class with free objects */
	struct slab **prevp;
};

static struct slab *partial[NCLASSES];
static size_t live_objects;

static size_t class_size(unsigned cls)
{
	return (size_t)16 << cls;
}

/* Objects start after the header, aligned to their own size (max 64). */
static size_t first_offset(unsigned cls)
{
	size_t align = MIN(class_size(cls), (size_t)64);

	return ALIGN_UP(sizeof(struct slab), align);
}

static void list_add(struct slab *s)
{
	s->next = partial[s->cls];
	if (s->next)
		s->next->prevp = &s->next;
	s->prevp = &partial[s->cls];
	partial[s->cls] = s;
}

static void list_del(struct slab *s)
{
	*s->prevp = s->next;
	if (s->next)
		s->next->prevp = s->prevp;
	s->next = NULL;
	s->prevp = NULL;
}

static struct slab *slab_new(unsigned cls)
{
	paddr_t pa;

	if (pmm_alloc(&kernel_pmm, &pa) < 0)
		return NULL;
	struct slab *s = phys_to_virt(pa);
	size_t size = class_size(cls);
	char *obj = (char *)s + first_offset(cls);
	char *end = (char *)s + PAGE_SIZE;

	s->magic = SLAB_MAGIC;
	s->cls = (uint16_t)cls;
	s->nfree = 0;
	s->free = NULL;
	for (; obj + size <= end; obj += size) {
		*(void **)obj = s->free;
		s->free = obj;
		s->nfree++;
	}
	list_add(s);
	return s;
}

static unsigned total_objects(unsigned cls)
{
	return (unsigned)((PAGE_SIZE - first_offset(cls)) / class_size(cls));
}

void *kmalloc(size_t size)
{
	unsigned cls = 0;

	if (size == 0 || size > KMEM_MAX_SIZE)
		return NULL;
	while (class_size(cls) < size)
		cls++;
	struct slab *s = partial[cls];
	if (!s && !(s = slab_new(cls)))
		return NULL;
	void *obj = s->free;
	s->free = *(void **)obj;
	if (--s->nfree == 0)
		list_del(s);
	live_objects++;
	return memset(obj, 0, class_size(cls));
}

void kfree(void *p)
{
	if (!p)
		return;
	struct slab *s = (struct slab *)ALIGN_DOWN((uintptr_t)p, PAGE_SIZE);
	if (s->magic != SLAB_MAGIC ||
	    ((uintptr_t)p - (uintptr_t)s - first_offset(s->cls)) %
		    class_size(s->cls))
		panic("kfree: %p is not a kernel object", p);

	*(void **)p = s->free;
	s->free = p;
	if (s->nfree++ == 0)
		list_add(s);
	live_objects--;
	if (s->nfree == total_objects(s->cls) &&
	    (partial[s->cls] != s || s->next)) {
		list_del(s);
		s->magic = 0;
		frame_free(virt_to_phys(s));
	}
}

size_t kmem_spare_slabs(void)
{
	size_t n = 0;

	for (unsigned c = 0; c < NCLASSES; c++)
		for (struct slab *s = partial[c]; s; s = s->next)
			n += s->nfree == total_objects(c);
	return n;
}

size_t kmem_live_objects(void)
{
	return live_objects;
}
