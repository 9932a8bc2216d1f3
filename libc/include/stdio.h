/*
 * Standard input/output (<stdio.h>). Streams are buffered over the
 * descriptor calls read/write/lseek/close (libc/stdio/); before the file
 * server exists, descriptors 1 and 2 reach the console and opening a file
 * fails with ENOSYS (docs/libc.md). Formatting is the kernel's engine
 * (kernel/printf.c) with libc's floating point; scanning is
 * libc/stdio/scanf.c.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#define __need_size_t
#define __need_NULL
#include <stddef.h>
#define __PITH_NEED_off_t
#define __PITH_NEED_ssize_t
#include <bits/types.h>

typedef struct __pith_file FILE;
typedef struct {
	long long __pos;
} fpos_t;

#define EOF (-1)
#define BUFSIZ 1024
#define FILENAME_MAX 4096
#define FOPEN_MAX 16
#define TMP_MAX 10000
#define L_tmpnam 20
#define L_ctermid 20
#define P_tmpdir "/tmp"
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
#ifndef stdin
#define stdin stdin
#define stdout stdout
#define stderr stderr
#endif

#define __PITH_PRINTF(f, a) __attribute__((__format__(__printf__, f, a)))
#define __PITH_SCANF(f, a) __attribute__((__format__(__scanf__, f, a)))

int printf(const char *restrict fmt, ...) __PITH_PRINTF(1, 2);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __PITH_PRINTF(2, 3);
int sprintf(char *restrict buf, const char *restrict fmt, ...) __PITH_PRINTF(2, 3);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__PITH_PRINTF(3, 4);
int dprintf(int fd, const char *restrict fmt, ...) __PITH_PRINTF(2, 3);
int asprintf(char **out, const char *restrict fmt, ...) __PITH_PRINTF(2, 3);
int vprintf(const char *restrict fmt, va_list ap);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap);
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap);
int vdprintf(int fd, const char *restrict fmt, va_list ap);
int vasprintf(char **out, const char *restrict fmt, va_list ap);

int scanf(const char *restrict fmt, ...) __PITH_SCANF(1, 2);
int fscanf(FILE *restrict f, const char *restrict fmt, ...) __PITH_SCANF(2, 3);
int sscanf(const char *restrict s, const char *restrict fmt, ...)
	__PITH_SCANF(2, 3);
int vscanf(const char *restrict fmt, va_list ap);
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap);
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *restrict s, int n, FILE *restrict f);
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f);
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim,
		 FILE *restrict f);
size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f);
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f);

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *restrict path, const char *restrict mode,
	      FILE *restrict f);
int fclose(FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict f, char *restrict buf);
int fseek(FILE *f, long off, int whence);
int fseeko(FILE *f, off_t off, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *restrict f, fpos_t *restrict pos);
int fsetpos(FILE *f, const fpos_t *pos);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);
void flockfile(FILE *f);
void funlockfile(FILE *f);
int ftrylockfile(FILE *f);
int getc_unlocked(FILE *f);
int getchar_unlocked(void);
int putc_unlocked(int c, FILE *f);
int putchar_unlocked(int c);

void perror(const char *s);
int remove(const char *path);
int rename(const char *oldpath, const char *newpath);
int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
FILE *tmpfile(void);
char *tmpnam(char *s);
FILE *popen(const char *command, const char *mode);
int pclose(FILE *f);
char *ctermid(char *s);

#endif
