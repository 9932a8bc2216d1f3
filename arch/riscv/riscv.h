/* Private interfaces between the RISC-V port's files. */
#ifndef RISCV_PRIVATE_H
#define RISCV_PRIVATE_H

#include "arch.h"

/* The machine as the device tree describes it (boot.c). */
struct riscv_machine {
	paddr_t uart;          /* 16550, one byte per register */
	paddr_t plic;
	unsigned plic_ndev;    /* PLIC sources 1..plic_ndev */
	unsigned uart_irq;     /* the UART's PLIC source */
	paddr_t test_dev;      /* SiFive test device, 0 if absent */
	uint64_t timebase_hz;  /* rdtime frequency */
	paddr_t rtc;           /* Goldfish RTC, 0 if absent */
	unsigned long hartid;
};
extern struct riscv_machine riscv_machine;

extern uint64_t boot_pt[512];
extern char trap_vector[];

/* SBI (sbi.c). */
struct sbiret {
	long error;
	long value;
};
struct sbiret sbi_call(long ext, long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2);
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_SRST 0x53525354
bool sbi_has(long ext);

/* Timer (timer.c), PLIC (plic.c). */
void riscv_timer_interrupt(void);
/* The clock's factors from the timebase, and the real-time offset from
 * the RTC (once the device tree is read). */
void riscv_clock_init(void);
void riscv_external_interrupt(void);

/* fpu.S: the F/D registers to and from a struct arch_fpu, or zeroed. */
void riscv_fpu_save(struct arch_fpu *fpu);
void riscv_fpu_load(const struct arch_fpu *fpu);
void riscv_fpu_zero(void);

/* probe.S */
int riscv_probe_sstc(void);

/* Extension probes (probe.S): 1 if present and usable, else 0. */
int riscv_probe_cboz(void *block);
void riscv_page_zero_cboz(void *page, uint64_t block);   /* page.S */
void riscv_page_zero_stores(void *page);
/* Find Zicboz's block size (mmu.c); arch_page_zero uses it from then on. */
void riscv_page_zero_init(void);

#endif
