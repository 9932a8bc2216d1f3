/*
 * uname [-asnrvm]: the system's name (Pith), the node name, the release
 * (Pith's version), the version (the build) and the machine (riscv64 or
 * x86_64; fixed when this program is built for one arch: PITH_MACHINE
 * and PITH_RELEASE come from the build, see CMakeLists.txt). No option
 * is -s; -a is all of them in that order.
 */
#include <stdio.h>
#include <string.h>

#ifndef PITH_MACHINE
#error "PITH_MACHINE must be given by the build"
#endif

enum { S = 1, N = 2, R = 4, V = 8, M = 16 };

int main(int argc, char **argv)
{
	static const char *const fields[] = { "Pith", "pith", PITH_RELEASE,
					      "#1", PITH_MACHINE };
	unsigned want = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !a[1])
			goto usage;
		for (a++; *a; a++) {
			switch (*a) {
			case 'a': want |= S | N | R | V | M; break;
			case 's': want |= S; break;
			case 'n': want |= N; break;
			case 'r': want |= R; break;
			case 'v': want |= V; break;
			case 'm': want |= M; break;
			default: goto usage;
			}
		}
	}
	if (!want)
		want = S;
	for (int i = 0, first = 1; i < 5; i++) {
		if (!(want & (1u << i)))
			continue;
		printf("%s%s", first ? "" : " ", fields[i]);
		first = 0;
	}
	putchar('\n');
	return 0;
usage:
	fprintf(stderr, "usage: uname [-asnrvm]\n");
	return 2;
}
