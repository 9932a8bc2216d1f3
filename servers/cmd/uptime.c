/*
 * uptime [-n]: how long the system has been up, and how much of that the
 * CPU was busy and idle (the kernel's idle time, SYS_CLOCK_INFO). -n
 * prints the three figures in nanoseconds on one line, for scripts: the
 * boot benchmark runs it under QEMU -icount shift=0, where busy time in
 * nanoseconds is the number of instructions executed since boot.
 */
#include <pith/clock.h>
#include <pith/syscall.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int raw = argc == 2 && strcmp(argv[1], "-n") == 0;
	struct clock_info ci;

	if (argc > 2 || (argc == 2 && !raw)) {
		fprintf(stderr, "usage: uptime [-n]\n");
		return 2;
	}
	if (sys_clock_info(&ci) < 0) {
		perror("uptime");
		return 1;
	}
	unsigned long long up = pith_clock_ns(), idle = ci.idle_ns;
	unsigned long long busy = up > idle ? up - idle : 0;
	if (raw)
		printf("up %llu busy %llu idle %llu\n", up, busy, idle);
	else
		printf("up %llu.%03llu s, busy %llu.%03llu s, idle %llu.%03llu s\n",
		       up / 1000000000, up / 1000000 % 1000,
		       busy / 1000000000, busy / 1000000 % 1000,
		       idle / 1000000000, idle / 1000000 % 1000);
	return 0;
}
