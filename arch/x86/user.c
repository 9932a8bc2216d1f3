/*
 * user.c - the x86_64 side of user mode: syscall/sysret setup (EFER.SCE
 * and the STAR/LSTAR/SFMASK MSRs), the per-CPU block the syscall entry
 * finds through GS, SMEP/SMAP/UMIP, fresh kernel contexts and user frames.
 * The system call registers are a view of the frame (arch/inline.h).
 *
 * Entry points: x86_user_init() (boot), x86_user_bad_pc() (from
 * syscall.S), arch_context_init(), arch_user_frame_init()
 * (arch_set_kernel_stack() is inline in arch/inline.h).
 */
#include "console.h"
#include "kstring.h"
#include "panic.h"
#include "x86.h"

#define MSR_EFER           0xc0000080
#define MSR_STAR           0xc0000081
#define MSR_LSTAR          0xc0000082
#define MSR_SFMASK         0xc0000084
#define MSR_GS_BASE        0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define EFER_SCE           (1ull << 0)

#define CR4_UMIP           (1ull << 11)
#define CR4_SMEP           (1ull << 20)
#define CR4_SMAP           (1ull << 21)

/* CPUID leaf 7, subleaf 0. */
#define CPUID7_EBX_SMEP    (1u << 7)
#define CPUID7_EBX_SMAP    (1u << 20)
#define CPUID7_ECX_UMIP    (1u << 2)

/* The assembly hard-codes these layouts (x86asm.h). */
_Static_assert(offsetof(struct trap_frame, rax) ==
	       offsetof(struct trap_frame, rdi) + offsetof(struct sysregs, nr),
	       "struct sysregs is a view of rdi..r9, rax");
_Static_assert(offsetof(struct trap_frame, rbx) == TF_RBX &&
	       offsetof(struct trap_frame, rcx) == TF_RCX &&
	       offsetof(struct trap_frame, rbp) == TF_RBP &&
	       offsetof(struct trap_frame, r11) == TF_R11 &&
	       offsetof(struct trap_frame, r12) == TF_R12 &&
	       offsetof(struct trap_frame, r13) == TF_R13 &&
	       offsetof(struct trap_frame, r14) == TF_R14 &&
	       offsetof(struct trap_frame, r15) == TF_R15 &&
	       offsetof(struct trap_frame, vector) == TF_VECTOR &&
	       offsetof(struct trap_frame, error) == TF_ERROR &&
	       offsetof(struct trap_frame, rip) == TF_RIP &&
	       offsetof(struct trap_frame, cs) == TF_CS &&
	       offsetof(struct trap_frame, rflags) == TF_RFLAGS &&
	       offsetof(struct trap_frame, rsp) == TF_RSP &&
	       offsetof(struct trap_frame, ss) == TF_SS &&
	       sizeof(struct trap_frame) == TF_SIZE, "x86asm.h TF_*");
_Static_assert(TF_SIZE % 16 == 0, "frames keep the stack 16-aligned");
_Static_assert(offsetof(struct arch_context, rsp) == CTX_RSP &&
	       offsetof(struct arch_context, rip) == CTX_RIP &&
	       offsetof(struct arch_context, rbx) == CTX_RBX &&
	       offsetof(struct arch_context, rbp) == CTX_RBP &&
	       offsetof(struct arch_context, r12) == CTX_R12 &&
	       offsetof(struct arch_context, r13) == CTX_R13 &&
	       offsetof(struct arch_context, r14) == CTX_R14 &&
	       offsetof(struct arch_context, r15) == CTX_R15, "x86asm.h CTX_*");
_Static_assert(offsetof(struct x86_percpu, kstack_top) == PERCPU_KSTACK &&
	       offsetof(struct x86_percpu, user_rsp) == PERCPU_USER_RSP,
	       "x86asm.h PERCPU_*");
_Static_assert(RFL_IF == RFLAGS_IF, "RFLAGS.IF");

struct x86_percpu x86_percpu;
bool x86_smap;

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

/*
 * SMEP: ring 0 may not execute user pages. SMAP: ring 0 may not read or
 * write them unless RFLAGS.AC is set (arch_copy_user only). UMIP: ring 3
 * may not read the GDT/IDT/TR addresses (sgdt, sidt, str...), which would
 * leak kernel addresses. Each only if CPUID says the CPU has it; QEMU
 * -cpu max has all three.
 */
static void protect_user_pages(void)
{
	uint32_t r[4];
	uint64_t cr4 = read_cr4();

	cpuid(0, 0, r);
	if (r[0] < 7)
		return;
	cpuid(7, 0, r);
	if (r[1] & CPUID7_EBX_SMEP)
		cr4 |= CR4_SMEP;
	if (r[1] & CPUID7_EBX_SMAP)
		cr4 |= CR4_SMAP;
	if (r[2] & CPUID7_ECX_UMIP)
		cr4 |= CR4_UMIP;
	write_cr4(cr4);
	x86_smap = cr4 & CR4_SMAP;
	kprintf("x86: SMEP %s, SMAP %s, UMIP %s\n",
		(cr4 & CR4_SMEP) ? "on" : "off", x86_smap ? "on" : "off",
		(cr4 & CR4_UMIP) ? "on" : "off");
}

void x86_user_init(void)
{
	/* STAR[47:32]: syscall loads CS = 0x08, SS = 0x10. STAR[63:48]:
	 * sysretq loads CS = 0x10 + 16 | 3 = 0x23, SS = 0x10 + 8 | 3 =
	 * 0x1b (the GDT order in x86asm.h exists for this). */
	wrmsr(MSR_STAR, ((uint64_t)SEG_KDATA << 48) | ((uint64_t)SEG_KCODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)x86_syscall_entry);
	/* Flags syscall clears: IF (the entry runs on the user stack until
	 * it switches), DF (ABI), TF (no single-step trap on kernel code),
	 * AC (SMAP stays on), NT (iretq #GPs in long mode with NT set). */
	wrmsr(MSR_SFMASK, RFL_IF | RFL_DF | RFL_TF | RFL_AC | RFL_NT);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);

	/* Ring 0 runs with GS base = the per-CPU block; the user's base
	 * (0 until user code changes it) waits in KERNEL_GS_BASE. */
	wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)&x86_percpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);

	protect_user_pages();
}

void arch_context_init(struct arch_context *ctx, uintptr_t kstack_top,
		       void (*fn)(void))
{
	/* fn starts as if called: rsp % 16 == 8, with a zero return address
	 * above it and rbp = 0, so a backtrace from fn ends there. */
	uint64_t *sp = (uint64_t *)(kstack_top & ~(uintptr_t)15) - 1;

	*sp = 0;
	memset(ctx, 0, sizeof(*ctx));
	ctx->rsp = (uint64_t)(uintptr_t)sp;
	ctx->rip = (uint64_t)(uintptr_t)fn;
}

void arch_user_frame_init(struct trap_frame *tf, vaddr_t pc, vaddr_t sp,
			  uint64_t arg)
{
	memset(tf, 0, sizeof(*tf));
	tf->rip = pc;
	tf->rsp = sp;
	tf->rdi = arg;
	tf->cs = USER_CS;
	tf->ss = USER_SS;
	tf->rflags = RFL_IF | RFL_FIXED;
}

/*
 * The frame's pc is not a user address (the kernel was handed a bad one:
 * a task started or resumed there). Returning would fault in ring 0, so
 * deliver the #GP the jump would have raised in ring 3 instead.
 */
void x86_user_bad_pc(struct trap_frame *tf)
{
	struct trap_info ti = {
		.kind = TRAP_PROTECTION,
		.addr = tf->rip,
		.pc = tf->rip,
		.cause = 13,
	};

	tf->vector = 13;
	tf->error = 0;
	trap_user(tf, &ti);
	user_return(tf);
}
