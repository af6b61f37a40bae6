#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "core/time_format.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "service/identity/accounts.hpp"
#include "service/intake/routing_rules.hpp"
#include "service/reference/reference_data.hpp"
#include "store/identity_store.hpp"
#include "store/intake_store.hpp"
#include "store/routing_rules_store.hpp"
#include "support/engines.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;
namespace intake = service::intake;

// Routing rules kept in the database: reading and checking them, the fallback to the shipped
// defaults, versions, and the dry run over stored decisions, on each engine.
class RoutingRules : public ::testing::TestWithParam<db::engine> {
  protected:
    void SetUp() override {
        {
            auto conn = database.acquire();
            db::migrate(*conn, now);
        }
        service::reference::load_city(database, "qingdao", now);
        service::identity::seed_security(database, now);
        database.transaction([&](db::connection& conn) {
            store::user_row person;
            person.login_name = "rules.operator";
            person.name = "规则调整员";
            person.password_hash = crypto::hash_password("unused-password-1");
            person.password_changed_at = "2026-01-01T00:00:00.000Z";
            person.roles = {"bureau_operator"};
            operator_.user_id =
                store::identity_store(conn).insert_user(person, "2026-01-01T00:00:00.000Z", {});
        });
        operator_.login = "rules.operator";
        operator_.roles = {"bureau_operator"};
        units = database.read(
            [](db::connection& conn) { return store::reference_store(conn).list_units(); });
    }

    // Stores an intent with the decision the shipped rules make for it, as submission does.
    std::int64_t submit(const std::string& industry, std::int64_t amount,
                        const std::string& capital = "domestic") {
        const auto candidates =
            intake::route({industry, amount, "CNY", capital, {}}, units, shipped);
        json::array stored;
        for (const auto& c : candidates) {
            stored.push_back(json::object{{"unit_id", c.unit_id},
                                          {"unit_name_zh", c.unit_name_zh},
                                          {"unit_name_en", c.unit_name_en},
                                          {"score", c.score},
                                          {"informed_only", c.informed_only},
                                          {"reasons", json::array{}}});
        }
        return database.transaction([&](db::connection& conn) {
            store::intake_store store(conn);
            store::intent_row intent;
            intent.title = industry + " 项目";
            intent.company = "测试公司";
            intent.contact_name = "联系人";
            intent.contact_phone = "13500000003";
            intent.industry_code = industry;
            intent.investment_total = std::to_string(amount) + ".50";
            intent.currency = "CNY";
            intent.capital_type = capital;
            intent.description = "x";
            intent.status = "routed";
            intent.submitted_by = operator_.user_id;
            const auto id = store.insert_intent(intent, "2026-11-27T01:00:00.000Z");
            store.insert_routing_decision(id, shipped.version, json::serialize(stored),
                                          "2026-11-27T01:00:00.000Z");
            return id;
        });
    }

    static std::map<std::string, std::string> problems(const json::value& rules) {
        field_errors errors;
        intake::rules_from_json(rules, errors, "rules.");
        std::map<std::string, std::string> out;
        try {
            errors.throw_if_any();
        } catch (const api_error& e) {
            for (const auto& [field, msg] : e.fields()) {
                out[field] = render(msg, language::en);
            }
        }
        return out;
    }

    testing::scratch_database scratch{GetParam()};
    db::database database{scratch.target(), 1};
    test_clock now{*parse_rfc3339("2026-11-27T09:00:00+08:00")};
    service::identity::principal operator_;
    std::vector<store::unit_row> units;
    intake::routing_rules shipped = intake::shipped_routing_rules("qingdao");
};

TEST_P(RoutingRules, ReadsTheShippedFileTheSameWayAsTheRouter) {
    const auto file = json::parse(embedded_data_file("cities/qingdao/routing.json"));
    EXPECT_EQ(problems(file), (std::map<std::string, std::string>{}));
    field_errors errors;
    const auto read = intake::rules_from_json(file, errors);
    EXPECT_EQ(read.preference_weight, shipped.preference_weight);
    EXPECT_EQ(read.industry_weight, shipped.industry_weight);
    EXPECT_EQ(read.industry_rank_decay, shipped.industry_rank_decay);
    EXPECT_EQ(read.max_candidates, shipped.max_candidates);
    EXPECT_EQ(read.min_score, shipped.min_score);
    EXPECT_EQ(read.large_investment_cny, shipped.large_investment_cny);
    EXPECT_EQ(read.usd_cny_rate, shipped.usd_cny_rate);
    EXPECT_EQ(read.acknowledge_minutes, shipped.acknowledge_minutes);
    EXPECT_EQ(read.first_contact_minutes, shipped.first_contact_minutes);
    EXPECT_EQ(read.dock_minutes, shipped.dock_minutes);
    // And what it writes reads back unchanged.
    const auto again = intake::rules_from_json(intake::rules_json(read), errors);
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(json::serialize(intake::rules_json(again)),
              json::serialize(intake::rules_json(read)));
}

TEST_P(RoutingRules, NamesEveryBadField) {
    auto rules = intake::rules_json(shipped);
    rules["weights"].as_object()["preference"] = -1;
    rules["weights"].as_object()["industry_match"] = "many";
    rules["industry_rank_decay"] = 1.5;
    rules["max_candidates"] = 0;
    rules.erase("min_score");
    rules["usd_cny_rate"] = "0";
    rules["large_investment_cny"] = "5e8";
    rules["deadlines_minutes"].as_object()["acknowledge"] = 0;
    rules["deadlines_minutes"].as_object()["dock"] = 60;
    rules["colour"] = "blue";
    rules["board"].as_object()["min_sample"] = 0;
    rules["triage_minutes"] = -1;
    const auto got = problems(rules);
    const std::map<std::string, std::string> expected = {
        {"rules.weights.preference", "Must be between 0 and 1000."},
        {"rules.weights.industry_match", "Must be a number."},
        {"rules.industry_rank_decay", "Must be between 0 and 1."},
        {"rules.max_candidates", "Must be between 1 and 10."},
        {"rules.min_score", "This field is required."},
        {"rules.usd_cny_rate", "Must be between 0.01 and 100."},
        {"rules.large_investment_cny", "Must be an integer."},
        {"rules.deadlines_minutes.acknowledge", "Must be between 1 and 25200."},
        {"rules.deadlines_minutes.dock",
         "Must not be shorter than the earlier step (first_contact)."},
        {"rules.colour", "Unknown field."},
        {"rules.board.min_sample", "Must be between 1 and 1000."},
        {"rules.triage_minutes", "Must be between 0 and 25200."},
    };
    EXPECT_EQ(got, expected);
}

TEST_P(RoutingRules, RefusesAScoreBarNoAreaCanReach) {
    auto rules = intake::rules_json(shipped);
    rules["min_score"] = 95;
    EXPECT_EQ(problems(rules),
              (std::map<std::string, std::string>{
                  {"rules.min_score",
                   "At most 90, the two weights together; otherwise no area could qualify."}}));
    rules["min_score"] = 10;
    rules["remind_before_minutes"] = 120;
    EXPECT_EQ(
        problems(rules),
        (std::map<std::string, std::string>{
            {"rules.remind_before_minutes", "Must be shorter than the acknowledge deadline."}}));
    EXPECT_EQ(problems(json::value("rules")),
              (std::map<std::string, std::string>{{"rules", "Must be a JSON object."}}));
}

TEST_P(RoutingRules, TheNewestSavedVersionRoutesElseTheDefaults) {
    const auto active = [&] {
        return database.read(
            [&](db::connection& conn) { return intake::active_routing_rules(conn, "qingdao"); });
    };
    EXPECT_EQ(active().version, shipped.version);

    auto tuned = shipped;
    tuned.max_candidates = 1;
    tuned.acknowledge_minutes = 60;
    const auto first = intake::save_routing_rules(database, now, operator_, tuned, "一个候选", 0,
                                                  {"127.0.0.1"}, "qingdao");
    EXPECT_EQ(first.version, 1);
    EXPECT_EQ(active().version, "console.1");
    EXPECT_EQ(active().max_candidates, 1U);
    EXPECT_EQ(active().acknowledge_minutes, 60);

    // Saved from a stale page: refused, nothing stored.
    tuned.max_candidates = 5;
    try {
        intake::save_routing_rules(database, now, operator_, tuned, "", 0, {"127.0.0.1"},
                                   "qingdao");
        ADD_FAILURE() << "a stale save went through";
    } catch (const api_error& e) {
        EXPECT_EQ(e.code(), error_code::conflict);
        EXPECT_EQ(render(e.text(), language::en),
                  "The routing rules were changed meanwhile (now version 1); reload and save "
                  "again.");
    }
    const auto second = intake::save_routing_rules(database, now, operator_, tuned, "", 1,
                                                   {"127.0.0.1"}, "qingdao");
    EXPECT_EQ(second.version, 2);
    EXPECT_EQ(active().max_candidates, 5U);

    // A version saved before a release added fields reads them from the defaults.
    database.transaction([&](db::connection& conn) {
        store::routing_rules_store(conn).insert(
            R"({"weights":{"preference":60,"industry_match":40},"industry_rank_decay":0.25,)"
            R"("max_candidates":2,"min_score":10,"large_investment_cny":"500000000",)"
            R"("usd_cny_rate":"7.1","deadlines_minutes":{"acknowledge":90}})",
            operator_.user_id, "", "2026-11-27T01:00:00.000Z");
    });
    EXPECT_EQ(active().version, "console.3");
    EXPECT_EQ(active().preference_weight, 60);
    EXPECT_EQ(active().acknowledge_minutes, 90);
    EXPECT_EQ(active().dock_minutes, shipped.dock_minutes);
    EXPECT_EQ(active().triage_minutes, shipped.triage_minutes);
    EXPECT_EQ(active().board_min_sample, shipped.board_min_sample);

    const auto overview = intake::routing_rules_overview(database, "qingdao");
    EXPECT_EQ(overview.current_version, 3);
    ASSERT_EQ(overview.history.size(), 3U);
    EXPECT_EQ(overview.history[2].note, "一个候选");
    EXPECT_EQ(overview.history[2].created_by_name, "规则调整员");
    EXPECT_EQ(overview.shipped.version, shipped.version);
    EXPECT_EQ(database.read([](db::connection& conn) {
        return conn
            .query(
                "SELECT COUNT(*) FROM audit_entry WHERE action = "
                "'intake.routing_rules.save'")
            .integer(0, 0);
    }),
              2);
}

TEST_P(RoutingRules, DryRunComparesTheLastIntentsWithTheirStoredDecisions) {
    for (int i = 0; i < 3; ++i) {
        submit("ict", 100'000'000);
    }
    const auto foreign = submit("nev", 800'000'000, "foreign");
    const auto unmatched = submit("A", 1'000'000);  // a GB/T section: no area leads in it

    const auto same = intake::dry_run(database, shipped);
    EXPECT_EQ(same.items.size(), 5U);
    EXPECT_EQ(same.changed, 0);
    EXPECT_EQ(same.items.front().intent_id, unmatched);  // newest first

    auto fewer = shipped;
    fewer.max_candidates = 1;
    fewer.large_investment_cny = 1'000'000'000;  // the 8 亿 project no longer tells the bureau
    const auto result = intake::dry_run(database, fewer);
    EXPECT_EQ(result.changed, 4);
    const auto& nev = result.items[1];
    EXPECT_EQ(nev.intent_id, foreign);
    EXPECT_TRUE(nev.changed);
    ASSERT_EQ(nev.before.size(), 6U);  // three areas, the bureau, the task force, the desk
    ASSERT_EQ(nev.after.size(), 2U);   // one area and the desk
    EXPECT_EQ(nev.after[0].unit_id, nev.before[0].unit_id);
    EXPECT_TRUE(nev.after[1].informed_only);
    EXPECT_FALSE(result.items[0].changed);  // still the bureau alone

    EXPECT_EQ(intake::dry_run(database, fewer, 2).items.size(), 2U);
}

INSTANTIATE_TEST_SUITE_P(Engines, RoutingRules, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
