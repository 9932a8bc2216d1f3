/*
 * halt: switch the machine off (as poweroff: there is nothing to halt
 * into under QEMU). Root only; any argument is a usage error. The
 * process server ends the system (PROC_POWEROFF); processes get no
 * warning and nothing is synced (nothing needs it: /tmp is in RAM).
 */
#include <errno.h>
#include <pith/procinfo.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: halt\n");
		return 2;
	}
	fflush(stdout);
	pith_poweroff();
	fprintf(stderr, "halt: %s\n", strerror(errno));
	return 1;
}
