/*
 * Starting a program in a process: the file from the boot image, checked
 * (mode bits, ELF), becomes a new memory map of areas filled on demand by
 * the pager (text from the image itself, data copied on first touch, bss
 * and heap and stack zero), a new address space and capability space, and
 * a new task at the entry with the System V initial stack: argc, argv,
 * envp, the auxiliary vector (AT_PAGESZ, AT_PHDR, AT_PHNUM, AT_ENTRY,
 * AT_RANDOM). A `#!` script runs its interpreter. On any error nothing of
 * the old image is touched.
 */
#include <pith/elf.h>
#include <pith/machine.h>
#include <pith/shebang.h>
#include <stddef.h>
#include <string.h>

#include "procsrv.h"

#define ARG_MAX 131072
#define SCRIPT_DEPTH 2

enum { AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6,
       AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
       AT_RANDOM = 25, AT_EXECFN = 31 };

/* The new stack is built here, then copied into the process. Like the
 * other large buffers of exec, its pages are mapped as they are first
 * used (table_space, area.h): exec_init. */
#define STACK_BUF_BYTES (ARG_MAX + 4096)
static uint8_t *stack_buf;
static uint64_t random_state = 0x9e3779b97f4a7c15ull;

static uint64_t random64(void)
{
	random_state ^= pith_counter();
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return random_state;
}

static uint64_t page_up(uint64_t x)
{
	return (x + AREA_PAGE - 1) & ~(AREA_PAGE - 1);
}

/* May a process with credentials c run a file of this mode? */
static int may_exec(const struct cred *c, const struct image_file *f)
{
	if ((f->mode & 0170000) != 0100000)
		return -EACCES;   /* not a regular file */
	if (c->euid == 0)
		return (f->mode & 0111) ? 0 : -EACCES;
	unsigned bits = c->euid == f->uid ? 0100 : c->egid == f->gid ? 0010 : 0001;
	return (f->mode & bits) ? 0 : -EACCES;
}

struct newimage {
	struct elf_image elf;
	uint64_t phdr, phnum;
	struct area_map mm;
	uint64_t sp;
	slot_t task, aspace, cspace, ipcbuf;
};

/* The areas of an ELF file at image offset off. */
static int load_areas(struct newimage *n, const struct image_file *f)
{
	uint64_t end = 0;

	for (unsigned i = 0; i < n->elf.nsegments; i++) {
		const struct elf_segment *g = &n->elf.seg[i];
		uint64_t lo = g->vaddr & ~(AREA_PAGE - 1), skip = g->vaddr - lo;
		uint64_t file_hi = page_up(g->vaddr + g->filesz);
		uint64_t hi = page_up(g->vaddr + g->memsz);
		unsigned prot = (g->prot & ELF_R ? AREA_R : 0) |
				(g->prot & ELF_W ? AREA_W : 0) |
				(g->prot & ELF_X ? AREA_X : 0);
		/* The file part (its last page zero past the file), then the
		 * rest of bss as anonymous memory. An area starts at a page:
		 * the bytes before vaddr in its first page are the file's too
		 * (ELF keeps offset and vaddr congruent). */
		if (g->offset < skip)
			return -ENOEXEC;
		int err = 0;
		/* A read-only segment with nothing zero after its file bytes
		 * takes its last page whole from the file, as Linux maps it:
		 * then every page of it can be the image's own. */
		uint64_t fsize = skip + g->filesz;
		if (!(prot & AREA_W) && g->memsz == g->filesz)
			fsize = file_hi - lo;
		if (g->filesz)
			err = area_add(&n->mm, lo, file_hi, prot, AREA_FILE,
				       f->offset + g->offset - skip, fsize);
		uint64_t anon_lo = g->filesz ? file_hi : lo;
		if (!err && hi > anon_lo)
			err = area_add(&n->mm, anon_lo, hi, prot, AREA_ANON, 0, 0);
		if (err)
			return err == -ENOMEM ? -ENOMEM : -ENOEXEC;
		if (hi > end)
			end = hi;
		if (g->offset <= n->phdr && n->phdr - g->offset < g->filesz)
			n->phdr = g->vaddr + (n->phdr - g->offset);  /* now an address */
	}
	n->mm.brk_start = n->mm.brk = end;
	n->mm.mmap_top = PROC_MMAP_TOP;
	return 0;
}

/* Lay out argc, argv, envp and auxv at the top of stack_buf (which stands
 * for [PROC_STACK_TOP - sizeof, PROC_STACK_TOP)): the strings highest,
 * then AT_RANDOM's 16 bytes, then the words from argc up, sp 16-aligned
 * at argc (both ABIs). Returns the bytes used, the initial sp in n->sp;
 * -E2BIG past ARG_MAX. */
static long build_stack(struct newimage *n, const struct proc *p,
			char *const argv[], char *const envp[], const char *path)
{
	const uint64_t top = PROC_STACK_TOP, size = STACK_BUF_BYTES;
	uint64_t argc = 0, envc = 0, strings = strlen(path) + 1;

	while (argv && argv[argc])
		strings += strlen(argv[argc++]) + 1;
	while (envp && envp[envc])
		strings += strlen(envp[envc++]) + 1;
	if (strings + (argc + envc) * 8 > ARG_MAX)
		return -E2BIG;
	uint64_t aux[] = {
		AT_PAGESZ, AREA_PAGE, AT_PHDR, n->phdr, AT_PHENT, 56,
		AT_PHNUM, n->phnum, AT_ENTRY, n->elf.entry,
		AT_UID, p->cred.ruid, AT_EUID, p->cred.euid,
		AT_GID, p->cred.rgid, AT_EGID, p->cred.egid,
		AT_RANDOM, 0, AT_EXECFN, 0,
		PROC_AT_TCB, PROC_IPCBUF_VADDR + offsetof(struct ipc_buffer, user),
		AT_NULL, 0,
	};
	uint64_t str = size - strings;
	uint64_t rnd = (str & ~15ull) - 16;
	uint64_t words = 1 + argc + 1 + envc + 1 + sizeof(aux) / 8;
	uint64_t pos = (rnd - words * 8) & ~15ull;
	uint64_t *w = (uint64_t *)(void *)(stack_buf + pos);
	if (table_need(stack_buf + pos, size - pos))
		return -ENOMEM;
#define UADDR(off) (top - (size - (off)))
	*w++ = argc;
	for (int list = 0; list < 2; list++) {
		char *const *v = list ? envp : argv;
		for (uint64_t i = 0, c = list ? envc : argc; i < c; i++) {
			size_t l = strlen(v[i]) + 1;
			*w++ = UADDR(str);
			memcpy(stack_buf + str, v[i], l);
			str += l;
		}
		*w++ = 0;                  /* the list's NULL */
	}
	memcpy(stack_buf + str, path, strlen(path) + 1);
	aux[19] = UADDR(rnd);
	aux[21] = UADDR(str);
	memcpy(w, aux, sizeof(aux));
	uint64_t r[2] = { random64(), random64() };
	memcpy(stack_buf + rnd, r, 16);
#undef UADDR
	n->sp = top - (size - pos);
	return (long)(size - pos);
}

/* Kernel objects of the new image, charged to the process's pool. */
static int make_objects(struct newimage *n, struct proc *p)
{
	n->task = slot_get();
	n->aspace = slot_get();
	n->cspace = slot_get();
	n->ipcbuf = slot_get();
	if (!n->task || !n->aspace || !n->cspace || !n->ipcbuf ||
	    sys_obj_create(p->pool, CAP_TASK, n->task, 0) ||
	    sys_obj_create(p->pool, CAP_ASPACE, n->aspace, 0) ||
	    sys_obj_create(p->pool, CAP_CSPACE, n->cspace, CSPACE_SMALL) ||
	    sys_obj_create(p->pool, CAP_FRAME, n->ipcbuf, 1) ||
	    sys_map(n->aspace, n->ipcbuf, PROC_IPCBUF_VADDR, RIGHT_READ | RIGHT_WRITE))
		return -ENOMEM;
	return 0;
}

static void drop_objects(struct newimage *n)
{
	slot_put(n->task);
	slot_put(n->aspace);
	slot_put(n->cspace);
	slot_put(n->ipcbuf);
}

/* The new image's stack pages, written. */
static int write_stack(struct newimage *n, struct proc *p, long bytes)
{
	uint64_t lo = (PROC_STACK_TOP - (uint64_t)bytes) & ~(AREA_PAGE - 1);
	uint64_t limit = p->rlim[RLIM_STACK].cur;

	if (limit == RLIM_INFINITY || limit > PROC_STACK_TOP / 4)
		limit = PROC_STACK_TOP / 4;
	if (PROC_STACK_TOP - lo > limit)
		return -E2BIG;
	int err = area_add(&n->mm, lo, PROC_STACK_TOP, AREA_R | AREA_W, AREA_STACK, 0, 0);
	if (err)
		return -ENOMEM;
	n->mm.stack_top = PROC_STACK_TOP;
	n->mm.stack_limit = PROC_STACK_TOP - (limit & ~(AREA_PAGE - 1));
	for (uint64_t a = lo; a < PROC_STACK_TOP; a += AREA_PAGE)
		if (sys_map_zero(n->aspace, a, RIGHT_READ | RIGHT_WRITE, ROOT_SLOT_POOL))
			return -ENOMEM;
	p->pages += (PROC_STACK_TOP - lo) / AREA_PAGE;
	if (sys_vm_copy(0, (uint64_t)(uintptr_t)(stack_buf + STACK_BUF_BYTES - bytes),
			n->aspace, PROC_STACK_TOP - (uint64_t)bytes, (uint64_t)bytes))
		return -ENOMEM;
	return 0;
}

/* The capabilities a process starts with, and its endpoints. */
static int equip(struct newimage *n, struct proc *p)
{
	uint32_t tid = (uint32_t)p->pid;
	slot_t f = slot_get(), s = slot_get();
	int err = -ENOMEM;

	if (f && s &&
	    !sys_cap_mint(srv_ep, n->cspace, PROC_SLOT_PROCSRV, RIGHT_WRITE,
			  BADGE(BADGE_CALL, tid)) &&
	    !tty_console_mint(n->cspace) &&
	    !time_thread_caps(p, n->cspace, &thread_main(p)->sig.timer) &&
	    !fs_mint(n->cspace, p->pid) &&
	    !sys_cap_mint(srv_ep, 0, f, RIGHT_WRITE, BADGE(BADGE_FAULT, tid)) &&
	    !sys_cap_mint(srv_ep, 0, s, RIGHT_WRITE, BADGE(BADGE_SCHED, tid)) &&
	    !sys_task_configure(n->task, n->aspace, n->cspace, n->ipcbuf,
				PROC_IPCBUF_VADDR) &&
	    !sys_task_set_ep(n->task, f, s))
		err = 0;
	if (!err)   /* exec keeps the policy: the new task gets it */
		sched_apply_task(p, n->task);
	slot_put(f);
	slot_put(s);
	return err;
}

/* Start the new image's task at its entry, its thread pointer at the
 * TCB in its IPC buffer page (proto/procsrv.h): set while the task is
 * held, since starting it clears its registers. */
static int start(struct newimage *n)
{
	struct user_regs regs;
	uint64_t tp = tcb_init(n->aspace, PROC_IPCBUF_VADDR);

	if (!tp || sys_task_suspend(n->task) ||
	    sys_task_start(n->task, n->elf.entry, n->sp, 0) ||
	    sys_task_get_regs(n->task, &regs))
		return -EIO;
	regs.tls = tp;
	if (sys_task_set_regs(n->task, &regs) || sys_task_resume(n->task))
		return -EIO;
	return 0;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

static int exec_depth(struct proc *p, const char *path, char *const argv[],
		      char *const envp[], int depth);

/* argv of a script's interpreter, one per level of nesting. */
typedef char *script_args[EXEC_ARGV_MAX + 4];
static script_args *script_argv;   /* [SCRIPT_DEPTH] */

static int exec_script(struct proc *p, const struct image_file *f,
		       const char *path, char *const argv[], char *const envp[],
		       int depth)
{
	char line[PITH_SHEBANG_MAX], *interp, *arg;
	uint64_t argc = 0;

	if (depth >= SCRIPT_DEPTH)
		return -ELOOP;
	int err = pith_shebang((const char *)f->data, f->size, line, &interp, &arg);
	if (err)
		return err;
	while (argv && argv[argc])
		argc++;
	if (argc > EXEC_ARGV_MAX)
		return -E2BIG;
	/* interp [arg] path argv[1..] */
	char **nargv = script_argv[depth];
	unsigned k = 0;
	if (table_need(nargv, (argc + 4) * sizeof(*nargv)))
		return -ENOMEM;
	nargv[k++] = interp;
	if (arg)
		nargv[k++] = arg;
	nargv[k++] = (char *)path;
	for (uint64_t i = 1; i < argc; i++)
		nargv[k++] = argv[i];
	nargv[k] = NULL;
	return exec_depth(p, interp, nargv, envp, depth + 1);
}

/* Kill every thread's task and release the old image's objects. */
static void drop_image(struct proc *p)
{
	for (struct thread *t = p->threads; t; t = t->next)
		thread_drop(t);
	slot_put(p->aspace);
	slot_put(p->cspace);
	p->aspace = p->cspace = 0;
	area_clear(&p->mm);
	p->pages = 0;
}

static int exec_depth(struct proc *p, const char *path, char *const argv[],
		      char *const envp[], int depth)
{
	struct image_file f;
	struct newimage n = { 0 };
	int err = image_find(path, &f);

	if (err)
		return err;
	if ((err = may_exec(&p->cred, &f)))
		return err;
	if (f.size >= 2 && f.data[0] == '#' && f.data[1] == '!')
		return exec_script(p, &f, path, argv, envp, depth);
	if (elf_parse(f.data, f.size, ARCH_ELF_MACHINE_USER, PROC_MMAP_TOP, &n.elf))
		return -ENOEXEC;
	memcpy(&n.phdr, f.data + 32, 8);           /* e_phoff */
	n.phnum = (uint64_t)f.data[56] | (uint64_t)f.data[57] << 8;
	if ((err = load_areas(&n, &f)))
		goto fail;
	long bytes = build_stack(&n, p, argv, envp, path);
	if (bytes < 0) {
		err = (int)bytes;
		goto fail;
	}
	uint64_t old_pages = p->pages;
	if ((err = make_objects(&n, p)) || (err = write_stack(&n, p, bytes)) ||
	    (err = equip(&n, p))) {
		p->pages = old_pages;
		goto fail;
	}
	/* The point of no return: the old image goes. */
	p->pages -= old_pages;
	uint64_t kept = p->pages;
	drop_image(p);
	p->pages = kept;
	p->mm = n.mm;
	p->aspace = n.aspace;
	p->cspace = n.cspace;
	slot_put(n.ipcbuf);            /* the mapping holds it */
	threads_exec(p);               /* every thread but the main one goes */
	p->threads->task = n.task;
	sig_exec(p);                   /* handlers to default; mask kept */
	strncpy(p->comm, base_name(path), PROC_COMM - 1);
	cred_exec_setid(&p->cred, f.mode & 04000, f.uid, f.mode & 02000, f.gid);
	fs_link_exec(p);               /* before the new image can call fs */
	if (start(&n))
		return -EIO;   /* cannot happen: a fresh, configured task */
	return 0;
fail:
	area_clear(&n.mm);
	drop_objects(&n);
	return err;
}

int exec_image(struct proc *p, const char *path, char *const argv[],
	       char *const envp[])
{
	return exec_depth(p, path, argv, envp, 0);
}

/* ---- execve from a process ------------------------------------------------- */

#define PATH_MAX_L 4096

static char exec_path[PATH_MAX_L];
static char *exec_strings;               /* [ARG_MAX] */
static char **exec_argv, **exec_envp;     /* [EXEC_ARGV_MAX + 1] */

void exec_init(void)
{
	stack_buf = table_space(STACK_BUF_BYTES);
	script_argv = table_space(SCRIPT_DEPTH * sizeof(script_args));
	exec_strings = table_space(ARG_MAX);
	exec_argv = table_space((EXEC_ARGV_MAX + 1) * sizeof(char *));
	exec_envp = table_space((EXEC_ARGV_MAX + 1) * sizeof(char *));
}

/* A NULL-terminated array of strings from the caller's memory into
 * v (strings in exec_strings from *used on). -E2BIG, -EFAULT. */
static int read_vector(struct proc *p, uint64_t uv, char **v, size_t *used)
{
	uint64_t i = 0;

	if (table_need(v, sizeof(*v)))
		return -ENOMEM;
	if (!uv) {
		v[0] = NULL;
		return 0;
	}
	for (;; i++) {
		uint64_t s;
		if (i == EXEC_ARGV_MAX)
			return -E2BIG;
		if (table_need(&v[i], sizeof(*v)))
			return -ENOMEM;
		if (user_read(p, uv + i * 8, &s, 8))
			return -EFAULT;
		if (!s)
			break;
		long n = user_string(p, s, exec_strings + *used, ARG_MAX - *used);
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return (int)n;
		v[i] = exec_strings + *used;
		*used += (size_t)n + 1;
	}
	v[i] = NULL;
	return 0;
}

void do_execve(struct req *r)
{
	struct proc *p = r->p;
	size_t used = 0;
	long n = user_string(p, r->m.w[0], exec_path, sizeof(exec_path));
	int err = n < 0 ? (int)n : 0;

	if (!err && n == 0)
		err = -ENOENT;
	if (!err)
		sig_exec_prepare(r->t);   /* the mask libc keeps */
	if (!err)
		err = read_vector(p, r->m.w[1], exec_argv, &used);
	if (!err)
		err = read_vector(p, r->m.w[2], exec_envp, &used);
	if (!err)
		err = exec_image(p, exec_path, exec_argv, exec_envp);
	if (err) {
		r->w[0] = (uint64_t)(int64_t)err;
		return;
	}
	/* The caller's image is gone, and with it the call. */
	r->reply = false;
	p->execed = true;
	vfork_release(p);
	timers_cpu_check(p);   /* exec keeps timers: on the new task too */
}
