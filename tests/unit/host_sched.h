/*
 * A host harness for the kernel's IPC and scheduler (host_sched.c): the
 * arch's contexts are host ucontexts, so a task that blocks in kernel/ipc.c
 * or kernel/sched.c really leaves the CPU and comes back where it was.
 * Each test task runs a "program", a host function that stands for its
 * user half and makes system calls by calling the handlers directly
 * (hsys) the way syscall_entry does; the kernel's idle loop runs on a
 * context of its own, and each time nothing is runnable it comes back to
 * the test (host_run returns), with no task current.
 */
#ifndef PITH_TEST_HOST_SCHED_H
#define PITH_TEST_HOST_SCHED_H

#include <stdint.h>

#include "arch.h"
#include "object.h"
#include "task.h"

/* A pool for the tasks and objects of the tests. */
extern struct mempool *host_pool;

/* A task with its own capability space and an address space object (no
 * page tables), at prio/quantum, not started. The test holds a reference
 * (put it with obj_put when done). */
struct task *host_task(unsigned prio, unsigned quantum);
/* Start it: it runs prog(arg) when scheduled, then exits. */
void host_start(struct task *t, void (*prog)(uint64_t), uint64_t arg);
/* A capability to obj in t's space at slot. */
void host_cap(struct task *t, uint64_t slot, struct kobj *obj,
	      unsigned rights, uint64_t badge);

/* Run tasks until none is runnable; returns with current == NULL. */
void host_run(void);

/* From a program: a system call through handler h with arguments a..e;
 * the result is r->r[0], the extra results r->r[1..5]. */
long hsys(long (*h)(struct sysregs *), struct sysregs *r, uint64_t a,
	  uint64_t b, uint64_t c, uint64_t d, uint64_t e);
/* From a program: a tick interrupt taken in user mode. */
void host_tick(void);
/* From a program: block until the test wakes it (task_wake). */
void host_block(void);

/* Free the context stacks of every task that has ended (call between
 * tests, with nothing runnable). */
void host_sched_cleanup(void);

#endif
