/*
 * The shell's language (servers/sh: lex.c, parse.c, expand.c) on the
 * host: tokens, the tree of good input, every kind of malformed input
 * (unbalanced quotes, a dangling |, > without a file, empty commands,
 * stray reserved words, very long lines, deep nesting) told apart as an
 * error or as incomplete, and word expansion.
 */
#define _XOPEN_SOURCE 700

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "parse.h"

/* Parse src; the status, and the message in err. */
static enum parse_status try(const char *src, struct node **tree, char *err)
{
	static struct arena a;

	arena_free(&a);
	return parse(&a, src, tree, err, 160);
}

static void test_lex(void)
{
	struct arena a = { 0 };
	struct lexed lx;
	char err[160];

	CHECK_EQ(lex(&a, "echo 'a b' \"c\"d 2>&1 >>f <in |& ;; && || ( ) # c\nx", &lx,
		     err, sizeof(err)), PARSE_OK);
	enum tok_kind want[] = { T_WORD, T_WORD, T_WORD, T_REDIR, T_WORD, T_REDIR,
				 T_WORD, T_REDIR, T_WORD, T_PIPE, T_AMP, T_DSEMI,
				 T_AND_IF, T_OR_IF, T_LPAREN, T_RPAREN, T_NEWLINE,
				 T_WORD, T_EOF };
	CHECK_EQ(lx.n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < lx.n && i < sizeof(want) / sizeof(want[0]); i++)
		CHECK_EQ(lx.tok[i].kind, want[i]);
	CHECK_STR(lx.tok[1].text, "'a b'");       /* quotes kept for expansion */
	CHECK_STR(lx.tok[2].text, "\"c\"d");
	CHECK_EQ(lx.tok[3].fd, 2);
	CHECK_EQ(lx.tok[3].op, R_DUPOUT);
	CHECK_STR(lx.tok[4].text, "1");
	CHECK_EQ(lx.tok[5].op, R_APPEND);
	CHECK_EQ(lx.tok[5].fd, -1);
	CHECK_EQ(lx.tok[7].op, R_IN);
	/* 2>x but a2>x: the number must be the whole word. */
	CHECK_EQ(lex(&a, "a2>x", &lx, err, sizeof(err)), PARSE_OK);
	CHECK_STR(lx.tok[0].text, "a2");
	CHECK_EQ(lx.tok[1].fd, -1);
	/* An escaped operator is a word; a backslash-newline joins lines. */
	CHECK_EQ(lex(&a, "a\\|b \\\nc", &lx, err, sizeof(err)), PARSE_OK);
	CHECK_EQ(lx.n, 3);
	CHECK_STR(lx.tok[0].text, "a\\|b");
	CHECK_STR(lx.tok[1].text, "c");
	arena_free(&a);
}

static void test_good(void)
{
	struct node *t;
	char err[160];

	CHECK_EQ(try("", &t, err), PARSE_OK);
	CHECK(t == NULL);
	CHECK_EQ(try("  \n# only a comment\n\n", &t, err), PARSE_OK);
	CHECK(t == NULL);

	CHECK_EQ(try("A=1 B=2 cmd x 'y z' >out 2>&1", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_CMD);
	if (t && t->kind == N_CMD) {
		CHECK_EQ(t->nassigns, 2);
		CHECK_EQ(t->nwords, 3);
		CHECK_STR(t->words[0], "cmd");
		CHECK(t->words[3] == NULL);
		CHECK(t->redirs && t->redirs->fd == 1 && t->redirs->op == R_OUT);
		CHECK(t->redirs && t->redirs->next && t->redirs->next->fd == 2 &&
		      t->redirs->next->op == R_DUPOUT);
	}
	/* Assignments come only before the command name. */
	CHECK_EQ(try("cmd A=1", &t, err), PARSE_OK);
	CHECK(t && t->nassigns == 0 && t->nwords == 2);

	CHECK_EQ(try("a | b | c | d", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_PIPE && t->ncmds == 4);

	/* && binds tighter than ;, and & makes its and_or a job. */
	CHECK_EQ(try("a && b || c; d &", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_SEQ);
	if (t && t->kind == N_SEQ) {
		CHECK(t->a->kind == N_OR && t->a->a->kind == N_AND);
		CHECK(t->b->kind == N_BG && t->b->a->kind == N_CMD);
	}
	/* Newlines after | && || continue the command. */
	CHECK_EQ(try("a |\n b &&\n\n c", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_AND);

	CHECK_EQ(try("if a; then b; elif c; then d; else e; fi", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_IF && t->c && t->c->kind == N_IF && t->c->c);
	CHECK_EQ(try("while a\ndo\n b\ndone > f", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_WHILE && t->redirs);
	CHECK_EQ(try("for i in 1 2 3; do echo $i; done", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_FOR && t->nlist == 3 && !strcmp(t->var, "i"));
	CHECK_EQ(try("for i do echo; done", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_FOR && t->list == NULL);
	CHECK_EQ(try("! a | b", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_NOT && t->a->kind == N_PIPE);
	CHECK_EQ(try("{ a; b; } | (c; d)", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_PIPE && t->cmds[0]->kind == N_GROUP &&
	      t->cmds[1]->kind == N_SUBSHELL);
	/* Reserved words are words elsewhere. */
	CHECK_EQ(try("echo if then fi done", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_CMD && t->nwords == 5);
	/* case, with both forms of item, an empty body and no last ;; */
	CHECK_EQ(try("case $x in\n a|b) echo ab;;\n (c*) ;;\n *) echo other\nesac", &t, err),
		 PARSE_OK);
	CHECK(t && t->kind == N_CASE && !strcmp(t->var, "$x"));
	if (t && t->kind == N_CASE) {
		struct case_item *i1 = t->items, *i2 = i1 ? i1->next : NULL,
				 *i3 = i2 ? i2->next : NULL;
		CHECK(i1 && i1->npats == 2 && i1->body && !strcmp(i1->pats[1], "b"));
		CHECK(i2 && i2->npats == 1 && !i2->body);
		CHECK(i3 && i3->body && !i3->next);
	}
	CHECK_EQ(try("case x in esac", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_CASE && !t->items);
	/* Functions: a name, (), a compound command. */
	CHECK_EQ(try("f() { echo $1; }", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_FUNC && !strcmp(t->var, "f") && t->a->kind == N_GROUP);
	CHECK_EQ(try("g()\n( a )", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_FUNC && t->a->kind == N_SUBSHELL);
	/* A redirection alone is a command (it makes the file). */
	CHECK_EQ(try("> f", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_CMD && t->nwords == 0 && t->redirs);
}

/* Malformed input: an error with this message, or incomplete. */
static void bad(const char *src, enum parse_status want, const char *msg)
{
	struct node *t;
	char err[160];
	enum parse_status st = try(src, &t, err);

	CHECK_EQ(st, want);
	if (st != want || strcmp(err, msg))
		fprintf(stderr, "  input \"%s\": status %d, \"%s\"\n", src, st, err);
	CHECK_STR(err, msg);
}

static void test_bad(void)
{
	const char *eof = "syntax error: unexpected end of file";

	bad("echo 'abc", PARSE_INCOMPLETE, "syntax error: unterminated quoted string");
	bad("echo \"abc", PARSE_INCOMPLETE, "syntax error: unterminated quoted string");
	bad("echo \"a'b", PARSE_INCOMPLETE, "syntax error: unterminated quoted string");
	bad("echo ${abc", PARSE_INCOMPLETE, "syntax error: missing `}'");
	bad("echo abc\\", PARSE_INCOMPLETE, "syntax error: unexpected end of file after `\\'");
	bad("echo a |", PARSE_INCOMPLETE, eof);
	bad("echo a | \n", PARSE_INCOMPLETE, eof);
	bad("echo a &&", PARSE_INCOMPLETE, eof);
	bad("| echo a", PARSE_ERROR, "syntax error: unexpected `|'");
	bad("echo a | | b", PARSE_ERROR, "syntax error: unexpected `|'");
	bad("echo >", PARSE_INCOMPLETE, eof);
	bad("echo >\n", PARSE_ERROR, "syntax error: unexpected newline");
	bad("echo > ;", PARSE_ERROR, "syntax error: unexpected `;'");
	bad("echo 2> | x", PARSE_ERROR, "syntax error: unexpected `|'");
	bad(";;", PARSE_ERROR, "syntax error: unexpected `;;'");
	bad("echo a ;; echo b", PARSE_ERROR, "syntax error: unexpected `;;'");
	bad(";", PARSE_ERROR, "syntax error: unexpected `;'");
	bad("echo a; ; echo b", PARSE_ERROR, "syntax error: unexpected `;'");
	bad("&", PARSE_ERROR, "syntax error: unexpected `&'");
	bad("&& a", PARSE_ERROR, "syntax error: unexpected `&&'");
	bad("()", PARSE_ERROR, "syntax error: unexpected `)'");
	bad(")", PARSE_ERROR, "syntax error: unexpected `)'");
	bad("fi", PARSE_ERROR, "syntax error: unexpected `fi'");
	bad("done", PARSE_ERROR, "syntax error: unexpected `done'");
	bad("if true; then echo; fi fi", PARSE_ERROR, "syntax error: unexpected `fi'");
	bad("if true; then", PARSE_INCOMPLETE, eof);
	bad("if true; then fi", PARSE_ERROR, "syntax error: unexpected `fi'");
	bad("if; then a; fi", PARSE_ERROR, "syntax error: unexpected `;'");
	bad("while true; do", PARSE_INCOMPLETE, eof);
	bad("for 1 in a; do b; done", PARSE_ERROR, "syntax error: unexpected `1'");
	bad("for i in a b do b; done", PARSE_ERROR, "syntax error: unexpected `done'");
	bad("{ a; ", PARSE_INCOMPLETE, eof);
	bad("(a", PARSE_INCOMPLETE, eof);
	bad("echo $(a", PARSE_INCOMPLETE, "syntax error: missing `)'");
	bad("case x in a) echo", PARSE_INCOMPLETE, eof);
	bad("case x a) echo;; esac", PARSE_ERROR, "syntax error: unexpected `a'");
	bad("case x in a echo;; esac", PARSE_ERROR, "syntax error: unexpected `echo'");
	bad("case x in a) b c) ;; esac", PARSE_ERROR, "syntax error: unexpected `)'");
	bad("case x in a) b; esac; esac", PARSE_ERROR, "syntax error: unexpected `esac'");
	bad("esac", PARSE_ERROR, "syntax error: unexpected `esac'");
	bad("f() echo", PARSE_ERROR, "syntax error: unexpected `echo'");
	bad("1f() { :; }", PARSE_ERROR, "syntax error: unexpected `1f'");
	bad("f() {", PARSE_INCOMPLETE, eof);
	bad("echo `a", PARSE_INCOMPLETE, "syntax error: unterminated `");
	bad("echo \"$(a \"b)\"", PARSE_INCOMPLETE, "syntax error: missing `)'");
}

static void test_long_and_deep(void)
{
	struct node *t;
	char err[160];
	size_t n = 200000;
	char *s = malloc(n * 2 + 16);

	/* A very long line: 100000 words. */
	for (size_t i = 0; i < n; i += 2) {
		s[i] = 'x';
		s[i + 1] = ' ';
	}
	s[n] = 0;
	CHECK_EQ(try(s, &t, err), PARSE_OK);
	CHECK(t && t->kind == N_CMD && t->nwords == n / 2);
	/* A long pipeline. */
	for (size_t i = 0; i < 2000; i++)
		memcpy(s + i * 4, "a | ", 4);
	strcpy(s + 8000, "b");
	CHECK_EQ(try(s, &t, err), PARSE_OK);
	CHECK(t && t->kind == N_PIPE && t->ncmds == 2001);
	/* Nesting: 50 levels parse; 10000 are refused, not a stack overflow. */
	s[0] = 0;
	for (int i = 0; i < 50; i++)
		strcat(s, "( ");
	strcat(s, "a");
	for (int i = 0; i < 50; i++)
		strcat(s, " )");
	CHECK_EQ(try(s, &t, err), PARSE_OK);
	size_t k = 0;
	for (int i = 0; i < 10000; i++, k += 2)
		memcpy(s + k, "{ ", 2);
	s[k] = 0;
	CHECK_EQ(try(s, &t, err), PARSE_ERROR);
	CHECK_STR(err, "syntax error: nested too deep");
	k = 0;
	for (int i = 0; i < 10000; i++, k += 3)
		memcpy(s + k, "if ", 3);
	s[k] = 0;
	CHECK_EQ(try(s, &t, err), PARSE_ERROR);
	/* Garbage bytes never crash it. */
	for (size_t i = 0; i < 4096; i++)
		s[i] = (char)(1 + (i * 7919) % 255);
	s[4096] = 0;
	enum parse_status st = try(s, &t, err);
	CHECK(st == PARSE_OK || st == PARSE_ERROR || st == PARSE_INCOMPLETE);
	free(s);
}

/* Expansion against a fixed set of variables. */
static const char *lookup(void *ctx, const char *name)
{
	(void)ctx;
	if (!strcmp(name, "A")) return "alpha";
	if (!strcmp(name, "SP")) return " two  words ";
	if (!strcmp(name, "E")) return "";
	if (!strcmp(name, "HOME")) return "/home/u";
	if (!strcmp(name, "?")) return "3";
	if (!strcmp(name, "-")) return "e";
	return NULL;
}

/* Command substitution as the shell would, faked: "[text]" and two
 * newlines, which expansion must drop. */
static char *fake_command(void *ctx, const char *text)
{
	char *s = malloc(strlen(text) + 5);

	(void)ctx;
	sprintf(s, "<%s>\n\n", text);
	return s;
}

static const char *exp1(const char *word, int split)
{
	static char buf[256];
	char *params[] = { "p1", "p 2" };
	struct expand_env env = { lookup, NULL, fake_command, NULL, params, 2, NULL };
	struct strvec v = { 0 };
	char err[64];

	buf[0] = 0;
	if (expand_word(&env, word, split, &v, err, sizeof(err))) {
		snprintf(buf, sizeof(buf), "ERR %s", err);
		return buf;
	}
	for (size_t i = 0; i < v.n; i++) {
		strcat(buf, "[");
		strcat(buf, v.v[i]);
		strcat(buf, "]");
	}
	strvec_free(&v);
	return buf;
}

/* A here-document body expanded as the shell would. */
static const char *exp_here(const char *body)
{
	static char buf[256];
	char *params[] = { "p1", "p 2" };
	struct expand_env env = { lookup, NULL, fake_command, NULL, params, 2, NULL };
	char err[64];
	char *r = expand_heredoc(&env, body, err, sizeof(err));

	if (!r)
		snprintf(buf, sizeof(buf), "ERR %s", err);
	else
		snprintf(buf, sizeof(buf), "%s", r);
	free(r);
	return buf;
}

/* Here-documents: bodies read at the newline, in order; <<- strips
 * tabs; a quoted word; the body expanded as in double quotes, `"` and
 * `'` ordinary; a missing delimiter line is incomplete, `<<` without a
 * word an error. */
static void test_heredoc(void)
{
	struct node *t;
	char err[160];

	CHECK_EQ(try("cat <<EOF\nhello $A\n  two\nEOF\necho after", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_SEQ && t->a->kind == N_CMD && t->b->kind == N_CMD);
	if (t && t->kind == N_SEQ && t->a->redirs) {
		struct redir *r = t->a->redirs;
		CHECK_EQ(r->op, R_HEREDOC);
		CHECK_EQ(r->fd, 0);
		CHECK_STR(r->word, "hello $A\n  two\n");
		CHECK_EQ(r->quoted, 0);
		CHECK_STR(t->b->words[0], "echo");
	}
	/* Two on a line, in order; <<- and a quoted word; 3<< a descriptor. */
	CHECK_EQ(try("a <<A 3<<-'B' | b\n1\nA\n\t\t2\n\tB\nc", &t, err), PARSE_OK);
	CHECK(t && t->kind == N_SEQ && t->a->kind == N_PIPE);
	if (t && t->kind == N_SEQ && t->a->kind == N_PIPE) {
		struct redir *r = t->a->cmds[0]->redirs;
		CHECK(r && r->next && !r->next->next);
		if (r && r->next) {
			CHECK_STR(r->word, "1\n");
			CHECK_EQ(r->quoted, 0);
			CHECK_STR(r->next->word, "2\n");
			CHECK_EQ(r->next->quoted, 1);
			CHECK_EQ(r->next->fd, 3);
		}
	}
	/* Inside a compound command and a function; an empty body; the
	 * delimiter line at the very end without its newline. */
	CHECK_EQ(try("f() {\n cat <<\\E\n$x\nE\n}\nwhile :; do cat <<E; done\nE", &t, err),
		 PARSE_OK);
	CHECK(t && t->kind == N_SEQ && t->a->kind == N_FUNC && t->b->kind == N_WHILE);
	if (t && t->kind == N_SEQ && t->a->kind == N_FUNC) {
		struct redir *r = t->a->a->a->redirs;
		CHECK(r && r->quoted && !strcmp(r->word, "$x\n"));
		r = t->b->b->redirs;
		CHECK(r && !strcmp(r->word, ""));
	}
	/* A word like the delimiter but not the whole line is body. */
	CHECK_EQ(try("cat <<\"E F\"\nE\nE F \nE F", &t, err), PARSE_OK);
	CHECK(t && t->redirs && !strcmp(t->redirs->word, "E\nE F \n"));
	bad("cat <<EOF\nline\n", PARSE_INCOMPLETE,
	    "syntax error: here-document without its `EOF' line");
	bad("cat <<EOF", PARSE_INCOMPLETE, "syntax error: here-document without its `EOF' line");
	bad("cat <<E; cat <<F\nE\n", PARSE_INCOMPLETE,
	    "syntax error: here-document without its `F' line");
	bad("cat <<\n", PARSE_ERROR, "syntax error: unexpected newline");
	bad("cat <<", PARSE_INCOMPLETE, "syntax error: unexpected end of file");
	bad("cat << |x", PARSE_ERROR, "syntax error: unexpected `|'");

	CHECK_STR(exp_here("a $A \"q\" 'x' $(cmd) $((1+2))\n"),
		  "a alpha \"q\" 'x' <cmd> 3\n");
	CHECK_STR(exp_here("\\$A \\\" \\\\ \\\nj \\x\n"), "$A \\\" \\ j \\x\n");
	CHECK_STR(exp_here("$@|$SP\n"), "p1 p 2| two  words \n");
	CHECK_STR(exp_here("${A"), "ERR bad substitution");
}

static void test_expand(void)
{
	CHECK_STR(exp1("plain", 1), "[plain]");
	CHECK_STR(exp1("$A", 1), "[alpha]");
	CHECK_STR(exp1("${A}x", 1), "[alphax]");
	CHECK_STR(exp1("'$A'", 1), "[$A]");
	CHECK_STR(exp1("\"$A b\"", 1), "[alpha b]");
	CHECK_STR(exp1("\\$A", 1), "[$A]");
	CHECK_STR(exp1("$SP", 1), "[two][words]");
	CHECK_STR(exp1("\"$SP\"", 1), "[ two  words ]");
	CHECK_STR(exp1("$SP", 0), "[ two  words ]");
	CHECK_STR(exp1("$E", 1), "");
	CHECK_STR(exp1("\"$E\"", 1), "[]");
	CHECK_STR(exp1("''", 1), "[]");
	CHECK_STR(exp1("$NOPE", 1), "");
	CHECK_STR(exp1("${NOPE:-dflt}", 1), "[dflt]");
	CHECK_STR(exp1("${E:-dflt}", 1), "[dflt]");
	CHECK_STR(exp1("${E-dflt}", 1), "");
	CHECK_STR(exp1("${A:+set}", 1), "[set]");
	CHECK_STR(exp1("${#A}", 1), "[5]");
	CHECK_STR(exp1("$?", 1), "[3]");
	CHECK_STR(exp1("$#", 1), "[2]");
	CHECK_STR(exp1("$1$2", 1), "[p1p][2]");
	CHECK_STR(exp1("\"$@\"", 1), "[p1][p 2]");
	CHECK_STR(exp1("\"$*\"", 1), "[p1 p 2]");
	CHECK_STR(exp1("$3", 1), "");
	CHECK_STR(exp1("~", 1), "[/home/u]");
	CHECK_STR(exp1("~/x", 1), "[/home/u/x]");
	CHECK_STR(exp1("a~", 1), "[a~]");
	CHECK_STR(exp1("$", 1), "[$]");
	CHECK_STR(exp1("a$-b", 1), "[aeb]");      /* $-: the flags */
	CHECK_STR(exp1("${-}", 1), "[e]");
	CHECK_STR(exp1("${A", 1), "ERR bad substitution");
	CHECK_STR(exp1("${A%x}", 1), "ERR bad substitution");
	CHECK_STR(exp1("${}", 1), "ERR bad substitution");

	/* Command substitution: the text as written, trailing newlines
	 * dropped, split when unquoted. */
	CHECK_STR(exp1("$(echo a  b)", 1), "[<echo][a][b>]");
	CHECK_STR(exp1("\"$(echo a  b)\"", 1), "[<echo a  b>]");
	CHECK_STR(exp1("x$(a (b) \")\")y", 1), "[x<a][(b)][\")\">y]");
	CHECK_STR(exp1("`echo \\$A`", 1), "[<echo][$A>]");
	CHECK_STR(exp1("\"`a b`\"", 1), "[<a b>]");
	CHECK_STR(exp1("$(a $(b) c)", 0), "[<a $(b) c>]");
	/* Arithmetic. */
	CHECK_STR(exp1("$((1 + 2 * 3))", 1), "[7]");
	CHECK_STR(exp1("$(( (1 + 2) * 3 ))", 1), "[9]");
	CHECK_STR(exp1("$((-7 / 2)) $((-7 % 2))", 0), "[-3 -1]");
	CHECK_STR(exp1("$((1 << 4 | 1)) $((6 & 3 ^ 1))", 0), "[17 3]");
	CHECK_STR(exp1("$((3 > 2 && 2 >= 2 && 1 != 2 && !0 && 4 <= 3 || 1 == 1))", 1), "[1]");
	CHECK_STR(exp1("$((~0)) $((- -3)) $((+4))", 0), "[-1 3 4]");
	CHECK_STR(exp1("$((010 + 0x10 + 10))", 1), "[34]");
	CHECK_STR(exp1("$((A_UNSET + 1))", 1), "[1]");
	CHECK_STR(exp1("$(($? * 2)) $((? + 0))", 0), "ERR arithmetic: syntax error");
	CHECK_STR(exp1("$(($? * 2))", 1), "[6]");
	CHECK_STR(exp1("$((1/0))", 1), "ERR arithmetic: division by zero");
	CHECK_STR(exp1("$((5 % 0))", 1), "ERR arithmetic: division by zero");
	CHECK_STR(exp1("$((1 +))", 1), "ERR arithmetic: missing operand");
	CHECK_STR(exp1("$((1 2))", 1), "ERR arithmetic: syntax error");
	CHECK_STR(exp1("$(((1))", 1), "ERR missing `)'");
	CHECK_STR(exp1("$((A))", 1), "ERR arithmetic: bad number");
	CHECK_STR(exp1("$((9999999999999999999999999999))", 1), "[-1]");
	CHECK_STR(exp1("$(( ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))) ))", 1),
		  "ERR arithmetic: nested too deep");
}

static void test_fnmatch(void)
{
	CHECK(sh_fnmatch("*", "anything"));
	CHECK(sh_fnmatch("*", ""));
	CHECK(sh_fnmatch("a*b", "ab") && sh_fnmatch("a*b", "axxb") && !sh_fnmatch("a*b", "axxbc"));
	CHECK(sh_fnmatch("*.c", "x.c") && !sh_fnmatch("*.c", "x.h"));
	CHECK(sh_fnmatch("?", "x") && !sh_fnmatch("?", "") && !sh_fnmatch("?", "xy"));
	CHECK(sh_fnmatch("[abc]x", "bx") && !sh_fnmatch("[abc]x", "dx"));
	CHECK(sh_fnmatch("[a-c]", "b") && !sh_fnmatch("[a-c]", "d"));
	CHECK(sh_fnmatch("[!a-c]", "d") && !sh_fnmatch("[!a-c]", "a") && sh_fnmatch("[^a]", "b"));
	CHECK(sh_fnmatch("[]]", "]") && sh_fnmatch("[]a]", "a"));
	CHECK(sh_fnmatch("[", "[") && sh_fnmatch("a[", "a["));
	CHECK(sh_fnmatch("\\*", "*") && !sh_fnmatch("\\*", "x"));
	CHECK(sh_fnmatch("*a*b*c*", "xxaxxbxxcxx") && !sh_fnmatch("*a*b*c*", "xxaxxcxxbxx"));
	/* Many stars and a near miss: linear, not exponential. */
	CHECK(!sh_fnmatch("*a*a*a*a*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

/* Pathname expansion in a directory made for it. */
static size_t glob_cb(void *ctx, const char *pattern, struct strvec *out)
{
	(void)ctx;
	return sh_glob(pattern, out);
}

static void test_glob(void)
{
	char dir[] = "/tmp/shglobXXXXXX", path[256], cwd[512];
	static const char *const files[] = { "a.c", "b.c", "c.h", ".hidden.c", "sub/x.c",
					     "sub/y.txt", "sp ace.c" };

	if (!mkdtemp(dir) || !getcwd(cwd, sizeof(cwd))) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	CHECK(mkdir(path, 0755) == 0);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		FILE *f = fopen(path, "w");
		CHECK(f != NULL);
		if (f)
			fclose(f);
	}
	CHECK(chdir(dir) == 0);

	char *params[] = { "p" };
	struct expand_env env = { lookup, NULL, fake_command, glob_cb, params, 1, NULL };
	struct strvec v = { 0 };
	char err[64], got[512];
#define GLOB(word, want)                                                   \
	do {                                                               \
		got[0] = 0;                                                \
		CHECK(expand_word(&env, word, 1, &v, err, sizeof(err)) == 0); \
		for (size_t i_ = 0; i_ < v.n; i_++) {                      \
			strcat(got, "[");                                  \
			strcat(got, v.v[i_]);                              \
			strcat(got, "]");                                  \
		}                                                          \
		strvec_free(&v);                                           \
		CHECK_STR(got, want);                                      \
	} while (0)
	GLOB("*.c", "[a.c][b.c][sp ace.c]");
	GLOB(".*.c", "[.hidden.c]");
	GLOB("?.[ch]", "[a.c][b.c][c.h]");
	GLOB("*/*.c", "[sub/x.c]");
	GLOB("sub/*", "[sub/x.c][sub/y.txt]");
	GLOB("s*/y*", "[sub/y.txt]");
	GLOB("*.none", "[*.none]");           /* no match: kept as written */
	GLOB("'*.c'", "[*.c]");               /* quoted: no pattern */
	GLOB("\\*.c", "[*.c]");
	GLOB("\"*\".c", "[*.c]");
	GLOB("[ab].c", "[a.c][b.c]");
	snprintf(path, sizeof(path), "%s/*.h", dir);
	/* Absolute: the directory's own path in front. */
	struct strvec w = { 0 };
	CHECK(sh_glob(path, &w) == 1);
	if (w.n == 1) {
		snprintf(got, sizeof(got), "%s/c.h", dir);
		CHECK_STR(w.v[0], got);
	}
	strvec_free(&w);
	/* Assignments and other unsplit words are not globbed. */
	char *one = expand_one(&env, "*.c", err, sizeof(err));
	CHECK(one && !strcmp(one, "*.c"));
	free(one);
#undef GLOB
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
	CHECK(chdir(cwd) == 0);
}

int main(void)
{
	test_lex();
	test_good();
	test_bad();
	test_heredoc();
	test_long_and_deep();
	test_expand();
	test_fnmatch();
	test_glob();
	return check_summary("shparse");
}
