/*
 * Pseudo-random numbers (<stdlib.h>): rand, srand, rand_r, random,
 * srandom. One 64-bit linear congruential step (Knuth's MMIX constants),
 * returning the high 31 bits, which are the good ones; rand_r keeps its
 * state in the caller's 32-bit seed, so it steps a 32-bit generator.
 */
#include <stdlib.h>

static unsigned long long state = 1;

void srand(unsigned seed)
{
	state = seed;
}

int rand(void)
{
	state = state * 6364136223846793005ull + 1442695040888963407ull;
	return (int)(state >> 33);
}

void srandom(unsigned seed)
{
	srand(seed);
}

long random(void)
{
	return rand();
}

int rand_r(unsigned *seed)
{
	unsigned x = *seed * 1103515245u + 12345u;
	unsigned y = x * 1103515245u + 12345u;

	*seed = y;
	/* Two steps: the high halves of both, 31 bits in all. */
	return (int)(((x >> 16) << 15 | (y >> 17)) & RAND_MAX);
}
