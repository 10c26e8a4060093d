#ifndef CLMDB_SHIM_H
#define CLMDB_SHIM_H
#include <lmdb.h>

/// Asks the CPU to start loading the cache lines of `count` bytes from `start`, to be read soon.
static inline void clmdb_prefetch(const void *start, unsigned long count) {
    const char *line = (const char *)((unsigned long)start & ~63UL);
    const char *end = (const char *)start + count;
    for (; line < end; line += 64) __builtin_prefetch(line, 0, 3);
}
#endif
