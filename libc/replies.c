/*
 * A server's saved Replies: a set re-armed and kept (pith/replies.h).
 */
#include <pith/replies.h>

/* An idle Reply made in s: 0, or the slot is left empty. */
static long make(struct pith_replies *r, slot_t s)
{
	return sys_obj_create(r->pool, CAP_REPLY, s, 0);
}

void pith_replies_init(struct pith_replies *r)
{
	while (r->nidle < PITH_REPLIES) {
		slot_t s = r->slot_get();
		if (!s)
			break;
		if (make(r, s)) {
			r->slot_free(s);
			break;
		}
		r->idle[r->nidle++] = s;
	}
	r->size = r->nlive = r->nidle;
}

slot_t pith_reply_save(struct pith_replies *r)
{
	if (r->nidle) {
		slot_t s = r->idle[r->nidle - 1];
		if (sys_reply_save(r->pool, s))
			return 0;            /* no call to save: it stays idle */
		r->nidle--;
		return s;
	}
	slot_t s = r->slot_get();

	if (s && sys_reply_save(r->pool, s)) {
		r->slot_free(s);
		return 0;
	}
	if (s)
		r->nlive++;
	return s;
}

void pith_reply_answer(struct pith_replies *r, slot_t s, uint64_t info,
		       uint64_t w0, uint64_t w1, uint64_t w2)
{
	int keep = r->nlive <= r->size;

	if (sys_reply_to(s, info, w0, w1, w2, keep ? REPLY_KEEP : 0)) {
		pith_reply_drop(r, s);   /* no armed Reply there: a bug */
	} else if (keep) {
		r->idle[r->nidle++] = s;
	} else {
		r->nlive--;
		r->slot_free(s);         /* the answer used it up */
	}
}

void pith_reply_drop(struct pith_replies *r, slot_t s)
{
	if (!s)
		return;
	sys_cap_delete(s);
	if (r->nlive <= r->size && make(r, s) == 0) {
		r->idle[r->nidle++] = s;   /* the set stays whole */
		return;
	}
	r->nlive--;
	r->slot_free(s);
}
