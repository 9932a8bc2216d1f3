/*
 * getopt (<unistd.h>), POSIX's: options are letters, "x:" takes an
 * argument (attached or the next word), "--" ends the options, and a
 * leading ':' in optstring reports a missing argument as ':' without a
 * message.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int pos;  /* within argv[optind], 0 = start a new word */

int getopt(int argc, char *const argv[], const char *optstring)
{
	const char *spec;
	char *word;
	int c;

	if (optind == 0) {  /* GNU's way to reset */
		optind = 1;
		pos = 0;
	}
	optarg = NULL;
	if (!pos) {
		if (optind >= argc || !(word = argv[optind]) || word[0] != '-' ||
		    !word[1])
			return -1;
		if (strcmp(word, "--") == 0) {
			optind++;
			return -1;
		}
		pos = 1;
	}
	word = argv[optind];
	c = (unsigned char)word[pos++];
	spec = c != ':' ? strchr(optstring, c) : NULL;
	if (!word[pos]) {
		optind++;
		pos = 0;
	}
	if (!spec) {
		optopt = c;
		if (opterr && optstring[0] != ':')
			fprintf(stderr, "%s: illegal option -- %c\n", argv[0], c);
		return '?';
	}
	if (spec[1] == ':') {
		if (pos) {             /* the rest of this word */
			optarg = word + pos;
			optind++;
			pos = 0;
		} else if (optind < argc) {
			optarg = argv[optind++];
		} else {
			optopt = c;
			if (optstring[0] == ':')
				return ':';
			if (opterr)
				fprintf(stderr, "%s: option requires an argument -- %c\n",
					argv[0], c);
			return '?';
		}
	}
	return c;
}
