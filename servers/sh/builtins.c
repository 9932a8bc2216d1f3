/*
 * builtins.c: the commands the shell runs itself, because they change
 * the shell (cd, exit, export, unset, set, shift, exec, break, continue,
 * eval, ., read)
 * or its jobs (wait, jobs, fg, bg: jobs.c), and a few cheap ones (:,
 * pwd, test and [: test.c). Entry point: builtin_find().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

static int b_colon(char **argv)
{
	(void)argv;
	return 0;
}

static int b_cd(char **argv)
{
	const char *dir = argv[1];
	char cwd[512];

	if (argv[1] && argv[2]) {
		sh_error("cd: too many arguments");
		return 2;
	}
	if (!dir) {
		dir = var_get("HOME");
		if (!dir || !*dir) {
			sh_error("cd: HOME not set");
			return 1;
		}
	} else if (!strcmp(dir, "-")) {
		dir = var_get("OLDPWD");
		if (!dir) {
			sh_error("cd: OLDPWD not set");
			return 1;
		}
		printf("%s\n", dir);
	}
	char *target = strdup(dir);
	if (!target || chdir(target) < 0) {
		sh_error("cd: %s: %s", dir, strerror(errno));
		free(target);
		return 1;
	}
	free(target);
	const char *old = var_get("PWD");
	if (old) {
		char *o = strdup(old);
		if (o) {
			var_set("OLDPWD", o, 0);
			free(o);
		}
	}
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd, 0);
	return 0;
}

static int b_pwd(char **argv)
{
	char cwd[512];

	(void)argv;
	if (!getcwd(cwd, sizeof(cwd))) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}

/* A number argument of exit, shift, break, continue; -1 if bad. */
static long number(const char *cmd, const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || errno) {
		sh_error("%s: %s: numeric argument required", cmd, s);
		return -1;
	}
	return v;
}

static int b_exit(char **argv)
{
	int status = sh.status;

	if (argv[1]) {
		long v = number("exit", argv[1]);
		status = v < 0 ? 2 : (int)(v & 0xff);
	}
	sh_exit(status);
}

static int b_export(char **argv)
{
	int status = 0;

	if (!argv[1] || (!strcmp(argv[1], "-p") && !argv[2])) {
		vars_print_exported();
		return 0;
	}
	for (size_t i = 1; argv[i]; i++) {
		char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		if (!sh_is_name(argv[i], n)) {
			sh_error("export: `%s': not a valid identifier", argv[i]);
			status = 1;
			continue;
		}
		if (eq) {
			*eq = 0;
			var_set(argv[i], eq + 1, 1);
			*eq = '=';
		} else {
			var_export(argv[i]);
		}
	}
	return status;
}

static int b_unset(char **argv)
{
	int status = 0;

	int functions = 0;

	for (size_t i = 1; argv[i]; i++) {
		if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "-f")) {
			functions = argv[i][1] == 'f';
			continue;
		}
		if (functions) {
			func_unset(argv[i]);
			continue;
		}
		if (!sh_is_name(argv[i], strlen(argv[i]))) {
			sh_error("unset: `%s': not a valid identifier", argv[i]);
			status = 1;
			continue;
		}
		var_unset(argv[i]);
	}
	return status;
}

/* The options of set by name (-o name) and letter. */
static const struct {
	const char *name;
	char letter;
	bool *flag;
} options[] = {
	{ "errexit", 'e', &sh.errexit },
	{ "xtrace", 'x', &sh.xtrace },
};

static int set_option(const char *name, char letter, bool on)
{
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		if (name ? !strcmp(name, options[i].name) : letter == options[i].letter) {
			*options[i].flag = on;
			return 0;
		}
	}
	if (name)
		sh_error("set: %s: unknown option name", name);
	else
		sh_error("set: %c%c: unknown option", on ? '-' : '+', letter);
	return 2;
}

/* set [-ex] [+ex] [-o name] [+o name] [--] [arg...]: options (-e
 * errexit, -x xtrace), then the positional parameters if any argument
 * (or --) follows. -o alone lists the options, +o as commands. */
static int builtin_set_args(char **argv)
{
	size_t i = 1, n = 0;

	for (; argv[i]; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			goto params;
		}
		if ((a[0] != '-' && a[0] != '+') || !a[1])
			break;
		bool on = a[0] == '-';
		if (!strcmp(a + 1, "o")) {
			if (!argv[i + 1]) {
				for (size_t k = 0; k < sizeof(options) / sizeof(options[0]); k++) {
					bool v = *options[k].flag;
					if (on)
						printf("%-12s%s\n", options[k].name, v ? "on" : "off");
					else
						printf("set %co %s\n", v ? '-' : '+', options[k].name);
				}
				return 0;
			}
			if (set_option(argv[++i], 0, on))
				return 2;
			continue;
		}
		for (const char *c = a + 1; *c; c++)
			if (set_option(NULL, *c, on))
				return 2;
	}
	if (!argv[i])
		return 0;             /* options alone: $1.. stay */
params:
	while (argv[i + n])
		n++;
	params_set(argv + i, n);
	return 0;
}

static int b_set(char **argv)
{
	if (!argv[1]) {
		vars_print_exported();
		return 0;
	}
	return builtin_set_args(argv);
}

static int b_shift(char **argv)
{
	long n = argv[1] ? number("shift", argv[1]) : 1;

	if (n < 0 || (size_t)n > sh.nparams) {
		if (n >= 0)
			sh_error("shift: can't shift that many");
		return 1;
	}
	params_set(sh.params + n, sh.nparams - (size_t)n);
	return 0;
}

static int loop_jump(char **argv, int *what, const char *cmd)
{
	long n = argv[1] ? number(cmd, argv[1]) : 1;

	if (n < 1) {
		if (n == 0)
			sh_error("%s: 0: loop count out of range", cmd);
		return 1;
	}
	if (!sh.loop_depth)
		return 0;          /* outside a loop: nothing, as dash */
	*what = (int)(n > sh.loop_depth ? sh.loop_depth : n);
	return 0;
}

static int b_break(char **argv)
{
	return loop_jump(argv, &sh.breaking, "break");
}

static int b_continue(char **argv)
{
	return loop_jump(argv, &sh.continuing, "continue");
}

/* exec cmd args: replace the shell (redirections already applied and,
 * being a special builtin's, kept). exec alone: keep the redirections. */
static int b_exec(char **argv)
{
	if (!argv[1])
		return 0;
	jobs_child_signals(false);
	exec_command(argv + 1, vars_environ(NULL, 0));
}

/* eval args: the arguments joined with blanks, run as a script. */
static int b_eval(char **argv)
{
	size_t len = 1;
	char *text;

	for (size_t i = 1; argv[i]; i++)
		len += strlen(argv[i]) + 1;
	if (!(text = malloc(len)))
		return 2;
	text[0] = 0;
	for (size_t i = 1; argv[i]; i++) {
		if (i > 1)
			strcat(text, " ");
		strcat(text, argv[i]);
	}
	sh.status = 0;
	int st = sh_run_string(text);
	free(text);
	return st;
}

/* . file: run the file's commands in this shell. */
static int b_dot(char **argv)
{
	if (!argv[1]) {
		sh_error(".: filename argument required");
		return 2;
	}
	sh.status = 0;
	sh.func_depth++;            /* return ends the script */
	int st = sh_run_file(argv[1]);
	sh.func_depth--;
	if (sh.returning) {
		sh.returning = false;
		st = sh.status;
	}
	if (st < 0) {
		sh_error(".: %s: %s", argv[1], strerror(errno));
		return 1;
	}
	return st;
}

/* read [-r] name...: one line of standard input (a byte at a time, so
 * nothing after it is taken from a shared file or pipe), split on IFS
 * into the names, the last one taking the rest. Without -r a backslash
 * escapes the next byte and a backslash-newline joins lines. Status 1
 * at the end of input with nothing read. */
static int b_read(char **argv)
{
	const char *ifs = var_get("IFS");
	int raw = 0, i = 1, got = 0;
	char *line = NULL, *quoted = NULL;
	size_t n = 0, cap = 0;

	if (!ifs)
		ifs = " \t\n";
	if (argv[i] && !strcmp(argv[i], "-r")) {
		raw = 1;
		i++;
	}
	if (!argv[i]) {
		sh_error("read: usage: read [-r] name...");
		return 2;
	}
	for (int k = i; argv[k]; k++)
		if (!sh_is_name(argv[k], strlen(argv[k]))) {
			sh_error("read: `%s': not a valid identifier", argv[k]);
			return 2;
		}
	for (;;) {
		char c;
		ssize_t r = read(0, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got = 1;
		int q = 0;
		if (c == '\\' && !raw) {
			if (read(0, &c, 1) != 1)
				break;
			if (c == '\n')
				continue;
			q = 1;
		} else if (c == '\n') {
			break;
		}
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 128;
			line = realloc(line, cap);
			quoted = realloc(quoted, cap);
			if (!line || !quoted)
				exit(2);
		}
		quoted[n] = (char)q;
		line[n++] = c;
	}
	/* Split: IFS white space trims and separates; the last name gets
	 * the rest of the line, trailing IFS white space removed. */
	size_t pos = 0;
#define IFS_WHITE(k) (!quoted[k] && strchr(ifs, line[k]) && strchr(" \t\n", line[k]))
#define IFS_ANY(k)   (!quoted[k] && strchr(ifs, line[k]))
	for (; argv[i]; i++) {
		while (pos < n && IFS_WHITE(pos))
			pos++;
		size_t start = pos, end;
		if (!argv[i + 1]) {
			end = n;
			while (end > start && IFS_WHITE(end - 1))
				end--;
		} else {
			while (pos < n && !IFS_ANY(pos))
				pos++;
			end = pos;
			if (pos < n)
				pos++;     /* the separator */
		}
		char *v = malloc(end - start + 1);
		if (!v)
			exit(2);
		if (end > start)
			memcpy(v, line + start, end - start);
		v[end - start] = 0;
		var_set(argv[i], v, 0);
		free(v);
	}
#undef IFS_WHITE
#undef IFS_ANY
	free(line);
	free(quoted);
	return got ? 0 : 1;
}

/* umask [mode]: print the file-creation mask (octal), or set it from an
 * octal mode. The mask is the process's, so it must be a builtin. */
static int b_umask(char **argv)
{
	if (!argv[1]) {
		mode_t m = umask(0);
		umask(m);
		printf("%04o\n", (unsigned)m);
		fflush(stdout);
		return 0;
	}
	unsigned m = 0;
	const char *p = argv[1];
	for (; *p >= '0' && *p <= '7' && m <= 0777; p++)
		m = m * 8 + (unsigned)(*p - '0');
	if (*p || p == argv[1] || m > 0777 || argv[2]) {
		sh_error("umask: usage: umask [octal mode]");
		return 2;
	}
	umask((mode_t)m);
	return 0;
}

static const struct {
	const char *name;
	builtin_fn fn;
	bool special;
} builtins[] = {
	{ ":", b_colon, true },
	{ "cd", b_cd, false },
	{ "pwd", b_pwd, false },
	{ "exit", b_exit, true },
	{ "export", b_export, true },
	{ "unset", b_unset, true },
	{ "set", b_set, true },
	{ "shift", b_shift, true },
	{ "break", b_break, true },
	{ "continue", b_continue, true },
	{ "exec", b_exec, true },
	{ "eval", b_eval, true },
	{ "return", builtin_return, true },
	{ ".", b_dot, true },
	{ "read", b_read, false },
	{ "wait", builtin_wait, false },
	{ "test", builtin_test, false },
	{ "[", builtin_test, false },
	{ "jobs", builtin_jobs, false },
	{ "fg", builtin_fg, false },
	{ "bg", builtin_bg, false },
	{ "umask", b_umask, false },
	{ "trap", builtin_trap, true },
};

builtin_fn builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return builtins[i].fn;
	return NULL;
}

bool builtin_is_special(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return builtins[i].special;
	return false;
}
