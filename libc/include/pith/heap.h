/*
 * Where malloc's memory comes from (libc/stdlib/malloc.c). The allocator
 * asks __pith_morecore(n) for n more bytes (any address, need not follow
 * the previous piece; NULL when there is no more). In a process the
 * default asks sbrk, i.e. the process server. A root task, which has no
 * server to ask, installs its own with pith_heap_init_root.
 */
#ifndef PITH_LIBC_HEAP_H
#define PITH_LIBC_HEAP_H

#include <stddef.h>
#include <stdint.h>

extern void *(*__pith_morecore)(size_t n);

/* The heap window root tasks use unless they have a reason not to. */
#define PITH_ROOT_HEAP_BASE 0x40000000ull
#define PITH_ROOT_HEAP_SIZE (256ull << 20)

/*
 * Make malloc take memory as a root task can: each time it needs more,
 * a Frame of whole pages is created from pool in the capability slot
 * scratch, mapped read-write into aspace at the next address of
 * [base, base + size), and its capability deleted again (the mapping
 * keeps the frame; the heap never shrinks). Slots are (uint64_t) slot_t
 * values of <pith/syscall.h>. Returns 0, or -EINVAL for a window that is
 * not page-aligned.
 */
int pith_heap_init_root(uint64_t pool, uint64_t aspace, uint64_t scratch,
			uint64_t base, uint64_t size);

#endif
