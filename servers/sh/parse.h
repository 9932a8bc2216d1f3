/*
 * The shell's language: tokens (lex.c), the syntax tree (parse.c) and
 * word expansion (expand.c). Pure C over malloc and string functions, no
 * system calls, so it also compiles on the host for the unit tests
 * (tests/unit/test_shparse.c).
 *
 * A whole buffer of input is taken apart at once: sh gives it every line
 * read so far of the command being typed, so an incomplete one (an open
 * quote, a trailing `|` or `&&`, an `if` without its `fi`) is told apart
 * from a wrong one (PARSE_INCOMPLETE versus PARSE_ERROR): interactively
 * the shell reads one more line; at the end of a script or `-c` string
 * it is a syntax error.
 */
#ifndef SH_PARSE_H
#define SH_PARSE_H

#include <stddef.h>

/* ---- memory: everything of one parse lives in one arena ---- */
struct arena {
	struct arena_block *blocks;
};
void *arena_alloc(struct arena *a, size_t n);      /* zeroed; aborts when out of memory */
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

/* ---- tokens ---- */
enum tok_kind {
	T_EOF, T_WORD, T_NEWLINE, T_SEMI, T_DSEMI, T_AMP, T_AND_IF, T_OR_IF,
	T_PIPE, T_LPAREN, T_RPAREN, T_REDIR,
};

enum redir_op {
	R_IN,        /* <  */
	R_OUT,       /* >, >| */
	R_APPEND,    /* >> */
	R_DUPIN,     /* <& */
	R_DUPOUT,    /* >& */
	R_RDWR,      /* <> */
	R_HEREDOC,   /* <<word, <<-word: the body the lexer read */
};

struct token {
	enum tok_kind kind;
	char *text;          /* T_WORD: the word as written (quotes kept) */
	enum redir_op op;    /* T_REDIR */
	int fd;              /* T_REDIR: the io number, or -1 for the default */
	/* T_REDIR R_HEREDOC: the body (lines after the next newline up to
	 * the delimiter, the lexer's), any part of the word quoted, <<- */
	char *body;
	int quoted, strip;
};

enum parse_status { PARSE_OK = 0, PARSE_INCOMPLETE = 1, PARSE_ERROR = 2 };

struct lexed {
	struct token *tok;
	size_t n, cap;
};

/* s at `${`, `$(` (`$((` too) or a backquote: the end of that
 * substitution (quotes and nested ones inside skipped whole), or NULL if
 * the input ends first or they nest too deep. */
const char *sh_skip_subst(const char *s);

/* Split src into tokens (arena-allocated). PARSE_INCOMPLETE for an open
 * quote or `${` or a backslash at the very end, or a here-document
 * without its delimiter line; the message in err. A here-document's
 * body is read at the newline token after its `<<word` (several in
 * order) and hung on the T_REDIR token. */
enum parse_status lex(struct arena *a, const char *src, struct lexed *out,
		      char *err, size_t errlen);

/* ---- the syntax tree ---- */
enum node_kind {
	N_CMD,        /* a simple command */
	N_PIPE,       /* cmds[0] | cmds[1] | ... */
	N_AND,        /* a && b */
	N_OR,         /* a || b */
	N_SEQ,        /* a ; b (or a newline) */
	N_BG,         /* a &  */
	N_NOT,        /* ! a */
	N_IF,         /* if a then b else c fi (c may be NULL or another N_IF) */
	N_WHILE,      /* while a do b done */
	N_UNTIL,      /* until a do b done */
	N_FOR,        /* for var in list do b done */
	N_GROUP,      /* { a; } */
	N_SUBSHELL,   /* ( a ) */
	N_CASE,       /* case var in items esac */
	N_FUNC,       /* var() a: a function definition */
};

struct redir {
	int fd;              /* the descriptor redirected */
	enum redir_op op;
	char *word;          /* the file, or the descriptor for <& and >&;
				R_HEREDOC: the body */
	int quoted;          /* R_HEREDOC: the body is not expanded */
	struct redir *next;
};

/* One `pattern|pattern) list ;;` of a case. */
struct case_item {
	char **pats;         /* as written */
	size_t npats;
	struct node *body;   /* NULL: nothing to run */
	struct case_item *next;
};

struct node {
	enum node_kind kind;
	struct node *a, *b, *c;
	/* N_CMD */
	char **assigns;      /* NAME=value words, as written */
	size_t nassigns;
	char **words;        /* the command and its arguments, as written */
	size_t nwords;
	struct redir *redirs;   /* N_CMD and compound commands */
	/* N_PIPE */
	struct node **cmds;
	size_t ncmds;
	/* N_FOR, N_FUNC (var: the name), N_CASE (var: the word tested) */
	char *var;
	char **list;         /* NULL: "$@" (no `in`) */
	size_t nlist;
	struct case_item *items;   /* N_CASE */
};

/* Parse all of src. On PARSE_OK *out is the tree (NULL for input with
 * nothing to run: blanks, comments, empty lines). On PARSE_ERROR err says
 * what is wrong ("syntax error: unexpected `;;'"); on PARSE_INCOMPLETE
 * what is missing ("syntax error: unexpected end of file"). */
enum parse_status parse(struct arena *a, const char *src, struct node **out,
			char *err, size_t errlen);

/* Is s (n bytes) a valid variable name: [A-Za-z_][A-Za-z0-9_]*? */
int sh_is_name(const char *s, size_t n);
/* Is this word an assignment NAME=...? */
int sh_is_assignment(const char *w);

/* ---- expansion ---- */
/* A growing list of strings (malloc'ed; argv-shaped: NULL-terminated). */
struct strvec {
	char **v;
	size_t n, cap;
};
void strvec_push(struct strvec *s, char *str);    /* takes str */
void strvec_free(struct strvec *s);

/* What expansion asks of the shell: a parameter's value (NULL: unset).
 * Special ones are asked by their name: "?", "$", "!", "#", "0".."9",
 * and "@"/"*" are given as positional parameters below. */
struct expand_env {
	const char *(*lookup)(void *ctx, const char *name);
	void *ctx;
	/* Command substitution: run text, give its standard output
	 * (malloc'ed; NULL: none). NULL here: $(...) is an error. */
	char *(*command)(void *ctx, const char *text);
	/* Pathname expansion of a pattern (quoted bytes escaped with \):
	 * the matches appended to out, how many. NULL: no globbing. */
	size_t (*glob)(void *ctx, const char *pattern, struct strvec *out);
	char **params;       /* $1.. */
	size_t nparams;
	const char *ifs;     /* NULL: " \t\n" */
};

/* Expand a word as written into fields, appended to out: parameter
 * expansion ($NAME, ${NAME}, ${NAME:-w}, ${NAME-w}, ${#NAME}, $?, $$,
 * $!, $#, $0..$9, $@, $*), command substitution ($(...), `...`, its
 * trailing newlines removed), arithmetic ($((...)), arith.c), a leading ~
 * (HOME), field splitting of unquoted expansions on IFS, pathname
 * expansion of unquoted *, ?, [ (when split and env->glob), and quote
 * removal. split = 0 for
 * assignments and redirection targets: one field, never split.
 * Returns 0, or -1 with a message in err (a bad substitution). */
int expand_word(const struct expand_env *env, const char *word, int split,
		struct strvec *out, char *err, size_t errlen);
/* A case pattern as written, expanded (no splitting) into a pattern for
 * sh_fnmatch: what was quoted is escaped with a backslash. malloc'ed;
 * NULL on error. */
char *expand_pattern(const struct expand_env *env, const char *word,
		     char *err, size_t errlen);
/* A here-document's body expanded as inside double quotes but with `"`
 * an ordinary byte: parameters, $(...), `...`, $((...)), and \ before
 * $ ` \ or a newline. malloc'ed; NULL on error. */
char *expand_heredoc(const struct expand_env *env, const char *body,
		     char *err, size_t errlen);
/* expand_word with split = 0 into one malloc'ed string (NULL on error). */
char *expand_one(const struct expand_env *env, const char *word,
		 char *err, size_t errlen);

/* glob.c: does str match the pattern (*, ?, [...], \x)? */
int sh_fnmatch(const char *pattern, const char *str);
/* The paths matching pattern, sorted, appended to out (a name starting
 * with . only for a component starting with .): how many (0: none, or
 * no pattern character at all). */
size_t sh_glob(const char *pattern, struct strvec *out);

/* arith.c: evaluate an arithmetic expression (POSIX $((...)): long
 * integers; + - * / % << >> < <= > >= == != & ^ | && || ! ~ unary + -,
 * parentheses, variables by name (unset or empty: 0), decimal, 0x hex
 * and 0 octal constants). 0, or -1 with a message in err. */
int sh_arith(const struct expand_env *env, const char *expr, long long *out,
	     char *err, size_t errlen);

#endif
