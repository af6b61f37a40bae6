#include "service/content/demo_content.hpp"

#include <array>
#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/embedded.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/content/documents.hpp"
#include "service/dispatch/field_checks.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::content {

namespace json = boost::json;

namespace {

// The files, in the order their documents are written.
constexpr std::array<std::string_view, 6> content_files{"policies", "news",      "regulations",
                                                        "costs",    "directory", "lounge"};

std::optional<std::string> text_of(const json::object& entry, std::string_view name) {
    const auto* value = entry.if_contains(name);
    return value != nullptr && value->is_string() ? std::optional(std::string(value->as_string()))
                                                  : std::nullopt;
}

// One entry of a content file as a new document; units are named by their keys.
document_input input_of(const json::object& entry,
                        const std::map<std::string, std::int64_t>& units) {
    document_input input;
    input.type = text_of(entry, "type").value_or("");
    input.unit_id = units.at(text_of(entry, "unit").value_or(""));
    input.region = text_of(entry, "region");
    input.dimension = text_of(entry, "dimension");
    if (const auto* industries = entry.if_contains("industries")) {
        for (const auto& code : industries->as_array()) {
            input.industries.emplace_back(code.as_string());
        }
    }
    input.title = text_of(entry, "title").value_or("");
    input.summary = text_of(entry, "summary").value_or("");
    input.body_html = text_of(entry, "body_html").value_or("");
    input.title_en = text_of(entry, "title_en");
    input.summary_en = text_of(entry, "summary_en");
    input.body_html_en = text_of(entry, "body_html_en");
    input.issued_on = text_of(entry, "issued_on");
    input.effective_on = text_of(entry, "effective_on");
    input.expires_on = text_of(entry, "expires_on");
    json::object details;
    if (const auto* given = entry.if_contains("details")) {
        details = given->as_object();
    }
    // A lounge page names its desk by key.
    if (const auto desk = text_of(details, "desk_unit")) {
        details.erase("desk_unit");
        details["desk_unit_id"] = units.at(*desk);
    }
    input.details = json::serialize(details);
    return input;
}

}  // namespace

int ensure_demo_content(db::database& db, const clock& now, const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        if (conn.query("SELECT COUNT(*) FROM documents").integer(0, 0) > 0) {
            return 0;
        }
        const auto bureau =
            conn.query("SELECT id, unit_id FROM user_account WHERE login_name = 'bureau'");
        if (bureau.empty()) {
            return 0;
        }
        // The bureau publishes everywhere; the demo is checked as if it wrote every document.
        identity::principal publisher;
        publisher.user_id = bureau.integer(0, 0);
        publisher.unit_id = bureau.optional_integer(0, 1);
        publisher.login = "demo-loader";
        publisher.scope = identity::scope_kind::all;
        publisher.permissions = {"content:document:write", "content:document:publish",
                                 "content:document:review"};
        std::map<std::string, std::int64_t> units;
        for (const auto& unit : store::reference_store(conn).list_units()) {
            units[unit.key] = unit.id;
        }
        const auto today = dispatch::today_cst(now.now());
        store::document_store store(conn);
        int written = 0;
        for (const auto name : content_files) {
            std::string_view text;
            try {
                text = embedded_data_file(fmt::format("cities/{}/content/{}.json", city, name));
            } catch (const std::invalid_argument&) {
                continue;  // a city without this kind of content
            }
            const auto file = json::parse(text);
            for (const auto& entry : file.at("documents").as_array()) {
                auto d = checked_new_document(conn, publisher, input_of(entry.as_object(), units));
                // Issued at 10:00 in Qingdao on its date: the same stamps on every run.
                const auto stamp = d.issued_on.value_or(today) + "T02:00:00.000Z";
                d.created_at = d.updated_at = stamp;
                d.published_at = stamp;
                d.published_by = publisher.user_id;
                d.status = d.expires_on && *d.expires_on < today ? "expired" : "published";
                d.illustrative = true;
                d.id = store.insert_document(d);
                sync_search_index(conn, d);
                ++written;
            }
        }
        audit::record(
            conn, now, {std::nullopt, "demo-loader", {}, std::nullopt, "local", {}},
            {"content.demo.load", "document", "", "success", fmt::format("{} documents", written)});
        return written;
    });
}

}  // namespace zhaoyin::service::content
