/* Process times (<sys/times.h>): the process server's (ENOSYS until it
 * exists). */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#define __PITH_NEED_clock_t
#include <bits/types.h>

struct tms {
	clock_t tms_utime;
	clock_t tms_stime;
	clock_t tms_cutime;
	clock_t tms_cstime;
};

clock_t times(struct tms *buf);

#endif
