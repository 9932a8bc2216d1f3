/*
 * Bad messages to the process server: seeded random calls on the
 * process's own procsrv capability, any opcode (past the last one too),
 * any length, words drawn from values that hurt (0, -1, huge, kernel and
 * unmapped addresses, addresses of its own memory: garbage sigactions,
 * masks and sigreturn frames among them). procsrv must answer
 * each (or end only this process), serve everyone else, and lose nothing:
 * proctest runs this and checks the system's counts afterwards.
 *   procfuzz <seed> <calls>
 * Exit 0 when every call came back (or the process was ended by one).
 */
#include <pith/machine.h>
#include <pith/syscall.h>
#include <proto/procsrv.h>
#include <stdlib.h>
#include <unistd.h>

static uint64_t rng;
static int calls_as_user;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t value(void)
{
	static uint64_t mine[4];
	static const uint64_t hard[] = {
		0, 1, 2, 3, 7, 8, 9, 15, 17, 19, 64, 65, 4096, 0x7fffffff,
		0xffffffff, ~0ull, ~0ull - 1, 1ull << 63, 1ull << 32,
		PITH_KERNEL_ADDR, PITH_PHYSMAP_ADDR, PITH_USER_TOP,
		PROC_STACK_TOP, PROC_IPCBUF_VADDR, PROC_MMAP_TOP, 0x400000,
		0x50000000, 4095,
	};
	uint64_t r = next();

	mine[0] = (uint64_t)(uintptr_t)&rng;
	mine[1] = (uint64_t)(uintptr_t)mine;
	mine[2] = (uint64_t)(uintptr_t)&value;
	mine[3] = (uint64_t)(uintptr_t)&r;
	switch (r % 4) {
	case 0: return hard[(r >> 8) % (sizeof(hard) / sizeof(hard[0]))];
	case 1: return mine[(r >> 8) % 4] + ((r >> 16) % 64);
	case 2: return (r >> 8) % 300;
	default: return next();
	}
}

int main(int argc, char **argv)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)(uintptr_t)PROC_IPCBUF_VADDR;
	long calls = argc > 2 ? strtol(argv[2], NULL, 0) : 1000;

	rng = argc > 1 ? strtoull(argv[1], NULL, 0) | 1 : 0x5eed;
	for (long i = 0; i < calls; i++) {
		uint64_t op = next() % (PROC_OP_COUNT + 4);
		unsigned len = (unsigned)(next() % 12);
		struct msg m;
		if (op == PROC_EXIT)
			continue;     /* it would only end this early */
		if (op == PROC_SIGSUSPEND)
			continue;     /* waits for a signal nobody sends */
		if (op == PROC_POWEROFF && geteuid() == 0)
			continue;     /* root's would end the machine; a user's is EPERM */
		for (unsigned k = 3; k < len; k++)
			ib->mr[k] = value();
		uint64_t w[3] = { value(), value(), value() };
		/* Calls that would only end this process early are kept
		 * from hitting it: its own memory, its own life. */
		if (op == PROC_KILL || op == PROC_TKILL)
			w[1] = 0;                       /* probe only */
		if (op == PROC_SIGWAIT)
			w[1] = 1;                       /* look only: never waits */
		/* waitid with garbage: WNOHANG always, as a wait without
		 * WEXITED for a zombie it made would wait forever. */
		if (op == PROC_WAITID)
			w[2] |= 1;
		/* A readable frame would set the registers to anything (a
		 * loop forever, as a jump to garbage): only bad frames. */
		if (op == PROC_SIGRETURN)
			w[0] |= 1ull << 63;
		if (op == PROC_MUNMAP || op == PROC_MPROTECT)
			w[0] = 0x50000000 + (w[0] & 0xfffffff);
		if (op == PROC_SETRLIMIT && (w[0] == 3 || w[0] == 9))
			w[0] = 12;
		if (op == PROC_BRK)
			w[0] |= 0x60000000;
		if (op == PROC_SETUID || op == PROC_SETRESUID)
			calls_as_user = 1;
		long r = pith_ipc(SYS_CALL, PROC_SLOT_PROCSRV, MSG_INFO(op, len, 0),
				  w[0], w[1], w[2], &m);
		if (r == PROC_CHILD_RETURN)
			_exit(0);      /* a random fork's child: no more */
		if (r != 0)
			return 3;      /* the call itself failed: procsrv gone? */
	}
	return 0;
}
