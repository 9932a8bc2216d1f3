/*
 * Basic types for the portable kernel. The kernel is freestanding C11: these
 * come from the compiler's own headers, never from a host libc.
 */
#ifndef PITH_TYPES_H
#define PITH_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t; /* a physical address */
typedef uintptr_t vaddr_t; /* a virtual address */

#define PAGE_SHIFT 12
#define PAGE_SIZE  ((size_t)1 << PAGE_SHIFT)
#define PAGE_MASK  (PAGE_SIZE - 1)

#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define ALIGN_UP(x, a)   ALIGN_DOWN((x) + (a) - 1, (a))
#define ARRAY_SIZE(a)    (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)        ((a) < (b) ? (a) : (b))
#define MAX(a, b)        ((a) > (b) ? (a) : (b))

#define noreturn    _Noreturn
#define must_check  __attribute__((warn_unused_result))
#define unused      __attribute__((unused))
#define aligned(n)  __attribute__((aligned(n)))
#define section(s)  __attribute__((section(s)))

#endif
