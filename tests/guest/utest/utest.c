/*
 * utest: the root task of the user-mode test image. It checks the kernel's
 * mechanisms from user mode on both arches (system calls, capabilities,
 * IPC between address spaces, memory pools, interrupts as notifications)
 * and reports "TEST <name> PASS|FAIL" lines and "N passed, N failed"; its
 * exit status (0 = all passed) becomes QEMU's.
 */
#include <stdbool.h>

#include <pith/machine.h>
#include <pith/spawn.h>
#include <pith/syscall.h>
#include <stdio.h>
#include <string.h>

#include <pith/cpio.h>
#include "utest.h"

const struct pith_bootinfo *bi;
static struct ipc_buffer *const ib = (struct ipc_buffer *)ROOT_IPCBUF_VADDR;
static slot_t next_free;

slot_t new_slot(void)
{
	return next_free++;
}

const void *image_file(const char *name, size_t *size)
{
	struct cpio_file f;

	if (cpio_find((const void *)bi->image_vaddr, bi->image_size, name, &f))
		return NULL;
	*size = f.size;
	return f.data;
}

long spawn_program(const char *name, struct spawn *s)
{
	s->pool = POOL;
	s->self_aspace = ROOT_SLOT_ASPACE;
	s->window = WINDOW;
	s->elf = image_file(name, &s->elf_size);
	if (!s->elf)
		return -ENOENT;
	s->first_slot = next_free;
	next_free += 5;
	return pith_spawn(s);
}

uint64_t task_state(slot_t task)
{
	struct task_info ti;

	return sys_task_info(task, &ti) == 0 ? ti.state : ~0ull;
}

bool task_dead(slot_t task)
{
	return task_state(task) == TASK_INFO_DEAD;
}

/* Answer n FAULT_EXIT calls on a worker's fault endpoint ep: a task with
 * a fault endpoint tells its handler when it calls SYS_TASK_EXIT and
 * waits for the answer. Any other message there fails the check. */
bool answer_exits(slot_t ep, uint64_t n)
{
	struct msg m;

	for (uint64_t i = 0; i < n; i++) {
		CHECK(sys_recv(ep, &m) == 0);
		CHECK(m.badge == FAULT_PARENT || m.badge == FAULT_CHILD);
		CHECK(MSG_LABEL(m.info) == FAULT_EXIT && MSG_LEN(m.info) == 1);
		CHECK(sys_reply(MSG_INFO(0, 0, 0), 0, 0, 0) == 0);
	}
	return true;
}

bool wait_dead(slot_t task)
{
	for (int i = 0; i < 20000 && !task_dead(task); i++)
		sys_yield();
	return task_dead(task);
}

/* Spawn echo (utest's server) with the endpoint in its slot 1 (with
 * `rights`) and the console in slot 2; started with arg at priority prio
 * (0: the default). We keep only the task capability (in *task if asked
 * for): the server's spaces then die with it. */
static long spawn_echo_at(slot_t ep, uint64_t rights, uint64_t arg,
			  unsigned prio, slot_t *task)
{
	struct spawn s;
	long err = spawn_program("bin/echo", &s);

	if (!err)
		err = sys_cap_mint(ep, s.cspace, 1, rights, 0);
	if (!err)
		err = sys_cap_copy(CON, s.cspace, 2);
	if (!err)
		err = sys_cap_copy(POOL, s.cspace, 3);
	if (!err && prio)
		err = sys_sched_set(s.task, prio, 5);
	if (!err)
		err = sys_task_start(s.task, s.entry, SPAWN_STACK_TOP, arg);
	if (task)
		*task = s.task;
	sys_cap_delete(s.cspace);
	sys_cap_delete(s.aspace);
	sys_cap_delete(s.ipcbuf);
	return err;
}

static long spawn_echo(slot_t ep, uint64_t rights, uint64_t arg)
{
	return spawn_echo_at(ep, rights, arg, 0, NULL);
}

static bool test_null_and_unknown_syscalls(void)
{
	uint64_t r[6] = { 0 };

	CHECK(sys_null() == 0);
	CHECK(pith_syscall(SYS_COUNT, r) == -ENOSYS);
	r[0] = 0;
	CHECK(pith_syscall(100000, r) == -ENOSYS);
	r[0] = 0;
	CHECK(pith_syscall(-1, r) == -ENOSYS);
	return true;
}

static bool test_bad_user_pointers(void)
{
	static char buf[16] = "0123456789abcdef";

	CHECK(sys_debug_write(CON, NULL, 4) == -EFAULT);
	CHECK(sys_debug_write(CON, (void *)PITH_KERNEL_ADDR, 4) == -EFAULT);
	CHECK(sys_debug_write(CON, (void *)(PITH_USER_TOP - 8), 16) == -EFAULT);
	CHECK(sys_debug_write(CON, (void *)~0ull - 3, 8) == -EFAULT);
	CHECK(sys_debug_write(CON, (void *)0x30000000, 8) == -EFAULT); /* unmapped */
	CHECK(sys_debug_write(CON, buf, 5000) == -E2BIG);
	CHECK(sys_debug_write(CON, buf + 1, 3) == 3);  /* unaligned is fine */
	CHECK(sys_debug_write(CON, "\n", 1) == 1);
	/* Page-granular calls refuse unaligned addresses. */
	slot_t f = new_slot();
	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 1) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, f, WINDOW + 8, RIGHT_READ) == -EINVAL);
	CHECK(sys_map(ROOT_SLOT_ASPACE, f, PITH_KERNEL_ADDR, RIGHT_READ) == -EINVAL);
	CHECK(sys_unmap(ROOT_SLOT_ASPACE, WINDOW + 8) == -EINVAL);
	CHECK(sys_cap_delete(f) == 0);
	return true;
}

static bool test_capability_errors(void)
{
	slot_t ro = new_slot();

	CHECK(sys_cap_identify(0, 0, 0) == -EBADF);       /* the null slot */
	CHECK(sys_cap_identify(100000, 0, 0) == -EBADF);  /* out of range */
	CHECK(sys_cap_identify(250, 0, 0) == -EBADF);     /* empty */
	CHECK(sys_send(POOL, MSG_INFO(1, 0, 0), 0, 0, 0) == -ENOTTY);
	CHECK(sys_map(POOL, CON, WINDOW, RIGHT_READ) == -ENOTTY);
	CHECK(sys_cap_mint(CON, 0, ro, RIGHT_READ, 0) == 0);
	CHECK(sys_debug_write(ro, "x", 1) == -EPERM);
	CHECK(sys_cap_delete(ro) == 0);
	return true;
}

static bool test_mint_reduces_rights(void)
{
	slot_t ep = new_slot(), w = new_slot(), w2 = new_slot(), f = new_slot();
	uint64_t rights, badge;

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_cap_identify(ep, &rights, &badge) == CAP_ENDPOINT);
	CHECK(rights == RIGHTS_ALL && badge == 0);
	CHECK(sys_cap_mint(ep, 0, w, RIGHT_WRITE, 42) == 0);
	CHECK(sys_cap_identify(w, &rights, &badge) == CAP_ENDPOINT);
	CHECK(rights == RIGHT_WRITE && badge == 42);
	CHECK(sys_recv(w, NULL) == -EPERM);               /* no READ right */
	CHECK(sys_cap_mint(w, 0, w2, RIGHTS_ALL, 7) == -EINVAL); /* rebadge */
	CHECK(sys_cap_mint(w, 0, w2, RIGHTS_ALL, 0) == 0);
	CHECK(sys_cap_identify(w2, &rights, &badge) == CAP_ENDPOINT);
	CHECK(rights == RIGHT_WRITE && badge == 42);      /* never more */
	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 1) == 0);
	CHECK(sys_cap_mint(f, 0, new_slot(), RIGHT_READ, 5) == -EINVAL);
	CHECK(sys_cap_mint(ep, 0, w, RIGHT_READ, 0) == -EEXIST);
	sys_cap_delete(w2);
	sys_cap_delete(w);
	sys_cap_delete(f);
	sys_cap_delete(ep);
	return true;
}

static bool test_copy_move_delete(void)
{
	slot_t a = new_slot(), b = new_slot(), c = new_slot();
	uint64_t rights;

	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, a, 0) == 0);
	CHECK(sys_cap_copy(a, 0, b) == 0);
	CHECK(sys_cap_copy(a, 0, b) == -EEXIST);
	CHECK(sys_cap_move(b, 0, c) == 0);
	CHECK(sys_cap_identify(b, 0, 0) == -EBADF);
	CHECK(sys_cap_identify(c, &rights, 0) == CAP_NOTIFICATION);
	CHECK(sys_cap_delete(a) == 0);
	CHECK(sys_signal(c) == 0);  /* c still names the object */
	CHECK(sys_cap_delete(c) == 0);
	CHECK(sys_cap_delete(c) == -EBADF);
	return true;
}

static slot_t echo_ep, echo_client;

static bool test_ipc_round_trip(void)
{
	struct msg m;

	echo_ep = new_slot();
	echo_client = new_slot();
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, echo_ep, 0) == 0);
	CHECK(spawn_echo(echo_ep, RIGHT_READ | RIGHT_WRITE | RIGHT_GRANT, 0) == 0);
	CHECK(sys_cap_mint(echo_ep, 0, echo_client, RIGHT_WRITE | RIGHT_GRANT,
			   0x77) == 0);
	CHECK(sys_call(echo_client, MSG_INFO(1, 3, 0), 10, 20, 30, &m) == 0);
	CHECK(MSG_LABEL(m.info) == 2 && MSG_LEN(m.info) == 3);
	CHECK(m.w[0] == 11);
	CHECK(m.w[1] == 0x77);   /* the server saw our badge */
	CHECK(m.w[2] == 30);
	CHECK(m.badge == 0);     /* replies carry no badge */
	/* Again, now that the server waits in reply_recv: the fast path. */
	CHECK(sys_call(echo_client, MSG_INFO(1, 3, 0), 40, 50, 60, &m) == 0);
	CHECK(m.w[0] == 41 && m.w[1] == 0x77 && m.w[2] == 60);
	return true;
}

static uint64_t fast_count(slot_t task)
{
	struct task_info ti;

	return sys_task_info(task, &ti) == 0 ? ti.ipc_fast : ~0ull;
}

/* Which path an IPC took, from the tasks' fast-path counters: a short
 * call to a server waiting in recv and the server's reply_recv take the
 * fast path (one count each); no waiting receiver, a long message or a
 * capability take the general path (no count for the caller). */
static bool test_ipc_fast_path(void)
{
	slot_t ep = new_slot(), cl = new_slot(), srv = 0, f = new_slot();
	const unsigned n = 10;
	uint64_t me, sv;
	struct msg m;

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_cap_mint(ep, 0, cl, RIGHT_WRITE | RIGHT_GRANT, 0x33) == 0);
	/* Below us, the server has not run yet: nobody waits in recv. */
	CHECK(spawn_echo_at(ep, RIGHT_READ | RIGHT_WRITE, 0, 50, &srv) == 0);
	CHECK(task_state(srv) == TASK_INFO_RUNNABLE);
	me = fast_count(ROOT_SLOT_TASK);
	sv = fast_count(srv);
	CHECK(sys_call(cl, MSG_INFO(1, 3, 0), 1, 2, 3, &m) == 0);
	CHECK(m.w[0] == 2 && m.w[1] == 0x33);
	CHECK(fast_count(ROOT_SLOT_TASK) == me);     /* general path */
	CHECK(fast_count(srv) == sv + 1);            /* its reply_recv: fast */
	/* Now it waits in reply_recv: every short call is fast, both ways. */
	CHECK(task_state(srv) == TASK_INFO_BLOCKED);
	for (unsigned i = 0; i < n; i++) {
		CHECK(sys_call(cl, MSG_INFO(1, 3, 0), i, 0, 0, &m) == 0);
		CHECK(m.w[0] == i + 1);
	}
	CHECK(fast_count(ROOT_SLOT_TASK) == me + n);
	CHECK(fast_count(srv) == sv + 1 + n);
	/* A long message takes the general path. */
	CHECK(sys_call(cl, MSG_INFO(1, 4, 0), 7, 0, 0, &m) == 0);
	CHECK(m.w[0] == 8);
	CHECK(fast_count(ROOT_SLOT_TASK) == me + n);
	/* So does a capability (echo answers label 1 whatever it got). */
	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 1) == 0);
	ib->send_cap = f;
	CHECK(sys_call(cl, MSG_INFO(1, 0, 1), 9, 0, 0, &m) == 0);
	CHECK(m.w[0] == 10);
	CHECK(fast_count(ROOT_SLOT_TASK) == me + n);
	/* And a short one is fast again. */
	CHECK(sys_call(cl, MSG_INFO(1, 3, 0), 11, 0, 0, &m) == 0);
	CHECK(fast_count(ROOT_SLOT_TASK) == me + n + 1);
	CHECK(sys_task_kill(srv) == 0);
	sys_cap_delete(srv);
	sys_cap_delete(f);
	sys_cap_delete(cl);
	sys_cap_delete(ep);
	return true;
}

static bool test_ipc_capability_transfer(void)
{
	slot_t f = new_slot(), ro = new_slot();
	struct msg m;

	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 1) == 0);
	CHECK(sys_cap_mint(f, 0, ro, RIGHT_READ, 0) == 0);
	ib->send_cap = ro;
	CHECK(sys_call(echo_client, MSG_INFO(3, 0, 1), 0, 0, 0, &m) == 0);
	CHECK(m.w[2] == 1);                 /* a capability arrived */
	CHECK(m.w[0] == CAP_FRAME);         /* of the right type */
	CHECK(m.w[1] == RIGHT_READ);        /* with the rights we gave */
	/* Without the grant right nothing moves. */
	slot_t nogrant = new_slot();
	CHECK(sys_cap_mint(echo_client, 0, nogrant, RIGHT_WRITE, 0) == 0);
	CHECK(sys_call(nogrant, MSG_INFO(3, 0, 1), 0, 0, 0, &m) == 0);
	CHECK(m.w[2] == 0);
	sys_cap_delete(nogrant);
	sys_cap_delete(ro);
	sys_cap_delete(f);
	return true;
}

static bool test_ipc_long_message(void)
{
	struct msg m;
	uint64_t sum = 1 + 2 + 3;

	for (unsigned i = IPC_REG_WORDS; i < IPC_MAX_WORDS; i++) {
		ib->mr[i] = i * 3;
		sum += i * 3;
	}
	CHECK(sys_call(echo_client, MSG_INFO(4, IPC_MAX_WORDS, 0), 1, 2, 3, &m) == 0);
	CHECK(MSG_LEN(m.info) == IPC_MAX_WORDS);
	CHECK(m.w[0] == sum);
	CHECK(m.w[1] == IPC_MAX_WORDS);
	for (unsigned i = IPC_REG_WORDS; i < IPC_MAX_WORDS; i++)
		CHECK(ib->mr[i] == 1000 + i);
	CHECK(sys_call(echo_client, MSG_INFO(4, IPC_MAX_WORDS + 1, 0), 0, 0, 0,
		       &m) == -EINVAL);
	return true;
}

static bool test_unanswered_call_fails(void)
{
	struct msg m;

	CHECK(sys_call(echo_client, MSG_INFO(5, 0, 0), 0, 0, 0, &m) == -EPIPE);
	/* The server goes on serving. */
	CHECK(sys_call(echo_client, MSG_INFO(1, 3, 0), 1, 2, 3, &m) == 0);
	CHECK(m.w[0] == 2);
	return true;
}

static volatile long later_rc = 1;
static volatile uint64_t later_w0, later_label;

static long call_answered_later(void *arg)
{
	struct msg m;

	(void)arg;
	later_rc = sys_call(echo_client, MSG_INFO(6, 0, 0), 0, 0, 0, &m);
	later_w0 = m.w[0];
	later_label = MSG_LABEL(m.info);
	return 0;
}

/* A thread in slot t (its stack in the frame at 0x38000000) whose call
 * echo saves (label 6): it is waiting once this returns true. */
static bool start_later_call(slot_t t)
{
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = t,
		.sp = 0x38004000,
	};

	later_rc = 1;
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, call_answered_later, 0) == 0);
	for (int i = 0; i < 100; i++)
		sys_yield();             /* its call is taken and saved */
	return true;
}

/* A thread's call is saved by the server, which answers us first and the
 * thread later (SYS_REPLY_SAVE, SYS_REPLY_TO); a saved reply deleted
 * unanswered fails its caller with -EPIPE. */
static bool test_reply_later(void)
{
	slot_t t = new_slot(), f = new_slot();
	struct msg m;

	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 4) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, f, 0x38000000, RIGHT_READ | RIGHT_WRITE) == 0);
	for (int round = 0; round < 2; round++) {
		CHECK(start_later_call(t));
		CHECK(later_rc == 1);        /* still waiting */
		CHECK(sys_call(echo_client, MSG_INFO(round ? 8 : 7, 0, 0), 0, 0, 0, &m) == 0);
		CHECK(m.w[0] == 0);          /* reply_to / delete went well */
		for (int i = 0; i < 20000 && later_rc == 1; i++)
			sys_yield();
		if (round == 0) {
			CHECK(later_rc == 0 && later_label == 60 && later_w0 == 66);
		} else {
			CHECK(later_rc == -EPIPE);
		}
		CHECK(wait_dead(t));
		CHECK(sys_cap_delete(t) == 0);
	}
	for (int i = 0; i < 4; i++)
		sys_unmap(ROOT_SLOT_ASPACE, 0x38000000 + i * 4096ull);
	sys_cap_delete(f);
	return true;
}

/* A Reply answered with REPLY_KEEP stays idle in its slot and is re-armed
 * by the next SYS_REPLY_SAVE into it; answering an idle Reply, unknown
 * flags and saving over an armed Reply are refused; without REPLY_KEEP
 * the capability is used up. */
static bool test_reply_kept(void)
{
	slot_t t = new_slot(), f = new_slot(), idle = new_slot();
	struct msg m;

	/* Made idle: nobody to answer, and no call of ours to save in it. */
	CHECK(sys_obj_create(POOL, CAP_REPLY, idle, 0) == 0);
	CHECK(sys_reply_to(idle, MSG_INFO(0, 0, 0), 0, 0, 0, REPLY_KEEP) == -EINVAL);
	CHECK(sys_reply_save(POOL, idle) == -EINVAL);
	CHECK(sys_cap_delete(idle) == 0);

	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 4) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, f, 0x38000000, RIGHT_READ | RIGHT_WRITE) == 0);
	for (int round = 0; round < 2; round++) {
		CHECK(start_later_call(t));
		CHECK(later_rc == 1);
		if (round == 0) {
			CHECK(sys_call(echo_client, MSG_INFO(11, 0, 0), 0, 0, 0, &m) == 0);
			CHECK((long)m.w[0] == -EEXIST);
			CHECK(sys_call(echo_client, MSG_INFO(10, 0, 0), 0, 0, 0, &m) == 0);
			CHECK((long)m.w[0] == -EINVAL);
			CHECK(later_rc == 1);    /* still waiting */
			CHECK(sys_call(echo_client, MSG_INFO(9, 0, 0), 0, 0, 0, &m) == 0);
			CHECK(m.w[0] == 0 && (long)m.w[1] == -EINVAL);
		} else {
			/* The idle Reply was re-armed for this call. */
			CHECK(sys_call(echo_client, MSG_INFO(7, 0, 0), 0, 0, 0, &m) == 0);
			CHECK(m.w[0] == 0);
		}
		for (int i = 0; i < 20000 && later_rc == 1; i++)
			sys_yield();
		CHECK(later_rc == 0);
		CHECK(later_label == (round ? 60u : 61u));
		CHECK(later_w0 == (round ? 66u : 67u));
		CHECK(wait_dead(t));
		CHECK(sys_cap_delete(t) == 0);
	}
	/* Answered without REPLY_KEEP: nothing is left in the slot. */
	CHECK(sys_call(echo_client, MSG_INFO(8, 0, 0), 0, 0, 0, &m) == 0);
	CHECK((long)m.w[0] == -EBADF);
	for (int i = 0; i < 4; i++)
		sys_unmap(ROOT_SLOT_ASPACE, 0x38000000 + i * 4096ull);
	sys_cap_delete(f);
	return true;
}

static bool test_call_dead_endpoint(void)
{
	slot_t ep = new_slot(), w = new_slot();
	struct msg m;

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_cap_mint(ep, 0, w, RIGHT_WRITE, 0) == 0);
	CHECK(sys_cap_delete(ep) == 0);   /* nobody can receive any more */
	CHECK(sys_call(w, MSG_INFO(1, 0, 0), 0, 0, 0, &m) == -EPIPE);
	CHECK(sys_send(w, MSG_INFO(1, 0, 0), 0, 0, 0) == -EPIPE);
	sys_cap_delete(w);
	return true;
}

static bool test_server_death_wakes_caller(void)
{
	struct msg m;
	slot_t ep = new_slot(), w = new_slot();

	/* The server takes the call and dies without replying. */
	CHECK(sys_call(echo_client, MSG_INFO(99, 0, 0), 0, 0, 0, &m) == -EPIPE);
	/* A server that dies before receiving: the caller waits in the send
	 * queue and fails once the last receive capability is gone. */
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(spawn_echo(ep, RIGHT_READ, 1) == 0);
	CHECK(sys_cap_mint(ep, 0, w, RIGHT_WRITE, 0) == 0);
	CHECK(sys_cap_delete(ep) == 0);
	CHECK(sys_call(w, MSG_INFO(1, 0, 0), 0, 0, 0, &m) == -EPIPE);
	sys_cap_delete(w);
	return true;
}

static bool test_pool_runs_dry(void)
{
	slot_t p = new_slot(), f[4];
	uint64_t quota, used, used0;
	long err = 0;
	int made = 0;

	CHECK(sys_pool_info(POOL, &quota, &used0) == 0);
	CHECK(sys_obj_create(POOL, CAP_MEMPOOL, p, 2 * 4096 + 1024) == 0);
	CHECK(sys_pool_info(POOL, &quota, &used) == 0);
	CHECK(used >= used0 + 2 * 4096 + 1024);
	for (int i = 0; i < 4; i++) {
		f[i] = new_slot();
		err = sys_obj_create(p, CAP_FRAME, f[i], 1);
		if (err)
			break;
		made++;
	}
	CHECK(made == 2);
	CHECK(err == -ENOMEM);
	CHECK(sys_pool_info(p, &quota, &used) == 0);
	CHECK(quota == 2 * 4096 + 1024 && used > 2 * 4096);
	for (int i = 0; i < made; i++)
		CHECK(sys_cap_delete(f[i]) == 0);
	CHECK(sys_pool_info(p, &quota, &used) == 0);
	CHECK(used == 0);
	CHECK(sys_cap_delete(p) == 0);
	CHECK(sys_pool_info(POOL, &quota, &used) == 0);
	CHECK(used == used0);  /* the child's quota came back */
	return true;
}

/* 300 capability spaces, each holding the only capability to the next:
 * deleting the head destroys them all without running the kernel off its
 * stack (destruction is iterative), and every byte comes back. */
static bool test_long_chain_destroyed(void)
{
	const int n = 300;
	slot_t head = new_slot(), s[2] = { new_slot(), new_slot() };
	uint64_t quota, used0, used1;
	slot_t prev = head;

	CHECK(sys_pool_info(POOL, &quota, &used0) == 0);
	CHECK(sys_obj_create(POOL, CAP_CSPACE, head, 0) == 0);
	for (int i = 0; i < n; i++) {
		slot_t cur = s[i % 2];
		CHECK(sys_obj_create(POOL, CAP_CSPACE, cur, 0) == 0);
		CHECK(sys_cap_copy(cur, prev, 1) == 0);
		if (prev != head)
			CHECK(sys_cap_delete(prev) == 0);
		prev = cur;
	}
	CHECK(sys_cap_delete(prev) == 0);
	CHECK(sys_pool_info(POOL, &quota, &used1) == 0);
	CHECK(used1 > used0 + (uint64_t)n * 4096);
	CHECK(sys_cap_delete(head) == 0);
	CHECK(sys_pool_info(POOL, &quota, &used1) == 0);
	CHECK(used1 == used0);
	return true;
}

static bool test_notification_signal_wait(void)
{
	slot_t n = new_slot(), b = new_slot();
	uint64_t bits;

	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, n, 0) == 0);
	CHECK(sys_cap_mint(n, 0, b, RIGHT_WRITE, 0x30) == 0);
	CHECK(sys_signal(n) == 0);
	CHECK(sys_signal(b) == 0);
	CHECK(sys_wait(n, &bits) == 0);
	CHECK(bits == 0x31);
	CHECK(sys_wait(b, &bits) == -EPERM);
	sys_cap_delete(b);
	sys_cap_delete(n);
	return true;
}

/* The harness feeds text to the serial port: its receive interrupt must
 * arrive as a signal on the notification bound to the IRQ. */
static bool test_uart_interrupt_notification(void)
{
	slot_t n = new_slot();
	uint64_t bits = 0;
	long c;
	int got = 0;

	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, n, 0) == 0);
	CHECK(sys_irq_set(ROOT_SLOT_IRQ_UART, n, 0x100) == 0);
	CHECK(sys_wait(n, &bits) == 0);
	CHECK(bits == 0x100);
	while ((c = sys_debug_read(CON)) >= 0)
		got++;
	CHECK(c == -EAGAIN);
	CHECK(got > 0);
	CHECK(sys_irq_ack(ROOT_SLOT_IRQ_UART) == 0);
	printf("  %d bytes arrived with the interrupt\n", got);
	CHECK(sys_irq_set(ROOT_SLOT_IRQ_UART, CON, 0) == -ENOTTY);
	return true;
}

static const struct guest_test tests[] = {
	{ "user_null_and_unknown_syscalls", test_null_and_unknown_syscalls },
	{ "user_bad_pointers", test_bad_user_pointers },
	{ "user_capability_errors", test_capability_errors },
	{ "user_mint_reduces_rights", test_mint_reduces_rights },
	{ "user_cap_copy_move_delete", test_copy_move_delete },
	{ "user_ipc_round_trip_badge", test_ipc_round_trip },
	{ "user_ipc_fast_path_counted", test_ipc_fast_path },
	{ "user_ipc_capability_transfer", test_ipc_capability_transfer },
	{ "user_ipc_long_message", test_ipc_long_message },
	{ "user_unanswered_call_fails", test_unanswered_call_fails },
	{ "user_reply_later", test_reply_later },
	{ "user_reply_kept", test_reply_kept },
	{ "user_call_dead_endpoint", test_call_dead_endpoint },
	{ "user_server_death_wakes_caller", test_server_death_wakes_caller },
	{ "user_pool_runs_dry", test_pool_runs_dry },
	{ "user_long_chain_destroyed", test_long_chain_destroyed },
	{ "user_notification_signal_wait", test_notification_signal_wait },
	{ "user_uart_interrupt_notification", test_uart_interrupt_notification },
	{ "clone_vm_shares_memory", test_clone_vm_shares_memory },
	{ "clone_settls", test_clone_settls },
	{ "clone_caps_share_versus_copy", test_clone_caps_share_versus_copy },
	{ "clone_cow_one_page", test_cow_one_page },
	{ "clone_cow_1000_pages", test_cow_1000_pages },
	{ "fault_illegal_instruction", test_fault_illegal },
	{ "fault_bad_access", test_fault_bad_access },
	{ "fault_breakpoint", test_fault_breakpoint },
	{ "fault_divide_by_zero", test_fault_divide },
	{ "fault_no_handler_kills", test_fault_no_handler },
	{ "kill_task_blocked_in_ipc", test_kill_blocked_in_ipc },
	{ "kill_task_blocked_in_fault", test_kill_blocked_in_fault },
	{ "suspend_resume_and_registers", test_suspend_resume_regs },
	{ "suspended_task_stays_parked", test_suspended_task_stays_parked },
	{ "pool_reclaims_cycles", test_pool_reclaims_cycles },
	{ "pool_reclaims_tasks", test_pool_reclaims_tasks },
	{ "pool_kills_running_tasks", test_pool_kills_running_tasks },
	{ "pool_destroy_unmaps_frames", test_pool_destroy_unmaps_frames },
	{ "pool_nested_destroyed", test_pool_nested_destroyed },
	{ "pool_task_destroys_its_own", test_pool_task_destroys_its_own },
	{ "unmap_frees_page_tables", test_unmap_frees_page_tables },
	{ "cspace_sizes", test_cspace_sizes },
	{ "fp_registers_kept_across_switches", test_fp_registers_kept_across_switches },
	{ "fp_clone_copies_registers", test_fp_clone_copies_registers },
	{ "fp_arithmetic_and_printf", test_fp_arithmetic_and_printf },
	{ "vm_map_info_and_protect", test_map_info_protect },
	{ "vm_protect_cow_upgrade", test_protect_cow_upgrade },
	{ "vm_page_copy", test_page_copy },
	{ "vm_map_replace", test_map_replace },
	{ "vm_map_page_range", test_map_page_range },
	{ "vm_map_zero", test_map_zero },
	{ "vm_copy_between_spaces", test_vm_copy },
	{ "clone_pager_inherits_fault_ep", test_clone_pager },
	{ "clone_sched_inherits_scheduler", test_clone_sched },
	{ "exit_reaches_pager_and_cspace_dst", test_exit_reaches_pager_and_cspace_dst },
	{ "lean_call_switch_keeps_registers", test_lean_call_switch_keeps_registers },
	{ "ipc_paths_keep_registers", test_ipc_paths_keep_registers },
	{ "libc_malloc_root_heap", test_libc_malloc_root_heap },
	{ "libc_setjmp_longjmp", test_libc_setjmp_longjmp },
	{ "libc_printf_scanf_strtod", test_libc_printf_scanf_strtod },
	{ "libc_errno_from_stubs", test_libc_errno_from_stubs },
	{ "libc_posix_process_start", test_libc_posix_process_start },
	{ "time_clock_monotonic", test_time_clock_monotonic },
	{ "time_idle_accounting", test_time_idle_accounting },
	{ "time_timer_precision", test_time_timer_precision },
	{ "time_timer_cancel_and_past", test_time_timer_cancel_and_past },
	{ "time_bad_arguments", test_time_bad_arguments },
	{ "time_cpu_alarm", test_time_cpu_alarm },
	{ "bind_pending_bits", test_bind_pending_bits },
	{ "bind_signal_wakes_recv", test_bind_signal_wakes_recv },
	{ "bind_wakes_reply_recv", test_bind_wakes_reply_recv },
	{ "bind_errors_and_unbind", test_bind_errors_and_unbind },
};

int main(const struct pith_bootinfo *info)
{
	bi = info;
	next_free = bi->first_free_slot;
	if (bi->magic != BOOTINFO_MAGIC) {
		printf("utest: bad boot info\n");
		return 1;
	}
	printf("utest: user-mode tests on %s\n", bi->arch);
	return guest_run_tests(GUEST_TESTS(tests), NULL);
}
