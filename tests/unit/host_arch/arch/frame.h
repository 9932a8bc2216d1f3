/* Host pseudo-arch: a trap frame with nothing real in it, so struct task
 * (task.h) has a layout, and a kernel context that is a host ucontext
 * with a stack of its own (tests/unit/host_sched.c switches them), so
 * that kernel code that blocks really leaves the CPU. */
#ifndef ARCH_HOST_FRAME_H
#define ARCH_HOST_FRAME_H

#include <stdint.h>
#include <ucontext.h>

struct trap_frame {
	uint64_t regs[16];
	uint64_t pc;               /* host_sched.c: the task's program */
};

struct arch_context {
	ucontext_t uc;
};

struct arch_fpu {
	uint64_t regs[4];
};

struct sysregs {
	uint64_t nr;
	uint64_t r[6];
};

#endif
