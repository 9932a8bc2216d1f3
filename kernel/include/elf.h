/*
 * ELF64 executable parser (kernel/elf.c), portable and host-tested. It
 * only reads and validates; loading is the caller's (kernel/roottask.c now,
 * the process server later). Malformed input is -ENOEXEC, never a read
 * outside the buffer.
 */
#ifndef PITH_ELF_H
#define PITH_ELF_H

#include "types.h"

#define ELF_MAX_SEGMENTS 8

/* Segment rights, as PT_* (arch.h) bits. */
#define ELF_R 1u
#define ELF_W 2u
#define ELF_X 4u

struct elf_segment {
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t offset;   /* in the file */
	uint64_t filesz;   /* <= memsz; the rest is zero */
	unsigned prot;     /* ELF_R | ELF_W | ELF_X */
};

struct elf_image {
	uint64_t entry;
	unsigned nsegments;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/*
 * Check that data[0..size) is a static little-endian ELF64 executable for
 * `machine` whose PT_LOAD segments lie in [page 1, user_top), do not
 * overlap each other's pages, and whose entry is inside an executable one;
 * describe it in *out. Returns 0 or -ENOEXEC.
 */
must_check int elf_parse(const void *data, size_t size, uint16_t machine,
			 uint64_t user_top, struct elf_image *out);

#endif
