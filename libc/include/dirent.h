/* Directories (<dirent.h>): read through the file server (libc/fs/dir.c). */
#ifndef _DIRENT_H
#define _DIRENT_H

#define __PITH_NEED_ino_t
#define __PITH_NEED_off_t
#define __PITH_NEED_ssize_t
#include <bits/types.h>
#include <stddef.h>

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

typedef struct __pith_dir DIR;

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int readdir_r(DIR *restrict d, struct dirent *restrict entry,
	      struct dirent **restrict result);
int closedir(DIR *d);
void rewinddir(DIR *d);
void seekdir(DIR *d, long loc);
long telldir(DIR *d);
int dirfd(DIR *d);
int alphasort(const struct dirent **a, const struct dirent **b);
int scandir(const char *path, struct dirent ***list,
	    int (*filter)(const struct dirent *),
	    int (*cmp)(const struct dirent **, const struct dirent **));

#ifdef _GNU_SOURCE
/* Linux's linux_dirent64 records of directory fd into buf (at most n
 * bytes): the bytes, 0 at the end, -1 and errno. */
ssize_t getdents64(int fd, void *buf, size_t n);
#endif

#endif
