/*
 * errno's home. Every access goes through __errno_location(), so when
 * threads exist this becomes a lookup in the calling thread's TLS block
 * without any caller changing; for now a process has one thread and one
 * errno.
 */
#include <errno.h>

static int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}
