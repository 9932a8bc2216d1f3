/*
 * What the arch boot code learned from the firmware (DTB on RISC-V,
 * hvm_start_info on x86), in one portable shape. The arch fills it in
 * before calling kmain(); everything is copied, so firmware structures may
 * be overwritten afterwards.
 */
#ifndef PITH_BOOTINFO_H
#define PITH_BOOTINFO_H

#include "types.h"

#define BOOT_MAX_RANGES 32
#define BOOT_CMDLINE_MAX 256

struct mem_range {
	paddr_t base;
	uint64_t size;
};

struct boot_info {
	/* Usable RAM as the firmware reports it. */
	struct mem_range ram[BOOT_MAX_RANGES];
	unsigned nram;
	/* Parts of that RAM the kernel must never hand out: firmware, the
	 * kernel image, the DTB, the boot image, boot structures. */
	struct mem_range reserved[BOOT_MAX_RANGES];
	unsigned nreserved;
	/* The boot image (cpio newc), size 0 if there is none. */
	struct mem_range initrd;
	/* Kernel command line, NUL-terminated ("" if none). */
	char cmdline[BOOT_CMDLINE_MAX];
	/* Free-form line for the boot log ("OpenSBI, hart 0", "PVH"). */
	char firmware[64];
};

/* Append a range to one of the lists; ranges past BOOT_MAX_RANGES are
 * dropped with a warning on the console (losing RAM is safe; losing a
 * reservation is not, so reserved overflow panics). */
void boot_add_ram(struct boot_info *bi, paddr_t base, uint64_t size);
void boot_add_reserved(struct boot_info *bi, paddr_t base, uint64_t size);

/* Value of "key=value" on the command line, copied into buf; false if the
 * key is absent. A bare "key" yields "". */
bool boot_cmdline_get(const struct boot_info *bi, const char *key,
		      char *buf, size_t len);

#endif
