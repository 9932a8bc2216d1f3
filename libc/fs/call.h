/*
 * libc's client side of the file server's protocol (proto/fs.h): one
 * call on PROC_SLOT_FS, the answer's words, and the touch that makes a
 * buffer's pages present before fs copies into or out of them. Shared by
 * the files of libc/fs only.
 */
#ifndef PITH_LIBC_FS_CALL_H
#define PITH_LIBC_FS_CALL_H

#include <proto/fs.h>

#include "../proc/call.h"

/* Call fs with op and three words (len words: more from the calling
 * thread's IPC buffer). Returns w0: >= 0 or -errno; -ENOSYS when there
 * is no file server to call (a root task, or an image without fs). */
static inline long __pith_fs_call(uint64_t op, unsigned len, uint64_t a,
				  uint64_t b, uint64_t c, struct msg *m)
{
	struct msg local;

	if (!__pith_in_process)
		return -ENOSYS;
	if (!m)
		m = &local;
	if (pith_ipc(SYS_CALL, PROC_SLOT_FS, MSG_INFO(op, len, 0), a, b, c, m))
		return -ENOSYS;
	return (long)m->w[0];
}

/* fs copies with SYS_VM_COPY, which reaches only pages present (and,
 * to write, writable: not copy-on-write). Touching a page first makes
 * the pager put it there, as the program's own access would. A bad
 * address faults here, in the caller, as it would in a libc that copied
 * the data itself. */
void __pith_fs_touch(const void *buf, size_t n, int write);

/* The inline data words of the calling thread's IPC buffer. */
static inline void *__pith_fs_inline(void)
{
	return &__pith_proc_ipcbuf()->mr[FS_DATA_WORD];
}

/* Job control's stop of the caller's own group by sig (SIGTTIN,
 * SIGTTOU): 1 when sig is ignored or blocked (not sent: the caller
 * decides), else sent (the group stops until continued) and 0 to go on,
 * or -1 with EINTR when a handler without SA_RESTART ran. tty.c. */
int __pith_job_signal(int sig);

/* The length of a path, for (pointer, length) calls. */
size_t __pith_fs_pathlen(const char *path);

#endif
