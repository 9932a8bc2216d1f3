/*
 * kernel/elf.c: the ELF64 executable parser. Images are built in memory
 * by elf_build.h and handed over in a buffer of exactly their size, so
 * ASan reports any read past the end. Every rule of elf_parse is checked
 * on both sides: one image that just passes, one that just fails.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "elf_build.h"

#include "elf.h"
#include "uapi/errno.h"

#define TOP 0x0000004000000000ull  /* riscv64 ARCH_USER_TOP */
#define EM EB_EM_RISCV

static int parse_top(const struct eb_image *im, uint16_t machine,
		     uint64_t top, struct elf_image *out)
{
	uint8_t *b = eb_alloc(im);
	struct elf_image scratch;
	int r;

	if (!out)
		out = &scratch;
	r = elf_parse(b, im->size, machine, top, out);
	if (r == 0)
		CHECK(eb_image_ok(out, im->size, top));
	else
		CHECK_EQ(r, -ENOEXEC);
	free(b);
	return r;
}

static int parse(const struct eb_image *im)
{
	return parse_top(im, EM, TOP, NULL);
}

static void test_valid(void)
{
	struct eb_image im;
	struct elf_image img;

	eb_default(&im, EM);
	memset(&img, 0xee, sizeof(img));
	CHECK_EQ(parse_top(&im, EM, TOP, &img), 0);
	CHECK_EQ(img.entry, EB_ENTRY);
	CHECK_EQ(img.nsegments, 2);
	CHECK_EQ(img.seg[0].vaddr, EB_TEXT_VA);
	CHECK_EQ(img.seg[0].offset, EB_TEXT_OFF);
	CHECK_EQ(img.seg[0].filesz, EB_TEXT_SZ);
	CHECK_EQ(img.seg[0].memsz, EB_TEXT_SZ);
	CHECK_EQ(img.seg[0].prot, ELF_R | ELF_X);
	CHECK_EQ(img.seg[1].vaddr, EB_DATA_VA);
	CHECK_EQ(img.seg[1].offset, EB_DATA_OFF);
	CHECK_EQ(img.seg[1].filesz, EB_DATA_FSZ);
	CHECK_EQ(img.seg[1].memsz, EB_DATA_MSZ);
	CHECK_EQ(img.seg[1].prot, ELF_R | ELF_W);

	/* x86_64: the same image for EM_X86_64 parses for it, not for riscv. */
	eb_default(&im, EB_EM_X86_64);
	CHECK_EQ(parse_top(&im, EB_EM_X86_64, 0x800000000000ull, &img), 0);
	CHECK_EQ(img.nsegments, 2);
	CHECK_EQ(parse_top(&im, EM, TOP, NULL), -ENOEXEC);

	/* Each PF_ bit maps to its own ELF_ bit; W-only and X-only pass. */
	eb_default(&im, EM);
	im.ph[0].flags = EB_PF_X;
	im.ph[1].flags = EB_PF_W;
	CHECK_EQ(parse_top(&im, EM, TOP, &img), 0);
	CHECK_EQ(img.seg[0].prot, ELF_X);
	CHECK_EQ(img.seg[1].prot, ELF_W);
	im.ph[0].flags = EB_PF_R | EB_PF_W | EB_PF_X | 0xf0000000u;
	im.ph[1].flags = 0;
	CHECK_EQ(parse_top(&im, EM, TOP, &img), 0);
	CHECK_EQ(img.seg[0].prot, ELF_R | ELF_W | ELF_X);
	CHECK_EQ(img.seg[1].prot, 0);

	/* Section headers and trailing bytes are ignored; unaligned phoff is
	 * fine (fields are read bytewise). */
	eb_default(&im, EM);
	im.shoff = 0xdeadbeefcafeull;
	im.shnum = 77;
	im.size += 123;
	CHECK_EQ(parse(&im), 0);
	im.phoff = 67;
	CHECK_EQ(parse(&im), 0);

	/* Non-LOAD headers (a note, a GNU_STACK) are skipped, and so is a
	 * LOAD with memsz 0. */
	eb_default(&im, EM);
	eb_add(&im, (struct eb_phdr){ .type = EB_PT_NOTE, .offset = 0,
				      .filesz = 0x10 });
	eb_add(&im, (struct eb_phdr){ .type = 0x6474e551 /* GNU_STACK */,
				      .flags = EB_PF_R | EB_PF_W });
	eb_add(&im, eb_load(EB_PF_R, 0, 0, 0, 0));
	CHECK_EQ(parse_top(&im, EM, TOP, &img), 0);
	CHECK_EQ(img.nsegments, 2);

	/* Headers exactly at the end of the file. */
	eb_default(&im, EM);
	im.phoff = im.size;
	im.size += 2 * 56;
	CHECK_EQ(parse(&im), 0);
}

static void test_header(void)
{
	struct eb_image im;

	/* Short files. */
	eb_default(&im, EM);
	for (size_t n = 0; n < 64; n++) {
		uint8_t *b = eb_alloc(&im);
		struct elf_image img;

		CHECK_EQ(elf_parse(b, n, EM, TOP, &img), -ENOEXEC);
		free(b);
	}

	for (int i = 0; i < 4; i++) {
		eb_default(&im, EM);
		im.ident[i] ^= 0x20;
		CHECK_EQ(parse(&im), -ENOEXEC);
	}
	eb_default(&im, EM);
	im.ident[4] = 1;  /* ELFCLASS32 */
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ident[4] = 0;
	CHECK_EQ(parse(&im), -ENOEXEC);
	eb_default(&im, EM);
	im.ident[5] = 2;  /* big endian */
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ident[5] = 0;
	CHECK_EQ(parse(&im), -ENOEXEC);
	eb_default(&im, EM);
	im.ident[6] = 0;  /* EI_VERSION */
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ident[6] = 2;
	CHECK_EQ(parse(&im), -ENOEXEC);
	eb_default(&im, EM);
	im.version = 0;   /* e_version */
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.version = 0x101;
	CHECK_EQ(parse(&im), -ENOEXEC);

	/* Only ET_EXEC. */
	const uint16_t types[] = { 0, 1, 3, 4, 0xfe00, 0x102 };
	for (unsigned i = 0; i < ARRAY_SIZE(types); i++) {
		eb_default(&im, EM);
		im.type = types[i];
		CHECK_EQ(parse(&im), -ENOEXEC);
	}

	/* Wrong machine, both ways. */
	eb_default(&im, EM);
	CHECK_EQ(parse_top(&im, EB_EM_X86_64, TOP, NULL), -ENOEXEC);
	im.machine = 243 + 256;
	CHECK_EQ(parse(&im), -ENOEXEC);

	/* Program header table. */
	const uint16_t entsizes[] = { 0, 32, 55, 57, 64, 56 + 256 };
	for (unsigned i = 0; i < ARRAY_SIZE(entsizes); i++) {
		eb_default(&im, EM);
		im.phentsize = entsizes[i];
		CHECK_EQ(parse(&im), -ENOEXEC);
	}
	eb_default(&im, EM);
	im.phnum = 0;
	CHECK_EQ(parse(&im), -ENOEXEC);

	/* Table one byte past the end (both headers written where they fit). */
	eb_default(&im, EM);
	im.phoff = im.size - 2 * 56 + 1;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.phoff = im.size - 2 * 56;
	CHECK_EQ(parse(&im), 0);
	/* phnum larger than the file can hold. */
	eb_default(&im, EM);
	im.phnum = (uint16_t)((im.size - 64) / 56 + 1);
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.phnum = 0xffff;
	CHECK_EQ(parse(&im), -ENOEXEC);
	/* phoff + phnum * 56 wrapping around to a small number. */
	eb_default(&im, EM);
	im.phoff = (uint64_t)0 - 56;
	im.phnum = 1;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.phoff = (uint64_t)0 - 56 * 2 + 64;  /* wraps to 64 with phnum 2 */
	im.phnum = 2;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.phoff = (uint64_t)0 - 1;
	im.phnum = 0xffff;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.phoff = im.size;  /* an empty table at the end: phnum 0 */
	im.phnum = 0;
	CHECK_EQ(parse(&im), -ENOEXEC);
}

static void test_segments(void)
{
	struct eb_image im;

	/* PT_INTERP anywhere in the table. */
	eb_default(&im, EM);
	eb_add(&im, (struct eb_phdr){ .type = EB_PT_INTERP, .offset = 0x100,
				      .filesz = 0x10, .memsz = 0x10 });
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ph[2] = im.ph[0];
	im.ph[0] = (struct eb_phdr){ .type = EB_PT_INTERP };
	CHECK_EQ(parse(&im), -ENOEXEC);

	/* filesz > memsz, by one. */
	eb_default(&im, EM);
	im.ph[1].filesz = EB_DATA_MSZ + 1;
	im.size = EB_DATA_OFF + EB_DATA_MSZ + 1;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ph[1].filesz = EB_DATA_MSZ;
	CHECK_EQ(parse(&im), 0);

	/* File bytes past the end, by one; and offset + filesz wrapping. */
	eb_default(&im, EM);
	im.ph[1].filesz = EB_DATA_FSZ + 1;
	CHECK_EQ(parse(&im), -ENOEXEC);
	eb_default(&im, EM);
	im.ph[0].offset = im.size - EB_TEXT_SZ + 1;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ph[0].offset = im.size - EB_TEXT_SZ;
	CHECK_EQ(parse(&im), 0);
	im.ph[0].offset = (uint64_t)0 - 0x10;  /* + 0x180 wraps to 0x170 */
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ph[0].offset = (uint64_t)0 - 1;
	im.ph[0].filesz = 1;                   /* wraps to exactly 0 */
	CHECK_EQ(parse(&im), -ENOEXEC);
	/* A memsz-only segment's offset must still be inside the file (up
	 * to its very end). */
	eb_default(&im, EM);
	im.ph[1].filesz = 0;
	im.ph[1].offset = im.size;
	CHECK_EQ(parse(&im), 0);
	im.ph[1].offset = im.size + 1;
	CHECK_EQ(parse(&im), -ENOEXEC);

	/* vaddr + memsz wrapping (with no user_top limit to hide it) and
	 * above user_top, by one. */
	eb_default(&im, EM);
	im.ph[1].vaddr = (uint64_t)0 - 0x800;
	CHECK_EQ(parse_top(&im, EM, UINT64_MAX, NULL), -ENOEXEC);
	im.ph[1].vaddr = (uint64_t)0 - EB_PAGE;
	im.ph[1].memsz = EB_PAGE + 1;          /* wraps to exactly 1 */
	CHECK_EQ(parse_top(&im, EM, UINT64_MAX, NULL), -ENOEXEC);
	eb_default(&im, EM);
	im.ph[1].vaddr = TOP - EB_DATA_MSZ + 1;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ph[1].vaddr = TOP - EB_DATA_MSZ;    /* ends exactly at the top */
	CHECK_EQ(parse(&im), 0);
	im.ph[1].vaddr = TOP;
	CHECK_EQ(parse(&im), -ENOEXEC);
	/* The text is checked against user_top as well. */
	eb_default(&im, EM);
	CHECK_EQ(parse_top(&im, EM, EB_TEXT_VA + EB_TEXT_SZ - 1, NULL),
		 -ENOEXEC);

	/* Page 0 is never mapped. */
	eb_default(&im, EM);
	im.ph[0].vaddr = 0;
	im.entry = 0x10;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ph[0].vaddr = EB_PAGE - 1;
	im.entry = EB_PAGE;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ph[0].vaddr = EB_PAGE;
	CHECK_EQ(parse(&im), 0);
	eb_default(&im, EM);
	im.ph[1].vaddr = 0x800;
	im.ph[1].memsz = 0x100;
	CHECK_EQ(parse(&im), -ENOEXEC);

	/* Two segments touching a common page: data starting in the text's
	 * last page, text starting in the data's last page, one inside the
	 * other. Next page: fine. */
	eb_default(&im, EM);
	im.ph[1].vaddr = EB_TEXT_VA + 0xff0;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ph[1].vaddr = EB_TEXT_VA + EB_PAGE;
	CHECK_EQ(parse(&im), 0);
	eb_default(&im, EM);
	im.ph[0].vaddr = EB_DATA_VA + EB_DATA_MSZ + 0x10;  /* data: 2 pages */
	im.ph[1].memsz = EB_DATA_MSZ + 0x20;
	im.entry = im.ph[0].vaddr;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ph[1].memsz = EB_DATA_MSZ;
	CHECK_EQ(parse(&im), 0);
	eb_default(&im, EM);
	im.ph[1].vaddr = EB_TEXT_VA - EB_PAGE;
	im.ph[1].memsz = 3 * EB_PAGE;                /* covers the text */
	CHECK_EQ(parse(&im), -ENOEXEC);
	eb_default(&im, EM);
	im.ph[1] = im.ph[0];                         /* the same twice */
	CHECK_EQ(parse(&im), -ENOEXEC);

	/* At most ELF_MAX_SEGMENTS loadable segments, each in its own page;
	 * non-loadable headers do not count. */
	eb_default(&im, EM);
	for (unsigned i = 2; i < ELF_MAX_SEGMENTS; i++)
		eb_add(&im, eb_load(EB_PF_R, 0, 0x100000 + i * EB_PAGE,
				    0x10, 0x10));
	eb_add(&im, (struct eb_phdr){ .type = EB_PT_NOTE });
	struct elf_image img;
	CHECK_EQ(parse_top(&im, EM, TOP, &img), 0);
	CHECK_EQ(img.nsegments, ELF_MAX_SEGMENTS);
	CHECK_EQ(img.seg[ELF_MAX_SEGMENTS - 1].vaddr,
		 0x100000 + (ELF_MAX_SEGMENTS - 1) * EB_PAGE);
	eb_add(&im, eb_load(EB_PF_R, 0, 0x200000, 0x10, 0x10));
	CHECK_EQ(parse(&im), -ENOEXEC);

	/* Entry: first byte and last byte of the text, its bss part; not
	 * one past it, not in the (non-executable) data. */
	eb_default(&im, EM);
	im.entry = EB_TEXT_VA;
	CHECK_EQ(parse(&im), 0);
	im.entry = EB_TEXT_VA + EB_TEXT_SZ - 1;
	CHECK_EQ(parse(&im), 0);
	im.entry = EB_TEXT_VA + EB_TEXT_SZ;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.entry = EB_TEXT_VA - 1;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.entry = EB_DATA_VA;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.entry = 0;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.ph[0].memsz = 0x1000;
	im.entry = EB_TEXT_VA + 0x800;
	CHECK_EQ(parse(&im), 0);
	/* Entry in an executable segment that is not the first. */
	eb_default(&im, EM);
	im.ph[0].flags = EB_PF_R;
	im.ph[1].flags = EB_PF_R | EB_PF_X;
	CHECK_EQ(parse(&im), -ENOEXEC);
	im.entry = EB_DATA_VA + 0x100;
	CHECK_EQ(parse(&im), 0);

	/* No loadable segment: only a note; only empty LOADs. */
	eb_default(&im, EM);
	im.ph[0] = (struct eb_phdr){ .type = EB_PT_NOTE, .flags = EB_PF_X,
				     .vaddr = EB_TEXT_VA, .memsz = 0x1000 };
	im.ph[1] = im.ph[0];
	CHECK_EQ(parse(&im), -ENOEXEC);
	eb_default(&im, EM);
	im.ph[0].memsz = im.ph[0].filesz = 0;
	im.ph[1].memsz = im.ph[1].filesz = 0;
	CHECK_EQ(parse(&im), -ENOEXEC);
}

/*
 * user_top inside the last page of the address space: elf_parse computes
 * each segment's page span as [ALIGN_DOWN(vaddr), ALIGN_UP(vaddr+memsz)),
 * and ALIGN_UP of an end in the last page wraps to 0, so two segments
 * sharing that page are accepted. Unreachable with the real ARCH_USER_TOP
 * values, but the contract says no shared pages: elf.c compares last pages.
 */
static void test_top_page(void)
{
	struct eb_image im;

	eb_default(&im, EM);
	im.ph[0].vaddr = (uint64_t)0 - EB_PAGE;
	im.ph[0].memsz = 0x800;
	im.entry = im.ph[0].vaddr;
	im.ph[1].vaddr = (uint64_t)0 - 0x700;
	im.ph[1].memsz = 0x100;
	CHECK_EQ(parse_top(&im, EM, UINT64_MAX, NULL), -ENOEXEC);
	im.ph[1].vaddr = (uint64_t)0 - 2 * EB_PAGE;  /* the page before */
	CHECK_EQ(parse_top(&im, EM, UINT64_MAX, NULL), 0);
}

/* Every truncation and every single-byte corruption of a few valid images
 * returns cleanly; anything accepted satisfies the invariants (parse_top
 * checks them with eb_image_ok). */
static void test_mutations(void)
{
	struct eb_image ims[3];
	unsigned accepted = 0, total = 0;
	int fails_before = check_failed;

	eb_default(&ims[0], EM);
	eb_default(&ims[1], EM);                 /* headers after the data */
	ims[1].phoff = ims[1].size;
	ims[1].size += 2 * 56;
	eb_default(&ims[2], EM);                 /* eight segments, a note */
	for (unsigned i = 2; i < ELF_MAX_SEGMENTS; i++)
		eb_add(&ims[2], eb_load(EB_PF_R | (i & 1 ? EB_PF_X : 0),
					0x100 + i, 0x100000 + i * EB_PAGE,
					0x10, 0x10 + i));
	eb_add(&ims[2], (struct eb_phdr){ .type = EB_PT_NOTE });

	for (unsigned k = 0; k < ARRAY_SIZE(ims); k++) {
		struct eb_image *im = &ims[k];
		uint8_t *full = eb_alloc(im);
		size_t size = im->size;
		struct elf_image img;

		CHECK_EQ(parse(im), 0);
		/* Truncation at every length, in an exact-size buffer. */
		for (size_t n = 0; n <= size; n++) {
			uint8_t *b = malloc(n ? n : 1);
			int r;

			memcpy(b, full, n);
			r = elf_parse(b, n, EM, TOP, &img);
			total++;
			if (r == 0) {
				accepted++;
				CHECK(eb_image_ok(&img, n, TOP));
			} else {
				CHECK(r == -ENOEXEC);
			}
			/* The last segment's bytes end the file: any
			 * truncation must fail, the full length pass. */
			if (n < EB_SIZE && k != 1)
				CHECK(r != 0);
			free(b);
			if (check_failed > fails_before + 10)
				break;
		}
		/* Single-byte corruption at every offset, several values. */
		uint8_t *b = malloc(size);
		for (size_t off = 0; off < size; off++) {
			const uint8_t vals[] = { 0, 0xff, 0x80, 0x01,
						 (uint8_t)(full[off] + 1),
						 (uint8_t)(full[off] - 1),
						 (uint8_t)(full[off] ^ 0x10) };
			for (unsigned v = 0; v < ARRAY_SIZE(vals); v++) {
				int r;

				memcpy(b, full, size);
				b[off] = vals[v];
				r = elf_parse(b, size, EM, TOP, &img);
				total++;
				if (r == 0) {
					accepted++;
					CHECK(eb_image_ok(&img, size, TOP));
				} else {
					CHECK(r == -ENOEXEC);
				}
			}
			if (check_failed > fails_before + 10)
				break;
		}
		free(b);
		free(full);
	}
	printf("mutations: %u parsed, %u accepted\n", total, accepted);
	CHECK(accepted > 0 && accepted < total);
}

int main(void)
{
	test_valid();
	test_header();
	test_segments();
	test_mutations();
	test_top_page();
	return check_summary("elf");
}
