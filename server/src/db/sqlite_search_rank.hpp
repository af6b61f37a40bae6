#pragma once

struct sqlite3;

namespace zhaoyin::db {

// Registers `hits_rank(fts_table, title_weight, body_weight)`, an FTS5 auxiliary function: the
// search ranking on SQLite (store/search_store). For each phrase of the query it counts the
// phrase's hits in the title (column 0) and the body (column 1), saturates each count
// (tf·2.2 / (tf + 1.2), as bm25 does) and adds them up, weighted; higher is better. Unlike
// FTS5's bm25 it reads nothing but the row's own position lists: no document frequencies (bm25
// walks every phrase's whole doclist once per query) and no column sizes (a lookup per row).
void register_search_rank(sqlite3* db);

}  // namespace zhaoyin::db
