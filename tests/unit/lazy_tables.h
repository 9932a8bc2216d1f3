/* The host tests' lazily mapped tables (lazy_tables.c). */
#ifndef LAZY_TABLES_H
#define LAZY_TABLES_H

#include <stdbool.h>
#include <stddef.h>

void *table_space(size_t bytes);
int table_need(const void *p, size_t len);
bool table_mapped(const void *p);
extern unsigned table_pages_mapped;   /* pages "mapped" so far */
extern int table_fail_after;          /* mappings left before -ENOMEM; -1: no limit */

#endif
