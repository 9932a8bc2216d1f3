/*
 * A server's saved Replies (docs/decisions.md 41), for servers that answer
 * later all the time (fs's pipe and terminal waits, procsrv's wait4,
 * futexes and signals): a set of Reply objects made at start, each
 * re-armed by a save (SYS_REPLY_SAVE into its slot) and kept after its
 * answer (REPLY_KEEP), so a deferred answer allocates nothing. While
 * more calls wait than the set holds, saves make Replies and answers use
 * them up, until the set's size is left; a Reply deleted unanswered is
 * made again. So a server holds max(set, calls waiting) Replies: the same
 * memory whenever the same calls wait. libc/replies.c.
 */
#ifndef PITH_LIBC_REPLIES_H
#define PITH_LIBC_REPLIES_H

#include <pith/syscall.h>

#define PITH_REPLIES 16

struct pith_replies {
	slot_t pool;                  /* Replies are charged to it */
	slot_t (*slot_get)(void);     /* a free slot of the server's, or 0 */
	void (*slot_free)(slot_t s);  /* an empty slot given back */
	slot_t idle[PITH_REPLIES];    /* Replies not armed, in their slots */
	unsigned nidle;
	unsigned size;                /* the set's (what init could make) */
	unsigned nlive;               /* Replies there are: idle or armed */
};

/* Make the set (as many as pool and slots allow). */
void pith_replies_init(struct pith_replies *r);
/* The pending caller saved: its slot, or 0 (no slot or no memory). */
slot_t pith_reply_save(struct pith_replies *r);
/* Answer the caller saved in s (the words after w2 from the IPC buffer)
 * and take s back. */
void pith_reply_answer(struct pith_replies *r, slot_t s, uint64_t info,
		       uint64_t w0, uint64_t w1, uint64_t w2);
/* Delete the Reply in s unanswered (its caller, if alive, gets -EPIPE)
 * and take s back. */
void pith_reply_drop(struct pith_replies *r, slot_t s);

#endif
