#include "service/intake/attachments.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/intake/intents.hpp"

namespace zhaoyin::service::intake {

std::optional<std::string> sniff_content_type(std::string_view bytes) {
    const auto starts = [&](std::string_view magic, std::size_t at = 0) {
        return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
    };
    if (starts("%PDF-")) {
        return "application/pdf";
    }
    if (starts("\x89PNG\r\n\x1a\n")) {
        return "image/png";
    }
    if (starts("\xFF\xD8\xFF")) {
        return "image/jpeg";
    }
    if (starts("RIFF") && starts("WEBP", 8)) {
        return "image/webp";
    }
    return std::nullopt;
}

std::string check_attachment(const std::string& name, const std::string& bytes,
                             std::size_t attached) {
    field_errors errors;
    if (name.empty()) {
        errors.add("name", {"field.required", {}});
    } else if (name.size() > 200 || name.find_first_of("/\\\0", 0, 3) != std::string::npos) {
        errors.add("name", {"field.invalid_value", {}});
    }
    const auto type = sniff_content_type(bytes);
    if (bytes.empty()) {
        errors.add("file", {"field.required", {}});
    } else if (!type) {
        errors.add("file", {"intake.attachment_type", {}});
    }
    errors.throw_if_any();
    if (attached >= max_attachments_per_intent) {
        throw api_error(error_code::validation_failed, {},
                        {{"file",
                          {"intake.too_many_attachments",
                           {{"max", std::to_string(max_attachments_per_intent)}}}}});
    }
    return *type;
}

store::attachment_row keep_file(store::attachment_store& files, const clock& now,
                                const identity::principal& who, std::int64_t owner_id,
                                const std::string& name, const std::string& bytes) {
    store::attachment_row row;
    row.owner_id = owner_id;
    row.name = name;
    row.content_type = check_attachment(name, bytes, files.attachments_of(owner_id).size());
    row.size_bytes = std::int64_t(bytes.size());
    row.uploaded_by = who.user_id;
    row.created_at = format_utc(now.now());
    row.id = files.insert_attachment(row, crypto::base64_encode(bytes));
    return row;
}

std::pair<store::attachment_row, std::string> stored_file(store::attachment_store& files,
                                                          std::int64_t owner_id,
                                                          std::int64_t attachment_id) {
    auto found = files.attachment(owner_id, attachment_id);
    if (!found) {
        throw api_error(error_code::not_found);
    }
    auto bytes = crypto::base64_decode(found->second);
    if (!bytes) {
        throw std::runtime_error("stored attachment is not base64");
    }
    return std::pair{found->first, std::move(*bytes)};
}

store::attachment_row attach_file(db::database& db, const clock& now,
                                  const identity::principal& who, std::int64_t intent_id,
                                  const std::string& name, const std::string& bytes,
                                  const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        const auto view = view_of(conn, who, intent_id);
        if (view.intent.submitted_by != who.user_id) {
            throw api_error(error_code::forbidden);
        }
        store::intake_store store(conn);
        auto files = store.attachments();
        const auto row = keep_file(files, now, who, intent_id, name, bytes);
        store.insert_event({0, intent_id, row.created_at, "attached", who.user_id, who.name,
                            std::nullopt, name, row.content_type});
        audit::record(
            conn, now,
            {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
            {"intake.intent.attach", "intent", std::to_string(intent_id), "success",
             row.content_type});
        return row;
    });
}

std::pair<store::attachment_row, std::string> read_attachment(db::database& db,
                                                              const identity::principal& who,
                                                              std::int64_t intent_id,
                                                              std::int64_t attachment_id) {
    return db.read([&](db::connection& conn) {
        view_of(conn, who, intent_id);  // scope: out of it reads as not found
        auto files = store::intake_store(conn).attachments();
        return stored_file(files, intent_id, attachment_id);
    });
}

}  // namespace zhaoyin::service::intake
