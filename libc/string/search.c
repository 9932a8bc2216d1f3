/*
 * Searching strings (<string.h>): strchr, strrchr, strchrnul, strstr,
 * memmem, memrchr, strspn, strcspn, strpbrk, strtok, strtok_r, strsep,
 * and the C locale's strcoll and strxfrm.
 */
#include <string.h>

char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

char *strchr(const char *s, int c)
{
	s = strchrnul(s, c);
	return *s == (char)c ? (char *)s : NULL;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	while (n--)
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	return NULL;
}

/* A plain scan: at each place the first byte matches, compare the rest.
 * Quadratic in the worst case, which is fine for what libc searches. */
void *memmem(const void *hay, size_t hn, const void *needle, size_t nn)
{
	const unsigned char *h = hay, *n = needle;

	if (nn == 0)
		return (void *)h;
	for (; hn >= nn; h++, hn--)
		if (*h == *n && memcmp(h, n, nn) == 0)
			return (void *)h;
	return NULL;
}

char *strstr(const char *hay, const char *needle)
{
	return memmem(hay, strlen(hay), needle, strlen(needle));
}

/* A 256-bit membership table for the span functions. */
struct charset {
	unsigned long long bits[4];
};

static void charset_init(struct charset *cs, const char *chars)
{
	cs->bits[0] = cs->bits[1] = cs->bits[2] = cs->bits[3] = 0;
	for (const unsigned char *p = (const unsigned char *)chars; *p; p++)
		cs->bits[*p >> 6] |= 1ull << (*p & 63);
}

static int charset_has(const struct charset *cs, unsigned char c)
{
	return (cs->bits[c >> 6] >> (c & 63)) & 1;
}

size_t strspn(const char *s, const char *accept)
{
	struct charset cs;
	size_t n = 0;

	charset_init(&cs, accept);
	while (s[n] && charset_has(&cs, (unsigned char)s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	struct charset cs;
	size_t n = 0;

	charset_init(&cs, reject);
	while (s[n] && !charset_has(&cs, (unsigned char)s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

char *strtok_r(char *restrict s, const char *restrict delim,
	       char **restrict save)
{
	if (!s)
		s = *save;
	if (!s)
		return NULL;
	s += strspn(s, delim);
	if (!*s) {
		*save = NULL;
		return NULL;
	}
	char *end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	else
		end = NULL;
	*save = end;
	return s;
}

char *strtok(char *restrict s, const char *restrict delim)
{
	static char *save;

	return strtok_r(s, delim, &save);
}

char *strsep(char **sp, const char *delim)
{
	char *s = *sp, *end;

	if (!s)
		return NULL;
	end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	else
		end = NULL;
	*sp = end;
	return s;
}

/* The C locale collates by byte value. */
int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

size_t strxfrm(char *restrict dst, const char *restrict src, size_t n)
{
	size_t len = strlen(src);

	if (len < n)
		memcpy(dst, src, len + 1);
	return len;
}
