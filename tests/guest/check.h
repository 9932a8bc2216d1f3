/*
 * What the user-mode guest test programs (utest, usched, hostile) share:
 * the CHECK macro, which reports the failed condition with its place and
 * fails the test, and the loop that runs a table of tests and prints
 * "TEST <name> PASS|FAIL" lines and "N passed, N failed", the lines
 * tests/guest/run-qemu.cmake judges.
 */
#ifndef GUEST_CHECK_H
#define GUEST_CHECK_H

#include <stdbool.h>
#include <stdio.h>

#define CHECK(c)                                                           \
	do {                                                               \
		if (!(c)) {                                                \
			printf("  check failed: %s (%s:%d)\n", #c, __FILE__, \
			       __LINE__);                                  \
			return false;                                      \
		}                                                          \
	} while (0)

struct guest_test {
	const char *name;
	bool (*fn)(void);
};

/* Run the tests in order; after a failed one, call cleanup (if any).
 * Returns the exit status: 0 when all passed. */
static inline int guest_run_tests(const struct guest_test *t, unsigned n,
				  void (*cleanup)(void))
{
	unsigned passed = 0, failed = 0;

	for (unsigned i = 0; i < n; i++) {
		bool ok = t[i].fn();
		if (!ok && cleanup)
			cleanup();
		printf("TEST %s %s\n", t[i].name, ok ? "PASS" : "FAIL");
		ok ? passed++ : failed++;
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed == 0 && passed > 0 ? 0 : 1;
}

#define GUEST_TESTS(table) (table), sizeof(table) / sizeof((table)[0])

#endif
