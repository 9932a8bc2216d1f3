/*
 * A tiny ELF64 little-endian image builder for the elf_parse tests, the
 * fuzz target's seed writer and the fuzz target's invariant check. Every
 * header field is a plain struct member, so a test can set any of them to
 * a bad value and write the image out; eb_write() puts the ELF header at
 * 0, the program headers at phoff (those that fit), and a byte pattern
 * everywhere else.
 */
#ifndef PITH_TEST_ELF_BUILD_H
#define PITH_TEST_ELF_BUILD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"

#define EB_MAX_PH 16
#define EB_EM_RISCV 243
#define EB_EM_X86_64 62
#define EB_PT_LOAD 1
#define EB_PT_INTERP 3
#define EB_PT_NOTE 4
#define EB_PF_X 1
#define EB_PF_W 2
#define EB_PF_R 4
#define EB_PAGE 0x1000ull

struct eb_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

struct eb_image {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
	struct eb_phdr ph[EB_MAX_PH];  /* written: the first nph */
	unsigned nph;
	size_t size;                   /* file size */
};

/* Text (R X) at 0x10000 from file offset 0x1000, 0x180 bytes; data (R W)
 * at 0x12000 from offset 0x2000, 0x40 bytes in the file and 0x1000 in
 * memory; entry 0x10010. */
#define EB_TEXT_VA  0x10000ull
#define EB_TEXT_OFF 0x1000ull
#define EB_TEXT_SZ  0x180ull
#define EB_DATA_VA  0x12000ull
#define EB_DATA_OFF 0x2000ull
#define EB_DATA_FSZ 0x40ull
#define EB_DATA_MSZ 0x1000ull
#define EB_ENTRY    0x10010ull
#define EB_SIZE     (EB_DATA_OFF + EB_DATA_FSZ)

static inline struct eb_phdr eb_load(uint32_t flags, uint64_t offset,
				     uint64_t vaddr, uint64_t filesz,
				     uint64_t memsz)
{
	return (struct eb_phdr){ .type = EB_PT_LOAD, .flags = flags,
				 .offset = offset, .vaddr = vaddr,
				 .paddr = vaddr, .filesz = filesz,
				 .memsz = memsz, .align = EB_PAGE };
}

/* A valid static executable for machine. */
static inline void eb_default(struct eb_image *im, uint16_t machine)
{
	memset(im, 0, sizeof(*im));
	memcpy(im->ident, "\177ELF", 4);
	im->ident[4] = 2;  /* ELFCLASS64 */
	im->ident[5] = 1;  /* ELFDATA2LSB */
	im->ident[6] = 1;  /* EV_CURRENT */
	im->type = 2;      /* ET_EXEC */
	im->machine = machine;
	im->version = 1;
	im->entry = EB_ENTRY;
	im->phoff = 64;
	im->ehsize = 64;
	im->phentsize = 56;
	im->shentsize = 64;
	im->ph[0] = eb_load(EB_PF_R | EB_PF_X, EB_TEXT_OFF, EB_TEXT_VA,
			    EB_TEXT_SZ, EB_TEXT_SZ);
	im->ph[1] = eb_load(EB_PF_R | EB_PF_W, EB_DATA_OFF, EB_DATA_VA,
			    EB_DATA_FSZ, EB_DATA_MSZ);
	im->nph = im->phnum = 2;
	im->size = EB_SIZE;
}

/* Append a program header (phnum follows nph). */
static inline void eb_add(struct eb_image *im, struct eb_phdr ph)
{
	im->ph[im->nph++] = ph;
	im->phnum = (uint16_t)im->nph;
}

static inline void eb_put(uint8_t *b, size_t size, uint64_t off,
			  uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (off + i < size)
			b[off + i] = (uint8_t)(v >> (8 * i));
}

/* Write the image into buf[0..im->size). */
static inline void eb_write(const struct eb_image *im, uint8_t *b)
{
	size_t n = im->size;

	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(0x5a ^ i ^ (i >> 8));
	for (unsigned i = 0; i < 16; i++)
		eb_put(b, n, i, im->ident[i], 1);
	eb_put(b, n, 16, im->type, 2);
	eb_put(b, n, 18, im->machine, 2);
	eb_put(b, n, 20, im->version, 4);
	eb_put(b, n, 24, im->entry, 8);
	eb_put(b, n, 32, im->phoff, 8);
	eb_put(b, n, 40, im->shoff, 8);
	eb_put(b, n, 48, im->flags, 4);
	eb_put(b, n, 52, im->ehsize, 2);
	eb_put(b, n, 54, im->phentsize, 2);
	eb_put(b, n, 56, im->phnum, 2);
	eb_put(b, n, 58, im->shentsize, 2);
	eb_put(b, n, 60, im->shnum, 2);
	eb_put(b, n, 62, im->shstrndx, 2);
	for (unsigned i = 0; i < im->nph; i++) {
		const struct eb_phdr *p = &im->ph[i];
		uint64_t o = im->phoff + (uint64_t)i * 56;

		if (o < im->phoff || o > n)  /* wrapped, or past the end */
			break;
		eb_put(b, n, o, p->type, 4);
		eb_put(b, n, o + 4, p->flags, 4);
		eb_put(b, n, o + 8, p->offset, 8);
		eb_put(b, n, o + 16, p->vaddr, 8);
		eb_put(b, n, o + 24, p->paddr, 8);
		eb_put(b, n, o + 32, p->filesz, 8);
		eb_put(b, n, o + 40, p->memsz, 8);
		eb_put(b, n, o + 48, p->align, 8);
	}
}

/* A malloc'd buffer of exactly im->size bytes (so ASan sees any read past
 * the end) holding the image. */
static inline uint8_t *eb_alloc(const struct eb_image *im)
{
	uint8_t *b = malloc(im->size ? im->size : 1);

	if (!b)
		abort();
	eb_write(im, b);
	return b;
}

/*
 * What an accepted image must satisfy (elf.h): 1..ELF_MAX_SEGMENTS
 * segments, each with 0 < memsz, filesz <= memsz, its file bytes inside
 * the buffer, its memory in [PAGE_SIZE, user_top), rights only R/W/X, no
 * two touching a common page; the entry inside an executable one.
 */
static inline bool eb_image_ok(const struct elf_image *img, size_t size,
			       uint64_t user_top)
{
	bool entry_ok = false;

	if (img->nsegments == 0 || img->nsegments > ELF_MAX_SEGMENTS)
		return false;
	for (unsigned i = 0; i < img->nsegments; i++) {
		const struct elf_segment *s = &img->seg[i];

		if (s->memsz == 0 || s->filesz > s->memsz ||
		    s->offset > size || s->filesz > size - s->offset ||
		    s->vaddr < EB_PAGE || s->vaddr > user_top ||
		    s->memsz > user_top - s->vaddr ||
		    (s->prot & ~(unsigned)(ELF_R | ELF_W | ELF_X)))
			return false;
		uint64_t first = s->vaddr / EB_PAGE;
		uint64_t last = (s->vaddr + s->memsz - 1) / EB_PAGE;
		for (unsigned j = 0; j < i; j++) {
			const struct elf_segment *o = &img->seg[j];
			uint64_t ofirst = o->vaddr / EB_PAGE;
			uint64_t olast = (o->vaddr + o->memsz - 1) / EB_PAGE;

			if (first <= olast && ofirst <= last)
				return false;
		}
		if ((s->prot & ELF_X) && img->entry >= s->vaddr &&
		    img->entry - s->vaddr < s->memsz)
			entry_ok = true;
	}
	return entry_ok;
}

#endif
