/*
 * echo: the server half of the user-mode IPC tests (utest.c spawns it in
 * its own address space). Slot 1 is its endpoint, slot 2 the console.
 * Labels: 1 echo words, 3 report a received capability, 4 sum a long
 * message and answer with a long one, 5 receive again without replying,
 * 6 save the reply for later, 7 answer the saved one then this one, 8
 * delete the saved one unanswered, 9 answer the saved one keeping the
 * Reply (REPLY_KEEP) and answer it again, 10 answer it with unknown
 * flags, 11 save this call too (into the slot of the saved one), 99 exit
 * without replying. Slot 3 is a pool (for the saved reply).
 * Started with argument 1 it exits at once without receiving.
 */
#include <pith/spawn.h>
#include <pith/syscall.h>

#define EP 1
#define POOL 3
#define RECV_SLOT 10
#define SAVED 11

int main(uint64_t mode)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)SPAWN_IPCBUF_VADDR;
	struct msg m;
	long err;

	if (mode == 1) {
		sys_yield();
		sys_yield();
		return 0;
	}
	ib->recv_slot = RECV_SLOT;
	err = sys_recv(EP, &m);
	for (;;) {
		uint64_t info = MSG_INFO(0, 3, 0), w0 = 0, w1 = 0, w2 = 0;
		uint64_t rights = 0;

		if (err)
			return 2;
		switch (MSG_LABEL(m.info)) {
		case 1:
			info = MSG_INFO(2, 3, 0);
			w0 = m.w[0] + 1;
			w1 = m.badge;
			w2 = m.w[2];
			break;
		case 3:
			info = MSG_INFO(3, 3, 0);
			if (MSG_HAS_CAP(m.info)) {
				w0 = (uint64_t)sys_cap_identify(RECV_SLOT, &rights, 0);
				w1 = rights;
				w2 = 1;
				sys_cap_delete(RECV_SLOT);
			}
			break;
		case 4: {
			unsigned len = MSG_LEN(m.info);
			for (unsigned i = 0; i < len; i++)
				w0 += i < IPC_REG_WORDS ? m.w[i] : ib->mr[i];
			w1 = len;
			for (unsigned i = IPC_REG_WORDS; i < IPC_MAX_WORDS; i++)
				ib->mr[i] = 1000 + i;
			info = MSG_INFO(4, IPC_MAX_WORDS, 0);
			break;
		}
		case 5:
			/* Receive again without replying: the caller's reply
			 * right is dropped (it gets -EPIPE). */
			err = sys_recv(EP, &m);
			continue;
		case 6:
			/* Answer later: keep the caller waiting, serve others. */
			err = sys_reply_save(POOL, SAVED);
			if (!err)
				err = sys_recv(EP, &m);
			continue;
		case 7:
			w0 = (uint64_t)sys_reply_to(SAVED, MSG_INFO(60, 1, 0), 66, 0, 0, 0);
			info = MSG_INFO(7, 1, 0);
			break;
		case 8:
			w0 = (uint64_t)sys_cap_delete(SAVED);
			info = MSG_INFO(8, 1, 0);
			break;
		case 9:
			/* Kept, the Reply stays idle in its slot: a second
			 * answer has nobody to go to. */
			w0 = (uint64_t)sys_reply_to(SAVED, MSG_INFO(61, 1, 0), 67,
						    0, 0, REPLY_KEEP);
			w1 = (uint64_t)sys_reply_to(SAVED, MSG_INFO(61, 1, 0), 68,
						    0, 0, 0);
			info = MSG_INFO(9, 2, 0);
			break;
		case 10:
			w0 = (uint64_t)sys_reply_to(SAVED, MSG_INFO(61, 1, 0), 0,
						    0, 0, 2);
			info = MSG_INFO(10, 1, 0);
			break;
		case 11:
			/* Refused while the Reply there is armed: this call's
			 * right stays pending and is answered below. */
			w0 = (uint64_t)sys_reply_save(POOL, SAVED);
			info = MSG_INFO(11, 1, 0);
			break;
		case 99:
			return 0; /* the caller is left waiting: it must get -EPIPE */
		default:
			info = MSG_INFO(0xbad, 0, 0);
		}
		err = sys_reply_recv(EP, info, w0, w1, w2, &m);
	}
}
