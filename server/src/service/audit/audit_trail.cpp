#include "service/audit/audit_trail.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/masking.hpp"
#include "core/time_format.hpp"

namespace zhaoyin::service::audit {
namespace {

void append_field(std::string& out, const std::optional<std::string>& value) {
    // Length-prefixed, so that no choice of field contents can imitate another row.
    if (!value) {
        out += "-;";
        return;
    }
    out += std::to_string(value->size()) + ":" + *value + ";";
}

std::optional<std::string> text_of(const std::optional<std::int64_t>& value) {
    return value ? std::optional<std::string>(std::to_string(*value)) : std::nullopt;
}

std::optional<std::string> non_empty(const std::string& value) {
    return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

}  // namespace

std::string entry_hash(const store::audit_row& r) {
    std::string canonical = r.prev_hash + "|";
    append_field(canonical, r.at);
    append_field(canonical, text_of(r.actor_id));
    append_field(canonical, r.actor_login);
    append_field(canonical, r.actor_roles);
    append_field(canonical, text_of(r.unit_id));
    append_field(canonical, r.ip);
    append_field(canonical, r.action);
    append_field(canonical, r.object_type);
    append_field(canonical, r.object_id);
    append_field(canonical, r.result);
    append_field(canonical, r.request_id);
    append_field(canonical, r.detail);
    return crypto::sha256_hex(canonical);
}

void record(db::connection& conn, const clock& now, const actor& who, const event& what) {
    store::audit_store store(conn);
    store.lock_chain();
    store::audit_row row;
    row.at = format_utc(now.now());
    row.actor_id = who.user_id;
    row.actor_login = non_empty(who.login);
    row.actor_roles = non_empty(who.roles);
    row.unit_id = who.unit_id;
    row.ip = non_empty(who.ip);
    row.action = what.action;
    row.object_type = non_empty(what.object_type);
    row.object_id = non_empty(what.object_id);
    row.result = what.result;
    row.request_id = non_empty(who.request_id);
    row.detail = non_empty(mask_phones_in(what.detail));
    row.prev_hash = store.last_hash();
    row.hash = entry_hash(row);
    store.insert(row);
}

std::int64_t purge(db::connection& conn, const clock& now, const actor& who, time_point before) {
    if (before > now.now() - std::chrono::days(180)) {
        throw api_error(error_code::validation_failed, {},
                        {{"before", {"field.audit_retention", {}}}});
    }
    store::audit_store store(conn);
    store.lock_chain();
    const auto removed = store.delete_before(format_utc(before));
    record(conn, now, who,
           {"audit.purge",
            "audit_entry",
            {},
            "success",
            std::to_string(removed) + " entries before " + format_utc(before)});
    return removed;
}

verification verify(db::connection& conn) {
    store::audit_store store(conn);
    verification out;
    std::optional<std::string> expected_prev;
    store.scan([&](const store::audit_row& row) {
        ++out.checked;
        // The first remaining row anchors the chain: older rows may have been purged.
        const bool linked = !expected_prev || row.prev_hash == *expected_prev;
        if (!linked || entry_hash(row) != row.hash) {
            out.ok = false;
            out.first_broken_id = row.id;
            return false;
        }
        expected_prev = row.hash;
        return true;
    });
    return out;
}

}  // namespace zhaoyin::service::audit
