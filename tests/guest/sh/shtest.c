/*
 * shtest: the shell and the commands, run as the system's job
 * (init=/bin/shtest in boot-sh.img, ctest -R guest-sh). Each case runs
 * `/bin/sh -c script` with its standard output and error on a pipe and
 * compares what comes back, and the status, with what is wanted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check.h"

#ifndef PITH_MACHINE
#error "PITH_MACHINE must be given by the build"
#endif

static char out[16384];
static int status;

/* Run sh with argv; input (if any) on its standard input through a
 * pipe; its output (stdout and stderr) in out. */
static bool run_sh(char *const argv[], const char *input)
{
	int p[2], in[2] = { -1, -1 };
	size_t n = 0;

	if (pipe(p) < 0 || (input && pipe(in) < 0))
		return false;
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		if (input) {
			dup2(in[0], 0);
			close(in[0]);
			close(in[1]);
		}
		execv("/bin/sh", argv);
		_exit(99);
	}
	close(p[1]);
	if (input) {
		/* Small scripts: they fit in the pipe whole. */
		close(in[0]);
		if (write(in[1], input, strlen(input)) != (ssize_t)strlen(input))
			return false;
		close(in[1]);
	}
	for (;;) {
		ssize_t r = read(p[0], out + n, sizeof(out) - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	out[n] = 0;
	close(p[0]);
	int ws;
	if (waitpid(pid, &ws, 0) != pid)
		return false;
	status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	return true;
}

/* Run script through sh -c. */
static bool sh(const char *script)
{
	char *const argv[] = { "sh", "-c", (char *)script, NULL };
	return run_sh(argv, NULL);
}

/* Run script; want exactly this output and status. */
static bool expect(const char *script, const char *want, int want_status)
{
	if (!sh(script)) {
		printf("  could not run: %s\n", script);
		return false;
	}
	if (strcmp(out, want) || status != want_status) {
		printf("  script: %s\n  got (status %d): \"%s\"\n  want (status %d): \"%s\"\n",
		       script, status, out, want_status, want);
		return false;
	}
	return true;
}

static bool contains(const char *s)
{
	if (!strstr(out, s)) {
		printf("  \"%s\" not in: \"%s\"\n", s, out);
		return false;
	}
	return true;
}

static bool t_pipeline(void)
{
	CHECK(expect("echo hello | cat | cat", "hello\n", 0));
	CHECK(expect("echo a | cat | cat | cat | cat | cat | cat | cat | cat", "a\n", 0));
	CHECK(expect("false | true", "", 0));
	CHECK(expect("true | false", "", 1));
	CHECK(expect("echo x | nosuch | cat; echo $?", "sh: nosuch: not found\n0\n", 0));
	return true;
}

static bool t_quotes(void)
{
	CHECK(expect("echo 'a  b' \"c  d\" e\\ f 'it''s' \"q\\\"uote\"",
		     "a  b c  d e f its q\"uote\n", 0));
	CHECK(expect("echo '$HOME' \"$HOME\" \\$HOME", "$HOME / $HOME\n", 0));
	CHECK(expect("echo # a comment\necho after", "\nafter\n", 0));
	return true;
}

static bool t_variables(void)
{
	CHECK(expect("X=1; Y='two  words'; echo $X ${Y} \"$Y\"; unset X; echo \"[$X]\"",
		     "1 two words two  words\n[]\n", 0));
	CHECK(expect("V=1 true; echo \"[$V]\"; V=2 sh -c 'echo $V'", "[]\n2\n", 0));
	CHECK(expect("export E=exported; sh -c 'echo $E'; L=local; sh -c 'echo \"[$L]\"'",
		     "exported\n[]\n", 0));
	CHECK(expect("set -- a 'b c' d; echo $# $1 \"$2\"; for x in \"$@\"; do echo \"<$x>\"; done",
		     "3 a b c\n<a>\n<b c>\n<d>\n", 0));
	CHECK(expect("sh -c 'echo $0 $# $2' name one two", "name 2 two\n", 0));
	CHECK(expect("echo ${U:-default} ${#HOME} ${HOME:+set}", "default 1 set\n", 0));
	CHECK(sh("echo $$; sh -c 'echo $$'"));
	int a = 0, b = 0;
	CHECK(sscanf(out, "%d\n%d", &a, &b) == 2 && a > 1 && b > 1 && a != b);
	return true;
}

static bool t_status(void)
{
	CHECK(expect("false; echo $?; true; echo $?", "1\n0\n", 0));
	CHECK(expect("nosuchcmd; echo $?", "sh: nosuchcmd: not found\n127\n", 0));
	CHECK(expect("/bin/noexec.sh; echo $?", "sh: /bin/noexec.sh: Permission denied\n126\n", 0));
	CHECK(expect("/bin; echo $?", "sh: /bin: Is a directory\n126\n", 0));
	CHECK(expect("exit 3", "", 3));
	CHECK(expect("sh -c 'exit 300'; echo $?", "44\n", 0));
	CHECK(expect("! true; echo $?; ! false; echo $?", "1\n0\n", 0));
	return true;
}

static bool t_andor(void)
{
	CHECK(expect("true && echo a || echo b; false && echo c || echo d; false; echo e",
		     "a\nd\ne\n", 0));
	CHECK(expect("false || false || echo third", "third\n", 0));
	CHECK(expect("true && false && echo no", "", 1));
	return true;
}

static bool t_redirect(void)
{
	CHECK(expect("echo hidden > /dev/null; echo shown", "shown\n", 0));
	CHECK(expect("cat /nonexistent 2>/dev/null; echo $?", "1\n", 0));
	CHECK(expect("cat /nonexistent 2>&1 | cat",
		     "cat: /nonexistent: No such file or directory\n", 0));
	CHECK(expect("echo to-stderr >&2 2>/dev/null", "to-stderr\n", 0));
	CHECK(expect("(echo out; echo err >&2) 2>/dev/null", "out\n", 0));
	CHECK(expect("echo x > /bin/cannot; echo $?", "sh: /bin/cannot: Read-only file system\n1\n", 0));
	CHECK(expect("cat < /nonexistent; echo $?",
		     "sh: /nonexistent: No such file or directory\n1\n", 0));
	CHECK(expect("exec 3>&1; echo via3 >&3; exec 3>&-; echo x >&3; echo $?",
		     "via3\nsh: 3: Bad file descriptor\n1\n", 0));
	/* Into /tmp (fs's RAM file system) and back. */
	CHECK(expect("echo one > /tmp/sh.t; echo two >> /tmp/sh.t; cat < /tmp/sh.t; "
		     "echo three > /tmp/sh.t; cat /tmp/sh.t; ls /tmp/sh.t",
		     "one\ntwo\nthree\n/tmp/sh.t\n", 0));
	CHECK(expect("ls /nonexistent 2> /tmp/sh.err; cat /tmp/sh.err; (echo o; echo e >&2) > /tmp/sh.both 2>&1; cat /tmp/sh.both",
		     "ls: /nonexistent: No such file or directory\no\ne\n", 0));
	CHECK(expect("mkdir /tmp/sh.d && cd /tmp/sh.d && echo x > f && ls && pwd; mkdir /tmp/sh.d; echo $?",
		     "f\n/tmp/sh.d\nmkdir: /tmp/sh.d: File exists\n1\n", 0));
	CHECK(expect("mkdir -p /tmp/sh.p/q/r && ls /tmp/sh.p/q", "r\n", 0));
	/* Input from a file: the release line. */
	CHECK(sh("cat < /etc/pith-release"));
	CHECK(contains("Pith ") && contains(PITH_MACHINE));
	return true;
}

static bool t_background(void)
{
	CHECK(expect("sleep 0.1 & echo started; wait $!; echo \"waited $?\"",
		     "started\nwaited 0\n", 0));
	CHECK(expect("sh -c 'exit 7' & wait $!; echo $?", "7\n", 0));
	CHECK(expect("sleep 0.1 & sleep 0.1 & wait; echo all $?", "all 0\n", 0));
	CHECK(expect("sleep 10 & kill $!; wait $!; echo $?", "143\n", 0));
	CHECK(expect("sleep 10 & kill -KILL $!; wait $!; echo $?", "137\n", 0));
	CHECK(expect("sleep 10 & kill -s HUP $!; wait $!; echo $?", "129\n", 0));
	/* Without job control a background job ignores SIGINT (POSIX). */
	CHECK(expect("sleep 0.3 & kill -INT $!; wait $!; echo $?", "0\n", 0));
	CHECK(expect("wait 12345; echo $?",
		     "sh: wait: pid 12345 is not a child of this shell\n127\n", 0));
	return true;
}

static bool t_scripts(void)
{
	CHECK(expect("/bin/hashbang.sh a b; echo $?", "hashbang 2 a b\n5\n", 0));
	CHECK(expect("hashbang.sh x; echo $?", "hashbang 1 x \n5\n", 0));
	CHECK(expect("sh /bin/hashbang.sh one two", "hashbang 2 one two\n", 5));
	CHECK(expect("sh /nonexistent; echo $?",
		     "sh: /nonexistent: No such file or directory\n127\n", 0));
	return true;
}

static bool t_syntax(void)
{
	CHECK(expect("sh -c 'echo ;;'; echo $?", "sh: syntax error: unexpected `;;'\n2\n", 0));
	CHECK(expect("sh -c 'echo \"abc'; echo $?",
		     "sh: syntax error: unterminated quoted string\n2\n", 0));
	CHECK(expect("sh -c 'echo a |'; echo $?", "sh: syntax error: unexpected end of file\n2\n", 0));
	CHECK(expect("sh -c '| echo a'; echo $?", "sh: syntax error: unexpected `|'\n2\n", 0));
	CHECK(expect("sh -c 'echo >'; echo $?", "sh: syntax error: unexpected end of file\n2\n", 0));
	CHECK(expect("sh -c 'if true; then echo x'; echo $?",
		     "sh: syntax error: unexpected end of file\n2\n", 0));
	CHECK(expect("sh -c 'fi'; echo $?", "sh: syntax error: unexpected `fi'\n2\n", 0));
	/* Nothing of a bad script runs: the error is found first. */
	CHECK(expect("sh -c 'echo ran; echo ;;'; echo $?", "sh: syntax error: unexpected `;;'\n2\n", 0));
	return true;
}

static bool t_compound(void)
{
	CHECK(expect("for i in a b c; do echo $i; done", "a\nb\nc\n", 0));
	CHECK(expect("if false; then echo no; elif true; then echo yes; else echo no; fi",
		     "yes\n", 0));
	CHECK(expect("n=; while true; do echo loop; break; done; until true; do echo no; done",
		     "loop\n", 0));
	CHECK(expect("for i in 1 2 3; do if true; then continue; fi; echo no; done; echo end",
		     "end\n", 0));
	CHECK(expect("{ echo a; echo b; } | cat", "a\nb\n", 0));
	return true;
}

static bool t_substitution(void)
{
	CHECK(expect("echo $(echo hi) \"$(echo a; echo b)\" `echo bq`", "hi a\nb bq\n", 0));
	CHECK(expect("for w in $(echo 1 2 3); do echo w$w; done", "w1\nw2\nw3\n", 0));
	CHECK(expect("x=$(false); echo $?; y=$(true); echo $?", "1\n0\n", 0));
	CHECK(expect("echo \"$(echo \"nested $(uname)\")\"", "nested Pith\n", 0));
	CHECK(expect("echo $(nosuch)x", "sh: nosuch: not found\nx\n", 0));
	CHECK(expect("n=$(ls /bin | cat); [ ${#n} -gt 40 ] && echo long", "long\n", 0));
	CHECK(expect("i=0; while [ $i -lt 5 ]; do i=$((i + 1)); done; echo $i $((6 * 7)) $((2 << 3))",
		     "5 42 16\n", 0));
	CHECK(expect("echo $((1 / 0)); echo after",
		     "sh: $((1 / 0)): arithmetic: division by zero\nafter\n", 0));
	CHECK(expect("[ -d /bin ] && [ -f /etc/rc ] && [ -x /bin/sh ] && [ ! -e /nonexistent ] && echo files",
		     "files\n", 0));
	CHECK(expect("[ a = a ] && [ a != b ] && [ -n x ] && [ -z '' ] && test 3 -gt 2 -a 1 -le 1 && echo strings",
		     "strings\n", 0));
	CHECK(expect("[ 1 -eq x ]; echo $?; [ 1 = 1; echo $?; test; echo $?",
		     "sh: test: x: integer expression expected\n2\nsh: [: missing `]'\n2\n1\n", 0));
	return true;
}

static bool t_glob(void)
{
	CHECK(expect("echo /bin/p*", "/bin/poweroff /bin/ps /bin/pstree\n", 0));
	CHECK(expect("echo /etc/[pr]*", "/etc/pith-release /etc/rc\n", 0));
	CHECK(expect("cd /bin; echo ?? *.sh", "ls ps rm sh halt.sh hashbang.sh lib.sh noexec.sh\n", 0));
	CHECK(expect("echo /bin/nomatch* '/bin/p*' \"/bin/p*\"", "/bin/nomatch* /bin/p* /bin/p*\n", 0));
	CHECK(expect("for f in /etc/*; do echo \"<$f>\"; done", "<" "/etc/pith-release>\n</etc/rc>\n", 0));
	return true;
}

static bool t_case_func(void)
{
	CHECK(expect("for f in a.c b.h 'x y' Q '*'; do case $f in *.c) echo \"$f C\";; "
		     "*.h|*.hpp) echo \"$f H\" ;; 'x '*) echo space;; [A-Z]) echo upper;; "
		     "\\*) echo star; esac; done",
		     "a.c C\nb.h H\nspace\nupper\nstar\n", 0));
	CHECK(expect("case x in y) echo no;; esac; echo $?", "0\n", 0));
	CHECK(expect("greet() { echo \"hi $1 ($#)\"; return 3; echo no; }; greet you x; "
		     "echo $? \"[$1]\"", "hi you (2)\n3 []\n", 0));
	CHECK(expect("f() { for i in 1 2 3; do [ $i = 2 ] && return $i; echo i$i; done; }; f; echo $?",
		     "i1\n2\n", 0));
	CHECK(expect("f() { echo in-f; }; f | cat; f > /dev/null; unset -f f; f",
		     "in-f\nsh: f: not found\n", 127));
	CHECK(expect("return 1; echo $?",
		     "sh: return: can only `return' from a function or a . script\n1\n", 0));
	return true;
}

static bool t_read_eval_dot(void)
{
	char *const argv[] = { "sh", "-c",
		"read a b; echo \"[$a][$b]\"; while read -r l; do echo \"<$l>\"; done; "
		"read x; echo eof=$?", NULL };
	CHECK(run_sh(argv, "one two  three\nx\\y\n  lead\n"));
	if (strcmp(out, "[one][two  three]\n<x\\y>\n<lead>\neof=1\n")) {
		printf("  read: \"%s\"\n", out);
		return false;
	}
	CHECK(expect("c='echo evald $HOME'; eval $c; eval 'x=5'; echo $x", "evald /\n5\n", 0));
	CHECK(expect(". /bin/lib.sh; echo $? $libvar $(double 21)", "0 fromlib 42\n", 0));
	CHECK(expect(". /nonexistent; echo $?",
		     "sh: .: /nonexistent: No such file or directory\n1\n", 0));
	return true;
}

static bool t_builtins(void)
{
	CHECK(expect("cd /bin; pwd; cd; pwd; cd /nonexistent; echo $?",
		     "/bin\n/\nsh: cd: /nonexistent: No such file or directory\n1\n", 0));
	CHECK(expect("exec echo replaced; echo notreached", "replaced\n", 0));
	CHECK(expect("export 1bad; echo $?", "sh: export: `1bad': not a valid identifier\n1\n", 0));
	return true;
}

static bool t_commands(void)
{
	CHECK(expect("echo -n a; echo b c", "ab c\n", 0));
	CHECK(expect("true; echo $?; false; echo $?", "0\n1\n", 0));
	CHECK(expect("uname; uname -m; uname -s -m", "Pith\n" PITH_MACHINE "\nPith " PITH_MACHINE "\n", 0));
	CHECK(expect("env -i A=1 B=2", "A=1\nB=2\n", 0));
	CHECK(expect("env -i X=y sh -c 'echo $X'", "y\n", 0));
	CHECK(expect("sleep 0.05; echo slept", "slept\n", 0));
	CHECK(expect("kill -l 143", "TERM\n", 0));
	CHECK(sh("kill -l"));
	CHECK(contains(" 9) SIGKILL\n") && contains("15) SIGTERM\n"));
	CHECK(sh("ls /bin"));
	CHECK(contains("\nsh\n") && contains("\nps\n"));
	CHECK(sh("ls -l /etc/rc"));
	CHECK(contains("-rwxr-xr-x ") && contains(" /etc/rc\n"));
	CHECK(sh("mkfifo /tmp/shfifo && mkfifo -m 600 /tmp/shfifo2 && ls -l /tmp/shfifo /tmp/shfifo2"));
	CHECK(contains("prw-r--r-- ") && contains(" /tmp/shfifo\n") &&
	      contains("prw------- ") && contains(" /tmp/shfifo2\n"));
	CHECK(expect("mkfifo /tmp/shfifo; echo $?; rm /tmp/shfifo /tmp/shfifo2",
		     "mkfifo: /tmp/shfifo: File exists\n1\n", 0));
	/* Two commands meeting at a FIFO: the reader waits in open. */
	CHECK(expect("mkfifo /tmp/shf; cat /tmp/shf & echo through >/tmp/shf; wait; rm /tmp/shf",
		     "through\n", 0));
	CHECK(expect("ls /nonexistent; echo $?", "ls: /nonexistent: No such file or directory\n1\n", 0));
	CHECK(expect("cat /etc/rc /nonexistent >/dev/null; echo $?",
		     "cat: /nonexistent: No such file or directory\n1\n", 0));
	return true;
}

static bool t_ps(void)
{
	CHECK(sh("ps"));
	CHECK(contains("  PID  PPID   UID STAT PRI  NI POLICY NLWP     TIME COMMAND\n"));
	CHECK(contains(" shtest\n") && contains(" sh\n") && contains(" ps\n"));
	/* ps itself runs; the shell waits for it (in wait4). */
	CHECK(contains(" R     20   0 TS        1     0:00 ps\n"));
	CHECK(contains(" S     20   0 TS        1     0:00 sh\n"));
	CHECK(contains("    1     0     0 "));
	/* The servers, without pids: procsrv and fs at level 139, FIFO. */
	CHECK(contains("    -     -     0 ") && contains(" 139   0 FF        1 ") &&
	      contains(" [procsrv]\n") && contains(" [fs]\n"));
	CHECK(contains(" TS "));
	CHECK(sh("pstree"));
	CHECK(!strncmp(out, "shtest(1)\n", 10));
	CHECK(contains("`-sh(") && contains("`-pstree("));
	CHECK(expect("pstree 99999; echo $?", "pstree: no process 99999\n1\n", 0));
	return true;
}

static bool t_sched(void)
{
	CHECK(sh("nice -n 5 sh -c 'renice -n 2 -p $$'"));
	CHECK(contains("(process ID) old priority 5, new priority 7\n"));
	CHECK(sh("chrt -p 1"));
	CHECK(contains("pid 1's current scheduling policy: SCHED_OTHER\n") &&
	      contains("pid 1's current scheduling priority: 0\n"));
	CHECK(sh("chrt -f 10 sh -c 'chrt -p $$'"));
	CHECK(contains("policy: SCHED_FIFO\n") && contains("priority: 10\n"));
	CHECK(expect("renice 5 -p 99999 2>/dev/null; echo $?", "1\n", 0));
	CHECK(sh("sh -c 'chrt -r -p 7 $$; chrt -p $$'"));
	CHECK(contains("policy: SCHED_RR\n") && contains("priority: 7\n"));
	CHECK(expect("chrt -f -p 200 1; echo $?",
		     "chrt: failed to set pid 1's policy: Invalid argument\n1\n", 0));
	/* Groups and users: this test's own group (shtest, its shells). */
	CHECK(expect("renice 4 -g 0", "0 (process group ID) old priority 0, new priority 4\n", 0));
	CHECK(expect("renice -n 1 -u 0", "0 (user ID) old priority 4, new priority 5\n", 0));
	return true;
}

/* A signal's end of a foreground command is told, as other shells do. */
static bool t_signal_report(void)
{
	CHECK(expect("sh -c 'kill -TERM $$'; echo $?", "Terminated\n143\n", 0));
	CHECK(expect("sh -c 'kill -KILL $$'; echo $?", "Killed\n137\n", 0));
	/* SIGPIPE, a pipeline's normal end, is not. */
	CHECK(expect("sh -c 'kill -PIPE $$'; echo $?", "141\n", 0));
	return true;
}

/* Interactive (-i, its input a pipe here): prompts on stderr, a stopped
 * foreground job reported and kept, jobs lists it, fg continues it. */
static bool t_interactive(void)
{
	char *const argv[] = { "sh", "-i", NULL };
	CHECK(run_sh(argv, "echo hi\nsh -c 'kill -STOP $$; echo resumed'\necho st=$?\n"
			    "jobs\nfg\necho fg=$?\nfi\necho still here\nexit 4\n"));
	const char *want =
		"# hi\n"
		"# \n[1]+ Stopped  sh -c 'kill -STOP $$; echo resumed'\n"
		"# st=147\n"
		"# [1]  Stopped  sh -c 'kill -STOP $$; echo resumed'\n"
		"# sh -c 'kill -STOP $$; echo resumed'\nresumed\n"
		"# fg=0\n"
		"# sh: syntax error: unexpected `fi'\n"
		"# still here\n"
		"# ";
	if (strcmp(out, want) || status != 4) {
		printf("  got (status %d): \"%s\"\n  want (status 4): \"%s\"\n", status,
		       out, want);
		return false;
	}
	return true;
}

/* libc's calls that run the shell: system, popen, pclose. */
static bool t_libc_shell(void)
{
	char line[64];

	CHECK(system(NULL) != 0);
	int st = system("exit 3");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
	st = system("kill -TERM $$");
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	FILE *f = popen("echo hello | cat", "r");
	CHECK(f != NULL);
	CHECK(fgets(line, sizeof(line), f) && !strcmp(line, "hello\n"));
	CHECK(!fgets(line, sizeof(line), f));
	CHECK(pclose(f) == 0);
	f = popen("cat > /dev/null; exit 4", "w");
	CHECK(f != NULL);
	CHECK(fputs("swallowed\n", f) >= 0);
	st = pclose(f);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4);
	CHECK(popen("true", "x") == NULL && errno == EINVAL);
	CHECK(pclose(stdin) == -1 && errno == ECHILD);
	return true;
}

/* TIOCSCTTY, how the console's shell takes the terminal from init's
 * session: only a session leader; from a live session only root asking
 * to steal. (This test is pid 1, the leader of the terminal's session.) */
static int sctty_child(int drop, long arg)
{
	pid_t c = fork();

	if (c == 0) {
		if (drop >= 0 && setsid() < 0)
			_exit(90);
		if (drop > 0 && setuid(1000) < 0)
			_exit(91);
		_exit(ioctl(0, TIOCSCTTY, arg) == 0 ? 0 : errno == EPERM ? 1 : 92);
	}
	int ws;
	if (c < 0 || waitpid(c, &ws, 0) != c || !WIFEXITED(ws))
		return -1;
	return WEXITSTATUS(ws);
}

static bool t_sctty(void)
{
	CHECK(isatty(0));
	CHECK(ioctl(0, TIOCSCTTY, 0) == 0);         /* already ours */
	CHECK(tcgetsid(0) == 1);
	CHECK(sctty_child(-1, 1) == 1);              /* not a session leader */
	CHECK(sctty_child(1, 1) == 1);               /* a user cannot steal */
	CHECK(sctty_child(0, 0) == 1);               /* root must ask to */
	CHECK(sctty_child(0, 1) == 0);               /* root steals it... */
	CHECK(tcgetsid(0) < 0 && errno == ENOTTY);   /* ...from us */
	CHECK(ioctl(0, TIOCSCTTY, 0) == 0);         /* its session is gone */
	CHECK(tcgetsid(0) == 1 && tcgetpgrp(0) == getpgrp());
	CHECK(ioctl(1 << 20, TIOCSCTTY, 0) < 0 && errno == EBADF);
	return true;
}

/* Each command's usage line and status 2 on bad arguments. */
static bool t_usage(void)
{
	static const char *const bad[] = {
		"ps -z", "pstree x", "kill", "kill -NOSUCH 1", "renice", "renice x 1",
		"nice -n", "nice", "chrt", "chrt -p x", "sleep", "sleep x", "cat -z",
		"ls -z", "env -z", "uname -z", "halt now", "poweroff now", "mkdir",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(sh(bad[i]));
		if (status != 2 || !strstr(out, "usage: ")) {
			printf("  %s: status %d, \"%s\"\n", bad[i], status, out);
			return false;
		}
	}
	return true;
}

static bool t_halt_needs_root(void)
{
	/* As a user, halt must fail (EPERM) and the system go on. */
	pid_t pid = fork();
	if (pid == 0) {
		if (setuid(1000) < 0)
			_exit(98);
		execl("/bin/halt", "halt", (char *)NULL);
		_exit(99);
	}
	int ws;
	CHECK(waitpid(pid, &ws, 0) == pid && WIFEXITED(ws) && WEXITSTATUS(ws) == 1);
	return true;
}

/* Here-documents: expanded unless the word is quoted, <<- strips tabs,
 * several on a line in order, in functions, loops and pipelines, from
 * a script read on stdin; bad ones are syntax errors (status 2). */
static bool t_heredoc(void)
{
	CHECK(expect("x=world; cat <<EOF\nhello $x $(echo sub) $((6*7))\n\"q\" 'q' \\$x \\\\\nEOF\necho after",
		     "hello world sub 42\n\"q\" 'q' $x \\\nafter\n", 0));
	CHECK(expect("x=1; cat <<'EOF'\n$x $(nope) \\$\nEOF", "$x $(nope) \\$\n", 0));
	CHECK(expect("cat <<E\\OF\n$x\nEOF", "$x\n", 0));
	CHECK(expect("cat <<-EOF\n\t\tindented\n\tEOF\necho done", "indented\ndone\n", 0));
	CHECK(expect("cat <<A; cat <<B\none\nA\ntwo\nB", "one\ntwo\n", 0));
	CHECK(expect("{ cat; cat <&3; } <<A 3<<B\n1\nA\n2\nB", "1\n2\n", 0));
	CHECK(expect("f() { cat <<E\n[$1]\nE\n}; f arg; for i in 1 2; do cat <<E; done | "
		     "while read l; do echo \"<$l>\"; done\n$i\nE", "[arg]\n<1>\n<2>\n", 0));
	CHECK(expect("read a b <<E; echo \"$b $a\"\none two\nE", "two one\n", 0));
	CHECK(expect("cat <<E\nline1 \\\ncontinued\nE", "line1 continued\n", 0));
	/* A body longer than a pipe holds, written while cat reads. */
	CHECK(expect("i=0; s=0123456789; while [ $i -lt 11 ]; do s=$s$s; i=$((i+1)); done; "
		     "eval \"x=\\$(cat <<E\n$s\nE\n)\"; echo ${#x}", "20480\n", 0));
	char *const argv[] = { "sh", NULL };
	CHECK(run_sh(argv, "cat <<END\nfrom stdin $((1+1))\nEND\necho next\n"));
	if (strcmp(out, "from stdin 2\nnext\n") || status != 0) {
		printf("  stdin: (status %d) \"%s\"\n", status, out);
		return false;
	}
	CHECK(expect("echo before; cat <<EOF\nno end\n",
		     "sh: syntax error: here-document without its `EOF' line\n", 2));
	CHECK(expect("cat <<\necho x", "sh: syntax error: unexpected newline\n", 2));
	CHECK(expect("cat <<", "sh: syntax error: unexpected end of file\n", 2));
	CHECK(expect("cat <<E\n${x\nE\necho $?", "sh: here-document: bad substitution\n1\n", 0));
	return true;
}

/* set -e with its exceptions, set -x, set -o, $-. */
static bool t_set_options(void)
{
	CHECK(expect("set -e; echo a; false; echo b", "a\n", 1));
	CHECK(expect("set -e; if false; then :; fi; while false; do :; done; "
		     "until true; do :; done; ! true; false || true; false && true; echo ok",
		     "ok\n", 0));
	CHECK(expect("set -e; true && false; echo no", "", 1));
	CHECK(expect("set -e; false | true; true | false; echo no", "", 1));
	CHECK(expect("set -e; (exit 3); echo no", "", 3));
	CHECK(expect("set -e; x=$(false); echo no", "", 1));
	CHECK(expect("set -e; f() { false; echo in-f; }; if f; then echo then; fi; f; echo no",
		     "in-f\nthen\n", 1));
	CHECK(expect("set -e; { false; echo no; }; echo no", "", 1));
	CHECK(expect("set -e; set +e; false; echo on; set -o errexit; sh -c 'exit 4'; echo no",
		     "on\n", 4));
	CHECK(expect("sh -e -c 'false; echo no'; echo $?", "1\n", 0));
	CHECK(expect("set -x; x=1; echo \"$x  y\"; set +x; echo quiet",
		     "+ x=1\n+ echo 1  y\n1  y\n+ set +x\nquiet\n", 0));
	CHECK(expect("PS4='>$x> '; x=1; set -o xtrace; : a b", ">1> : a b\n", 0));
	CHECK(expect("PS4='$(echo S) '; set -x; : a", "S : a\n", 0));
	CHECK(expect("echo \"[$-]\"; set -ex; echo \"[$-]\"; set +ex; echo \"[${-}]\"",
		     "[]\n+ echo [ex]\n[ex]\n+ set +ex\n[]\n", 0));
	CHECK(expect("set -o; set +o", "errexit     off\nxtrace      off\nset +o errexit\nset +o xtrace\n", 0));
	CHECK(expect("set -e a b; echo $# $1 $2", "2 a b\n", 0));
	CHECK(expect("set -q; echo $?", "sh: set: -q: unknown option\n2\n", 0));
	CHECK(expect("set -o nosuch; echo $?", "sh: set: nosuch: unknown option name\n2\n", 0));
	return true;
}

/* trap: actions between commands, EXIT, reset, ignore (inherited),
 * the listing read back, numbers, bad names. */
static bool t_trap(void)
{
	CHECK(expect("trap 'echo got USR1 $?' USR1; false; kill -USR1 $$; echo after",
		     "got USR1 0\nafter\n", 0));
	CHECK(expect("trap 'echo bye $?' EXIT; echo hi; exit 3", "hi\nbye 3\n", 3));
	CHECK(expect("trap 'echo bye' 0; false", "bye\n", 1));
	CHECK(expect("trap 'echo in-exit; exit 5' EXIT; true", "in-exit\n", 5));
	CHECK(expect("set -e; trap 'echo cleanup' EXIT; false; echo no", "cleanup\n", 1));
	CHECK(expect("trap 'echo term' TERM; kill $$; echo alive; trap - TERM; kill $$; echo no",
		     "term\nalive\n", 143));
	CHECK(expect("trap 'echo int' 2; kill -INT $$; trap 2; kill -INT $$; echo no", "int\n", 130));
	CHECK(expect("trap '' USR2; kill -USR2 $$; sh -c 'kill -USR2 $$; echo child lives'; echo ok",
		     "child lives\nok\n", 0));
	/* Ignored on entry: a non-interactive shell cannot trap it. */
	CHECK(expect("trap '' USR2; sh -c 'trap \"echo no\" USR2; kill -USR2 $$; trap; echo kept'",
		     "kept\n", 0));
	CHECK(expect("trap 'echo h' HUP; trap 'echo it'\"'\"'s' SIGQUIT; trap '' usr1; trap; "
		     "trap - HUP; eval \"$(trap)\"; trap",
		     "trap -- 'echo h' HUP\ntrap -- 'echo it'\\''s' QUIT\ntrap -- '' USR1\n"
		     "trap -- 'echo it'\\''s' QUIT\ntrap -- '' USR1\n", 0));
	CHECK(expect("trap 'echo h' HUP; x=$(trap); trap - HUP; eval \"$x\"; trap",
		     "trap -- 'echo h' HUP\n", 0));
	/* Every child ending, echo (a program) too; not those of the action. */
	CHECK(expect("trap 'echo chld' CHLD; sh -c :; echo after", "chld\nafter\nchld\n", 0));
	/* A subshell: the parent's trap is listed, the signal acted on
	 * by the parent after the subshell ends. */
	CHECK(expect("trap 'echo sub' USR1; (trap; kill -USR1 $$; echo in-sub); echo $?",
		     "trap -- 'echo sub' USR1\nin-sub\nsub\n0\n", 0));
	/* wait ends with 128 + the signal, the action runs after it. */
	CHECK(expect("trap 'echo w' USR1; sleep 5 & p=$!; (sleep 0.2; kill -USR1 $$) & "
		     "wait $p; echo $?; kill $p", "w\n138\n", 0));
	/* Interactive: SIGINT caught, then reset to the shell's own ignore. */
	char *const argv[] = { "sh", "-i", NULL };
	CHECK(run_sh(argv, "trap 'echo caught' INT; kill -INT $$; echo after\n"
			    "trap - INT; kill -INT $$; echo still\n"));
	if (strcmp(out, "# caught\nafter\n# still\n# exit\n") || status != 0) {
		printf("  interactive: (status %d) \"%s\"\n", status, out);
		return false;
	}
	CHECK(expect("trap 'echo x' NOSUCH; echo $?", "sh: trap: NOSUCH: bad signal\n1\n", 0));
	CHECK(expect("trap 'echo x' 99 INT; echo $?; trap", "sh: trap: 99: bad signal\n1\n"
		     "trap -- 'echo x' INT\n", 0));
	CHECK(expect("trap 'echo x'; echo $?", "sh: trap: usage: trap [action condition...]\n2\n", 0));
	return true;
}

int main(void)
{
	static const struct guest_test tests[] = {
		{ "sh_pipeline", t_pipeline },
		{ "sh_quotes", t_quotes },
		{ "sh_variables", t_variables },
		{ "sh_status", t_status },
		{ "sh_andor", t_andor },
		{ "sh_redirect", t_redirect },
		{ "sh_background", t_background },
		{ "sh_scripts", t_scripts },
		{ "sh_syntax", t_syntax },
		{ "sh_compound", t_compound },
		{ "sh_substitution_arith_test", t_substitution },
		{ "sh_glob", t_glob },
		{ "sh_case_functions", t_case_func },
		{ "sh_read_eval_dot", t_read_eval_dot },
		{ "sh_builtins", t_builtins },
		{ "sh_heredoc", t_heredoc },
		{ "sh_set_options", t_set_options },
		{ "sh_trap", t_trap },
		{ "sh_signal_report", t_signal_report },
		{ "sh_interactive", t_interactive },
		{ "libc_system_popen", t_libc_shell },
		{ "tty_sctty", t_sctty },
		{ "cmd_basic", t_commands },
		{ "cmd_ps_pstree", t_ps },
		{ "cmd_sched", t_sched },
		{ "cmd_usage", t_usage },
		{ "cmd_halt_needs_root", t_halt_needs_root },
	};

	return guest_run_tests(GUEST_TESTS(tests), NULL);
}
