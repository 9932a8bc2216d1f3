/*
 * servers/procsrv/policy.c: the scheduling policy's levels and quanta
 * (every real-time level above every normal one, procsrv's above all;
 * Linux 2.6's time slices and the share ratio they give), fork's
 * inheritance with and without SCHED_RESET_ON_FORK, the parameter
 * checks and the privilege rules.
 */
#include <stdint.h>
#include <stdio.h>

#include "check.h"

#include "policy.h"
#include "uapi/errno.h"

static struct sched_attr attr(int policy, int nice, int rt)
{
	struct sched_attr a;

	policy_default(&a);
	a.policy = (uint8_t)policy;
	a.nice = (int8_t)nice;
	a.rt_prio = (uint8_t)rt;
	return a;
}

static void test_levels(void)
{
	struct sched_attr d;
	policy_default(&d);
	CHECK(d.policy == POLICY_OTHER && d.nice == 0 && d.rt_prio == 0 &&
	      !d.reset_on_fork);

	/* The highest normal level is below the lowest real-time one. */
	uint32_t top_other = 0;
	for (int n = NICE_MIN; n <= NICE_MAX; n++) {
		struct sched_attr a = attr(POLICY_OTHER, n, 0);
		struct sched_params p = policy_params(&a, 100, 0);
		if (p.level > top_other)
			top_other = p.level;
		CHECK(p.quantum >= 1);
		a.policy = POLICY_BATCH;
		CHECK(policy_params(&a, 100, 0).level == p.level);
	}
	struct sched_attr idle = attr(POLICY_IDLE, 0, 0);
	CHECK(policy_params(&idle, 100, 0).level < top_other);
	for (int pr = RT_PRIO_MIN; pr <= RT_PRIO_MAX; pr++) {
		struct sched_attr f = attr(POLICY_FIFO, 0, pr);
		struct sched_attr r = attr(POLICY_RR, 5, pr);
		struct sched_params pf = policy_params(&f, 100, 0);
		struct sched_params rr = policy_params(&r, 100, 0);
		CHECK(pf.level > top_other && pf.level < LEVEL_SERVER);
		CHECK(pf.level == rr.level);
		CHECK(pf.quantum == 0);
		CHECK_EQ(rr.quantum, 10);
		if (pr > 1) {
			struct sched_attr lower = attr(POLICY_FIFO, 0, pr - 1);
			CHECK(policy_params(&lower, 100, 0).level < pf.level);
		}
	}
	CHECK_EQ(LEVEL_RT_BASE + RT_PRIO_MAX, 138);
}

static void test_slices(void)
{
	CHECK_EQ(policy_slice_ms(-20), 800);
	CHECK_EQ(policy_slice_ms(-1), 420);
	CHECK_EQ(policy_slice_ms(0), 100);
	CHECK_EQ(policy_slice_ms(10), 50);
	CHECK_EQ(policy_slice_ms(19), 5);
	CHECK_EQ(policy_slice_ms(-100), 800);   /* clamped */
	CHECK_EQ(policy_slice_ms(100), 5);
	for (int n = NICE_MIN; n < NICE_MAX; n++)
		CHECK(policy_slice_ms(n) > policy_slice_ms(n + 1));
	CHECK_EQ(policy_ms_to_ticks(100, 100), 10);
	CHECK_EQ(policy_ms_to_ticks(5, 100), 1);     /* at least a tick */
	CHECK_EQ(policy_ms_to_ticks(50, 1000), 50);
	CHECK_EQ(policy_ms_to_ticks(0, 100), 1);

	/* The share two CPU hogs at one level get is the ratio of their
	 * quanta: nice 0 vs nice 10, 2 to 1 at 100 Hz. */
	struct sched_attr a = attr(POLICY_OTHER, 0, 0), b = attr(POLICY_OTHER, 10, 0);
	struct sched_params pa = policy_params(&a, 100, 0), pb = policy_params(&b, 100, 0);
	CHECK(pa.level == pb.level);
	CHECK_EQ(pa.quantum, 10);
	CHECK_EQ(pb.quantum, 5);
	/* A recharge (a quantum report) gives the same, whatever was used. */
	CHECK(policy_params(&a, 100, 10).quantum == pa.quantum);
	CHECK(policy_params(&a, 100, 0).level == policy_params(&a, 100, 3).level);

	CHECK_EQ(policy_interval_ms(&a), 100);
	CHECK_EQ(policy_interval_ms(&b), 50);
	struct sched_attr f = attr(POLICY_FIFO, 0, 3), r = attr(POLICY_RR, 0, 3);
	CHECK_EQ(policy_interval_ms(&f), 0);
	CHECK_EQ(policy_interval_ms(&r), RR_SLICE_MS);
}

static void test_fork(void)
{
	struct sched_attr p = attr(POLICY_RR, -5, 42), c;

	policy_fork(&c, &p);
	CHECK(c.policy == POLICY_RR && c.rt_prio == 42 && c.nice == -5);
	p.reset_on_fork = true;
	policy_fork(&c, &p);
	CHECK(c.policy == POLICY_OTHER && c.rt_prio == 0 && c.nice == 0 &&
	      !c.reset_on_fork);
	p = attr(POLICY_OTHER, -7, 0);
	p.reset_on_fork = true;
	policy_fork(&c, &p);
	CHECK(c.policy == POLICY_OTHER && c.nice == 0);
	p.nice = 6;
	policy_fork(&c, &p);
	CHECK(c.policy == POLICY_OTHER && c.nice == 6);   /* positive kept */
	p = attr(POLICY_BATCH, 3, 0);
	policy_fork(&c, &p);
	CHECK(c.policy == POLICY_BATCH && c.nice == 3);
}

static void test_checks(void)
{
	CHECK(policy_check_param(POLICY_OTHER, 0) == 0);
	CHECK(policy_check_param(POLICY_OTHER, 1) == -EINVAL);
	CHECK(policy_check_param(POLICY_BATCH, 0) == 0);
	CHECK(policy_check_param(POLICY_IDLE, 0) == 0);
	CHECK(policy_check_param(POLICY_FIFO, 1) == 0);
	CHECK(policy_check_param(POLICY_FIFO, 99) == 0);
	CHECK(policy_check_param(POLICY_RR, 0) == -EINVAL);
	CHECK(policy_check_param(POLICY_RR, 100) == -EINVAL);
	CHECK(policy_check_param(POLICY_FIFO, -1) == -EINVAL);
	CHECK(policy_check_param(POLICY_FIFO | POLICY_RESET_ON_FORK, 5) == 0);
	CHECK(policy_check_param(4, 0) == -EINVAL);
	CHECK(policy_check_param(6, 0) == -EINVAL);
	CHECK(policy_check_param(-1, 0) == -EINVAL);
	CHECK(policy_check_param(0x100, 0) == -EINVAL);

	CHECK_EQ(policy_clamp_nice(-21), -20);
	CHECK_EQ(policy_clamp_nice(20), 19);
	CHECK_EQ(policy_clamp_nice(-3), -3);

	CHECK(policy_same_owner(0, 5, 5));
	CHECK(policy_same_owner(5, 5, 7));
	CHECK(policy_same_owner(7, 5, 7));
	CHECK(!policy_same_owner(6, 5, 7));
	CHECK(!policy_same_owner(6, 0, 0));

	struct sched_attr o = attr(POLICY_OTHER, 5, 0), n;
	n = attr(POLICY_OTHER, 4, 0);
	CHECK(policy_may_change(1000, &o, &n) == -EACCES);
	CHECK(policy_may_change(0, &o, &n) == 0);
	n = attr(POLICY_OTHER, 6, 0);
	CHECK(policy_may_change(1000, &o, &n) == 0);
	n = attr(POLICY_OTHER, 5, 0);
	CHECK(policy_may_change(1000, &o, &n) == 0);
	n = attr(POLICY_FIFO, 5, 1);
	CHECK(policy_may_change(1000, &o, &n) == -EPERM);
	CHECK(policy_may_change(0, &o, &n) == 0);
	n = attr(POLICY_BATCH, 5, 0);
	CHECK(policy_may_change(1000, &o, &n) == 0);
	/* A real-time process of an ordinary user may lower its priority,
	 * not raise it, and may leave the real-time policies. */
	o = attr(POLICY_RR, 0, 10);
	n = attr(POLICY_RR, 0, 9);
	CHECK(policy_may_change(1000, &o, &n) == 0);
	n = attr(POLICY_RR, 0, 11);
	CHECK(policy_may_change(1000, &o, &n) == -EPERM);
	n = attr(POLICY_FIFO, 0, 9);
	CHECK(policy_may_change(1000, &o, &n) == -EPERM);
	n = attr(POLICY_OTHER, 0, 0);
	CHECK(policy_may_change(1000, &o, &n) == 0);
	o.reset_on_fork = true;
	CHECK(policy_may_change(1000, &o, &n) == -EPERM);
	n.reset_on_fork = true;
	CHECK(policy_may_change(1000, &o, &n) == 0);
}

int main(void)
{
	test_levels();
	test_slices();
	test_fork();
	test_checks();
	return check_summary("test_policy");
}
