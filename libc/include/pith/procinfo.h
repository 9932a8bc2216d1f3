/*
 * What the process server tells of the whole system (proto/procsrv.h,
 * PROC_SYSINFO): for tools such as ps, and for tests that count leaks.
 */
#ifndef PITH_PROCINFO_H
#define PITH_PROCINFO_H

#include <stdint.h>

struct pith_sysinfo {
	uint64_t processes;     /* zombies included */
	uint64_t pool_used;     /* bytes of memory procsrv has given out */
	uint64_t image_pages;   /* file pages mapped from the boot image (shared) */
	uint64_t copied_pages;  /* file pages copied (data, partial pages) */
};

/* 0, or -1 with errno (ENOSYS without a process server). */
int pith_sysinfo(struct pith_sysinfo *out);

#endif
