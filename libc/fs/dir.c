/*
 * Directories: opendir, fdopendir, readdir, readdir_r, closedir,
 * rewinddir, telldir, seekdir, dirfd, on getdents64 (FS_GETDENTS: Linux's
 * linux_dirent64 records, at most FS_INLINE_MAX bytes a call). A DIR
 * keeps one batch of records; its position is the d_off of the last
 * entry returned (fs's offset in a directory is an entry's index).
 * scandir reads, filters and sorts on them.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "call.h"

struct __pith_dir {
	int fd;
	size_t pos, len;
	long loc;
	uint64_t buf[FS_INLINE_MAX / 8];
	struct dirent ent;
};

ssize_t getdents64(int fd, void *buf, size_t n)
{
	long r = __pith_fs_call(FS_GETDENTS, 3, (uint64_t)(int64_t)fd, n, 0, NULL);

	if (r > 0)
		memcpy(buf, __pith_fs_inline(), (size_t)r);
	return __pith_proc_ret(r);
}

DIR *fdopendir(int fd)
{
	struct stat st;
	DIR *d;

	if (fstat(fd, &st))
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	if (!(d = calloc(1, sizeof(*d)))) {
		errno = ENOMEM;
		return NULL;
	}
	d->fd = fd;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	if (!(d = fdopendir(fd))) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

struct dirent *readdir(DIR *d)
{
	if (d->pos >= d->len) {
		ssize_t n = getdents64(d->fd, d->buf, sizeof(d->buf));
		if (n <= 0)
			return NULL;      /* the end (errno kept), or an error */
		d->pos = 0;
		d->len = (size_t)n;
	}
	const char *rec = (const char *)d->buf + d->pos;
	struct fs_dirent h;
	memcpy(&h, rec, sizeof(h));
	if (h.d_reclen < sizeof(h) || d->pos + h.d_reclen > d->len) {
		d->pos = d->len;
		errno = EIO;
		return NULL;
	}
	size_t max = h.d_reclen - sizeof(h);
	size_t l = strnlen(rec + sizeof(h), max);
	if (l > sizeof(d->ent.d_name) - 1)
		l = sizeof(d->ent.d_name) - 1;
	d->ent.d_ino = h.d_ino;
	d->ent.d_off = h.d_off;
	d->ent.d_reclen = sizeof(d->ent);
	d->ent.d_type = h.d_type;
	memcpy(d->ent.d_name, rec + sizeof(h), l);
	d->ent.d_name[l] = 0;
	d->pos += h.d_reclen;
	d->loc = h.d_off;
	return &d->ent;
}

int readdir_r(DIR *restrict d, struct dirent *restrict entry,
	      struct dirent **restrict result)
{
	int e = errno;
	errno = 0;
	struct dirent *x = readdir(d);
	int err = errno;

	errno = e;
	if (!x) {
		*result = NULL;
		return err;
	}
	*entry = *x;
	*result = entry;
	return 0;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

void seekdir(DIR *d, long loc)
{
	if (lseek(d->fd, loc, SEEK_SET) >= 0) {
		d->pos = d->len = 0;
		d->loc = loc;
	}
}

void rewinddir(DIR *d)
{
	seekdir(d, 0);
}

long telldir(DIR *d)
{
	return d->loc;
}

int dirfd(DIR *d)
{
	return d->fd;
}

/* ---- scandir -------------------------------------------------------------- */

typedef int (*dirent_cmp)(const struct dirent **, const struct dirent **);

/* Sort v (n entries) with cmp, stable, through tmp (n entries): a merge
 * sort calling cmp as declared (qsort would need its type cast away). */
static void sort_entries(struct dirent **v, struct dirent **tmp, size_t n,
			 dirent_cmp cmp)
{
	if (n < 2)
		return;
	size_t h = n / 2, i = 0, j = h, k = 0;
	sort_entries(v, tmp, h, cmp);
	sort_entries(v + h, tmp, n - h, cmp);
	while (i < h && j < n)
		tmp[k++] = cmp((const struct dirent **)&v[j],
			       (const struct dirent **)&v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	memcpy(v, tmp, k * sizeof(*v));     /* v[j..n) are in place */
}

/* The entries of path that filter keeps (all with no filter), each
 * malloc'd, in a malloc'd array sorted by cmp (as read with none): the
 * count, or -1 and errno (opendir's, readdir's, ENOMEM), nothing kept. */
int scandir(const char *path, struct dirent ***list,
	    int (*filter)(const struct dirent *), dirent_cmp cmp)
{
	struct dirent **v = NULL, **tmp = NULL, *e;
	size_t n = 0, cap = 0;
	int saved = errno, err = 0;
	DIR *d = opendir(path);

	if (!d)
		return -1;
	for (;;) {
		errno = 0;
		if (!(e = readdir(d))) {
			err = errno;
			break;
		}
		if (filter && !filter(e))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			struct dirent **nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				err = ENOMEM;
				break;
			}
			v = nv;
		}
		if (!(v[n] = malloc(sizeof(*e)))) {
			err = ENOMEM;
			break;
		}
		memcpy(v[n++], e, sizeof(*e));
	}
	closedir(d);
	if (!err && !v && !(v = malloc(sizeof(*v))))
		err = ENOMEM;
	if (!err && cmp && n > 1 && !(tmp = malloc(n * sizeof(*tmp))))
		err = ENOMEM;
	if (err) {
		while (n)
			free(v[--n]);
		free(v);
		errno = err;
		return -1;
	}
	if (tmp)
		sort_entries(v, tmp, n, cmp);
	free(tmp);
	*list = v;
	errno = saved;
	return (int)n;
}
