#include "support/search_corpus.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json.hpp>

#include "search/document_index.hpp"

namespace zhaoyin::testing {

namespace json = boost::json;

std::string test_data_file(const std::string& name) {
    std::ifstream in(std::string(ZHAOYIN_TEST_DATA) + "/" + name);
    if (!in) {
        throw std::runtime_error("missing test data " + name);
    }
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {

std::optional<std::string> optional_string(const json::object& o, const char* name) {
    const auto* v = o.if_contains(name);
    if (v == nullptr || v->is_null()) {
        return std::nullopt;
    }
    return std::string(v->as_string());
}

}  // namespace

search_corpus index_search_corpus(db::connection& conn) {
    const auto parsed = json::parse(test_data_file("search_corpus.json"));
    const auto& documents = parsed.at("documents").as_array();
    search_corpus out;
    store::search_store index(conn);
    std::int64_t id = 0;
    for (const auto& value : documents) {
        const auto& d = value.as_object();
        store::document_source source;
        source.id = ++id;
        source.type = std::string(d.at("type").as_string());
        source.status = "published";
        source.unit_id = 1;
        source.region = std::string(d.at("region").as_string());
        source.dimension = optional_string(d, "dimension");
        source.title = std::string(d.at("title").as_string());
        source.summary = std::string(d.at("summary").as_string());
        source.body_html = std::string(d.at("body_html").as_string());
        source.title_en = optional_string(d, "title_en");
        source.body_html_en = optional_string(d, "body_html_en");
        source.effective_on = optional_string(d, "effective_on");
        source.expires_on = optional_string(d, "expires_on");
        source.details = json::serialize(d.at("details"));
        source.updated_at = "2026-11-01T00:00:00.000Z";
        for (const auto& code : d.at("industries").as_array()) {
            source.industries.emplace_back(code.as_string());
        }
        index.put(search::document_entry(source), source.updated_at);
        const std::string key(d.at("key").as_string());
        out.id_of[key] = id;
        out.key_of[id] = key;
    }
    return out;
}

}  // namespace zhaoyin::testing
