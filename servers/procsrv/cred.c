/*
 * cred.c: credentials and resource limits (proc.h). Entry points: the
 * cred_set*() family, cred_may_signal(), cred_exec_setid(),
 * proc_default_rlimits(), proc_setrlimit(), proc_getrlimit().
 *
 * The rules are Linux's (kernel/sys.c), which refine POSIX's:
 *
 * - "Privileged" is Linux's CAP_SETUID for the uid calls and CAP_SETGID
 *   for the gid calls and setgroups; Pith has no capabilities of that
 *   kind, so both mean an effective uid of 0 *before* the call.
 * - (uint32_t)-1 means "leave unchanged" in setreuid, setresuid and their
 *   gid twins. setuid(-1), seteuid(-1) (and gid) are EINVAL: -1 is not a
 *   valid id (Linux's uid_valid(), glibc's seteuid check).
 * - The file-system id follows the effective id on every successful call
 *   of the uid (gid) family, changed or not; only setfsuid (setfsgid)
 *   sets it apart. (Newer Linux skips a setresuid that changes nothing at
 *   all, leaving fsuid alone too; the difference shows only after a
 *   setfsuid, and we keep the simpler rule.)
 * - A failed call changes nothing: every check comes before the first
 *   store. (No struct copies here: a large one may become a call to
 *   memcpy, which a freestanding build need not have.)
 */
#include <stddef.h>

#include "proc.h"
#include "uapi/errno.h"

#define ID_NONE ((uint32_t)-1)

/* The uid calls and the gid calls obey the same rules over different
 * fields: each rule is written once, over the four ids of one family.
 * Privilege is the effective uid in both, taken before the call. */
struct ids {
	uint32_t *r, *e, *s, *fs;
};

static struct ids uids(struct cred *c)
{
	return (struct ids){ &c->ruid, &c->euid, &c->suid, &c->fsuid };
}

static struct ids gids(struct cred *c)
{
	return (struct ids){ &c->rgid, &c->egid, &c->sgid, &c->fsgid };
}

/* Is id one of the real, effective or saved ids? The unprivileged rule
 * of every set*id call. */
static bool one_of(struct ids v, uint32_t id)
{
	return id == *v.r || id == *v.e || id == *v.s;
}

/* Privileged: real, effective and saved; anyone else only the effective
 * id, and only to the real or saved one. */
static int set_id(struct ids v, bool priv, uint32_t id)
{
	if (id == ID_NONE)
		return -EINVAL;
	if (priv) {
		*v.r = *v.s = id;
	} else if (id != *v.r && id != *v.s) {
		return -EPERM;
	}
	*v.e = *v.fs = id;
	return 0;
}

/* Unprivileged: the real id may become the real or effective one, the
 * effective id the real, effective or saved one. The saved id takes the
 * new effective id when the real id is set or the effective id becomes
 * something other than the old real id: so a program that swapped real
 * and effective ids cannot regain the old effective id later, unless it
 * was the real id all along. */
static int set_reid(struct ids v, bool priv, uint32_t r, uint32_t e)
{
	uint32_t new_r = *v.r, new_e = *v.e;

	if (r != ID_NONE) {
		if (!priv && r != *v.r && r != *v.e)
			return -EPERM;
		new_r = r;
	}
	if (e != ID_NONE) {
		if (!priv && !one_of(v, e))
			return -EPERM;
		new_e = e;
	}
	if (r != ID_NONE || (e != ID_NONE && e != *v.r))
		*v.s = new_e;
	*v.r = new_r;
	*v.e = *v.fs = new_e;
	return 0;
}

/* Unprivileged: each of the three may become any of the current three. */
static int set_resid(struct ids v, bool priv, uint32_t r, uint32_t e,
		     uint32_t s)
{
	if (!priv && ((r != ID_NONE && !one_of(v, r)) ||
		      (e != ID_NONE && !one_of(v, e)) ||
		      (s != ID_NONE && !one_of(v, s))))
		return -EPERM;
	if (r != ID_NONE)
		*v.r = r;
	if (e != ID_NONE)
		*v.e = e;
	if (s != ID_NONE)
		*v.s = s;
	*v.fs = *v.e;
	return 0;
}

/* POSIX seteuid: only the effective id, even when privileged (the saved
 * id is kept, so root can come back); glibc's setresuid(-1, e, -1). */
static int set_eid(struct ids v, bool priv, uint32_t e)
{
	if (e == ID_NONE)
		return -EINVAL;
	return set_resid(v, priv, ID_NONE, e, ID_NONE);
}

/* Permitted: the real, effective or saved id, or anything when
 * privileged (Linux also lists the current fs id, which changes nothing).
 * -1 is the usual way to read the value. */
static uint32_t set_fsid(struct ids v, bool priv, uint32_t fs)
{
	uint32_t old = *v.fs;

	if (fs != ID_NONE && (priv || one_of(v, fs)))
		*v.fs = fs;
	return old;
}

int cred_setuid(struct cred *c, uint32_t uid)
{
	return set_id(uids(c), c->euid == 0, uid);
}

int cred_setgid(struct cred *c, uint32_t gid)
{
	return set_id(gids(c), c->euid == 0, gid);
}

int cred_seteuid(struct cred *c, uint32_t euid)
{
	return set_eid(uids(c), c->euid == 0, euid);
}

int cred_setegid(struct cred *c, uint32_t egid)
{
	return set_eid(gids(c), c->euid == 0, egid);
}

int cred_setreuid(struct cred *c, uint32_t ruid, uint32_t euid)
{
	return set_reid(uids(c), c->euid == 0, ruid, euid);
}

int cred_setregid(struct cred *c, uint32_t rgid, uint32_t egid)
{
	return set_reid(gids(c), c->euid == 0, rgid, egid);
}

int cred_setresuid(struct cred *c, uint32_t ruid, uint32_t euid, uint32_t suid)
{
	return set_resid(uids(c), c->euid == 0, ruid, euid, suid);
}

int cred_setresgid(struct cred *c, uint32_t rgid, uint32_t egid, uint32_t sgid)
{
	return set_resid(gids(c), c->euid == 0, rgid, egid, sgid);
}

uint32_t cred_setfsuid(struct cred *c, uint32_t fsuid)
{
	return set_fsid(uids(c), c->euid == 0, fsuid);
}

uint32_t cred_setfsgid(struct cred *c, uint32_t fsgid)
{
	return set_fsid(gids(c), c->euid == 0, fsgid);
}

/* Linux's order: permission before size. The list is kept as given
 * (Linux sorts it; POSIX leaves getgroups' order open). */
int cred_setgroups(struct cred *c, uint32_t n, const uint32_t *groups)
{
	if (c->euid != 0)
		return -EPERM;
	if (n > NGROUPS_MAX)
		return -EINVAL;
	for (uint32_t i = 0; i < n; i++)
		c->groups[i] = groups[i];
	for (uint32_t i = n; i < NGROUPS_MAX; i++)
		c->groups[i] = 0;
	c->ngroups = n;
	return 0;
}

/* The target's saved uid counts, its effective uid does not: a set-uid
 * program keeps signals from its invoker (its real uid) and from its
 * owner (its saved uid), but an ordinary user cannot signal a root
 * process just because it temporarily runs with that user's euid. */
bool cred_may_signal(const struct cred *from, const struct cred *to)
{
	return from->euid == 0 ||
	       from->ruid == to->ruid || from->ruid == to->suid ||
	       from->euid == to->ruid || from->euid == to->suid;
}

/* Linux: after any exec the saved ids are the effective ones, so a
 * set-uid program may switch back and forth between its owner and its
 * invoker; the fs ids follow the effective ones. */
void cred_exec_setid(struct cred *c, bool setuid, uint32_t uid, bool setgid,
		     uint32_t gid)
{
	if (setuid)
		c->euid = uid;
	if (setgid)
		c->egid = gid;
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
}

/* ---- resource limits ----------------------------------------------------- */

/* Linux numbers past RLIM_AS (proc.h names 0..9). */
enum {
	RLIM_LOCKS = 10, RLIM_SIGPENDING = 11, RLIM_MSGQUEUE = 12,
	RLIM_NICE = 13, RLIM_RTPRIO = 14, RLIM_RTTIME = 15,
};

_Static_assert(RLIM_RTTIME < RLIM_NLIMITS, "every Linux limit has a slot");

#define DEFAULT_NPROC   256u
#define DEFAULT_NOFILE  64u
#define DEFAULT_STACK   (8ull << 20)
#define DEFAULT_PENDING 1024u

/* Linux's defaults where they make sense for Pith, smaller where a
 * Pith server has a fixed table: NPROC (per real uid; the table holds
 * PROC_MAX), NOFILE (fs's descriptor table), SIGPENDING. CORE is 0 soft
 * (no core dumps unless asked) and infinite hard. NICE and RTPRIO are 0,
 * as on Linux: only root may raise a priority until the limit is raised.
 * STACK is 8 MiB soft, infinite hard. Everything else is infinite. */
void proc_default_rlimits(struct rlim *r)
{
	for (uint32_t i = 0; i < RLIM_NLIMITS; i++)
		r[i].cur = r[i].max = RLIM_INFINITY;
	r[RLIM_STACK].cur = DEFAULT_STACK;
	r[RLIM_CORE].cur = 0;
	r[RLIM_NPROC].cur = r[RLIM_NPROC].max = DEFAULT_NPROC;
	r[RLIM_NOFILE].cur = r[RLIM_NOFILE].max = DEFAULT_NOFILE;
	r[RLIM_SIGPENDING].cur = r[RLIM_SIGPENDING].max = DEFAULT_PENDING;
	r[RLIM_MSGQUEUE].cur = r[RLIM_MSGQUEUE].max = 819200;
	r[RLIM_NICE].cur = r[RLIM_NICE].max = 0;
	r[RLIM_RTPRIO].cur = r[RLIM_RTPRIO].max = 0;
}

/* Raising a hard limit needs euid 0 (Linux's CAP_SYS_RESOURCE); anyone
 * may lower one, and move a soft limit up to the hard one. */
int proc_setrlimit(struct proc *p, uint32_t resource, const struct rlim *new)
{
	if (resource >= RLIM_NLIMITS || new->cur > new->max)
		return -EINVAL;
	if (new->max > p->rlim[resource].max && p->cred.euid != 0)
		return -EPERM;
	p->rlim[resource] = *new;
	return 0;
}

int proc_getrlimit(const struct proc *p, uint32_t resource, struct rlim *out)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	*out = p->rlim[resource];
	return 0;
}
