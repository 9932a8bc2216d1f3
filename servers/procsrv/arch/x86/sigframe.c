/*
 * The x86-64 part of a signal frame (docs/signals.md): the handler's
 * entry is libc's trampoline (sa_restorer) with rdi = signo, rsi = &info,
 * rdx = &uc, rcx = the handler, rsp = the frame (16-aligned, below the
 * System V ABI's 128-byte red zone), DF, TF and AC clear as the ABI and
 * Linux want at a function's entry. mcontext holds struct user_regs: rip,
 * rsp, the FS base, rflags, then rax rbx rcx rdx rsi rdi rbp rsp r8..r15.
 */
#include "../../procsrv.h"

const uint64_t sig_user_top = 0x0000800000000000ull;   /* the lower half */
const uint64_t sig_redzone = 128;

enum { RAX, RBX, RCX, RDX, RSI, RDI, RBP, RSP };
#define RFL_TF 0x100ull
#define RFL_DF 0x400ull
#define RFL_AC 0x40000ull

void sigframe_enter(struct user_regs *r, uint64_t entry, uint64_t sp, int sig,
		    uint64_t info, uint64_t uc, uint64_t handler)
{
	r->pc = entry;
	r->sp = sp;
	r->gpr[RSP] = sp;
	r->gpr[RDI] = (uint64_t)sig;
	r->gpr[RSI] = info;
	r->gpr[RDX] = uc;
	r->gpr[RCX] = handler;
	r->flags &= ~(RFL_TF | RFL_DF | RFL_AC);
}
