/* The compile test's main: the usual shape of a POSIX program. */
#include <stdio.h>
#include <stdlib.h>

#include "compile.h"

int main(int argc, char **argv)
{
	int r = processes(argc, argv);

	r |= files(argc > 1 ? argv[1] : "/etc/pith-release");
	r |= utilities(argc > 2 ? argv[2] : "42 apples");
	r |= terminal();
	if (fflush(stdout) == EOF)
		return EXIT_FAILURE;
	return r ? EXIT_FAILURE : EXIT_SUCCESS;
}
