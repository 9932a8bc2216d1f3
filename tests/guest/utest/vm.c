/*
 * utest's page tests: SYS_MAP_INFO, SYS_PROTECT (removing rights, and the
 * one way to add one: the write right of a copy-on-write page mapped
 * once), SYS_PAGE_COPY and SYS_MAP with MAP_REPLACE, the calls a pager
 * resolves copy-on-write with when it does not use SYS_PAGE_UNSHARE.
 */
#include <pith/machine.h>
#include <string.h>

#include "utest.h"
#include "worker.h"

#define AS ROOT_SLOT_ASPACE
#define VA 0x3c000000ull        /* free in our space */
#define WVA 0x50000000ull       /* free in the worker's */
#define RW (RIGHT_READ | RIGHT_WRITE)

struct page_info {
	uint64_t rights, maps, flags;
};

/* A test that failed may have left pages mapped: start from nothing. */
static void clear_window(void)
{
	for (unsigned k = 0; k < 4; k++)
		sys_unmap(AS, VA + k * 4096ull);
}

static struct page_info info_of(slot_t as, uint64_t va)
{
	struct page_info p = { ~0ull, ~0ull, ~0ull };

	if (sys_map_info(as, va, &p.rights, &p.maps, &p.flags) != 0)
		p.rights = ~0ull;
	return p;
}

/* In our own space: what SYS_MAP_INFO says about a page, how SYS_PROTECT
 * takes rights away, and that it never gives one back to a page that is
 * not copy-on-write. */
bool test_map_info_protect(void)
{
	slot_t f = new_slot(), ro = new_slot();
	volatile uint64_t *p = (volatile uint64_t *)VA;
	struct page_info i;
	uint64_t r, n, fl;

	clear_window();

	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 1) == 0);
	CHECK(sys_map(AS, f, VA, RW) == 0);
	*p = 0x1234;
	i = info_of(AS, VA);
	CHECK(i.rights == RW && i.maps == 1 && i.flags == 0);
	/* A second mapping of the same frame: both addresses count two. */
	CHECK(sys_map(AS, f, VA + 4096, RIGHT_READ) == 0);
	i = info_of(AS, VA + 4096);
	CHECK(i.rights == RIGHT_READ && i.maps == 2 && i.flags == 0);
	CHECK(info_of(AS, VA).maps == 2);
	CHECK(p[4096 / 8] == 0x1234);
	CHECK(sys_unmap(AS, VA + 4096) == 0);
	CHECK(info_of(AS, VA).maps == 1);
	/* Taking the write right away works; giving it back does not. */
	CHECK(sys_protect(AS, VA, RIGHT_READ) == 0);
	i = info_of(AS, VA);
	CHECK(i.rights == RIGHT_READ && i.maps == 1 && i.flags == 0);
	CHECK(*p == 0x1234);                           /* still readable */
	CHECK(sys_protect(AS, VA, RW) == -EPERM);
	CHECK(sys_protect(AS, VA, RIGHT_READ | RIGHT_EXEC) == -EPERM);
	CHECK(info_of(AS, VA).rights == RIGHT_READ);   /* unchanged */
	CHECK(sys_protect(AS, VA, RIGHT_READ) == 0);   /* no change: fine */
	/* Errors. */
	CHECK(sys_protect(AS, VA + 8, RIGHT_READ) == -EINVAL);
	CHECK(sys_protect(AS, VA, RIGHT_WRITE) == -EINVAL);      /* no READ */
	CHECK(sys_protect(AS, VA, 0x40) == -EINVAL);
	CHECK(sys_protect(AS, VA + 4096, RIGHT_READ) == -ENOENT);
	CHECK(sys_protect(AS, PITH_KERNEL_ADDR, RIGHT_READ) == -EINVAL);
	CHECK(sys_map_info(AS, VA + 4096, &r, &n, &fl) == -ENOENT);
	CHECK(sys_map_info(AS, PITH_KERNEL_ADDR, &r, &n, &fl) == -EINVAL);
	CHECK(sys_map_info(POOL, VA, &r, &n, &fl) == -ENOTTY);
	CHECK(sys_cap_mint(AS, 0, ro, RIGHT_READ, 0) == 0);
	CHECK(sys_protect(ro, VA, RIGHT_READ) == -EPERM);        /* CONTROL */
	CHECK(sys_map_info(ro, VA, &r, &n, &fl) == 0);           /* READ is enough */
	sys_cap_delete(ro);
	CHECK(sys_unmap(AS, VA) == 0);
	sys_cap_delete(f);
	return true;
}

/* A page of the worker's space, shared copy-on-write with a clone (and
 * mapped in ours too): SYS_PROTECT refuses the write right while another
 * mapping shares the page and gives it back once the page is mapped only
 * there, which also clears the COW mark. */
bool test_protect_cow_upgrade(void)
{
	struct spawn s;
	slot_t ep = new_slot(), f = new_slot(), ct = new_slot(), ca = new_slot();
	struct clone_args a = {
		.flags = CLONE_STOPPED, .pool = POOL, .dst = ct, .aspace_dst = ca,
	};
	struct page_info i;
	struct msg m;

	clear_window();

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 1) == 0);
	CHECK(start_worker(&s, ep, false, W_MODE_HOLD) == 0);
	CHECK(sys_recv(ep, &m) == 0);        /* it waits for our answer */
	CHECK(sys_map(s.aspace, f, WVA, RW) == 0);
	CHECK(sys_map(AS, f, VA, RIGHT_READ) == 0);
	CHECK(info_of(s.aspace, WVA).maps == 2);
	CHECK(sys_task_clone(s.task, &a) == 0);
	/* Three mappings of one page; the two writable ones are now COW. */
	i = info_of(s.aspace, WVA);
	CHECK(i.rights == RIGHT_READ && i.maps == 3 && i.flags == MAP_INFO_COW);
	i = info_of(ca, WVA);
	CHECK(i.rights == RIGHT_READ && i.maps == 3 && i.flags == MAP_INFO_COW);
	i = info_of(AS, VA);                 /* ours was read-only: not COW */
	CHECK(i.rights == RIGHT_READ && i.maps == 3 && i.flags == 0);
	/* Shared: no write right without a copy. */
	CHECK(sys_protect(s.aspace, WVA, RW) == -EPERM);
	CHECK(sys_unmap(ca, WVA) == 0);
	CHECK(info_of(s.aspace, WVA).maps == 2);
	CHECK(sys_protect(s.aspace, WVA, RW) == -EPERM);
	/* Removing rights from a COW page keeps the mark. */
	CHECK(sys_protect(s.aspace, WVA, RIGHT_READ) == 0);
	CHECK(info_of(s.aspace, WVA).flags == MAP_INFO_COW);
	CHECK(sys_unmap(AS, VA) == 0);
	/* Mapped once: the write right comes back and the mark goes. */
	i = info_of(s.aspace, WVA);
	CHECK(i.maps == 1 && i.flags == MAP_INFO_COW);
	CHECK(sys_protect(s.aspace, WVA, RW) == 0);
	i = info_of(s.aspace, WVA);
	CHECK(i.rights == RW && i.maps == 1 && i.flags == 0);
	/* No longer COW: a right taken away stays away. */
	CHECK(sys_protect(s.aspace, WVA, RIGHT_READ) == 0);
	CHECK(sys_protect(s.aspace, WVA, RW) == -EPERM);
	CHECK(sys_task_kill(ct) == 0);
	CHECK(sys_task_kill(s.task) == 0);
	drop_worker(&s);
	sys_cap_delete(ct);
	sys_cap_delete(ca);
	sys_cap_delete(f);
	sys_cap_delete(ep);
	return true;
}

/* SYS_PAGE_COPY copies a mapped page into a frame's first page. */
bool test_page_copy(void)
{
	slot_t a = new_slot(), b = new_slot(), ro = new_slot();
	volatile uint64_t *src = (volatile uint64_t *)VA;
	volatile uint64_t *dst = (volatile uint64_t *)(VA + 4096);

	clear_window();

	CHECK(sys_obj_create(POOL, CAP_FRAME, a, 1) == 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, b, 2) == 0);
	CHECK(sys_map(AS, a, VA, RW) == 0);
	CHECK(sys_map(AS, b, VA + 4096, RIGHT_READ) == 0);  /* both pages */
	for (unsigned i = 0; i < 512; i++)
		src[i] = 0xc0de0000ull + i;
	CHECK(dst[0] == 0 && dst[511] == 0);
	CHECK(sys_page_copy(AS, VA, b) == 0);
	for (unsigned i = 0; i < 512; i++)
		CHECK(dst[i] == 0xc0de0000ull + i);
	CHECK(info_of(AS, VA).maps == 1);    /* nothing mapped anew */
	/* Errors. */
	CHECK(sys_page_copy(AS, VA + 8, b) == -EINVAL);
	CHECK(dst[512] == 0);                /* only the first page */
	CHECK(sys_page_copy(AS, VA + 3 * 4096, b) == -ENOENT);
	CHECK(sys_page_copy(AS, PITH_KERNEL_ADDR, b) == -EINVAL);
	CHECK(sys_cap_mint(b, 0, ro, RIGHT_READ, 0) == 0);
	CHECK(sys_page_copy(AS, VA, ro) == -EPERM);          /* WRITE */
	CHECK(sys_page_copy(AS, VA, POOL) == -ENOTTY);
	CHECK(sys_unmap(AS, VA) == 0);
	CHECK(sys_unmap(AS, VA + 4096) == 0);
	CHECK(sys_unmap(AS, VA + 2 * 4096) == 0);
	sys_cap_delete(ro);
	sys_cap_delete(a);
	sys_cap_delete(b);
	return true;
}

/* SYS_MAP with MAP_REPLACE swaps the page at an address in one call: the
 * old frame loses that mapping, the new one gains it. */
bool test_map_replace(void)
{
	slot_t a = new_slot(), b = new_slot();
	volatile uint64_t *p = (volatile uint64_t *)VA;
	volatile uint64_t *alias = (volatile uint64_t *)(VA + 4096);

	clear_window();

	CHECK(sys_obj_create(POOL, CAP_FRAME, a, 1) == 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, b, 1) == 0);
	CHECK(sys_map(AS, a, VA, RW) == 0);
	CHECK(sys_map(AS, a, VA + 4096, RIGHT_READ) == 0);   /* a's alias */
	*p = 0xaaaa;
	CHECK(info_of(AS, VA + 4096).maps == 2);
	CHECK(sys_map(AS, b, VA, RW) == -EEXIST);            /* no REPLACE */
	CHECK(*p == 0xaaaa);
	CHECK(sys_map(AS, b, VA, RW | MAP_REPLACE) == 0);
	CHECK(*p == 0);                      /* b's page, zeroed */
	*p = 0xbbbb;
	CHECK(*alias == 0xaaaa);             /* a untouched */
	CHECK(info_of(AS, VA + 4096).maps == 1);   /* a lost a mapping */
	struct page_info i = info_of(AS, VA);
	CHECK(i.rights == RW && i.maps == 1 && i.flags == 0);
	/* On an empty address it is a plain map. */
	CHECK(sys_map(AS, b, VA + 2 * 4096, RIGHT_READ | MAP_REPLACE) == 0);
	CHECK(p[2 * 512] == 0xbbbb);
	CHECK(info_of(AS, VA).maps == 2);
	for (unsigned k = 0; k < 3; k++)
		CHECK(sys_unmap(AS, VA + k * 4096ull) == 0);
	sys_cap_delete(a);
	sys_cap_delete(b);
	return true;
}

/* SYS_MAP with a page range: one page of a larger frame, the rest of it,
 * and every range that leaves the frame. */
bool test_map_page_range(void)
{
	slot_t f = new_slot();
	uint64_t rights, count, flags;

	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 4) == 0);
	CHECK(sys_map_pages(ROOT_SLOT_ASPACE, f, WINDOW, RIGHT_READ | RIGHT_WRITE, 2, 1) == 0);
	*(volatile uint64_t *)WINDOW = 0x2222;
	CHECK(sys_map_pages(ROOT_SLOT_ASPACE, f, WINDOW + 4096, RIGHT_READ, 1, 0) == 0);
	/* Pages 1..3 from WINDOW + 4096: page 2 is at WINDOW + 8192. */
	CHECK(*(volatile uint64_t *)(WINDOW + 8192) == 0x2222);
	CHECK(sys_map_info(ROOT_SLOT_ASPACE, WINDOW + 12288, &rights, &count, &flags) == 0);
	CHECK(sys_map_info(ROOT_SLOT_ASPACE, WINDOW + 16384, &rights, &count, &flags) == -ENOENT);
	CHECK(sys_map_pages(ROOT_SLOT_ASPACE, f, WINDOW + 65536, RIGHT_READ, 4, 0) == -EINVAL);
	CHECK(sys_map_pages(ROOT_SLOT_ASPACE, f, WINDOW + 65536, RIGHT_READ, 3, 2) == -EINVAL);
	CHECK(sys_map_pages(ROOT_SLOT_ASPACE, f, WINDOW + 65536, RIGHT_READ, ~0ull, 1) == -EINVAL);
	CHECK(sys_map_pages(ROOT_SLOT_ASPACE, f, WINDOW + 65536, RIGHT_READ, 1, ~0ull) == -EINVAL);
	for (int i = 0; i < 4; i++)
		CHECK(sys_unmap(ROOT_SLOT_ASPACE, WINDOW + i * 4096) == 0);
	CHECK(sys_cap_delete(f) == 0);
	return true;
}

/* SYS_MAP_ZERO: a zeroed page charged to the pool, gone with its mapping. */
bool test_map_zero(void)
{
	uint64_t q, used0, used1;

	CHECK(sys_pool_info(POOL, &q, &used0) == 0);
	CHECK(sys_map_zero(ROOT_SLOT_ASPACE, WINDOW, RIGHT_READ | RIGHT_WRITE, POOL) == 0);
	CHECK(*(volatile uint64_t *)(WINDOW + 4088) == 0);
	*(volatile uint64_t *)WINDOW = 5;
	CHECK(sys_pool_info(POOL, &q, &used1) == 0 && used1 >= used0 + 4096);
	CHECK(sys_map_zero(ROOT_SLOT_ASPACE, WINDOW, RIGHT_READ, POOL) == -EEXIST);
	CHECK(sys_map_zero(ROOT_SLOT_ASPACE, WINDOW, RIGHT_READ | MAP_REPLACE, POOL) == 0);
	CHECK(*(volatile uint64_t *)WINDOW == 0);            /* a fresh page */
	CHECK(sys_map_zero(ROOT_SLOT_ASPACE, WINDOW + 1, RIGHT_READ, POOL) == -EINVAL);
	CHECK(sys_map_zero(ROOT_SLOT_ASPACE, WINDOW + 4096, RIGHT_WRITE, POOL) == -EINVAL);
	CHECK(sys_map_zero(ROOT_SLOT_ASPACE, WINDOW + 4096, RIGHT_READ, CON) == -ENOTTY);
	CHECK(sys_unmap(ROOT_SLOT_ASPACE, WINDOW) == 0);
	CHECK(sys_pool_info(POOL, &q, &used1) == 0 && used1 == used0);
	return true;
}

/* SYS_VM_COPY between our space and another's: across page boundaries,
 * overlapping in one space, and all-or-nothing on a bad page. */
bool test_vm_copy(void)
{
	slot_t as = new_slot(), f = new_slot(), ro = new_slot();
	volatile uint8_t *w = (volatile uint8_t *)WINDOW;
	static uint8_t buf[6000];

	CHECK(sys_obj_create(POOL, CAP_ASPACE, as, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 3) == 0);
	CHECK(sys_map(as, f, 0x100000, RIGHT_READ | RIGHT_WRITE) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, f, WINDOW, RIGHT_READ | RIGHT_WRITE) == 0);
	for (int i = 0; i < 6000; i++)
		buf[i] = (uint8_t)(i * 7 + 1);
	/* Ours -> theirs at an odd offset, across two page boundaries. */
	CHECK(sys_vm_copy(0, (uint64_t)(uintptr_t)buf, as, 0x100000 + 4000, 6000) == 0);
	for (int i = 0; i < 6000; i++)
		CHECK(w[4000 + i] == (uint8_t)(i * 7 + 1));
	/* Theirs -> ours. */
	memset(buf, 0, sizeof(buf));
	CHECK(sys_vm_copy(as, 0x100000 + 4001, 0, (uint64_t)(uintptr_t)buf, 5999) == 0);
	CHECK(buf[0] == (uint8_t)(1 * 7 + 1) && buf[5998] == (uint8_t)(5999 * 7 + 1));
	/* Overlapping, in their space: as memmove, both directions. */
	CHECK(sys_vm_copy(as, 0x100000 + 4000, as, 0x100000 + 4100, 5000) == 0);
	CHECK(w[4100] == (uint8_t)1 && w[9099] == (uint8_t)(4999 * 7 + 1));
	CHECK(sys_vm_copy(as, 0x100000 + 4100, as, 0x100000 + 4000, 5000) == 0);
	CHECK(w[4000] == (uint8_t)1);
	/* All or nothing: a range running off the mapping copies nothing. */
	w[0] = 0xab;
	CHECK(sys_vm_copy(0, (uint64_t)(uintptr_t)buf, as, 0x100000 + 12000, 1000) == -EFAULT);
	CHECK(sys_vm_copy(as, 0x100000 + 12000, as, 0x100000, 1000) == -EFAULT);
	CHECK(w[0] == 0xab);
	/* A read-only destination page, or a space we may only read. */
	CHECK(sys_cap_mint(as, 0, ro, RIGHT_READ, 0) == 0);
	CHECK(sys_vm_copy(0, (uint64_t)(uintptr_t)buf, ro, 0x100000, 8) == -EPERM);
	CHECK(sys_vm_copy(ro, 0x100000, 0, (uint64_t)(uintptr_t)buf, 8) == 0);
	CHECK(sys_vm_copy(0, (uint64_t)(uintptr_t)buf, 0, ROOT_IMAGE_VADDR, 8) == -EFAULT);
	CHECK(sys_vm_copy(0, PITH_KERNEL_ADDR, 0, (uint64_t)(uintptr_t)buf, 8) == -EFAULT);
	CHECK(sys_vm_copy(0, (uint64_t)(uintptr_t)buf, as, 0x100000, VM_COPY_MAX + 1) == -E2BIG);
	CHECK(sys_vm_copy(0, 0, as, 0x100000, 0) == 0);
	for (int i = 0; i < 3; i++)
		CHECK(sys_unmap(ROOT_SLOT_ASPACE, WINDOW + i * 4096) == 0);
	CHECK(sys_cap_delete(ro) == 0);
	CHECK(sys_cap_delete(as) == 0);
	CHECK(sys_cap_delete(f) == 0);
	return true;
}
