/*
 * Pipes' buffers and ends: a static pool (fs has no pager, so every byte
 * of it is present from the start), each pipe a ring of PIPE_CAP bytes
 * with the count of open-file descriptions of its read end and of its
 * write end. The descriptions (fdtab.c) hold those counts: dup and fork
 * share a description and change nothing here; the last descriptor of a
 * description closed (close, exit, exec's close-on-exec) drops its end.
 * A pipe whose counts both reach 0 is free. A change that may let a
 * waiting call go on (data, room, the last end of a kind gone) marks the
 * pipe: pipeio.c looks at the marked pipes after each message. Pure:
 * no system calls, host-tested (tests/unit/test_bootfs.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "fs.h"

struct pipe *pipes;
static uint64_t marked[(PIPE_MAX + 63) / 64];
static unsigned npipes;

void pipe_init(void)
{
	if (!pipes)
		pipes = table_space(PIPE_MAX * sizeof(*pipes));
	/* A pipe never used may not be mapped: zero. */
	for (unsigned i = 0; i < PIPE_MAX; i++)
		if (table_mapped(&pipes[i]))
			pipes[i].readers = pipes[i].writers = 0;
	memset(marked, 0, sizeof(marked));
	npipes = 0;
}

int pipe_join(int i, unsigned acc)
{
	if (i < 0) {
		for (i = 0; i < PIPE_MAX; i++)
			if (!table_mapped(&pipes[i]) ||
			    (!pipes[i].readers && !pipes[i].writers))
				break;
		/* A pipe never used is mapped whole now; no memory for
		 * it is as full. */
		if (i == PIPE_MAX || table_need(&pipes[i], sizeof(pipes[i])))
			return -ENFILE;
		pipes[i].head = pipes[i].len = pipes[i].wgen = 0;
		npipes++;
	}
	pipes[i].readers += acc != O_WRONLY;
	pipes[i].writers += acc != O_RDONLY;
	pipes[i].wgen += acc != O_RDONLY;
	return i;
}

int pipe_new(void)
{
	return pipe_join(-1, O_RDWR);
}

bool pipe_leave(unsigned i, unsigned acc)
{
	if (acc != O_WRONLY)
		pipe_end_closed(i, false);
	if (acc != O_RDONLY)
		pipe_end_closed(i, true);
	return !pipes[i].readers && !pipes[i].writers;
}

void pipe_mark(unsigned i)
{
	marked[i / 64] |= 1ull << (i % 64);
}

int pipe_next_marked(void)
{
	for (unsigned w = 0; w < sizeof(marked) / sizeof(marked[0]); w++)
		if (marked[w]) {
			unsigned b = (unsigned)__builtin_ctzll(marked[w]);
			marked[w] &= ~(1ull << b);
			return (int)(w * 64 + b);
		}
	return -1;
}

void pipe_end_closed(unsigned i, bool writer)
{
	struct pipe *p = &pipes[i];
	uint32_t *n = writer ? &p->writers : &p->readers;

	if (!*n)
		return;
	--*n;
	if (!p->readers && !p->writers) {
		p->head = p->len = 0;
		npipes--;
	}
	pipe_mark(i);
}

size_t pipe_peek(const struct pipe *p, const uint8_t **at)
{
	size_t run = PIPE_CAP - p->head;

	*at = p->buf + p->head;
	return p->len < run ? p->len : run;
}

void pipe_consume(struct pipe *p, size_t n)
{
	p->head = (uint32_t)((p->head + n) % PIPE_CAP);
	p->len -= (uint32_t)n;
}

size_t pipe_room(struct pipe *p, uint8_t **at)
{
	size_t tail = (p->head + p->len) % PIPE_CAP;
	size_t run = PIPE_CAP - tail, room = PIPE_CAP - p->len;

	*at = p->buf + tail;
	return room < run ? room : run;
}

void pipe_commit(struct pipe *p, size_t n)
{
	p->len += (uint32_t)n;
}

size_t pipe_copy_in(struct pipe *p, const void *src, size_t n)
{
	size_t done = 0;

	while (done < n) {
		uint8_t *at;
		size_t k = pipe_room(p, &at);
		if (!k)
			break;
		if (k > n - done)
			k = n - done;
		memcpy(at, (const uint8_t *)src + done, k);
		pipe_commit(p, k);
		done += k;
	}
	return done;
}

size_t pipe_copy_out(struct pipe *p, void *dst, size_t n)
{
	size_t done = 0;

	while (done < n) {
		const uint8_t *at;
		size_t k = pipe_peek(p, &at);
		if (!k)
			break;
		if (k > n - done)
			k = n - done;
		memcpy((uint8_t *)dst + done, at, k);
		pipe_consume(p, k);
		done += k;
	}
	return done;
}

unsigned pipe_count(void)
{
	return npipes;
}
