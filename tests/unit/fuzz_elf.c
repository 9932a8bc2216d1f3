/*
 * libFuzzer target for kernel/elf.c. elf_parse gets the fuzzer's buffer
 * (exactly `size` bytes, so ASan sees any read past it) for a few
 * machine/user_top pairs; anything but 0 or -ENOEXEC, and any accepted
 * image that breaks the invariants of elf.h (eb_image_ok), aborts. Seeds:
 * valid images written by elf_seeds (see CMakeLists.txt).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "elf_build.h"

#include "elf.h"
#include "uapi/errno.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		uint16_t machine;
		uint64_t user_top;
	} cfg[] = {
		{ EB_EM_RISCV, 0x0000004000000000ull },   /* riscv64 */
		{ EB_EM_X86_64, 0x0000800000000000ull },  /* x86_64 */
		{ EB_EM_RISCV, 0x20000ull },              /* a tight top */
	};

	for (unsigned i = 0; i < sizeof(cfg) / sizeof(cfg[0]); i++) {
		struct elf_image img;
		int r = elf_parse(data, size, cfg[i].machine, cfg[i].user_top,
				  &img);

		if (r == 0 && !eb_image_ok(&img, size, cfg[i].user_top)) {
			fprintf(stderr, "fuzz_elf: accepted an image that "
				"breaks the invariants (cfg %u)\n", i);
			abort();
		}
		if (r != 0 && r != -ENOEXEC) {
			fprintf(stderr, "fuzz_elf: returned %d\n", r);
			abort();
		}
	}
	return 0;
}
