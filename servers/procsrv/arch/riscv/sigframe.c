/*
 * The RISC-V part of a signal frame (docs/signals.md): the handler's
 * entry is libc's trampoline (sa_restorer) with a0 = signo, a1 = &info,
 * a2 = &uc, a3 = the handler, sp = the frame (16-aligned; the psABI has
 * no red zone). mcontext holds struct user_regs: pc, sp, tp, 0, x0..x31.
 */
#include "../../procsrv.h"

const uint64_t sig_user_top = 0x0000004000000000ull;   /* Sv39's user half */
const uint64_t sig_redzone = 0;

void sigframe_enter(struct user_regs *r, uint64_t entry, uint64_t sp, int sig,
		    uint64_t info, uint64_t uc, uint64_t handler)
{
	r->pc = entry;
	r->sp = sp;
	r->gpr[2] = sp;
	r->gpr[10] = (uint64_t)sig;   /* a0 */
	r->gpr[11] = info;            /* a1 */
	r->gpr[12] = uc;              /* a2 */
	r->gpr[13] = handler;         /* a3 */
}
