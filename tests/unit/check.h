/*
 * A minimal host test framework. CHECK(cond) records a failure with its
 * file:line and carries on, so one run reports every broken behaviour, not
 * just the first. check_summary() prints the tally and returns the exit
 * status: nonzero when any check failed or when no check ran at all (a
 * test that checks nothing cannot fail, which is a defect of its own).
 */
#ifndef PITH_TEST_CHECK_H
#define PITH_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

extern int check_run, check_failed;

#define CHECK(cond)                                                       \
	do {                                                              \
		check_run++;                                              \
		if (!(cond)) {                                            \
			check_failed++;                                   \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",      \
				__FILE__, __LINE__, #cond);               \
		}                                                         \
	} while (0)

/* Compare two strings and show both on failure. */
#define CHECK_STR(got, want)                                              \
	do {                                                              \
		const char *got_ = (got), *want_ = (want);                \
		check_run++;                                              \
		if (strcmp(got_, want_) != 0) {                           \
			check_failed++;                                   \
			fprintf(stderr, "%s:%d: CHECK_STR failed: %s: "   \
				"got \"%s\", want \"%s\"\n", __FILE__,    \
				__LINE__, #got, got_, want_);             \
		}                                                         \
	} while (0)

/* Compare two integers (as long long) and show both on failure. */
#define CHECK_EQ(got, want)                                               \
	do {                                                              \
		long long got_ = (long long)(got), want_ = (long long)(want); \
		check_run++;                                              \
		if (got_ != want_) {                                      \
			check_failed++;                                   \
			fprintf(stderr, "%s:%d: CHECK_EQ failed: %s: "    \
				"got %lld (%#llx), want %lld (%#llx)\n",  \
				__FILE__, __LINE__, #got, got_,           \
				(unsigned long long)got_, want_,          \
				(unsigned long long)want_);               \
		}                                                         \
	} while (0)

/* Print the tally; the exit status for main(). */
int check_summary(const char *suite);

#endif
