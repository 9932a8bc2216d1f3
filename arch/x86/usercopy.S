/*
 * usercopy.S - int arch_copy_user(void *dst (rdi), const void *src (rsi),
 *                                 size_t n (rdx))
 *
 * The only kernel code that touches user pages. With SMAP on, a
 * supervisor access to a user page faults unless RFLAGS.AC is set: stac
 * sets it for the copy alone and clac clears it on both ways out. Without
 * SMAP the two instructions are #UD, so they run only when x86_smap says
 * CR4.SMAP is set. The range was checked by the portable caller; a fault
 * (unmapped or protected page) goes through the exception table to the
 * fixup, which returns -EFAULT. Bytes before the fault may have been
 * copied.
 */
#include "uapi/errno.h"

/* One exception-table entry: where the fault may happen, where to go. */
#define EXTABLE(insn, fixup)			\
	.pushsection __extable, "a";		\
	.balign 8;				\
	.quad insn, fixup;			\
	.popsection

	.text
	.globl arch_copy_user
	.type arch_copy_user, @function
arch_copy_user:
	movq %rdx, %rcx
	testb $1, x86_smap(%rip)
	jz 1f
	stac
1:
.Lcopy:
	rep movsb
	xorl %eax, %eax
.Ldone:
	testb $1, x86_smap(%rip)
	jz 2f
	clac
2:	ret
.Lfault:
	movl $-EFAULT, %eax
	jmp .Ldone
	EXTABLE(.Lcopy, .Lfault)
	.size arch_copy_user, . - arch_copy_user
