/*
 * The answer fs is building, kept while it answers waiting calls through
 * the same IPC buffer (pipeio.c, poll.c). Not in fs.h: the host tests
 * build fs.h's pure parts without libc.
 */
#ifndef FS_WORDS_H
#define FS_WORDS_H

#include <pith/syscall.h>
#include <string.h>

#include "fs.h"

/* The words IPC_REG_WORDS..n of the answer being built in fs's IPC
 * buffer, kept while fs answers waiting calls through the same buffer:
 * words_keep saves them the first time, words_restore puts them back
 * (if they were saved). */
struct kept_words {
	unsigned n;
	bool held;
	uint64_t w[64];
};
/* Inline: pipeio_wake runs after every message. */
static inline void words_keep(struct kept_words *k)
{
	if (!k->held && k->n > IPC_REG_WORDS)
		memcpy(k->w, &fs_ib->mr[IPC_REG_WORDS], (k->n - IPC_REG_WORDS) * 8);
	k->held = true;
}

static inline void words_restore(struct kept_words *k)
{
	if (k->held && k->n > IPC_REG_WORDS)
		memcpy(&fs_ib->mr[IPC_REG_WORDS], k->w, (k->n - IPC_REG_WORDS) * 8);
}

#endif
