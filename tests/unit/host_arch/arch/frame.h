/* Host pseudo-arch: a trap frame and kernel context with nothing real in
 * them, so struct task (task.h) has a layout. */
#ifndef ARCH_HOST_FRAME_H
#define ARCH_HOST_FRAME_H

#include <stdint.h>

struct trap_frame {
	uint64_t regs[16];
	uint64_t pc;
};

struct arch_context {
	uint64_t sp, pc;
};

struct arch_fpu {
	uint64_t regs[4];
};

struct sysregs {
	uint64_t nr;
	uint64_t r[6];
};

#endif
