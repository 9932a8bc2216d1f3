/*
 * The host harness of host_sched.h: the arch functions kernel/sched.c,
 * kernel/task.c and kernel/ipc.c need, over ucontexts, and stand-ins for
 * the address-space and user-copy services they call.
 *
 * Contexts: arch_context_init gives each task a host stack of its own
 * (the 8 KiB kernel stack is too small for sanitized host code; it keeps
 * only the trap frame). The kernel's idle loop (sched_idle_loop) runs on
 * one more context; when it finds nothing to run it calls arch_cpu_idle,
 * which switches back to the test that called host_run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "host_sched.h"

#include "aspace.h"
#include "cspace.h"
#include "ipc.h"
#include "kstack.h"
#include "panic.h"
#include "sched.h"
#include "timer.h"
#include "trap.h"
#include "uapi/clock.h"
#include "usercopy.h"

#define HOST_STACK (256u << 10)
#define MAX_STACKS 256

struct mempool *host_pool;

static ucontext_t test_uc, idle_uc;
static void *stacks[MAX_STACKS];
static unsigned nstacks;

static void *new_stack(void)
{
	void *s = malloc(HOST_STACK);

	if (!s || nstacks == MAX_STACKS)
		panic("host_sched: out of stacks");
	stacks[nstacks++] = s;
	return s;
}

void host_sched_cleanup(void)
{
	/* Nothing runs on them now: tasks that are still blocked for ever
	 * at the end of a test were killed by it. The idle stack stays. */
	for (unsigned i = 1; i < nstacks; i++)
		free(stacks[i]);
	nstacks = nstacks ? 1 : 0;
}

/* ---- arch: contexts, user mode, CPU ----------------------------------------- */

void arch_context_init(struct arch_context *ctx, uintptr_t kstack_top,
		       void (*fn)(void))
{
	(void)kstack_top;
	if (getcontext(&ctx->uc))
		panic("getcontext");
	ctx->uc.uc_stack.ss_sp = new_stack();
	ctx->uc.uc_stack.ss_size = HOST_STACK;
	ctx->uc.uc_link = NULL;
	makecontext(&ctx->uc, fn, 0);
}

void arch_context_switch(struct arch_context *from, struct arch_context *to)
{
	if (swapcontext(&from->uc, &to->uc))
		panic("swapcontext");
}

void arch_cpu_idle(void)
{
	/* Nothing to run: back to the test until it calls host_run again. */
	swapcontext(&idle_uc, &test_uc);
}

static void idle_main(void)
{
	sched_idle_loop();
}

void host_run(void)
{
	static bool started;

	if (!started) {
		getcontext(&idle_uc);
		idle_uc.uc_stack.ss_sp = new_stack();
		idle_uc.uc_stack.ss_size = HOST_STACK;
		idle_uc.uc_link = NULL;
		makecontext(&idle_uc, idle_main, 0);
		started = true;
	}
	swapcontext(&test_uc, &idle_uc);
}

void arch_user_frame_init(struct trap_frame *tf, vaddr_t pc, vaddr_t sp,
			  uint64_t arg)
{
	memset(tf, 0, sizeof(*tf));
	tf->pc = pc;
	tf->regs[1] = sp;
	tf->regs[0] = arg;
}

/* "User mode" is the task's program; when it returns the task exits. */
noreturn void arch_enter_user(struct trap_frame *tf)
{
	((void (*)(uint64_t))tf->pc)(tf->regs[0]);
	task_kill(current, NULL);
	panic("host: a dead task ran on");
}


void arch_set_tls(struct trap_frame *tf, struct arch_context *ctx, uint64_t tls)
{
	(void)ctx;
	tf->regs[15] = tls;
}

uint64_t arch_get_tls(const struct trap_frame *tf, const struct arch_context *ctx)
{
	(void)ctx;
	return tf->regs[15];
}

noreturn void arch_poweroff(unsigned ok)
{
	panic("host: arch_poweroff(%u)", ok);
}

noreturn void arch_shutdown(void)
{
	panic("host: arch_shutdown");
}

/* ---- what the compiled files call outside them ------------------------------ */

void aspace_destroy(struct kobj *o) { (void)o; }
void frame_destroy(struct kobj *o) { (void)o; }
void notification_destroy(struct kobj *o) { (void)o; }
void irq_destroy(struct kobj *o) { (void)o; }
void aspace_revoke(struct kobj *o) { (void)o; }
paddr_t aspace_active_root;
paddr_t arch_kernel_root(void) { return 0; }

/* The fast-path entries (kernel/ipc.c) are compiled but the harness calls
 * the handlers themselves: these are never reached. */
void syscall_dispatch(struct trap_frame *tf)
{
	(void)tf;
	panic("host: syscall_dispatch");
}

void arch_context_leave(struct arch_context *from, struct trap_frame *from_tf,
			struct arch_context *to, struct trap_frame *to_tf)
{
	(void)from;
	(void)from_tf;
	(void)to;
	(void)to_tf;
	panic("host: arch_context_leave");
}
void frame_revoke(struct kobj *o) { (void)o; }
/* kernel/timer.c's needs: these tests arm no timers or alarms, so the
 * clock stands still and nothing is ever signalled. */
static struct clock_info host_clock;
struct clock_info *arch_clock_info(void) { return &host_clock; }
uint64_t arch_clock_ns(void) { return 0; }
void notification_signal(struct notification *n, uint64_t bits)
{
	(void)n;
	(void)bits;
	panic("host: notification_signal");
}
void notification_revoke(struct kobj *o) { (void)o; }
void irq_revoke(struct kobj *o) { (void)o; }
bool frame_is_mapped(const struct kobj *o) { (void)o; return false; }
void aspace_unmap_revoked(void) {}
void arch_fpu_init(struct arch_fpu *fpu) { memset(fpu, 0, sizeof(*fpu)); }

/* Kernel stacks: plain pool frames here (no guard area on the host). */
int kstack_alloc(struct mempool *pool, uint64_t owner, uintptr_t *base)
{
	paddr_t pa;
	int err = pool_frames(pool, KSTACK_PAGES, &pa);

	(void)owner;
	if (!err)
		*base = (uintptr_t)phys_to_virt(pa);
	return err;
}

void kstack_free(struct mempool *pool, uintptr_t base)
{
	pool_frames_free(pool, virt_to_phys((void *)base), KSTACK_PAGES);
}

/* User pointers are host pointers. */
int copy_from_user(void *dst, vaddr_t usrc, size_t n)
{
	memcpy(dst, (const void *)usrc, n);
	return 0;
}

int copy_to_user(vaddr_t udst, const void *src, size_t n)
{
	memcpy((void *)udst, src, n);
	return 0;
}

/* ---- tasks and programs -------------------------------------------------------- */

struct task *host_task(unsigned prio, unsigned quantum)
{
	struct task *t = task_create(host_pool);
	struct aspace *as = obj_alloc(host_pool, CAP_ASPACE, sizeof(*as));
	struct cspace *cs = cspace_create(host_pool);

	if (!t || !as || !cs)
		panic("host_task: out of memory");
	task_set_spaces(t, as, cs);
	obj_put(&as->hdr);      /* the task holds them */
	obj_put(&cs->hdr);
	sched_set_params(t, prio, quantum);
	return t;
}

void host_start(struct task *t, void (*prog)(uint64_t), uint64_t arg)
{
	if (task_start(t, (vaddr_t)(uintptr_t)prog, 0, arg))
		panic("host_start");
}

void host_cap(struct task *t, uint64_t slot, struct kobj *obj,
	      unsigned rights, uint64_t badge)
{
	if (cap_install(t->cs, slot, obj, rights, badge))
		panic("host_cap: slot %llu", (unsigned long long)slot);
}

long hsys(long (*h)(struct sysregs *), struct sysregs *r, uint64_t a,
	  uint64_t b, uint64_t c, uint64_t d, uint64_t e)
{
	/* As syscall_entry: the registers stay where the call left them
	 * (here the program's stack) while it is blocked. */
	*r = (struct sysregs){ .r = { a, b, c, d, e, 0 } };
	current->sys = r;
	r->r[0] = (uint64_t)h(r);
	current->sys = NULL;
	user_return(current->tf);
	return (long)r->r[0];
}

void host_tick(void)
{
	timer_tick(true);
	user_return(current->tf);
}

void host_block(void)
{
	(void)task_block(TASK_BLOCKED_WAIT, NULL);
}
