/*
 * A process's memory map (servers/procsrv/area.c): sorted, non-overlapping
 * areas of pages, each with its rights and what backs it. Pure data, no
 * system calls: procsrv's pager asks it where a fault lands and what to
 * put there; brk, mmap, munmap and mprotect edit it. Host-tested
 * (tests/unit/test_area.c). Areas come from a fixed pool (AREA_POOL), so
 * editing a map can fail with -ENOMEM but never allocates.
 */
#ifndef PROCSRV_AREA_H
#define PROCSRV_AREA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AREA_POOL 8192          /* areas in all maps together */

/* procsrv's large tables (this pool, the process and thread tables, ...)
 * are not in its bss: each is a range of its address space whose pages
 * are mapped as they are first used (main.c, over <pith/lazy.h>; the
 * host tests give plain memory). table_space reserves one at start;
 * table_need maps [p, p + len) before a first write (0, or -ENOMEM);
 * table_mapped says whether p may be read. */
void *table_space(size_t bytes);
int table_need(const void *p, size_t len);
bool table_mapped(const void *p);
#define AREA_PAGE 4096ull

/* Rights (as PROT_* in <sys/mman.h>). */
#define AREA_R 1u
#define AREA_W 2u
#define AREA_X 4u

enum area_kind {
	AREA_ANON,    /* demand-zero (bss, mmap MAP_ANONYMOUS) */
	AREA_FILE,    /* a boot-image file: file_size bytes at file_off, then zeros */
	AREA_HEAP,    /* brk: demand-zero, grows up from mm.brk_start */
	AREA_STACK,   /* demand-zero, grows down to mm.stack_limit */
};

struct area {
	uint64_t start, end;      /* page-aligned, end exclusive */
	unsigned prot;            /* AREA_R | AREA_W | AREA_X */
	enum area_kind kind;
	uint64_t file_off;        /* AREA_FILE: image offset of the byte at start */
	uint64_t file_size;       /* AREA_FILE: bytes of file from start; zeros after */
	bool cow;                 /* it existed at a fork: pages may be copy-on-write
				     (area_add makes it false; procsrv sets it) */
	struct area *next;        /* next higher area */
};

struct area_map {
	struct area *head;        /* lowest first */
	uint32_t count;
	uint64_t brk_start, brk;  /* the heap: [brk_start, page_up(brk)) */
	uint64_t stack_top;       /* the stack area grows down from here */
	uint64_t stack_limit;     /* ... no lower than this */
	uint64_t mmap_top;        /* mmap without a hint searches below this */
};

void area_pool_init(void);
/* Areas left in the pool (tests). */
uint32_t area_pool_free(void);

/* The area containing addr, or NULL. */
struct area *area_find(struct area_map *m, uint64_t addr);
/* Add [start, end) (page-aligned, start < end): -EINVAL unaligned or
 * empty, -EEXIST if it overlaps an area, -ENOMEM if the pool is empty. */
int area_add(struct area_map *m, uint64_t start, uint64_t end, unsigned prot,
	     enum area_kind kind, uint64_t file_off, uint64_t file_size);
/* Remove [start, end) from whatever areas it covers, splitting areas it
 * cuts (file offsets follow). -ENOMEM if a split needs an area and none
 * is left (nothing changed then). Removing nothing is not an error. */
int area_remove(struct area_map *m, uint64_t start, uint64_t end);
/* Set the rights of [start, end), splitting as needed; -ENOMEM as above,
 * -ENOMEM also if part of the range is not mapped (POSIX mprotect). */
int area_protect(struct area_map *m, uint64_t start, uint64_t end, unsigned prot);
/* Grow or shrink the heap to end at brk (not below brk_start, not into
 * the next area): 0 or -ENOMEM. Pages no longer in the heap are for the
 * caller to unmap ([old page_up(brk), new page_up(brk)) when shrinking). */
int area_set_brk(struct area_map *m, uint64_t brk);
/* Extend the stack area down to cover addr if addr is within stack_limit
 * and no other area is in the way: true if it now does. */
bool area_grow_stack(struct area_map *m, uint64_t addr);
/* A free range of len bytes (page multiple) for mmap: at hint if free
 * (hint page-aligned, nonzero), else the highest free range below
 * mmap_top and above the heap. 0 if none. */
uint64_t area_find_free(struct area_map *m, uint64_t len, uint64_t hint);
/* Copy every area of src into the empty dst (fork); -ENOMEM leaves dst
 * empty. */
int area_copy(struct area_map *dst, const struct area_map *src);
/* Remove every area (exit, exec). */
void area_clear(struct area_map *m);
/* Bytes mapped (for RLIMIT_AS). */
uint64_t area_total(const struct area_map *m);

#endif
