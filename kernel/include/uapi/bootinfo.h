/*
 * What the kernel hands the root task (kernel/user ABI). The root task
 * starts at its ELF entry with the address of this page as its first
 * argument, its stack below ROOT_STACK_TOP and its IPC buffer at
 * ROOT_IPCBUF_VADDR. The capabilities are in the fixed slots below; slots
 * from first_free_slot up are empty.
 */
#ifndef PITH_UAPI_BOOTINFO_H
#define PITH_UAPI_BOOTINFO_H

#include <stdint.h>

#define ROOT_BOOTINFO_VADDR 0x00100000ull
#define ROOT_IPCBUF_VADDR   0x00101000ull
#define ROOT_IMAGE_VADDR    0x10000000ull   /* boot image, read-only */
#define ROOT_STACK_TOP      0x7ff00000ull
#define ROOT_STACK_PAGES    16
#define ROOT_CSPACE_SLOTS   4096    /* a capability per client and more */

enum root_slot {
	ROOT_SLOT_TASK = 1,     /* the root task itself */
	ROOT_SLOT_CSPACE,       /* its capability space */
	ROOT_SLOT_ASPACE,       /* its address space */
	ROOT_SLOT_POOL,         /* all free memory */
	ROOT_SLOT_CONSOLE,      /* the kernel debug console */
	ROOT_SLOT_IPCBUF,       /* the frame of its IPC buffer */
	ROOT_SLOT_IMAGE,        /* the boot image, one read/exec frame */
	ROOT_SLOT_IRQ_UART,     /* the console UART's receive interrupt */
	ROOT_SLOT_FIRST_FREE = 16,
};

#define BOOTINFO_MAGIC 0x7069746862696e66ull /* "pithbinf" */

struct pith_bootinfo {
	uint64_t magic;
	uint64_t first_free_slot;
	uint64_t cspace_slots;
	uint64_t pool_bytes;        /* quota of ROOT_SLOT_POOL */
	uint64_t image_vaddr;       /* where the boot image is mapped */
	uint64_t image_size;        /* bytes of cpio archive */
	uint64_t uart_irq_line;
	uint64_t ticks_per_second;
	char arch[16];
	char cmdline[256];
};

#endif
