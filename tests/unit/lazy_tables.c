/*
 * The large tables of procsrv and fs for the host tests (servers/procsrv/
 * area.h, servers/fs/fs.h, over <pith/lazy.h> in the servers):
 * anonymous memory that is inaccessible (PROT_NONE) until table_need
 * opens a page, so that a read or write of a page the server did not ask
 * for crashes the test as it would crash the server. Pages are counted
 * as they are opened, and a limit (table_fail_after) makes the next one
 * fail as the server's would with no memory left.
 */
#define _DEFAULT_SOURCE   /* MAP_ANONYMOUS */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

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

	if (!space) {
		void *m = mmap(NULL, SPACE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		space = m == MAP_FAILED ? NULL : m;
	}
	if (!space || n > SPACE - given)
		return NULL;
	p = space + given;
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
		if (mprotect(space + pg * PAGE, PAGE, PROT_READ | PROT_WRITE))
			return -12;
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
