/*
 * The page system calls: map, unmap, protect, map info, page copy and the
 * copy-on-write step (unshare). Each takes an AddrSpace capability; the
 * work is in kernel/aspace.c and kernel/frame.c.
 */
#include "arch.h"
#include "aspace.h"
#include "cspace.h"
#include "kstring.h"
#include "pmm.h"
#include "task.h"
#include "uapi/errno.h"
#include "uapi/task.h"

static unsigned prot_of(uint64_t rights)
{
	return ((rights & RIGHT_READ) ? PT_READ : 0) |
	       ((rights & RIGHT_WRITE) ? PT_WRITE : 0) |
	       ((rights & RIGHT_EXEC) ? PT_EXEC : 0);
}

/* The rights argument of a mapping call: readable, maybe writable or
 * executable, maybe MAP_REPLACE. */
static bool map_rights_ok(uint64_t rights)
{
	return !(rights & ~(uint64_t)(RIGHT_READ | RIGHT_WRITE | RIGHT_EXEC |
				      MAP_REPLACE)) && (rights & RIGHT_READ);
}

/* SYS_MAP(aspace, frame, vaddr, rights, first, count): the frame
 * capability must carry every right asked for. A pager maps one page of a
 * larger Frame (the boot image's, for a program's text) with first/count. */
long sys_map(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_CONTROL);
	uint64_t rights = r->r[3];
	int err = a.err;
	struct cap_ref f = { 0, NULL };

	if (!err && !map_rights_ok(rights))
		err = -EINVAL;
	if (!err) {
		f = cap_lookup(current->cs, r->r[1], CAP_FRAME,
			       (unsigned)(rights & ~(uint64_t)MAP_REPLACE));
		err = f.err;
	}
	if (err)
		return err;
	/* Pages first..first+count-1 of the frame; count 0: to its end. */
	struct frame *fr = (struct frame *)f.cap->obj;
	uint64_t first = r->r[4], count = r->r[5];
	if (first >= fr->npages)
		return -EINVAL;
	return aspace_map_range((struct aspace *)a.cap->obj, fr, first,
				count ? count : fr->npages - first, r->r[2],
				prot_of(rights), r->r[3] & MAP_REPLACE);
}

long sys_unmap(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_CONTROL);

	return a.err ? a.err
		: aspace_unmap((struct aspace *)a.cap->obj, r->r[1]);
}

/* SYS_PROTECT(aspace, vaddr, rights): only removes rights; adding one
 * takes the frame capability again (unmap + map), except that a page
 * write-protected for copy-on-write may get its write right back (the
 * pager found it mapped once: no copy needed). */
long sys_protect(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_CONTROL);
	vaddr_t va = r->r[1];
	uint64_t rights = r->r[2];
	int err = a.err;

	if (!err && (va & PAGE_MASK || va >= ARCH_USER_TOP ||
		     rights & ~(uint64_t)(RIGHT_READ | RIGHT_WRITE | RIGHT_EXEC) ||
		     !(rights & RIGHT_READ)))
		err = -EINVAL;
	if (!err) {
		struct aspace *as = (struct aspace *)a.cap->obj;
		struct pt_lookup l = pt_lookup(as->root, va);
		unsigned prot = prot_of(rights);
		if (l.err)
			err = l.err;
		else if (prot & ~l.prot &
			 ~((l.prot & PT_COW) && page_maps(l.pa) == 1 ? PT_WRITE : 0))
			err = -EPERM;  /* a shared COW page must be copied */
		else
			err = pt_protect(as->root, va,
					 prot | PT_USER |
					 (prot & PT_WRITE ? 0 : (l.prot & PT_COW)));
	}
	return err;
}

/* SYS_MAP_INFO(aspace, vaddr): r1 = rights, r2 = how many mappings the
 * page has (all address spaces), r3 = MAP_INFO_* flags. */
long sys_map_info(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_READ);
	vaddr_t va = r->r[1];
	struct pt_lookup l;

	if (a.err || va >= ARCH_USER_TOP)
		return a.err ? a.err : -EINVAL;
	l = pt_lookup(((struct aspace *)a.cap->obj)->root, va);
	if (l.err)
		return l.err;
	r->r[1] = ((l.prot & PT_READ) ? RIGHT_READ : 0) |
		  ((l.prot & PT_WRITE) ? RIGHT_WRITE : 0) |
		  ((l.prot & PT_EXEC) ? RIGHT_EXEC : 0);
	r->r[2] = page_maps(l.pa);
	r->r[3] = (l.prot & PT_COW) ? MAP_INFO_COW : 0;
	return 0;
}

/*
 * SYS_PAGE_UNSHARE(aspace, vaddr, pool): the copy-on-write step in one
 * call. The page at vaddr must be marked COW; if no other mapping shares
 * its physical page it gets its write right back (result 0), otherwise a
 * new frame charged to pool receives a copy (never zeroed first: it is
 * overwritten whole) and replaces it, writable (result 1). The pager keeps
 * the policy (which pool pays, whether to do it at all).
 */
long sys_page_unshare(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_CONTROL);
	struct cap_ref p = cap_lookup(current->cs, r->r[2], CAP_MEMPOOL,
				      RIGHT_CONTROL);
	vaddr_t va = r->r[1] & ~(vaddr_t)PAGE_MASK;
	int err = a.err ? a.err : p.err;
	struct aspace *as;
	struct pt_lookup l;

	if (!err && va >= ARCH_USER_TOP)
		err = -EINVAL;
	if (err)
		return err;
	as = (struct aspace *)a.cap->obj;
	pte_t *e = pt_entry(as->root, va);
	if (!e || !(arch_pte_prot(*e) & PT_COW))
		return e ? -EINVAL : -ENOENT;
	l.pa = arch_pte_addr(*e);
	unsigned prot = (arch_pte_prot(*e) & (PT_READ | PT_EXEC)) | PT_WRITE;
	if (page_maps(l.pa) == 1) {
		/* Alone: the write right comes back, the COW mark goes. */
		*e = arch_pte_leaf(l.pa, prot | PT_USER, 0);
		arch_tlb_flush_page(va);
		return 0;
	}
	struct mempool *pool = (struct mempool *)p.cap->obj;
	paddr_t pa;
	struct frame *f = NULL;
	err = pool_charge(pool, PAGE_SIZE);
	if (!err && pmm_alloc(&kernel_pmm, &pa) < 0) {
		pool_refund(pool, PAGE_SIZE);
		err = -ENOMEM;
	}
	if (!err) {
		memcpy(phys_to_virt(pa), phys_to_virt(l.pa), PAGE_SIZE);
		f = frame_wrap(pool, pa, 1);
		if (!f) {
			pool_frames_free(pool, pa, 1);
			err = -ENOMEM;
		}
	}
	if (!err) {
		/* Swap the entry found above: no walk, no new table. */
		f->owned = true;
		*e = arch_pte_leaf(pa, prot | PT_USER, 0);
		arch_tlb_flush_page(va);
		page_mapped(pa);
		page_unmapped(l.pa);
		obj_put(&f->hdr); /* the mapping holds it */
	}
	return err ? err : 1;
}

/* SYS_PAGE_COPY(aspace, vaddr, frame): copy the page mapped at vaddr into
 * the first page of frame, through the physmap (neither needs mapping). */
long sys_page_copy(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_READ);
	struct cap_ref f = cap_lookup(current->cs, r->r[2], CAP_FRAME,
				      RIGHT_WRITE);
	vaddr_t va = r->r[1];
	int err = a.err ? a.err : f.err;

	if (!err && (va & PAGE_MASK || va >= ARCH_USER_TOP))
		err = -EINVAL;
	if (!err) {
		struct pt_lookup l = pt_lookup(((struct aspace *)a.cap->obj)->root, va);
		err = l.err;
		if (!err)
			memcpy(phys_to_virt(((struct frame *)f.cap->obj)->pa),
			       phys_to_virt(l.pa), PAGE_SIZE);
	}
	return err;
}

/*
 * SYS_MAP_ZERO(aspace, vaddr, rights, pool): a new zeroed page charged to
 * pool, mapped at vaddr (with MAP_REPLACE in rights, whatever was there is
 * unmapped first). The pager's demand-zero step in one call: no Frame
 * capability is made (the mapping holds the page).
 */
long sys_map_zero(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_CONTROL);
	struct cap_ref p = cap_lookup(current->cs, r->r[3], CAP_MEMPOOL,
				      RIGHT_CONTROL);
	uint64_t rights = r->r[2];
	vaddr_t va = r->r[1];
	int err = a.err ? a.err : p.err;

	if (err)
		return err;
	if (!map_rights_ok(rights) || va & PAGE_MASK || va >= ARCH_USER_TOP)
		return -EINVAL;
	struct frame *f = frame_create((struct mempool *)p.cap->obj, 1);
	if (!f)
		return -ENOMEM;
	err = aspace_map_page((struct aspace *)a.cap->obj, va, f->pa,
			      prot_of(rights), rights & MAP_REPLACE);
	obj_put(&f->hdr); /* the mapping holds it (or nothing does) */
	return err;
}

/* The physical address of va in as for a copy: mapped for user access,
 * writable if write (a copy-on-write page is not: its pager resolves it
 * first). 0 if not. */
static paddr_t copy_page_of(struct aspace *as, vaddr_t va, bool write)
{
	struct pt_lookup l = pt_lookup(as->root, va);
	unsigned need = PT_USER | PT_READ | (write ? PT_WRITE : 0);

	if (l.err || (l.prot & need) != need)
		return 0;
	return l.pa;
}

static struct aspace *space_arg(uint64_t slot, unsigned rights, int *err)
{
	struct cap_ref c;

	*err = 0;
	if (!slot)
		return current->as;
	c = cap_lookup(current->cs, slot, CAP_ASPACE, rights);
	*err = c.err;
	return c.err ? NULL : (struct aspace *)c.cap->obj;
}

/*
 * SYS_VM_COPY(src aspace or 0, src, dst aspace or 0, dst, len): copy len
 * bytes (at most VM_COPY_MAX) from one address space to another (0: the
 * caller's), through the physmap. How a server reads a client's
 * arguments (execve's strings) or writes its results without sharing
 * memory with it. All or nothing: every page of the source must be mapped
 * for user access and every page of the destination writable, or nothing
 * is copied (-EFAULT). Overlapping ranges in one space copy as memmove.
 */
long sys_vm_copy(struct sysregs *r)
{
	int err;
	struct aspace *src = space_arg(r->r[0], RIGHT_READ, &err);
	struct aspace *dst = err ? NULL : space_arg(r->r[2], RIGHT_WRITE, &err);
	vaddr_t s = r->r[1], d = r->r[3];
	size_t len = r->r[4];

	if (err)
		return err;
	if (len > VM_COPY_MAX)
		return -E2BIG;
	if (len == 0)
		return 0;
	if (s >= ARCH_USER_TOP || len > ARCH_USER_TOP - s ||
	    d >= ARCH_USER_TOP || len > ARCH_USER_TOP - d || !src || !dst)
		return -EFAULT;
	for (size_t off = 0; off < len; off += PAGE_SIZE)
		if (!copy_page_of(src, s + off, false) ||
		    !copy_page_of(dst, d + off, true))
			return -EFAULT;
	if (!copy_page_of(src, s + len - 1, false) ||
	    !copy_page_of(dst, d + len - 1, true))
		return -EFAULT;
	/* Backwards when the destination overlaps the source from above. */
	bool back = src == dst && d > s && d < s + len;
	size_t done = 0;
	while (done < len) {
		size_t left = len - done;
		vaddr_t sv = back ? s + left - 1 : s + done;
		vaddr_t dv = back ? d + left - 1 : d + done;
		size_t n = back ? MIN(MIN(sv % PAGE_SIZE, dv % PAGE_SIZE) + 1, left)
				: MIN(MIN(PAGE_SIZE - sv % PAGE_SIZE,
					  PAGE_SIZE - dv % PAGE_SIZE), left);
		if (back) {
			sv -= n - 1;
			dv -= n - 1;
		}
		void *to = phys_to_virt(copy_page_of(dst, dv, true));
		const void *from = phys_to_virt(copy_page_of(src, sv, false));
		/* Two spaces never overlap (distinct frames, or one frame
		 * mapped in both, read before written a word at a time):
		 * memcpy's word copy, not memmove's bytes (a signal frame is
		 * 600 bytes: 4800 instructions less on riscv64). */
		if (src != dst)
			memcpy(to, from, n);
		else
			memmove(to, from, n);
		done += n;
	}
	return 0;
}
