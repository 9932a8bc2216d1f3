/*
 * The root task: the first program of the boot image, loaded by the
 * kernel and given every resource: a MemPool with all free memory, its
 * own task/space capabilities, the debug console, the boot image and the
 * console UART's interrupt. Everything else in the system is built by it.
 */
#include "aspace.h"
#include "bootimage.h"
#include "console.h"
#include "cspace.h"
#include "elf.h"
#include "ipc.h"
#include "kstring.h"
#include "panic.h"
#include "pmm.h"
#include "task.h"
#include "timer.h"
#include "uapi/bootinfo.h"
#include "uapi/errno.h"

/* Memory kept back from the root pool for the kernel's own uncharged
 * allocations (boot objects, frame table growth, slabs of boot objects). */
#define KERNEL_RESERVE (512u * 1024)

static struct kobj console_obj = { .type = CAP_CONSOLE, .refs = 1 };

static void must(int err, const char *what)
{
	if (err)
		panic("root task: %s failed (%d)", what, err);
}

static void *must_obj(void *obj, const char *what)
{
	if (!obj)
		panic("root task: out of memory for %s", what);
	return obj;
}

/* Copy one ELF segment into fresh frames and map them. */
static void load_segment(struct mempool *pool, struct aspace *as,
			 const uint8_t *file, const struct elf_segment *s)
{
	vaddr_t lo = ALIGN_DOWN(s->vaddr, PAGE_SIZE);
	size_t npages = (ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE) - lo) / PAGE_SIZE;
	struct frame *f = must_obj(frame_create(pool, npages), "a segment");

	memcpy((uint8_t *)phys_to_virt(f->pa) + (s->vaddr - lo),
	       file + s->offset, s->filesz);
	must(aspace_map(as, f, lo, s->prot, false), "mapping a segment");
	obj_put(&f->hdr); /* the mappings keep it */
}

void roottask_start(const struct boot_info *bi)
{
	struct cpio_file file;
	size_t off = 0;
	struct elf_image img;

	if (!bi->initrd.size)
		panic("no boot image: nothing to run");
	const void *image = phys_to_virt(bi->initrd.base);
	if (cpio_next(image, (size_t)bi->initrd.size, &off, &file) != 0)
		panic("boot image: no first file");
	if (elf_parse(file.data, file.size, ARCH_ELF_MACHINE, ARCH_USER_TOP, &img))
		panic("boot image: the first file, %.*s, is not a %s executable",
		      (int)file.namelen, file.name, ARCH_NAME);

	uint64_t quota = (uint64_t)kernel_pmm.nfree * PAGE_SIZE - KERNEL_RESERVE;
	struct mempool *pool = must_obj(obj_alloc(NULL, CAP_MEMPOOL, sizeof(*pool)),
					"the pool");
	pool->quota = quota;

	struct cspace *cs = must_obj(cspace_create_sized(pool, ROOT_CSPACE_SLOTS),
				     "the cspace");
	struct aspace *as = must_obj(aspace_create(pool), "the aspace");
	struct task *t = must_obj(task_create(pool), "the task");
	for (unsigned i = 0; i < img.nsegments; i++)
		load_segment(pool, as, file.data, &img.seg[i]);

	struct frame *stack = must_obj(frame_create(pool, ROOT_STACK_PAGES), "stack");
	must(aspace_map(as, stack, ROOT_STACK_TOP - ROOT_STACK_PAGES * PAGE_SIZE,
			PT_READ | PT_WRITE, false), "mapping the stack");
	struct frame *ipcbuf = must_obj(frame_create(pool, 1), "IPC buffer");
	must(aspace_map(as, ipcbuf, ROOT_IPCBUF_VADDR, PT_READ | PT_WRITE, false),
	     "mapping the IPC buffer");
	struct frame *binfo = must_obj(frame_create(pool, 1), "boot info");
	must(aspace_map(as, binfo, ROOT_BOOTINFO_VADDR, PT_READ, false), "mapping boot info");
	size_t image_pages = ALIGN_UP((size_t)bi->initrd.size, PAGE_SIZE) / PAGE_SIZE;
	struct frame *imgf = must_obj(frame_wrap(pool, bi->initrd.base, image_pages),
				      "image frame");
	must(aspace_map(as, imgf, ROOT_IMAGE_VADDR, PT_READ, false), "mapping the image");
	struct irq *uart_irq = must_obj(irq_create(pool, arch_uart_irq_line()), "irq");

	must(cap_install(cs, ROOT_SLOT_TASK, &t->hdr, RIGHTS_ALL, 0), "task cap");
	/* The root's capability to its own space is a deliberate cycle
	 * (cap_install refuses it): the root task never ends but with the
	 * machine. */
	cspace_install_self(cs, ROOT_SLOT_CSPACE);
	must(cap_install(cs, ROOT_SLOT_ASPACE, &as->hdr, RIGHTS_ALL, 0), "aspace cap");
	must(cap_install(cs, ROOT_SLOT_POOL, &pool->hdr, RIGHTS_ALL, 0), "pool cap");
	must(cap_install(cs, ROOT_SLOT_CONSOLE, &console_obj,
			 RIGHT_READ | RIGHT_WRITE, 0), "console cap");
	must(cap_install(cs, ROOT_SLOT_IPCBUF, &ipcbuf->hdr,
			 RIGHT_READ | RIGHT_WRITE, 0), "ipcbuf cap");
	must(cap_install(cs, ROOT_SLOT_IMAGE, &imgf->hdr,
			 RIGHT_READ | RIGHT_EXEC | RIGHT_GRANT, 0), "image cap");
	must(cap_install(cs, ROOT_SLOT_IRQ_UART, &uart_irq->hdr, RIGHTS_ALL, 0),
	     "irq cap");

	struct pith_bootinfo *b = phys_to_virt(binfo->pa);
	b->magic = BOOTINFO_MAGIC;
	b->first_free_slot = ROOT_SLOT_FIRST_FREE;
	b->cspace_slots = cs->nslots;
	b->pool_bytes = quota;
	b->image_vaddr = ROOT_IMAGE_VADDR;
	b->image_size = bi->initrd.size;
	b->uart_irq_line = arch_uart_irq_line();
	b->ticks_per_second = TIMER_HZ;
	memcpy(b->arch, ARCH_NAME, sizeof(ARCH_NAME));
	memcpy(b->cmdline, bi->cmdline, sizeof(b->cmdline));

	task_set_spaces(t, as, cs);
	task_set_ipcbuf(t, ipcbuf, ROOT_IPCBUF_VADDR);
	t->is_root = true;
	must(task_start(t, img.entry, ROOT_STACK_TOP, ROOT_BOOTINFO_VADDR),
	     "starting it");

	/* The capabilities and mappings hold what they need; drop the
	 * creation references. */
	obj_put(&stack->hdr);
	obj_put(&binfo->hdr);
	obj_put(&imgf->hdr);
	obj_put(&ipcbuf->hdr);
	obj_put(&uart_irq->hdr);
	obj_put(&t->hdr);
	obj_put(&as->hdr);
	obj_put(&cs->hdr);
	obj_put(&pool->hdr);
	kprintf("root task: %.*s, entry %p, %u segments, pool %llu KiB\n",
		(int)file.namelen, file.name, (void *)img.entry, img.nsegments,
		(unsigned long long)(quota >> 10));
}
