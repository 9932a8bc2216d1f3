/*
 * redir.c: redirections (POSIX XCU 2.7): <, >, >|, >>, <>, n<&m, n>&m,
 * n>&-. In a child they are simply applied; in the shell itself (a
 * builtin, a compound command) each replaced descriptor is first saved
 * above SAVE_FD_MIN, close-on-exec, and redir_restore() puts it back.
 * Entry points: redir_apply(), redir_restore().
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

/* Descriptors the shell saves redirected ones to stay above this. */
#define SAVE_FD_MIN 10

struct saved_fd {
	int fd;              /* the descriptor redirected */
	int copy;            /* where its old file went, or -1: was closed */
	struct saved_fd *next;
};

static int save_fd(int fd, struct saved_fd **save)
{
	struct saved_fd *s;

	if (!save)
		return 0;
	for (s = *save; s; s = s->next)
		if (s->fd == fd)
			return 0;     /* its original is already kept */
	s = malloc(sizeof(*s));
	if (!s)
		return -1;
	s->fd = fd;
	s->copy = fcntl(fd, F_DUPFD_CLOEXEC, SAVE_FD_MIN);
	if (s->copy < 0 && errno != EBADF) {
		free(s);
		return -1;
	}
	s->next = *save;
	*save = s;
	return 0;
}

void redir_restore(struct saved_fd *save)
{
	while (save) {
		struct saved_fd *s = save;
		save = s->next;
		if (s->copy >= 0) {
			dup2(s->copy, s->fd);
			close(s->copy);
		} else {
			close(s->fd);
		}
		free(s);
	}
}

static int parse_fd(const char *s)
{
	char *end;
	long v;

	if (!*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || v < 0 || v > INT_MAX || errno)
		return -1;
	return (int)v;
}

int redir_apply(struct redir *r, struct saved_fd **save)
{
	struct expand_env env;
	char err[128];

	vars_expand_env(&env);
	for (; r; r = r->next) {
		char *word = expand_one(&env, r->word, err, sizeof(err));
		int fd = -1, flags = 0;
		if (!word) {
			sh_error("%s: %s", r->word, err);
			return -1;
		}
		if (save_fd(r->fd, save) < 0) {
			sh_error("%d: %s", r->fd, strerror(errno));
			free(word);
			return -1;
		}
		switch (r->op) {
		case R_IN: flags = O_RDONLY; break;
		case R_OUT: flags = O_WRONLY | O_CREAT | O_TRUNC; break;
		case R_APPEND: flags = O_WRONLY | O_CREAT | O_APPEND; break;
		case R_RDWR: flags = O_RDWR | O_CREAT; break;
		case R_DUPIN: case R_DUPOUT:
			if (!strcmp(word, "-")) {
				close(r->fd);
				free(word);
				continue;
			}
			fd = parse_fd(word);
			if (fd < 0) {
				sh_error("%s: bad file descriptor", word);
				free(word);
				return -1;
			}
			if (fd != r->fd && dup2(fd, r->fd) < 0) {
				sh_error("%d: %s", fd, strerror(errno));
				free(word);
				return -1;
			}
			free(word);
			continue;
		}
		fd = open(word, flags, 0666);
		if (fd < 0) {
			sh_error("%s: %s", word, strerror(errno));
			free(word);
			return -1;
		}
		free(word);
		if (fd != r->fd) {
			if (dup2(fd, r->fd) < 0) {
				sh_error("%d: %s", r->fd, strerror(errno));
				close(fd);
				return -1;
			}
			close(fd);
		}
	}
	return 0;
}
