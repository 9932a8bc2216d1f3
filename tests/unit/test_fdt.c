/*
 * kernel/fdt.c: the device-tree reader. A small builder here writes a DTB
 * shaped like QEMU virt's; blobs are copied into malloc'd buffers of their
 * exact size so ASan flags any read past the end. Truncated and corrupted
 * blobs must be rejected or read safely, never crash.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "fdt.h"
#include "uapi/errno.h"

enum { TOK_BEGIN = 1, TOK_END_NODE = 2, TOK_PROP = 3, TOK_NOP = 4, TOK_END = 9 };

/* Header field offsets. */
enum { H_MAGIC = 0, H_TOTALSIZE = 4, H_OFF_STRUCT = 8, H_OFF_STRINGS = 12,
       H_OFF_RSVMAP = 16, H_VERSION = 20, H_LAST_COMP = 24, H_CPUID = 28,
       H_SIZE_STRINGS = 32, H_SIZE_STRUCT = 36, H_LEN = 40 };

struct fdtb {
	uint8_t st[4096];
	size_t stlen;
	char strs[1024];
	size_t strslen;
	uint64_t rsv[8][2];
	int nrsv;
};

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void st_put(struct fdtb *b, const void *p, size_t n)
{
	if (b->stlen + n + 4 > sizeof(b->st))
		abort();
	memcpy(b->st + b->stlen, p, n);
	b->stlen += n;
	while (b->stlen % 4)
		b->st[b->stlen++] = 0;
}

static void tok(struct fdtb *b, uint32_t t)
{
	uint8_t w[4];
	put_be32(w, t);
	st_put(b, w, 4);
}

static void begin(struct fdtb *b, const char *name)
{
	tok(b, TOK_BEGIN);
	st_put(b, name, strlen(name) + 1);
}

static void end(struct fdtb *b)
{
	tok(b, TOK_END_NODE);
}

/* Offset of name in the strings block, sharing existing strings. */
static uint32_t str_off(struct fdtb *b, const char *name)
{
	size_t n = strlen(name) + 1;

	for (size_t i = 0; i + n <= b->strslen; i++)
		if (memcmp(b->strs + i, name, n) == 0)
			return (uint32_t)i;
	if (b->strslen + n > sizeof(b->strs))
		abort();
	memcpy(b->strs + b->strslen, name, n);
	b->strslen += n;
	return (uint32_t)(b->strslen - n);
}

static void prop(struct fdtb *b, const char *name, const void *val, size_t len)
{
	uint8_t w[8];

	tok(b, TOK_PROP);
	put_be32(w, (uint32_t)len);
	put_be32(w + 4, str_off(b, name));
	st_put(b, w, 8);
	st_put(b, val, len);
}

static void prop_u32(struct fdtb *b, const char *name, uint32_t v)
{
	uint8_t w[4];
	put_be32(w, v);
	prop(b, name, w, 4);
}

/* A list of 32-bit cells. */
static void prop_cells(struct fdtb *b, const char *name, int n, const uint32_t *c)
{
	uint8_t w[64];
	for (int i = 0; i < n; i++)
		put_be32(w + 4 * i, c[i]);
	prop(b, name, w, 4 * (size_t)n);
}

static void prop_str(struct fdtb *b, const char *name, const char *s)
{
	prop(b, name, s, strlen(s) + 1);
}

/* Lay out the blob: header, reservation map, then the structure and
 * strings blocks in spec order, or strings first when struct_last (so a
 * read past the structure block runs off the end of the buffer). */
static size_t finish(struct fdtb *b, uint8_t *out, size_t cap, int struct_last)
{
	size_t rsv = H_LEN;                /* 8-aligned */
	size_t rsvlen = 16 * ((size_t)b->nrsv + 1);
	size_t s1 = rsv + rsvlen, s2;
	size_t off_struct, off_strings, total;

	if (struct_last) {
		off_strings = s1;
		s2 = (off_strings + b->strslen + 3) & ~(size_t)3;
		off_struct = s2;
		total = off_struct + b->stlen;
	} else {
		off_struct = s1;
		off_strings = off_struct + b->stlen;
		total = off_strings + b->strslen;
	}
	if (total > cap)
		abort();
	memset(out, 0, total);
	put_be32(out + H_MAGIC, 0xd00dfeed);
	put_be32(out + H_TOTALSIZE, (uint32_t)total);
	put_be32(out + H_OFF_STRUCT, (uint32_t)off_struct);
	put_be32(out + H_OFF_STRINGS, (uint32_t)off_strings);
	put_be32(out + H_OFF_RSVMAP, (uint32_t)rsv);
	put_be32(out + H_VERSION, 17);
	put_be32(out + H_LAST_COMP, 16);
	put_be32(out + H_CPUID, 0);
	put_be32(out + H_SIZE_STRINGS, (uint32_t)b->strslen);
	put_be32(out + H_SIZE_STRUCT, (uint32_t)b->stlen);
	for (int i = 0; i < b->nrsv; i++) {
		put_be32(out + rsv + 16 * i, (uint32_t)(b->rsv[i][0] >> 32));
		put_be32(out + rsv + 16 * i + 4, (uint32_t)b->rsv[i][0]);
		put_be32(out + rsv + 16 * i + 8, (uint32_t)(b->rsv[i][1] >> 32));
		put_be32(out + rsv + 16 * i + 12, (uint32_t)b->rsv[i][1]);
	}
	memcpy(out + off_struct, b->st, b->stlen);
	memcpy(out + off_strings, b->strs, b->strslen);
	return total;
}

static const char plic_compat[] = "sifive,plic-1.0.0\0riscv,plic0";

/* The QEMU-virt-like tree. Returns the blob length. */
static size_t build_virt(uint8_t *out, size_t cap, int struct_last)
{
	static struct fdtb b;

	memset(&b, 0, sizeof(b));
	b.rsv[0][0] = 0x87e00000;
	b.rsv[0][1] = 0x200000;
	b.nrsv = 1;

	begin(&b, "");
	prop_u32(&b, "#address-cells", 2);
	prop_u32(&b, "#size-cells", 2);
	prop_str(&b, "compatible", "riscv-virtio");
	prop_str(&b, "model", "riscv-virtio,qemu");

	begin(&b, "chosen");
	prop_str(&b, "bootargs", "console=ttyS0 crash=illegal");
	tok(&b, TOK_NOP);
	prop_cells(&b, "linux,initrd-start", 2, (uint32_t[]){ 0, 0x88200000 });
	prop_cells(&b, "linux,initrd-end", 2, (uint32_t[]){ 0, 0x88300000 });
	end(&b);

	tok(&b, TOK_NOP);
	begin(&b, "memory@80000000");
	prop_str(&b, "device_type", "memory");
	prop_cells(&b, "reg", 8, (uint32_t[]){ 0, 0x80000000, 0, 0x8000000,
					       0x1, 0x0, 0, 0x1000000 });
	end(&b);

	begin(&b, "cpus");
	prop_u32(&b, "#address-cells", 1);
	prop_u32(&b, "#size-cells", 0);
	prop_u32(&b, "timebase-frequency", 10000000);
	begin(&b, "cpu@0");
	prop_str(&b, "device_type", "cpu");
	prop_u32(&b, "reg", 0);
	prop_str(&b, "compatible", "riscv");
	end(&b);
	end(&b);

	begin(&b, "soc");
	prop_u32(&b, "#address-cells", 2);
	prop_u32(&b, "#size-cells", 2);
	prop_str(&b, "compatible", "simple-bus");
	prop(&b, "ranges", "", 0);
	begin(&b, "serial@10000000");
	prop_u32(&b, "interrupts", 10);
	prop_cells(&b, "reg", 4, (uint32_t[]){ 0, 0x10000000, 0, 0x100 });
	prop_str(&b, "compatible", "ns16550a");
	end(&b);
	begin(&b, "serial@10001000");
	prop_str(&b, "compatible", "ns16550a");
	prop_cells(&b, "reg", 4, (uint32_t[]){ 0, 0x10001000, 0, 0x100 });
	end(&b);
	begin(&b, "plic@c000000");
	prop(&b, "compatible", plic_compat, sizeof(plic_compat));
	prop_cells(&b, "reg", 4, (uint32_t[]){ 0, 0xc000000, 0, 0x600000 });
	end(&b);
	end(&b);

	begin(&b, "reserved-memory");
	prop_u32(&b, "#address-cells", 2);
	prop_u32(&b, "#size-cells", 2);
	prop(&b, "ranges", "", 0);
	begin(&b, "mmode_resv0@80000000");
	prop_cells(&b, "reg", 4, (uint32_t[]){ 0, 0x80000000, 0, 0x40000 });
	prop(&b, "no-map", "", 0);
	end(&b);
	end(&b);

	end(&b);  /* root */
	tok(&b, TOK_END);
	return finish(&b, out, cap, struct_last);
}

static uint8_t *exact(const void *src, size_t n)
{
	uint8_t *p = malloc(n ? n : 1);
	if (!p)
		abort();
	memcpy(p, src, n);
	return p;
}

static uint8_t img[8192];

static void test_open(void)
{
	size_t len = build_virt(img, sizeof(img), 0);
	uint8_t *blob = exact(img, len);
	struct fdt f;

	CHECK_EQ(fdt_open(&f, blob, len), 0);
	CHECK_EQ(f.size, len);
	CHECK_EQ(fdt_total_size(blob), len);
	CHECK_EQ(fdt_open(&f, blob, len + 100), 0);  /* room to spare: fine */
	CHECK_EQ(fdt_open(&f, blob, len - 1), -EINVAL);
	CHECK_EQ(fdt_open(&f, blob, 39), -EINVAL);
	CHECK_EQ(fdt_open(&f, blob, 0), -EINVAL);
	free(blob);

	/* Each header field out of range, one at a time. */
	struct { int field; uint32_t value; const char *what; } bad[] = {
		{ H_MAGIC, 0xedfe0dd0, "byte-swapped magic" },
		{ H_MAGIC, 0, "zero magic" },
		{ H_TOTALSIZE, (uint32_t)len + 1, "totalsize > buffer" },
		{ H_TOTALSIZE, 0xffffffff, "totalsize huge" },
		{ H_VERSION, 15, "version 15" },
		{ H_OFF_STRUCT, (uint32_t)len + 4, "off_struct past end" },
		{ H_OFF_STRUCT, 0xfffffffc, "off_struct huge" },
		{ H_OFF_STRUCT, 42, "off_struct unaligned" },
		{ H_SIZE_STRUCT, (uint32_t)len, "size_struct past end" },
		{ H_SIZE_STRUCT, 0xffffffff, "size_struct huge" },
		{ H_OFF_STRINGS, (uint32_t)len + 1, "off_strings past end" },
		{ H_SIZE_STRINGS, (uint32_t)len, "size_strings past end" },
		{ H_SIZE_STRINGS, 0xffffffff, "size_strings huge" },
		{ H_OFF_RSVMAP, (uint32_t)len + 1, "off_rsvmap past end" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t *c = exact(img, len);
		put_be32(c + bad[i].field, bad[i].value);
		int r = fdt_open(&f, c, len);
		check_run++;
		if (r != -EINVAL) {
			check_failed++;
			fprintf(stderr, "%s:%d: fdt_open accepted %s (%d)\n",
				__FILE__, __LINE__, bad[i].what, r);
		}
		free(c);
	}
	uint8_t *c = exact(img, len);
	put_be32(c, 0x12345678);
	CHECK_EQ(fdt_total_size(c), 0);
	free(c);
}

static void test_lookup(int struct_last)
{
	size_t len = build_virt(img, sizeof(img), struct_last);
	uint8_t *blob = exact(img, len);
	struct fdt f;
	int n, plen = -1;
	const uint8_t *p;
	uint64_t addr = 0, size = 0;

	CHECK_EQ(fdt_open(&f, blob, len), 0);

	int root = fdt_path(&f, "/");
	CHECK_EQ(root, 0);
	CHECK_STR(fdt_node_name(&f, root), "");
	p = fdt_prop(&f, root, "#address-cells", &plen);
	CHECK(p && plen == 4 && get_be32(p) == 2);
	p = fdt_prop(&f, root, "#size-cells", NULL);
	CHECK(p && get_be32(p) == 2);
	CHECK(fdt_prop(&f, root, "bootargs", &plen) == NULL);  /* a child's */
	CHECK(fdt_prop(&f, root, "#address", &plen) == NULL);
	CHECK(fdt_prop(&f, root, "", &plen) == NULL);

	int chosen = fdt_path(&f, "/chosen");
	CHECK(chosen > 0);
	CHECK_STR(fdt_node_name(&f, chosen), "chosen");
	const char *args = fdt_prop(&f, chosen, "bootargs", &plen);
	CHECK(args && plen == 28);
	CHECK(args && memcmp(args, "console=ttyS0 crash=illegal", 28) == 0);
	/* Found across the NOP between properties. */
	p = fdt_prop(&f, chosen, "linux,initrd-start", &plen);
	CHECK(p && plen == 8 && fdt_cells(p, 2) == 0x88200000);
	p = fdt_prop(&f, chosen, "linux,initrd-end", &plen);
	CHECK(p && plen == 8 && fdt_cells(p, 2) == 0x88300000);
	CHECK(fdt_prop(&f, chosen, "linux,initrd", &plen) == NULL);

	int mem = fdt_path(&f, "/memory@80000000");
	CHECK(mem > 0);
	CHECK_EQ(fdt_path(&f, "/memory"), mem);
	CHECK_STR(fdt_node_name(&f, mem), "memory@80000000");
	p = fdt_prop(&f, mem, "device_type", &plen);
	CHECK(p && plen == 7 && strcmp((const char *)p, "memory") == 0);
	CHECK_EQ(fdt_reg(&f, mem, 0, 2, 2, &addr, &size), 0);
	CHECK_EQ(addr, 0x80000000);
	CHECK_EQ(size, 0x8000000);
	CHECK_EQ(fdt_reg(&f, mem, 1, 2, 2, &addr, &size), 0);
	CHECK_EQ(addr, 0x100000000);
	CHECK_EQ(size, 0x1000000);
	CHECK_EQ(fdt_reg(&f, mem, 2, 2, 2, &addr, &size), -ENOENT);
	CHECK_EQ(fdt_reg(&f, mem, -1, 2, 2, &addr, &size), -ENOENT);
	CHECK_EQ(fdt_reg(&f, mem, 0, 0, 0, &addr, &size), -ENOENT);
	/* One-cell view of the same property: 8 pairs of 32-bit cells. */
	CHECK_EQ(fdt_reg(&f, mem, 1, 1, 1, &addr, &size), 0);
	CHECK_EQ(addr, 0);
	CHECK_EQ(size, 0x8000000);
	CHECK_EQ(fdt_reg(&f, chosen, 0, 2, 2, &addr, &size), -ENOENT);

	CHECK_EQ(fdt_path(&f, "/memory@90000000"), -ENOENT);
	CHECK_EQ(fdt_path(&f, "/memory@8"), -ENOENT);
	CHECK_EQ(fdt_path(&f, "/mem"), -ENOENT);
	CHECK_EQ(fdt_path(&f, "/memoryx"), -ENOENT);
	CHECK_EQ(fdt_path(&f, "/nothing"), -ENOENT);
	CHECK_EQ(fdt_path(&f, "chosen"), -ENOENT);
	CHECK_EQ(fdt_path(&f, ""), -ENOENT);

	int cpus = fdt_path(&f, "/cpus");
	CHECK(cpus > 0);
	p = fdt_prop(&f, cpus, "timebase-frequency", &plen);
	CHECK(p && plen == 4 && get_be32(p) == 10000000);
	int cpu0 = fdt_path(&f, "/cpus/cpu@0");
	CHECK(cpu0 > cpus);
	CHECK_EQ(fdt_path(&f, "/cpus/cpu"), cpu0);
	CHECK_EQ(fdt_reg(&f, cpu0, 0, 1, 0, &addr, &size), 0);
	CHECK_EQ(addr, 0);
	CHECK_EQ(size, 0);
	CHECK_EQ(fdt_path(&f, "/cpu@0"), -ENOENT);  /* not a root child */
	CHECK_EQ(fdt_path(&f, "/cpus/cpu@0/x"), -ENOENT);
	CHECK_EQ(fdt_path(&f, "/cpus/cpu@1"), -ENOENT);

	int serial0 = fdt_path(&f, "/soc/serial@10000000");
	int serial1 = fdt_path(&f, "/soc/serial@10001000");
	int plic = fdt_path(&f, "/soc/plic@c000000");
	CHECK(serial0 > 0 && serial1 > serial0 && plic > serial1);
	CHECK_EQ(fdt_path(&f, "/soc/serial"), serial0);  /* the first */
	CHECK_EQ(fdt_path(&f, "/soc/plic"), plic);
	CHECK_EQ(fdt_path(&f, "/plic"), -ENOENT);
	CHECK_EQ(fdt_path(&f, "/soc/serial@10002000"), -ENOENT);
	/* A path through a sibling's subtree does not match. */
	CHECK_EQ(fdt_path(&f, "/reserved-memory/serial"), -ENOENT);
	CHECK_EQ(fdt_reg(&f, serial0, 0, 2, 2, &addr, &size), 0);
	CHECK_EQ(addr, 0x10000000);
	CHECK_EQ(size, 0x100);
	CHECK_EQ(fdt_reg(&f, plic, 0, 2, 2, &addr, &size), 0);
	CHECK_EQ(addr, 0xc000000);
	CHECK_EQ(size, 0x600000);

	CHECK_EQ(fdt_find_compatible(&f, -1, "ns16550a"), serial0);
	CHECK_EQ(fdt_find_compatible(&f, serial0, "ns16550a"), serial1);
	CHECK_EQ(fdt_find_compatible(&f, serial1, "ns16550a"), -ENOENT);
	CHECK_EQ(fdt_find_compatible(&f, -1, "sifive,plic-1.0.0"), plic);
	CHECK_EQ(fdt_find_compatible(&f, -1, "riscv,plic0"), plic);  /* 2nd */
	CHECK_EQ(fdt_find_compatible(&f, -1, "riscv,plic"), -ENOENT);
	CHECK_EQ(fdt_find_compatible(&f, -1, "plic0"), -ENOENT);
	CHECK_EQ(fdt_find_compatible(&f, -1, "riscv-virtio"), root);
	CHECK_EQ(fdt_find_compatible(&f, -1, "riscv"), cpu0);
	CHECK_EQ(fdt_find_compatible(&f, -1, ""), -ENOENT);
	CHECK(fdt_is_compatible(&f, plic, "riscv,plic0"));
	CHECK(!fdt_is_compatible(&f, serial0, "riscv,plic0"));
	CHECK(!fdt_is_compatible(&f, chosen, "ns16550a"));

	int resv = fdt_path(&f, "/reserved-memory/mmode_resv0");
	CHECK(resv > 0);
	CHECK_EQ(fdt_path(&f, "/reserved-memory/mmode_resv0@80000000"), resv);
	CHECK_EQ(fdt_reg(&f, resv, 0, 2, 2, &addr, &size), 0);
	CHECK_EQ(addr, 0x80000000);
	CHECK_EQ(size, 0x40000);
	p = fdt_prop(&f, resv, "no-map", &plen);
	CHECK(p != NULL && plen == 0);

	CHECK_EQ(fdt_rsv(&f, 0, &addr, &size), 0);
	CHECK_EQ(addr, 0x87e00000);
	CHECK_EQ(size, 0x200000);
	CHECK_EQ(fdt_rsv(&f, 1, &addr, &size), -ENOENT);
	CHECK_EQ(fdt_rsv(&f, -1, &addr, &size), -ENOENT);
	CHECK_EQ(fdt_rsv(&f, INT_MAX, &addr, &size), -ENOENT);
	/* 0x28 + 16 * 0x0ffffffd wraps a 32-bit offset to 0xfffffff8. */
	CHECK_EQ(fdt_rsv(&f, 0x0ffffffd, &addr, &size), -ENOENT);

	/* Document order with depths. */
	static const struct { const char *name; int depth; } order[] = {
		{ "", 0 }, { "chosen", 1 }, { "memory@80000000", 1 },
		{ "cpus", 1 }, { "cpu@0", 2 }, { "soc", 1 },
		{ "serial@10000000", 2 }, { "serial@10001000", 2 },
		{ "plic@c000000", 2 }, { "reserved-memory", 1 },
		{ "mmode_resv0@80000000", 2 },
	};
	int depth = 99;
	n = -1;
	size_t i;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		n = fdt_next_node(&f, n, &depth);
		CHECK(n >= 0);
		if (n < 0)
			break;
		CHECK_STR(fdt_node_name(&f, n), order[i].name);
		CHECK_EQ(depth, order[i].depth);
	}
	if (n >= 0)
		CHECK_EQ(fdt_next_node(&f, n, &depth), -ENOENT);

	free(blob);
}

/* Exercise every reader on a blob that may be broken; count results that
 * point outside the buffer. ASan does the rest. */
static void probe(const uint8_t *blob, size_t len, int *bad)
{
	struct fdt f;
	static const char *paths[] = { "/", "/chosen", "/memory", "/cpus/cpu@0",
				       "/soc/serial", "/soc/plic@c000000",
				       "/reserved-memory/mmode_resv0", "/x/y" };
	static const char *props[] = { "reg", "compatible", "#address-cells",
				       "bootargs", "ranges" };
	uint64_t a, s;
	int depth = 0, n = -1, plen;

	if (fdt_open(&f, blob, len) != 0)
		return;
	for (int k = 0; k < 200; k++) {
		n = fdt_next_node(&f, n, &depth);
		if (n < 0)
			break;
		if (n % 4 || (size_t)n + 4 > f.size_struct)
			(*bad)++;
		for (size_t j = 0; j < sizeof(props) / sizeof(props[0]); j++) {
			const uint8_t *p = fdt_prop(&f, n, props[j], &plen);
			if (p && (p < blob || plen < 0 ||
				  p + plen > blob + len))
				(*bad)++;
		}
		(void)fdt_is_compatible(&f, n, "ns16550a");
		for (int idx = 0; idx < 3; idx++)
			(void)fdt_reg(&f, n, idx, 2, 2, &a, &s);
	}
	for (size_t j = 0; j < sizeof(paths) / sizeof(paths[0]); j++)
		(void)fdt_path(&f, paths[j]);
	n = -1;
	for (int k = 0; k < 50; k++) {
		n = fdt_find_compatible(&f, n, "ns16550a");
		if (n < 0)
			break;
	}
	for (int idx = 0; idx < 300; idx++)
		if (fdt_rsv(&f, idx, &a, &s) != 0)
			break;
}

static void test_robust(int struct_last)
{
	size_t len = build_virt(img, sizeof(img), struct_last);
	uint32_t off_struct = get_be32(img + H_OFF_STRUCT);
	int bad = 0;

	/* Every truncation of the buffer, with the header left alone (so
	 * fdt_open must refuse) ... */
	for (size_t n = 0; n < len; n++) {
		uint8_t *c = exact(img, n);
		struct fdt f;
		if (n >= H_LEN && fdt_open(&f, c, n) != -EINVAL)
			bad++;
		probe(c, n, &bad);
		free(c);
	}
	/* ... and with the header claiming just what is left, so the last
	 * block is cut short wherever it is. */
	for (size_t n = H_LEN; n < len; n++) {
		uint8_t *c = exact(img, n);
		put_be32(c + H_TOTALSIZE, (uint32_t)n);
		if (struct_last && n >= off_struct)
			put_be32(c + H_SIZE_STRUCT, (uint32_t)(n - off_struct));
		else if (!struct_last && n >= get_be32(img + H_OFF_STRINGS))
			put_be32(c + H_SIZE_STRINGS,
				 (uint32_t)(n - get_be32(img + H_OFF_STRINGS)));
		probe(c, n, &bad);
		free(c);
	}
	/* A structure block cut short inside a bigger buffer. */
	for (uint32_t sz = 0; sz < get_be32(img + H_SIZE_STRUCT); sz++) {
		uint8_t *c = exact(img, len);
		put_be32(c + H_SIZE_STRUCT, sz);
		probe(c, len, &bad);
		free(c);
	}
	/* Single-byte corruption everywhere: tokens, lengths, name
	 * offsets, header fields. */
	static const uint8_t vals[] = { 0x00, 0xff, 0x01, 0x02, 0x03, 0x04,
					0x09, 0x80, 0x7f, 0x40 };
	for (size_t off = 0; off < len; off++) {
		for (size_t v = 0; v < sizeof(vals); v++) {
			uint8_t *c = exact(img, len);
			c[off] = vals[v];
			probe(c, len, &bad);
			free(c);
		}
	}
	CHECK_EQ(bad, 0);
}

/* A compatible list whose last string lacks its NUL matches nothing:
 * the bytes after the value (padding, the next token) are not part of it. */
static void test_unterminated(void)
{
	static struct fdtb b;
	struct fdt f;

	memset(&b, 0, sizeof(b));
	begin(&b, "");
	begin(&b, "odd");
	prop(&b, "compatible", "ns16550a", 8);          /* no NUL */
	prop(&b, "model", "x", 2);
	end(&b);
	begin(&b, "good");
	prop(&b, "compatible", "a\0ns16550a\0b", 12);  /* "b": no NUL */
	end(&b);
	end(&b);
	tok(&b, TOK_END);
	size_t len = finish(&b, img, sizeof(img), 1);
	uint8_t *blob = exact(img, len);

	CHECK_EQ(fdt_open(&f, blob, len), 0);
	int odd = fdt_path(&f, "/odd"), good = fdt_path(&f, "/good");
	CHECK(odd > 0 && good > odd);
	CHECK(!fdt_is_compatible(&f, odd, "ns16550a"));
	CHECK(fdt_is_compatible(&f, good, "ns16550a"));
	CHECK(fdt_is_compatible(&f, good, "a"));
	CHECK(!fdt_is_compatible(&f, good, "b"));
	CHECK_EQ(fdt_find_compatible(&f, -1, "ns16550a"), good);
	free(blob);
}

int main(void)
{
	test_open();
	test_unterminated();
	test_lookup(0);
	test_lookup(1);
	test_robust(0);
	test_robust(1);
	return check_summary("fdt");
}
