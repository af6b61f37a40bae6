#include "service/dashboard/indicators.hpp"

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/dashboard/aggregates.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dashboard {

namespace {

bool valid_month(const std::string& month) {
    static const std::regex pattern(R"(^20[0-9]{2}-(0[1-9]|1[0-2])$)");
    return std::regex_match(month, pattern);
}

void require_month(const std::string& month) {
    if (!valid_month(month)) {
        throw api_error(error_code::validation_failed, {},
                        {{"month", {"field.invalid_value", {}}}});
    }
}

std::vector<std::int64_t> district_ids(db::connection& conn) {
    std::vector<std::int64_t> out;
    for (const auto& u : store::reference_store(conn).list_units()) {
        if (u.type == "district") {
            out.push_back(u.id);
        }
    }
    return out;
}

}  // namespace

const std::vector<std::string>& indicator_codes() {
    static const std::vector<std::string> codes{"foreign_capital_used", "domestic_capital_used",
                                                "trade_import", "trade_export"};
    return codes;
}

indicator_month indicators_of(db::database& db, const std::string& month) {
    require_month(month);
    return db.read([&](db::connection& conn) {
        return indicator_month{month, store::dashboard_store(conn).indicators(month, month)};
    });
}

indicator_month save_indicators(db::database& db, const clock& now, const identity::principal& who,
                                const std::string& month,
                                const std::vector<indicator_input>& figures,
                                const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        field_errors errors;
        if (!valid_month(month)) {
            errors.add("month", {"field.invalid_value", {}});
        }
        const auto districts = district_ids(conn);
        const auto& codes = indicator_codes();
        for (std::size_t i = 0; i < figures.size(); ++i) {
            const auto prefix = fmt::format("figures[{}].", i);
            const auto& f = figures[i];
            if (!f.unit_id) {
                errors.add(prefix + "unit_id", {"field.required", {}});
            } else if (std::find(districts.begin(), districts.end(), *f.unit_id) ==
                       districts.end()) {
                errors.add(prefix + "unit_id", {"field.unknown_unit", {}});
            }
            if (std::find(codes.begin(), codes.end(), f.indicator) == codes.end()) {
                errors.add(prefix + "indicator", {"field.invalid_value", {}});
            }
            if (!is_decimal(f.value)) {
                errors.add(prefix + "value", {"field.invalid_value", {}});
            }
        }
        errors.throw_if_any();
        store::dashboard_store store(conn);
        const auto stamp = format_utc(now.now());
        for (const auto& f : figures) {
            store.upsert_indicator({month, *f.unit_id, f.indicator, f.value, false}, who.user_id,
                                   stamp);
        }
        audit::record(
            conn, now,
            {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
            {"dashboard.indicators.update", "indicator_month", month, "success",
             fmt::format("{} figures", figures.size())});
        return indicator_month{month, store.indicators(month, month)};
    });
}

void ensure_demo_indicators(db::connection& conn, const clock& now) {
    if (conn.query("SELECT COUNT(*) FROM indicator_figure").integer(0, 0) > 0) {
        return;
    }
    store::dashboard_store store(conn);
    const auto stamp = format_utc(now.now());
    const auto districts = district_ids(conn);
    // Invented, deterministic figures in a plausible range (yuan or US dollars per month),
    // growing a little each month; marked illustrative.
    for (int year = 2025; year <= 2026; ++year) {
        for (int month = 1; month <= 12; ++month) {
            const auto label = fmt::format("{:04}-{:02}", year, month);
            const int step = (year - 2025) * 12 + month;
            for (std::size_t d = 0; d < districts.size(); ++d) {
                const auto base = std::int64_t(d + 3);
                const std::int64_t figures[] = {base * 9'000'000 + step * 150'000,
                                                base * 380'000'000 + step * 4'000'000,
                                                base * 1'100'000'000 + step * 9'000'000,
                                                base * 1'400'000'000 + step * 11'000'000};
                for (std::size_t k = 0; k < indicator_codes().size(); ++k) {
                    store.upsert_indicator({label, districts[d], indicator_codes()[k],
                                            money_of(figures[k] * 100), true},
                                           std::nullopt, stamp);
                }
            }
        }
    }
}

}  // namespace zhaoyin::service::dashboard
