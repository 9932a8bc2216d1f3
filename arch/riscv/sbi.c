/*
 * Calls into the SBI firmware (OpenSBI): ecall from S-mode with the
 * extension id in a7, the function id in a6, arguments in a0..a5; the
 * firmware answers with an error in a0 and a value in a1 (SBI spec 2.0).
 */
#include "riscv.h"

struct sbiret sbi_call(long ext, long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register long r6 __asm__("a6") = fid;
	register long r7 __asm__("a7") = ext;

	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1)
			 : "r"(r2), "r"(r6), "r"(r7)
			 : "memory");
	return (struct sbiret){ (long)r0, (long)r1 };
}

bool sbi_has(long ext)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, 3 /* probe_extension */,
				   (unsigned long)ext, 0, 0);

	return r.error == 0 && r.value != 0;
}
