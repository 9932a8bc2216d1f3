/*
 * The boot image: a cpio newc archive the firmware loaded as the initrd.
 * The kernel only checks it (walks it once) and finds files in it; the
 * root task will get its frames and load programs from it. Boot prints one
 * summary line; "bootlist" on the command line lists every file too (the
 * UART is slow under emulation: the list cost a fifth of the boot).
 */
#include "arch.h"
#include "bootimage.h"
#include "console.h"
#include "uapi/errno.h"

static const void *image;
static size_t image_len;

int bootimage_init(const struct boot_info *bi)
{
	size_t off = 0;
	int nfiles = 0;
	bool list = boot_cmdline_get(bi, "bootlist", NULL, 0);

	if (!bi->initrd.size) {
		kprintf("boot image: none\n");
		return 0;
	}
	image = phys_to_virt(bi->initrd.base);
	image_len = (size_t)bi->initrd.size;
	if (list)
		kprintf("boot image: %zu bytes at %#llx\n", image_len,
			(unsigned long long)bi->initrd.base);
	for (;;) {
		struct cpio_file f;
		int r = cpio_next(image, image_len, &off, &f);
		if (r < 0) {
			kprintf("boot image: malformed at offset %zu\n", off);
			return r;
		}
		if (r == 1)
			break;
		if (list)
			kprintf("  %06o %8zu  %.*s\n", (unsigned)f.mode, f.size,
				(int)f.namelen, f.name);
		nfiles++;
	}
	kprintf("boot image: %d files, %zu bytes at %#llx\n", nfiles, image_len,
		(unsigned long long)bi->initrd.base);
	return nfiles;
}

int bootimage_find(const char *name, struct cpio_file *out)
{
	if (!image)
		return -EINVAL;
	return cpio_find(image, image_len, name, out);
}
