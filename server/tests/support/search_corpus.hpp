#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "db/connection.hpp"

namespace zhaoyin::testing {

// The search fixture corpus (server/tests/data/search_corpus.json), indexed as published
// documents through the same analysis as real ones. Document ids are 1, 2, … in file order.
struct search_corpus {
    std::map<std::string, std::int64_t> id_of;  // fixture key → document id
    std::map<std::int64_t, std::string> key_of;
};

search_corpus index_search_corpus(db::connection& conn);

// A file of server/tests/data.
std::string test_data_file(const std::string& name);

}  // namespace zhaoyin::testing
