/*
 * plan.c: init's schedule as a pure state machine (see plan.h for the
 * order). Entry points: plan_init(), plan_next() (what to do now),
 * plan_started() and plan_reaped() (what happened).
 *
 * The rate limiter keeps the times of an entry's last PLAN_RESPAWN_MAX
 * starts. A start is refused when all of them lie less than
 * PLAN_RESPAWN_WINDOW seconds back: the entry has been started that many
 * times within the window, and the next start would be one more. The
 * refused entry rests PLAN_RESPAWN_REST seconds, with one console
 * message, and then starts afresh: the rest is longer than the window,
 * so by then every recorded start lies outside it and the entry has its
 * full ten starts again without the history being cleared.
 */
#include <stdio.h>
#include <string.h>

#include "plan.h"

_Static_assert(PLAN_RESPAWN_REST >= PLAN_RESPAWN_WINDOW,
	       "a rest must outlast the window, or it ends over the limit");

enum { PASS_SYSINIT, PASS_BOOT, PASS_RUNLEVEL, PASS_DONE };

void plan_init(struct plan *p, const struct inittab *t, char rl)
{
	memset(p, 0, sizeof(*p));
	p->tab = t;
	p->runlevel = rl;
	p->waiting = -1;
}

/* Is entry e run by pass, and is it waited for? */
static bool in_pass(const struct plan *p, const struct inittab_entry *e,
		    unsigned pass, bool *wait)
{
	*wait = e->action == INITTAB_SYSINIT || e->action == INITTAB_BOOTWAIT ||
		e->action == INITTAB_WAIT;
	switch (pass) {
	case PASS_SYSINIT:
		return e->action == INITTAB_SYSINIT;
	case PASS_BOOT:
		return e->action == INITTAB_BOOT || e->action == INITTAB_BOOTWAIT;
	case PASS_RUNLEVEL:
		return (e->action == INITTAB_WAIT || e->action == INITTAB_ONCE ||
			e->action == INITTAB_RESPAWN) &&
		       inittab_in_runlevel(e, p->runlevel);
	}
	return false;
}

static bool limiter_allows(const struct plan_slot *s, uint64_t now)
{
	return s->nstarts < PLAN_RESPAWN_MAX ||
	       now - s->starts[s->head] >= PLAN_RESPAWN_WINDOW;
}

static void limiter_record(struct plan_slot *s, uint64_t now)
{
	s->starts[s->head] = now;
	s->head = (s->head + 1) % PLAN_RESPAWN_MAX;
	if (s->nstarts < PLAN_RESPAWN_MAX)
		s->nstarts++;
}

/* A respawn entry whose child is gone: start it, rest it, or wait. Sets
 * *step and returns true when there is something to do for it now. */
static bool respawn_due(struct plan *p, size_t i, uint64_t now,
			struct plan_step *step)
{
	struct plan_slot *s = &p->slot[i];

	if (s->resting) {
		if (now < s->rest_until)
			return false;
		s->resting = false;
	}
	if (!limiter_allows(s, now)) {
		s->resting = true;
		s->rest_until = now + PLAN_RESPAWN_REST;
		snprintf(p->msg, sizeof(p->msg),
			 "init: id \"%s\" started %d times within %d minutes; "
			 "not restarting it for %d minutes\n",
			 p->tab->entry[i].id, PLAN_RESPAWN_MAX,
			 PLAN_RESPAWN_WINDOW / 60, PLAN_RESPAWN_REST / 60);
		*step = (struct plan_step){ .what = PLAN_SAY, .text = p->msg };
		return true;
	}
	*step = (struct plan_step){ .what = PLAN_START, .entry = i };
	return true;
}

/* The soonest end of a rest, as a PLAN_WAIT timeout (-1: none). */
static long next_timer(const struct plan *p, uint64_t now)
{
	long best = -1;

	for (size_t i = 0; i < p->tab->count; i++) {
		const struct plan_slot *s = &p->slot[i];
		if (s->resting && s->pid == 0) {
			long left = (long)(s->rest_until - now);
			if (best < 0 || left < best)
				best = left;
		}
	}
	return best;
}

struct plan_step plan_next(struct plan *p, uint64_t now)
{
	const struct inittab *t = p->tab;
	struct plan_step step;

	/* Keep what already runs running, before starting anything new. */
	for (size_t i = 0; i < t->count; i++)
		if (t->entry[i].action == INITTAB_RESPAWN && p->slot[i].started &&
		    p->slot[i].pid == 0 && respawn_due(p, i, now, &step))
			return step;

	while (p->waiting < 0 && p->pass < PASS_DONE) {
		if (p->next == t->count) {
			p->pass++;
			p->next = 0;
			continue;
		}
		size_t i = p->next++;
		bool wait;
		if (!in_pass(p, &t->entry[i], p->pass, &wait))
			continue;
		p->slot[i].started = true;
		if (wait)
			p->waiting = (long)i;
		return (struct plan_step){ .what = PLAN_START, .entry = i };
	}
	return (struct plan_step){ .what = PLAN_WAIT,
				   .timeout = next_timer(p, now) };
}

void plan_started(struct plan *p, size_t i, long pid, uint64_t now)
{
	struct plan_slot *s = &p->slot[i];

	s->pid = pid > 0 ? pid : 0;
	if (p->tab->entry[i].action == INITTAB_RESPAWN)
		limiter_record(s, now);
	if (pid <= 0 && p->waiting == (long)i)
		p->waiting = -1;
}

struct plan_reap plan_reaped(struct plan *p, long pid, uint64_t now)
{
	const struct inittab *t = p->tab;

	if (pid <= 0)
		return (struct plan_reap){ PLAN_REAP_ORPHAN, -1, 0 };
	for (size_t i = 0; i < t->count; i++) {
		struct plan_slot *s = &p->slot[i];
		if (s->pid != pid)
			continue;
		s->pid = 0;
		if (p->waiting == (long)i)
			p->waiting = -1;
		if (t->entry[i].action != INITTAB_RESPAWN)
			return (struct plan_reap){ PLAN_REAP_DONE, (long)i, 0 };
		if (limiter_allows(s, now))
			return (struct plan_reap){ PLAN_REAP_RESPAWN, (long)i, 0 };
		return (struct plan_reap){ PLAN_REAP_REST, (long)i,
					   now + PLAN_RESPAWN_REST };
	}
	return (struct plan_reap){ PLAN_REAP_ORPHAN, -1, 0 };
}
