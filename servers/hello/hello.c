/*
 * hello: the root task of the default boot image until the process server
 * takes that place. It shows what the kernel handed over (boot info, the
 * boot image's files, its memory pool) and then echoes what is typed on
 * the serial console, woken by the UART's interrupt through a
 * notification: a small, real user-level driver loop.
 */
#include <pith/syscall.h>
#include <stdio.h>

#include <pith/cpio.h>

int main(const struct pith_bootinfo *bi)
{
	uint64_t quota, used, bits;
	size_t off = 0;
	struct cpio_file f;
	const slot_t ntfn = bi->first_free_slot;

	printf("hello: root task on %s, boot info at %p\n", bi->arch, (void *)bi);
	sys_pool_info(ROOT_SLOT_POOL, &quota, &used);
	printf("hello: pool %llu KiB, %llu KiB used\n",
	       (unsigned long long)(quota >> 10), (unsigned long long)(used >> 10));
	printf("hello: boot image, %llu bytes:\n",
	       (unsigned long long)bi->image_size);
	while (cpio_next((const void *)bi->image_vaddr, bi->image_size, &off, &f) == 0)
		printf("  %.*s (%zu bytes)\n", (int)f.namelen, f.name, f.size);

	if (sys_obj_create(ROOT_SLOT_POOL, CAP_NOTIFICATION, ntfn, 0) ||
	    sys_irq_set(ROOT_SLOT_IRQ_UART, ntfn, 1)) {
		printf("hello: cannot take the UART interrupt\n");
		return 1;
	}
	printf("hello: type something; it comes back through the UART "
	       "interrupt (line %llu)\n", (unsigned long long)bi->uart_irq_line);
	for (;;) {
		long c;
		sys_wait(ntfn, &bits);
		while ((c = sys_debug_read(ROOT_SLOT_CONSOLE)) >= 0) {
			char ch = (char)c == '\r' ? '\n' : (char)c;
			sys_debug_write(ROOT_SLOT_CONSOLE, &ch, 1);
		}
		sys_irq_ack(ROOT_SLOT_IRQ_UART);
	}
}
