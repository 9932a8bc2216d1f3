/* Signal sets (<signal.h>): one 64-bit word, bit n-1 for signal n.
 * Numbers outside 1..64 are EINVAL. */
#include <errno.h>
#include <signal.h>

static int bad(int sig)
{
	if (sig < 1 || sig > SIGRTMAX) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

static unsigned long long bit(int sig)
{
	return 1ull << (sig - 1);
}

int sigemptyset(sigset_t *set)
{
	set->__bits = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	set->__bits = ~0ull;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	set->__bits |= bit(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	set->__bits &= ~bit(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	return (set->__bits & bit(sig)) != 0;
}

int sigisemptyset(const sigset_t *set)
{
	return set->__bits == 0;
}

int sigorset(sigset_t *dst, const sigset_t *a, const sigset_t *b)
{
	dst->__bits = a->__bits | b->__bits;
	return 0;
}

int sigandset(sigset_t *dst, const sigset_t *a, const sigset_t *b)
{
	dst->__bits = a->__bits & b->__bits;
	return 0;
}
