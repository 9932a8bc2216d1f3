/*
 * The C half of a process's entry (_start_process in
 * libc/arch/<arch>/crt0.S): the System V initial stack holds argc, the
 * argv pointers and a NULL, the envp pointers and a NULL, then the
 * auxiliary vector. environ is set from envp, then exit(main(...)).
 */
#include <pith/syscall.h>
#include <proto/procsrv.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

int main(int argc, char **argv, char **envp);
_Noreturn void __pith_start_process(long *sp);

_Noreturn void __pith_start_process(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **e = envp;

	while (*e)
		e++;
	/* Started by procsrv (its TCB in the auxiliary vector): per-thread
	 * errno, _exit as exit_group. */
	for (long *aux = (long *)(e + 1); aux[0] != 0; aux += 2)
		if (aux[0] == PROC_AT_TCB)
			__pith_process_init();
	environ = envp;
	pith_console_slot = PROC_SLOT_CONSOLE;   /* a process's own slot */
	exit(main(argc, argv, envp));
}
