/*
 * Spawning a task from an ELF image (and, for a POSIX program, its
 * argument and environment strings on the stack). The ELF is checked with the same
 * parser the kernel uses (kernel/elf.c, compiled into libc); each segment
 * gets fresh frames, which the caller maps into its own window to copy the
 * file bytes, then unmaps and maps into the child with the segment's
 * rights.
 */
#include <pith/machine.h>
#include <pith/spawn.h>
#include <string.h>

#include "elf.h"

/* The System V initial stack for argv/envp, built in img (whose end is
 * the stack top, top): strings at the top, below them (16-byte aligned)
 * argc, the argv pointers, NULL, the envp pointers, NULL and an empty
 * auxiliary vector (AT_NULL). Returns the bytes used, 0 if they do not
 * fit. */
static size_t build_args(char *img, size_t cap, uint64_t top,
			 char *const *argv, char *const *envp)
{
	size_t argc = 0, envc = 0, strbytes = 0, words, used;
	char *const empty[1] = { NULL };

	if (!envp)
		envp = empty;
	for (; argv[argc]; argc++)
		strbytes += strlen(argv[argc]) + 1;
	for (; envp[envc]; envc++)
		strbytes += strlen(envp[envc]) + 1;
	words = 1 + argc + 1 + envc + 1 + 2;
	used = (strbytes + words * 8 + 15) & ~(size_t)15;
	if (used > cap)
		return 0;
	uint64_t *w = (uint64_t *)(void *)(img + cap - used);
	char *str = img + cap - strbytes;
	uint64_t str_va = top - strbytes;
	*w++ = argc;
	for (int pass = 0; pass < 2; pass++) {
		char *const *v = pass ? envp : argv;
		for (; *v; v++) {
			size_t n = strlen(*v) + 1;
			memcpy(str, *v, n);
			*w++ = str_va;
			str += n;
			str_va += n;
		}
		*w++ = 0;
	}
	w[0] = w[1] = 0;  /* AT_NULL */
	return used;
}

static uint64_t rights_of(unsigned prot)
{
	return RIGHT_READ | ((prot & ELF_W) ? RIGHT_WRITE : 0) |
	       ((prot & ELF_X) ? RIGHT_EXEC : 0);
}

/* A frame of n pages in slot, mapped into the child at va with rights,
 * filled with len bytes from src at offset off (the rest zero). */
static long load_pages(struct spawn *s, slot_t slot, uint64_t va, size_t n,
		       uint64_t rights, size_t off, const void *src, size_t len)
{
	long err = sys_obj_create(s->pool, CAP_FRAME, slot, n);

	if (!err && len) {
		/* Only the pages the bytes land on pass through the window:
		 * the rest (bss) is zero already, and a server's bss can be
		 * hundreds of pages, a map and an unmap each. */
		size_t k = (off + len + 4095) / 4096;
		if (k > n || k * 4096 > SPAWN_WINDOW_BYTES)
			return -E2BIG;
		err = sys_map_pages(s->self_aspace, slot, s->window,
				    RIGHT_READ | RIGHT_WRITE, 0, k);
		if (!err) {
			memcpy((char *)(uintptr_t)s->window + off, src, len);
			for (size_t i = 0; i < k; i++)
				sys_unmap(s->self_aspace, s->window + i * 4096);
		}
	}
	if (!err)
		err = sys_map(s->aspace, slot, va, rights);
	return err;
}

static long spawn(struct spawn *s, char *const *argv, char *const *envp)
{
	struct elf_image img;
	slot_t scratch = s->first_slot + 4;
	long err;

	s->task = s->first_slot;
	s->aspace = s->first_slot + 1;
	s->cspace = s->first_slot + 2;
	s->ipcbuf = s->first_slot + 3;
	if (elf_parse(s->elf, s->elf_size, ARCH_ELF_MACHINE_USER, PITH_USER_TOP, &img))
		return -ENOEXEC;
	s->entry = img.entry;
	if ((err = sys_obj_create(s->pool, CAP_TASK, s->task, 0)) ||
	    (err = sys_obj_create(s->pool, CAP_ASPACE, s->aspace, 0)) ||
	    (err = sys_obj_create(s->pool, CAP_CSPACE, s->cspace, 0)))
		goto fail;
	for (unsigned i = 0; i < img.nsegments && !err; i++) {
		const struct elf_segment *g = &img.seg[i];
		uint64_t lo = g->vaddr & ~4095ull;
		size_t n = (size_t)((g->vaddr + g->memsz + 4095 - lo) / 4096);
		err = load_pages(s, scratch, lo, n, rights_of(g->prot),
				 g->vaddr - lo, (const char *)s->elf + g->offset,
				 g->filesz);
		sys_cap_delete(scratch); /* the child's mapping keeps the frame */
	}
	s->sp = SPAWN_STACK_TOP;
	if (!err && argv) {
		static char img[SPAWN_ARGS_BYTES] __attribute__((__aligned__(16)));
		size_t used = build_args(img, sizeof(img), SPAWN_STACK_TOP,
					 argv, envp);
		if (!used)
			err = -E2BIG;
		s->sp = SPAWN_STACK_TOP - used;
		if (!err)
			err = load_pages(s, scratch,
					 SPAWN_STACK_TOP - SPAWN_STACK_PAGES * 4096,
					 SPAWN_STACK_PAGES, RIGHT_READ | RIGHT_WRITE,
					 SPAWN_STACK_PAGES * 4096 - used,
					 img + sizeof(img) - used, used);
	} else if (!err) {
		err = load_pages(s, scratch, SPAWN_STACK_TOP - SPAWN_STACK_PAGES * 4096,
				 SPAWN_STACK_PAGES, RIGHT_READ | RIGHT_WRITE, 0, 0, 0);
	}
	sys_cap_delete(scratch);
	if (!err)
		err = load_pages(s, s->ipcbuf, SPAWN_IPCBUF_VADDR, 1,
				 RIGHT_READ | RIGHT_WRITE, 0, 0, 0);
	if (!err)
		err = sys_task_configure(s->task, s->aspace, s->cspace, s->ipcbuf,
					 SPAWN_IPCBUF_VADDR);
	if (!err)
		return 0;
fail:
	for (slot_t i = s->first_slot; i <= scratch; i++)
		sys_cap_delete(i);
	return err;
}

long pith_spawn(struct spawn *s)
{
	return spawn(s, NULL, NULL);
}

long pith_spawn_process(struct spawn *s, char *const argv[],
			char *const envp[])
{
	return spawn(s, argv, envp);
}
