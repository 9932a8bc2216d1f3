/*
 * ls [-1al] [file...]: list directories (their entries, sorted) and
 * files. -a shows names starting with `.`, -l the long form (mode, links,
 * owner, group, size, modification time in UTC, name); one name a line.
 * A name that cannot be listed is reported and the status is 1; a bad
 * option is a usage error (2).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static int all, longform;

static void mode_text(mode_t m, char *s)
{
	s[0] = S_ISDIR(m) ? 'd' : S_ISCHR(m) ? 'c' : S_ISFIFO(m) ? 'p' :
	       S_ISLNK(m) ? 'l' : S_ISBLK(m) ? 'b' : '-';
	const char *rwx = "rwxrwxrwx";
	for (int i = 0; i < 9; i++)
		s[1 + i] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		s[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		s[6] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		s[9] = (m & S_IXOTH) ? 't' : 'T';
	s[10] = 0;
}

static void show(const char *path, const char *name, const struct stat *st)
{
	char mode[11], when[32], owner[16], group[16];

	(void)path;
	if (!longform) {
		puts(name);
		return;
	}
	mode_text(st->st_mode, mode);
	time_t t = st->st_mtime;
	struct tm *tm = gmtime(&t);
	if (!tm || !strftime(when, sizeof(when), "%b %e %H:%M", tm))
		strcpy(when, "?");
	if (st->st_uid == 0)
		strcpy(owner, "root");
	else
		snprintf(owner, sizeof(owner), "%u", (unsigned)st->st_uid);
	if (st->st_gid == 0)
		strcpy(group, "root");
	else
		snprintf(group, sizeof(group), "%u", (unsigned)st->st_gid);
	printf("%s %2lu %-5s %-5s %8lld %s %s\n", mode, (unsigned long)st->st_nlink,
	       owner, group, (long long)st->st_size, when, name);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(const char *dir)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int status = 0;

	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && !all)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **v = realloc(names, cap * sizeof(char *));
			if (!v)
				break;
			names = v;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(char *), cmp);
	for (size_t i = 0; i < n; i++) {
		char path[1024];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (longform && lstat(path, &st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
			status = 1;
		} else {
			show(path, names[i], &st);
		}
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	int i = 1, status = 0, nfiles;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'a')
				all = 1;
			else if (*o == 'l')
				longform = 1;
			else if (*o != '1') {
				fprintf(stderr, "usage: ls [-1al] [file...]\n");
				return 2;
			}
		}
	}
	nfiles = argc - i;
	if (!nfiles)
		return list_dir(".");
	for (; i < argc; i++) {
		struct stat st;
		if (lstat(argv[i], &st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (nfiles > 1)
				printf("%s:\n", argv[i]);
			status |= list_dir(argv[i]);
		} else {
			show(argv[i], argv[i], &st);
		}
	}
	return status;
}
