/* libc's environment functions on the host. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	static char *start[] = { "HOME=/root", "PATH=/bin", "EMPTY=", NULL };

	environ = start;                 /* as crt0 sets it */
	CHECK_STR(getenv("HOME"), "/root");
	CHECK_STR(getenv("EMPTY"), "");
	CHECK(getenv("HOM") == NULL && getenv("HOME=") == NULL);
	CHECK(getenv("NOPE") == NULL);

	CHECK(setenv("A", "1", 0) == 0);
	CHECK_STR(getenv("A"), "1");
	CHECK(setenv("A", "2", 0) == 0);
	CHECK_STR(getenv("A"), "1");     /* no overwrite */
	CHECK(setenv("A", "3", 1) == 0);
	CHECK_STR(getenv("A"), "3");
	CHECK(setenv("HOME", "/home", 1) == 0);
	CHECK_STR(getenv("HOME"), "/home");
	CHECK(!strcmp(start[0], "HOME=/root"));  /* the original is untouched */
	errno = 0;
	CHECK(setenv("B=C", "x", 1) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(setenv("", "x", 1) == -1 && errno == EINVAL);

	for (int i = 0; i < 200; i++) {  /* growth */
		char name[16], value[16];
		snprintf(name, sizeof(name), "V%d", i);
		snprintf(value, sizeof(value), "%d", i * i);
		CHECK(setenv(name, value, 1) == 0);
	}
	CHECK_STR(getenv("V150"), "22500");
	CHECK_STR(getenv("PATH"), "/bin");

	static char put[] = "P=q";
	CHECK(putenv(put) == 0);
	CHECK(getenv("P") == put + 2);
	put[2] = 'r';                    /* putenv keeps the string itself */
	CHECK_STR(getenv("P"), "r");

	CHECK(unsetenv("A") == 0 && getenv("A") == NULL);
	CHECK(unsetenv("A") == 0);
	CHECK(unsetenv("P") == 0 && getenv("P") == NULL);
	CHECK(unsetenv("X=Y") == -1 && errno == EINVAL);
	int n = 0;
	for (char **e = environ; *e; e++)
		n++;
	CHECK(n == 3 + 200);             /* HOME PATH EMPTY V0..V199 */
	CHECK(clearenv() == 0 && getenv("PATH") == NULL && environ && !environ[0]);
	CHECK(setenv("Z", "z", 1) == 0);
	CHECK_STR(getenv("Z"), "z");
	clearenv();
	return check_done("libc env");
}
