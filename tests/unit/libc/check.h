/*
 * The libc unit tests' CHECK, reporting through libc's own stdio (the
 * test is compiled against libc's headers, names.h renaming): a failed
 * check prints its place and counts; libc_check_done() ends the test.
 */
#ifndef PITH_LIBC_CHECK_H
#define PITH_LIBC_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int check_failures, check_count;

#define CHECK(c)                                                             \
	do {                                                                 \
		check_count++;                                               \
		if (!(c)) {                                                  \
			check_failures++;                                    \
			fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__,        \
				__LINE__, #c);                               \
		}                                                            \
	} while (0)

#define CHECK_STR(a, b)                                                      \
	do {                                                                 \
		const char *a_ = (a), *b_ = (b);                             \
		check_count++;                                               \
		if (!a_ || !b_ || strcmp(a_, b_)) {                          \
			check_failures++;                                    \
			fprintf(stderr, "FAIL %s:%d: %s is \"%s\", not \"%s\"\n", \
				__FILE__, __LINE__, #a, a_ ? a_ : "(null)",  \
				b_ ? b_ : "(null)");                         \
		}                                                            \
	} while (0)

static inline int check_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
	return check_failures ? 1 : 0;
}

#endif
