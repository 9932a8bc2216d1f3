/* libc's <string.h>, <strings.h> and <ctype.h> on the host (names.h
 * renames them pith_*). */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <strings.h>

#include "check.h"

static void test_memmove_overlap(void)
{
	char b[32];

	for (int shift = -5; shift <= 5; shift++) {
		for (int i = 0; i < 32; i++)
			b[i] = (char)i;
		memmove(b + 10 + shift, b + 10, 12);
		int ok = 1;
		for (int i = 0; i < 12; i++)
			ok &= b[10 + shift + i] == 10 + i;
		CHECK(ok);
	}
	CHECK(memmove(b, b, 0) == b);
}

static void test_copy(void)
{
	char d[16];

	CHECK(strcpy(d, "abc") == d && !strcmp(d, "abc"));
	CHECK(stpcpy(d, "xy") == d + 2 && !strcmp(d, "xy"));
	memset(d, 'z', sizeof(d));
	CHECK(strncpy(d, "ab", 5) == d && d[2] == 0 && d[4] == 0 && d[5] == 'z');
	memset(d, 'z', sizeof(d));
	strncpy(d, "abcdef", 3);
	CHECK(d[2] == 'c' && d[3] == 'z');      /* no terminator when full */
	memset(d, 'z', sizeof(d));
	CHECK(stpncpy(d, "ab", 4) == d + 2);
	CHECK(stpncpy(d, "abcdef", 4) == d + 4);
	strcpy(d, "ab");
	CHECK(strcat(d, "cd") == d && !strcmp(d, "abcd"));
	CHECK(strncat(d, "efgh", 2) == d && !strcmp(d, "abcdef"));
	CHECK(strncat(d, "", 5) && !strcmp(d, "abcdef"));
	CHECK(strlcpy(d, "hello world", 6) == 11 && !strcmp(d, "hello"));
	CHECK(strlcat(d, "!!!", 8) == 8 && !strcmp(d, "hello!!"));
	char m[8];
	CHECK(memccpy(m, "abc:def", ':', 8) == m + 4 && m[3] == ':');
	CHECK(memccpy(m, "abcdef", 'x', 3) == NULL);
	char *s = strdup("dup");
	CHECK_STR(s, "dup");
	free(s);
	s = strndup("abcdef", 3);
	CHECK_STR(s, "abc");
	free(s);
	s = strndup("ab", 10);
	CHECK_STR(s, "ab");
	free(s);
}

static void test_compare(void)
{
	CHECK(strcmp("a", "b") < 0 && strcmp("b", "a") > 0 && !strcmp("", ""));
	CHECK(strcmp("\xff", "a") > 0);           /* as unsigned char */
	CHECK(strncmp("abcx", "abcy", 3) == 0 && strncmp("ab", "abc", 3) < 0);
	CHECK(memcmp("\x80", "\x01", 1) > 0);
	CHECK(strcoll("a", "b") < 0);
	char x[8];
	CHECK(strxfrm(x, "abc", sizeof(x)) == 3 && !strcmp(x, "abc"));
	CHECK(strxfrm(NULL, "abcdef", 0) == 6);
	CHECK(strcasecmp("HeLLo", "hello") == 0 && strcasecmp("a", "B") < 0);
	CHECK(strncasecmp("ABCx", "abcy", 3) == 0 && strncasecmp("a", "ab", 5) < 0);
}

static void test_search(void)
{
	const char *s = "hello world";

	CHECK(strchr(s, 'o') == s + 4 && strrchr(s, 'o') == s + 7);
	CHECK(strchr(s, '\0') == s + 11 && strrchr(s, '\0') == s + 11);
	CHECK(strchr(s, 'z') == NULL && strrchr(s, 'z') == NULL);
	CHECK(strstr(s, "") == s);                /* empty needle */
	CHECK(strstr(s, "world") == s + 6 && strstr(s, "worlds") == NULL);
	const char *aaab = "aaab";
	CHECK(strstr(aaab, "aab") == aaab + 1);
	CHECK(strstr("", "a") == NULL);
	CHECK(strstr("", "") != NULL);
	CHECK(memchr(s, 'w', 11) == s + 6 && memchr(s, 'w', 6) == NULL);
	CHECK(memrchr(s, 'l', 11) == s + 9);
	CHECK(memmem(s, 11, "lo w", 4) == s + 3 && memmem(s, 3, "lo", 2) == NULL);
	CHECK(strspn("abcabcx", "abc") == 6 && strspn("", "a") == 0);
	CHECK(strcspn("abcxyz", "zy") == 4 && strcspn("abc", "") == 3);
	CHECK(strpbrk(s, "wr") == s + 6 && strpbrk(s, "Q") == NULL);
	CHECK(strspn("\xff\x80", "\x80\xff") == 2);
	CHECK(strnlen("abc", 2) == 2 && strnlen("abc", 10) == 3);
	CHECK(index(s, 'e') == s + 1 && rindex(s, 'l') == s + 9);
}

static void test_strtok(void)
{
	char buf[] = "  a,b;;c  ";
	char *save, *t;

	t = strtok_r(buf, " ,;", &save);
	CHECK_STR(t, "a");
	t = strtok_r(NULL, " ,;", &save);
	CHECK_STR(t, "b");
	t = strtok_r(NULL, " ,;", &save);
	CHECK_STR(t, "c");
	CHECK(strtok_r(NULL, " ,;", &save) == NULL);
	CHECK(strtok_r(NULL, " ,;", &save) == NULL);  /* stays done */
	char only[] = ",,,";
	CHECK(strtok_r(only, ",", &save) == NULL);
	char two[] = "x y";
	CHECK_STR(strtok(two, " "), "x");
	CHECK_STR(strtok(NULL, " "), "y");
	CHECK(strtok(NULL, " ") == NULL);
	char sep[] = "a::b";
	char *p = sep;
	CHECK_STR(strsep(&p, ":"), "a");
	CHECK_STR(strsep(&p, ":"), "");
	CHECK_STR(strsep(&p, ":"), "b");
	CHECK(p == NULL && strsep(&p, ":") == NULL);
}

static void test_messages(void)
{
	char buf[64];

	CHECK_STR(strerror(ENOSYS), "Function not implemented");
	CHECK_STR(strerror(0), "Success");
	CHECK_STR(strerror(9999), "Unknown error 9999");
	CHECK(strerror_r(EINVAL, buf, sizeof(buf)) == 0);
	CHECK_STR(buf, "Invalid argument");
	CHECK(strerror_r(EINVAL, buf, 4) == ERANGE);
	CHECK(strerror_r(-3, buf, sizeof(buf)) == EINVAL);
	CHECK_STR(strsignal(SIGSEGV), "Segmentation fault");
	CHECK_STR(strsignal(SIGRTMIN + 2), "Real-time signal 2");
	CHECK_STR(strsignal(0), "Unknown signal 0");
}

static void test_bits(void)
{
	CHECK(ffs(0) == 0 && ffs(1) == 1 && ffs(0x80) == 8 && ffs((int)0x80000000u) == 32);
	CHECK(ffsl(1l << 40) == 41 && ffsll((long long)(1ull << 63)) == 64);
	char z[4] = "abc";
	bzero(z, 2);
	CHECK(z[0] == 0 && z[1] == 0 && z[2] == 'c');
	CHECK(bcmp("ab", "ab", 2) == 0 && bcmp("ab", "ac", 2) != 0);
}

/* ctype against the definition of each class in the C locale. */
static void test_ctype(void)
{
	int ok = 1;

	for (int c = -1; c < 256; c++) {
		int a = c >= 0 && c < 128;
		int up = a && c >= 'A' && c <= 'Z', lo = a && c >= 'a' && c <= 'z';
		int dig = a && c >= '0' && c <= '9';
		int sp = c == ' ' || (c >= 9 && c <= 13);
		int pr = c >= 32 && c < 127;
		ok &= !!isupper(c) == up && !!islower(c) == lo;
		ok &= !!isalpha(c) == (up || lo) && !!isdigit(c) == dig;
		ok &= !!isalnum(c) == (up || lo || dig) && !!isspace(c) == sp;
		ok &= !!isprint(c) == pr && !!isgraph(c) == (pr && c != ' ');
		ok &= !!ispunct(c) == (pr && c != ' ' && !up && !lo && !dig);
		ok &= !!iscntrl(c) == (a && !pr);
		ok &= !!isxdigit(c) == (dig || (a && strchr("abcdefABCDEF", c) && c));
		ok &= !!isblank(c) == (c == ' ' || c == '\t');
		ok &= toupper(c) == (lo ? c - 32 : c) && tolower(c) == (up ? c + 32 : c);
		ok &= !!isascii(c) == a;
		if (!ok) {
			printf("ctype wrong at %d\n", c);
			break;
		}
	}
	CHECK(ok);
}

int main(void)
{
	test_memmove_overlap();
	test_copy();
	test_compare();
	test_search();
	test_strtok();
	test_messages();
	test_bits();
	test_ctype();
	return check_done("libc string");
}
