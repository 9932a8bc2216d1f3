/*
 * boot.c - the C half of x86_64 boot, entered from entry.S on the boot
 * stack in the higher half, interrupts off, with the hvm_start_info that
 * the PVH loader left below 1 MiB. Copies what the kernel needs from it
 * into a struct boot_info first (nothing below 1 MiB is kept as RAM, so
 * that memory is never handed out, but we still do not trust it past
 * boot), then brings up the console, the CPU tables and the clock, and
 * calls kmain().
 *
 * Entry points: x86_boot() (from entry.S), arch_poweroff().
 */
#include "console.h"
#include "kstring.h"
#include "panic.h"
#include "printf.h"
#include "x86.h"

/* The PVH start of day structure (Xen's arch-x86/hvm/start_info.h,
 * version 1, which added the memory map). All addresses are physical. */
#define HVM_START_MAGIC 0x336ec578u
#define HVM_MEMMAP_RAM  1u

struct hvm_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;      /* version >= 1 */
	uint32_t memmap_entries;    /* version >= 1 */
	uint32_t reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};

struct hvm_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

/* Below 1 MiB live the real-mode IVT, the BIOS data area, the EBDA, the
 * option ROMs and the PVH structures themselves; not worth the risk. */
#define LOW_MEMORY_END 0x100000ull

/* Port of QEMU's isa-debug-exit device (-device isa-debug-exit,iobase=0xf4):
 * a write of v makes QEMU exit with status (v << 1) | 1. */
#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_PASS 0x10   /* exit status 33 */

extern char __kernel_start[], __bss_end[];

static struct boot_info boot_info;

/* RAM usable by the kernel: whole pages, above 1 MiB, and inside the
 * physmap (which covers the first ARCH_PHYSMAP_SIZE bytes). */
static void add_ram(struct boot_info *bi, uint64_t base, uint64_t size)
{
	uint64_t end = base + size;

	base = ALIGN_UP(MAX(base, LOW_MEMORY_END), (uint64_t)PAGE_SIZE);
	end = ALIGN_DOWN(MIN(end, ARCH_PHYSMAP_SIZE), (uint64_t)PAGE_SIZE);
	if (end > base)
		boot_add_ram(bi, base, end - base);
}

static void copy_start_info(const struct hvm_start_info *si,
			    struct boot_info *bi)
{
	if (si->version >= 1 && si->memmap_paddr) {
		const struct hvm_memmap_entry *mm = phys_to_virt(si->memmap_paddr);

		for (uint32_t i = 0; i < si->memmap_entries; i++)
			if (mm[i].type == HVM_MEMMAP_RAM)
				add_ram(bi, mm[i].addr, mm[i].size);
	}

	/* The kernel image, from its load address to the end of .bss (the
	 * boot page tables and stack are in .bss). */
	paddr_t kstart = virt_to_phys(__kernel_start);
	paddr_t kend = ALIGN_UP(virt_to_phys(__bss_end), (paddr_t)PAGE_SIZE);
	boot_add_reserved(bi, kstart, kend - kstart);

	/* Module 0 is the boot image (-initrd); keep any others too. */
	if (si->nr_modules && si->modlist_paddr) {
		const struct hvm_modlist_entry *mod = phys_to_virt(si->modlist_paddr);

		for (uint32_t i = 0; i < si->nr_modules; i++) {
			paddr_t base = ALIGN_DOWN(mod[i].paddr, (paddr_t)PAGE_SIZE);
			paddr_t end = ALIGN_UP(mod[i].paddr + mod[i].size,
					       (paddr_t)PAGE_SIZE);
			if (mod[i].size)
				boot_add_reserved(bi, base, end - base);
		}
		bi->initrd.base = mod[0].paddr;
		bi->initrd.size = mod[0].size;
	}

	if (si->cmdline_paddr) {
		const char *cmd = phys_to_virt(si->cmdline_paddr);
		size_t n = strnlen(cmd, sizeof(bi->cmdline) - 1);

		memcpy(bi->cmdline, cmd, n);
		bi->cmdline[n] = '\0';
	}

	ksnprintf(bi->firmware, sizeof(bi->firmware),
		  "PVH (QEMU), start_info v%u", si->version);
}

noreturn void x86_boot(paddr_t start_info_pa)
{
	const struct hvm_start_info *si = phys_to_virt(start_info_pa);

	/* Mask every IOAPIC input in its final mode before the console
	 * enables the UART interrupt (ioapic.c says why). */
	x86_ioapic_init();
	/* The UART needs only port I/O, so the console comes first and can
	 * report a bad start of day (boot_add_* may warn, too). */
	console_init();
	if (si->magic != HVM_START_MAGIC)
		panic("PVH start_info at %#llx has magic %#x, not %#x",
		      (unsigned long long)start_info_pa, si->magic,
		      HVM_START_MAGIC);
	copy_start_info(si, &boot_info);

	x86_cpu_init();
	x86_user_init();
	x86_fpu_init();
	x86_clock_init();
	kmain(&boot_info);
}

noreturn void arch_poweroff(unsigned code)
{
	/* Without the debug-exit device the write goes nowhere and we halt.
	 * QEMU exits with (v << 1) | 1: 33 for pass, 33 + 2 * code else. */
	outl(DEBUG_EXIT_PORT, DEBUG_EXIT_PASS + (code & 0xff));
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* q35's ICH9 LPC bridge (PCI 0:31.0): PMBASE (0x40) places the ACPI
 * power-management registers in I/O space, ACPI_CNTL (0x44) bit 7
 * enables them. Firmware normally sets them (SeaBIOS to 0x600); qboot
 * does not, so they are set here. PM1a_CNT is PMBASE + 4: SLP_EN (bit
 * 13) with SLP_TYP 0, which QEMU's q35 DSDT gives S5, switches off. */
#define PCI_CONFIG_ADDR 0xcf8
#define PCI_CONFIG_DATA 0xcfc
#define ICH9_LPC        ((31u << 11) | (0u << 8))
#define ICH9_PMBASE     0x600u
#define ACPI_SLP_EN     (1u << 13)

static void pci_config_write(uint32_t dev, uint32_t reg, uint32_t v)
{
	outl(PCI_CONFIG_ADDR, 0x80000000u | dev | (reg & 0xfc));
	outl(PCI_CONFIG_DATA, v);
}

noreturn void arch_shutdown(void)
{
	pci_config_write(ICH9_LPC, 0x40, ICH9_PMBASE | 1);
	pci_config_write(ICH9_LPC, 0x44, 0x80);
	outw(ICH9_PMBASE + 4, ACPI_SLP_EN);
	/* QEMU acts on the request in its main loop, a moment later: wait
	 * for it (a write to the debug-exit port now would win the race).
	 * Still here after that: no ACPI power-off on this machine; end as
	 * a pass. */
	for (unsigned long i = 0; i < 100000000ul; i++)
		__asm__ volatile("pause");
	arch_poweroff(0);
}
