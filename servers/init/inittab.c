/*
 * inittab.c: parse /etc/inittab, the table of what init (pid 1) runs.
 *
 *   id:runlevels:action:process
 *
 * Entry points: inittab_parse() (text in, table out, each bad line
 * reported and skipped), inittab_error_format() for the console message,
 * and inittab_needs_shell()/inittab_split() for how a process field is
 * executed. The parser reads the caller's buffer in place and copies only
 * what it keeps into the fixed-size table, so a 10 KiB line, a NUL byte or
 * a missing final newline costs nothing more than a report.
 */
#include <stdio.h>
#include <string.h>

#include "inittab.h"

/* One line of text being taken apart: [p, end). */
struct span {
	const char *p;
	size_t len;
};

static const char *const action_names[] = {
	[INITTAB_SYSINIT] = "sysinit",
	[INITTAB_BOOT] = "boot",
	[INITTAB_BOOTWAIT] = "bootwait",
	[INITTAB_WAIT] = "wait",
	[INITTAB_ONCE] = "once",
	[INITTAB_RESPAWN] = "respawn",
	[INITTAB_OFF] = "off",
	[INITTAB_INITDEFAULT] = "initdefault",
};

/* Actions sysvinit knows that Pith has no event for yet: a line naming one
 * is rejected with its own message, so a sysvinit file ported here tells
 * the reader what is missing rather than that it misspelled something. */
static const char *const unsupported_actions[] = {
	"ondemand", "powerwait", "powerfail", "powerokwait", "powerfailnow",
	"ctrlaltdel", "kbrequest",
};

static const char *const err_names[INITTAB_ERR_COUNT] = {
	[INITTAB_ERR_CONTROL] = "control byte in line",
	[INITTAB_ERR_FIELDS] = "missing fields (want id:runlevels:action:process)",
	[INITTAB_ERR_ID_EMPTY] = "empty id",
	[INITTAB_ERR_ID_LONG] = "id longer than 4 characters",
	[INITTAB_ERR_ID_CHAR] = "bad character in id",
	[INITTAB_ERR_ID_DUP] = "duplicate id",
	[INITTAB_ERR_RUNLEVELS_LONG] = "runlevels field too long",
	[INITTAB_ERR_RUNLEVEL_CHAR] = "bad runlevel (want 0-9 or S)",
	[INITTAB_ERR_ACTION_UNKNOWN] = "unknown action",
	[INITTAB_ERR_ACTION_UNSUPPORTED] = "action not supported by this init",
	[INITTAB_ERR_PROCESS_EMPTY] = "missing process",
	[INITTAB_ERR_PROCESS_LONG] = "process longer than 253 characters",
	[INITTAB_ERR_INITDEFAULT_PROCESS] = "initdefault takes no process",
	[INITTAB_ERR_INITDEFAULT_RUNLEVEL] = "initdefault needs exactly one runlevel",
	[INITTAB_ERR_INITDEFAULT_DUP] = "second initdefault",
	[INITTAB_ERR_FULL] = "too many entries (the limit is 32)",
};

_Static_assert(INITTAB_PROCESS_MAX == 253 && INITTAB_ID_MAX == 4 &&
	       INITTAB_MAX_ENTRIES == 32, "update err_names to the limits");

const char *inittab_err_str(enum inittab_err kind)
{
	if ((unsigned)kind >= INITTAB_ERR_COUNT)
		return "?";
	return err_names[kind];
}

const char *inittab_action_name(enum inittab_action a)
{
	if ((unsigned)a >= sizeof(action_names) / sizeof(action_names[0]))
		return "?";
	return action_names[a];
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Bytes that may not appear in an entry line: C0 controls but tab, and
 * DEL. A '\r' is one, except as the last byte (CRLF), cut off before. */
static bool is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

static bool span_is(struct span s, const char *word)
{
	size_t n = strlen(word);
	return s.len == n && memcmp(s.p, word, n) == 0;
}

/* Split off the text before the next ':' of *rest; false if there is none. */
static bool take_field(struct span *rest, struct span *field)
{
	const char *colon = memchr(rest->p, ':', rest->len);

	if (!colon)
		return false;
	field->p = rest->p;
	field->len = (size_t)(colon - rest->p);
	rest->len -= field->len + 1;
	rest->p = colon + 1;
	return true;
}

static void trim(struct span *s)
{
	while (s->len && is_blank(s->p[0])) {
		s->p++;
		s->len--;
	}
	while (s->len && is_blank(s->p[s->len - 1]))
		s->len--;
}

static unsigned runlevel_bit(char c)
{
	if (c >= '0' && c <= '9')
		return 1u << (c - '0');
	if (c == 'S' || c == 's')
		return INITTAB_RL_S;
	return 0;
}

/* The runlevel of a one-runlevel set (initdefault's). */
static char runlevel_char(unsigned set)
{
	for (char c = '0'; c <= '9'; c++)
		if (set == runlevel_bit(c))
			return c;
	return 'S';
}

bool inittab_in_runlevel(const struct inittab_entry *e, char rl)
{
	return (e->runlevels & runlevel_bit(rl)) != 0;
}

/* Record what is wrong with the line; false, for "return fail(...)". */
static bool fail(struct inittab_error *err, enum inittab_err kind,
		 const char *text, size_t len)
{
	err->kind = kind;
	err->text = text;
	err->len = len;
	return false;
}

/* Look the action up; on failure say why. */
static bool parse_action(struct span s, enum inittab_action *a,
			 struct inittab_error *err)
{
	enum inittab_err kind = INITTAB_ERR_ACTION_UNKNOWN;

	for (size_t i = 0; i < sizeof(action_names) / sizeof(action_names[0]); i++) {
		if (span_is(s, action_names[i])) {
			*a = (enum inittab_action)i;
			return true;
		}
	}
	for (size_t i = 0; i < sizeof(unsupported_actions) / sizeof(unsupported_actions[0]); i++)
		if (span_is(s, unsupported_actions[i]))
			kind = INITTAB_ERR_ACTION_UNSUPPORTED;
	return fail(err, kind, s.p, s.len);
}

static bool id_taken(const struct inittab *t, struct span id)
{
	for (size_t i = 0; i < t->count; i++)
		if (span_is(id, t->entry[i].id))
			return true;
	return false;
}

/*
 * Check one entry line (leading blanks already skipped, not a comment)
 * and fill *e from it, or say in *err what is wrong. The fields are
 * checked in order, so the report names the first thing wrong, with that
 * field's text.
 */
static bool parse_entry(const struct inittab *t, struct span rest,
			struct inittab_entry *e, struct inittab_error *err)
{
	struct span id, rl, act, proc;
	unsigned levels = 0;

	for (size_t i = 0; i < rest.len; i++)
		if (is_control((unsigned char)rest.p[i]))
			return fail(err, INITTAB_ERR_CONTROL, rest.p + i, 1);

	if (!take_field(&rest, &id) || !take_field(&rest, &rl) ||
	    !take_field(&rest, &act))
		return fail(err, INITTAB_ERR_FIELDS, NULL, 0);
	proc = rest; /* the process field may itself hold colons */
	trim(&proc);

	if (id.len == 0)
		return fail(err, INITTAB_ERR_ID_EMPTY, NULL, 0);
	if (id.len > INITTAB_ID_MAX)
		return fail(err, INITTAB_ERR_ID_LONG, id.p, id.len);
	for (size_t i = 0; i < id.len; i++)
		if (id.p[i] <= ' ' || id.p[i] > '~')
			return fail(err, INITTAB_ERR_ID_CHAR, id.p, id.len);

	if (rl.len > INITTAB_RUNLEVELS_MAX)
		return fail(err, INITTAB_ERR_RUNLEVELS_LONG, rl.p, rl.len);
	for (size_t i = 0; i < rl.len; i++) {
		unsigned bit = runlevel_bit(rl.p[i]);
		if (!bit)
			return fail(err, INITTAB_ERR_RUNLEVEL_CHAR, rl.p + i, 1);
		levels |= bit;
	}

	if (!parse_action(act, &e->action, err))
		return false;

	if (e->action == INITTAB_INITDEFAULT) {
		if (proc.len)
			return fail(err, INITTAB_ERR_INITDEFAULT_PROCESS,
				    proc.p, proc.len);
		if (rl.len != 1)
			return fail(err, INITTAB_ERR_INITDEFAULT_RUNLEVEL,
				    rl.p, rl.len);
	} else if (proc.len == 0) {
		return fail(err, INITTAB_ERR_PROCESS_EMPTY, NULL, 0);
	} else if (proc.len > INITTAB_PROCESS_MAX) {
		return fail(err, INITTAB_ERR_PROCESS_LONG, proc.p, proc.len);
	}

	/* Against the lines kept so far. */
	if (id_taken(t, id))
		return fail(err, INITTAB_ERR_ID_DUP, id.p, id.len);
	if (e->action == INITTAB_INITDEFAULT && t->has_initdefault)
		return fail(err, INITTAB_ERR_INITDEFAULT_DUP, rl.p, rl.len);
	if (t->count == INITTAB_MAX_ENTRIES)
		return fail(err, INITTAB_ERR_FULL, id.p, id.len);

	memcpy(e->id, id.p, id.len);
	e->id[id.len] = '\0';
	/* An empty runlevels field means every runlevel. */
	e->runlevels = (uint16_t)(levels ? levels : INITTAB_RL_ALL);
	memcpy(e->process, proc.p, proc.len);
	e->process[proc.len] = '\0';
	return true;
}

unsigned inittab_parse(struct inittab *t, const char *text, size_t len,
		       inittab_report_fn *report, void *ctx)
{
	size_t pos = 0;
	unsigned line = 0, rejected = 0;

	t->count = 0;
	t->runlevel = INITTAB_DEFAULT_RUNLEVEL;
	t->has_initdefault = false;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		struct span s = { text + pos, nl ? (size_t)(nl - (text + pos))
					       : len - pos };

		pos += s.len + (nl ? 1 : 0);
		line++;
		if (s.len && s.p[s.len - 1] == '\r')
			s.len--;
		while (s.len && is_blank(s.p[0])) {
			s.p++;
			s.len--;
		}
		if (s.len == 0 || s.p[0] == '#')
			continue;
		/* Fill the next free slot in place; the scratch entry stands
		 * in for it when the table is full (the line is then
		 * rejected, but its fields are still checked first). */
		struct inittab_entry scratch;
		struct inittab_entry *e = t->count < INITTAB_MAX_ENTRIES ?
					  &t->entry[t->count] : &scratch;
		struct inittab_error err = { .line = line };

		if (!parse_entry(t, s, e, &err)) {
			rejected++;
			if (report)
				report(ctx, &err);
			continue;
		}
		e->line = line;
		if (e->action == INITTAB_INITDEFAULT) {
			t->has_initdefault = true;
			t->runlevel = runlevel_char(e->runlevels);
		}
		t->count++;
	}
	return rejected;
}

int inittab_error_format(char *buf, size_t size, const char *file,
			 const struct inittab_error *e)
{
	/* Show at most 40 bytes of the field, with control bytes and
	 * non-ASCII escaped, so a message stays one short console line. */
	char shown[40 * 4 + 4];
	size_t n = 0, len = e->len < 40 ? e->len : 40;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)e->text[i];
		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			n += (size_t)snprintf(shown + n, sizeof(shown) - n,
					      "\\x%02x", c);
		else
			shown[n++] = (char)c;
	}
	if (len < e->len) {
		memcpy(shown + n, "...", 3);
		n += 3;
	}
	shown[n] = '\0';
	if (e->len == 0)
		return snprintf(buf, size, "%s:%u: %s", file, e->line,
				inittab_err_str(e->kind));
	return snprintf(buf, size, "%s:%u: %s: \"%s\"", file, e->line,
			inittab_err_str(e->kind), shown);
}

/* The characters that make /bin/sh read a field differently from a plain
 * split on blanks: quoting, expansion, globbing, redirection, lists and
 * pipelines, grouping, comments, assignments and history/negation. */
static const char shell_chars[] = "\"'\\`$*?[]~<>|&;(){}#=!^";

bool inittab_needs_shell(const char *process)
{
	return strpbrk(process, shell_chars) != NULL;
}

size_t inittab_split(char *buf, char *argv[INITTAB_ARGV_MAX])
{
	size_t argc = 0;
	char *p = buf;

	for (;;) {
		while (is_blank(*p))
			*p++ = '\0';
		if (*p == '\0')
			break;
		/* The last slot is the NULL; words past the limit (only a
		 * field longer than an entry holds has them) are dropped. */
		if (argc == INITTAB_ARGV_MAX - 1)
			break;
		argv[argc++] = p;
		while (*p && !is_blank(*p))
			p++;
	}
	argv[argc] = NULL;
	return argc;
}
