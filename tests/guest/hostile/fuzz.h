/*
 * What the fuzzer's parent (fuzz.c) and child (fuzzchild.c) share: the
 * child's capability slots and the log page both map.
 */
#ifndef HOSTILE_FUZZ_H
#define HOSTILE_FUZZ_H

#include "hostile.h"

/* The child's slots, each given or not as the round's seed says. */
enum {
	FC_TASK = 1,      /* its own task, every right */
	FC_CSPACE,        /* its own CapSpace (a cycle: rare, see fuzz.c) */
	FC_ASPACE,        /* its own address space */
	FC_POOL,          /* its pool */
	FC_CONSOLE,       /* the console, READ only: it never prints */
	FC_IPCBUF,        /* its IPC buffer frame */
	FC_EP,            /* an endpoint of its pool (its fault endpoint) */
	FC_NTFN,          /* a notification of its pool */
	FC_FRAME,         /* two pages of its pool */
	FC_SUBPOOL,       /* a 16 KiB pool inside its pool */
	FC_EP_W,          /* FC_EP minted WRITE | GRANT, badge 5 */
	FC_OUR_EP,        /* an endpoint of the parent's pool */
	FC_OUR_NTFN,      /* a notification of the parent's pool, WRITE */
	FC_OUR_FRAME,     /* a frame of the parent's pool, READ */
	FC_TASK_RO,       /* its own task, READ only */
	FC_COUNT,
};
#define FC_GIVE_MASK (((1u << FC_COUNT) - 1) & ~1u)

#define FUZZ_LOG_VADDR 0x50000000ull   /* the log page, in both spaces */
#define FUZZ_THREADS 4                 /* tasks per child at most */
#define FUZZ_STACKS 0x70000000ull      /* the other tasks' stacks (16 KiB) */
#define FUZZ_MAGIC 0x66757a7a6c6f6721ull
#define FUZZ_OK_MAX 56
#define FUZZ_NR_MAX (SYS_COUNT + 4)    /* call-number buckets in the stats */

struct fuzz_call {
	uint64_t nr, a[6];
	int64_t ret;
};

struct fuzz_log {
	uint64_t magic, seed, calls, given;
	volatile uint64_t done[FUZZ_THREADS];  /* calls made, per task */
	uint64_t nok;                    /* entries in ok[] */
	struct fuzz_call last[FUZZ_THREADS]; /* each task's latest call */
	struct fuzz_call ok[FUZZ_OK_MAX]; /* calls that changed something */
};
_Static_assert(sizeof(struct fuzz_log) <= 4096, "the log is one page");

#endif
