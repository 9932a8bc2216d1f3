/*
 * The scheduling policy: attributes to kernel parameters, and the rules
 * for changing them (policy.h; the model in docs/scheduling.md).
 */
#include "policy.h"

#include "uapi/errno.h"

void policy_default(struct sched_attr *a)
{
	a->policy = POLICY_OTHER;
	a->reset_on_fork = false;
	a->nice = 0;
	a->rt_prio = 0;
}

uint32_t policy_slice_ms(int nice)
{
	int sp = 120 + policy_clamp_nice(nice);

	return (uint32_t)(140 - sp) * (sp < 120 ? 20 : 5);
}

uint32_t policy_ms_to_ticks(uint32_t ms, uint32_t hz)
{
	uint64_t t = ((uint64_t)ms * hz + 500) / 1000;

	return t ? (uint32_t)t : 1;
}

struct sched_params policy_params(const struct sched_attr *a, uint32_t hz,
				  uint64_t used)
{
	struct sched_params s;

	(void)used;
	switch (a->policy) {
	case POLICY_FIFO:
		s.level = LEVEL_RT_BASE + a->rt_prio;
		s.quantum = 0;
		break;
	case POLICY_RR:
		s.level = LEVEL_RT_BASE + a->rt_prio;
		s.quantum = policy_ms_to_ticks(RR_SLICE_MS, hz);
		break;
	case POLICY_IDLE:
		s.level = LEVEL_IDLE;
		s.quantum = policy_ms_to_ticks(policy_slice_ms(NICE_MAX), hz);
		break;
	default:
		s.level = LEVEL_OTHER;
		s.quantum = policy_ms_to_ticks(policy_slice_ms(a->nice), hz);
	}
	return s;
}

uint32_t policy_interval_ms(const struct sched_attr *a)
{
	switch (a->policy) {
	case POLICY_FIFO: return 0;
	case POLICY_RR: return RR_SLICE_MS;
	case POLICY_IDLE: return policy_slice_ms(NICE_MAX);
	default: return policy_slice_ms(a->nice);
	}
}

static bool realtime(int policy)
{
	return policy == POLICY_FIFO || policy == POLICY_RR;
}

void policy_fork(struct sched_attr *child, const struct sched_attr *parent)
{
	*child = *parent;
	if (!parent->reset_on_fork)
		return;
	/* Linux: the child is not reset-on-fork itself; a real-time or
	 * negative-nice parent's child starts as SCHED_OTHER, nice 0. */
	child->reset_on_fork = false;
	if (realtime(parent->policy)) {
		child->policy = POLICY_OTHER;
		child->rt_prio = 0;
		child->nice = 0;
	}
	if (child->nice < 0)
		child->nice = 0;
}

int policy_check_param(int64_t policy, int64_t rt_prio)
{
	int64_t p = policy & ~(int64_t)POLICY_RESET_ON_FORK;

	if (policy < 0 || (p != POLICY_OTHER && p != POLICY_FIFO &&
			   p != POLICY_RR && p != POLICY_BATCH && p != POLICY_IDLE))
		return -EINVAL;
	if (realtime((int)p) ? rt_prio < RT_PRIO_MIN || rt_prio > RT_PRIO_MAX
			     : rt_prio != 0)
		return -EINVAL;
	return 0;
}

bool policy_same_owner(uint32_t euid, uint32_t truid, uint32_t teuid)
{
	return euid == 0 || euid == truid || euid == teuid;
}

int policy_may_change(uint32_t euid, const struct sched_attr *old,
		      const struct sched_attr *new)
{
	if (euid == 0)
		return 0;
	if (realtime(new->policy) &&
	    (new->policy != old->policy || new->rt_prio > old->rt_prio))
		return -EPERM;
	if (old->reset_on_fork && !new->reset_on_fork)
		return -EPERM;
	if (new->nice < old->nice)
		return -EACCES;
	return 0;
}

int policy_clamp_nice(int64_t nice)
{
	return nice < NICE_MIN ? NICE_MIN : nice > NICE_MAX ? NICE_MAX : (int)nice;
}
