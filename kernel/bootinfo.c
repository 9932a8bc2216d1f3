/*
 * Helpers the arch boot code uses to fill struct boot_info, and the
 * command-line lookup ("key=value" words separated by spaces).
 */
#include "bootinfo.h"
#include "console.h"
#include "kstring.h"
#include "panic.h"

void boot_add_ram(struct boot_info *bi, paddr_t base, uint64_t size)
{
	if (!size)
		return;
	if (bi->nram == BOOT_MAX_RANGES) {
		kprintf("boot: too many RAM ranges, ignoring %#llx+%#llx\n",
			(unsigned long long)base, (unsigned long long)size);
		return;
	}
	bi->ram[bi->nram++] = (struct mem_range){ base, size };
}

void boot_add_reserved(struct boot_info *bi, paddr_t base, uint64_t size)
{
	if (!size)
		return;
	/* Forgetting a reservation would hand out firmware or kernel
	 * memory: better to stop than to corrupt. */
	if (bi->nreserved == BOOT_MAX_RANGES)
		panic("boot: too many reserved ranges");
	bi->reserved[bi->nreserved++] = (struct mem_range){ base, size };
}

bool boot_cmdline_get(const struct boot_info *bi, const char *key,
		      char *buf, size_t len)
{
	const char *p = bi->cmdline;
	size_t klen = strlen(key);

	while (*p) {
		while (*p == ' ')
			p++;
		const char *word = p;
		while (*p && *p != ' ')
			p++;
		size_t wlen = (size_t)(p - word);
		if (wlen < klen || strncmp(word, key, klen) != 0)
			continue;
		if (wlen != klen && word[klen] != '=')
			continue;
		const char *val = wlen == klen ? word + wlen : word + klen + 1;
		size_t vlen = (size_t)(p - val);
		if (len) {
			if (vlen >= len)
				vlen = len - 1;
			memcpy(buf, val, vlen);
			buf[vlen] = '\0';
		}
		return true;
	}
	return false;
}
