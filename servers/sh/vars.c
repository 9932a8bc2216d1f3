/*
 * vars.c: the shell's variables (a list: a shell holds a few dozen),
 * which of them are exported, the environment children get, the
 * positional parameters, and the lookup expansion uses, specials
 * ($?, $$, $!, $0) included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct var {
	char *name, *value;
	int exported;
	struct var *next;
};

static struct var *vars;

static struct var *find(const char *name, size_t n)
{
	for (struct var *v = vars; v; v = v->next)
		if (strlen(v->name) == n && !memcmp(v->name, name, n))
			return v;
	return NULL;
}

static char *dup_or_die(const char *s)
{
	char *d = strdup(s);
	if (!d) {
		fputs("sh: out of memory\n", stderr);
		exit(2);
	}
	return d;
}

void vars_init(char **envp)
{
	for (; envp && *envp; envp++) {
		const char *eq = strchr(*envp, '=');
		if (!eq || !sh_is_name(*envp, (size_t)(eq - *envp)))
			continue;
		char *name = dup_or_die(*envp);
		name[eq - *envp] = 0;
		var_set(name, eq + 1, 1);
		free(name);
	}
	if (!var_get("PATH"))
		var_set("PATH", "/bin:/sbin", 1);
	if (!var_get("IFS"))
		var_set("IFS", " \t\n", 0);
}

const char *var_get(const char *name)
{
	struct var *v = find(name, strlen(name));
	return v ? v->value : NULL;
}

void var_set(const char *name, const char *value, int export)
{
	struct var *v = find(name, strlen(name));

	if (!v) {
		v = calloc(1, sizeof(*v));
		if (!v) {
			fputs("sh: out of memory\n", stderr);
			exit(2);
		}
		v->name = dup_or_die(name);
		v->next = vars;
		vars = v;
	} else {
		free(v->value);
	}
	v->value = dup_or_die(value);
	if (export)
		v->exported = 1;
}

void var_unset(const char *name)
{
	for (struct var **p = &vars; *p; p = &(*p)->next) {
		if (!strcmp((*p)->name, name)) {
			struct var *v = *p;
			*p = v->next;
			free(v->name);
			free(v->value);
			free(v);
			return;
		}
	}
}

void var_export(const char *name)
{
	struct var *v = find(name, strlen(name));
	if (v)
		v->exported = 1;
	else
		var_set(name, "", 1);
}

void vars_print_exported(void)
{
	for (struct var *v = vars; v; v = v->next) {
		if (!v->exported)
			continue;
		printf("export %s='", v->name);
		for (const char *s = v->value; *s; s++) {
			if (*s == '\'')
				fputs("'\\''", stdout);
			else
				putchar(*s);
		}
		puts("'");
	}
}

char **vars_environ(char **extra, size_t nextra)
{
	struct strvec env = { 0 };

	for (struct var *v = vars; v; v = v->next) {
		if (!v->exported)
			continue;
		size_t n = strlen(v->name);
		int overridden = 0;
		for (size_t i = 0; i < nextra; i++)
			if (!strncmp(extra[i], v->name, n) && extra[i][n] == '=')
				overridden = 1;
		if (overridden)
			continue;
		char *s = malloc(n + strlen(v->value) + 2);
		if (!s)
			exit(2);
		sprintf(s, "%s=%s", v->name, v->value);
		strvec_push(&env, s);
	}
	for (size_t i = 0; i < nextra; i++)
		strvec_push(&env, dup_or_die(extra[i]));
	if (!env.v)
		strvec_push(&env, dup_or_die("PATH=/bin:/sbin"));
	return env.v;
}

static const char *lookup(void *ctx, const char *name)
{
	static char buf[32];

	(void)ctx;
	switch (name[0]) {
	case '?': snprintf(buf, sizeof(buf), "%d", sh.status); return buf;
	case '$': snprintf(buf, sizeof(buf), "%d", (int)sh.shell_pid); return buf;
	case '!':
		if (!sh.last_bg)
			return NULL;
		snprintf(buf, sizeof(buf), "%d", (int)sh.last_bg);
		return buf;
	case '0': return sh.arg0;
	case '-':         /* the flags: set -e, set -x, interactive */
		snprintf(buf, sizeof(buf), "%s%s%s", sh.errexit ? "e" : "",
			 sh.interactive ? "i" : "", sh.xtrace ? "x" : "");
		return buf;
	}
	return var_get(name);
}

static size_t glob(void *ctx, const char *pattern, struct strvec *out)
{
	(void)ctx;
	return sh_glob(pattern, out);
}

void vars_expand_env(struct expand_env *e)
{
	e->lookup = lookup;
	e->ctx = NULL;
	e->command = command_subst;
	e->glob = glob;
	e->params = sh.params;
	e->nparams = sh.nparams;
	e->ifs = var_get("IFS");
}

void params_set(char **argv, size_t n)
{
	char **p = n ? calloc(n, sizeof(char *)) : NULL;

	for (size_t i = 0; i < n; i++)
		p[i] = dup_or_die(argv[i]);
	for (size_t i = 0; i < sh.nparams; i++)
		free(sh.params[i]);
	free(sh.params);
	sh.params = p;
	sh.nparams = n;
}
