/*
 * Bad messages to the file server: seeded random calls on the process's
 * own fs capability (PROC_SLOT_FS), any opcode (procsrv's FS_PS_* and
 * past the last one too), any length, words drawn from values that hurt
 * (0, -1, huge, kernel and unmapped addresses, descriptors, addresses of
 * its own memory), pipes and FIFOs among them (non-blocking: the fuzzer holds both
 * ends, so a read that waited would wait forever), and the calls on
 * names in /tmp/fz (its working directory). fs must answer each, refuse procsrv's calls, and lose
 * nothing: fstest's "fuzz" case runs this and checks fs's counts after.
 *   fsfuzz <seed> <calls>
 * Exit 0 when every call came back, 3 when one could not reach fs.
 */
#include <pith/machine.h>
#include <pith/syscall.h>
#include <proto/fs.h>
#include <proto/procsrv.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static char scratch[8192];
static const char *const paths[] = {
	"/etc/pith-release", "/", "/dev/null", "/dev/zero", "/etc", "..",
	"/nope", "/etc/pith-release/x", "",
	/* /tmp's: fstest's fuzz case makes /tmp/fz and removes it after. */
	"/tmp/fz", "/tmp/fz/a", "/tmp/fz/a/b", "/tmp/fz/c", "fz/c", "a",
};

static uint64_t value(void)
{
	static const uint64_t hard[] = {
		0, 1, 2, 3, 7, 63, 64, 65, 100, 479, 480, 481, 4095, 4096,
		0x7fffffff, 0xffffffff, ~0ull, ~0ull - 1, 1ull << 63, 1ull << 32,
		(uint64_t)-100, PITH_KERNEL_ADDR, PITH_USER_TOP, PROC_STACK_TOP,
		PROC_IPCBUF_VADDR, 0x400000, 0x50000000,
	};
	uint64_t r = next();

	switch (r % 5) {
	case 0: return hard[(r >> 8) % (sizeof(hard) / sizeof(hard[0]))];
	case 1: return (uint64_t)(uintptr_t)scratch + ((r >> 16) % 4096);
	case 2: return (uint64_t)(uintptr_t)paths[(r >> 8) % (sizeof(paths) / sizeof(paths[0]))];
	case 3: return (r >> 8) % 70;
	default: return next();
	}
}

int main(int argc, char **argv)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)(uintptr_t)PROC_IPCBUF_VADDR;
	long calls = argc > 2 ? strtol(argv[2], NULL, 0) : 1000;

	rng = argc > 1 ? strtoull(argv[1], NULL, 0) | 1 : 0x5eed;
	/* No console descriptors: random bytes written there would only
	 * garble the test's log. */
	for (int fd = 0; fd < 3; fd++)
		close(fd);
	if (chdir("/tmp/fz"))
		return 5;
	for (long i = 0; i < calls; i++) {
		uint64_t op = next() % 3 ? next() % (FS_MKNOD + 3)
			    : FS_PS_FORK + next() % (FS_OP_MAX - FS_PS_FORK + 3);
		unsigned len = (unsigned)(next() % (IPC_MAX_WORDS + 1));
		struct msg m;
		for (unsigned k = 3; k < len && k < 64; k++)
			ib->mr[k] = value();
		uint64_t w[3] = { value(), value(), value() };
		/* Writing into its own memory may only end this process
		 * early: keep reads off everything but scratch. */
		if (op == FS_READ || op == FS_PREAD)
			w[1] = (uint64_t)(uintptr_t)scratch, w[2] %= sizeof(scratch);
		/* Pipes, but never a call that waits: this process holds
		 * both ends, so nothing would ever answer it. */
		if (op == FS_PIPE || (op == FS_FCNTL && w[1] == F_SETFL))
			w[op == FS_PIPE ? 0 : 2] |= O_NONBLOCK;
		/* FIFOs (FS_MKNOD makes them here) likewise: an open that
		 * waited for the other end would wait forever. */
		if (op == FS_OPEN)
			w[2] |= O_NONBLOCK;
		/* select and poll may wait, but only up to 2 ms: fs's
		 * timer answers them. */
		if (op == FS_POLL)
			w[2] %= 2000000;
		if (pith_ipc(SYS_CALL, PROC_SLOT_FS, MSG_INFO(op, len, 0),
			     w[0], w[1], w[2], &m))
			return 3;      /* the call itself failed: fs gone? */
		if (op >= FS_PS_FORK && op < FS_OP_MAX && (int64_t)m.w[0] != -EPERM)
			return 4;      /* procsrv's calls are procsrv's */
	}
	return 0;
}
