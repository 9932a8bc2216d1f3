/*
 * cpio "newc" reader. Each entry is a 110-byte ASCII header (magic
 * "070701" and thirteen 8-digit hex fields), the NUL-terminated name padded
 * so header+name is a multiple of 4, then the data padded to 4. The archive
 * ends with an entry named "TRAILER!!!". Every field is validated before it
 * is used; nothing is read outside [archive, archive+len).
 */
#include "cpio.h"
#include "kstring.h"
#include "uapi/errno.h"

#define CPIO_HDR_LEN 110
#define CPIO_FIELDS 13
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
       F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

static int hex8(const char *s, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		unsigned d;
		if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f') d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') d = (unsigned)(c - 'A' + 10);
		else return -EINVAL;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static size_t pad4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

int cpio_next(const void *archive, size_t len, size_t *offset,
	      struct cpio_file *out)
{
	const char *base = archive;
	size_t off = *offset;
	uint32_t f[CPIO_FIELDS];

	if (off > len || len - off < CPIO_HDR_LEN)
		return -EINVAL;
	const char *h = base + off;
	if (memcmp(h, "070701", 6) != 0 && memcmp(h, "070702", 6) != 0)
		return -EINVAL;
	for (int i = 0; i < CPIO_FIELDS; i++)
		if (hex8(h + 6 + 8 * i, &f[i]) < 0)
			return -EINVAL;

	size_t namesize = f[F_NAMESIZE];
	if (namesize == 0 || namesize > len - off - CPIO_HDR_LEN)
		return -EINVAL;
	const char *name = h + CPIO_HDR_LEN;
	if (name[namesize - 1] != '\0')
		return -EINVAL;
	size_t data_off = pad4(off + CPIO_HDR_LEN + namesize);
	if (data_off > len || f[F_FILESIZE] > len - data_off)
		return -EINVAL;

	out->name = name;
	out->namelen = namesize - 1;
	out->data = base + data_off;
	out->size = f[F_FILESIZE];
	out->mode = f[F_MODE];
	out->uid = f[F_UID];
	out->gid = f[F_GID];
	out->mtime = f[F_MTIME];
	*offset = pad4(data_off + f[F_FILESIZE]);
	if (out->namelen == 10 && memcmp(name, "TRAILER!!!", 10) == 0)
		return 1;
	return 0;
}

/* Drop a leading "./" or "/" so "./etc/x", "/etc/x" and "etc/x" match. */
static const char *strip_prefix(const char *s, size_t *len)
{
	if (*len >= 2 && s[0] == '.' && s[1] == '/') {
		s += 2;
		*len -= 2;
	} else if (*len >= 1 && s[0] == '/') {
		s++;
		(*len)--;
	}
	return s;
}

int cpio_find(const void *archive, size_t len, const char *name,
	      struct cpio_file *out)
{
	size_t off = 0;
	size_t want_len = strlen(name);
	const char *want = strip_prefix(name, &want_len);

	for (;;) {
		struct cpio_file f;
		int r = cpio_next(archive, len, &off, &f);
		if (r < 0)
			return r;
		if (r == 1)
			return -ENOENT;
		size_t nlen = f.namelen;
		const char *n = strip_prefix(f.name, &nlen);
		if (nlen == want_len && memcmp(n, want, nlen) == 0) {
			*out = f;
			return 0;
		}
	}
}
