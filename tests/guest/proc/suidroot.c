/*
 * Packed set-user-ID root (mode 4755): run by a user, it has euid 0 and
 * keeps the user's real uid. Exit 0 when that holds.
 */
#include <unistd.h>

int main(void)
{
	uid_t r, e, s;

	if (getresuid(&r, &e, &s))
		return 1;
	return r == 1000 && e == 0 && s == 0 ? 0 : 2;
}
