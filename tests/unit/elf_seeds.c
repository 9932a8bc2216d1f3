/*
 * Seed corpus for fuzz_elf: `elf_seeds SEEDDIR WORKDIR` writes a few
 * valid images (each checked to parse) into SEEDDIR and leaves WORKDIR
 * existing and empty, so libFuzzer's new inputs from one run do not pile
 * up for the next. Run by ctest as the setup fixture of unit-fuzz-elf.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf_build.h"

#include "elf.h"

static void make_dir(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST) {
		perror(path);
		exit(1);
	}
}

/* The directory holding path (one level). */
static void make_parent(const char *path)
{
	char parent[4096];
	char *slash;

	snprintf(parent, sizeof(parent), "%s", path);
	slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = 0;
		make_dir(parent);
	}
}

static void empty_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char name[4096];

	if (!d) {
		perror(path);
		exit(1);
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(name, sizeof(name), "%s/%s", path, e->d_name);
		if (unlink(name) < 0) {
			perror(name);
			exit(1);
		}
	}
	closedir(d);
}

static int nseeds;

static void seed(const char *dir, const struct eb_image *im,
		 uint64_t user_top)
{
	uint8_t *b = eb_alloc(im);
	struct elf_image img;
	char name[4096];
	FILE *f;

	if (elf_parse(b, im->size, im->machine, user_top, &img) != 0) {
		fprintf(stderr, "elf_seeds: seed %d does not parse\n", nseeds);
		exit(1);
	}
	snprintf(name, sizeof(name), "%s/seed%02d.elf", dir, nseeds++);
	f = fopen(name, "wb");
	if (!f || fwrite(b, 1, im->size, f) != im->size || fclose(f)) {
		perror(name);
		exit(1);
	}
	free(b);
}

int main(int argc, char **argv)
{
	struct eb_image im;

	if (argc != 3) {
		fprintf(stderr, "usage: elf_seeds SEEDDIR WORKDIR\n");
		return 2;
	}
	make_parent(argv[1]);
	make_dir(argv[1]);
	empty_dir(argv[1]);
	make_dir(argv[2]);
	empty_dir(argv[2]);

	eb_default(&im, EB_EM_RISCV);
	seed(argv[1], &im, 0x4000000000ull);
	eb_default(&im, EB_EM_X86_64);
	seed(argv[1], &im, 0x800000000000ull);

	/* Headers after the data, unaligned. */
	eb_default(&im, EB_EM_RISCV);
	im.phoff = im.size + 3;
	im.size += 3 + 2 * 56;
	seed(argv[1], &im, 0x4000000000ull);

	/* The most segments, with non-loadable headers among them. */
	eb_default(&im, EB_EM_RISCV);
	eb_add(&im, (struct eb_phdr){ .type = EB_PT_NOTE, .offset = 0x100,
				      .filesz = 0x20 });
	for (unsigned i = 2; i < ELF_MAX_SEGMENTS; i++)
		eb_add(&im, eb_load(EB_PF_R | (i & 1 ? EB_PF_X : EB_PF_W),
				    0x200 + 0x10 * i, 0x100000 + i * EB_PAGE,
				    0x10, 0x10 + 0x100 * i));
	eb_add(&im, eb_load(EB_PF_R, 0, 0x300000, 0, 0));  /* memsz 0 */
	seed(argv[1], &im, 0x4000000000ull);

	/* Small: one segment, the file ends where it does. */
	eb_default(&im, EB_EM_RISCV);
	im.ph[0] = eb_load(EB_PF_R | EB_PF_X, 0xb0, 0x1000, 0x40, 0x2000);
	im.nph = im.phnum = 1;
	im.entry = 0x1000;
	im.size = 0xf0;
	seed(argv[1], &im, 0x4000000000ull);

	printf("elf_seeds: %d seeds in %s\n", nseeds, argv[1]);
	return 0;
}
