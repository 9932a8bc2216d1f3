/*
 * The CHECK macro of the user-mode guest test programs (utest, usched):
 * report the failed condition with its place and fail the test.
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

#endif
