/*
 * echo [-n] [string...]: the strings separated by blanks, then a newline
 * unless -n. No escapes (POSIX leaves them to XSI; use printf-like
 * programs for those). Exits 1 if the output cannot be written.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i = 1, newline = 1;

	(void)argc;
	if (argv[1] && !strcmp(argv[1], "-n")) {
		newline = 0;
		i++;
	}
	for (int first = 1; argv[i]; i++, first = 0) {
		if (!first)
			putchar(' ');
		fputs(argv[i], stdout);
	}
	if (newline)
		putchar('\n');
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
