/*
 * __pith_sigtramp: where procsrv starts a signal handler (sa_restorer;
 * docs/signals.md). rdi = signo, rsi = &siginfo, rdx = &ucontext (the
 * frame), rcx = the handler, rsp = the frame, 16-aligned. The interrupted
 * code's integer registers are in the frame; its x87/SSE state, which
 * procsrv cannot read, is kept here (fxsave, 512 bytes) around the
 * handler, which it calls through __pith_sig_frame (libc/proc/signal.c:
 * the IPC buffer's message words kept around it). Then
 * __pith_sigreturn(uc) gives the frame back to procsrv.
 */
	.text
	.globl __pith_sigtramp
	.type __pith_sigtramp, @function
	.balign 16
__pith_sigtramp:
	movq	%rdx, %rbx		/* the frame: kept across the call */
	subq	$512, %rsp		/* 16-aligned still: fxsave's need */
	fxsave64 (%rsp)
	call	__pith_sig_frame	/* (signo, si, uc, handler); rsp 16-aligned (ABI) */
	fxrstor64 (%rsp)
	addq	$512, %rsp
	movq	%rbx, %rdi
	call	__pith_sigreturn
	ud2
	.size __pith_sigtramp, . - __pith_sigtramp
