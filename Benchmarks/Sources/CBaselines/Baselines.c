#include "CBaselines.h"

#include <lmdb.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void big_endian(uint8_t *out, uint64_t value) {
    for (int i = 7; i >= 0; i--) { out[i] = (uint8_t)(value & 0xff); value >>= 8; }
}

/* Streams take turns in a scrambled order, as budgets do in the ledger's workload. */
static uint64_t stream_of(long seq, int streams) { return ((uint64_t)seq * 2654435761u) % (uint64_t)streams; }

#define LMDB_CHECK(call) do { int rc_ = (call); if (rc_) { fprintf(stderr, "%s: %s\n", #call, mdb_strerror(rc_)); goto fail; } } while (0)

/* Shared by both LMDB baselines: `batch` records per durable transaction. */
static int lmdb_appends(const char *directory, long count, int record_size, long batch, int streams, double *seconds) {
    MDB_env *env = NULL;
    MDB_txn *txn = NULL;
    MDB_dbi events, index;
    uint8_t *record = malloc((size_t)record_size);
    if (!record) return -1;
    memset(record, 0xab, (size_t)record_size);
    LMDB_CHECK(mdb_env_create(&env));
    LMDB_CHECK(mdb_env_set_mapsize(env, (size_t)64 << 30));
    LMDB_CHECK(mdb_env_set_maxdbs(env, 4));
    LMDB_CHECK(mdb_env_open(env, directory, MDB_NOTLS, 0600));  /* no MDB_NOSYNC: durable */
    LMDB_CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    LMDB_CHECK(mdb_dbi_open(txn, "events", MDB_CREATE, &events));
    LMDB_CHECK(mdb_dbi_open(txn, "streams", MDB_CREATE | MDB_DUPSORT | MDB_DUPFIXED, &index));
    LMDB_CHECK(mdb_txn_commit(txn));
    txn = NULL;
    double start = now();
    for (long seq = 1; seq <= count;) {
        LMDB_CHECK(mdb_txn_begin(env, NULL, 0, &txn));
        for (long in_batch = 0; in_batch < batch && seq <= count; in_batch++, seq++) {
            uint8_t key[8], stream[8];
            big_endian(key, (uint64_t)seq);
            memcpy(record, key, 8);
            MDB_val k = {8, key}, v = {(size_t)record_size, record};
            LMDB_CHECK(mdb_put(txn, events, &k, &v, MDB_APPEND));
            big_endian(stream, stream_of(seq, streams));
            MDB_val sk = {8, stream}, sv = {8, key};
            LMDB_CHECK(mdb_put(txn, index, &sk, &sv, 0));
        }
        LMDB_CHECK(mdb_txn_commit(txn));
        txn = NULL;
    }
    *seconds = now() - start;
    mdb_env_close(env);
    free(record);
    return 0;
fail:
    if (txn) mdb_txn_abort(txn);
    if (env) mdb_env_close(env);
    free(record);
    return -1;
}

int lmdb_indexed_appends(const char *directory, long count, int record_size, long batch, int streams, double *seconds) {
    return lmdb_appends(directory, count, record_size, batch, streams, seconds);
}

int lmdb_single_commits(const char *directory, long count, int record_size, int streams, double *seconds) {
    return lmdb_appends(directory, count, record_size, 1, streams, seconds);
}

int lmdb_scan(const char *directory, long *records, double *seconds) {
    MDB_env *env = NULL;
    MDB_txn *txn = NULL;
    MDB_cursor *cursor = NULL;
    MDB_dbi events;
    MDB_val key, value;
    uint64_t sum = 0;
    long count = 0;
    LMDB_CHECK(mdb_env_create(&env));
    LMDB_CHECK(mdb_env_set_mapsize(env, (size_t)64 << 30));
    LMDB_CHECK(mdb_env_set_maxdbs(env, 4));
    LMDB_CHECK(mdb_env_open(env, directory, MDB_NOTLS | MDB_RDONLY, 0600));
    double start = now();
    LMDB_CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
    LMDB_CHECK(mdb_dbi_open(txn, "events", 0, &events));
    LMDB_CHECK(mdb_cursor_open(txn, events, &cursor));
    while (mdb_cursor_get(cursor, &key, &value, count ? MDB_NEXT : MDB_FIRST) == 0) {
        const uint8_t *bytes = value.mv_data;
        for (size_t i = 0; i < value.mv_size; i++) sum += bytes[i];
        count++;
    }
    *seconds = now() - start;
    *records = sum == 42 ? count + 1 : count;  /* keeps the sum from being optimised away */
    mdb_cursor_close(cursor);
    mdb_txn_abort(txn);
    mdb_env_close(env);
    return 0;
fail:
    if (cursor) mdb_cursor_close(cursor);
    if (txn) mdb_txn_abort(txn);
    if (env) mdb_env_close(env);
    return -1;
}

int sqlite_indexed_appends(const char *file, long count, int record_size, long batch, int streams, double *seconds) {
    sqlite3 *db = NULL;
    sqlite3_stmt *insert = NULL;
    unsigned char *record = malloc((size_t)record_size);
    uint32_t *versions = calloc((size_t)streams, sizeof *versions);
    if (!record || !versions) goto fail;
    memset(record, 0xab, (size_t)record_size);
    remove(file);
    if (sqlite3_open(file, &db) != SQLITE_OK) goto fail;
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                         "CREATE TABLE events(seq INTEGER PRIMARY KEY, stream INTEGER NOT NULL, version INTEGER NOT NULL, body BLOB NOT NULL);"
                         "CREATE UNIQUE INDEX by_stream ON events(stream, version);", NULL, NULL, NULL) != SQLITE_OK) goto fail;
    if (sqlite3_prepare_v2(db, "INSERT INTO events VALUES(?,?,?,?)", -1, &insert, NULL) != SQLITE_OK) goto fail;
    double start = now();
    for (long seq = 1; seq <= count;) {
        if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) goto fail;
        for (long in_batch = 0; in_batch < batch && seq <= count; in_batch++, seq++) {
            uint64_t stream = stream_of(seq, streams);
            sqlite3_bind_int64(insert, 1, seq);
            sqlite3_bind_int64(insert, 2, (sqlite3_int64)stream);
            sqlite3_bind_int64(insert, 3, ++versions[stream]);
            sqlite3_bind_blob(insert, 4, record, record_size, SQLITE_STATIC);
            if (sqlite3_step(insert) != SQLITE_DONE) goto fail;
            sqlite3_reset(insert);
        }
        if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) goto fail;
    }
    *seconds = now() - start;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    free(record);
    free(versions);
    return 0;
fail:
    if (db) fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
    if (insert) sqlite3_finalize(insert);
    if (db) sqlite3_close(db);
    free(record);
    free(versions);
    return -1;
}
