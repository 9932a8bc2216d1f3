/*
 * procsrv as pager: every process's faults arrive on its endpoint (badge
 * kind BADGE_FAULT). A fault in an area is resolved by the area's backing
 * (docs/processes.md):
 *   - anonymous, heap, stack: a zeroed page (SYS_MAP_ZERO);
 *   - a boot-image file, read-only, whole page of file: the image's own
 *     page mapped shared (no copy) when the file's data is page-aligned in
 *     the image; otherwise a private copy;
 *   - a file page that is writable or partly beyond the file: a private
 *     copy made on first touch (the rest zero);
 *   - a write to a copy-on-write page: SYS_PAGE_UNSHARE.
 * A fault outside every area, or against its rights, ends the process
 * with SIGSEGV; other kinds with SIGILL, SIGTRAP, SIGBUS or SIGFPE. User
 * pages are charged to procsrv's own pool and counted per process, since
 * a page shared copy-on-write outlives the process that made it (its
 * children still map it); a process past its limit of pages is ended.
 */
#include "procsrv.h"

/* How file pages were given: the image's own (shared), or copied. */
uint64_t pager_image_pages, pager_copied_pages;

/* Pages a process may have when its RLIMIT_AS is unlimited. */
#define PROC_PAGES_DEFAULT_MAX (64ull << 20) / AREA_PAGE

static uint64_t rights_of(unsigned prot)
{
	return RIGHT_READ | ((prot & AREA_W) ? RIGHT_WRITE : 0) |
	       ((prot & AREA_X) ? RIGHT_EXEC : 0);
}

static uint64_t page_limit(const struct proc *p)
{
	uint64_t as = p->rlim[RLIM_AS].cur;

	return as == RLIM_INFINITY ? PROC_PAGES_DEFAULT_MAX : as / AREA_PAGE;
}

/* A fresh private page at page (zero, or the area's file bytes). */
static int new_page(struct proc *p, const struct area *a, uint64_t page)
{
	uint64_t rights = rights_of(a->prot), off = page - a->start, n = 0;
	long err;

	if (p->pages >= page_limit(p))
		return -ENOMEM;
	if (a->kind == AREA_FILE && off < a->file_size)
		n = a->file_size - off < AREA_PAGE ? a->file_size - off : AREA_PAGE;
	if (a->kind == AREA_FILE && !(a->prot & AREA_W) && n == AREA_PAGE &&
	    (a->file_off + off) % AREA_PAGE == 0) {
		/* The image's own page, shared by every process running the
		 * program. */
		err = sys_map_pages(p->aspace, ROOT_SLOT_IMAGE, page, rights,
				    (a->file_off + off) / AREA_PAGE, 1);
		if (!err)
			pager_image_pages++;
		return err ? -ENOMEM : 0;
	}
	err = sys_map_zero(p->aspace, page, n ? rights | RIGHT_WRITE : rights,
			   ROOT_SLOT_POOL);
	if (err)
		return err == -EEXIST ? -EEXIST : -ENOMEM;
	p->pages++;
	if (!n)
		return 0;
	pager_copied_pages++;
	err = sys_vm_copy(0, bi->image_vaddr + a->file_off + off, p->aspace, page, n);
	if (!err && !(a->prot & AREA_W))
		err = sys_protect(p->aspace, page, rights);
	return err ? -EIO : 0;
}

/* A thread's IPC buffer page has no area (procsrv's own, thread.c) but
 * is read and written like one: a fork made it copy-on-write like every
 * writable page, and libc writes it (the thread's TCB, words 3..). */
static const struct area ipcbuf_area = { .prot = AREA_R | AREA_W, .kind = AREA_ANON };

/* What a fault or a touch at addr needs: 0 (now present), -EFAULT (no
 * area, or not allowed: SIGSEGV), -ENOMEM (no memory: SIGBUS). */
static int resolve(struct proc *p, uint64_t addr, unsigned need)
{
	uint64_t page = addr & ~(AREA_PAGE - 1), rights, count, flags;
	const struct area *a = area_find(&p->mm, addr);

	if (!a && area_grow_stack(&p->mm, addr))
		a = area_find(&p->mm, addr);
	if (!a && thread_ipcbuf_page(p, page))
		a = &ipcbuf_area;
	if (!a || (a->prot & need) != need)
		return -EFAULT;
	if (!a->cow) {
		/* No fork since the area was made: none of its pages can be
		 * copy-on-write, so a fault is (almost always) a page not
		 * there yet: make it, no question asked. -EEXIST: it was there
		 * after all (a stale TLB entry, a touch): look below. */
		int err = new_page(p, a, page);
		if (err != -EEXIST)
			return err;
	} else if (need & AREA_W) {
		/* A write fault is most often one to a copy-on-write page:
		 * unshare first (one call instead of two), and ask what is
		 * there only if it is not COW (-EINVAL); -ENOENT: nothing is. */
		long r = sys_page_unshare(p->aspace, page, ROOT_SLOT_POOL);
		if (r >= 0) {
			if (r == 1)
				p->pages++;
			return 0;
		}
		if (r == -ENOENT)
			return new_page(p, a, page);
		if (r != -EINVAL)
			return -ENOMEM;
	}
	if (sys_map_info(p->aspace, page, &rights, &count, &flags) != 0)
		return new_page(p, a, page);
	/* Mapped with what the area allows: nothing to do (a stale TLB
	 * entry, or a touch of a page already there). */
	if ((need & AREA_W) && !(rights & RIGHT_WRITE))
		return -EFAULT;
	return 0;
}

int pager_touch(struct proc *p, uint64_t addr, bool write)
{
	return resolve(p, addr, write ? AREA_W : AREA_R) ? -EFAULT : 0;
}

bool pager_fault(struct thread *t, uint64_t kind, uint64_t addr,
		 uint64_t access, int *sig)
{
	unsigned need = (access & FAULT_ACCESS_WRITE) ? AREA_W
		      : (access & FAULT_ACCESS_EXEC) ? AREA_X : AREA_R;
	int err;

	switch (kind) {
	case FAULT_PAGE:
		break;
	case FAULT_ILLEGAL: *sig = SIGILL; return false;
	case FAULT_BREAKPOINT: *sig = SIGTRAP; return false;
	case FAULT_MISALIGNED: *sig = SIGBUS; return false;
	case FAULT_DIVIDE: *sig = SIGFPE; return false;
	default: *sig = SIGSEGV; return false;
	}
	err = resolve(t->proc, addr, need);
	if (err)
		*sig = err == -EFAULT ? SIGSEGV : SIGBUS;
	return !err;
}
