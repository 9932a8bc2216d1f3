/*
 * Capability types and rights (kernel/user ABI). A capability names a
 * kernel object with some rights (and, on endpoints and notifications, a
 * badge the receiver sees). Slot 0 of every CapSpace is always empty: it
 * means "no capability" wherever a slot is optional.
 */
#ifndef PITH_UAPI_CAP_H
#define PITH_UAPI_CAP_H

enum cap_type {
	CAP_NONE = 0,
	CAP_TASK,
	CAP_ASPACE,
	CAP_CSPACE,
	CAP_FRAME,
	CAP_ENDPOINT,
	CAP_NOTIFICATION,
	CAP_IRQ,
	CAP_MEMPOOL,
	CAP_CONSOLE,       /* the kernel debug console */
	CAP_REPLY,         /* a saved right to answer one caller */
	CAP_TYPE_COUNT
};

/* Rights. Which operation needs which is listed in docs/syscalls.md. */
#define RIGHT_READ    0x01u  /* recv, wait, map readable, read info */
#define RIGHT_WRITE   0x02u  /* send, call, signal, map writable */
#define RIGHT_EXEC    0x04u  /* map executable */
#define RIGHT_GRANT   0x08u  /* pass capabilities through an endpoint */
#define RIGHT_CONTROL 0x10u  /* configure/start a task, edit an address or
			      * capability space, allocate from a pool,
			      * bind/ack an IRQ */
#define RIGHT_CLONE   0x20u  /* clone a task (SYS_TASK_CLONE) */
#define RIGHTS_ALL    0x3fu

/* SYS_MAP: with MAP_REPLACE in the rights argument, pages already mapped
 * at the address are unmapped first (one call to swap a page). */
#define MAP_REPLACE   0x100u

/* SYS_VM_COPY copies at most this many bytes a call. */
#define VM_COPY_MAX   (64u * 1024)

/* Badges are 48 bits. */
#define BADGE_MAX ((1ull << 48) - 1)

#endif
