/*
 * sh: the shell's internal interface (the language itself is parse.h).
 *
 *   lex.c, parse.c  tokens and the syntax tree (host-tested)
 *   expand.c        word expansion (host-tested)
 *   vars.c          variables, the environment, positional parameters
 *   exec.c          running a tree: commands, pipelines, loops
 *   subst.c         command substitution, $(...) and `...`
 *   redir.c         redirections, and undoing them for the shell itself
 *   jobs.c          background and stopped jobs, waiting, job control,
 *                   a command's text for job messages
 *   arith.c         $((...)) (host-tested)
 *   glob.c          pathname expansion: *, ?, [...] (host-tested)
 *   builtins.c      cd, exit, export, unset, wait, exec, set, shift, ...
 *   test.c          the test and [ builtins
 *   func.c          shell functions and return
 *   trap.c          trap, signals caught between commands, the exit
 *   main.c          arguments, reading input, the prompt
 */
#ifndef SH_H
#define SH_H

#include <stdbool.h>
#include <sys/types.h>

#include "parse.h"

struct shell {
	bool interactive;     /* stdin a terminal, no script: prompts, job control */
	int status;           /* $? */
	pid_t shell_pid;      /* $$ */
	pid_t last_bg;        /* $! (0: none yet) */
	pid_t pgid;           /* the shell's own process group */
	char *arg0;           /* $0 */
	char **params;        /* $1.. (malloc'ed strings) */
	size_t nparams;
	int loop_depth;       /* for break / continue */
	int breaking;         /* levels left to break out of */
	int continuing;       /* levels left before a continue */
	bool forked;          /* this process is a subshell of the shell */
	int subst_status;     /* the last $(...)'s status in the command
				 being expanded, -1: none (subst.c) */
	int func_depth;       /* functions (and . scripts) being run */
	bool returning;       /* `return' ran: unwind to the call */
	bool keep_tree;       /* a function was defined: keep this tree */
	bool errexit;         /* set -e */
	bool xtrace;          /* set -x */
	int no_errexit;       /* > 0: in an if/while/until condition, under
				 `!' or left of && ||: -e does not apply */
};

extern struct shell sh;

/* vars.c */
void vars_init(char **envp);
const char *var_get(const char *name);
/* Set NAME to value (copied); export: 1 export it, 0 leave the flag. */
void var_set(const char *name, const char *value, int export);
void var_unset(const char *name);
void var_export(const char *name);
void vars_print_exported(void);
/* The environment for a child: exported variables, overridden by the
 * NAME=value strings in extra (a command's assignments). malloc'ed. */
char **vars_environ(char **extra, size_t nextra);
/* The expansion context over the shell's variables. */
void vars_expand_env(struct expand_env *e);
void params_set(char **argv, size_t n);

/* exec.c */
/* Run a tree; returns its exit status (also left in sh.status). */
int run(struct node *n);
/* Run a node; forked: this is a child made for it, which may exec the
 * last command itself rather than fork again. */
int run_node(struct node *n, bool forked);

/* subst.c: command substitution: run text in a subshell, its output
 * (malloc'ed) back; the expansion context's callback. */
char *command_subst(void *ctx, const char *text);

/* redir.c */
/* Apply a command's redirections. save: remember what they replace, to
 * be undone by redir_restore (builtins, compound commands in the shell
 * itself). Returns 0, or -1 after reporting the error. */
struct saved_fd;
int redir_apply(struct redir *r, struct saved_fd **save);
void redir_restore(struct saved_fd *save);
/* In a child: execute argv[0] with PATH search; on failure report and
 * _exit with 127 (not found) or 126 (not executable). */
_Noreturn void exec_command(char **argv, char **envp);
/* The exit status the shell gives a wait status (128 + signal). */
int status_of(int wstatus);

/* jobs.c */
#define JOBS_MAX 32
void jobs_child_signals(bool background);   /* in a new child */
void jobs_shell_signals(void);              /* the interactive shell */
/* Register a job (its process group pgid, pids); announce: say "[n] pid"
 * (a background job just started, interactively). Its number, or 0 when
 * the table is full. */
int job_add(pid_t pgid, const pid_t *pids, size_t n, const char *text,
	    bool announce);
/* Wait for a foreground job's processes; gives it the terminal while it
 * runs (interactive); a stopped job goes to the job table. Returns the
 * status of the last process. */
int job_wait_fg(pid_t pgid, const pid_t *pids, size_t n, const char *text);
/* Report background jobs that ended (interactive, before a prompt). */
void jobs_notify(void);
/* A readable text of a command, for job messages (at most len bytes). */
void node_text(const struct node *n, char *buf, size_t len);
int builtin_wait(char **argv);
int builtin_jobs(char **argv);
int builtin_fg(char **argv);
int builtin_bg(char **argv);

/* test.c: test and [ */
int builtin_test(char **argv);

/* func.c: shell functions */
void func_define(const char *name, struct node *body);
struct node *func_find(const char *name);
void func_unset(const char *name);
/* Run a function with argv[1..] as its $1..; its status. */
int func_call(struct node *body, char **argv);
int builtin_return(char **argv);

/* builtins.c */
typedef int (*builtin_fn)(char **argv);
builtin_fn builtin_find(const char *name);
/* Special builtins keep their assignments and redirection errors end a
 * non-interactive shell (POSIX 2.14); we honour the first part only. */
bool builtin_is_special(const char *name);

/* trap.c */
/* Note the signals ignored when the shell started (first thing in main). */
void trap_init(void);
int builtin_trap(char **argv);
/* Run the actions of the trapped signals that came (between commands). */
void trap_run_pending(void);
/* A trapped signal that came and is not yet acted on, or 0. */
int trap_signal_pending(void);
/* In a new child: caught signals back to default, no EXIT trap. */
void trap_subshell(void);
/* Is sig ignored by `trap '' sig'? */
bool trap_ignored(int sig);
/* The shell's exit: the EXIT trap, then exit(status). */
_Noreturn void sh_exit(int status);

/* main.c */
/* Parse and run a string (sh -c, eval) or a file (sh file, .) as a
 * script; the status. sh_run_file: -1 with errno if it cannot be read. */
int sh_run_string(const char *text);
int sh_run_file(const char *path);

/* Report an error as "sh: ..." on stderr. */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
