/*
 * Descriptor tables and open-file descriptions, as POSIX has them: a
 * descriptor names a description (node, offset, status flags), which
 * dup and fork share, so both see one offset; FD_CLOEXEC belongs to the
 * descriptor. A description lives while any descriptor in any table
 * names it (refs), and holds its node (a RAM file unlinked while open
 * lives on until then). A table per process (its pid, the badge of its
 * capability to fs), found through a direct map from pid. Pure: no
 * system calls, host-tested (tests/unit/test_bootfs.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "fs.h"

struct ofile ofiles[OFILE_MAX];
/* Mapped as first used (table_space): a record from fprocs_hw up was
 * never used. */
static struct fproc *fprocs;            /* [FPROC_MAX] */
static unsigned fprocs_hw;
static uint16_t by_pid[FS_PID_MAX];     /* fprocs index + 1, or 0 */
static unsigned nofiles, nfprocs;

void fdtab_init(void)
{
	memset(ofiles, 0, sizeof(ofiles));
	if (!fprocs)
		fprocs = table_space(FPROC_MAX * sizeof(*fprocs));
	if (fprocs_hw)
		memset(fprocs, 0, fprocs_hw * sizeof(*fprocs));
	fprocs_hw = 0;
	memset(by_pid, 0, sizeof(by_pid));
	nofiles = nfprocs = 0;
}

struct fproc *fproc_find(int32_t pid)
{
	if (pid <= 0 || pid >= FS_PID_MAX || !by_pid[pid])
		return NULL;
	return &fprocs[by_pid[pid] - 1];
}

int fproc_new(int32_t pid, const struct fproc *parent, struct fproc **out)
{
	if (pid <= 0 || pid >= FS_PID_MAX)
		return -EINVAL;
	if (by_pid[pid])
		return -EEXIST;
	for (unsigned i = 0; i < FPROC_MAX; i++) {
		struct fproc *p = &fprocs[i];
		if (i < fprocs_hw && p->pid)
			continue;
		if (i >= fprocs_hw) {
			if (table_need(p, sizeof(*p)))
				return -ENOMEM;
			fprocs_hw = i + 1;
		}
		memset(p, 0, sizeof(*p));
		if (parent) {
			memcpy(p->fd, parent->fd, sizeof(p->fd));
			p->cloexec = parent->cloexec;
			p->cwd = parent->cwd;
			p->umask = parent->umask;
			p->cred = parent->cred;
			p->pgid = parent->pgid;
			p->sid = parent->sid;
			for (unsigned d = 0; d < FS_FD_MAX; d++)
				if (p->fd[d])
					ofiles[p->fd[d] - 1].refs++;
		} else {
			p->cwd = NODE_ROOT;
			p->umask = 022;
			p->pgid = p->sid = pid;
		}
		node_hold(p->cwd);
		p->pid = pid;
		by_pid[pid] = (uint16_t)(i + 1);
		nfprocs++;
		*out = p;
		return 0;
	}
	return -ENOMEM;
}

void ofile_get(unsigned o)
{
	ofiles[o].refs++;
}

void ofile_put(unsigned o)
{
	if (ofiles[o].refs && !--ofiles[o].refs) {
		/* A FIFO's pipe freed: its next open makes a new one. */
		if (ofiles[o].pipe &&
		    pipe_leave(ofiles[o].pipe - 1u, ofiles[o].flags & O_ACCMODE) &&
		    nodes[ofiles[o].node].fifo == ofiles[o].pipe)
			nodes[ofiles[o].node].fifo = 0;
		node_release(ofiles[o].node);
		memset(&ofiles[o], 0, sizeof(ofiles[o]));
		nofiles--;
	}
}

void fproc_free(struct fproc *p)
{
	for (unsigned d = 0; d < FS_FD_MAX; d++)
		fd_close(p, d);
	node_release(p->cwd);
	by_pid[p->pid] = 0;
	memset(p, 0, sizeof(*p));
	nfprocs--;
}

void fproc_chdir(struct fproc *p, uint16_t n)
{
	node_hold(n);
	node_release(p->cwd);
	p->cwd = n;
}

void fproc_exec(struct fproc *p)
{
	for (unsigned d = 0; d < FS_FD_MAX; d++)
		if (p->cloexec & (1ull << d))
			fd_close(p, d);
}

int ofile_new(uint16_t node, uint32_t flags)
{
	/* A rotating start: a description just freed is not reused at once. */
	static unsigned next;

	for (unsigned n = 0; n < OFILE_MAX; n++) {
		unsigned i = (next + n) % OFILE_MAX;
		if (!ofiles[i].refs) {
			ofiles[i] = (struct ofile){ .refs = 1, .node = node, .flags = flags };
			node_hold(node);
			nofiles++;
			next = i + 1;
			return (int)i;
		}
	}
	return -ENFILE;
}

struct ofile *fd_get(const struct fproc *p, int64_t fd)
{
	if (fd < 0 || fd >= FS_FD_MAX || !p->fd[fd])
		return NULL;
	return &ofiles[p->fd[fd] - 1];
}

/* Descriptor d names description o, with or without FD_CLOEXEC. */
static void fd_assign(struct fproc *p, int64_t d, int o, bool cloexec)
{
	p->fd[d] = (uint16_t)(o + 1);
	if (cloexec)
		p->cloexec |= 1ull << d;
	else
		p->cloexec &= ~(1ull << d);
}

int fd_install(struct fproc *p, int o, int64_t min, bool cloexec)
{
	for (int64_t d = min < 0 ? 0 : min; d < FS_FD_MAX; d++)
		if (!p->fd[d]) {
			fd_assign(p, d, o, cloexec);
			return (int)d;
		}
	ofile_put((unsigned)o);
	return -EMFILE;
}

int fd_close(struct fproc *p, int64_t fd)
{
	if (!fd_get(p, fd))
		return -EBADF;
	ofile_put(p->fd[fd] - 1u);
	p->fd[fd] = 0;
	p->cloexec &= ~(1ull << fd);
	return 0;
}

int fd_dup(struct fproc *p, int64_t fd, int64_t min, bool cloexec)
{
	if (!fd_get(p, fd))
		return -EBADF;
	if (min < 0 || min >= FS_FD_MAX)
		return -EINVAL;
	int o = p->fd[fd] - 1;
	ofiles[o].refs++;
	return fd_install(p, o, min, cloexec);
}

int fd_dup2(struct fproc *p, int64_t fd, int64_t fd2, bool cloexec)
{
	if (!fd_get(p, fd) || fd2 < 0 || fd2 >= FS_FD_MAX)
		return -EBADF;
	int o = p->fd[fd] - 1;
	ofiles[o].refs++;        /* before the close: fd2 may name it too */
	fd_close(p, fd2);
	fd_assign(p, fd2, o, cloexec);
	return (int)fd2;
}

unsigned ofile_count(void)
{
	return nofiles;
}

unsigned fproc_count(void)
{
	return nfprocs;
}
