/*
 * Building a task from a static ELF executable (libc/spawn.c): a new
 * address space and capability space from a pool, the segments copied into
 * fresh frames, a stack and an IPC buffer. Used by the root task now and by
 * the process server's exec later.
 */
#ifndef PITH_LIBC_SPAWN_H
#define PITH_LIBC_SPAWN_H

#include <pith/syscall.h>

#define SPAWN_STACK_TOP    0x7ff00000ull
#define SPAWN_STACK_PAGES  8
#define SPAWN_IPCBUF_VADDR 0x00101000ull
#define SPAWN_WINDOW_BYTES (16u << 20)  /* the most file bytes of a segment (from
					 * its first page) it copies */
#define SPAWN_ARGS_BYTES   4096         /* argv + envp + their pointers */

struct spawn {
	/* In: the caller's resources. */
	slot_t pool;          /* pays for everything */
	slot_t self_aspace;   /* the caller's address space, for copying */
	uint64_t window;      /* a free, page-aligned range of the caller's
				 address space, SPAWN_WINDOW_BYTES, for copying */
	slot_t first_slot;    /* four free slots from here: task, aspace,
				 cspace, IPC buffer frame; one more scratch */
	const void *elf;
	size_t elf_size;
	/* Out. */
	uint64_t entry;
	uint64_t sp;          /* the stack pointer to start it with */
	slot_t task, aspace, cspace, ipcbuf;
};

/* Create and load, but do not start (the caller adds capabilities to the
 * new cspace first, then sys_task_start(s->task, s->entry, s->sp, arg);
 * s->sp is SPAWN_STACK_TOP unless argv was given). Returns 0 or -E*; on error the objects made so
 * far are deleted. */
long pith_spawn(struct spawn *s);

/* The same for a POSIX program (linked to start at _start_process): the
 * NULL-terminated argument and environment strings (envp may be NULL)
 * are laid out on its stack as System V does (argc, argv, NULL, envp,
 * NULL, auxv), at most SPAWN_ARGS_BYTES in all (else -E2BIG); start it
 * at s->sp. */
long pith_spawn_process(struct spawn *s, char *const argv[],
			char *const envp[]);

#endif
