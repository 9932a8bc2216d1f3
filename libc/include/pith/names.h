/*
 * Servers and their clients under the process server: a name service
 * (PROC_SERVE, PROC_CONNECT, PROC_UNSERVE; docs/proto-procsrv.md, "Names",
 * and docs/writing-a-server.md).
 *
 * A name is 1..PITH_NAME_MAX printable ASCII bytes without blanks.
 * Capabilities are given in the calling thread's own capability space
 * (every thread has one): another thread of the process must connect
 * (or serve) itself. fork and exec give a process a fresh space: a
 * child connects again.
 *
 * pith_serve: the calling thread becomes the server of name; *ep is a
 * capability to receive on (sys_recv, sys_reply_recv). Every message
 * arrives with the badge of the client's capability: the client's pid,
 * set by procsrv, never by the client. The name is freed when the
 * thread ends or execs, or by pith_unserve. EEXIST (served already),
 * EINVAL (a bad name), EFAULT, ENOMEM (procsrv's table or the process's
 * kernel memory is full), EMFILE (the thread's capability space is full).
 *
 * pith_connect: *ep is a new capability to call the server of name with
 * (sys_call; a server that died fails a call in progress with EPIPE, and
 * its capabilities are then gone: later calls fail with EBADF). ENOENT
 * (nobody serves the name), EINVAL, EFAULT, EMFILE.
 *
 * pith_unserve: the name is free for another server; calls through
 * capabilities already given still reach this one. ENOENT, EPERM (another
 * process serves it), EINVAL, EFAULT.
 *
 * pith_disconnect: empties slot ep of the calling thread's space (a
 * capability pith_connect or pith_serve gave), so a later call reuses it.
 * EBADF for an empty slot or one below PITH_SLOT_FIRST (procsrv's, fs's).
 *
 * pith_ipcbuf: the calling thread's IPC buffer, where words 3.. of long
 * messages travel (mr[3..]).
 *
 * Each returns 0 or -1 and errno.
 */
#ifndef PITH_NAMES_H
#define PITH_NAMES_H

#include <pith/syscall.h>

#define PITH_NAME_MAX   31      /* PROC_NAME_MAX */
#define PITH_SLOT_FIRST 8       /* PROC_SLOT_FIRST_FREE */

int pith_serve(const char *name, slot_t *ep);
int pith_connect(const char *name, slot_t *ep);
int pith_unserve(const char *name);
int pith_disconnect(slot_t ep);
struct ipc_buffer *pith_ipcbuf(void);

#endif
