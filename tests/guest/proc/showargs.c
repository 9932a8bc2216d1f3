/*
 * A program exec'd by proctest: its exit status tells what it was given.
 * argc + 100 when FOO=bar is in its environment; for a `#!` script run
 * through it (argv[1] == "-s", argv[2] the script), 60 + argc instead.
 * With argv[1] == "-p": 20 + its nice value, + 100 if it is SCHED_RR 7
 * (what exec kept).
 */
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

int main(int argc, char **argv, char **envp)
{
	const char *foo = getenv("FOO");

	(void)envp;
	if (argc >= 3 && !strcmp(argv[1], "-s")) {
		size_t n = strlen(argv[2]);
		return n >= 9 && !strcmp(argv[2] + n - 9, "script.sh") ? 60 + argc : 1;
	}
	if (argc == 2 && !strcmp(argv[1], "-p")) {
		struct sched_param sp = { 0 };
		bool rr = sched_getscheduler(0) == SCHED_RR &&
			  sched_getparam(0, &sp) == 0 && sp.sched_priority == 7;
		return 20 + getpriority(PRIO_PROCESS, 0) + (rr ? 100 : 0);
	}
	if (argc < 1 || strcmp(argv[0], "showargs") || (argc > 1 && strcmp(argv[1], "a")))
		return 2;
	return argc + (foo && !strcmp(foo, "bar") ? 100 : 0);
}
