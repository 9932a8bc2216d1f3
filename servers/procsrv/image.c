/*
 * Files of the boot image, by path: the cpio archive the kernel mapped
 * into procsrv (bootinfo), read with the same parser the kernel uses.
 */
#include <pith/cpio.h>
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
