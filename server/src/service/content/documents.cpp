#include "service/content/documents.hpp"

#include <algorithm>
#include <functional>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/decimal.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/html_sanitizer.hpp"
#include "core/time_format.hpp"
#include "search/document_index.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/dispatch/field_checks.hpp"
#include "service/dispatch/supervision.hpp"
#include "service/intake/attachments.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::content {

namespace json = boost::json;
using dispatch::require_text;
using dispatch::today_cst;

namespace {

const std::set<std::string> document_types{
    "policy", "news", "regulation", "cost_table", "directory_entry", "lounge_page", "faq"};
const std::set<std::string> dimensions{"investment_policy", "investment_cost", "talent"};
const std::set<std::string> statuses{"draft", "pending_review", "published", "expired",
                                     "withdrawn"};
// What a consultation may be asked on, and so what an FAQ hangs under.
const std::set<std::string> faq_contexts{
    "policy",      "news", "regulation", "cost_table", "directory_entry",
    "lounge_page", "park", "project",    "general"};

constexpr std::size_t max_body_bytes = 200 * 1024;

bool publicly_readable(const std::string& status) {
    return status == "published" || status == "expired";
}

// The city's content rules (data/cities/<city>/content.json): which types the bureau reviews.
bool review_before_publish(const std::string& city, const std::string& type) {
    const auto file = json::parse(embedded_data_file("cities/" + city + "/content.json"));
    const auto& types = file.at("types").as_object();
    const auto* rules = types.if_contains(type);
    if (rules == nullptr) {
        return true;  // an unlisted type waits for the bureau
    }
    const auto* review = rules->as_object().if_contains("review_before_publish");
    return review == nullptr || review->as_bool();
}

const store::unit_row* unit_by_id(const std::vector<store::unit_row>& units, std::int64_t id) {
    const auto found =
        std::find_if(units.begin(), units.end(), [&](const auto& u) { return u.id == id; });
    return found == units.end() ? nullptr : &*found;
}

// A unit's region: its own code, else the code of the nearest unit above it that has one
// (a department's region is the city).
std::string region_of(const std::vector<store::unit_row>& units, std::int64_t unit_id) {
    for (const auto* unit = unit_by_id(units, unit_id); unit != nullptr;
         unit = unit->parent_id ? unit_by_id(units, *unit->parent_id) : nullptr) {
        if (unit->code) {
            return *unit->code;
        }
    }
    return "";
}

// The regions a unit publishes in: its own, and the codes of the units below it.
std::set<std::string> regions_of(const std::vector<store::unit_row>& units, std::int64_t unit_id) {
    std::set<std::string> out{region_of(units, unit_id)};
    std::set<std::int64_t> below{unit_id};
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& u : units) {
            if (u.parent_id && below.contains(*u.parent_id) && !below.contains(u.id)) {
                below.insert(u.id);
                grew = true;
                if (u.code) {
                    out.insert(*u.code);
                }
            }
        }
    }
    return out;
}

// A unit price: a decimal string with up to four decimals (electricity is priced to 0.0001
// yuan per kWh), never a floating-point number.
bool valid_unit_price(const std::string& price) {
    static const std::regex pattern(R"(^[0-9]{1,12}(\.[0-9]{1,4})?$)");
    return std::regex_match(price, pattern);
}

const json::value* member(const json::object& o, std::string_view name) {
    const auto* v = o.if_contains(name);
    return v == nullptr || v->is_null() ? nullptr : v;
}

void require_string(const json::object& o, std::string_view name, const std::string& field,
                    field_errors& errors, std::size_t max = 500) {
    const auto* v = member(o, name);
    if (v == nullptr || !v->is_string() || v->as_string().empty()) {
        errors.add(field, {"field.required", {}});
    } else if (v->as_string().size() > max) {
        errors.add(field, {"field.too_long", {{"max", std::to_string(max)}}});
    }
}

void require_choice(const json::object& o, std::string_view name, const std::string& field,
                    const std::set<std::string>& allowed, field_errors& errors) {
    const auto* v = member(o, name);
    if (v == nullptr) {
        errors.add(field, {"field.required", {}});
    } else if (!v->is_string() || !allowed.contains(std::string(v->as_string()))) {
        errors.add(field, {"field.invalid_value", {}});
    }
}

void check_cost_rows(const json::object& details, field_errors& errors) {
    static const std::set<std::string> categories{"water", "electricity", "gas", "land", "labour"};
    const auto* rows = member(details, "rows");
    if (rows == nullptr || !rows->is_array() || rows->as_array().empty()) {
        errors.add("details.rows", {"field.required", {}});
        return;
    }
    const auto& list = rows->as_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto prefix = fmt::format("details.rows[{}].", i);
        if (!list[i].is_object()) {
            errors.add(prefix.substr(0, prefix.size() - 1), {"field.must_be_object", {}});
            continue;
        }
        const auto& row = list[i].as_object();
        require_string(row, "district", prefix + "district", errors, 100);
        require_choice(row, "category", prefix + "category", categories, errors);
        require_string(row, "item", prefix + "item", errors, 200);
        require_string(row, "unit", prefix + "unit", errors, 50);
        require_string(row, "source", prefix + "source", errors, 300);
        const auto* price = member(row, "price");
        if (price == nullptr) {
            errors.add(prefix + "price", {"field.required", {}});
        } else if (!price->is_string() || !valid_unit_price(std::string(price->as_string()))) {
            errors.add(prefix + "price", {"content.price_decimal", {}});
        }
        const auto* effective = member(row, "effective_on");
        if (effective == nullptr) {
            errors.add(prefix + "effective_on", {"field.required", {}});
        } else if (!effective->is_string() || !is_date(std::string(effective->as_string()))) {
            errors.add(prefix + "effective_on", {"field.must_be_date", {}});
        }
        const auto* illustrative = member(row, "illustrative");
        if (illustrative != nullptr && !illustrative->is_bool()) {
            errors.add(prefix + "illustrative", {"field.invalid_value", {}});
        }
    }
}

void check_directory_entry(const json::object& details, field_errors& errors) {
    static const std::set<std::string> categories{"legal", "vc_pe", "hotel", "food"};
    require_choice(details, "category", "details.category", categories, errors);
    const auto* phone = member(details, "phone");
    if (phone == nullptr) {
        errors.add("details.phone", {"field.required", {}});
    } else if (!phone->is_string() || !valid_directory_phone(std::string(phone->as_string()))) {
        errors.add("details.phone", {"content.phone_format", {}});
    }
    const auto* address = member(details, "address");
    if (address != nullptr && (!address->is_string() || address->as_string().size() > 300)) {
        errors.add("details.address", {"field.invalid_value", {}});
    }
    const auto* tags = member(details, "tags");
    if (tags != nullptr &&
        (!tags->is_array() || std::any_of(tags->as_array().begin(), tags->as_array().end(),
                                          [](const auto& t) { return !t.is_string(); }))) {
        errors.add("details.tags", {"field.invalid_value", {}});
    }
}

void check_lounge_page(const json::object& details, const std::vector<store::unit_row>& units,
                       field_errors& errors) {
    static const std::set<std::string> economies{"DE", "JP", "KR", "US", "EU", "SG"};
    require_choice(details, "economy", "details.economy", economies, errors);
    const auto* desk = member(details, "desk_unit_id");
    if (desk == nullptr) {
        errors.add("details.desk_unit_id", {"field.required", {}});
    } else if (!desk->is_int64() || unit_by_id(units, desk->as_int64()) == nullptr) {
        errors.add("details.desk_unit_id", {"field.unknown_unit", {}});
    }
}

// Checks the type's own fields; returns them as stored (compact JSON).
std::string check_details(const std::string& type, const std::string& text,
                          const std::vector<store::unit_row>& units, field_errors& errors) {
    json::value parsed;
    try {
        parsed = json::parse(text);
    } catch (const std::exception&) {
        errors.add("details", {"field.must_be_object", {}});
        return "{}";
    }
    if (!parsed.is_object()) {
        errors.add("details", {"field.must_be_object", {}});
        return "{}";
    }
    const auto& details = parsed.as_object();
    if (type == "cost_table") {
        check_cost_rows(details, errors);
    } else if (type == "directory_entry") {
        check_directory_entry(details, errors);
    } else if (type == "lounge_page") {
        check_lounge_page(details, units, errors);
    }
    return json::serialize(parsed);
}

void check_date(field_errors& errors, const std::string& field,
                const std::optional<std::string>& value) {
    if (value && !is_date(*value)) {
        errors.add(field, {"field.must_be_date", {}});
    }
}

// Checks a whole document (new, or as an edit leaves it) and sanitises its bodies; `who` may
// publish in the document's region: their unit's own or below (the bureau anywhere).
void check_document(db::connection& conn, const identity::principal& who, store::document_row& d,
                    field_errors& errors) {
    store::reference_store reference(conn);
    const auto units = reference.list_units();
    require_text(errors, "title", d.title, 200);
    if (d.summary.size() > 1000) {
        errors.add("summary", {"field.too_long", {{"max", "1000"}}});
    }
    if (d.title_en && d.title_en->size() > 300) {
        errors.add("title_en", {"field.too_long", {{"max", "300"}}});
    }
    if (d.summary_en && d.summary_en->size() > 2000) {
        errors.add("summary_en", {"field.too_long", {{"max", "2000"}}});
    }
    if (d.body_html.size() > max_body_bytes) {
        errors.add("body_html", {"field.too_long", {{"max", std::to_string(max_body_bytes)}}});
    }
    if (d.body_html_en && d.body_html_en->size() > max_body_bytes) {
        errors.add("body_html_en", {"field.too_long", {{"max", std::to_string(max_body_bytes)}}});
    }
    if (d.type == "policy") {
        if (!d.dimension) {
            errors.add("dimension", {"field.required", {}});
        } else if (!dimensions.contains(*d.dimension)) {
            errors.add("dimension", {"field.invalid_value", {}});
        }
    } else if (d.dimension) {
        errors.add("dimension", {"content.dimension_policies_only", {}});
    }
    const auto known = reference.industry_codes();
    for (const auto& code : d.industries) {
        if (!known.contains(code)) {
            errors.add("industries", {"field.invalid_value", {}});
        }
    }
    check_date(errors, "issued_on", d.issued_on);
    check_date(errors, "effective_on", d.effective_on);
    check_date(errors, "expires_on", d.expires_on);
    const auto dated = [](const std::optional<std::string>& v) { return v && is_date(*v); };
    if (dated(d.issued_on) && dated(d.effective_on) && *d.effective_on < *d.issued_on) {
        errors.add("effective_on", {"content.dates_order", {}});
    }
    const auto& start = dated(d.effective_on) ? d.effective_on : d.issued_on;
    if (dated(start) && dated(d.expires_on) && *d.expires_on < *start) {
        errors.add("expires_on", {"content.dates_order", {}});
    }
    const bool everywhere = identity::list_scope_of(who).everything;
    const auto allowed = regions_of(units, d.unit_id);
    const bool known_region =
        std::any_of(units.begin(), units.end(), [&](const auto& u) { return u.code == d.region; });
    if (!known_region || (!everywhere && !allowed.contains(d.region))) {
        errors.add("region", {"content.region_out_of_scope", {}});
    }
    d.details = check_details(d.type, d.details, units, errors);
    d.body_html = sanitize_html(d.body_html);
    if (d.body_html_en) {
        d.body_html_en = sanitize_html(*d.body_html_en);
    }
}

json::value optional_value(const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

// The document as a version snapshot keeps it.
std::string snapshot_of(const store::document_row& d) {
    json::array industries;
    for (const auto& code : d.industries) {
        industries.emplace_back(code);
    }
    json::value details;
    try {
        details = json::parse(d.details);
    } catch (const std::exception&) {
        details = json::object{};
    }
    return json::serialize(json::object{{"version", d.version},
                                        {"status", d.status},
                                        {"region", d.region},
                                        {"dimension", optional_value(d.dimension)},
                                        {"industries", std::move(industries)},
                                        {"title", d.title},
                                        {"summary", d.summary},
                                        {"body_html", d.body_html},
                                        {"title_en", optional_value(d.title_en)},
                                        {"summary_en", optional_value(d.summary_en)},
                                        {"body_html_en", optional_value(d.body_html_en)},
                                        {"issued_on", optional_value(d.issued_on)},
                                        {"effective_on", optional_value(d.effective_on)},
                                        {"expires_on", optional_value(d.expires_on)},
                                        {"details", std::move(details)},
                                        {"updated_at", d.updated_at}});
}

// The caller may write the document: it belongs to one of their units (or they see all).
bool writes_for(const identity::principal& who, const store::document_row& d) {
    return who.has("content:document:write") &&
           identity::in_scope(who, identity::ownership{std::nullopt, d.unit_id, {}});
}

audit::actor system_actor() {
    return {std::nullopt, "system", "", std::nullopt, "", ""};
}

store::attachment_store document_files(db::connection& conn) {
    return {conn, "document_attachments", "document_id"};
}

document_view view_of(db::connection& conn, const identity::principal* who, std::int64_t id) {
    store::document_store store(conn);
    document_view view;
    view.document = document_in_scope(store, who, id);
    view.attachments = document_files(conn).attachments_of(id);
    view.versions = store.count_versions(id);
    if (view.document.type != "faq") {
        store::document_filter faqs;
        faqs.type = "faq";
        faqs.status = "published";
        faqs.context_type = view.document.type;
        faqs.context_id = id;
        faqs.limit = 100;
        view.faqs = store.list_documents(faqs).first;
    }
    view.editable = who != nullptr && writes_for(*who, view.document);
    if (view.document.type == "lounge_page") {
        const auto details = json::parse(view.document.details);
        if (const auto* desk = details.as_object().if_contains("desk_unit_id");
            desk != nullptr && desk->is_int64()) {
            const auto units = store::reference_store(conn).list_units();
            if (const auto* unit = unit_by_id(units, desk->as_int64())) {
                view.desk = *unit;
            }
        }
    }
    return view;
}

// The document the caller may write; 404 when they may not even read it, 403 when they read
// it but it is another unit's.
store::document_row writable_document(store::document_store& store, const identity::principal& who,
                                      std::int64_t id) {
    auto d = document_in_scope(store, &who, id);
    if (!writes_for(who, d)) {
        throw api_error(error_code::forbidden);
    }
    return d;
}

// Keeps the current version, then writes the changed document as the next one.
void write_new_version(store::document_store& store, const store::document_row& before,
                       store::document_row& after, const identity::principal& who,
                       const std::string& stamp) {
    store.insert_version(
        before.id, {before.version, snapshot_of(before), before.updated_by, "", before.updated_at});
    after.version = before.version + 1;
    after.updated_by = who.user_id;
    after.updated_at = stamp;
    store.update_document(after);
}

// A status change (no new version: the text is the same); audited.
document_view change_status(db::database& db, const clock& now, const identity::principal& who,
                            std::int64_t id, const identity::origin& from,
                            const std::set<std::string>& from_statuses, const std::string& to,
                            const std::function<void(const store::document_row&)>& check) {
    return db.transaction([&](db::connection& conn) {
        store::document_store store(conn);
        auto d = writable_document(store, who, id);
        if (!from_statuses.contains(d.status)) {
            throw api_error(error_code::conflict,
                            {"content.status_conflict", {{"status", d.status}}});
        }
        check(d);
        const auto was = d.status;
        const auto stamp = format_utc(now.now());
        d.status = to;
        d.updated_by = who.user_id;
        d.updated_at = stamp;
        if (to == "published") {
            d.published_at = stamp;
            d.published_by = who.user_id;
        }
        store.update_document(d);
        sync_search_index(conn, d);
        audit::record(conn, now, dispatch::dispatch_actor(who, from),
                      {"content.document." + std::string(to == "pending_review" ? "submit"
                                                         : to == "published"    ? "publish"
                                                                                : "withdraw"),
                       "document", std::to_string(id), "success",
                       fmt::format("{} {} → {}", d.type, was, to)});
        return view_of(conn, &who, id);
    });
}

}  // namespace

bool valid_directory_phone(const std::string& phone) {
    static const std::regex pattern(R"(^\+?[0-9][0-9 ()-]{5,22}[0-9]$)");
    return std::regex_match(phone, pattern);
}

bool is_document_type(const std::string& type) {
    return document_types.contains(type);
}

store::document_row document_in_scope(store::document_store& store, const identity::principal* who,
                                      std::int64_t id) {
    auto d = store.find_document(id);
    if (!d) {
        throw api_error(error_code::not_found);
    }
    if (!publicly_readable(d->status) && (who == nullptr || !writes_for(*who, *d))) {
        throw api_error(error_code::not_found);
    }
    return *d;
}

document_view view_document(db::database& db, const clock&, const identity::principal* who,
                            std::int64_t id) {
    return db.read([&](db::connection& conn) { return view_of(conn, who, id); });
}

std::pair<std::vector<store::document_row>, std::int64_t> list_documents(
    db::database& db, const clock& now, const identity::principal* who,
    const document_query& query) {
    field_errors errors;
    if (query.type && !document_types.contains(*query.type)) {
        errors.add("type", {"field.invalid_value", {}});
    }
    if (query.dimension && !dimensions.contains(*query.dimension)) {
        errors.add("dimension", {"field.invalid_value", {}});
    }
    if (query.status && !statuses.contains(*query.status)) {
        errors.add("status", {"field.invalid_value", {}});
    }
    errors.throw_if_any();
    store::document_filter filter;
    if (who != nullptr && who->has("content:document:write")) {
        const auto scope = identity::list_scope_of(*who);
        filter.every_status = scope.everything;
        filter.units = scope.units;
    }
    filter.type = query.type;
    filter.region = query.region;
    filter.dimension = query.dimension;
    filter.industry = query.industry;
    filter.status = query.status;
    filter.text = query.text;
    filter.offset = query.offset;
    filter.limit = query.limit;
    if (query.valid) {
        if (*query.valid) {
            filter.valid_on = today_cst(now.now());
        } else {
            filter.not_valid_on = today_cst(now.now());
        }
    } else if (!query.status && !query.include_expired) {
        filter.unexpired_on = today_cst(now.now());
    }
    return db.read(
        [&](db::connection& conn) { return store::document_store(conn).list_documents(filter); });
}

std::vector<store::document_version_row> document_versions(db::database& db,
                                                           const identity::principal* who,
                                                           std::int64_t id) {
    return db.read([&](db::connection& conn) {
        store::document_store store(conn);
        document_in_scope(store, who, id);
        return store.versions_of(id);
    });
}

void sync_search_index(db::connection& conn, const store::document_row& d) {
    // The index takes published documents and drops any other status itself.
    search::index_document(conn, d.id);
}

store::document_row checked_new_document(db::connection& conn, const identity::principal& who,
                                         const document_input& input) {
    field_errors errors;
    store::document_row d;
    d.type = input.type;
    if (!document_types.contains(input.type)) {
        errors.add("type", {"field.invalid_value", {}});
    } else if (input.type == "faq") {
        errors.add("type", {"content.faq_from_consultation", {}});
    }
    const auto unit = input.unit_id ? input.unit_id : who.unit_id;
    if (!unit) {
        errors.add("unit_id", {"field.required", {}});
    } else if (!identity::in_scope(who, identity::ownership{std::nullopt, *unit, {}})) {
        errors.add("unit_id", {"field.unknown_unit", {}});
    }
    errors.throw_if_any();
    d.unit_id = *unit;
    d.region =
        input.region ? *input.region : region_of(store::reference_store(conn).list_units(), *unit);
    d.dimension = input.dimension;
    d.industries = input.industries;
    d.title = input.title;
    d.summary = input.summary;
    d.body_html = input.body_html;
    d.title_en = input.title_en;
    d.summary_en = input.summary_en;
    d.body_html_en = input.body_html_en;
    d.issued_on = input.issued_on;
    d.effective_on = input.effective_on;
    d.expires_on = input.expires_on;
    d.details = input.details;
    check_document(conn, who, d, errors);
    errors.throw_if_any();
    d.status = "draft";
    d.created_by = d.updated_by = who.user_id;
    return d;
}

document_view create_document(db::database& db, const clock& now, const identity::principal& who,
                              const document_input& input, const identity::origin& from,
                              const std::string&) {
    return db.transaction([&](db::connection& conn) {
        auto d = checked_new_document(conn, who, input);
        d.created_at = d.updated_at = format_utc(now.now());
        d.id = store::document_store(conn).insert_document(d);
        audit::record(conn, now, dispatch::dispatch_actor(who, from),
                      {"content.document.create", "document", std::to_string(d.id), "success",
                       fmt::format("{} in {}", d.type, d.region)});
        return view_of(conn, &who, d.id);
    });
}

document_view edit_document(db::database& db, const clock& now, const identity::principal& who,
                            std::int64_t id, const document_changes& changes,
                            const identity::origin& from, const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        store::document_store store(conn);
        const auto before = writable_document(store, who, id);
        // Published text changes under the same rule as publishing it.
        if (before.status == "published" &&
            !(who.has("content:document:publish") &&
              (who.has("content:document:review") || !review_before_publish(city, before.type)))) {
            throw api_error(error_code::forbidden, {"content.edit_published", {}});
        }
        field_errors errors;
        for (const auto& name : changes.unknown_fields) {
            errors.add(name, {"field.unknown", {}});
        }
        auto after = before;
        const auto clearable = [](const std::optional<std::string>& given,
                                  std::optional<std::string>& field) {
            if (given) {
                field = given->empty() ? std::nullopt : given;
            }
        };
        if (changes.region) {
            after.region = *changes.region;
        }
        clearable(changes.dimension, after.dimension);
        if (changes.industries) {
            after.industries = *changes.industries;
        }
        after.title = changes.title.value_or(after.title);
        after.summary = changes.summary.value_or(after.summary);
        after.body_html = changes.body_html.value_or(after.body_html);
        clearable(changes.title_en, after.title_en);
        clearable(changes.summary_en, after.summary_en);
        clearable(changes.body_html_en, after.body_html_en);
        clearable(changes.issued_on, after.issued_on);
        clearable(changes.effective_on, after.effective_on);
        clearable(changes.expires_on, after.expires_on);
        after.details = changes.details.value_or(after.details);
        check_document(conn, who, after, errors);
        errors.throw_if_any();
        write_new_version(store, before, after, who, format_utc(now.now()));
        sync_search_index(conn, after);
        audit::record(conn, now, dispatch::dispatch_actor(who, from),
                      {"content.document.update", "document", std::to_string(id), "success",
                       fmt::format("version {}", after.version)});
        return view_of(conn, &who, id);
    });
}

document_view submit_document(db::database& db, const clock& now, const identity::principal& who,
                              std::int64_t id, const identity::origin& from) {
    return change_status(db, now, who, id, from, {"draft", "withdrawn"}, "pending_review",
                         [](const store::document_row&) {});
}

document_view publish_document(db::database& db, const clock& now, const identity::principal& who,
                               std::int64_t id, const identity::origin& from,
                               const std::string& city) {
    return change_status(
        db, now, who, id, from, {"draft", "pending_review", "withdrawn"}, "published",
        [&](const store::document_row& d) {
            if (!who.has("content:document:review") && review_before_publish(city, d.type)) {
                throw api_error(error_code::forbidden, {"content.review_required", {}});
            }
        });
}

document_view withdraw_document(db::database& db, const clock& now, const identity::principal& who,
                                std::int64_t id, const identity::origin& from) {
    return change_status(db, now, who, id, from, {"published", "pending_review"}, "withdrawn",
                         [](const store::document_row&) {});
}

namespace {

// An answer is plain text: escaped, one paragraph per line.
std::string answer_html(const std::string& text) {
    std::string body;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        if (end > start) {
            body += "<p>" + html_escape(text.substr(start, end - start)) + "</p>";
        }
        start = end + 1;
    }
    return sanitize_html(body);
}

}  // namespace

store::document_row create_faq(db::connection& conn, const clock& now,
                               const identity::principal& who, const identity::origin& from,
                               const faq_input& input) {
    field_errors errors;
    require_text(errors, "question", input.question, 2000);
    require_text(errors, "answer", input.answer, 20000);
    if (input.question_en) {
        require_text(errors, "question_en", *input.question_en, 2000);
    }
    if (input.answer_en) {
        require_text(errors, "answer_en", *input.answer_en, 20000);
    }
    if (!faq_contexts.contains(input.context_type)) {
        errors.add("context_type", {"field.invalid_value", {}});
    }
    const auto units = store::reference_store(conn).list_units();
    if (unit_by_id(units, input.unit_id) == nullptr) {
        errors.add("unit_id", {"field.unknown_unit", {}});
    }
    errors.throw_if_any();
    const auto stamp = format_utc(now.now());
    store::document_row d;
    d.type = "faq";
    d.unit_id = input.unit_id;
    d.region = region_of(units, input.unit_id);
    d.title = input.question;
    d.body_html = answer_html(input.answer);
    d.title_en = input.question_en;
    if (input.answer_en) {
        d.body_html_en = answer_html(*input.answer_en);
    }
    d.summary = html_text(d.body_html).substr(0, 300);
    d.context_type = input.context_type;
    d.context_id = input.context_id;
    d.details = json::serialize(json::object{
        {"context_type", input.context_type},
        {"context_id", input.context_id ? json::value(*input.context_id) : json::value(nullptr)}});
    d.status = "published";
    d.created_by = d.updated_by = who.user_id;
    d.created_at = d.updated_at = stamp;
    d.published_at = stamp;
    d.published_by = who.user_id;
    store::document_store store(conn);
    d.id = store.insert_document(d);
    sync_search_index(conn, d);
    audit::record(
        conn, now, dispatch::dispatch_actor(who, from),
        {"content.faq.create", "document", std::to_string(d.id), "success", input.context_type});
    return *store.find_document(d.id);
}

int sweep_expired_documents(db::database& db, const clock& now) {
    return db.transaction([&](db::connection& conn) {
        store::document_store store(conn);
        const auto stamp = format_utc(now.now());
        int expired = 0;
        for (auto d : store.published_expired_before(today_cst(now.now()))) {
            d.status = "expired";
            d.updated_at = stamp;
            store.update_document(d);
            sync_search_index(conn, d);
            audit::record(conn, now, system_actor(),
                          {"content.document.expire", "document", std::to_string(d.id), "success",
                           d.expires_on.value_or("")});
            ++expired;
        }
        return expired;
    });
}

store::attachment_row attach_document_file(db::database& db, const clock& now,
                                           const identity::principal& who, std::int64_t document_id,
                                           const std::string& name, const std::string& bytes,
                                           const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::document_store store(conn);
        writable_document(store, who, document_id);
        auto files = document_files(conn);
        const auto row = intake::keep_file(files, now, who, document_id, name, bytes);
        audit::record(conn, now, dispatch::dispatch_actor(who, from),
                      {"content.document.attach", "document", std::to_string(document_id),
                       "success", row.content_type});
        return row;
    });
}

std::pair<store::attachment_row, std::string> read_document_file(db::database& db,
                                                                 const identity::principal* who,
                                                                 std::int64_t document_id,
                                                                 std::int64_t attachment_id) {
    return db.read([&](db::connection& conn) {
        store::document_store store(conn);
        document_in_scope(store, who, document_id);
        auto files = document_files(conn);
        return intake::stored_file(files, document_id, attachment_id);
    });
}

}  // namespace zhaoyin::service::content
