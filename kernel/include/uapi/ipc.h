/*
 * IPC message layout (kernel/user ABI). A message is a label, up to
 * IPC_MAX_WORDS words and optionally one capability. Words 0..2 travel in
 * registers (r2..r4 of the call); words 3.. are read from the sender's
 * IPC buffer and written to the receiver's, at the same index.
 *
 * The info word (r1 on send/call/reply_recv, out r2 on receive):
 *   bits  0..6   length in words (0..IPC_MAX_WORDS)
 *   bit   7      a capability is attached (send: the slot is
 *                ipc_buffer.send_cap; receive: it was put in
 *                ipc_buffer.recv_slot)
 *   bits  8..15  the kernel's: whatever a sender puts there, a message
 *                arrives with them clear (IPC_INFO_KERNEL below)
 *   bits 16..63  label (48 bits), uninterpreted by the kernel
 *
 * A receive (SYS_RECV, the receive half of SYS_REPLY_RECV) by a task with
 * a bound notification (SYS_TASK_BIND) also ends when that notification
 * is signalled: r1 = its bits (which it clears), r2 = IPC_INFO_NOTIFY (the
 * label IPC_LABEL_NOTIFY, no words, and IPC_INFO_KERNEL, which no message
 * can carry), r3..r5 = 0. Test the whole word (MSG_IS_NOTIFY): a sender
 * may use the label, but never with that bit. The bit costs the IPC fast
 * path nothing: it already clears bits 8..15 (a check that refused a
 * reserved label would cost a test on every call).
 */
#ifndef PITH_UAPI_IPC_H
#define PITH_UAPI_IPC_H

#include <stdint.h>

#define IPC_MAX_WORDS 64
#define IPC_REG_WORDS 3

#define MSG_LEN(info)    ((unsigned)((info) & 0x7f))
#define MSG_HAS_CAP(info) ((unsigned)(((info) >> 7) & 1))
#define MSG_LABEL(info)  ((uint64_t)(info) >> 16)
#define MSG_INFO(label, len, cap) \
	(((uint64_t)(label) << 16) | ((uint64_t)(cap) ? 0x80u : 0u) | \
	 ((uint64_t)(len) & 0x7f))

/* SYS_REPLY_TO's flags: REPLY_KEEP keeps the Reply capability, idle, for
 * a later SYS_REPLY_SAVE into the same slot, which re-arms it without
 * making a new object (a server that defers many answers keeps a few
 * Replies and re-uses them). Without it the capability is used up. */
#define REPLY_KEEP 1ull

#define IPC_INFO_KERNEL  0x100ull          /* set by the kernel only */
#define IPC_LABEL_NOTIFY 0xffffffffffffull  /* the largest label */
#define IPC_INFO_NOTIFY  (MSG_INFO(IPC_LABEL_NOTIFY, 0, 0) | IPC_INFO_KERNEL)
#define MSG_IS_NOTIFY(info) ((uint64_t)(info) == IPC_INFO_NOTIFY)

/* One page, mapped in the task's address space and registered with
 * SYS_TASK_CONFIGURE. */
struct ipc_buffer {
	uint64_t mr[IPC_MAX_WORDS];  /* mr[0..2] unused: they are in registers */
	uint64_t send_cap;           /* slot to pass when MSG_HAS_CAP is set */
	uint64_t recv_slot;          /* where a received capability goes; 0: refuse */
	uint64_t user[6];            /* free for libc (e.g. thread data) */
};

_Static_assert(sizeof(struct ipc_buffer) == 576, "ipc_buffer layout");

#endif
