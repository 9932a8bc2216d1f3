/*
 * kernel/cpio.c: the newc reader behind the boot image. Archives are built
 * here in memory and copied into malloc'd buffers of their exact size, so
 * ASan catches any read past the end; every malformed shape must give
 * -EINVAL, never a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "cpio.h"
#include "uapi/errno.h"

#define HDR 110
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
       F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

struct ar {
	char buf[4096];
	size_t len;
};

static void ar_put(struct ar *a, const void *p, size_t n)
{
	if (a->len + n > sizeof(a->buf))
		abort();
	memcpy(a->buf + a->len, p, n);
	a->len += n;
}

static void ar_pad4(struct ar *a)
{
	while (a->len % 4)
		ar_put(a, "", 1);
}

/* Append one entry; returns its offset (for patching fields later). */
static size_t ar_entry(struct ar *a, const char *name, const void *data,
		       size_t size, uint32_t mode)
{
	size_t at = a->len;
	uint32_t f[13] = { 0 };
	char hdr[HDR + 1];

	f[F_INO] = (uint32_t)at;
	f[F_MODE] = mode;
	f[F_NLINK] = 1;
	f[F_MTIME] = 0x5f000000;
	f[F_FILESIZE] = (uint32_t)size;
	f[F_NAMESIZE] = (uint32_t)strlen(name) + 1;
	int n = snprintf(hdr, sizeof(hdr), "070701");
	for (int i = 0; i < 13; i++)
		n += snprintf(hdr + n, sizeof(hdr) - (size_t)n, "%08X", f[i]);
	if (n != HDR)
		abort();
	ar_put(a, hdr, HDR);
	ar_put(a, name, strlen(name) + 1);
	ar_pad4(a);
	ar_put(a, data, size);
	ar_pad4(a);
	return at;
}

static size_t ar_trailer(struct ar *a)
{
	return ar_entry(a, "TRAILER!!!", "", 0, 0);
}

/* Overwrite header field idx of the entry at `at` with raw text. */
static void set_field_raw(struct ar *a, size_t at, int idx, const char *text)
{
	memcpy(a->buf + at + 6 + 8 * idx, text, 8);
}

static void set_field(struct ar *a, size_t at, int idx, uint32_t v)
{
	char t[9];
	snprintf(t, sizeof(t), "%08X", v);
	set_field_raw(a, at, idx, t);
}

/* A malloc'd copy of the first n bytes: one byte more is out of bounds. */
static char *exact(const void *src, size_t n)
{
	char *p = malloc(n ? n : 1);
	if (!p)
		abort();
	memcpy(p, src, n);
	return p;
}

/* Every field of a returned entry must lie inside the archive. */
static int inside(const char *base, size_t len, const struct cpio_file *f)
{
	const char *end = base + len;
	const char *d = f->data;

	return f->name >= base && f->name + f->namelen < end &&
	       f->name[f->namelen] == '\0' &&
	       d >= base && d <= end && f->size <= (size_t)(end - d);
}

static const char inittab[] = "init\n";          /* 5 bytes: padded */
static const char shbin[8] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 };

/* The standard test archive. Offsets of its entries in *at if non-NULL. */
static void build(struct ar *a, size_t at[6])
{
	size_t dummy[6];

	if (!at)
		at = dummy;
	a->len = 0;
	at[0] = ar_entry(a, ".", "", 0, 040755);
	at[1] = ar_entry(a, "etc/inittab", inittab, 5, 0100644);
	at[2] = ar_entry(a, "./bin/sh", shbin, 8, 0100755);
	at[3] = ar_entry(a, "/abs", "", 0, 0100600);
	at[4] = ar_entry(a, "etc/motd", "hi", 2, 0100644);
	at[5] = ar_trailer(a);
}

static void test_iterate(void)
{
	struct ar a;
	size_t at[6];
	build(&a, at);
	char *buf = exact(a.buf, a.len);
	size_t off = 0;
	struct cpio_file f;

	CHECK_EQ(a.len % 4, 0);
	CHECK_EQ(cpio_next(buf, a.len, &off, &f), 0);
	CHECK(f.namelen == 1 && memcmp(f.name, ".", 1) == 0);
	CHECK_EQ(f.size, 0);
	CHECK_EQ(f.mode, 040755);
	CHECK_EQ(off, at[1]);

	CHECK_EQ(cpio_next(buf, a.len, &off, &f), 0);
	CHECK(f.namelen == 11 && memcmp(f.name, "etc/inittab", 11) == 0);
	CHECK_EQ(f.size, 5);
	CHECK(memcmp(f.data, "init\n", 5) == 0);
	CHECK_EQ(((const char *)f.data - buf) % 4, 0);
	CHECK_EQ(f.mode, 0100644);
	CHECK_EQ(off, at[2]);

	CHECK_EQ(cpio_next(buf, a.len, &off, &f), 0);
	CHECK(f.namelen == 8 && memcmp(f.name, "./bin/sh", 8) == 0);
	CHECK(f.size == 8 && memcmp(f.data, shbin, 8) == 0);
	CHECK_EQ(f.mode, 0100755);

	CHECK_EQ(cpio_next(buf, a.len, &off, &f), 0);
	CHECK(f.namelen == 4 && memcmp(f.name, "/abs", 4) == 0);
	CHECK_EQ(f.size, 0);

	CHECK_EQ(cpio_next(buf, a.len, &off, &f), 0);
	CHECK(f.size == 2 && memcmp(f.data, "hi", 2) == 0);
	CHECK_EQ(off, at[5]);

	CHECK_EQ(cpio_next(buf, a.len, &off, &f), 1);  /* the trailer */
	CHECK_EQ(off, a.len);
	/* Past the trailer there is nothing: malformed, not a crash. */
	CHECK_EQ(cpio_next(buf, a.len, &off, &f), -EINVAL);
	off = a.len + 1;
	CHECK_EQ(cpio_next(buf, a.len, &off, &f), -EINVAL);
	off = SIZE_MAX;
	CHECK_EQ(cpio_next(buf, a.len, &off, &f), -EINVAL);
	free(buf);

	/* The "070702" (with checksum) variant is accepted too. */
	memcpy(a.buf + at[1], "070702", 6);
	buf = exact(a.buf, a.len);
	off = at[1];
	CHECK_EQ(cpio_next(buf, a.len, &off, &f), 0);
	CHECK_EQ(f.size, 5);
	free(buf);
}

static void test_find(void)
{
	struct ar a;
	build(&a, NULL);
	char *buf = exact(a.buf, a.len);
	struct cpio_file f;

	CHECK_EQ(cpio_find(buf, a.len, "etc/inittab", &f), 0);
	CHECK(f.size == 5 && memcmp(f.data, "init\n", 5) == 0);
	memset(&f, 0, sizeof(f));
	CHECK_EQ(cpio_find(buf, a.len, "./etc/inittab", &f), 0);
	CHECK_EQ(f.size, 5);
	memset(&f, 0, sizeof(f));
	CHECK_EQ(cpio_find(buf, a.len, "/etc/inittab", &f), 0);
	CHECK_EQ(f.size, 5);
	/* The prefix in the archive is ignored too. */
	CHECK_EQ(cpio_find(buf, a.len, "bin/sh", &f), 0);
	CHECK(f.size == 8 && memcmp(f.data, shbin, 8) == 0);
	CHECK_EQ(cpio_find(buf, a.len, "/bin/sh", &f), 0);
	CHECK_EQ(cpio_find(buf, a.len, "./bin/sh", &f), 0);
	CHECK_EQ(cpio_find(buf, a.len, "abs", &f), 0);
	CHECK_EQ(f.mode, 0100600);
	CHECK_EQ(cpio_find(buf, a.len, "./abs", &f), 0);
	CHECK_EQ(cpio_find(buf, a.len, "etc/motd", &f), 0);
	CHECK(f.size == 2 && memcmp(f.data, "hi", 2) == 0);

	/* Only whole names match. */
	CHECK_EQ(cpio_find(buf, a.len, "etc", &f), -ENOENT);
	CHECK_EQ(cpio_find(buf, a.len, "etc/inittabx", &f), -ENOENT);
	CHECK_EQ(cpio_find(buf, a.len, "etc/initta", &f), -ENOENT);
	CHECK_EQ(cpio_find(buf, a.len, "tc/inittab", &f), -ENOENT);
	CHECK_EQ(cpio_find(buf, a.len, "missing", &f), -ENOENT);
	CHECK_EQ(cpio_find(buf, a.len, "", &f), -ENOENT);
	CHECK_EQ(cpio_find(buf, a.len, "//etc/inittab", &f), -ENOENT);
	CHECK_EQ(cpio_find(buf, a.len, "TRAILER!!!", &f), -ENOENT);
	free(buf);
}

/* cpio_find of a missing name and cpio_next of the entry at `at`. */
static void expect_einval(struct ar *a, size_t at, const char *what)
{
	char *buf = exact(a->buf, a->len);
	struct cpio_file f;
	size_t off = at;
	int r1 = cpio_next(buf, a->len, &off, &f);
	int r2 = cpio_find(buf, a->len, "missing", &f);

	check_run++;
	if (r1 != -EINVAL || r2 != -EINVAL) {
		check_failed++;
		fprintf(stderr, "%s:%d: %s: cpio_next %d, cpio_find %d, want -EINVAL\n",
			__FILE__, __LINE__, what, r1, r2);
	}
	free(buf);
}

static void test_malformed(void)
{
	struct ar a;
	size_t at[6];
	char text[9];

	/* Truncated header: every length short of one header. */
	build(&a, at);
	for (size_t n = 0; n < HDR; n++) {
		struct ar t = a;
		t.len = n;
		expect_einval(&t, 0, "truncated header");
	}

	build(&a, at);
	memcpy(a.buf + at[2], "070707", 6);  /* old binary-ish "odc" magic */
	expect_einval(&a, at[2], "odc magic");
	build(&a, at);
	a.buf[at[2] + 5] = '3';
	expect_einval(&a, at[2], "bad magic");

	/* A non-hex character in any field, at either end of it. */
	for (int idx = 0; idx < 13; idx++) {
		build(&a, at);
		memcpy(text, a.buf + at[2] + 6 + 8 * idx, 8);
		text[0] = 'g';
		set_field_raw(&a, at[2], idx, text);
		expect_einval(&a, at[2], "non-hex field (first digit)");
		build(&a, at);
		memcpy(text, a.buf + at[2] + 6 + 8 * idx, 8);
		text[7] = ' ';
		set_field_raw(&a, at[2], idx, text);
		expect_einval(&a, at[2], "non-hex field (last digit)");
	}
	/* Lower-case hex is fine. */
	build(&a, at);
	set_field_raw(&a, at[1], F_MTIME, "abcdef01");
	{
		char *buf = exact(a.buf, a.len);
		struct cpio_file f;
		CHECK_EQ(cpio_find(buf, a.len, "etc/inittab", &f), 0);
		free(buf);
	}

	build(&a, at);
	set_field(&a, at[2], F_NAMESIZE, 0);
	expect_einval(&a, at[2], "namesize 0");
	build(&a, at);
	set_field(&a, at[5], F_NAMESIZE, (uint32_t)(a.len - at[5] - HDR + 1));
	expect_einval(&a, at[5], "namesize one past the end");
	build(&a, at);
	set_field(&a, at[2], F_NAMESIZE, 0xffffffffu);
	expect_einval(&a, at[2], "namesize huge");

	build(&a, at);
	a.buf[at[2] + HDR + 8] = 'x';  /* the NUL after "./bin/sh" */
	expect_einval(&a, at[2], "name not NUL-terminated");
	/* namesize one short of the name: the last byte counted is 'h'. */
	build(&a, at);
	set_field(&a, at[2], F_NAMESIZE, 8);
	expect_einval(&a, at[2], "namesize excludes the NUL");

	build(&a, at);
	set_field(&a, at[4], F_FILESIZE, (uint32_t)(a.len - at[4]));
	expect_einval(&a, at[4], "filesize past the end");
	build(&a, at);
	set_field(&a, at[4], F_FILESIZE, 0xffffffffu);
	expect_einval(&a, at[4], "filesize huge");
	/* The trailer's data, if any, must fit too. */
	build(&a, at);
	set_field(&a, at[5], F_FILESIZE, 1);
	expect_einval(&a, at[5], "trailer filesize past the end");

	/* No trailer: the archive simply ends after an entry. */
	a.len = 0;
	ar_entry(&a, "etc/inittab", inittab, 5, 0100644);
	ar_entry(&a, "etc/motd", "hi", 2, 0100644);
	{
		char *buf = exact(a.buf, a.len);
		struct cpio_file f;
		size_t off = 0;
		CHECK_EQ(cpio_next(buf, a.len, &off, &f), 0);
		CHECK_EQ(cpio_find(buf, a.len, "etc/motd", &f), 0);
		CHECK_EQ(cpio_find(buf, a.len, "nope", &f), -EINVAL);
		free(buf);
	}
	/* ... or ends inside the last entry's padding. */
	a.len -= 2;  /* "hi" then two pad bytes: drop the padding */
	{
		char *buf = exact(a.buf, a.len);
		struct cpio_file f;
		CHECK_EQ(cpio_find(buf, a.len, "etc/motd", &f), 0);
		CHECK(inside(buf, a.len, &f));
		CHECK_EQ(cpio_find(buf, a.len, "nope", &f), -EINVAL);
		free(buf);
	}
}

/* Walk the whole archive with cpio_next; returns the last result. */
static int walk(const char *buf, size_t len, int *bad)
{
	size_t off = 0;
	struct cpio_file f;
	int r;

	for (int n = 0; n < 100; n++) {
		size_t before = off;
		r = cpio_next(buf, len, &off, &f);
		if (r < 0)
			return r;
		if (!inside(buf, len, &f) || off <= before)
			(*bad)++;
		if (r == 1)
			return r;
	}
	(*bad)++;  /* an archive of 100+ entries from ~300 bytes? */
	return 0;
}

static const char *names[] = { "etc/inittab", "bin/sh", "abs", "etc/motd",
			       "missing" };

static void probe(const char *buf, size_t len, int *bad)
{
	struct cpio_file f;

	walk(buf, len, bad);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int r = cpio_find(buf, len, names[i], &f);
		if (r == 0 && !inside(buf, len, &f))
			(*bad)++;
		if (r != 0 && r != -ENOENT && r != -EINVAL)
			(*bad)++;
	}
}

static void test_robust(void)
{
	struct ar a;
	size_t at[6];
	int bad = 0, wrong = 0;

	build(&a, at);
	/* Every truncation. Without the full trailer a lookup that misses
	 * must say "malformed", never "absent". */
	for (size_t n = 0; n <= a.len; n++) {
		char *buf = exact(a.buf, n);
		struct cpio_file f;
		probe(buf, n, &bad);
		int r = cpio_find(buf, n, "missing", &f);
		if (r != (n == a.len ? -ENOENT : -EINVAL))
			wrong++;
		r = cpio_find(buf, n, "etc/motd", &f);
		if (r != (n >= at[5] - 2 ? 0 : -EINVAL))
			wrong++;
		free(buf);
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(wrong, 0);

	/* Every single-byte corruption, with values that make digits,
	 * non-digits, NULs and huge sizes. */
	static const unsigned char vals[] = { 0x00, 0xff, '0', '7', '9', 'F',
					      'f', 'g', ' ', 'T', 0x80 };
	bad = 0;
	for (size_t off = 0; off < a.len; off++) {
		for (size_t v = 0; v < sizeof(vals); v++) {
			struct ar c = a;
			c.buf[off] = (char)vals[v];
			char *buf = exact(c.buf, c.len);
			probe(buf, c.len, &bad);
			free(buf);
		}
		struct ar c = a;
		c.buf[off] ^= 0x01;
		char *buf = exact(c.buf, c.len);
		probe(buf, c.len, &bad);
		free(buf);
	}
	CHECK_EQ(bad, 0);
}

int main(void)
{
	test_iterate();
	test_find();
	test_malformed();
	test_robust();
	return check_summary("cpio");
}
