/*
 * What the file server's case programs (fstest.c, posixtest.c,
 * polltest.c, fifotest.c) share: a case is a function returning its exit
 * status, 0 passed, else the line of the failed check (low byte); CHECK
 * prints the check with the program's name (FSCASE_PROG, defined before
 * this is included). And helpers: a child's exit status, /tmp's use and
 * fs's counts from FS_INFO.
 */
#ifndef PITH_TESTS_FSCASE_H
#define PITH_TESTS_FSCASE_H

#include <errno.h>
#include <pith/syscall.h>
#include <proto/fs.h>
#include <proto/procsrv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>

#define CHECK(c)                                                           \
	do {                                                               \
		if (!(c)) {                                                \
			printf("  " FSCASE_PROG ": check failed: %s (line %d, errno %d)\n", \
			       #c, __LINE__, errno);                       \
			return __LINE__ & 0xff ? __LINE__ & 0xff : 1;      \
		}                                                          \
	} while (0)
#define FAILS(call, e) ((call) == -1 && errno == (e))

/* A child's exit status, 128 + the signal that ended it, -1 if none. */
static inline int exited(pid_t pid)
{
	int st = -1;

	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (st & 0x7f);
}

/* FS_INFO's words for /tmp: bytes of blocks and nodes in use. */
static inline int ram_info(uint64_t *bytes, uint64_t *nodes)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)(uintptr_t)PROC_IPCBUF_VADDR;
	struct msg m;

	if (pith_ipc(SYS_CALL, PROC_SLOT_FS, MSG_INFO(FS_INFO, 3, 0), 0, 0, 0, &m))
		return -1;
	*bytes = ib->mr[5];
	*nodes = ib->mr[6];
	return (int)m.w[0];
}

static inline bool ram_is(uint64_t bytes, uint64_t nodes)
{
	uint64_t b, n;

	return ram_info(&b, &n) == 0 && b == bytes && n == nodes;
}

/* Every count fs keeps (FS_INFO), to compare before and after a case:
 * descriptions, tables, pipes, calls waiting. */
struct fs_counts { uint64_t ofiles, tables, pipes, waiting; };

static inline int fs_counts(struct fs_counts *c)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)(uintptr_t)PROC_IPCBUF_VADDR;
	struct msg m;

	if (pith_ipc(SYS_CALL, PROC_SLOT_FS, MSG_INFO(FS_INFO, 3, 0), 0, 0, 0, &m))
		return -1;
	*c = (struct fs_counts){ m.w[1], m.w[2], ib->mr[3], ib->mr[4] };
	return (int)m.w[0];
}

static inline bool fs_counts_same(const struct fs_counts *a)
{
	struct fs_counts b;

	return !fs_counts(&b) && b.ofiles == a->ofiles && b.tables == a->tables &&
	       b.pipes == a->pipes && b.waiting == a->waiting;
}

/* Wait (at most 2 s, 5 ms naps) until fs has n calls waiting. */
static inline bool fs_waiting_becomes(uint64_t n)
{
	struct timespec nap = { 0, 5000000 };
	struct fs_counts c;

	for (int i = 0; i < 400; i++) {
		if (fs_counts(&c) == 0 && c.waiting == n)
			return true;
		nanosleep(&nap, NULL);
	}
	return false;
}

#endif
