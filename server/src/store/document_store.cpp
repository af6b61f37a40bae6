#include "store/document_store.hpp"

#include <map>

namespace zhaoyin::store {

namespace {

constexpr std::string_view document_columns =
    "d.id, d.type, d.unit_id, d.region, d.dimension, d.title, d.summary, d.body_html, "
    "d.title_en, d.summary_en, d.body_html_en, d.issued_on, d.effective_on, d.expires_on, "
    "d.status, d.version, d.details, d.context_type, d.context_id, d.illustrative, d.created_by, "
    "d.created_at, d.updated_by, d.updated_at, d.published_at, d.published_by, u.name_zh, "
    "u.name_en";

constexpr std::string_view document_tables = " FROM documents d JOIN unit u ON u.id = d.unit_id";

document_row document_at(const db::result& res, std::size_t r) {
    document_row d;
    d.id = res.integer(r, 0);
    d.type = res.text(r, 1);
    d.unit_id = res.integer(r, 2);
    d.region = res.text(r, 3);
    d.dimension = res.optional_text(r, 4);
    d.title = res.text(r, 5);
    d.summary = res.text(r, 6);
    d.body_html = res.text(r, 7);
    d.title_en = res.optional_text(r, 8);
    d.summary_en = res.optional_text(r, 9);
    d.body_html_en = res.optional_text(r, 10);
    d.issued_on = res.optional_text(r, 11);
    d.effective_on = res.optional_text(r, 12);
    d.expires_on = res.optional_text(r, 13);
    d.status = res.text(r, 14);
    d.version = int(res.integer(r, 15));
    d.details = res.text(r, 16);
    d.context_type = res.optional_text(r, 17);
    d.context_id = res.optional_integer(r, 18);
    d.illustrative = res.integer(r, 19) != 0;
    d.created_by = res.integer(r, 20);
    d.created_at = res.text(r, 21);
    d.updated_by = res.integer(r, 22);
    d.updated_at = res.text(r, 23);
    d.published_at = res.optional_text(r, 24);
    d.published_by = res.optional_integer(r, 25);
    d.unit_name_zh = res.text(r, 26);
    d.unit_name_en = res.text(r, 27);
    return d;
}

std::vector<document_row> documents_of(const db::result& res) {
    std::vector<document_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(document_at(res, r));
    }
    return out;
}

}  // namespace

std::string document_conditions(const document_filter& f, std::vector<db::param>& params) {
    std::string where = "1 = 1";
    if (!f.every_status) {
        std::vector<std::string> any{"d.status IN ('published', 'expired')"};
        if (!f.units.empty()) {
            any.push_back("d.unit_id IN (" + db::bind_values(params, f.units) + ")");
        }
        where += " AND " + db::any_of(any);
    }
    const auto equal = [&](const char* column, const std::optional<std::string>& value) {
        if (value) {
            where += std::string(" AND d.") + column + " = " + db::bind_value(params, *value);
        }
    };
    equal("type", f.type);
    equal("region", f.region);
    equal("dimension", f.dimension);
    equal("status", f.status);
    equal("context_type", f.context_type);
    if (f.context_id) {
        where += " AND d.context_id = " + db::bind_value(params, *f.context_id);
    }
    if (f.industry) {
        where +=
            " AND EXISTS (SELECT 1 FROM document_industries di WHERE di.document_id = d.id AND "
            "di.industry_code = " +
            db::bind_value(params, *f.industry) + ")";
    }
    if (f.valid_on) {
        // In force: published, already effective (or undated) and not yet expired.
        const auto day = db::bind_value(params, *f.valid_on);
        where +=
            " AND d.status = 'published' AND (d.effective_on IS NULL OR d.effective_on <= " + day +
            ") AND (d.expires_on IS NULL OR d.expires_on >= " + day + ")";
    }
    if (f.not_valid_on) {
        const auto day = db::bind_value(params, *f.not_valid_on);
        where += " AND (d.status = 'expired' OR d.effective_on > " + day + " OR d.expires_on < " +
                 day + ")";
    }
    if (f.unexpired_on) {
        // Also before the expiry sweep has marked it.
        where += " AND d.status <> 'expired' AND (d.expires_on IS NULL OR d.expires_on >= " +
                 db::bind_value(params, *f.unexpired_on) + ")";
    }
    if (!f.text.empty()) {
        const auto like = db::bind_value(params, "%" + f.text + "%");
        where += " AND (LOWER(d.title) LIKE LOWER(" + like + ") OR LOWER(d.summary) LIKE LOWER(" +
                 like + ") OR LOWER(COALESCE(d.title_en, '')) LIKE LOWER(" + like + "))";
    }
    return where;
}

std::int64_t document_store::insert_document(const document_row& d) {
    const auto id =
        conn_
            .query(
                "INSERT INTO documents (type, unit_id, region, dimension, title, summary, "
                "body_html, title_en, summary_en, body_html_en, issued_on, effective_on, "
                "expires_on, status, version, details, context_type, context_id, illustrative, "
                "created_by, created_at, updated_by, updated_at, published_at, published_by) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
                "$17, $18, $19, $20, $21, $22, $23, $24, $25) RETURNING id",
                {d.type,
                 d.unit_id,
                 d.region,
                 db::nullable(d.dimension),
                 d.title,
                 d.summary,
                 d.body_html,
                 db::nullable(d.title_en),
                 db::nullable(d.summary_en),
                 db::nullable(d.body_html_en),
                 db::nullable(d.issued_on),
                 db::nullable(d.effective_on),
                 db::nullable(d.expires_on),
                 d.status,
                 std::int64_t(d.version),
                 d.details,
                 db::nullable(d.context_type),
                 db::nullable(d.context_id),
                 db::flag(d.illustrative),
                 d.created_by,
                 d.created_at,
                 d.updated_by,
                 d.updated_at,
                 db::nullable(d.published_at),
                 db::nullable(d.published_by)})
            .integer(0, 0);
    write_industries(id, d.industries);
    return id;
}

std::optional<document_row> document_store::find_document(std::int64_t id) {
    const auto res = conn_.query("SELECT " + std::string(document_columns) +
                                     std::string(document_tables) + " WHERE d.id = $1",
                                 {id});
    auto found = documents_of(res);
    if (found.empty()) {
        return std::nullopt;
    }
    read_industries(found);
    return found.front();
}

void document_store::update_document(const document_row& d) {
    conn_.query(
        "UPDATE documents SET region = $2, dimension = $3, title = $4, summary = $5, "
        "body_html = $6, title_en = $7, summary_en = $8, body_html_en = $9, issued_on = $10, "
        "effective_on = $11, expires_on = $12, status = $13, version = $14, details = $15, "
        "updated_by = $16, updated_at = $17, published_at = $18, published_by = $19 WHERE id = $1",
        {d.id, d.region, db::nullable(d.dimension), d.title, d.summary, d.body_html,
         db::nullable(d.title_en), db::nullable(d.summary_en), db::nullable(d.body_html_en),
         db::nullable(d.issued_on), db::nullable(d.effective_on), db::nullable(d.expires_on),
         d.status, std::int64_t(d.version), d.details, d.updated_by, d.updated_at,
         db::nullable(d.published_at), db::nullable(d.published_by)});
    conn_.query("DELETE FROM document_industries WHERE document_id = $1", {d.id});
    write_industries(d.id, d.industries);
}

std::pair<std::vector<document_row>, std::int64_t> document_store::list_documents(
    const document_filter& f) {
    std::vector<db::param> params;
    const auto where = " WHERE " + document_conditions(f, params);
    const auto total =
        conn_.query("SELECT COUNT(*) FROM documents d" + where, params).integer(0, 0);
    const auto limit = db::bind_value(params, std::int64_t(f.limit));
    const auto offset = db::bind_value(params, std::int64_t(f.offset));
    // Newest first by issue date (undated last), then by id for a stable order.
    auto out = documents_of(
        conn_.query("SELECT " + std::string(document_columns) + std::string(document_tables) +
                        where + " ORDER BY COALESCE(d.issued_on, '') DESC, d.id DESC LIMIT " +
                        limit + " OFFSET " + offset,
                    params));
    read_industries(out);
    return {out, total};
}

std::vector<document_row> document_store::published_expired_before(const std::string& today) {
    auto out = documents_of(conn_.query(
        "SELECT " + std::string(document_columns) + std::string(document_tables) +
            " WHERE d.status = 'published' AND d.expires_on IS NOT NULL AND d.expires_on < $1 "
            "ORDER BY d.id",
        {today}));
    read_industries(out);
    return out;
}

void document_store::insert_version(std::int64_t document_id, const document_version_row& v) {
    conn_.query(
        "INSERT INTO document_versions (document_id, version, snapshot, written_by, written_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {document_id, std::int64_t(v.version), v.snapshot, v.written_by, v.written_at});
}

std::vector<document_version_row> document_store::versions_of(std::int64_t document_id) {
    const auto res = conn_.query(
        "SELECT v.version, v.snapshot, v.written_by, u.name, v.written_at FROM "
        "document_versions v JOIN user_account u ON u.id = v.written_by WHERE v.document_id = $1 "
        "ORDER BY v.version DESC",
        {document_id});
    std::vector<document_version_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({int(res.integer(r, 0)), res.text(r, 1), res.integer(r, 2),
                       res.optional_text(r, 3).value_or(""), res.text(r, 4)});
    }
    return out;
}

std::int64_t document_store::count_versions(std::int64_t document_id) {
    return conn_
        .query("SELECT COUNT(*) FROM document_versions WHERE document_id = $1", {document_id})
        .integer(0, 0);
}

void document_store::write_industries(std::int64_t id, const std::vector<std::string>& industries) {
    for (const auto& code : industries) {
        conn_.query("INSERT INTO document_industries (document_id, industry_code) VALUES ($1, $2)",
                    {id, code});
    }
}

void document_store::read_industries(std::vector<document_row>& documents) {
    if (documents.empty()) {
        return;
    }
    std::vector<std::int64_t> ids;
    std::map<std::int64_t, document_row*> by_id;
    for (auto& d : documents) {
        ids.push_back(d.id);
        by_id[d.id] = &d;
    }
    std::vector<db::param> params;
    const auto sql =
        "SELECT document_id, industry_code FROM document_industries WHERE document_id IN (" +
        db::bind_values(params, ids) + ") ORDER BY document_id, industry_code";
    const auto res = conn_.query(sql, params);
    for (std::size_t r = 0; r < res.size(); ++r) {
        by_id.at(res.integer(r, 0))->industries.push_back(res.text(r, 1));
    }
}

}  // namespace zhaoyin::store
