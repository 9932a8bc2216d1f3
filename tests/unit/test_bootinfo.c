/*
 * kernel/bootinfo.c: filling struct boot_info and reading the command
 * line. Overflowing the RAM list warns and drops; overflowing the reserved
 * list panics (support.c turns that panic into a longjmp here).
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "support.h"

#include "bootinfo.h"

static struct boot_info bi;

/* Look key up with a fresh sentinel-filled buffer of len bytes. */
static bool get(const char *key, char *buf, size_t len)
{
	memset(buf, '#', 64);
	return boot_cmdline_get(&bi, key, buf, len);
}

static void test_cmdline(void)
{
	char buf[64];

	memset(&bi, 0, sizeof(bi));
	strcpy(bi.cmdline, "a=1 crash=illegal flag  b=");

	CHECK(get("a", buf, sizeof(buf)));
	CHECK_STR(buf, "1");
	CHECK(get("crash", buf, sizeof(buf)));
	CHECK_STR(buf, "illegal");
	CHECK(get("flag", buf, sizeof(buf)));       /* bare key */
	CHECK_STR(buf, "");
	CHECK(get("b", buf, sizeof(buf)));          /* empty value */
	CHECK_STR(buf, "");

	CHECK(!get("absent", buf, sizeof(buf)));
	CHECK(buf[0] == '#');                        /* untouched */
	CHECK(!get("c", buf, sizeof(buf)));          /* prefix of "crash" */
	CHECK(!get("cras", buf, sizeof(buf)));
	CHECK(!get("fla", buf, sizeof(buf)));        /* prefix of "flag" */
	CHECK(!get("flags", buf, sizeof(buf)));
	CHECK(!get("illegal", buf, sizeof(buf)));    /* a value is not a key */
	CHECK(!get("1", buf, sizeof(buf)));

	/* Truncation to the buffer, always NUL-terminated. */
	CHECK(get("crash", buf, 4));
	CHECK_STR(buf, "ill");
	CHECK(buf[4] == '#');
	CHECK(get("crash", buf, 8));                 /* exact fit */
	CHECK_STR(buf, "illegal");
	CHECK(get("crash", buf, 1));
	CHECK_STR(buf, "");
	CHECK(buf[1] == '#');
	CHECK(get("crash", buf, 0));                 /* found, nothing written */
	CHECK(buf[0] == '#');
	CHECK(boot_cmdline_get(&bi, "crash", NULL, 0));

	/* First occurrence wins; a later key can still be found. */
	strcpy(bi.cmdline, "  x=first x=second y=2  ");
	CHECK(get("x", buf, sizeof(buf)));
	CHECK_STR(buf, "first");
	CHECK(get("y", buf, sizeof(buf)));
	CHECK_STR(buf, "2");
	/* The value may contain '=' itself. */
	strcpy(bi.cmdline, "root=LABEL=boot");
	CHECK(get("root", buf, sizeof(buf)));
	CHECK_STR(buf, "LABEL=boot");

	strcpy(bi.cmdline, "");
	CHECK(!get("a", buf, sizeof(buf)));
}

static void test_ranges(void)
{
	memset(&bi, 0, sizeof(bi));
	boot_add_ram(&bi, 0x80000000, 0);  /* zero size: ignored */
	CHECK_EQ(bi.nram, 0);
	boot_add_ram(&bi, 0x80000000, 0x1000);
	CHECK_EQ(bi.nram, 1);
	CHECK_EQ(bi.ram[0].base, 0x80000000);
	CHECK_EQ(bi.ram[0].size, 0x1000);

	for (unsigned i = 1; i < BOOT_MAX_RANGES; i++)
		boot_add_ram(&bi, 0x100000000ull * i, 0x2000);
	CHECK_EQ(bi.nram, BOOT_MAX_RANGES);
	CHECK_EQ(bi.ram[BOOT_MAX_RANGES - 1].base,
		 0x100000000ull * (BOOT_MAX_RANGES - 1));
	int warned = support_kprintf_calls;
	boot_add_ram(&bi, 0xdead0000, 0x1000);  /* one too many: dropped */
	CHECK_EQ(bi.nram, BOOT_MAX_RANGES);
	CHECK_EQ(support_kprintf_calls, warned + 1);
	CHECK_EQ(bi.reserved[0].base, 0);  /* no spill into the next list */
	CHECK_EQ(bi.nreserved, 0);

	boot_add_reserved(&bi, 0x80000000, 0);
	CHECK_EQ(bi.nreserved, 0);
	for (unsigned i = 0; i < BOOT_MAX_RANGES; i++)
		boot_add_reserved(&bi, 0x80000000 + 0x1000ull * i, 0x1000);
	CHECK_EQ(bi.nreserved, BOOT_MAX_RANGES);
	CHECK_EQ(bi.reserved[5].base, 0x80005000);

	/* Losing a reservation is unsafe: the 33rd panics. */
	jmp_buf jb;
	volatile int panicked = 0;
	int before = support_panic_calls;
	support_panic_jmp = &jb;
	if (setjmp(jb) == 0)
		boot_add_reserved(&bi, 0xbad00000, 0x1000);
	else
		panicked = 1;
	support_panic_jmp = NULL;
	CHECK(panicked);
	CHECK_EQ(support_panic_calls, before + 1);
	CHECK_EQ(bi.nreserved, BOOT_MAX_RANGES);
	/* A zero-size range is still ignored when the list is full. */
	boot_add_reserved(&bi, 0xbad00000, 0);
	CHECK_EQ(support_panic_calls, before + 1);
}

int main(void)
{
	test_cmdline();
	test_ranges();
	return check_summary("bootinfo");
}
