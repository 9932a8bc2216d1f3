/*
 * Flattened device tree (DTB) reader (kernel/fdt.c). Portable: the RISC-V
 * port uses it at boot, host unit tests exercise it. Nodes are named by
 * their offset in the structure block; all reads are bounds-checked.
 */
#ifndef PITH_FDT_H
#define PITH_FDT_H

#include "types.h"

#define FDT_MAGIC 0xd00dfeedu

struct fdt {
	const uint8_t *blob;
	uint32_t size;        /* totalsize from the header */
	uint32_t off_struct, size_struct;
	uint32_t off_strings, size_strings;
	uint32_t off_rsvmap;
};

/* Validate the header and fill *fdt. -EINVAL if it is not a sane DTB. */
must_check int fdt_open(struct fdt *fdt, const void *blob, size_t maxlen);

/* Size of the blob from its header, without opening it (0 if bad magic). */
uint32_t fdt_total_size(const void *blob);

/* Offset of the node after `node` in document order (-1 to start from the
 * root), with *depth adjusted (root = 0). Returns -ENOENT at the end. */
int fdt_next_node(const struct fdt *fdt, int node, int *depth);

/* Node name ("memory@80000000"; "" for the root). */
const char *fdt_node_name(const struct fdt *fdt, int node);

/* Property value and length, or NULL if absent. */
const void *fdt_prop(const struct fdt *fdt, int node, const char *name,
		     int *len);

/* Node at an absolute path like "/chosen" or "/cpus"; unit addresses may
 * be omitted ("/soc/plic" finds "/soc/plic@c000000"). -ENOENT if absent. */
int fdt_path(const struct fdt *fdt, const char *path);

/* First node after `from` (-1: from the start) whose "compatible" list
 * contains compat. -ENOENT if none. */
int fdt_find_compatible(const struct fdt *fdt, int from, const char *compat);

/* Does node's "compatible" list contain compat? */
bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compat);

/* Read a big-endian number of `cells` 32-bit cells (1 or 2). */
uint64_t fdt_cells(const void *p, int cells);

/* The i-th (address, size) pair of node's "reg", with the given cell
 * counts. Returns 0 or -ENOENT. */
int fdt_reg(const struct fdt *fdt, int node, int index, int addr_cells,
	    int size_cells, uint64_t *addr, uint64_t *size);

/* Memory reservation block entries, i-th; returns 0 or -ENOENT at end. */
int fdt_rsv(const struct fdt *fdt, int index, uint64_t *addr, uint64_t *size);

#endif
