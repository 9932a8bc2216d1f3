/* The boot image (cpio newc initrd) as the kernel sees it (kernel/bootimage.c). */
#ifndef PITH_BOOTIMAGE_H
#define PITH_BOOTIMAGE_H

#include "bootinfo.h"
#include "cpio.h"

/* Remember where the image is and list its files on the console.
 * Returns the number of files, or -EINVAL if the image is malformed. */
int bootimage_init(const struct boot_info *bi);

/* Look a file up by name; 0, -ENOENT, or -EINVAL (no image / malformed). */
must_check int bootimage_find(const char *name, struct cpio_file *out);

#endif
