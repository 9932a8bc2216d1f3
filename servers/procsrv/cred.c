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

/* Is id one of the three? The unprivileged rule of every set*id call. */
static bool one_of(uint32_t id, uint32_t r, uint32_t e, uint32_t s)
{
	return id == r || id == e || id == s;
}

/* ---- the uid family ------------------------------------------------------ */

/* Root sets real, effective and saved; anyone else only the effective
 * id, and only to the real or saved one. */
int cred_setuid(struct cred *c, uint32_t uid)
{
	if (uid == ID_NONE)
		return -EINVAL;
	if (c->euid == 0) {
		c->ruid = c->suid = uid;
	} else if (uid != c->ruid && uid != c->suid) {
		return -EPERM;
	}
	c->euid = c->fsuid = uid;
	return 0;
}

/* Unprivileged: the real id may become the real or effective one, the
 * effective id the real, effective or saved one. The saved id takes the
 * new effective id when the real id is set or the effective id becomes
 * something other than the old real id: so a program that swapped real
 * and effective ids cannot regain the old effective id later, unless it
 * was the real id all along. */
int cred_setreuid(struct cred *c, uint32_t ruid, uint32_t euid)
{
	bool priv = c->euid == 0;
	uint32_t r = c->ruid, e = c->euid;

	if (ruid != ID_NONE) {
		if (!priv && ruid != c->ruid && ruid != c->euid)
			return -EPERM;
		r = ruid;
	}
	if (euid != ID_NONE) {
		if (!priv && !one_of(euid, c->ruid, c->euid, c->suid))
			return -EPERM;
		e = euid;
	}
	if (ruid != ID_NONE || (euid != ID_NONE && euid != c->ruid))
		c->suid = e;
	c->ruid = r;
	c->euid = c->fsuid = e;
	return 0;
}

/* Unprivileged: each of the three may become any of the current three. */
int cred_setresuid(struct cred *c, uint32_t ruid, uint32_t euid, uint32_t suid)
{
	if (c->euid != 0 &&
	    ((ruid != ID_NONE && !one_of(ruid, c->ruid, c->euid, c->suid)) ||
	     (euid != ID_NONE && !one_of(euid, c->ruid, c->euid, c->suid)) ||
	     (suid != ID_NONE && !one_of(suid, c->ruid, c->euid, c->suid))))
		return -EPERM;
	if (ruid != ID_NONE)
		c->ruid = ruid;
	if (euid != ID_NONE)
		c->euid = euid;
	if (suid != ID_NONE)
		c->suid = suid;
	c->fsuid = c->euid;
	return 0;
}

/* POSIX seteuid: only the effective id, even for root (the saved id is
 * kept, so root can come back); glibc's setresuid(-1, euid, -1). */
int cred_seteuid(struct cred *c, uint32_t euid)
{
	if (euid == ID_NONE)
		return -EINVAL;
	return cred_setresuid(c, ID_NONE, euid, ID_NONE);
}

/* Permitted: any of real, effective, saved or the current fs id, or
 * anything for root. -1 is the usual way to read the value. */
uint32_t cred_setfsuid(struct cred *c, uint32_t fsuid)
{
	uint32_t old = c->fsuid;

	if (fsuid != ID_NONE &&
	    (c->euid == 0 || fsuid == c->fsuid ||
	     one_of(fsuid, c->ruid, c->euid, c->suid)))
		c->fsuid = fsuid;
	return old;
}

/* ---- the gid family: the same rules, privilege is still euid 0 ----------- */

int cred_setgid(struct cred *c, uint32_t gid)
{
	if (gid == ID_NONE)
		return -EINVAL;
	if (c->euid == 0) {
		c->rgid = c->sgid = gid;
	} else if (gid != c->rgid && gid != c->sgid) {
		return -EPERM;
	}
	c->egid = c->fsgid = gid;
	return 0;
}

int cred_setregid(struct cred *c, uint32_t rgid, uint32_t egid)
{
	bool priv = c->euid == 0;
	uint32_t r = c->rgid, e = c->egid;

	if (rgid != ID_NONE) {
		if (!priv && rgid != c->rgid && rgid != c->egid)
			return -EPERM;
		r = rgid;
	}
	if (egid != ID_NONE) {
		if (!priv && !one_of(egid, c->rgid, c->egid, c->sgid))
			return -EPERM;
		e = egid;
	}
	if (rgid != ID_NONE || (egid != ID_NONE && egid != c->rgid))
		c->sgid = e;
	c->rgid = r;
	c->egid = c->fsgid = e;
	return 0;
}

int cred_setresgid(struct cred *c, uint32_t rgid, uint32_t egid, uint32_t sgid)
{
	if (c->euid != 0 &&
	    ((rgid != ID_NONE && !one_of(rgid, c->rgid, c->egid, c->sgid)) ||
	     (egid != ID_NONE && !one_of(egid, c->rgid, c->egid, c->sgid)) ||
	     (sgid != ID_NONE && !one_of(sgid, c->rgid, c->egid, c->sgid))))
		return -EPERM;
	if (rgid != ID_NONE)
		c->rgid = rgid;
	if (egid != ID_NONE)
		c->egid = egid;
	if (sgid != ID_NONE)
		c->sgid = sgid;
	c->fsgid = c->egid;
	return 0;
}

int cred_setegid(struct cred *c, uint32_t egid)
{
	if (egid == ID_NONE)
		return -EINVAL;
	return cred_setresgid(c, ID_NONE, egid, ID_NONE);
}

uint32_t cred_setfsgid(struct cred *c, uint32_t fsgid)
{
	uint32_t old = c->fsgid;

	if (fsgid != ID_NONE &&
	    (c->euid == 0 || fsgid == c->fsgid ||
	     one_of(fsgid, c->rgid, c->egid, c->sgid)))
		c->fsgid = fsgid;
	return old;
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
