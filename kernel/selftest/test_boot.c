/*
 * Self-tests of what boot hands the kernel: the boot image arrives intact
 * (a generated file and a 7.5 KiB pattern file, line by line), and the
 * printf engine formats as C says.
 */
#include "arch.h"
#include "bootimage.h"
#include "kstring.h"
#include "printf.h"
#include "selftest.h"
#include "uapi/errno.h"

bool test_bootimage(void)
{
	struct cpio_file f;
	char line[80];

	CHECK(bootimage_find("etc/pith-release", &f) == 0);
	CHECK(f.size > 5 && memcmp(f.data, "Pith ", 5) == 0);
	CHECK(bootimage_find("/etc/pith-release", &f) == 0);
	CHECK(bootimage_find("etc/no-such-file", &f) == -ENOENT);

	CHECK(bootimage_find("test/pattern.txt", &f) == 0);
	const char *p = f.data;
	size_t off = 0;
	for (int i = 1; i <= 120; i++) {
		int n = ksnprintf(line, sizeof(line),
			"pattern line %04d: the quick brown fox jumps over the lazy dog\n", i);
		CHECK(off + (size_t)n <= f.size);
		CHECK(memcmp(p + off, line, (size_t)n) == 0);
		off += (size_t)n;
	}
	CHECK(off == f.size);
	return true;
}

bool test_printf(void)
{
	char b[64];

	CHECK(ksnprintf(b, sizeof(b), "%d|%5d|%-5d|%05d", -42, 42, 42, -42) == 21);
	CHECK(strcmp(b, "-42|   42|42   |-0042") == 0);
	ksnprintf(b, sizeof(b), "%x %#x %#o %llu", 0xbeefu, 255u, 8u,
		  18446744073709551615ull);
	CHECK(strcmp(b, "beef 0xff 010 18446744073709551615") == 0);
	ksnprintf(b, sizeof(b), "%.3s|%8s|%c|%%|%zu", "abcdef", "hi", 'z',
		  (size_t)7);
	CHECK(strcmp(b, "abc|      hi|z|%|7") == 0);
	CHECK(ksnprintf(b, 4, "%s", "truncated") == 9);
	CHECK(strcmp(b, "tru") == 0);
	return true;
}
