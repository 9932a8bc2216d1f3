/*
 * Moves between the F/D registers and a struct arch_fpu (arch/frame.h:
 * f0..f31 at 8 * i, fcsr at 256), for arch/riscv/fpu.c. The only kernel
 * file assembled with F and D (arch/riscv/CMakeLists.txt); the ABI stays
 * lp64. The kernel runs with sstatus.FS = Off, so each routine turns FP on
 * around its own instructions and off again; the task's own FS is in its
 * trap frame and comes back with trap_return.
 */
#define FS_INITIAL 0x2000
#define FS_MASK 0x6000
#define FPU_FCSR (32 * 8)

/* FP on for the routine's own instructions, off again at its end. */
.macro FP_ON
	li	t0, FS_INITIAL
	csrs	sstatus, t0
.endm
.macro FP_OFF
	li	t0, FS_MASK
	csrc	sstatus, t0
.endm

	.text
	/* void riscv_fpu_save(struct arch_fpu *a0) */
	.globl riscv_fpu_save
riscv_fpu_save:
	FP_ON
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\i, \i * 8(a0)
	.endr
	frcsr	t1
	sd	t1, FPU_FCSR(a0)
	FP_OFF
	ret

	/* void riscv_fpu_load(const struct arch_fpu *a0) */
	.globl riscv_fpu_load
riscv_fpu_load:
	FP_ON
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\i, \i * 8(a0)
	.endr
	ld	t1, FPU_FCSR(a0)
	fscsr	t1
	FP_OFF
	ret

	/* void riscv_fpu_zero(void): the Initial state, all zero. */
	.globl riscv_fpu_zero
riscv_fpu_zero:
	FP_ON
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fmv.d.x	f\i, zero
	.endr
	fscsr	zero
	FP_OFF
	ret
