/*
 * builtins.c: the commands the shell runs itself, because they change
 * the shell (cd, exit, export, unset, set, shift, exec, break, continue)
 * or its jobs (wait, jobs, fg, bg: jobs.c), and a few cheap ones (:,
 * pwd, test and [: test.c). Entry point: builtin_find().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	fflush(stdout);
	exit(status);
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

	for (size_t i = 1; argv[i]; i++) {
		if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "-f"))
			continue;
		if (!sh_is_name(argv[i], strlen(argv[i]))) {
			sh_error("unset: `%s': not a valid identifier", argv[i]);
			status = 1;
			continue;
		}
		var_unset(argv[i]);
	}
	return status;
}

/* set -- args: the positional parameters. (No options yet.) */
static int b_set(char **argv)
{
	size_t n = 0;

	if (!argv[1]) {
		vars_print_exported();
		return 0;
	}
	if (strcmp(argv[1], "--")) {
		sh_error("set: %s: options are not supported; use set -- args", argv[1]);
		return 2;
	}
	while (argv[2 + n])
		n++;
	params_set(argv + 2, n);
	return 0;
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
	{ "wait", builtin_wait, false },
	{ "test", builtin_test, false },
	{ "[", builtin_test, false },
	{ "jobs", builtin_jobs, false },
	{ "fg", builtin_fg, false },
	{ "bg", builtin_bg, false },
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
