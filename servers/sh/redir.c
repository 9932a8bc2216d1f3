/*
 * redir.c: redirections (POSIX XCU 2.7): <, >, >|, >>, <>, n<&m, n>&m,
 * n>&-, and here-documents (<<, <<-: the body, expanded unless its word
 * was quoted, reaches the command through a pipe; see heredoc()). In a
 * child they are simply applied; in the shell itself (a builtin, a
 * compound command) each replaced descriptor is first saved
 * above SAVE_FD_MIN, close-on-exec, and redir_restore() puts it back.
 * Entry points: redir_apply(), redir_restore().
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
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

/* A pipe whose read end gives the body: the descriptor, or -1 after
 * reporting. A body of up to PIPE_BUF bytes is written at once (the pipe
 * holds it); a longer one by a grandchild of the shell (its child exits
 * at once, so nothing is left to reap), while the command reads. */
static int heredoc(const char *body)
{
	size_t len = strlen(body);
	int p[2];

	if (pipe(p) < 0) {
		sh_error("here-document: %s", strerror(errno));
		return -1;
	}
	if (len <= PIPE_BUF) {
		if (len && write(p[1], body, len) != (ssize_t)len) {
			sh_error("here-document: %s", strerror(errno));
			close(p[0]);
			close(p[1]);
			return -1;
		}
		close(p[1]);
		return p[0];
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (fork() == 0) {
			size_t done = 0;
			while (done < len) {
				ssize_t w = write(p[1], body + done, len - done);
				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0)
					break;
				done += (size_t)w;
			}
			_exit(0);
		}
		_exit(0);
	}
	close(p[1]);
	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		close(p[0]);
		return -1;
	}
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return p[0];
}

int redir_apply(struct redir *r, struct saved_fd **save)
{
	struct expand_env env;
	char err[128];

	vars_expand_env(&env);
	for (; r; r = r->next) {
		char *word;
		int fd = -1, flags = 0;
		if (r->op == R_HEREDOC) {
			word = r->quoted ? strdup(r->word)
				: expand_heredoc(&env, r->word, err, sizeof(err));
			if (!word) {
				sh_error("here-document: %s", r->quoted ? strerror(errno) : err);
				return -1;
			}
		} else {
			word = expand_one(&env, r->word, err, sizeof(err));
		}
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
		case R_HEREDOC:
			fd = heredoc(word);
			free(word);
			if (fd < 0)
				return -1;
			if (fd != r->fd) {
				dup2(fd, r->fd);
				close(fd);
			}
			continue;
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
