/*
 * halt, poweroff: switch the machine off (the image packs this program
 * under both names; under QEMU there is nothing to halt into, so both
 * power off). Root only; any argument is a usage error. The process
 * server ends the system (PROC_POWEROFF); processes get no warning and
 * nothing is synced (nothing needs it: /tmp is in RAM).
 */
#include <errno.h>
#include <pith/procinfo.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *name = argv[0] ? strrchr(argv[0], '/') : NULL;

	name = name ? name + 1 : argv[0] ? argv[0] : "halt";
	if (argc > 1) {
		fprintf(stderr, "usage: %s\n", name);
		return 2;
	}
	fflush(stdout);
	pith_poweroff();
	fprintf(stderr, "%s: %s\n", name, strerror(errno));
	return 1;
}
