/*
 * The sweep's vocabulary (sweep.c runs it, recipes.c describes each call):
 * fixture slots and addresses, argument kinds, recipes and special rows.
 */
#ifndef HOSTILE_SWEEP_H
#define HOSTILE_SWEEP_H

#include "hostile.h"

/* Fixture slots in our own CapSpace (made by sweep.c before the sweep,
 * deleted after it). */
enum {
	F_POOL = 16,    /* a 256 KiB sub-pool: what the sweep's calls may charge */
	F_EP,           /* an endpoint, every right */
	F_EP_W,         /* F_EP minted WRITE | GRANT with badge 0x42 */
	F_NTFN,         /* a notification */
	F_FRAME,        /* one page, mapped in F_ASPACE at F_VA and F_VA_RO */
	F_ASPACE,       /* a fresh address space (never ours: a call that
			   wrongly succeeds on it cannot hurt us) */
	F_CSPACE,       /* a fresh capability space */
	F_CHILD,        /* a thread of ours, created suspended, never run */
	F_INACT,        /* a task never configured nor started */
	F_DEAD,         /* a thread that has exited */
	F_DEADEP_W,     /* WRITE to an endpoint nobody can receive on */
	F_REPLY,        /* a Reply capability for F_CALLER's pending call */
	F_CALLER,       /* the thread waiting in that call */
	F_P0,           /* frame of page P0 (ours, writable) */
	F_P1,           /* frame of page P1 (ours, read-only) */
	F_STACKS,       /* frame of our threads' stacks */
	F_MOVESRC,      /* a copy of F_NTFN, what CAP_MOVE/DELETE rows name */
	F_FRAME_RO,     /* F_FRAME minted READ only */
	F_POOL_RO,      /* F_POOL minted READ only */
	F_EP_RO,        /* F_EP minted READ only */
	F_SCRATCH,      /* rights-reduced mints live here for one row */
	F_DST,          /* the empty slot every "good" destination names */
	F_THREAD,       /* the thread a blocking recipe runs in */
	F_LAST,
	F_EMPTY = 200,  /* never used: an empty slot */
	F_BUSY = CON,   /* an occupied destination */
};

/* Our own pages: P0 writable, P1 read-only right after it, then nothing
 * mapped (a range that starts in P1 and runs on faults half way). */
#define P0 0x40000000ull
#define P1 (P0 + 4096)
#define STACKS 0x41000000ull     /* 16 pages: 4 thread stacks */
/* Addresses in F_ASPACE. */
#define F_VA 0x01000000ull       /* F_FRAME, read/write */
#define F_VA_RO 0x01001000ull    /* F_FRAME again, read-only */
#define F_VA_FREE 0x02000000ull  /* nothing */

/* What an argument is, which says what its bad values are and which
 * error each must give (docs/syscalls.md). */
enum arg_kind {
	A_NONE,      /* not passed (0) */
	A_ANY,       /* the kernel takes any value: never replaced */
	A_CAP,       /* a capability: .type (CAP_NONE: any), .rights */
	A_OPTCAP,    /* the same, or 0 (none / our own space); .good is a
			real one to mint reduced copies from, the row passes 0 */
	A_DST,       /* an empty slot for a new capability */
	A_IN,        /* a pointer the kernel reads .size bytes from */
	A_OUT,       /* a pointer the kernel writes .size bytes to */
	A_PAGE,      /* a free, page-aligned user address */
	A_MAPPED,    /* a mapped, page-aligned user address */
	A_UADDR,     /* a mapped user address, any alignment */
	A_ALIGNED,   /* a page-aligned number */
	A_LEN,       /* debug_write's length */
	A_MAPRIGHTS, /* SYS_MAP's rights (and MAP_REPLACE) */
	A_PROTRIGHTS,/* SYS_PROTECT's rights */
	A_RIGHTS,    /* a rights mask (mint) */
	A_BADGE,     /* a badge */
	A_INFO,      /* a message info word */
	A_TYPE,      /* a creatable object type */
	A_PRIO,
	A_QUANTUM,
	A_PC,        /* a user program counter */
	A_SP,        /* a user stack pointer (the top itself is allowed) */
};

struct arg {
	uint8_t kind;
	uint8_t type;
	uint8_t rights;
	uint16_t size;
	uint64_t good;
};

/* Recipe flags. */
#define R_MAY_PASS 1u  /* all-bad registers may still succeed (no cap argument) */
#define R_ENDS 2u      /* never returns to a caller that passes good arguments:
			  only run in a child (sweep.c, blocking recipes) */

struct recipe {
	const char *name;
	unsigned flags;
	struct arg a[6];
};

/* One explicit case: registers, the result wanted, why. */
struct row {
	long nr;
	uint64_t a[6];
	long want;
	const char *why;
};

/* fixtures.c */
bool fixture_make(void);
bool fixture_drop(void);
/* Make and drop the fixtures once, so that the page tables they need in
 * our own space exist before a test measures our pool. */
bool fixture_settle(void);
/* A thread of ours (our spaces) in slot dst on stack n (0..3). */
long thread(slot_t dst, unsigned stack, uint64_t flags, long (*fn)(void *),
	    void *arg);

extern const struct recipe recipes[SYS_COUNT];
extern const struct row special_rows[];
extern const unsigned n_special_rows;

#endif
