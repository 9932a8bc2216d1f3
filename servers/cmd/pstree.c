/*
 * pstree [pid]: the process tree from init (or from pid), each process
 * as name(pid), children indented under their parent in pid order:
 *
 *   init(1)
 *   |-sh(2)
 *   | `-pstree(9)
 *   `-upper(3)
 *
 * From the process server's list (PROC_PS), read once.
 */
#include <pith/procinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXP 1024

static struct pith_psinfo procs[MAXP];
static int nprocs;

static void show(int idx, char *prefix, size_t plen, int last, int root)
{
	struct pith_psinfo *p = &procs[idx];

	printf("%s%s%s(%d)\n", prefix, root ? "" : last ? "`-" : "|-", p->comm, p->pid);
	if (!root) {
		if (plen + 3 >= 512)
			return;
		strcpy(prefix + plen, last ? "  " : "| ");
		plen += 2;
	}
	int kids[MAXP], n = 0;
	for (int i = 0; i < nprocs; i++)
		if (procs[i].ppid == p->pid && procs[i].pid != p->pid)
			kids[n++] = i;
	for (int k = 0; k < n; k++)
		show(kids[k], prefix, plen, k == n - 1, 0);
	prefix[plen - (root ? 0 : 2)] = 0;
}

int main(int argc, char **argv)
{
	struct pith_psinfo p;
	char prefix[512] = "";
	int top = 1, pid;

	if (argc > 2 || (argc == 2 && (top = atoi(argv[1])) <= 0)) {
		fprintf(stderr, "usage: pstree [pid]\n");
		return 2;
	}
	for (pid = pith_ps(1, &p); pid > 0 && nprocs < MAXP; pid = pith_ps(pid + 1, &p))
		procs[nprocs++] = p;
	if (pid < 0) {
		perror("pstree");
		return 1;
	}
	for (int i = 0; i < nprocs; i++) {
		if (procs[i].pid == top) {
			show(i, prefix, 0, 1, 1);
			return 0;
		}
	}
	fprintf(stderr, "pstree: no process %d\n", top);
	return 1;
}
