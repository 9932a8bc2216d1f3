/*
 * The /etc/inittab parser of init (pid 1): the text of the file in, a table
 * of entries out, every malformed line reported with its number and what is
 * wrong, and skipped. No allocation and no system calls: the caller gives
 * the table (struct inittab, about 9 KiB) and the text, so the parser runs
 * unchanged in init and in the host unit tests. docs/init.md describes the
 * format and the limits chosen here.
 */
#ifndef PITH_INIT_INITTAB_H
#define PITH_INIT_INITTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INITTAB_ID_MAX 4          /* id: 1 to 4 characters, as sysvinit */
#define INITTAB_RUNLEVELS_MAX 11  /* "0123456789S" */
#define INITTAB_PROCESS_MAX 253   /* sysvinit's documented limit */
#define INITTAB_MAX_ENTRIES 32    /* initdefault lines count too */
#define INITTAB_DEFAULT_RUNLEVEL '3' /* when no initdefault line says */

/* The largest argv a process field can split into (words of one letter
 * and one blank each), plus the terminating NULL. */
#define INITTAB_ARGV_MAX ((INITTAB_PROCESS_MAX + 1) / 2 + 1)

/* Runlevel sets: bit n for runlevel '0' + n, INITTAB_RL_S for S (or s). */
#define INITTAB_RL_S (1u << 10)
#define INITTAB_RL_ALL 0x7ffu

enum inittab_action {
	INITTAB_SYSINIT,     /* at boot, before anything else; waited for */
	INITTAB_BOOT,        /* at boot, after sysinit; not waited for */
	INITTAB_BOOTWAIT,    /* at boot, after sysinit; waited for */
	INITTAB_WAIT,        /* entering the runlevel; waited for */
	INITTAB_ONCE,        /* entering the runlevel; not waited for */
	INITTAB_RESPAWN,     /* entering the runlevel; restarted when it dies */
	INITTAB_OFF,         /* never run */
	INITTAB_INITDEFAULT, /* names the runlevel; runs nothing */
};

struct inittab_entry {
	char id[INITTAB_ID_MAX + 1];           /* NUL-terminated */
	uint16_t runlevels;                    /* INITTAB_RL_* set */
	enum inittab_action action;
	unsigned line;                         /* where it was, from 1 */
	char process[INITTAB_PROCESS_MAX + 1]; /* blanks trimmed; "" only
						  for initdefault */
};

struct inittab {
	struct inittab_entry entry[INITTAB_MAX_ENTRIES];
	size_t count;
	char runlevel; /* '0'..'9' or 'S': initdefault's, else the default */
	bool has_initdefault;
};

/* What is wrong with a rejected line. One error a line: the first found,
 * in the order the fields are read (bytes, field count, id, runlevels,
 * action, process, then the checks against earlier lines). */
enum inittab_err {
	INITTAB_ERR_CONTROL,        /* a control byte (NUL, CR, ...) */
	INITTAB_ERR_FIELDS,         /* fewer than four fields */
	INITTAB_ERR_ID_EMPTY,
	INITTAB_ERR_ID_LONG,        /* more than INITTAB_ID_MAX */
	INITTAB_ERR_ID_CHAR,        /* not printable ASCII, or a blank */
	INITTAB_ERR_ID_DUP,         /* an earlier line has that id */
	INITTAB_ERR_RUNLEVELS_LONG, /* more than INITTAB_RUNLEVELS_MAX */
	INITTAB_ERR_RUNLEVEL_CHAR,  /* not 0-9, S or s */
	INITTAB_ERR_ACTION_UNKNOWN,
	INITTAB_ERR_ACTION_UNSUPPORTED, /* sysvinit's, not Pith's (yet) */
	INITTAB_ERR_PROCESS_EMPTY,
	INITTAB_ERR_PROCESS_LONG,   /* more than INITTAB_PROCESS_MAX */
	INITTAB_ERR_INITDEFAULT_PROCESS,  /* initdefault with a process */
	INITTAB_ERR_INITDEFAULT_RUNLEVEL, /* not exactly one runlevel */
	INITTAB_ERR_INITDEFAULT_DUP,      /* a second initdefault */
	INITTAB_ERR_FULL,           /* already INITTAB_MAX_ENTRIES entries */
	INITTAB_ERR_COUNT
};

struct inittab_error {
	unsigned line;          /* from 1 */
	enum inittab_err kind;
	const char *text;       /* the offending field or byte, inside the */
	size_t len;             /* caller's text (not NUL-terminated) */
};

/* Called once for each rejected line, in line order. */
typedef void inittab_report_fn(void *ctx, const struct inittab_error *e);

/*
 * Parse len bytes of text into *t (which it resets first). Lines end at
 * '\n' (the last one need not); a '\r' just before the end of a line is
 * dropped, so CRLF files read as LF files. Blank lines and lines whose
 * first non-blank is '#' are ignored, whatever else they hold. Each
 * malformed line goes to report (which may be NULL) and is skipped; every
 * other line is kept. Returns the number of lines rejected.
 */
unsigned inittab_parse(struct inittab *t, const char *text, size_t len,
		       inittab_report_fn *report, void *ctx);

/* A short English description of kind ("unknown action"). */
const char *inittab_err_str(enum inittab_err kind);

/* The inittab name of an action ("respawn"). */
const char *inittab_action_name(enum inittab_action a);

/* Format e as "<file>:<line>: <what> \"<text>\"" into buf (always
 * NUL-terminated; long or unprintable text is shortened or escaped).
 * Returns the length snprintf would have written. */
int inittab_error_format(char *buf, size_t size, const char *file,
			 const struct inittab_error *e);

/* Does the entry belong to runlevel rl ('0'..'9', 'S' or 's')? */
bool inittab_in_runlevel(const struct inittab_entry *e, char rl);

/*
 * How init runs a process field. A field with any shell metacharacter
 * (quotes, redirections, pipes, ';', '&', '$', globs, ...; the list is in
 * inittab.c) runs as "/bin/sh -c <field>". Any other field is split on
 * blanks into argv and its first word is the path given to execv.
 */
bool inittab_needs_shell(const char *process);

/* Split a copy of a process field in place on blanks into argv (NULL
 * terminated; INITTAB_ARGV_MAX is always enough for a field that fits an
 * entry). Returns argc, 0 for an all-blank field. */
size_t inittab_split(char *buf, char *argv[INITTAB_ARGV_MAX]);

#endif
