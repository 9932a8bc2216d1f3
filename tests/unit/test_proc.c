/*
 * servers/procsrv: the process table (proc.c), groups and sessions
 * (pgrp.c), credentials and limits (cred.c). Pid allocation (upward,
 * wrapping to 2, skipping every number in use as a pid, pgid, sid or
 * tid, a full table); the tree and re-parenting order; wait's matching;
 * every error of setpgid/setsid/getpgid/getsid; each set*id call's
 * allowed and refused cases for root and others; kill's permission;
 * exec of set-id programs; resource limits.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#include "lazy_tables.h"
#include "proc.h"
#include "uapi/errno.h"

#define NONE ((uint32_t)-1)

static void reset(void)
{
	area_pool_init();
	proc_table_init();
}

/* What fork does to the table: a new record, a child of parent, in its
 * group and session with its credentials. */
static struct proc *fork_of(struct proc *parent)
{
	struct proc *p = proc_alloc();

	if (!p)
		return NULL;
	proc_link(parent, p);
	p->pgid = parent->pgid;
	p->sid = parent->sid;
	p->cred = parent->cred;
	return p;
}

/* init as boot makes it: pid 1, leader of group and session 1. */
static struct proc *make_init(void)
{
	struct proc *init = proc_alloc();

	init->pgid = init->sid = init->pid;
	return init;
}

/* Allocate and free until the last pid given is `last`. */
static void advance_to(int32_t last)
{
	for (;;) {
		struct proc *p = proc_alloc();
		int32_t pid = p->pid;

		proc_free(p);
		if (pid == last)
			return;
	}
}

/* ---- pids ---------------------------------------------------------------- */

static void test_alloc_defaults(void)
{
	struct proc *p;
	struct rlim def[RLIM_NLIMITS];

	reset();
	CHECK_EQ(proc_count(), 0);
	CHECK(proc_first() == NULL);
	p = proc_alloc();
	CHECK(p != NULL);
	CHECK_EQ(p->pid, 1);
	CHECK_EQ(p->state, PROC_RUNNING);
	CHECK(p->parent == NULL && p->children == NULL && p->sibling == NULL);
	CHECK_EQ(p->pgid, 0);
	CHECK_EQ(p->sid, 0);
	CHECK(!p->execed);
	CHECK_EQ(p->cred.ruid | p->cred.euid | p->cred.suid | p->cred.fsuid, 0);
	CHECK_EQ(p->cred.rgid | p->cred.egid | p->cred.sgid | p->cred.fsgid, 0);
	CHECK_EQ(p->cred.ngroups, 0);
	proc_default_rlimits(def);
	CHECK(memcmp(def, p->rlim, sizeof(def)) == 0);
	CHECK(p->mm.head == NULL && p->threads == NULL);
	CHECK(proc_find(1) == p);
	CHECK_EQ(proc_count(), 1);
}

static void test_alloc_upward(void)
{
	struct proc *a, *b, *c, *d;

	reset();
	make_init();
	a = proc_alloc();
	b = proc_alloc();
	c = proc_alloc();
	CHECK_EQ(a->pid, 2);
	CHECK_EQ(b->pid, 3);
	CHECK_EQ(c->pid, 4);
	/* A freed pid is not given again at once. */
	proc_free(b);
	CHECK(proc_find(3) == NULL);
	d = proc_alloc();
	CHECK_EQ(d->pid, 5);
	CHECK(proc_find(5) == d);
	/* The freed record is reused, wiped. */
	CHECK_EQ(proc_count(), 4);
	CHECK(proc_find(0) == NULL);
	CHECK(proc_find(-3) == NULL);
	CHECK(proc_find(PID_MAX) == NULL);
	CHECK(proc_find(99) == NULL);
}

/* After PID_MAX - 1 the count starts again at 2, skipping numbers in use
 * as pids (zombies too), group or session ids, or thread ids. At the
 * wrap 3, 5, 7, 9 and 11 are each held by one rule and the even numbers
 * are free, so each rule is seen on its own. */
static void test_alloc_wrap(void)
{
	struct proc *p3, *z, *holder, *q;
	struct thread t = {0};

	reset();
	make_init();
	for (int32_t pid = 2; pid <= 12; pid++)
		CHECK_EQ(proc_alloc()->pid, pid);
	for (int32_t pid = 2; pid <= 12; pid++)
		if (pid != 3 && pid != 9)
			proc_free(proc_find(pid));
	p3 = proc_find(3);             /* 3: a live pid */
	z = proc_find(9);              /* 9: a zombie's pid */
	z->state = PROC_ZOMBIE;
	holder = proc_alloc();
	CHECK_EQ(holder->pid, 13);
	holder->pgid = 5;              /* 5: a group */
	holder->sid = 7;               /* 7: a session */
	t.tid = 11;                    /* 11: a thread of 3 */
	t.proc = p3;
	p3->threads = &t;

	advance_to(PID_MAX - 1);
	q = proc_alloc();
	CHECK_EQ(q->pid, 2);           /* wrapped, not to 1 */
	CHECK_EQ(proc_alloc()->pid, 4);
	CHECK_EQ(proc_alloc()->pid, 6);
	CHECK_EQ(proc_new_tid(), 8);   /* tids are given by the same rule */
	CHECK_EQ(proc_alloc()->pid, 10);
	CHECK_EQ(proc_new_tid(), 12);
	CHECK_EQ(proc_alloc()->pid, 14);
	p3->threads = NULL;
}

/* 1 is given once: with init gone, a full turn never gives it again. */
static void test_pid1_once(void)
{
	int32_t lowest = PID_MAX;
	struct proc *p;

	reset();
	p = proc_alloc();
	CHECK_EQ(p->pid, 1);
	proc_free(p);
	for (int i = 0; i < PID_MAX + 10; i++) {
		p = proc_alloc();
		if (p->pid < lowest)
			lowest = p->pid;
		proc_free(p);
	}
	CHECK_EQ(lowest, 2);
}

static void test_table_full(void)
{
	static struct thread threads[PID_MAX];
	struct proc *p, *last = NULL;
	uint32_t n = 0;

	reset();
	while ((p = proc_alloc()) != NULL) {
		last = p;
		n++;
	}
	CHECK_EQ(n, PROC_MAX);
	CHECK_EQ(proc_count(), PROC_MAX);
	n = 0;
	for (p = proc_first(); p; p = proc_next(p))
		n++;
	CHECK_EQ(n, PROC_MAX);
	proc_free(last);
	p = proc_alloc();
	CHECK(p != NULL);
	CHECK_EQ(p->pid, PROC_MAX + 1);
	CHECK(proc_alloc() == NULL);

	/* A table with room but no free number: threads hold every one. */
	proc_free(p);
	p = proc_first();
	for (int32_t i = 1, k = 0; i < PID_MAX; i++) {
		if (proc_find(i))
			continue;
		threads[k].tid = (uint32_t)i;
		threads[k].next = p->threads;
		p->threads = &threads[k++];
	}
	CHECK(proc_alloc() == NULL);
	CHECK_EQ(proc_new_tid(), 0);
	CHECK_EQ(proc_count(), PROC_MAX - 1);
	/* One thread gone frees its number. */
	CHECK_EQ(p->threads->tid, PID_MAX - 1);
	p->threads = p->threads->next;
	last = proc_alloc();
	CHECK(last != NULL);
	if (last)
		CHECK_EQ(last->pid, PID_MAX - 1);
	p->threads = NULL;
}

/* The table is mapped as it is first used (the fake makes any other
 * access crash): the first process maps a page; with no memory for another page, a process whose record
 * needs one is refused (as a full table) and nothing changes. Run
 * first, on pages nothing mapped yet. */
static void test_table_lazy(void)
{
	unsigned before, on_page = 4096 / sizeof(struct proc), n = 1;
	struct proc *p;

	reset();
	before = table_pages_mapped;
	p = proc_alloc();
	CHECK(p != NULL);
	CHECK_EQ(table_pages_mapped, before + 1);
	CHECK(proc_alloc() != NULL);            /* the same page */
	CHECK_EQ(table_pages_mapped, before + 1);
	table_fail_after = 0;
	for (n = 2; proc_alloc(); n++)
		;
	CHECK_EQ(n, on_page);                   /* records wholly on page 0 */
	CHECK_EQ(proc_count(), on_page);
	CHECK_EQ(table_pages_mapped, before + 1);
	table_fail_after = -1;
	p = proc_alloc();                       /* memory again */
	CHECK(p != NULL);
	CHECK_EQ(proc_count(), on_page + 1);
	CHECK(proc_find(p->pid) == p);
	CHECK(proc_find(PID_MAX - 1) == NULL);
	/* A freed record is used again before a new one. */
	struct proc *first = proc_first();
	proc_free(first);
	CHECK(proc_alloc() == first);
}

static void test_iterate_count(void)
{
	struct proc *a, *b, *c;
	uint32_t seen = 0;

	reset();
	a = proc_alloc();
	b = proc_alloc();
	c = proc_alloc();
	a->cred.ruid = 0;
	b->cred.ruid = 1000;
	c->cred.ruid = 1000;
	c->state = PROC_ZOMBIE;
	CHECK_EQ(proc_count(), 3);
	CHECK_EQ(proc_count_uid(1000), 2);
	CHECK_EQ(proc_count_uid(0), 1);
	CHECK_EQ(proc_count_uid(5), 0);
	proc_free(b);
	CHECK_EQ(proc_count_uid(1000), 1);
	for (struct proc *p = proc_first(); p; p = proc_next(p)) {
		CHECK(p == a || p == c);
		seen++;
	}
	CHECK_EQ(seen, 2);
	CHECK(proc_first() == a);
	CHECK(proc_next(a) == c);
	CHECK(proc_next(c) == NULL);
}

/* proc_free unlinks a record still in a tree and empties its map. */
static void test_free_cleans(void)
{
	struct proc *init, *a, *b;

	reset();
	init = make_init();
	a = fork_of(init);
	b = fork_of(init);
	CHECK_EQ(area_add(&a->mm, 0x1000, 0x3000, AREA_R, AREA_ANON, 0, 0), 0);
	CHECK_EQ(area_add(&a->mm, 0x8000, 0x9000, AREA_R, AREA_FILE, 0, 0), 0);
	CHECK_EQ(area_pool_free(), AREA_POOL - 2);
	proc_free(a);
	CHECK_EQ(area_pool_free(), AREA_POOL);
	CHECK(init->children == b);
	CHECK(b->sibling == NULL);
}

/* ---- the tree ------------------------------------------------------------ */

static void test_tree(void)
{
	struct proc *init, *p, *c[4], *x;

	reset();
	init = make_init();
	p = fork_of(init);
	for (int i = 0; i < 4; i++)
		c[i] = fork_of(p);
	CHECK(p->children == c[0]);
	CHECK(c[0]->sibling == c[1] && c[1]->sibling == c[2]);
	CHECK(c[2]->sibling == c[3] && c[3]->sibling == NULL);
	for (int i = 0; i < 4; i++)
		CHECK(c[i]->parent == p);

	proc_unlink(c[1]);  /* middle */
	CHECK(c[1]->parent == NULL && c[1]->sibling == NULL);
	CHECK(c[0]->sibling == c[2]);
	proc_unlink(c[0]);  /* first */
	CHECK(p->children == c[2]);
	proc_unlink(c[3]);  /* last */
	CHECK(c[2]->sibling == NULL);
	proc_unlink(c[3]);  /* not linked: nothing happens */
	CHECK(p->children == c[2]);
	proc_link(p, c[0]);
	proc_link(p, c[1]);
	proc_link(p, c[3]);
	CHECK(p->children == c[2] && c[2]->sibling == c[0]);
	CHECK(c[0]->sibling == c[1] && c[1]->sibling == c[3]);
	CHECK(c[3]->sibling == NULL);

	/* Orphans go to init after its own children, in their order. */
	x = fork_of(init);
	c[0]->state = PROC_ZOMBIE;
	c[3]->state = PROC_ZOMBIE;
	CHECK_EQ(proc_reparent_children(p, init), 2);
	CHECK(p->children == NULL);
	CHECK(init->children == p && p->sibling == x);
	CHECK(x->sibling == c[2] && c[2]->sibling == c[0]);
	CHECK(c[0]->sibling == c[1] && c[1]->sibling == c[3]);
	CHECK(c[3]->sibling == NULL);
	for (int i = 0; i < 4; i++)
		CHECK(c[i]->parent == init);
	CHECK_EQ(proc_reparent_children(p, init), 0);  /* none left */

	/* To an init with no children of its own. */
	reset();
	init = make_init();
	p = proc_alloc();
	c[0] = fork_of(p);
	c[1] = fork_of(p);
	CHECK_EQ(proc_reparent_children(p, init), 0);
	CHECK(init->children == c[0] && c[0]->sibling == c[1]);
	CHECK(c[1]->sibling == NULL && c[1]->parent == init);
}

/* ---- wait ---------------------------------------------------------------- */

static void test_wait(void)
{
	struct proc *init, *p, *c1, *c2, *c3, *other, *z;
	bool any;

	reset();
	init = make_init();
	p = fork_of(init);
	p->pgid = 10;
	c1 = fork_of(p);           /* group 10 */
	c2 = fork_of(p);
	c2->pgid = 20;
	c3 = fork_of(p);
	c3->pgid = 20;
	other = fork_of(init);     /* group 1; moved to 10 below */
	other->pgid = 10;

	CHECK(proc_wait_matches(p, c1, c1->pid));
	CHECK(!proc_wait_matches(p, c2, c1->pid));
	CHECK(!proc_wait_matches(p, other, other->pid));  /* not a child */
	CHECK(proc_wait_matches(p, c1, -1));
	CHECK(proc_wait_matches(p, c3, -1));
	CHECK(!proc_wait_matches(p, other, -1));
	CHECK(proc_wait_matches(p, c1, 0));
	CHECK(!proc_wait_matches(p, c2, 0));
	CHECK(!proc_wait_matches(p, other, 0));
	CHECK(proc_wait_matches(p, c2, -20));
	CHECK(proc_wait_matches(p, c3, -20));
	CHECK(!proc_wait_matches(p, c1, -20));
	CHECK(proc_wait_matches(p, c1, -10));
	CHECK(!proc_wait_matches(p, c1, INT32_MIN));

	/* waitid's form of the same choice; wait4's pid turned into it. */
	struct proc_wait_sel sel = proc_wait_select(p, 0);
	CHECK(sel.idtype == PROC_P_PGID && sel.id == 10);
	sel = proc_wait_select(p, -1);
	CHECK(sel.idtype == PROC_P_ALL);
	sel = proc_wait_select(p, c2->pid);
	CHECK(sel.idtype == PROC_P_PID && sel.id == c2->pid);
	sel = proc_wait_select(p, INT32_MIN);
	CHECK(sel.idtype == PROC_P_PGID && sel.id == -(int64_t)INT32_MIN);
	CHECK(proc_wait_selects(p, c3, (struct proc_wait_sel){ PROC_P_ALL, 0 }));
	CHECK(!proc_wait_selects(p, other, (struct proc_wait_sel){ PROC_P_ALL, 0 }));
	CHECK(proc_wait_selects(p, c2, (struct proc_wait_sel){ PROC_P_PID, c2->pid }));
	CHECK(!proc_wait_selects(p, c3, (struct proc_wait_sel){ PROC_P_PID, c2->pid }));
	CHECK(proc_wait_selects(p, c3, (struct proc_wait_sel){ PROC_P_PGID, 20 }));
	CHECK(!proc_wait_selects(p, c1, (struct proc_wait_sel){ PROC_P_PGID, 20 }));
	CHECK(!proc_wait_selects(p, other, (struct proc_wait_sel){ PROC_P_PGID, 10 }));
	/* Group 1 is a group (init's), not "any child" as wait4's -1. */
	CHECK(!proc_wait_selects(p, c1, (struct proc_wait_sel){ PROC_P_PGID, 1 }));
	CHECK(!proc_wait_selects(p, c1, (struct proc_wait_sel){ 3, c1->pid }));

	/* No zombie yet: nothing to reap, but there are children. */
	CHECK(proc_wait_find(p, -1, &any) == NULL);
	CHECK(any);
	c3->state = PROC_ZOMBIE;
	CHECK(proc_wait_find(p, -1, &any) == c3 && any);
	CHECK(proc_wait_find(p, -20, &any) == c3 && any);
	CHECK(proc_wait_find(p, c3->pid, &any) == c3 && any);
	CHECK(proc_wait_find(p, c1->pid, &any) == NULL && any);
	CHECK(proc_wait_find(p, 0, &any) == NULL && any);
	CHECK(proc_wait_find(p, -30, &any) == NULL && !any);
	CHECK(proc_wait_find(p, other->pid, &any) == NULL && !any);
	CHECK(proc_wait_find(p, 12345, &any) == NULL && !any);
	CHECK(proc_wait_find(p, INT32_MIN, &any) == NULL && !any);
	/* The first zombie in the children's order comes first. */
	c2->state = PROC_ZOMBIE;
	CHECK(proc_wait_find(p, -1, &any) == c2);
	c1->state = PROC_STOPPED;
	CHECK(proc_wait_find(p, 0, &any) == NULL && any);

	/* A process without children. */
	z = fork_of(init);
	CHECK(proc_wait_find(z, -1, &any) == NULL && !any);
	CHECK(proc_wait_find(z, 0, &any) == NULL && !any);
}

/* ---- groups and sessions -------------------------------------------------- */

static struct proc *init_, *sh, *a, *b;

/* init (session 1); sh, its child, leads session and group sh; a and b
 * are sh's children in sh's group. */
static void sessions(void)
{
	reset();
	init_ = make_init();
	sh = fork_of(init_);
	CHECK_EQ(proc_setsid(sh), sh->pid);
	CHECK_EQ(sh->sid, sh->pid);
	CHECK_EQ(sh->pgid, sh->pid);
	a = fork_of(sh);
	b = fork_of(sh);
}

static void test_setpgid(void)
{
	struct proc *c, *other, *g;

	sessions();
	CHECK_EQ(proc_setpgid(sh, a->pid, -1), -EINVAL);
	CHECK_EQ(proc_setpgid(sh, 9999, 0), -ESRCH);
	CHECK_EQ(proc_setpgid(sh, -5, 3), -ESRCH);
	CHECK_EQ(proc_setpgid(sh, -5, 0), -EINVAL);  /* pgid = pid = -5 */
	other = fork_of(init_);   /* not sh's child */
	CHECK_EQ(proc_setpgid(sh, other->pid, 0), -ESRCH);
	c = fork_of(a);           /* a grandchild */
	CHECK_EQ(proc_setpgid(sh, c->pid, 0), -ESRCH);
	CHECK_EQ(proc_setpgid(sh, init_->pid, 0), -ESRCH);  /* its parent */

	/* A child that has exec'd: EACCES. */
	a->execed = true;
	CHECK_EQ(proc_setpgid(sh, a->pid, 0), -EACCES);
	CHECK_EQ(a->pgid, sh->pid);
	/* ... though it may still move itself. */
	CHECK_EQ(proc_setpgid(a, 0, 0), 0);
	CHECK_EQ(a->pgid, a->pid);
	CHECK_EQ(proc_setpgid(a, 0, sh->pid), 0);
	CHECK_EQ(a->pgid, sh->pid);
	a->execed = false;

	/* A child in another session: EPERM, before EACCES (Linux). */
	c = fork_of(sh);
	c->sid = 77;
	c->pgid = 77;
	c->execed = true;
	CHECK_EQ(proc_setpgid(sh, c->pid, 0), -EPERM);
	CHECK_EQ(c->pgid, 77);
	/* A child leading its own session: EPERM. */
	CHECK_EQ(proc_setsid(b), b->pid);
	CHECK_EQ(proc_setpgid(sh, b->pid, b->pid), -EPERM);
	/* The caller itself leading a session: EPERM. */
	CHECK_EQ(proc_setpgid(sh, 0, 0), -EPERM);
	CHECK_EQ(proc_setpgid(sh, sh->pid, sh->pid), -EPERM);

	/* A group that does not exist, or exists in another session. */
	sessions();
	CHECK_EQ(proc_setpgid(sh, a->pid, 4242), -EPERM);
	CHECK_EQ(proc_setpgid(sh, a->pid, init_->pid), -EPERM);
	CHECK_EQ(a->pgid, sh->pid);

	/* The job-control dance: a new group, another member, back again. */
	CHECK_EQ(proc_setpgid(sh, a->pid, 0), 0);
	CHECK_EQ(a->pgid, a->pid);
	CHECK_EQ(proc_setpgid(sh, b->pid, a->pid), 0);
	CHECK_EQ(b->pgid, a->pid);
	CHECK_EQ(proc_setpgid(b, 0, 0), 0);   /* the caller, its own group */
	CHECK_EQ(b->pgid, b->pid);
	CHECK_EQ(proc_setpgid(b, b->pid, sh->pid), 0);
	CHECK_EQ(b->pgid, sh->pid);
	CHECK_EQ(proc_setpgid(sh, a->pid, sh->pid), 0);
	CHECK_EQ(a->pgid, sh->pid);

	/* A group whose only member is a zombie still exists (Linux). */
	g = fork_of(sh);
	CHECK_EQ(proc_setpgid(sh, g->pid, 0), 0);
	g->state = PROC_ZOMBIE;
	CHECK(!proc_pgrp_exists(g->pid));
	CHECK_EQ(proc_setpgid(sh, a->pid, g->pid), 0);
	CHECK_EQ(a->pgid, g->pid);
	CHECK(proc_pgrp_exists(g->pid));
}

static void test_setsid(void)
{
	struct proc *c;
	int32_t old_sid;

	sessions();
	/* sh leads a session already. */
	CHECK_EQ(proc_setsid(sh), -EPERM);
	/* a leads its own group: EPERM, nothing changed. */
	CHECK_EQ(proc_setpgid(sh, a->pid, 0), 0);
	old_sid = a->sid;
	CHECK_EQ(proc_setsid(a), -EPERM);
	CHECK_EQ(a->sid, old_sid);
	CHECK_EQ(a->pgid, a->pid);
	/* a leaves its group, b is still in it: a's pid still names a
	 * group, so still EPERM. */
	CHECK_EQ(proc_setpgid(sh, b->pid, a->pid), 0);
	CHECK_EQ(proc_setpgid(sh, a->pid, sh->pid), 0);
	CHECK_EQ(proc_setsid(a), -EPERM);
	/* Even when the one left there is a zombie. */
	b->state = PROC_ZOMBIE;
	CHECK_EQ(proc_setsid(a), -EPERM);
	/* Once b is reaped the group is gone and a may start a session. */
	proc_unlink(b);
	proc_free(b);
	CHECK_EQ(proc_setsid(a), a->pid);
	CHECK_EQ(a->sid, a->pid);
	CHECK_EQ(a->pgid, a->pid);
	/* A plain member of another group gets a session at once. */
	c = fork_of(sh);
	CHECK_EQ(proc_setsid(c), c->pid);
	CHECK_EQ(proc_getsid(c, 0), c->pid);
	CHECK_EQ(proc_getpgid(c, 0), c->pid);
}

static void test_getpgid_getsid(void)
{
	sessions();
	CHECK_EQ(proc_setpgid(sh, a->pid, 0), 0);
	CHECK_EQ(proc_getpgid(a, 0), a->pid);
	CHECK_EQ(proc_getpgid(b, a->pid), a->pid);
	CHECK_EQ(proc_getpgid(b, 0), sh->pid);
	CHECK_EQ(proc_getpgid(b, init_->pid), 1);
	CHECK_EQ(proc_getpgid(b, 9999), -ESRCH);
	CHECK_EQ(proc_getpgid(b, -2), -ESRCH);
	CHECK_EQ(proc_getsid(a, 0), sh->pid);
	CHECK_EQ(proc_getsid(a, init_->pid), 1);   /* another session: allowed */
	CHECK_EQ(proc_getsid(a, 9999), -ESRCH);
	CHECK_EQ(proc_getsid(a, -2), -ESRCH);
	/* A zombie exists until reaped. */
	b->state = PROC_ZOMBIE;
	CHECK_EQ(proc_getpgid(a, b->pid), sh->pid);
	CHECK_EQ(proc_getsid(a, b->pid), sh->pid);
	proc_unlink(b);
	int32_t bpid = b->pid;
	proc_free(b);
	CHECK_EQ(proc_getpgid(a, bpid), -ESRCH);
	CHECK_EQ(proc_getsid(a, bpid), -ESRCH);

	CHECK(proc_pgrp_exists(sh->pid));
	CHECK(proc_pgrp_exists(a->pid));
	CHECK(!proc_pgrp_exists(4242));
	CHECK(!proc_pgrp_exists(0));
	CHECK(!proc_pgrp_exists(-1));
}

/* ---- credentials ---------------------------------------------------------- */

static struct cred uids(uint32_t r, uint32_t e, uint32_t s)
{
	struct cred c = {0};

	c.ruid = r;
	c.euid = e;
	c.suid = s;
	c.fsuid = e;
	return c;
}

static struct cred gids(uint32_t euid, uint32_t r, uint32_t e, uint32_t s)
{
	struct cred c = uids(euid, euid, euid);

	c.rgid = r;
	c.egid = e;
	c.sgid = s;
	c.fsgid = e;
	return c;
}

/* The four ids of family x (u or g): CHECK_IDS(c, u, ...) checks ruid,
 * euid, suid and fsuid. */
#define CHECK_IDS(c, x, want_r, want_e, want_s, want_fs)                \
	do {                                                              \
		CHECK_EQ((c).r##x##id, want_r);                           \
		CHECK_EQ((c).e##x##id, want_e);                           \
		CHECK_EQ((c).s##x##id, want_s);                           \
		CHECK_EQ((c).fs##x##id, want_fs);                         \
	} while (0)
#define CHECK_UIDS(c, ...) CHECK_IDS(c, u, __VA_ARGS__)
#define CHECK_GIDS(c, ...) CHECK_IDS(c, g, __VA_ARGS__)

static void test_setuid(void)
{
	struct cred c = uids(0, 0, 0);

	/* Root sets all three, and is root no more. */
	CHECK_EQ(cred_setuid(&c, 1000), 0);
	CHECK_UIDS(c, 1000, 1000, 1000, 1000);
	CHECK_EQ(cred_setuid(&c, 0), -EPERM);
	CHECK_UIDS(c, 1000, 1000, 1000, 1000);
	CHECK_EQ(cred_setuid(&c, NONE), -EINVAL);

	/* A set-uid-root program run by 1000: privileged, all three. */
	c = uids(1000, 0, 0);
	CHECK_EQ(cred_setuid(&c, 1000), 0);
	CHECK_UIDS(c, 1000, 1000, 1000, 1000);

	/* Unprivileged: only the effective id, to the real or saved one. */
	c = uids(1000, 1001, 1002);
	CHECK_EQ(cred_setuid(&c, 1002), 0);
	CHECK_UIDS(c, 1000, 1002, 1002, 1002);
	CHECK_EQ(cred_setuid(&c, 1000), 0);
	CHECK_UIDS(c, 1000, 1000, 1002, 1000);
	CHECK_EQ(cred_setuid(&c, 1001), -EPERM);  /* the old euid is gone */
	CHECK_EQ(cred_setuid(&c, 5), -EPERM);
	CHECK_UIDS(c, 1000, 1000, 1002, 1000);
	CHECK_EQ(cred_setuid(&c, 0), -EPERM);
	CHECK_EQ(cred_setuid(&c, NONE), -EINVAL);
}

static void test_seteuid(void)
{
	struct cred c = uids(1000, 0, 0);

	/* The saved id lets a set-uid program drop and regain root. */
	CHECK_EQ(cred_seteuid(&c, 1000), 0);
	CHECK_UIDS(c, 1000, 1000, 0, 1000);
	CHECK_EQ(cred_seteuid(&c, 0), 0);
	CHECK_UIDS(c, 1000, 0, 0, 0);
	/* Root's seteuid sets only the effective id. */
	c = uids(0, 0, 0);
	CHECK_EQ(cred_seteuid(&c, 555), 0);
	CHECK_UIDS(c, 0, 555, 0, 555);
	CHECK_EQ(cred_seteuid(&c, 777), -EPERM);  /* not root now */
	CHECK_EQ(cred_seteuid(&c, 0), 0);         /* the real and saved id */
	CHECK_EQ(cred_seteuid(&c, NONE), -EINVAL);
	CHECK_UIDS(c, 0, 0, 0, 0);
	c = uids(1, 2, 3);
	CHECK_EQ(cred_seteuid(&c, 3), 0);
	CHECK_EQ(cred_seteuid(&c, 1), 0);
	CHECK_EQ(cred_seteuid(&c, 4), -EPERM);
	CHECK_UIDS(c, 1, 1, 3, 1);
}

static void test_setreuid(void)
{
	struct cred c;

	/* The real id may become the effective one; setting the real id
	 * sets the saved id to the new effective one. */
	c = uids(1, 2, 3);
	CHECK_EQ(cred_setreuid(&c, 2, NONE), 0);
	CHECK_UIDS(c, 2, 2, 2, 2);
	/* ... but not the saved one. */
	c = uids(1, 2, 3);
	CHECK_EQ(cred_setreuid(&c, 3, NONE), -EPERM);
	CHECK_UIDS(c, 1, 2, 3, 2);
	/* The effective id may become the saved one; it is not the old
	 * real id, so the saved id follows. */
	CHECK_EQ(cred_setreuid(&c, NONE, 3), 0);
	CHECK_UIDS(c, 1, 3, 3, 3);
	/* Unchanged but not the real id: the saved id still follows. */
	c = uids(1, 2, 3);
	CHECK_EQ(cred_setreuid(&c, NONE, 2), 0);
	CHECK_UIDS(c, 1, 2, 2, 2);
	/* To the real id: the saved id stays. */
	c = uids(1, 2, 3);
	CHECK_EQ(cred_setreuid(&c, NONE, 1), 0);
	CHECK_UIDS(c, 1, 1, 3, 1);
	/* -1, -1 changes nothing (but the fs id, back to euid). */
	c = uids(1, 2, 3);
	c.fsuid = 3;
	CHECK_EQ(cred_setreuid(&c, NONE, NONE), 0);
	CHECK_UIDS(c, 1, 2, 3, 2);
	/* One refused half refuses the whole call. */
	CHECK_EQ(cred_setreuid(&c, NONE, 9), -EPERM);
	CHECK_EQ(cred_setreuid(&c, 2, 9), -EPERM);
	CHECK_EQ(cred_setreuid(&c, 9, 1), -EPERM);
	CHECK_UIDS(c, 1, 2, 3, 2);
	/* The classic swap, and back. */
	c = uids(1, 2, 2);
	CHECK_EQ(cred_setreuid(&c, 2, 1), 0);
	CHECK_UIDS(c, 2, 1, 1, 1);
	CHECK_EQ(cred_setreuid(&c, 1, 2), 0);
	CHECK_UIDS(c, 1, 2, 2, 2);
	/* Root: anything, saved follows. */
	c = uids(0, 0, 0);
	CHECK_EQ(cred_setreuid(&c, 5, 6), 0);
	CHECK_UIDS(c, 5, 6, 6, 6);
	CHECK_EQ(cred_setreuid(&c, 0, NONE), -EPERM);
	c = uids(0, 0, 0);      /* unlike seteuid, the saved id follows */
	CHECK_EQ(cred_setreuid(&c, NONE, 5), 0);
	CHECK_UIDS(c, 0, 5, 5, 5);
	CHECK_EQ(cred_setreuid(&c, NONE, 0), 0);   /* the real id: allowed */
	CHECK_UIDS(c, 0, 0, 5, 0);
	c = uids(1000, 0, 0);   /* set-uid root: euid counts */
	CHECK_EQ(cred_setreuid(&c, 7, NONE), 0);
	CHECK_UIDS(c, 7, 0, 0, 0);
	c = uids(0, 1000, 0);   /* real root, effective not: refused */
	CHECK_EQ(cred_setreuid(&c, 7, NONE), -EPERM);
	CHECK_EQ(cred_setreuid(&c, NONE, 7), -EPERM);
	CHECK_EQ(cred_setreuid(&c, NONE, 0), 0);
	CHECK_UIDS(c, 0, 0, 0, 0);
}

static void test_setresuid(void)
{
	struct cred c = uids(1, 2, 3);

	CHECK_EQ(cred_setresuid(&c, 3, 1, 2), 0);  /* any permutation */
	CHECK_UIDS(c, 3, 1, 2, 1);
	CHECK_EQ(cred_setresuid(&c, 1, 1, 1), 0);
	CHECK_UIDS(c, 1, 1, 1, 1);
	c = uids(1, 2, 3);
	CHECK_EQ(cred_setresuid(&c, 4, NONE, NONE), -EPERM);
	CHECK_EQ(cred_setresuid(&c, NONE, 4, NONE), -EPERM);
	CHECK_EQ(cred_setresuid(&c, NONE, NONE, 4), -EPERM);
	CHECK_EQ(cred_setresuid(&c, 1, 2, 4), -EPERM);
	CHECK_UIDS(c, 1, 2, 3, 2);
	CHECK_EQ(cred_setresuid(&c, NONE, 3, NONE), 0);
	CHECK_UIDS(c, 1, 3, 3, 3);
	CHECK_EQ(cred_setresuid(&c, NONE, NONE, 1), 0);
	CHECK_UIDS(c, 1, 3, 1, 3);
	CHECK_EQ(cred_setresuid(&c, NONE, NONE, NONE), 0);
	CHECK_UIDS(c, 1, 3, 1, 3);
	c = uids(0, 0, 0);
	CHECK_EQ(cred_setresuid(&c, 10, 20, 30), 0);
	CHECK_UIDS(c, 10, 20, 30, 20);
	CHECK_EQ(cred_setresuid(&c, 0, NONE, NONE), -EPERM);
	c = uids(0, 0, 0);
	CHECK_EQ(cred_setresuid(&c, NONE, 20, NONE), 0);
	CHECK_UIDS(c, 0, 20, 0, 20);
}

static void test_setfsuid(void)
{
	struct cred c = uids(1, 2, 3);

	CHECK_EQ(cred_setfsuid(&c, 3), 2);   /* the saved id: allowed */
	CHECK_EQ(c.fsuid, 3);
	CHECK_EQ(cred_setfsuid(&c, 9), 3);   /* refused: old value, no change */
	CHECK_EQ(c.fsuid, 3);
	CHECK_EQ(cred_setfsuid(&c, NONE), 3);  /* the way to read it */
	CHECK_EQ(c.fsuid, 3);
	CHECK_EQ(cred_setfsuid(&c, 1), 3);
	CHECK_EQ(cred_setfsuid(&c, 1), 1);   /* to itself */
	CHECK_UIDS(c, 1, 2, 3, 1);
	/* A later euid change brings it back to the euid. */
	CHECK_EQ(cred_seteuid(&c, 3), 0);
	CHECK_EQ(c.fsuid, 3);
	CHECK_EQ(cred_setfsuid(&c, 1), 3);
	CHECK_EQ(cred_setuid(&c, 3), 0);
	CHECK_EQ(c.fsuid, 3);
	CHECK_EQ(cred_setfsuid(&c, 1), 3);
	CHECK_EQ(cred_setresuid(&c, NONE, 1, NONE), 0);
	CHECK_EQ(c.fsuid, 1);
	/* Root: anything; the other ids do not move. */
	c = uids(0, 0, 0);
	CHECK_EQ(cred_setfsuid(&c, 4242), 0);
	CHECK_UIDS(c, 0, 0, 0, 4242);
	CHECK_EQ(cred_setfsuid(&c, 0), 4242);
	CHECK_EQ(c.fsuid, 0);
}

static void test_gid_family(void)
{
	struct cred c;

	/* Privilege is the effective uid, not gid 0. */
	c = gids(1000, 0, 0, 0);
	CHECK_EQ(cred_setgid(&c, 5), -EPERM);
	CHECK_EQ(cred_setregid(&c, 5, NONE), -EPERM);
	CHECK_EQ(cred_setresgid(&c, 5, 5, 5), -EPERM);
	CHECK_EQ(cred_setegid(&c, 5), -EPERM);
	CHECK_EQ(cred_setfsgid(&c, 5), 0);
	CHECK_GIDS(c, 0, 0, 0, 0);
	c = gids(0, 100, 100, 100);
	CHECK_EQ(cred_setgid(&c, 7), 0);
	CHECK_GIDS(c, 7, 7, 7, 7);
	CHECK_EQ(c.euid, 0);   /* uids untouched */
	CHECK_EQ(cred_setgid(&c, NONE), -EINVAL);

	/* setgid unprivileged: effective only, to real or saved. */
	c = gids(1000, 10, 11, 12);
	CHECK_EQ(cred_setgid(&c, 12), 0);
	CHECK_GIDS(c, 10, 12, 12, 12);
	CHECK_EQ(cred_setgid(&c, 10), 0);
	CHECK_GIDS(c, 10, 10, 12, 10);
	CHECK_EQ(cred_setgid(&c, 11), -EPERM);

	/* setregid: the saved-id rule. */
	c = gids(1000, 1, 2, 3);
	CHECK_EQ(cred_setregid(&c, 2, NONE), 0);
	CHECK_GIDS(c, 2, 2, 2, 2);
	c = gids(1000, 1, 2, 3);
	CHECK_EQ(cred_setregid(&c, 3, NONE), -EPERM);
	CHECK_EQ(cred_setregid(&c, NONE, 1), 0);
	CHECK_GIDS(c, 1, 1, 3, 1);
	CHECK_EQ(cred_setregid(&c, NONE, 3), 0);
	CHECK_GIDS(c, 1, 3, 3, 3);
	CHECK_EQ(cred_setregid(&c, NONE, 9), -EPERM);
	CHECK_GIDS(c, 1, 3, 3, 3);
	c = gids(1000, 1, 2, 3);
	CHECK_EQ(cred_setregid(&c, NONE, 2), 0);   /* not the real id */
	CHECK_GIDS(c, 1, 2, 2, 2);
	c.fsgid = 1;
	CHECK_EQ(cred_setregid(&c, NONE, NONE), 0);
	CHECK_GIDS(c, 1, 2, 2, 2);
	c = gids(0, 1, 2, 3);
	CHECK_EQ(cred_setregid(&c, 8, 9), 0);
	CHECK_GIDS(c, 8, 9, 9, 9);

	/* setresgid. */
	c = gids(1000, 1, 2, 3);
	CHECK_EQ(cred_setresgid(&c, 3, 1, 2), 0);
	CHECK_GIDS(c, 3, 1, 2, 1);
	CHECK_EQ(cred_setresgid(&c, NONE, 4, NONE), -EPERM);
	CHECK_EQ(cred_setresgid(&c, NONE, NONE, 1), 0);
	CHECK_GIDS(c, 3, 1, 1, 1);
	c = gids(0, 1, 2, 3);
	CHECK_EQ(cred_setresgid(&c, 40, NONE, 60), 0);
	CHECK_GIDS(c, 40, 2, 60, 2);

	/* setegid. */
	c = gids(1000, 1, 2, 3);
	CHECK_EQ(cred_setegid(&c, 3), 0);
	CHECK_GIDS(c, 1, 3, 3, 3);
	CHECK_EQ(cred_setegid(&c, 4), -EPERM);
	CHECK_EQ(cred_setegid(&c, NONE), -EINVAL);
	c = gids(0, 1, 2, 3);
	CHECK_EQ(cred_setegid(&c, 50), 0);
	CHECK_GIDS(c, 1, 50, 3, 50);

	/* setfsgid. */
	c = gids(1000, 1, 2, 3);
	CHECK_EQ(cred_setfsgid(&c, 3), 2);
	CHECK_EQ(cred_setfsgid(&c, 9), 3);
	CHECK_EQ(cred_setfsgid(&c, NONE), 3);
	CHECK_GIDS(c, 1, 2, 3, 3);
	c = gids(0, 1, 2, 3);
	CHECK_EQ(cred_setfsgid(&c, 9), 2);
	CHECK_EQ(c.fsgid, 9);
}

static void test_setgroups(void)
{
	uint32_t g[NGROUPS_MAX + 1];
	struct cred c = uids(0, 0, 0);

	for (uint32_t i = 0; i <= NGROUPS_MAX; i++)
		g[i] = 100 + i;
	CHECK_EQ(cred_setgroups(&c, 3, g), 0);
	CHECK_EQ(c.ngroups, 3);
	CHECK_EQ(c.groups[0], 100);
	CHECK_EQ(c.groups[2], 102);
	CHECK_EQ(cred_setgroups(&c, NGROUPS_MAX + 1, g), -EINVAL);
	CHECK_EQ(c.ngroups, 3);
	CHECK_EQ(cred_setgroups(&c, NGROUPS_MAX, g), 0);
	CHECK_EQ(c.ngroups, NGROUPS_MAX);
	CHECK_EQ(c.groups[NGROUPS_MAX - 1], 100 + NGROUPS_MAX - 1);
	CHECK_EQ(cred_setgroups(&c, 0, NULL), 0);
	CHECK_EQ(c.ngroups, 0);
	/* Not root: EPERM, checked before the size (Linux). */
	c = uids(0, 1000, 0);
	CHECK_EQ(cred_setgroups(&c, 1, g), -EPERM);
	CHECK_EQ(cred_setgroups(&c, 0, NULL), -EPERM);
	CHECK_EQ(cred_setgroups(&c, NGROUPS_MAX + 1, g), -EPERM);
	CHECK_EQ(c.ngroups, 0);
}

static void test_may_signal(void)
{
	struct cred root = uids(0, 0, 0), t = uids(10, 11, 12);
	struct cred s;

	CHECK(cred_may_signal(&root, &t));
	s = uids(10, 99, 99);   /* real == real */
	CHECK(cred_may_signal(&s, &t));
	s = uids(12, 99, 99);   /* real == saved */
	CHECK(cred_may_signal(&s, &t));
	s = uids(99, 10, 99);   /* effective == real */
	CHECK(cred_may_signal(&s, &t));
	s = uids(99, 12, 99);   /* effective == saved */
	CHECK(cred_may_signal(&s, &t));
	s = uids(11, 11, 11);   /* the target's effective id does not count */
	CHECK(!cred_may_signal(&s, &t));
	s = uids(99, 98, 12);   /* nor does the sender's saved id */
	CHECK(!cred_may_signal(&s, &t));
	s = uids(0, 99, 0);     /* real root, effective not */
	CHECK(!cred_may_signal(&s, &t));
	CHECK(!cred_may_signal(&t, &root));
	s = uids(99, 0, 99);
	CHECK(cred_may_signal(&s, &root));
}

static void test_exec_setid(void)
{
	struct cred c = gids(1000, 50, 50, 50);

	/* Plain exec: saved ids become the effective ones. */
	c.suid = 7;
	c.sgid = 8;
	c.fsuid = 9;
	cred_exec_setid(&c, false, 0, false, 0);
	CHECK_UIDS(c, 1000, 1000, 1000, 1000);
	CHECK_GIDS(c, 50, 50, 50, 50);
	/* A set-uid root program. */
	cred_exec_setid(&c, true, 0, false, 0);
	CHECK_UIDS(c, 1000, 0, 0, 0);
	CHECK_GIDS(c, 50, 50, 50, 50);
	/* A set-gid program. */
	c = gids(1000, 50, 50, 50);
	cred_exec_setid(&c, false, 0, true, 60);
	CHECK_UIDS(c, 1000, 1000, 1000, 1000);
	CHECK_GIDS(c, 50, 60, 60, 60);
	/* Both. */
	c = gids(1000, 50, 50, 50);
	cred_exec_setid(&c, true, 2, true, 3);
	CHECK_UIDS(c, 1000, 2, 2, 2);
	CHECK_GIDS(c, 50, 3, 3, 3);
}

/* ---- limits -------------------------------------------------------------- */

static void test_rlimits(void)
{
	struct rlim r[RLIM_NLIMITS], out, n;
	struct proc *p;

	proc_default_rlimits(r);
	CHECK(r[RLIM_CPU].cur == RLIM_INFINITY && r[RLIM_CPU].max == RLIM_INFINITY);
	CHECK(r[RLIM_AS].cur == RLIM_INFINITY && r[RLIM_AS].max == RLIM_INFINITY);
	CHECK(r[RLIM_FSIZE].cur == RLIM_INFINITY);
	CHECK(r[RLIM_DATA].cur == RLIM_INFINITY);
	CHECK_EQ(r[RLIM_STACK].cur, 8u << 20);
	CHECK(r[RLIM_STACK].max == RLIM_INFINITY);
	CHECK_EQ(r[RLIM_CORE].cur, 0);
	CHECK(r[RLIM_CORE].max == RLIM_INFINITY);
	CHECK_EQ(r[RLIM_NPROC].cur, 256);
	CHECK_EQ(r[RLIM_NPROC].max, 256);
	CHECK_EQ(r[RLIM_NOFILE].cur, 64);
	CHECK_EQ(r[RLIM_NOFILE].max, 64);
	CHECK_EQ(r[13].max, 0);   /* RLIMIT_NICE */
	CHECK_EQ(r[14].max, 0);   /* RLIMIT_RTPRIO */
	for (int i = 0; i < RLIM_NLIMITS; i++)
		CHECK(r[i].cur <= r[i].max);

	reset();
	p = proc_alloc();
	p->cred = uids(1000, 1000, 1000);
	CHECK_EQ(proc_getrlimit(p, RLIM_NLIMITS, &out), -EINVAL);
	CHECK_EQ(proc_getrlimit(p, RLIM_STACK, &out), 0);
	CHECK_EQ(out.cur, 8u << 20);
	n = (struct rlim){ 10, 20 };
	CHECK_EQ(proc_setrlimit(p, RLIM_NLIMITS, &n), -EINVAL);
	CHECK_EQ(proc_setrlimit(p, 1000, &n), -EINVAL);
	n = (struct rlim){ 30, 20 };
	CHECK_EQ(proc_setrlimit(p, RLIM_CPU, &n), -EINVAL);
	/* Anyone may lower a hard limit, and move the soft one below it. */
	n = (struct rlim){ 10, 20 };
	CHECK_EQ(proc_setrlimit(p, RLIM_CPU, &n), 0);
	CHECK_EQ(proc_getrlimit(p, RLIM_CPU, &out), 0);
	CHECK(out.cur == 10 && out.max == 20);
	n = (struct rlim){ 20, 20 };
	CHECK_EQ(proc_setrlimit(p, RLIM_CPU, &n), 0);
	/* ... but not raise it again. */
	n = (struct rlim){ 20, 21 };
	CHECK_EQ(proc_setrlimit(p, RLIM_CPU, &n), -EPERM);
	n = (struct rlim){ 5, RLIM_INFINITY };
	CHECK_EQ(proc_setrlimit(p, RLIM_CPU, &n), -EPERM);
	CHECK_EQ(proc_getrlimit(p, RLIM_CPU, &out), 0);
	CHECK(out.cur == 20 && out.max == 20);
	n = (struct rlim){ 64, 65 };
	CHECK_EQ(proc_setrlimit(p, RLIM_NOFILE, &n), -EPERM);
	/* Root may. */
	p->cred.euid = 0;
	n = (struct rlim){ 20, RLIM_INFINITY };
	CHECK_EQ(proc_setrlimit(p, RLIM_CPU, &n), 0);
	CHECK_EQ(proc_getrlimit(p, RLIM_CPU, &out), 0);
	CHECK(out.max == RLIM_INFINITY && out.cur == 20);
	n = (struct rlim){ RLIM_INFINITY, RLIM_INFINITY };
	CHECK_EQ(proc_setrlimit(p, RLIM_NOFILE, &n), 0);
}

int main(void)
{
	test_table_lazy();
	test_alloc_defaults();
	test_alloc_upward();
	test_alloc_wrap();
	test_pid1_once();
	test_table_full();
	test_iterate_count();
	test_free_cleans();
	test_tree();
	test_wait();
	test_setpgid();
	test_setsid();
	test_getpgid_getsid();
	test_setuid();
	test_seteuid();
	test_setreuid();
	test_setresuid();
	test_setfsuid();
	test_gid_family();
	test_setgroups();
	test_may_signal();
	test_exec_setid();
	test_rlimits();
	return check_summary("test_proc");
}
