/*
 * ELF64 parser. Fields are read with memcpy from the byte buffer (no
 * alignment assumptions), every offset/size pair is checked for overflow
 * against the buffer, and only what Pith can load is accepted: ET_EXEC,
 * PT_LOAD segments page-separated from each other, no interpreter.
 */
#include "elf.h"
#include "kstring.h"
#include "uapi/errno.h"

#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define ET_EXEC 2
#define PT_LOAD 1
#define PT_INTERP 3
#define PF_X 1
#define PF_W 2
#define PF_R 4

static uint16_t rd16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t rd64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static bool add_overflows(uint64_t a, uint64_t b, uint64_t *sum)
{
	*sum = a + b;
	return *sum < a;
}

int elf_parse(const void *data, size_t size, uint16_t machine,
	      uint64_t user_top, struct elf_image *out)
{
	const uint8_t *e = data;
	uint64_t end;

	if (size < EHDR_SIZE || memcmp(e, "\177ELF", 4) != 0 ||
	    e[4] != 2 /* ELFCLASS64 */ || e[5] != 1 /* little endian */ ||
	    e[6] != 1 /* EV_CURRENT */)
		return -ENOEXEC;
	if (rd16(e + 16) != ET_EXEC || rd16(e + 18) != machine ||
	    rd32(e + 20) != 1)
		return -ENOEXEC;

	uint64_t phoff = rd64(e + 32);
	uint16_t phentsize = rd16(e + 54), phnum = rd16(e + 56);
	if (phentsize != PHDR_SIZE || phnum == 0 ||
	    add_overflows(phoff, (uint64_t)phnum * PHDR_SIZE, &end) || end > size)
		return -ENOEXEC;

	out->entry = rd64(e + 24);
	out->nsegments = 0;
	bool entry_ok = false;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = e + phoff + (uint64_t)i * PHDR_SIZE;
		uint32_t type = rd32(ph), flags = rd32(ph + 4);
		if (type == PT_INTERP)
			return -ENOEXEC; /* static executables only */
		if (type != PT_LOAD)
			continue;
		struct elf_segment s = {
			.offset = rd64(ph + 8), .vaddr = rd64(ph + 16),
			.filesz = rd64(ph + 32), .memsz = rd64(ph + 40),
			.prot = ((flags & PF_R) ? ELF_R : 0) |
				((flags & PF_W) ? ELF_W : 0) |
				((flags & PF_X) ? ELF_X : 0),
		};
		uint64_t fend, vend;
		if (s.memsz == 0)
			continue;
		if (s.filesz > s.memsz ||
		    add_overflows(s.offset, s.filesz, &fend) || fend > size ||
		    add_overflows(s.vaddr, s.memsz, &vend) || vend > user_top ||
		    s.vaddr < PAGE_SIZE || out->nsegments == ELF_MAX_SEGMENTS)
			return -ENOEXEC;
		/* Pages are mapped whole: two segments may not share one. */
		/* Compare first and last pages: rounding the end up could
		 * wrap to 0 in the last page of the address space. */
		uint64_t lo = ALIGN_DOWN(s.vaddr, PAGE_SIZE);
		uint64_t last = ALIGN_DOWN(vend - 1, PAGE_SIZE);
		for (unsigned j = 0; j < out->nsegments; j++) {
			const struct elf_segment *o = &out->seg[j];
			uint64_t olo = ALIGN_DOWN(o->vaddr, PAGE_SIZE);
			uint64_t olast = ALIGN_DOWN(o->vaddr + o->memsz - 1, PAGE_SIZE);
			if (lo <= olast && olo <= last)
				return -ENOEXEC;
		}
		if ((s.prot & ELF_X) && out->entry >= s.vaddr && out->entry < vend)
			entry_ok = true;
		out->seg[out->nsegments++] = s;
	}
	if (!out->nsegments || !entry_ok)
		return -ENOEXEC;
	return 0;
}
