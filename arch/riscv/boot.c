/*
 * RISC-V boot: read the device tree OpenSBI handed over and describe the
 * machine to the portable kernel. entry.S has switched on the boot page
 * table and the higher half; this drops the identity mapping, installs the
 * trap vector, finds the UART, RAM, reservations, the boot image
 * (/chosen linux,initrd-*), the PLIC, the timebase and the test device.
 */
#include "console.h"
#include "fdt.h"
#include "kstring.h"
#include "panic.h"
#include "printf.h"
#include "riscv.h"

extern char __kernel_start[], __kernel_end[];

struct riscv_machine riscv_machine = {
	.uart = 0x10000000,       /* QEMU virt, until the DTB says */
	.timebase_hz = 10000000,
};

static struct boot_info bi;

/* #address-cells / #size-cells of a node, with the spec's defaults. */
static int cells(const struct fdt *fdt, int node, const char *name, int def)
{
	int len;
	const void *p = fdt_prop(fdt, node, name, &len);

	return p && len == 4 ? (int)fdt_cells(p, 1) : def;
}

static paddr_t find_reg(const struct fdt *fdt, const char *compat, int ac,
			int sc)
{
	uint64_t base, size;
	int node = fdt_find_compatible(fdt, -1, compat);

	if (node < 0 || fdt_reg(fdt, node, 0, ac, sc, &base, &size) < 0)
		return 0;
	return base;
}

/* A one-cell property of the first node compatible with compat. */
static unsigned find_u32(const struct fdt *fdt, const char *compat,
			 const char *prop, unsigned def)
{
	int len, node = fdt_find_compatible(fdt, -1, compat);
	const void *p = node >= 0 ? fdt_prop(fdt, node, prop, &len) : NULL;

	return p && len >= 4 ? (unsigned)fdt_cells(p, 1) : def;
}

/* RAM: every node with device_type = "memory". */
static void find_memory(const struct fdt *fdt, int ac, int sc)
{
	int depth = 0;

	for (int node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		int len;
		const char *type = fdt_prop(fdt, node, "device_type", &len);
		uint64_t base, size;
		if (depth != 1 || !type || strncmp(type, "memory", (size_t)len))
			continue;
		for (int i = 0; fdt_reg(fdt, node, i, ac, sc, &base, &size) == 0; i++)
			boot_add_ram(&bi, base, size);
	}
}

static void find_reserved(const struct fdt *fdt, paddr_t dtb, uint32_t dtb_size)
{
	uint64_t base, size;
	int depth = 0;
	int rm = fdt_path(fdt, "/reserved-memory");

	for (int i = 0; fdt_rsv(fdt, i, &base, &size) == 0; i++)
		boot_add_reserved(&bi, base, size);
	if (rm >= 0) {
		int ac = cells(fdt, rm, "#address-cells", 2);
		int sc = cells(fdt, rm, "#size-cells", 2);
		depth = 1;
		for (int n = fdt_next_node(fdt, rm, &depth); n >= 0 && depth > 1;
		     n = fdt_next_node(fdt, n, &depth))
			for (int i = 0; fdt_reg(fdt, n, i, ac, sc, &base, &size) == 0; i++)
				boot_add_reserved(&bi, base, size);
	}
	/* OpenSBI lives below our load address whether or not it says so. */
	paddr_t kstart = virt_to_phys(__kernel_start);
	for (unsigned i = 0; i < bi.nram; i++)
		if (bi.ram[i].base < kstart && kstart <= bi.ram[i].base + bi.ram[i].size)
			boot_add_reserved(&bi, bi.ram[i].base, kstart - bi.ram[i].base);
	boot_add_reserved(&bi, kstart, (uint64_t)(__kernel_end - __kernel_start));
	boot_add_reserved(&bi, dtb, dtb_size);
}

static void find_chosen(const struct fdt *fdt)
{
	int chosen = fdt_path(fdt, "/chosen");
	int slen, elen, alen;

	if (chosen < 0)
		return;
	const void *s = fdt_prop(fdt, chosen, "linux,initrd-start", &slen);
	const void *e = fdt_prop(fdt, chosen, "linux,initrd-end", &elen);
	if (s && e && (slen == 4 || slen == 8) && (elen == 4 || elen == 8)) {
		uint64_t start = fdt_cells(s, slen / 4), end = fdt_cells(e, elen / 4);
		if (end > start) {
			bi.initrd = (struct mem_range){ start, end - start };
			boot_add_reserved(&bi, start, end - start);
		}
	}
	const char *args = fdt_prop(fdt, chosen, "bootargs", &alen);
	if (args && alen > 0) {
		size_t n = strnlen(args, MIN((size_t)alen, sizeof(bi.cmdline) - 1));
		memcpy(bi.cmdline, args, n);
		bi.cmdline[n] = '\0';
	}
}

void riscv_boot(unsigned long hartid, paddr_t dtb);
void riscv_boot(unsigned long hartid, paddr_t dtb)
{
	struct fdt fdt;

	csr_write(stvec, (uintptr_t)trap_vector);
	csr_write(sscratch, 0);
	/* OpenSBI hands over with FP on (FS = Dirty); the kernel runs with
	 * it off (arch/riscv/fpu.c). */
	csr_clear(sstatus, SSTATUS_FS);
	/* Let user mode read cycle, time and instret (benchmarks, clocks). */
	csr_write(scounteren, 7);
	boot_pt[2] = 0; /* the identity entry entry.S needed */
	arch_tlb_flush_all();
	riscv_machine.hartid = hartid;

	const void *blob = phys_to_virt(dtb);
	uint32_t dtb_size = fdt_total_size(blob);
	if (fdt_open(&fdt, blob, dtb_size) < 0) {
		console_init();
		panic("no valid device tree at %#llx", (unsigned long long)dtb);
	}
	int ac = cells(&fdt, 0, "#address-cells", 2);
	int sc = cells(&fdt, 0, "#size-cells", 1);
	paddr_t uart = find_reg(&fdt, "ns16550a", ac, sc);
	if (uart)
		riscv_machine.uart = uart;
	console_init();

	riscv_machine.plic = find_reg(&fdt, "riscv,plic0", ac, sc);
	riscv_machine.plic_ndev = find_u32(&fdt, "riscv,plic0", "riscv,ndev", 0);
	if (!riscv_machine.plic) {
		riscv_machine.plic = find_reg(&fdt, "sifive,plic-1.0.0", ac, sc);
		riscv_machine.plic_ndev =
			find_u32(&fdt, "sifive,plic-1.0.0", "riscv,ndev", 0);
	}
	riscv_machine.uart_irq = find_u32(&fdt, "ns16550a", "interrupts", 0);
	riscv_machine.test_dev = find_reg(&fdt, "sifive,test0", ac, sc);
	int cpus = fdt_path(&fdt, "/cpus");
	int tlen;
	const void *tb = cpus >= 0 ? fdt_prop(&fdt, cpus, "timebase-frequency", &tlen)
				   : NULL;
	if (tb && (tlen == 4 || tlen == 8))
		riscv_machine.timebase_hz = fdt_cells(tb, tlen / 4);
	riscv_machine.rtc = find_reg(&fdt, "google,goldfish-rtc", ac, sc);
	riscv_clock_init();

	find_memory(&fdt, ac, sc);
	find_chosen(&fdt);
	find_reserved(&fdt, dtb, dtb_size);

	long spec = sbi_call(SBI_EXT_BASE, 0, 0, 0, 0).value;
	long impl = sbi_call(SBI_EXT_BASE, 1, 0, 0, 0).value;
	ksnprintf(bi.firmware, sizeof(bi.firmware),
		  "SBI v%ld.%ld (%s), hart %lu, DTB at %#llx",
		  (spec >> 24) & 0x7f, spec & 0xffffff,
		  impl == 1 ? "OpenSBI" : "other", hartid,
		  (unsigned long long)dtb);
	kprintf("riscv: uart %#llx (irq %u), plic %#llx (%u sources), "
		"test device %#llx, timebase %llu Hz\n",
		(unsigned long long)riscv_machine.uart, riscv_machine.uart_irq,
		(unsigned long long)riscv_machine.plic, riscv_machine.plic_ndev,
		(unsigned long long)riscv_machine.test_dev,
		(unsigned long long)riscv_machine.timebase_hz);
	kmain(&bi);
}

noreturn void arch_poweroff(unsigned code)
{
	arch_irq_disable();
	code &= 0xff;
	if (riscv_machine.test_dev) {
		volatile uint32_t *t = phys_to_virt(riscv_machine.test_dev);
		/* 0x5555 = pass; (code << 16) | 0x3333 = fail, QEMU exits code. */
		*t = code == 0 ? 0x5555 : (code << 16) | 0x3333;
	}
	if (sbi_has(SBI_EXT_SRST))
		sbi_call(SBI_EXT_SRST, 0, 0 /* shutdown */, code ? 1 : 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}

noreturn void arch_shutdown(void)
{
	/* The test device's pass and SBI's shutdown both end QEMU with 0. */
	arch_poweroff(0);
}
