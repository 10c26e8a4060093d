/* How much of a file one read through a shared map brings into the resident set, by how the
 * file was written. LMDB writes a commit's pages with long pwritev calls; where the page cache
 * keeps such writes as large folios, one 4 KB read maps the whole folio. This is why the ledger
 * checks its resident pages often (Sources/LedgerStore/Ledger/MappedPageBudget.swift).
 *
 *   cc -O2 Benchmarks/folio-mapping.c -o /tmp/folio-mapping && /tmp/folio-mapping [DIR]
 *
 * Writes a 1 GiB file in DIR (default: the current directory) twice, removes it after. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const size_t fileSize = (size_t)1 << 30;
static const int reads = 1000;

static long residentFileKilobytes(void) {
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    long kilobytes = -1;
    while (status && fgets(line, sizeof line, status))
        if (strncmp(line, "RssFile:", 8) == 0) kilobytes = atol(line + 8);
    if (status) fclose(status);
    return kilobytes;
}

/* Mapped kilobytes after `reads` random page reads through a fresh map of the file. */
static long mappedByRandomReads(int descriptor, int advice) {
    char *map = mmap(NULL, fileSize, PROT_READ, MAP_SHARED, descriptor, 0);
    if (map == MAP_FAILED) { perror("mmap"); exit(1); }
    if (advice >= 0) madvise(map, fileSize, advice);
    long before = residentFileKilobytes();
    volatile char sum = 0;
    srand(1);
    for (int i = 0; i < reads; i++) sum += map[((size_t)rand() % (fileSize / 4096)) * 4096];
    long grown = residentFileKilobytes() - before;
    munmap(map, fileSize);
    return grown;
}

int main(int argc, char **argv) {
    char path[4096];
    snprintf(path, sizeof path, "%s/folio-mapping.dat", argc > 1 ? argv[1] : ".");
    size_t chunks[] = {4096, 1 << 20};
    for (int c = 0; c < 2; c++) {
        int descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
        if (descriptor < 0) { perror(path); return 1; }
        char *chunk = malloc(chunks[c]);
        memset(chunk, 1, chunks[c]);
        for (size_t offset = 0; offset < fileSize; offset += chunks[c])
            if (pwrite(descriptor, chunk, chunks[c], (off_t)offset) != (ssize_t)chunks[c]) { perror("pwrite"); return 1; }
        fsync(descriptor);
        free(chunk);
        printf("written %7zu bytes a call: %d random 4 KB reads mapped %7ld kB (%7ld kB with MADV_RANDOM)\n",
               chunks[c], reads, mappedByRandomReads(descriptor, -1), mappedByRandomReads(descriptor, MADV_RANDOM));
        close(descriptor);
        unlink(path);
    }
    return 0;
}
