/*
 * Characters, lines and blocks on streams (<stdio.h>): fputc/putc/
 * putchar, fputs/puts, fwrite, fgetc/getc/getchar, ungetc, fgets, fread,
 * getline/getdelim, and their _unlocked forms.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

int fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;

	return __pith_stdio_put(f, &b, 1) ? EOF : b;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }
int putc_unlocked(int c, FILE *f) { return fputc(c, f); }
int putchar_unlocked(int c) { return fputc(c, stdout); }

int fputs(const char *restrict s, FILE *restrict f)
{
	return __pith_stdio_put(f, s, strlen(s)) ? EOF : 0;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	size_t total;

	if (!size || !n)
		return 0;
	if (__builtin_mul_overflow(size, n, &total)) {
		errno = EINVAL;
		return 0;
	}
	/* On error, count the items known to be in the buffer or written. */
	if (__pith_stdio_put(f, p, total))
		return 0;
	return n;
}

int fgetc(FILE *f)
{
	int c;

	if (f->ungot != EOF) {
		c = f->ungot;
		f->ungot = EOF;
		return c;
	}
	if (f->rpos < f->rend)
		return f->buf[f->rpos++];
	return __pith_stdio_fill(f);
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }
int getc_unlocked(FILE *f) { return fgetc(f); }
int getchar_unlocked(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->ungot != EOF)
		return EOF;
	f->ungot = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

char *fgets(char *restrict s, int n, FILE *restrict f)
{
	int i = 0, c = 0;

	if (n <= 0)
		return NULL;
	while (i < n - 1 && (c = fgetc(f)) != EOF) {
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && c == EOF)
		return NULL;
	s[i] = '\0';
	return s;
}

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *d = p;
	size_t total, got = 0;
	int c;

	if (!size || !n || __builtin_mul_overflow(size, n, &total))
		return 0;
	while (got < total && (c = fgetc(f)) != EOF)
		d[got++] = (unsigned char)c;
	return got / size;
}

ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim,
		 FILE *restrict f)
{
	size_t len = 0;
	int c;

	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	if (!*line)
		*cap = 0;
	for (;;) {
		c = fgetc(f);
		if (len + 2 > *cap) {
			size_t ncap = *cap < 64 ? 64 : *cap * 2;
			char *n = realloc(*line, ncap);
			if (!n)
				return -1;
			*line = n;
			*cap = ncap;
		}
		if (c == EOF)
			break;
		(*line)[len++] = (char)c;
		if (c == delim)
			break;
	}
	(*line)[len] = '\0';
	if (len == 0)
		return -1;
	return len > SSIZE_MAX ? -1 : (ssize_t)len;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}
