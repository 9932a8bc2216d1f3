/*
 * servers/init: the inittab parser (inittab.c) and init's schedule
 * (plan.c). Every input is copied into a malloc'd buffer of its exact
 * length, so ASan catches a read past the end of the text; the parser is
 * also fed bounded random input. The plan is driven by a fake clock and
 * fake pids: the order entries start in, respawns, the rate limiter,
 * orphans.
 */
#define _POSIX_C_SOURCE 200809L /* strnlen */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

#include "inittab.h"
#include "plan.h"

/* ---- parsing helpers ----------------------------------------------------- */

#define LOG_MAX 64

struct log {
	unsigned n;
	unsigned line[LOG_MAX];
	enum inittab_err kind[LOG_MAX];
	char text[LOG_MAX][16];
};

static void log_error(void *ctx, const struct inittab_error *e)
{
	struct log *l = ctx;

	if (l->n == LOG_MAX)
		return;
	l->line[l->n] = e->line;
	l->kind[l->n] = e->kind;
	snprintf(l->text[l->n], sizeof(l->text[0]), "%.*s",
		 (int)(e->len < 15 ? e->len : 15), e->text ? e->text : "");
	l->n++;
}

static struct inittab tab;
static struct log lg;

/* Parse len bytes of s from an exact-size heap copy. */
static unsigned parse_n(const char *s, size_t len)
{
	char *copy = malloc(len ? len : 1);
	unsigned rejected;

	memcpy(copy, s, len);
	memset(&lg, 0, sizeof(lg));
	rejected = inittab_parse(&tab, copy, len, log_error, &lg);
	/* The report's text points into the caller's buffer: log_error has
	 * copied what it needs before the buffer goes. */
	free(copy);
	CHECK_EQ(rejected, lg.n);
	return rejected;
}

static unsigned parse(const char *s)
{
	return parse_n(s, strlen(s));
}

/* The i-th report was of line `want_line`, for `want_kind`. */
#define CHECK_REPORT(i, want_line, want_kind)                           \
	do {                                                            \
		CHECK_EQ(lg.line[i], want_line);                        \
		CHECK_EQ(lg.kind[i], want_kind);                        \
	} while (0)

/* The text is exactly one bad line at `want_line`, for `want_kind`. */
#define CHECK_ONE_ERROR(s, want_line, want_kind)                        \
	do {                                                            \
		parse(s);                                               \
		CHECK_EQ(lg.n, 1);                                      \
		CHECK_REPORT(0, want_line, want_kind);                  \
	} while (0)

static const struct inittab_entry *find(const char *id)
{
	for (size_t i = 0; i < tab.count; i++)
		if (strcmp(tab.entry[i].id, id) == 0)
			return &tab.entry[i];
	return NULL;
}

/* Entry id is there, with this action and process; NULL if not there. */
static const struct inittab_entry *expect_entry(const char *id,
						enum inittab_action a,
						const char *process)
{
	const struct inittab_entry *e = find(id);

	CHECK(e != NULL);
	if (!e)
		return NULL;
	CHECK_EQ(e->action, a);
	CHECK_STR(e->process, process);
	return e;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	static char buf[8192];

	*len = 0;
	if (!f)
		return NULL;
	*len = fread(buf, 1, sizeof(buf) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* ---- good files ---------------------------------------------------------- */

static void test_default_inittab(void)
{
	size_t len;
	char *s = read_file(PITH_INIT_DIR "/inittab", &len);

	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_EQ(parse_n(s, len), 0);
	CHECK_EQ(tab.count, 3);
	CHECK(tab.has_initdefault);
	CHECK_EQ(tab.runlevel, '3');
	expect_entry("rc", INITTAB_SYSINIT, "/etc/rc");
	const struct inittab_entry *co =
		expect_entry("co", INITTAB_RESPAWN, "/bin/sh");
	if (!co)
		return;
	CHECK(inittab_in_runlevel(co, '3') && inittab_in_runlevel(co, '5'));
	CHECK(!inittab_in_runlevel(co, '1') && !inittab_in_runlevel(co, 'S'));
}

static void test_test_inittab(void)
{
	size_t len, n = 0;
	char *s = read_file(PITH_INIT_DIR "/inittab.test.in", &len);
	char out[8192];
	const char *at;
	static const char key[] = "@PITH_TEST_PROGRAM@";
	int subs = 0;

	CHECK(s != NULL);
	if (!s)
		return;
	/* Substitute every @PITH_TEST_PROGRAM@, as configure_file will. */
	while ((at = strstr(s, key)) != NULL) {
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%.*s%s",
				      (int)(at - s), s, "/bin/test_posix -v");
		s = (char *)at + strlen(key);
		subs++;
	}
	snprintf(out + n, sizeof(out) - n, "%s", s);
	CHECK(subs >= 1);
	CHECK_EQ(parse(out), 0);
	const struct inittab_entry *t =
		expect_entry("t", INITTAB_WAIT, "/bin/test_posix -v");
	const struct inittab_entry *po =
		expect_entry("po", INITTAB_WAIT, "/bin/poweroff");
	CHECK(t && po && t < po); /* the test first, then the power-off */
}

static void test_layout(void)
{
	/* Comments, blank and blank-only lines, indented comments, CRLF, a
	 * process with colons and blanks, no final newline. */
	static const char s[] =
		"# comment\r\n"
		"\r\n"
		"   \t \n"
		"  # indented comment: a:b:c\n"
		"x1:S:once:  /bin/echo a:b  c \t\r\n"
		"  x2::respawn:/bin/sh\n"
		"#\n"
		"x3:0123456789S:wait:/bin/true";
	CHECK_EQ(parse(s), 0);
	CHECK_EQ(tab.count, 3);
	CHECK(!tab.has_initdefault);
	CHECK_EQ(tab.runlevel, INITTAB_DEFAULT_RUNLEVEL);
	CHECK_STR(tab.entry[0].id, "x1");
	CHECK_EQ(tab.entry[0].line, 5);
	CHECK_EQ(tab.entry[0].runlevels, INITTAB_RL_S);
	CHECK_STR(tab.entry[0].process, "/bin/echo a:b  c");
	CHECK(inittab_in_runlevel(&tab.entry[0], 's'));
	CHECK_EQ(tab.entry[1].line, 6);
	CHECK_EQ(tab.entry[1].runlevels, INITTAB_RL_ALL); /* empty: all */
	CHECK_EQ(tab.entry[2].line, 8);
	CHECK_EQ(tab.entry[2].runlevels, INITTAB_RL_ALL);
	CHECK_STR(tab.entry[2].process, "/bin/true");

	CHECK_EQ(parse(""), 0);
	CHECK_EQ(tab.count, 0);
	CHECK_EQ(parse("\n\n#\n"), 0);
	CHECK_EQ(tab.count, 0);
	CHECK_EQ(parse("id:s:initdefault:\r"), 0);
	CHECK_EQ(tab.runlevel, 'S');
	/* Every action name, and ids of 1 and 4 printable characters. */
	CHECK_EQ(parse("a:1:sysinit:/a\nb:1:boot:/b\nc:1:bootwait:/c\n"
		       "d:1:wait:/d\ne:1:once:/e\nf:1:respawn:/f\n"
		       "g:1:off:/g\n~!@%:1:initdefault:\n"), 0);
	CHECK_EQ(tab.count, 8);
	for (size_t i = 0; i < tab.count; i++)
		CHECK_EQ(tab.entry[i].action, (enum inittab_action)i);
	CHECK_STR(inittab_action_name(tab.entry[5].action), "respawn");
	CHECK_EQ(tab.runlevel, '1');
}

/* ---- malformed lines ----------------------------------------------------- */

/* Texts with exactly one bad line, where, and what is wrong with it. */
static const struct {
	const char *text;
	unsigned line;
	enum inittab_err kind;
} bad_lines[] = {
	{ "a:3\n", 1, INITTAB_ERR_FIELDS },
	{ "just words\n", 1, INITTAB_ERR_FIELDS },
	{ "#\n:3:once:/x\n", 2, INITTAB_ERR_ID_EMPTY },
	{ "a b:3:once:/x\n", 1, INITTAB_ERR_ID_CHAR },
	{ "\xc3\xa9:3:once:/x\n", 1, INITTAB_ERR_ID_CHAR },
	{ "a:A:once:/x\n", 1, INITTAB_ERR_RUNLEVEL_CHAR },
	{ "a: 3:once:/x\n", 1, INITTAB_ERR_RUNLEVEL_CHAR },
	{ "a:012345678901:once:/x\n", 1, INITTAB_ERR_RUNLEVELS_LONG },
	{ "a:3:Respawn:/x\n", 1, INITTAB_ERR_ACTION_UNKNOWN },
	{ "a:3::/x\n", 1, INITTAB_ERR_ACTION_UNKNOWN },
	{ "a:3:ctrlaltdel:/sbin/shutdown\n", 1, INITTAB_ERR_ACTION_UNSUPPORTED },
	{ "a:3:once:\n", 1, INITTAB_ERR_PROCESS_EMPTY },
	{ "a:3:off: \t \n", 1, INITTAB_ERR_PROCESS_EMPTY },
	{ "id::initdefault:\n", 1, INITTAB_ERR_INITDEFAULT_RUNLEVEL },
	{ "id:35:initdefault:\n", 1, INITTAB_ERR_INITDEFAULT_RUNLEVEL },
	{ "a:3:once:/x\ry\n", 1, INITTAB_ERR_CONTROL },
	{ "a:3:once:/x\x1b[m\n", 1, INITTAB_ERR_CONTROL },
	{ "a:3:once:/x\x7f\n", 1, INITTAB_ERR_CONTROL },
	/* Only the last CR of a line is CRLF's. */
	{ "a:3:once:/x\r\r\n", 1, INITTAB_ERR_CONTROL },
};

static void test_malformed(void)
{
	for (size_t i = 0; i < sizeof(bad_lines) / sizeof(bad_lines[0]); i++) {
		CHECK_ONE_ERROR(bad_lines[i].text, bad_lines[i].line,
				bad_lines[i].kind);
		CHECK_EQ(tab.count, 0);
	}
	/* The cases that say more about what is kept or quoted. */
	CHECK_ONE_ERROR("a:3:once:/x\nb:3:once\n", 2, INITTAB_ERR_FIELDS);
	CHECK_EQ(tab.count, 1); /* the rest is kept */
	CHECK_ONE_ERROR("abcde:3:once:/x\n", 1, INITTAB_ERR_ID_LONG);
	CHECK_STR(lg.text[0], "abcde");
	CHECK_ONE_ERROR("a:3:once:/x\nb:3:once:/y\na:2:once:/z\n", 3,
			INITTAB_ERR_ID_DUP);
	CHECK_EQ(tab.count, 2);
	CHECK_STR(find("a")->process, "/x"); /* the first one wins */
	CHECK_ONE_ERROR("a:3x:once:/x\n", 1, INITTAB_ERR_RUNLEVEL_CHAR);
	CHECK_STR(lg.text[0], "x");
	CHECK_ONE_ERROR("\n\n\na:3:respwn:/x\n", 4, INITTAB_ERR_ACTION_UNKNOWN);
	CHECK_STR(lg.text[0], "respwn");
	CHECK_ONE_ERROR("id:3:initdefault:/bin/sh\n", 1,
			INITTAB_ERR_INITDEFAULT_PROCESS);
	CHECK(!tab.has_initdefault);
	CHECK_EQ(tab.runlevel, INITTAB_DEFAULT_RUNLEVEL);
	CHECK_ONE_ERROR("id:2:initdefault:\nd2:5:initdefault:\n", 2,
			INITTAB_ERR_INITDEFAULT_DUP);
	CHECK_EQ(tab.runlevel, '2');

	/* One error a line, the first in field order, and the line after a
	 * bad one is still read. */
	parse("toolong:3x:bogus:\n"      /* 1: id first */
	      "ok:3:once:/ok\r\n"        /* 2 */
	      "a:3x:bogus:\n"            /* 3: runlevels before action */
	      "b:3:bogus:\n"             /* 4: action before process */
	      "ok:9:wait:/again\n"       /* 5: duplicate */
	      "c:3:once:/c");            /* 6: no final newline */
	CHECK_EQ(lg.n, 4);
	CHECK_REPORT(0, 1, INITTAB_ERR_ID_LONG);
	CHECK_REPORT(1, 3, INITTAB_ERR_RUNLEVEL_CHAR);
	CHECK_REPORT(2, 4, INITTAB_ERR_ACTION_UNKNOWN);
	CHECK_REPORT(3, 5, INITTAB_ERR_ID_DUP);
	CHECK_EQ(tab.count, 2);
	CHECK_STR(tab.entry[1].process, "/c");
	CHECK_EQ(tab.entry[1].line, 6);

	/* No callback: still counted, still skipped. */
	CHECK_EQ(inittab_parse(&tab, "x\ny\n", 4, NULL, NULL), 2);
	CHECK_EQ(tab.count, 0);
}

/* ---- limits -------------------------------------------------------------- */

static void test_limits(void)
{
	static char s[16384];
	size_t n;

	/* The process field: 253 characters fit (blanks around it do not
	 * count), 254 do not. */
	n = (size_t)snprintf(s, sizeof(s), "a:3:once: \t /");
	memset(s + n, 'p', 252);
	strcpy(s + n + 252, " \t \r\n");
	CHECK_EQ(parse(s), 0);
	CHECK_EQ(strlen(tab.entry[0].process), 253);
	n = (size_t)snprintf(s, sizeof(s), "a:3:once:/");
	memset(s + n, 'p', 253);
	strcpy(s + n + 253, "\n");
	CHECK_ONE_ERROR(s, 1, INITTAB_ERR_PROCESS_LONG);

	/* A 10 KiB line: as a process, as an id, as a comment; the next
	 * line is read either way. */
	n = (size_t)snprintf(s, sizeof(s), "big:3:once:/");
	memset(s + n, 'x', 10240);
	strcpy(s + n + 10240, "\nok:3:once:/ok\n");
	parse(s);
	CHECK_EQ(lg.n, 1);
	CHECK_REPORT(0, 1, INITTAB_ERR_PROCESS_LONG);
	CHECK_EQ(tab.count, 1);
	CHECK_STR(tab.entry[0].id, "ok");
	memset(s, 'i', 10240);
	strcpy(s + 10240, ":3:once:/x\nok:3:once:/ok");
	CHECK_ONE_ERROR(s, 1, INITTAB_ERR_ID_LONG);
	CHECK_EQ(tab.count, 1);
	s[0] = '#';
	CHECK_EQ(parse(s), 0);
	CHECK_EQ(tab.count, 1);
	memset(s, ':', 10240);
	s[10240] = '\0';
	CHECK_ONE_ERROR(s, 1, INITTAB_ERR_ID_EMPTY);

	/* Too many entries: 32 kept, the 33rd reported, a 34th bad line
	 * reported for what is wrong with it first. */
	n = 0;
	for (int i = 0; i < INITTAB_MAX_ENTRIES + 1; i++)
		n += (size_t)snprintf(s + n, sizeof(s) - n, "e%d:3:once:/p%d\n",
				      i, i);
	n += (size_t)snprintf(s + n, sizeof(s) - n, "z:3:nope:/z\n");
	parse(s);
	CHECK_EQ(tab.count, INITTAB_MAX_ENTRIES);
	CHECK_EQ(lg.n, 2);
	CHECK_REPORT(0, INITTAB_MAX_ENTRIES + 1, INITTAB_ERR_FULL);
	CHECK_REPORT(1, INITTAB_MAX_ENTRIES + 2, INITTAB_ERR_ACTION_UNKNOWN);
	CHECK_STR(tab.entry[INITTAB_MAX_ENTRIES - 1].process, "/p31");

	/* Embedded NUL bytes: an entry line holding one is rejected, a
	 * comment holding one is a comment, the lines around are kept. */
	static const char nul[] = "a:3:once:/x\0y\n# c\0mment\n\0\nb:3:once:/b";
	parse_n(nul, sizeof(nul) - 1);
	CHECK_EQ(lg.n, 2);
	CHECK_REPORT(0, 1, INITTAB_ERR_CONTROL);
	CHECK_REPORT(1, 3, INITTAB_ERR_CONTROL);
	CHECK_EQ(tab.count, 1);
	CHECK_STR(tab.entry[0].process, "/b");
	CHECK_EQ(tab.entry[0].line, 4);
	/* The length, not a NUL, ends the text. */
	parse_n("a:3:once:/x\nb:3:once:/y", 11);
	CHECK_EQ(tab.count, 1);
	CHECK_STR(tab.entry[0].process, "/x");
}

static void test_format(void)
{
	char buf[160];
	struct inittab_error e = { 4, INITTAB_ERR_ACTION_UNKNOWN, "respwn", 6 };

	inittab_error_format(buf, sizeof(buf), "/etc/inittab", &e);
	CHECK_STR(buf, "/etc/inittab:4: unknown action: \"respwn\"");
	e = (struct inittab_error){ 7, INITTAB_ERR_FIELDS, NULL, 0 };
	inittab_error_format(buf, sizeof(buf), "f", &e);
	CHECK_STR(buf, "f:7: missing fields (want id:runlevels:action:process)");
	e = (struct inittab_error){ 1, INITTAB_ERR_CONTROL, "\0", 1 };
	inittab_error_format(buf, sizeof(buf), "f", &e);
	CHECK_STR(buf, "f:1: control byte in line: \"\\x00\"");
	static char big[300];
	memset(big, 'q', sizeof(big));
	e = (struct inittab_error){ 2, INITTAB_ERR_PROCESS_LONG, big, sizeof(big) };
	inittab_error_format(buf, sizeof(buf), "f", &e);
	char want[100];
	snprintf(want, sizeof(want), "f:2: process longer than 253 "
		 "characters: \"%.40s...\"", big);
	CHECK_STR(buf, want);
	/* A short buffer is cut, not overrun. */
	CHECK(inittab_error_format(buf, 8, "f", &e) > 8);
	CHECK_STR(buf, "f:2: pr");
	for (int k = 0; k < INITTAB_ERR_COUNT; k++)
		CHECK(strcmp(inittab_err_str((enum inittab_err)k), "?") != 0);
}

/* ---- how a process field runs ------------------------------------------- */

static void test_exec_form(void)
{
	char buf[INITTAB_PROCESS_MAX * 2];
	char *argv[INITTAB_ARGV_MAX];

	CHECK(!inittab_needs_shell("/bin/sh"));
	CHECK(!inittab_needs_shell("/sbin/getty -L 115200 console vt100"));
	CHECK(!inittab_needs_shell("/bin/echo a:b,c/d-e+f.g@h"));
	static const char *const shell[] = {
		"/etc/rc > /dev/console", "a | b", "a; b", "a && b", "a &",
		"echo $HOME", "ls *.c", "echo 'x y'", "echo \"x\"", "a\\ b",
		"X=1 prog", "echo `id`", "(a)", "{ a; }", "cat < f", "a # c",
		"ls ~", "! a", "ls ?",
	};
	for (size_t i = 0; i < sizeof(shell) / sizeof(shell[0]); i++)
		CHECK(inittab_needs_shell(shell[i]));

	strcpy(buf, " /bin/getty  -L\t115200   console ");
	CHECK_EQ(inittab_split(buf, argv), 4);
	CHECK_STR(argv[0], "/bin/getty");
	CHECK_STR(argv[1], "-L");
	CHECK_STR(argv[2], "115200");
	CHECK_STR(argv[3], "console");
	CHECK(argv[4] == NULL);
	strcpy(buf, "/bin/sh");
	CHECK_EQ(inittab_split(buf, argv), 1);
	CHECK(argv[1] == NULL);
	strcpy(buf, " \t ");
	CHECK_EQ(inittab_split(buf, argv), 0);
	CHECK(argv[0] == NULL);

	/* The most words a field can have fit; more are dropped, never
	 * written past argv. */
	size_t n = 0;
	while (n + 2 <= INITTAB_PROCESS_MAX) {
		buf[n++] = 'w';
		buf[n++] = ' ';
	}
	buf[n++] = 'w';
	buf[n] = '\0';
	CHECK(n <= INITTAB_PROCESS_MAX);
	CHECK_EQ(inittab_split(buf, argv), INITTAB_ARGV_MAX - 1);
	CHECK(argv[INITTAB_ARGV_MAX - 1] == NULL);
	for (n = 0; n < sizeof(buf) - 2; n += 2)
		memcpy(buf + n, "w ", 2);
	buf[n] = '\0';
	CHECK_EQ(inittab_split(buf, argv), INITTAB_ARGV_MAX - 1);
	CHECK(argv[INITTAB_ARGV_MAX - 1] == NULL);
}

/* ---- the plan ------------------------------------------------------------ */

/* A fake system around a plan: starts get pids from 100 up and are logged
 * by id ("s1 s2 ..."); console messages are counted and kept. */
struct sim {
	struct plan p;
	long next_pid;
	char log[512];
	int says;
	char said[128];
};

static struct sim sim;

static void sim_init(const char *text, char rl)
{
	CHECK_EQ(parse(text), 0);
	memset(&sim, 0, sizeof(sim));
	sim.next_pid = 100;
	plan_init(&sim.p, &tab, rl ? rl : tab.runlevel);
}

/* Carry out steps until the plan waits; returns the wait's timeout. */
static long sim_run(uint64_t now)
{
	for (int guard = 0; guard < 1000; guard++) {
		struct plan_step s = plan_next(&sim.p, now);
		size_t n = strlen(sim.log);

		switch (s.what) {
		case PLAN_START:
			snprintf(sim.log + n, sizeof(sim.log) - n, "%s%s",
				 n ? " " : "", tab.entry[s.entry].id);
			plan_started(&sim.p, s.entry, sim.next_pid++, now);
			break;
		case PLAN_SAY:
			sim.says++;
			snprintf(sim.said, sizeof(sim.said), "%s", s.text);
			break;
		case PLAN_WAIT:
			CHECK(s.timeout == -1 || s.timeout > 0);
			return s.timeout;
		}
	}
	CHECK(!"the plan never waits");
	return -1;
}

static long pid_of(const char *id)
{
	const struct inittab_entry *e = find(id);
	return e ? sim.p.slot[e - tab.entry].pid : 0;
}

/* Kill the child of entry id at now: what the plan says about it. */
static enum plan_reap_do sim_kill(const char *id, uint64_t now)
{
	long pid = pid_of(id);
	CHECK(pid > 0);
	struct plan_reap r = plan_reaped(&sim.p, pid, now);
	CHECK_EQ(r.entry, find(id) - tab.entry);
	return r.what;
}

static void take_log(const char *want)
{
	CHECK_STR(sim.log, want);
	sim.log[0] = '\0';
}

static const char mixed[] =
	"id:3:initdefault:\n"
	"r1:3:respawn:/r1\n"
	"s1::sysinit:/s1\n"
	"o1:3:once:/o1\n"
	"w1:3:wait:/w1\n"
	"s2:4:sysinit:/s2\n"   /* sysinit ignores its runlevels */
	"b1::boot:/b1\n"
	"bw::bootwait:/bw\n"
	"o2:3:once:/o2\n"
	"x1:3:off:/x1\n"
	"r2:2:respawn:/r2\n"
	"o3:S:once:/o3\n"
	"a1::once:/a1\n";

/* Run `mixed` in runlevel rl to its steady state, the waited-for entries
 * ending at once. */
static void boot_mixed(char rl)
{
	sim_init(mixed, rl);
	sim_run(0);
	sim_kill("s1", 0);
	sim_run(0);
	sim_kill("s2", 0);
	sim_run(0);
	sim_kill("bw", 0);
	sim_run(0);
}

static void test_plan_order(void)
{
	sim_init(mixed, 0);
	CHECK_EQ(sim_run(0), -1);
	take_log("s1");                 /* sysinit first, waited for */
	CHECK_EQ(plan_reaped(&sim.p, 4242, 1).what, PLAN_REAP_ORPHAN);
	CHECK_EQ(sim_run(1), -1);
	take_log("");                   /* an orphan ends no wait */
	CHECK_EQ(sim_kill("s1", 1), PLAN_REAP_DONE);
	sim_run(1);
	take_log("s2");
	CHECK_EQ(sim_kill("s2", 2), PLAN_REAP_DONE);
	sim_run(2);
	take_log("b1 bw");              /* boot, then bootwait waited for */
	CHECK_EQ(sim_kill("b1", 3), PLAN_REAP_DONE);
	sim_run(3);
	take_log("");
	CHECK_EQ(sim_kill("bw", 3), PLAN_REAP_DONE);
	sim_run(3);
	take_log("r1 o1 w1");           /* the runlevel, in file order */
	/* While w1 runs, a respawn entry started before it is restarted. */
	CHECK_EQ(sim_kill("r1", 4), PLAN_REAP_RESPAWN);
	sim_run(4);
	take_log("r1");
	CHECK_EQ(sim_kill("w1", 5), PLAN_REAP_DONE);
	CHECK_EQ(sim_run(5), -1);
	take_log("o2 a1");              /* not x1 (off), r2 (2), o3 (S) */
	/* Once entries are not restarted. */
	CHECK_EQ(sim_kill("o1", 6), PLAN_REAP_DONE);
	CHECK_EQ(sim_kill("a1", 6), PLAN_REAP_DONE);
	CHECK_EQ(sim_run(6), -1);
	take_log("");
	CHECK_EQ(pid_of("x1"), 0);
	/* Orphans (unknown pids, and a pid already reaped) change nothing. */
	CHECK_EQ(plan_reaped(&sim.p, 7, 7).what, PLAN_REAP_ORPHAN);
	CHECK_EQ(plan_reaped(&sim.p, 0, 7).what, PLAN_REAP_ORPHAN);
	CHECK_EQ(plan_reaped(&sim.p, -1, 7).what, PLAN_REAP_ORPHAN);
	CHECK_EQ(plan_reaped(&sim.p, 100, 7).entry, -1); /* s1's, reaped */
	CHECK_EQ(sim_run(7), -1);
	take_log("");
	CHECK_EQ(sim.says, 0);

	/* Another runlevel picks other lines (the table says 3). */
	boot_mixed('2');
	take_log("s1 s2 b1 bw r2 a1");
	boot_mixed('S');
	take_log("s1 s2 b1 bw o3 a1");

	/* Nothing to run at all: the plan only waits. */
	sim_init("x:3:off:/x\nid:3:initdefault:\n", 0);
	CHECK_EQ(sim_run(0), -1);
	take_log("");
}

static void test_plan_fork_failure(void)
{
	sim_init("w:3:wait:/w\nr:3:respawn:/r\n", 0);
	struct plan_step s = plan_next(&sim.p, 0);
	CHECK_EQ(s.what, PLAN_START);
	CHECK_EQ(s.entry, 0);
	plan_started(&sim.p, 0, -1, 0); /* the fork failed: w is given up */
	s = plan_next(&sim.p, 0);
	CHECK_EQ(s.what, PLAN_START);
	CHECK_EQ(s.entry, 1);
	/* A respawn entry that cannot fork is retried, within the limit. */
	int starts = 1, says = 0;
	for (int i = 0; i < 30; i++) {
		plan_started(&sim.p, 1, -1, 0);
		s = plan_next(&sim.p, 0);
		if (s.what == PLAN_SAY) {
			says++;
			s = plan_next(&sim.p, 0);
		}
		if (s.what != PLAN_START)
			break;
		starts++;
	}
	CHECK_EQ(starts, PLAN_RESPAWN_MAX);
	CHECK_EQ(says, 1);
	CHECK_EQ(s.what, PLAN_WAIT);
	CHECK_EQ(s.timeout, PLAN_RESPAWN_REST);
}

static const char one_shell[] = "id:3:initdefault:\nco:3:respawn:/bin/sh\n";

/* Let co die every `gap` seconds, `deaths` times, after t; each death
 * must be answered by a restart. Returns the time of the last death. */
static uint64_t die_often(uint64_t t, int deaths, uint64_t gap)
{
	for (int i = 0; i < deaths; i++) {
		t += gap;
		CHECK_EQ(sim_kill("co", t), PLAN_REAP_RESPAWN);
		CHECK_EQ(sim_run(t), -1);
	}
	return t;
}

static void test_plan_rate_limit(void)
{
	uint64_t t;

	/* Started at 0, dies 10 times 10 s apart: the 10th death (at 100 s)
	 * finds 10 starts within 120 s, so co rests 300 s. */
	sim_init(one_shell, 0);
	sim_run(0);
	take_log("co");
	die_often(0, 9, 10);
	CHECK_EQ(sim.says, 0);
	take_log("co co co co co co co co co");
	CHECK_EQ(sim_kill("co", 100), PLAN_REAP_REST);
	CHECK_EQ(sim_run(100), PLAN_RESPAWN_REST);
	take_log("");
	CHECK_EQ(sim.says, 1);
	CHECK(strstr(sim.said, "\"co\"") != NULL);
	CHECK(strstr(sim.said, "5 minutes") != NULL);
	CHECK_EQ(pid_of("co"), 0);
	/* Asked again while resting: no start, no second message, the
	 * timer counts down. */
	CHECK_EQ(sim_run(101), PLAN_RESPAWN_REST - 1);
	CHECK_EQ(sim_run(399), 1);
	take_log("");
	CHECK_EQ(sim.says, 1);
	/* 300 s on, it starts afresh: 9 quick deaths are within the limit
	 * again, the 10th is not. */
	CHECK_EQ(sim_run(400), -1);
	take_log("co");
	t = die_often(400, 9, 1);
	CHECK_EQ(sim.says, 1);
	CHECK_EQ(sim_kill("co", t + 1), PLAN_REAP_REST);
	CHECK_EQ(sim_run(t + 1), PLAN_RESPAWN_REST);
	CHECK_EQ(sim.says, 2);

	/* 30 deaths 13 s apart: never 10 starts within 120 s. */
	sim_init(one_shell, 0);
	sim_run(0);
	t = die_often(0, 30, 13);
	CHECK_EQ(sim_kill("co", t + 13), PLAN_REAP_RESPAWN);
	CHECK_EQ(sim.says, 0);

	/* The edge: the oldest of 10 starts exactly 120 s back is outside
	 * the window; 119 s back is inside. */
	sim_init(one_shell, 0);
	sim_run(0);
	die_often(0, 9, 1);              /* starts at 0, 1, ..., 9 */
	CHECK_EQ(sim_kill("co", 120), PLAN_REAP_RESPAWN);
	sim_run(120);
	CHECK_EQ(sim.says, 0);
	sim_init(one_shell, 0);
	sim_run(0);
	die_often(0, 9, 1);
	CHECK_EQ(sim_kill("co", 119), PLAN_REAP_REST);
	CHECK_EQ(sim_run(119), PLAN_RESPAWN_REST);
	CHECK_EQ(sim.says, 1);
}

/* Two entries rest at once: the wait is for the sooner one, and each
 * restarts on its own time; a running entry is not held up. */
static void test_plan_two_rests(void)
{
	sim_init("a:3:respawn:/a\nb:3:respawn:/b\nc:3:respawn:/c\n", 0);
	sim_run(0);
	take_log("a b c");
	for (int i = 0; i < 10; i++) {
		sim_kill("a", 1);
		sim_run(1);
	}
	for (int i = 0; i < 10; i++) {
		sim_kill("b", 50);
		sim_run(50);
	}
	CHECK_EQ(sim.says, 2);
	take_log("a a a a a a a a a b b b b b b b b b");
	CHECK_EQ(sim_run(60), 241);        /* a's rest ends at 301 */
	CHECK_EQ(sim_kill("c", 60), PLAN_REAP_RESPAWN);
	CHECK_EQ(sim_run(60), 241);
	take_log("c");
	CHECK_EQ(sim_run(301), 49);        /* a back; b's ends at 350 */
	take_log("a");
	CHECK_EQ(sim_run(350), -1);
	take_log("b");
}

/* ---- random input -------------------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

struct fuzz_log {
	unsigned n, last_line;
	const char *base;
	size_t len;
	bool bad;
};

static void fuzz_report(void *ctx, const struct inittab_error *e)
{
	struct fuzz_log *f = ctx;

	/* Lines come in order, one report each, and the text quoted is
	 * inside the input. */
	if (e->line <= f->last_line || (unsigned)e->kind >= INITTAB_ERR_COUNT ||
	    (e->len && (e->text < f->base || e->text + e->len > f->base + f->len)))
		f->bad = true;
	f->last_line = e->line;
	f->n++;
}

static void test_random(void)
{
	/* Mostly the bytes that matter to the grammar, some of any value. */
	static const char alphabet[] = "::::\n\n\n##  \t\r\0"
		"0123S3sabcdefxyz/=;$\"";
	size_t seed_len;
	const char *seed = read_file(PITH_INIT_DIR "/inittab", &seed_len);
	char seedcopy[8192];
	clock_t t0 = clock();
	int rounds = 0;
	bool bad = false;

	memcpy(seedcopy, seed ? seed : "", seed ? seed_len : 0);
	while (rounds < 200000 &&
	       (clock() - t0) < CLOCKS_PER_SEC) {
		size_t len = (size_t)(next_rand() % 1500);
		char *buf;
		/* Half the rounds mutate the real inittab, half are noise. */
		if (rounds % 2 && seed) {
			len = seed_len;
			buf = malloc(len);
			memcpy(buf, seedcopy, len);
			for (int k = (int)(next_rand() % 8); k >= 0; k--) {
				uint64_t r = next_rand();
				buf[r % len] = (r >> 32) % 4 ?
					alphabet[(r >> 40) % (sizeof(alphabet) - 1)] :
					(char)(r >> 48);
			}
		} else {
			buf = malloc(len ? len : 1);
			for (size_t i = 0; i < len; i++) {
				uint64_t r = next_rand();
				buf[i] = r % 8 ? alphabet[(r >> 8) % (sizeof(alphabet) - 1)]
					       : (char)(r >> 16);
			}
		}
		struct fuzz_log f = { .base = buf, .len = len };
		unsigned rejected = inittab_parse(&tab, buf, len, fuzz_report, &f);
		unsigned lines = 0;
		for (size_t i = 0; i < len; i++)
			lines += buf[i] == '\n';
		lines += len && buf[len - 1] != '\n';
		if (rejected != f.n || f.bad || f.last_line > lines ||
		    tab.count > INITTAB_MAX_ENTRIES || tab.count + f.n > lines)
			bad = true;
		for (size_t i = 0; i < tab.count; i++) {
			const struct inittab_entry *e = &tab.entry[i];
			size_t idl = strnlen(e->id, sizeof(e->id));
			size_t pl = strnlen(e->process, sizeof(e->process));
			if (idl < 1 || idl > INITTAB_ID_MAX ||
			    pl > INITTAB_PROCESS_MAX || e->runlevels == 0 ||
			    (pl == 0) != (e->action == INITTAB_INITDEFAULT))
				bad = true;
		}
		/* The plan must cope with whatever the parser kept. */
		struct plan p;
		plan_init(&p, &tab, tab.runlevel);
		for (int k = 0; k < 8; k++) {
			struct plan_step s = plan_next(&p, (uint64_t)k);
			if (s.what == PLAN_START)
				plan_started(&p, s.entry, 1000 + k, (uint64_t)k);
			else
				plan_reaped(&p, 1000 + (long)(next_rand() % 8),
					    (uint64_t)k);
		}
		free(buf);
		rounds++;
	}
	CHECK(!bad);
	CHECK(rounds > 1000);
	printf("test_inittab: %d random inputs\n", rounds);
}

int main(void)
{
	test_default_inittab();
	test_test_inittab();
	test_layout();
	test_malformed();
	test_limits();
	test_format();
	test_exec_form();
	test_plan_order();
	test_plan_fork_failure();
	test_plan_rate_limit();
	test_plan_two_rests();
	test_random();
	return check_summary("test_inittab");
}
