/*
 * Files of the boot image, by path: the cpio archive the kernel mapped
 * into procsrv (bootinfo), read with the same parser the kernel uses;
 * and the servers procsrv starts from it (fs, console).
 */
#include <pith/cpio.h>
#include <pith/spawn.h>
#include <string.h>

#include "procsrv.h"

int image_find(const char *path, struct image_file *out)
{
	const uint8_t *base = (const uint8_t *)(uintptr_t)bi->image_vaddr;
	struct cpio_file f;
	int err = cpio_find(base, bi->image_size, path, &f);

	if (err)
		return err == -ENOENT ? -ENOENT : -EIO;
	out->data = f.data;
	out->size = f.size;
	out->offset = (uint64_t)((const uint8_t *)f.data - base);
	out->mode = f.mode;
	out->uid = f.uid;
	out->gid = f.gid;
	return 0;
}

/* Where pith_spawn copies a server's segments in procsrv: free, as the
 * servers are started before any process. */
#define SERVER_WINDOW 0x60000000ull

int server_spawn(const char *path, uint64_t quota, struct spawn *s)
{
	struct image_file f;
	slot_t pool, first;

	if (image_find(path, &f))
		return -ENOENT;
	pool = slot_get();
	first = slot_get();
	for (unsigned i = 1; i < 5; i++)
		if (slot_get() != first + i)
			return -EBUSY;     /* pith_spawn wants 5 slots in a row */
	*s = (struct spawn){
		.pool = pool, .self_aspace = ROOT_SLOT_ASPACE, .window = SERVER_WINDOW,
		.first_slot = first, .elf = f.data, .elf_size = f.size,
	};
	if (!pool || !first ||
	    sys_obj_create(ROOT_SLOT_POOL, CAP_MEMPOOL, pool, quota) || pith_spawn(s))
		return -ENOMEM;
	return 0;
}
