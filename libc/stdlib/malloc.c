/*
 * The allocator (<stdlib.h>): malloc, free, calloc, realloc,
 * reallocarray, aligned_alloc, posix_memalign.
 *
 * Every block has a 16-byte header (its payload size and a tag) and a
 * 16-byte aligned payload. Requests up to 2048 bytes are rounded to one
 * of 24 size classes; a freed small block goes on its class's free list
 * and is reused only for that class (never merged back). Larger requests,
 * and refills of empty classes, come from the general pool: free blocks
 * on one address-ordered list, first fit, split when the rest is worth
 * keeping, merged with free neighbours on free. The pool grows through
 * __pith_morecore (64 KiB at least), which need not return contiguous
 * memory: blocks merge only when they really touch.
 *
 * Tags catch a double free or a pointer that malloc did not return
 * (abort). Not thread-safe: there is one thread per process until
 * threads exist (docs/libc.md).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pith/heap.h>

#define ALIGN 16
#define HDR 16
#define GROW_MIN (64u << 10)
#define SPLIT_MIN 64              /* smallest payload worth splitting off */

#define TAG_MAGIC   0x9a11c0c000000000ull
#define TAG_MASK    0xffffffff00000000ull
#define TAG_LARGE   0x100u        /* pool block (else the class index) */
#define TAG_ALIGNED 0x200u        /* size is the offset to the real block */
#define TAG_FREE    0x400u

struct hdr {
	size_t size;              /* payload bytes (multiple of ALIGN) */
	uint64_t tag;
};

struct freeblk {
	struct hdr h;
	struct freeblk *next;     /* in the payload */
};

static const unsigned short class_size[] = {
	16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256,
	320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536, 1792, 2048,
};
#define NCLASS (sizeof(class_size) / sizeof(class_size[0]))
#define SMALL_MAX 2048

static void *class_free[NCLASS];  /* payloads, linked through word 0 */
static struct freeblk *pool;      /* address order */

static struct hdr *hdr_of(void *p)
{
	return (struct hdr *)((char *)p - HDR);
}

static void *payload(struct hdr *h)
{
	return (char *)h + HDR;
}

static char *end_of(struct hdr *h)
{
	return (char *)payload(h) + h->size;
}

static bool tag_ok(const struct hdr *h)
{
	return (h->tag & TAG_MASK) == TAG_MAGIC;
}

static unsigned class_of(size_t n)
{
	unsigned c = 0;

	while (class_size[c] < n)
		c++;
	return c;
}

/* Put a free block in the pool, merging with the neighbours it touches. */
static void pool_insert(struct hdr *h)
{
	struct freeblk *b = (struct freeblk *)h, **pp = &pool, *prev = NULL;

	h->tag = TAG_MAGIC | TAG_LARGE | TAG_FREE;
	while (*pp && *pp < b) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	b->next = *pp;
	*pp = b;
	if (b->next && end_of(&b->h) == (char *)b->next) {
		b->h.size += HDR + b->next->h.size;
		b->next = b->next->next;
	}
	if (prev && end_of(&prev->h) == (char *)b) {
		prev->h.size += HDR + b->h.size;
		prev->next = b->next;
	}
}

static bool pool_grow(size_t n)
{
	size_t want = n + HDR < GROW_MIN ? GROW_MIN : (n + HDR + 4095) & ~(size_t)4095;
	char *mem = __pith_morecore(want);
	struct hdr *h;

	if (!mem)
		return false;
	/* Keep payloads 16-byte aligned whatever morecore returned. */
	size_t skip = (size_t)(-(uintptr_t)mem & (ALIGN - 1));
	if (want < skip + HDR + ALIGN)
		return false;
	h = (struct hdr *)(mem + skip);
	h->size = (want - skip - HDR) & ~(size_t)(ALIGN - 1);
	pool_insert(h);
	return true;
}

/* A pool block with at least n payload bytes (n a multiple of ALIGN). */
static struct hdr *pool_take(size_t n)
{
	for (int tries = 0; tries < 2; tries++) {
		for (struct freeblk **pp = &pool; *pp; pp = &(*pp)->next) {
			struct freeblk *b = *pp;
			if (b->h.size < n)
				continue;
			if (b->h.size - n >= HDR + SPLIT_MIN) {
				struct freeblk *rest = (struct freeblk *)((char *)payload(&b->h) + n);
				rest->h.size = b->h.size - n - HDR;
				rest->h.tag = TAG_MAGIC | TAG_LARGE | TAG_FREE;
				rest->next = b->next;
				b->h.size = n;
				*pp = rest;
			} else {
				*pp = b->next;
			}
			b->h.tag = TAG_MAGIC | TAG_LARGE;
			return &b->h;
		}
		if (!pool_grow(n))
			break;
	}
	return NULL;
}

void *malloc(size_t n)
{
	struct hdr *h;

	if (n > PTRDIFF_MAX - 4096) {
		errno = ENOMEM;
		return NULL;
	}
	if (n <= SMALL_MAX) {
		unsigned c = class_of(n ? n : 1);
		void *p = class_free[c];
		if (p) {
			class_free[c] = *(void **)p;
			hdr_of(p)->tag = TAG_MAGIC | c;
			return p;
		}
		if (!(h = pool_take(class_size[c])))
			goto nomem;
		/* A pool block may be a little larger than the class (when
		 * splitting was not worth it); it still belongs to class c. */
		h->tag = TAG_MAGIC | c;
		return payload(h);
	}
	if (!(h = pool_take((n + ALIGN - 1) & ~(size_t)(ALIGN - 1))))
		goto nomem;
	return payload(h);
nomem:
	errno = ENOMEM;
	return NULL;
}

/* The header of a block malloc gave out, or abort. */
static struct hdr *checked(void *p)
{
	struct hdr *h = hdr_of(p);

	if (!tag_ok(h) || (h->tag & TAG_FREE))
		abort();
	return h;
}

void free(void *p)
{
	struct hdr *h;

	if (!p)
		return;
	h = checked(p);
	if (h->tag & TAG_ALIGNED) {
		h->tag |= TAG_FREE;
		free((char *)p - h->size);
	} else if (h->tag & TAG_LARGE) {
		pool_insert(h);
	} else {
		unsigned c = (unsigned)(h->tag & 0xff);
		h->tag |= TAG_FREE;
		*(void **)p = class_free[c];
		class_free[c] = p;
	}
}

/* Payload bytes usable at p. */
static size_t usable(void *p)
{
	struct hdr *h = checked(p);

	if (h->tag & TAG_ALIGNED)
		return checked((char *)p - h->size)->size - h->size;
	return h->size;
}

void *realloc(void *p, size_t n)
{
	void *q;
	size_t have;

	if (!p)
		return malloc(n);
	have = usable(p);
	if (n <= have)
		return p;
	if (!(q = malloc(n)))
		return NULL;
	memcpy(q, p, have);
	free(p);
	return q;
}

void *calloc(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	if ((p = malloc(total)))
		memset(p, 0, total);
	return p;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, total);
}

void *aligned_alloc(size_t align, size_t n)
{
	char *raw, *p;
	struct hdr *h;

	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (align <= ALIGN)
		return malloc(n);
	if (n > PTRDIFF_MAX - align || !(raw = malloc(n + align)))
		return NULL;
	if (((uintptr_t)raw & (align - 1)) == 0)
		return raw;
	/* Both are 16-aligned and differ, so the gap holds a header. */
	p = (char *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
	h = hdr_of(p);
	h->size = (size_t)(p - raw);
	h->tag = TAG_MAGIC | TAG_ALIGNED;
	return p;
}

int posix_memalign(void **out, size_t align, size_t n)
{
	void *p;
	int saved = errno;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = aligned_alloc(align, n);
	if (!p) {
		errno = saved;
		return ENOMEM;
	}
	*out = p;
	return 0;
}
