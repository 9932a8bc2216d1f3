/*
 * Flattened device tree reader. The blob is big-endian: a header, a memory
 * reservation block, a structure block of tokens (BEGIN_NODE name, PROP
 * len nameoff value, END_NODE, NOP, END) and a strings block. Every token
 * read is checked against the structure block's bounds.
 */
#include "fdt.h"
#include "kstring.h"
#include "uapi/errno.h"

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

uint64_t fdt_cells(const void *p, int cells)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (int i = 0; i < cells; i++)
		v = v << 32 | be32(b + 4 * i);
	return v;
}

uint32_t fdt_total_size(const void *blob)
{
	if (be32(blob) != FDT_MAGIC)
		return 0;
	return be32((const uint8_t *)blob + 4);
}

int fdt_open(struct fdt *fdt, const void *blob, size_t maxlen)
{
	const uint8_t *b = blob;

	if (maxlen < 40 || be32(b) != FDT_MAGIC)
		return -EINVAL;
	fdt->blob = b;
	fdt->size = be32(b + 4);
	fdt->off_struct = be32(b + 8);
	fdt->off_strings = be32(b + 12);
	fdt->off_rsvmap = be32(b + 16);
	fdt->size_strings = be32(b + 32);
	fdt->size_struct = be32(b + 36);
	if (fdt->size > maxlen || be32(b + 20) < 16 /* version */ ||
	    fdt->off_struct > fdt->size ||
	    fdt->size_struct > fdt->size - fdt->off_struct ||
	    fdt->off_strings > fdt->size ||
	    fdt->size_strings > fdt->size - fdt->off_strings ||
	    fdt->off_rsvmap > fdt->size || fdt->off_struct % 4)
		return -EINVAL;
	return 0;
}

/* Token at structure offset off, or FDT_END if off is out of bounds. */
static uint32_t token(const struct fdt *fdt, int off)
{
	if (off < 0 || (uint32_t)off + 4 > fdt->size_struct)
		return FDT_END;
	return be32(fdt->blob + fdt->off_struct + off);
}

/* Offset just past the token at off (node name or property included),
 * or -EINVAL if the token runs out of the block. */
static int skip(const struct fdt *fdt, int off)
{
	const char *s = (const char *)fdt->blob + fdt->off_struct;
	uint32_t end = fdt->size_struct;

	switch (token(fdt, off)) {
	case FDT_BEGIN_NODE: {
		uint32_t p = (uint32_t)off + 4;
		while (p < end && s[p])
			p++;
		if (p >= end)
			return -EINVAL;
		return (int)((p + 1 + 3) & ~3u);
	}
	case FDT_PROP: {
		if ((uint32_t)off + 12 > end)
			return -EINVAL;
		uint32_t len = be32(s + off + 4);
		if (len > end - (uint32_t)off - 12)
			return -EINVAL;
		return (int)(((uint32_t)off + 12 + len + 3) & ~3u);
	}
	case FDT_END_NODE:
	case FDT_NOP:
		return off + 4;
	default:
		return -EINVAL;
	}
}

int fdt_next_node(const struct fdt *fdt, int node, int *depth)
{
	int off = 0;

	if (node >= 0) {
		off = skip(fdt, node);
		if (off < 0)
			return -ENOENT;
	} else {
		*depth = -1;
	}
	for (;;) {
		uint32_t t = token(fdt, off);
		if (t == FDT_BEGIN_NODE && skip(fdt, off) >= 0) {
			(*depth)++;
			return off;
		}
		if (t == FDT_END_NODE)
			(*depth)--;
		else if (t != FDT_PROP && t != FDT_NOP)
			return -ENOENT;
		off = skip(fdt, off);
		if (off < 0)
			return -ENOENT;
	}
}

const char *fdt_node_name(const struct fdt *fdt, int node)
{
	return (const char *)fdt->blob + fdt->off_struct + node + 4;
}

const void *fdt_prop(const struct fdt *fdt, int node, const char *name,
		     int *len)
{
	int off = skip(fdt, node);

	while (off >= 0) {
		uint32_t t = token(fdt, off);
		if (t == FDT_PROP && skip(fdt, off) >= 0) {
			const uint8_t *p = fdt->blob + fdt->off_struct + off;
			uint32_t plen = be32(p + 4), nameoff = be32(p + 8);
			if (nameoff < fdt->size_strings) {
				const char *pn = (const char *)fdt->blob +
						 fdt->off_strings + nameoff;
				size_t max = fdt->size_strings - nameoff;
				if (strnlen(pn, max) < max && strcmp(pn, name) == 0) {
					if (len)
						*len = (int)plen;
					return p + 12;
				}
			}
		} else if (t != FDT_NOP) {
			break; /* properties come before subnodes */
		}
		off = skip(fdt, off);
	}
	return NULL;
}

/* Does node name match component (with or without its "@unit")? */
static bool name_matches(const char *name, const char *comp, size_t clen)
{
	if (strncmp(name, comp, clen) != 0)
		return false;
	return name[clen] == '\0' || (name[clen] == '@' && !memchr(comp, '@', clen));
}

int fdt_path(const struct fdt *fdt, const char *path)
{
	int depth = 0;
	int node = fdt_next_node(fdt, -1, &depth); /* the root */
	int want = 1;

	if (node < 0 || path[0] != '/')
		return -ENOENT;
	path++;
	while (*path) {
		const char *end = path;
		while (*end && *end != '/')
			end++;
		size_t clen = (size_t)(end - path);
		/* Walk the children of the current node (depth == want). */
		for (;;) {
			node = fdt_next_node(fdt, node, &depth);
			if (node < 0 || depth < want)
				return -ENOENT;
			if (depth == want &&
			    name_matches(fdt_node_name(fdt, node), path, clen))
				break;
		}
		want++;
		path = *end ? end + 1 : end;
	}
	return node;
}

bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compat)
{
	int len;
	const char *p = fdt_prop(fdt, node, "compatible", &len);

	/* The property is a list of NUL-terminated strings. */
	while (p && len > 0) {
		size_t n = strnlen(p, (size_t)len);
		if (n < (size_t)len && strcmp(p, compat) == 0)
			return true;
		p += n + 1;
		len -= (int)n + 1;
	}
	return false;
}

int fdt_find_compatible(const struct fdt *fdt, int from, const char *compat)
{
	int depth = 0;
	int node = from;

	if (from >= 0)
		depth = 1; /* depth is irrelevant here, only its changes */
	for (;;) {
		node = fdt_next_node(fdt, node, &depth);
		if (node < 0)
			return -ENOENT;
		if (fdt_is_compatible(fdt, node, compat))
			return node;
	}
}

int fdt_reg(const struct fdt *fdt, int node, int index, int addr_cells,
	    int size_cells, uint64_t *addr, uint64_t *size)
{
	int len;
	const uint8_t *p = fdt_prop(fdt, node, "reg", &len);
	int64_t stride = 4 * (int64_t)(addr_cells + size_cells);

	if (!p || index < 0 || addr_cells < 0 || size_cells < 0 ||
	    addr_cells > 2 || size_cells > 2 || stride == 0 ||
	    len < stride * ((int64_t)index + 1))
		return -ENOENT;
	p += stride * index;
	*addr = fdt_cells(p, addr_cells);
	*size = fdt_cells(p + 4 * addr_cells, size_cells);
	return 0;
}

int fdt_rsv(const struct fdt *fdt, int index, uint64_t *addr, uint64_t *size)
{
	uint64_t off = fdt->off_rsvmap + 16ull * (uint32_t)index;

	if (index < 0 || off + 16 > fdt->size)
		return -ENOENT;
	*addr = fdt_cells(fdt->blob + off, 2);
	*size = fdt_cells(fdt->blob + off + 8, 2);
	if (!*addr && !*size)
		return -ENOENT;
	return 0;
}
