-- On SQLite the search postings move into an FTS5 index: one row per
-- object, its posting bigrams as tokens (each the hex of the bigram's UTF-8,
-- which every tokenizer keeps whole), and its uid. A B-tree entry per
-- posting, about ten per object, was half of a 100,000-row import's time
-- there; FTS5 buffers a transaction's postings and writes them as compact
-- sorted segments (docs/benchmarks.md). PostgreSQL keeps object_grams,
-- which its searches walk in uid order. Objects are found by their uid, so
-- nothing depends on either table's row numbers.
--store sqlite
CREATE VIRTUAL TABLE object_search USING fts5(
    grams,
    uid UNINDEXED,
    content = '',
    contentless_delete = 1,
    contentless_unindexed = 1,
    detail = none,
    tokenize = 'ascii'
)
--split
--store sqlite
INSERT INTO object_search (grams, uid) SELECT group_concat(hex(gram), ' '), uid FROM object_grams GROUP BY uid
--split
--store sqlite
DROP TABLE object_grams
