/* POSIX data types (<sys/types.h>): the scalar types of processes,
 * files and time, all from <bits/types.h>. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#define __need_size_t
#include <stddef.h>

#define __PITH_NEED_ssize_t
#define __PITH_NEED_off_t
#define __PITH_NEED_pid_t
#define __PITH_NEED_uid_t
#define __PITH_NEED_gid_t
#define __PITH_NEED_id_t
#define __PITH_NEED_mode_t
#define __PITH_NEED_dev_t
#define __PITH_NEED_ino_t
#define __PITH_NEED_nlink_t
#define __PITH_NEED_blksize_t
#define __PITH_NEED_blkcnt_t
#define __PITH_NEED_time_t
#define __PITH_NEED_clock_t
#define __PITH_NEED_clockid_t
#define __PITH_NEED_timer_t
#define __PITH_NEED_suseconds_t
#define __PITH_NEED_useconds_t
#define __PITH_NEED_key_t
#define __PITH_NEED_pthread_types
#include <bits/types.h>

typedef unsigned long fsblkcnt_t;
typedef unsigned long fsfilcnt_t;
/* Traditional BSD names, which much portable code expects. */
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef long long loff_t;
typedef char *caddr_t;

#endif
