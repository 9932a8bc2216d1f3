/* Loading and starting the root task (kernel/roottask.c). */
#ifndef PITH_ROOTTASK_H
#define PITH_ROOTTASK_H

#include "bootinfo.h"

/* Load the boot image's first program as the root task and make it
 * runnable; panics if there is none (the system could do nothing). */
void roottask_start(const struct boot_info *bi);

#endif
