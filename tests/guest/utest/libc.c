/*
 * utest's libc tests, on the machine: malloc over the root-task heap
 * (frames from our pool), setjmp/longjmp (every callee-saved register
 * kept, jmpregs.S; jumps out of nested calls), printf/sscanf/strtod
 * round trips, errno from a server call that does not exist yet, and a
 * POSIX process (posixchild.c) started with argv and envp on a System V
 * stack, which reports what its crt0 handed it and its atexit order.
 */
#include <errno.h>
#include <pith/heap.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jmpregs.h"
#include "posixchild.h"
#include "utest.h"

bool test_libc_malloc_root_heap(void)
{
	static unsigned char *blocks[64];
	static size_t sizes[64];
	unsigned seed = 1;

	CHECK(pith_heap_init_root(POOL, ROOT_SLOT_ASPACE, new_slot(),
				  PITH_ROOT_HEAP_BASE, PITH_ROOT_HEAP_SIZE) == 0);
	for (int round = 0; round < 2000; round++) {
		int i = rand_r(&seed) % 64;
		if (blocks[i]) {
			for (size_t k = 0; k < sizes[i]; k += 97)
				CHECK(blocks[i][k] == (unsigned char)(i + k));
			free(blocks[i]);
			blocks[i] = NULL;
			continue;
		}
		sizes[i] = (size_t)(rand_r(&seed) % 4 ? rand_r(&seed) % 2000
						      : rand_r(&seed) % 300000);
		blocks[i] = malloc(sizes[i]);
		CHECK(blocks[i] != NULL && ((uintptr_t)blocks[i] & 15) == 0);
		CHECK((uint64_t)(uintptr_t)blocks[i] >= PITH_ROOT_HEAP_BASE);
		for (size_t k = 0; k < sizes[i]; k += 97)
			blocks[i][k] = (unsigned char)(i + k);
	}
	for (int i = 0; i < 64; i++)
		free(blocks[i]);
	char *s = strdup("on the heap");
	CHECK(s && strcmp(s, "on the heap") == 0);
	s = realloc(s, 100000);
	CHECK(s && strcmp(s, "on the heap") == 0);
	free(s);
	return true;
}

static jmp_buf env;
static int depth;

static void nested(int n)
{
	depth = n;
	if (n == 3)
		longjmp(env, 0);        /* 0 arrives as 1 */
	nested(n + 1);
}

bool test_libc_setjmp_longjmp(void)
{
	static jmp_buf regs_env;
	volatile int passes = 0;

	CHECK(jmpregs_test(regs_env) == 0);
	int r = setjmp(env);
	passes++;
	if (r == 0)
		nested(0);
	CHECK(r == 1 && depth == 3 && passes == 2);

	sigjmp_buf senv;
	r = sigsetjmp(senv, 1);
	if (r == 0)
		siglongjmp(senv, 42);
	CHECK(r == 42);
	return true;
}

bool test_libc_printf_scanf_strtod(void)
{
	char buf[128];
	static const double values[] = {
		0.1, -2.5e-3, 3.141592653589793, 1e300, 4.9406564584124654e-324,
		123456789.125, -0.0, 6.02214076e23,
	};

	for (unsigned i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		double back, scanned;
		snprintf(buf, sizeof(buf), "%.17g", values[i]);
		back = strtod(buf, NULL);
		CHECK(memcmp(&back, &values[i], sizeof(back)) == 0);
		CHECK(sscanf(buf, "%lf", &scanned) == 1);
		CHECK(memcmp(&scanned, &values[i], sizeof(back)) == 0);
	}
	int a;
	long long b;
	char word[16];
	snprintf(buf, sizeof(buf), "%d %lld %s", -77, -1234567890123ll, "pith");
	CHECK(sscanf(buf, "%d %lld %15s", &a, &b, word) == 3);
	CHECK(a == -77 && b == -1234567890123ll && strcmp(word, "pith") == 0);
	CHECK(strtol("-0x7f", NULL, 0) == -127);
	return true;
}

bool test_libc_errno_from_stubs(void)
{
	errno = 0;
	CHECK(fork() == -1 && errno == ENOSYS);   /* a root task has no procsrv */
	errno = 0;
	CHECK(waitpid(-1, NULL, 0) == -1 && errno == ENOSYS);
	errno = 0;
	CHECK(fopen("/etc/pith-release", "r") == NULL && errno == ENOSYS);
	errno = 0;
	CHECK(sigaction(SIGINT, NULL, NULL) == -1 && errno == ENOSYS);
	errno = 0;
	CHECK(write(7, "x", 1) == -1 && errno == ENOSYS);
	CHECK(write(1, "", 0) == 0);
	CHECK(sysconf(_SC_PAGESIZE) == 4096);
	return true;
}

/* posixchild reports on its slot 1 (our endpoint) from its last atexit
 * handler (posixchild.h). */
bool test_libc_posix_process_start(void)
{
	slot_t ep = new_slot();
	struct spawn s = {
		.pool = POOL, .self_aspace = ROOT_SLOT_ASPACE, .window = WINDOW,
	};
	char *const argv[] = { "posixchild", "one", "two words", NULL };
	char *const envp[] = { "PITH_TEST=yes", "HOME=/", NULL };
	struct msg m;

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	s.elf = image_file("bin/posixchild", &s.elf_size);
	CHECK(s.elf != NULL);
	s.first_slot = new_slot();
	for (int i = 0; i < 4; i++)
		new_slot();
	CHECK(pith_spawn_process(&s, argv, envp) == 0);
	CHECK(s.sp < SPAWN_STACK_TOP && (s.sp & 15) == 0);
	CHECK(sys_cap_copy(ep, s.cspace, 1) == 0);
	CHECK(sys_cap_copy(CON, s.cspace, ROOT_SLOT_CONSOLE) == 0);
	CHECK(sys_task_start(s.task, s.entry, s.sp, 0) == 0);
	CHECK(sys_recv(ep, &m) == 0);
	CHECK(MSG_LABEL(m.info) == POSIXCHILD_REPORT);
	if (m.w[0] != POSIXCHILD_ALL_OK)
		printf("  posixchild checks: %#llx of %#x\n",
		       (unsigned long long)m.w[0], POSIXCHILD_ALL_OK);
	CHECK(m.w[0] == POSIXCHILD_ALL_OK);
	CHECK(m.w[1] == 321);                /* atexit handlers, reversed */
	CHECK(wait_dead(s.task));
	sys_cap_delete(s.task);
	sys_cap_delete(s.aspace);
	sys_cap_delete(s.cspace);
	sys_cap_delete(s.ipcbuf);
	sys_cap_delete(ep);
	return true;
}
