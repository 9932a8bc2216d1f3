/* The file-system ids (Linux): each call returns the old one. */
#ifndef _SYS_FSUID_H
#define _SYS_FSUID_H

#include <sys/types.h>

int setfsuid(uid_t fsuid);
int setfsgid(gid_t fsgid);

#endif
