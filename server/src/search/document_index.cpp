#include "search/document_index.hpp"

#include <boost/json.hpp>

#include "search/analyzer.hpp"
#include "store/project_store.hpp"
#include "store/reference_store.hpp"
#include "store/search_store.hpp"

namespace zhaoyin::search {
namespace {

namespace json = boost::json;

// Every string in a document's type-specific fields (a directory entry's address and tags, a
// cost table's items and sources), so that they are found too.
void collect_strings(const json::value& value, std::string& out) {
    if (value.is_string()) {
        out += ' ';
        out += value.get_string();
    } else if (value.is_array()) {
        for (const auto& v : value.get_array()) {
            collect_strings(v, out);
        }
    } else if (value.is_object()) {
        for (const auto& field : value.get_object()) {
            collect_strings(field.value(), out);
        }
    }
}

std::string details_text(const std::string& details) {
    boost::system::error_code ec;
    const auto parsed = json::parse(details, ec);
    std::string out;
    if (!ec) {
        collect_strings(parsed, out);
    }
    return out;
}

void append_part(std::string& text, std::string_view part) {
    if (part.empty()) {
        return;
    }
    if (!text.empty()) {
        text += ' ';
    }
    text += part;
}

}  // namespace

store::search_entry document_entry(const store::document_source& d) {
    store::search_entry e;
    e.source = "document";
    e.source_id = d.id;
    e.type = d.type;
    e.title = d.title;
    e.title_en = d.title_en;
    // Bodies often open with their summary: it is indexed (and shown in snippets) once.
    const auto body_text = plain_text(d.body_html);
    if (!body_text.starts_with(d.summary)) {
        append_part(e.body, d.summary);
    }
    append_part(e.body, body_text);
    append_part(e.body, d.summary_en.value_or(""));
    append_part(e.body, plain_text(d.body_html_en.value_or("")));
    append_part(e.body, details_text(d.details));
    std::string title_text = d.title;
    append_part(title_text, d.title_en.value_or(""));
    e.title_tokens = token_text(title_text);
    e.body_tokens = token_text(e.body);
    e.region = d.region;
    e.dimension = d.dimension;
    e.unit_id = d.unit_id;
    e.effective_on = d.effective_on;
    e.expires_on = d.expires_on;
    e.industries = d.industries;
    return e;
}

namespace {

store::search_entry project_entry(db::connection& conn, const store::project_row& p) {
    store::reference_store reference(conn);
    store::search_entry e;
    e.source = "project";
    e.source_id = p.id;
    e.type = "project";
    // The masked fields of a confidential project (name, company) stay out of the index.
    e.title = p.confidential ? p.code_name.value_or("") : p.name;
    if (!p.confidential) {
        append_part(e.body, p.company);
    }
    for (const auto& industry : reference.list_industries()) {
        if (industry.code == p.industry_code) {
            append_part(e.body, industry.name_zh);
            append_part(e.body, industry.name_en);
        }
    }
    e.title_tokens = token_text(e.title);
    e.body_tokens = token_text(e.body);
    if (const auto unit = reference.find_unit(p.undertaking_unit_id)) {
        e.region = unit->code;
    }
    e.unit_id = p.undertaking_unit_id;
    e.industries = {p.industry_code};
    return e;
}

}  // namespace

void index_document(db::connection& conn, std::int64_t document_id) {
    store::search_store index(conn);
    const auto document = index.find_document(document_id);
    if (!document || document->status != "published") {
        index.remove("document", document_id);
        return;
    }
    index.put(document_entry(*document), document->updated_at);
}

void remove_document(db::connection& conn, std::int64_t document_id) {
    store::search_store(conn).remove("document", document_id);
}

void index_project(db::connection& conn, std::int64_t project_id) {
    store::search_store index(conn);
    const auto project = store::project_store(conn).find_project(project_id);
    if (!project || project->merged_into) {
        index.remove("project", project_id);
        return;
    }
    index.put(project_entry(conn, *project), project->updated_at);
}

rebuild_counts rebuild_index(db::connection& conn) {
    store::search_store index(conn);
    index.clear();
    rebuild_counts out;
    for (const auto id : index.published_document_ids()) {
        index_document(conn, id);
        ++out.documents;
    }
    for (const auto id : index.live_project_ids()) {
        index_project(conn, id);
        ++out.projects;
    }
    return out;
}

}  // namespace zhaoyin::search
