/*
 * x86asm.h - constants shared by the x86_64 assembly files and C (plain
 * #defines only, so the .S files can include it): segment selectors,
 * interrupt vectors, the byte offsets of struct trap_frame, struct
 * arch_context and struct x86_percpu, and the RFLAGS bits the entry and
 * exit paths manipulate. The C side checks every offset with
 * _Static_assert (user.c), so a layout change breaks the build, not boot.
 */
#ifndef ARCH_X86_ASM_H
#define ARCH_X86_ASM_H

/* GDT selectors. The order is fixed by syscall/sysret: STAR gives the
 * kernel CS (SS = CS + 8) and a base from which sysret takes the user
 * SS (base + 8) and user CS (base + 16); with base 0x10 that is 0x18/0x20. */
#define SEG_KCODE 0x08
#define SEG_KDATA 0x10
#define SEG_UDATA 0x18
#define SEG_UCODE 0x20
#define SEG_TSS   0x28
#define USER_CS   (SEG_UCODE | 3)   /* 0x23 */
#define USER_SS   (SEG_UDATA | 3)   /* 0x1b */

/* Interrupt vectors: 0-31 are CPU exceptions, 0x20-0x2f the remapped and
 * masked 8259 PIC (only its spurious IRQ 7/15 can still arrive), 0x30 the
 * LAPIC timer, 0x40 + gsi the IOAPIC inputs. The LAPIC spurious vector
 * must end in 0xf on older CPUs, hence 0xff. VEC_SYSCALL is no vector at
 * all: it marks a trap frame built by the syscall entry. */
#define VEC_PIC_BASE 0x20
#define VEC_TIMER    0x30
#define VEC_IRQ_BASE 0x40
#define VEC_IRQ_MAX  24          /* lines the vector range reserves */
#define VEC_SPURIOUS 0xff
#define VEC_SYSCALL  0x100

/* struct trap_frame (arch/frame.h), byte offsets. */
#define TF_RBX    7 * 8
#define TF_RCX    8 * 8
#define TF_RBP    9 * 8
#define TF_R11    10 * 8
#define TF_R12    11 * 8
#define TF_R13    12 * 8
#define TF_R14    13 * 8
#define TF_R15    14 * 8
#define TF_VECTOR 15 * 8
#define TF_ERROR  16 * 8
#define TF_RIP    17 * 8
#define TF_CS     18 * 8
#define TF_RFLAGS 19 * 8
#define TF_RSP    20 * 8
#define TF_SS     21 * 8
#define TF_SIZE   22 * 8

/* struct arch_context (arch/frame.h), byte offsets. */
#define CTX_RSP 0
#define CTX_RIP 8
#define CTX_RBX 16
#define CTX_RBP 24
#define CTX_R12 32
#define CTX_R13 40
#define CTX_R14 48
#define CTX_R15 56
#define CTX_FS_BASE 64

/* struct x86_percpu (arch/inline.h), byte offsets from the kernel GS base. */
#define PERCPU_KSTACK   0    /* kernel stack top of the current task */
#define PERCPU_USER_RSP 8    /* scratch: user rsp during syscall entry */

/* RFLAGS. */
#define RFL_CF   0x000001
#define RFL_FIXED 0x000002   /* bit 1 always reads 1 */
#define RFL_PF   0x000004
#define RFL_AF   0x000010
#define RFL_ZF   0x000040
#define RFL_SF   0x000080
#define RFL_TF   0x000100
#define RFL_IF   0x000200
#define RFL_DF   0x000400
#define RFL_OF   0x000800
#define RFL_NT   0x004000
#define RFL_RF   0x010000
#define RFL_AC   0x040000
#define RFL_ID   0x200000
/* What a user frame may carry back to ring 3: the arithmetic flags, TF,
 * DF, RF, AC and ID. Never IOPL (port access), NT (iretq #GPs), VM. */
#define RFL_USER (RFL_CF | RFL_PF | RFL_AF | RFL_ZF | RFL_SF | RFL_TF | \
		  RFL_DF | RFL_OF | RFL_RF | RFL_AC | RFL_ID)

#ifdef __ASSEMBLER__
/* The general registers of struct trap_frame, in its order (rdi lowest). */
.macro PUSH_GPRS
	pushq %r15
	pushq %r14
	pushq %r13
	pushq %r12
	pushq %r11
	pushq %rbp
	pushq %rcx
	pushq %rbx
	pushq %rax
	pushq %r9
	pushq %r8
	pushq %r10
	pushq %rdx
	pushq %rsi
	pushq %rdi
.endm

.macro POP_GPRS
	popq %rdi
	popq %rsi
	popq %rdx
	popq %r10
	popq %r8
	popq %r9
	popq %rax
	popq %rbx
	popq %rcx
	popq %rbp
	popq %r11
	popq %r12
	popq %r13
	popq %r14
	popq %r15
.endm
#endif

#endif
