/*
 * The large tables of procsrv and fs for the host tests (servers/procsrv/
 * area.h, servers/fs/fs.h, over <pith/lazy.h> in the servers):
 * plain zeroed memory. Pages are counted as procsrv maps them, so a test
 * can see that a table is used from its start and no further than
 * needed, and a limit (table_fail_after) makes the next mapping fail as
 * procsrv's would with no memory left.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lazy_tables.h"

#define PAGE 4096u
#define SPACE (4u << 20)

static uint8_t *space;
static size_t given;
static bool mapped[SPACE / PAGE];
unsigned table_pages_mapped;
int table_fail_after = -1;

void *table_space(size_t bytes)
{
	size_t n = (bytes + PAGE - 1) & ~(size_t)(PAGE - 1);
	void *p;

	if (!space)
		space = aligned_alloc(PAGE, SPACE);
	if (!space || n > SPACE - given)
		return NULL;
	p = space + given;
	memset(p, 0, n);
	given += n;
	return p;
}

int table_need(const void *p, size_t len)
{
	const uint8_t *a = p;

	if (!len || a < space || a >= space + given)
		return 0;
	for (size_t pg = (size_t)(a - space) / PAGE;
	     pg <= (size_t)(a + len - 1 - space) / PAGE; pg++) {
		if (mapped[pg])
			continue;
		if (table_fail_after == 0)
			return -12;   /* ENOMEM */
		if (table_fail_after > 0)
			table_fail_after--;
		mapped[pg] = true;
		table_pages_mapped++;
	}
	return 0;
}

bool table_mapped(const void *p)
{
	const uint8_t *a = p;

	if (a < space || a >= space + given)
		return true;
	return mapped[(size_t)(a - space) / PAGE];
}
