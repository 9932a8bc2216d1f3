/*
 * procsrv: the process server, Pith's root task. It starts the system
 * (init as pid 1, from the boot image: /sbin/init, or the program named
 * by the kernel command line's init=) and then serves, forever, one
 * message at a time: calls of processes (badge kind BADGE_CALL), their
 * faults (BADGE_FAULT: it is every process's pager) and their quantum
 * reports (BADGE_SCHED); and its timers, through the notification bound
 * to it (timers.c). Get work, do it, answer (or keep the answer for
 * later), get the next: it never blocks on a client.
 */
#include <pith/lazy.h>
#include <string.h>

#include "procsrv.h"

const struct pith_bootinfo *bi;
slot_t srv_ep;

/* procsrv's large tables (area.h's table_space): a range of its own
 * space mapped page by page as they are first used, so that the kernel
 * does not zero and map them all at boot (docs/decisions.md). */
#define TABLES_VADDR 0x40000000ull   /* below signal.c's and image.c's;
				      * below 4 GiB: life.c's tid_table */
struct pith_lazy procsrv_tables = {
	.base = TABLES_VADDR, .aspace = ROOT_SLOT_ASPACE, .pool = ROOT_SLOT_POOL,
};

void *table_space(size_t bytes)
{
	return pith_lazy_alloc(&procsrv_tables, bytes);
}

int table_need(const void *p, size_t len)
{
	return pith_lazy_need(&procsrv_tables, p, len);
}

bool table_mapped(const void *p)
{
	return pith_lazy_mapped(&procsrv_tables, p);
}

uint64_t table_bytes(void)
{
	return procsrv_tables.bytes;
}

static const char *cmdline_value(const char *key, char *buf, size_t max)
{
	size_t klen = strlen(key);

	for (const char *s = bi->cmdline; *s;) {
		while (*s == ' ')
			s++;
		const char *e = s;
		while (*e && *e != ' ')
			e++;
		if ((size_t)(e - s) > klen && !strncmp(s, key, klen) && s[klen] == '=') {
			size_t n = (size_t)(e - s) - klen - 1;
			if (n >= max)
				n = max - 1;
			memcpy(buf, s + klen + 1, n);
			buf[n] = 0;
			return buf;
		}
		s = e;
	}
	return NULL;
}

static void serve_call(struct req *r)
{
	switch (MSG_LABEL(r->m.info)) {
	case PROC_GETPID: case PROC_GETPPID: case PROC_GETTID:
	case PROC_GETPGID: case PROC_SETPGID: case PROC_GETSID: case PROC_SETSID:
		do_ids(r);
		break;
	case PROC_CLONE: do_clone(r); break;
	case PROC_EXECVE: do_execve(r); break;
	case PROC_EXIT: do_exit(r); break;
	case PROC_WAIT4: do_wait4(r); break;
	case PROC_WAITID: do_waitid(r); break;
	case PROC_KILL: do_kill(r); break;
	case PROC_GETRESUID: case PROC_GETRESGID: case PROC_SETUID:
	case PROC_SETGID: case PROC_SETEUID: case PROC_SETEGID:
	case PROC_SETREUID: case PROC_SETREGID: case PROC_SETRESUID:
	case PROC_SETRESGID: case PROC_SETFSUID: case PROC_SETFSGID:
		do_creds(r);
		if (MSG_LABEL(r->m.info) > PROC_GETRESGID)
			fs_link_cred(r->p);     /* fs checks mode bits with them */
		break;
	case PROC_GETGROUPS: do_groups(r); break;
	case PROC_SETGROUPS:
		do_groups(r);
		fs_link_cred(r->p);
		break;
	case PROC_GETRLIMIT: case PROC_SETRLIMIT: case PROC_TIMES:
	case PROC_GETRUSAGE: case PROC_SYSINFO:
		do_limits(r);
		break;
	case PROC_BRK: case PROC_MMAP: case PROC_MUNMAP: case PROC_MPROTECT:
	case PROC_MEMCTL:
		do_memory(r);
		break;
	case PROC_FUTEX: do_futex(r); break;
	case PROC_SIGACTION: case PROC_SIGMASK: case PROC_SIGPENDING:
	case PROC_SIGSUSPEND: case PROC_SIGALTSTACK: case PROC_SIGRETURN:
	case PROC_TKILL: case PROC_SIGWAIT: case PROC_CLOCK_SET:
	case PROC_SIGQUEUE:
		do_signal(r);
		break;
	case PROC_SERVE: case PROC_CONNECT: case PROC_UNSERVE:
		do_names(r);
		break;
	case PROC_SETITIMER: case PROC_GETITIMER: do_itimer(r); break;
	case PROC_SETPRIORITY: case PROC_GETPRIORITY: case PROC_SCHED_SET:
	case PROC_SCHED_GET:
		do_sched(r);
		break;
	case PROC_TCGETPGRP: case PROC_TCSETPGRP: case PROC_TCSETCTTY:
		do_tty(r);
		break;
	case PROC_PS: do_ps(r); break;
	case PROC_POWEROFF: do_poweroff(r); break;
	default:
		r->w[0] = (uint64_t)-ENOSYS;
	}
}

static void serve(struct req *r)
{
	uint64_t kind = BADGE_KIND(r->m.badge);
	int sig;

	r->reply = true;
	r->w[0] = r->w[1] = r->w[2] = 0;
	r->nextra = 0;
	r->t = thread_find(BADGE_TID(r->m.badge));
	r->p = r->t ? r->t->proc : NULL;
	sig_current = r->t;   /* its signals wait for its answer */
	sig_step++;
	if (!r->t) {
		/* A task procsrv no longer knows (its process just ended):
		 * a fault or a call gets nothing useful. */
		r->w[0] = (uint64_t)-ESRCH;
		if (kind == BADGE_FAULT)
			r->reply = false;
		return;
	}
	switch (kind) {
	case BADGE_CALL:
		serve_call(r);
		break;
	case BADGE_FAULT:
		if (MSG_LABEL(r->m.info) == FAULT_EXIT) {
			/* SYS_TASK_EXIT: this thread ends (thread.c). */
			r->reply = false;
			thread_exit(r->t, (int)r->m.w[0]);
		} else if (!pager_fault(r->t, MSG_LABEL(r->m.info), r->m.w[0],
					r->m.w[1], &sig) &&
			   !sig_fault(r, sig, MSG_LABEL(r->m.info), r->m.w[0],
				      r->m.w[2])) {
			/* As Linux logs a segfault: who, where, what. */
			printf("procsrv: pid %d (%s) killed by signal %d: fault %llu "
			       "at pc %#llx, address %#llx\n", r->p->pid, r->p->comm,
			       sig, (unsigned long long)MSG_LABEL(r->m.info),
			       (unsigned long long)r->m.w[2],
			       (unsigned long long)r->m.w[0]);
			r->reply = false;
			proc_exit(r->p, signal_status(sig));
		}
		break;
	case BADGE_SCHED:
		r->reply = false;   /* answered there (SCHED_REPLY_SET) */
		sched_report(r->t, r->m.w[0]);
		break;
	default:
		r->reply = false;
	}
}

/* getpid, getppid and gettid, the cheapest and commonest calls, are
 * answered in the loop without serve()'s general set-up: true if m is
 * one (its answer in *w0). */
static inline bool quick_id(const struct msg *m, uint64_t *w0)
{
	uint64_t label = MSG_LABEL(m->info);
	struct thread *t;

	if (BADGE_KIND(m->badge) != BADGE_CALL || label < PROC_GETPID ||
	    label > PROC_GETTID || !(t = thread_find(BADGE_TID(m->badge))))
		return false;
	*w0 = id_of(t, label);
	return true;
}

int main(const struct pith_bootinfo *info)
{
	static char path[128];
	char *argv[2] = { path, NULL };
	char *envp[] = { "PATH=/bin:/sbin", "HOME=/", NULL };
	struct proc *init;
	struct req r;
	long err;

	bi = info;
	caps_init();
	area_pool_init();
	proc_table_init();
	life_init();
	exec_init();
	srv_ep = slot_get();
	if (!srv_ep || sys_obj_create(ROOT_SLOT_POOL, CAP_ENDPOINT, srv_ep, 0)) {
		printf("procsrv: no endpoint\n");
		return 1;
	}
	timers_init();
	if (!cmdline_value("init", path, sizeof(path)))
		strcpy(path, "/sbin/init");
	/* The console server, then the file server, which reaches it:
	 * init's descriptors 0, 1, 2 are fs's /dev/console. */
	if ((err = tty_start()) && err != -ENOENT)
		printf("procsrv: no console server (%ld)\n", err);
	if ((err = fs_start()))
		printf("procsrv: no file server (%ld)\n", err);
	if ((err = proc_create(NULL, &init)) || init->pid != 1 ||
	    (err = fs_link_fork(NULL, init, 0)) ||
	    (err = exec_image(init, path, argv, envp))) {
		printf("procsrv: cannot start %s (%ld)\n", path, err);
		return 1;
	}
	printf("procsrv: started %s as pid 1\n", path);
	err = sys_recv(srv_ep, &r.m);
	for (;;) {
		uint64_t w0;
		if (err) {
			err = sys_recv(srv_ep, &r.m);
			continue;
		}
		if (MSG_IS_NOTIFY(r.m.info)) {
			/* Not a message: timers or CPU alarms fired, or
			 * signals were typed on the console. */
			sig_step++;   /* threads ran since the last message */
			if (r.m.badge & TTY_NOTE_ALL)
				tty_signals(r.m.badge & TTY_NOTE_ALL);
			timers_fired(r.m.badge & ~TTY_NOTE_ALL);
			err = sys_recv(srv_ep, &r.m);
			continue;
		}
		if (quick_id(&r.m, &w0)) {
			err = pith_ipc(SYS_REPLY_RECV, srv_ep,
				       MSG_INFO(0, IPC_REG_WORDS, 0), w0, 0, 0, &r.m);
			continue;
		}
		serve(&r);
		if (r.reply && sig_any_pending(&r) && sig_after_call(&r)) {
			/* Answered there, with a signal frame after. */
			err = sys_recv(srv_ep, &r.m);
			continue;
		}
		sig_current = NULL;
		if (r.reply) {
			struct ipc_buffer *ib = (struct ipc_buffer *)ROOT_IPCBUF_VADDR;
			for (unsigned i = 0; i < r.nextra; i++)
				ib->mr[IPC_REG_WORDS + i] = r.extra[i];
			err = pith_ipc(SYS_REPLY_RECV, srv_ep,
				       MSG_INFO(0, IPC_REG_WORDS + r.nextra, 0),
				       r.w[0], r.w[1], r.w[2], &r.m);
		} else {
			err = sys_recv(srv_ep, &r.m);
		}
	}
}
