/*
 * What fs's host tests (test_bootfs.c, test_ramfs.c) share: root's
 * credentials and walking an absolute path from the root.
 */
#ifndef PITH_TEST_FS_WALK_H
#define PITH_TEST_FS_WALK_H

#include <string.h>

#include "check.h"
#include "fs.h"

static const struct fs_cred root;

static inline int walk(const char *path, const struct fs_cred *c, uint16_t *out)
{
	return bootfs_walk(NODE_ROOT, path, strlen(path), c, out);
}

/* The node path names, which must exist (a failed check otherwise). */
static inline uint16_t must(const char *path)
{
	uint16_t n = NODE_NONE;

	CHECK_EQ(walk(path, &root, &n), 0);
	return n;
}

#endif
