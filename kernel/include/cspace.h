/*
 * Capability spaces (kernel/cspace.c): a table of slots (CSPACE_SLOTS by
 * default; a power of two from CSPACE_MIN_SLOTS to CSPACE_MAX_SLOTS when
 * asked for, so a server that holds a capability per client can have
 * thousands) in physically contiguous frames. A slot holds a capability = object reference + rights + badge.
 * Slot 0 is always empty. Lookups check index, type and rights and say
 * which failed: -EBADF (bad index or empty), -ENOTTY (wrong type), -EPERM
 * (missing right).
 */
#ifndef PITH_CSPACE_H
#define PITH_CSPACE_H

#include "object.h"
#include "uapi/errno.h"

#define CSPACE_SLOTS 256

struct cap {
	struct kobj *obj;       /* NULL: empty slot */
	uint64_t badge : 48;
	uint64_t rights : 8;
	uint64_t unused : 8;
	struct cap *next;       /* the other capabilities naming obj */
	struct cap **pprev;
};

#define CSPACE_PAGES 2          /* of a default-sized space */
#define CSPACE_MIN_SLOTS 128    /* one page */
#define CSPACE_MAX_SLOTS 65536  /* 2 MiB */

struct cspace {
	struct kobj hdr;
	struct cap *slots;      /* nslots entries */
	uint64_t nslots;
};

struct cap_ref {
	int err;
	struct cap *cap;
};

/* The capability in slot, of the given type (CAP_NONE: any) with all the
 * given rights. Inline: every system call that names an object does it. */
static inline struct cap_ref cap_lookup(struct cspace *cs, uint64_t slot,
					enum cap_type type, unsigned rights)
{
	struct cap *c;

	if (slot == 0 || slot >= cs->nslots)
		return (struct cap_ref){ -EBADF, NULL };
	c = &cs->slots[slot];
	if (!c->obj)
		return (struct cap_ref){ -EBADF, NULL };
	if (type != CAP_NONE && c->obj->type != type)
		return (struct cap_ref){ -ENOTTY, NULL };
	if ((c->rights & rights) != rights)
		return (struct cap_ref){ -EPERM, NULL };
	return (struct cap_ref){ 0, c };
}

/* Where a new capability goes: an empty slot of a space. */
struct cap_dst {
	int err;
	struct cspace *cs;
	struct cap *slot;
};

/* The empty slot `slot` of the caller's space (cs_slot 0) or of the
 * CapSpace named by cs_slot (RIGHT_CONTROL). Errors: those of the lookup,
 * -EBADF for a bad slot, -EEXIST if occupied. */
struct cap_dst cap_dst(uint64_t cs_slot, uint64_t slot);
struct cap_dst cap_dst_in(struct cspace *cs, uint64_t slot);

/* Fill d (if d.err is 0; else return it) with a capability to obj (a
 * reference is taken). -EINVAL for a CapSpace capability into itself. */
must_check int cap_set(struct cap_dst d, struct kobj *obj, unsigned rights,
		       uint64_t badge);
/* cap_set(cap_dst_in(cs, slot), ...). */
must_check int cap_install(struct cspace *cs, uint64_t slot, struct kobj *obj,
			   unsigned rights, uint64_t badge);

/* Empty a slot, dropping its reference. The last capability to a MemPool
 * dooms the pool (object.h). */
void cap_clear(struct cap *c);

/* The root task's capability to its own space: the one deliberate cycle
 * (the root task ends only with the machine). */
void cspace_install_self(struct cspace *cs, uint64_t slot);

/* A space of CSPACE_SLOTS slots / of nslots slots (a power of two in
 * CSPACE_MIN_SLOTS..CSPACE_MAX_SLOTS, else NULL), charged to pool. */
struct cspace *cspace_create(struct mempool *pool);
struct cspace *cspace_create_sized(struct mempool *pool, uint64_t nslots);
/* Bytes of slot table for nslots slots. */
static inline size_t cspace_table_bytes(uint64_t nslots)
{
	return nslots * sizeof(struct cap);
}


struct sysregs;
long sys_cap_identify(struct sysregs *r);
long sys_cap_copy(struct sysregs *r);
long sys_cap_mint(struct sysregs *r);
long sys_cap_move(struct sysregs *r);
long sys_cap_delete(struct sysregs *r);

#endif
