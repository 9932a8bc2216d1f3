/* malloc's default source of memory in a process: sbrk, which the
 * process server answers (ENOSYS until it exists, so malloc fails with
 * ENOMEM). A root task replaces the hook (libc/stdlib/heap_root.c). */
#include <unistd.h>

#include <pith/heap.h>

static void *sbrk_morecore(size_t n)
{
	void *p = sbrk((long)n);

	return p == (void *)-1 ? NULL : p;
}

void *(*__pith_morecore)(size_t n) = sbrk_morecore;
