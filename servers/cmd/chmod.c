/*
 * chmod mode file...: set each file's permission bits. mode is octal
 * (0755) or symbolic, [ugoa]*[+-=][rwxst]* (several clauses separated by
 * commas: u+x,go-w); no who means a (all), less the umask as POSIX says
 * for + and =. Each failure is reported and makes the status 1; a bad
 * mode or a missing operand is a usage error (2).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The new mode from old for the symbolic clauses in s, or -1. */
static long symbolic(const char *s, mode_t old, mode_t mask)
{
	mode_t mode = old & 07777;

	for (;;) {
		mode_t who = 0;
		for (; strchr("ugoa", *s) && *s; s++)
			who |= *s == 'u' ? 04700 : *s == 'g' ? 02070 :
			       *s == 'o' ? 01007 : 07777;
		char op = *s++;
		if (op != '+' && op != '-' && op != '=')
			return -1;
		mode_t bits = 0;
		for (; *s && strchr("rwxst", *s); s++)
			bits |= *s == 'r' ? 0444 : *s == 'w' ? 0222 :
				*s == 'x' ? 0111 : *s == 's' ? 06000 : 01000;
		mode_t apply = who ? who : (07777 & ~mask);
		bits &= apply;
		if (op == '+')
			mode |= bits;
		else if (op == '-')
			mode &= ~bits;
		else
			mode = (mode & ~(who ? who : 07777)) | bits;
		if (*s == '\0')
			return mode;
		if (*s++ != ',')
			return -1;
	}
}

static long octal(const char *s)
{
	long m = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '7' || m > 07777)
			return -1;
		m = m * 8 + (*s - '0');
	}
	return m > 07777 ? -1 : m;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: chmod mode file...\n");
		return 2;
	}
	mode_t mask = umask(0);
	umask(mask);
	int is_octal = argv[1][0] >= '0' && argv[1][0] <= '7';
	if ((is_octal ? octal(argv[1]) : symbolic(argv[1], 0, mask)) < 0) {
		fprintf(stderr, "chmod: bad mode '%s'\nusage: chmod mode file...\n",
			argv[1]);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		struct stat st;
		long mode;
		if (is_octal)
			mode = octal(argv[1]);
		else if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			status = 1;
			continue;
		} else
			mode = symbolic(argv[1], st.st_mode, mask);
		if (chmod(argv[i], (mode_t)mode) < 0) {
			fprintf(stderr, "chmod: %s: ", argv[i]);
			perror(NULL);
			status = 1;
		}
	}
	return status;
}
