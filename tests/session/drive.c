/*
 * drive: type a scripted session into a program's standard input and check
 * what it prints, step by step, the way a person at the serial console
 * would. Built for the host; the session tests run QEMU under it.
 *
 *   drive [-t transcript] script -- command [args...]
 *
 * The script is read one line at a time (docs/testing.md, "Sessions"):
 *
 *   # text              a comment; blank lines are skipped
 *   expect REGEX        wait until the output not yet consumed matches the
 *                       POSIX extended regular expression; consume it up to
 *                       the end of the match
 *   reject REGEX        fail if the output consumed by the previous expect
 *                       matched REGEX (checks what must not have happened)
 *   send TEXT           type TEXT and Enter (a carriage return, as a
 *                       terminal sends); "send" alone types only Enter
 *   type TEXT           type TEXT without Enter
 *   ctrl X              type Control-X (^C is 0x03, ^D 0x04, ^Z 0x1a, ...;
 *                       ctrl ? is DEL, 0x7f)
 *   pause MS            wait MS milliseconds, reading output meanwhile
 *   timeout S           each later expect waits at most S seconds (20)
 *   enter cr|lf         what Enter types: cr (a terminal's key, the
 *                       default) or lf (for a command reading a pipe)
 *   exit STATUS         the command must exit by itself with STATUS
 *
 * At the end of the script the command is killed (unless "exit" waited for
 * it). Everything the command printed is copied to standard output and, with
 * -t, to the transcript file, with carriage returns removed. The status is
 * 0 when every step held, 1 otherwise, with the failing step and the output
 * that did not match on standard error.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdbool.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *out;               /* everything printed so far, no CRs */
static size_t out_len, out_cap;
static size_t consumed;         /* output before this is matched */
static size_t last_from;        /* the previous expect's range */
static int to_child = -1, from_child = -1;
static pid_t child;
static int child_status = -1;   /* set once the child has been reaped */
static FILE *transcript;
static const char *script_name;
static int lineno;

static void fail(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "\ndrive: %s:%d: ", script_name, lineno);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	size_t from = consumed > out_len ? out_len : consumed;
	fprintf(stderr, "\ndrive: output not yet consumed (%zu bytes):\n%.*s\n",
		out_len - from, (int)(out_len - from), out + from);
	if (child > 0 && child_status < 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	exit(1);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void append(const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\r' || buf[i] == '\0')
			continue;
		if (out_len + 1 >= out_cap) {
			out_cap = out_cap ? out_cap * 2 : 65536;
			out = realloc(out, out_cap);
			if (!out) {
				perror("drive: realloc");
				exit(2);
			}
		}
		out[out_len++] = buf[i];
		putchar(buf[i]);
		if (transcript)
			fputc(buf[i], transcript);
	}
	if (out)        /* NULL while only CRs and NULs have come */
		out[out_len] = '\0';
	fflush(stdout);
}

/* Read whatever the child prints for up to ms milliseconds (less if
 * stop_early and something arrived). Returns false once it has exited. */
static bool pump(int ms, bool stop_early)
{
	double end = now() + ms / 1000.0;
	for (;;) {
		double left = end - now();
		if (left < 0)
			left = 0;
		if (from_child < 0)
			return false;
		struct pollfd p = { .fd = from_child, .events = POLLIN };
		int r = poll(&p, 1, (int)(left * 1000));
		if (r < 0 && errno != EINTR)
			fail("poll: %s", strerror(errno));
		if (r > 0) {
			char buf[4096];
			ssize_t n = read(from_child, buf, sizeof buf);
			if (n > 0) {
				append(buf, (size_t)n);
				if (stop_early)
					return true;
			} else if (n == 0 || (n < 0 && errno != EINTR)) {
				close(from_child);
				from_child = -1;
				return false;
			}
		}
		if (left <= 0)
			return true;
	}
}

static double step_timeout = 20;
static char enter_key = '\r';

static void expect(const char *re_text, bool must)
{
	regex_t re;
	int err = regcomp(&re, re_text, REG_EXTENDED | REG_NEWLINE);
	if (err) {
		char msg[256];
		regerror(err, &re, msg, sizeof msg);
		fail("bad regular expression '%s': %s", re_text, msg);
	}
	double end = now() + step_timeout;
	for (;;) {
		regmatch_t m;
		if (out && regexec(&re, out + consumed, 1, &m,
				   consumed ? REG_NOTBOL : 0) == 0) {
			last_from = consumed;
			consumed += (size_t)m.rm_eo;
			regfree(&re);
			return;
		}
		if (!must)
			break;
		if (now() > end)
			fail("expected /%s/ within %g s", re_text, step_timeout);
		if (!pump(100, true) && from_child < 0)
			fail("expected /%s/, but the command ended", re_text);
	}
	regfree(&re);
}

static void reject(const char *re_text)
{
	regex_t re;
	if (regcomp(&re, re_text, REG_EXTENDED | REG_NEWLINE))
		fail("bad regular expression '%s'", re_text);
	char saved = out[consumed];
	out[consumed] = '\0';
	regmatch_t m;
	int hit = regexec(&re, out + last_from, 1, &m, 0) == 0;
	out[consumed] = saved;
	regfree(&re);
	if (hit)
		fail("output matched /%s/, which it must not", re_text);
}

static void type(const char *s, size_t n)
{
	/* A person types one key at a time; so does the script, with a short
	 * gap that lets the guest's receive interrupt keep up. */
	for (size_t i = 0; i < n; i++) {
		if (write(to_child, s + i, 1) != 1)
			fail("write to the command: %s", strerror(errno));
		pump(2, false);
	}
}

static void finish(int want)
{
	double end = now() + step_timeout;
	while (from_child >= 0 && now() < end)
		pump(100, false);
	int st;
	pid_t r;
	while ((r = waitpid(child, &st, want < 0 ? WNOHANG : 0)) < 0 && errno == EINTR)
		;
	if (want < 0)
		return;
	child_status = WIFEXITED(st) ? WEXITSTATUS(st) : 256 + WTERMSIG(st);
	if (child_status != want)
		fail("the command ended with status %d, not %d", child_status, want);
}

int main(int argc, char **argv)
{
	int i = 1;
	const char *tpath = NULL;
	if (i + 1 < argc && strcmp(argv[i], "-t") == 0) {
		tpath = argv[i + 1];
		i += 2;
	}
	if (i + 2 >= argc || strcmp(argv[i + 1], "--") != 0) {
		fprintf(stderr, "usage: drive [-t transcript] script -- command [args...]\n");
		return 2;
	}
	script_name = argv[i];
	FILE *script = fopen(script_name, "r");
	if (!script) {
		perror(script_name);
		return 2;
	}
	if (tpath && !(transcript = fopen(tpath, "w"))) {
		perror(tpath);
		return 2;
	}
	int in[2], outp[2];
	if (pipe(in) || pipe(outp)) {
		perror("pipe");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	child = fork();
	if (child < 0) {
		perror("fork");
		return 2;
	}
	if (child == 0) {
		dup2(in[0], 0);
		dup2(outp[1], 1);
		dup2(outp[1], 2);
		close(in[0]); close(in[1]); close(outp[0]); close(outp[1]);
		execvp(argv[i + 2], argv + i + 2);
		perror(argv[i + 2]);
		_exit(127);
	}
	close(in[0]);
	close(outp[1]);
	to_child = in[1];
	from_child = outp[0];

	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool waited = false;
	while ((n = getline(&line, &cap, script)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		char *arg = strchr(line, ' ');
		size_t wlen = arg ? (size_t)(arg - line) : (size_t)n;
		arg = arg ? arg + 1 : line + n;
#define IS(w) (wlen == strlen(w) && strncmp(line, w, wlen) == 0)
		if (n == 0 || line[0] == '#')
			continue;
		if (IS("expect"))
			expect(arg, true);
		else if (IS("reject"))
			reject(arg);
		else if (IS("send")) {
			type(arg, strlen(arg));
			type(&enter_key, 1);
		} else if (IS("type"))
			type(arg, strlen(arg));
		else if (IS("ctrl") && strlen(arg) == 1) {
			char c = arg[0] == '?' ? 0x7f : (char)(arg[0] & 0x1f);
			type(&c, 1);
		} else if (IS("pause"))
			pump(atoi(arg), false);
		else if (IS("enter") && (!strcmp(arg, "cr") || !strcmp(arg, "lf")))
			enter_key = arg[0] == 'c' ? '\r' : '\n';
		else if (IS("timeout"))
			step_timeout = atof(arg);
		else if (IS("exit")) {
			finish(atoi(arg));
			waited = true;
		} else
			fail("unknown step '%s'", line);
	}
	if (!waited) {
		pump(50, false);
		kill(child, SIGTERM);
		finish(-1);
		waitpid(child, NULL, 0);
	}
	if (transcript)
		fclose(transcript);
	fprintf(stderr, "\ndrive: %s: %d lines, every step held\n", script_name, lineno);
	return 0;
}
