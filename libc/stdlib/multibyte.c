/* Multibyte characters in the C locale (<stdlib.h>): one byte is one
 * character, so each conversion is a copy. */
#include <errno.h>
#include <stdlib.h>

int mblen(const char *s, size_t n)
{
	return mbtowc(NULL, s, n);
}

int mbtowc(wchar_t *restrict pwc, const char *restrict s, size_t n)
{
	if (!s)
		return 0;          /* no shift states */
	if (!n)
		return -1;
	if (pwc)
		*pwc = (unsigned char)*s;
	return *s != '\0';
}

int wctomb(char *s, wchar_t wc)
{
	if (!s)
		return 0;
	if ((unsigned long)wc > 255) {
		errno = EILSEQ;
		return -1;
	}
	*s = (char)wc;
	return 1;
}

size_t mbstowcs(wchar_t *restrict dst, const char *restrict src, size_t n)
{
	size_t i = 0;

	for (; !dst || i < n; i++) {
		if (dst)
			dst[i] = (unsigned char)src[i];
		if (!src[i])
			break;
	}
	return i;
}

size_t wcstombs(char *restrict dst, const wchar_t *restrict src, size_t n)
{
	size_t i = 0;

	for (; !dst || i < n; i++) {
		if ((unsigned long)src[i] > 255) {
			errno = EILSEQ;
			return (size_t)-1;
		}
		if (dst)
			dst[i] = (char)src[i];
		if (!src[i])
			break;
	}
	return i;
}
