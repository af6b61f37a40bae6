#include "db/connection.hpp"

#include <charconv>

namespace zhaoyin::db {

std::string_view engine_name(engine e) {
    return e == engine::sqlite ? "sqlite" : "postgres";
}

std::string bind_value(std::vector<param>& params, param value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
}

std::string bind_values(std::vector<param>& params, const std::vector<std::int64_t>& values) {
    std::string out;
    for (const auto value : values) {
        out += (out.empty() ? "" : ", ") + bind_value(params, value);
    }
    return out;
}

std::string any_of(const std::vector<std::string>& conditions) {
    std::string out;
    for (const auto& condition : conditions) {
        out += (out.empty() ? "(" : " OR ") + condition;
    }
    return out.empty() ? out : out + ")";
}

const std::string& result::text(std::size_t row, std::size_t col) const {
    const auto& value = rows.at(row).at(col);
    if (!value) {
        throw std::logic_error("column " + columns.at(col) + " is null");
    }
    return *value;
}

std::optional<std::string> result::optional_text(std::size_t row, std::size_t col) const {
    return rows.at(row).at(col);
}

std::int64_t result::integer(std::size_t row, std::size_t col) const {
    const std::string& value = text(row, col);
    std::int64_t out = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (ec != std::errc() || end != value.data() + value.size()) {
        throw std::logic_error("column " + columns.at(col) + " is not an integer: " + value);
    }
    return out;
}

std::optional<std::int64_t> result::optional_integer(std::size_t row, std::size_t col) const {
    if (is_null(row, col)) {
        return std::nullopt;
    }
    return integer(row, col);
}

std::string sqlite_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            out += '?';
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace zhaoyin::db
