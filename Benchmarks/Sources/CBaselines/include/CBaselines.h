#ifndef CBASELINES_H
#define CBASELINES_H

/* What an event store built on the raw libraries reaches on this machine: the baselines
 * the ledger is measured against, in the same run. Every commit is durable (fsync).
 * Each function returns 0, or -1 with a message on stderr; `seconds` gets the time spent
 * appending (the final commit included). */

/* Raw LMDB: `count` records of `record_size` bytes keyed by a big-endian sequence number,
 * appended with MDB_APPEND, `batch` records per write transaction, plus a per-stream index
 * (stream id -> sequence, DUPSORT|DUPFIXED) over `streams` streams, as an event store needs. */
int lmdb_indexed_appends(const char *directory, long count, int record_size, long batch, int streams, double *seconds);

/* The same with one durable write transaction per record. */
int lmdb_single_commits(const char *directory, long count, int record_size, int streams, double *seconds);

/* Raw LMDB, reading back what lmdb_indexed_appends wrote in `directory`: every record in key
 * order through one cursor, each of its bytes summed (so the record is really read). The
 * ceiling for a replay, which must read each event. */
int lmdb_scan(const char *directory, long *records, double *seconds);

/* SQLite, as a user might build the same store: a table of (seq primary key, stream,
 * version, body) with a unique (stream, version) index, WAL with synchronous=FULL,
 * `batch` inserts per transaction. */
int sqlite_indexed_appends(const char *file, long count, int record_size, long batch, int streams, double *seconds);

#endif
