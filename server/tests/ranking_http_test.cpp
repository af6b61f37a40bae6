#include <map>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "db/database.hpp"
#include "store/meeting_store.hpp"
#include "support/clocked_server_test.hpp"
#include "support/session_client.hpp"
#include "support/test_server.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;

using row = std::tuple<std::int64_t, std::string, std::string>;  // rank, score, marks

// Rankings over HTTP: the bureau's configuration, the live ranking from real figures, published
// snapshots (immutable, recomputable, comparable) and what units see. Monday 30 November 2026;
// the period is that month.
class Rankings : public testing::clocked_server_test {
  protected:
    std::int64_t unit(const std::string& code) {
        return count("SELECT id FROM unit WHERE code = '" + code + "'");
    }

    // Pushes a meeting held in November to `unit`, reported on time or not at all.
    void meeting_pushed(std::int64_t unit_id, bool reported) {
        const auto bureau = user_id("bureau");  // before the transaction takes the connection
        database.transaction([&](db::connection& conn) {
            store::meeting_store meetings(conn);
            store::meeting_row meeting;
            meeting.category = "reception";
            meeting.leaders = {"市领导"};
            meeting.held_on = "2026-11-10";
            meeting.place = "青岛";
            meeting.company = "排名测试公司";
            meeting.summary = "会见";
            meeting.created_by = bureau;
            meeting.created_at = "2026-11-10T02:00:00.000Z";
            store::meeting_receipt_row receipt;
            receipt.meeting_id = meetings.insert_meeting(meeting);
            receipt.unit_id = unit_id;
            receipt.pushed_by = meeting.created_by;
            receipt.pushed_at = meeting.created_at;
            receipt.report_due_at = "2026-11-13T09:30:00.000Z";
            meetings.insert_receipt(receipt);
            if (reported) {
                receipt.reported_at = "2026-11-12T02:00:00.000Z";
                receipt.reported_by = bureau;
                receipt.no_project_reason = "暂无项目";
                meetings.record_report(receipt);
            }
        });
    }

    // Two metrics: projects handled (weight 60, at least 2) and the meeting fill rate (weight
    // 40, at least 0.5); one district marked at each end.
    json::object fixture_config() {
        auto res = signed_in("bureau")->get("/api/v1/ranking/config");
        EXPECT_EQ(res.status, 200) << res.body;
        auto reply = res.json();
        auto config = reply.at("config").as_object();
        for (auto& league : config.at("leagues").as_array()) {
            if (league.at("code") == "district") {
                league.as_object()["top"] = 1;
                league.as_object()["bottom"] = 1;
            }
        }
        config["metrics"] = json::array{
            json::object{{"code", "projects_handled"}, {"weight", "60"}, {"threshold", "2"}},
            json::object{{"code", "meeting_fill_rate"}, {"weight", "40"}, {"threshold", "0.5"}}};
        return config;
    }

    void configure(const json::object& config) {
        const auto res =
            signed_in("bureau")->send("PUT", "/api/v1/ranking/config", json::serialize(config));
        ASSERT_EQ(res.status, 200) << res.body;
    }

    // Chengyang: 3 projects and its meeting reported; Shibei: 2 projects, no meeting; Shinan:
    // 3 projects, its meeting not reported.
    void fixture_figures() {
        for (const auto* name : {"城阳一号", "城阳二号", "城阳三号"}) {
            project(unit("370214"), name);
        }
        project(unit("370203"), "市北一号");
        project(unit("370203"), "市北二号");
        for (const auto* name : {"市南一号", "市南二号", "市南三号"}) {
            project(unit("370202"), name);
        }
        meeting_pushed(unit("370214"), true);
        meeting_pushed(unit("370202"), false);
    }

    // The district league of a ranking reply: unit → rank, score, marks.
    static std::map<std::int64_t, row> districts(const json::value& ranking) {
        std::map<std::int64_t, row> out;
        for (const auto& league : ranking.at("leagues").as_array()) {
            if (league.at("league") != "district") {
                continue;
            }
            for (const auto& u : league.at("units").as_array()) {
                const auto& marks = u.at("marks");
                out[u.at("unit_id").as_int64()] = {
                    u.at("rank").as_int64(), std::string(u.at("score").as_string()),
                    marks.is_null() ? "" : std::string(marks.as_string())};
            }
        }
        return out;
    }

    std::map<std::int64_t, row> expected_districts(const std::string& chengyang_score,
                                                   const std::string& shibei_score) {
        std::map<std::int64_t, row> out;
        const auto rows = database.read([&](db::connection& conn) {
            return conn.query("SELECT id FROM unit WHERE league = 'district'");
        });
        for (std::size_t r = 0; r < rows.size(); ++r) {
            out[rows.integer(r, 0)] = {4, "40.00", "bottom"};  // no projects, no meetings
        }
        out[unit("370214")] = {1, chengyang_score, "top"};
        out[unit("370203")] = {2, shibei_score, ""};
        out[unit("370202")] = {3, "60.00", ""};  // its fill rate 0 is under 0.5
        return out;
    }

    std::int64_t publish(const std::string& body, int status = 201) {
        const auto res = signed_in("bureau")->post("/api/v1/rankings", body);
        EXPECT_EQ(res.status, status) << res.body;
        if (res.status != 201) {
            return 0;
        }
        const auto reply = res.json();
        return reply.at("ranking").at("id").as_int64();
    }

    static std::string path(std::int64_t id, const std::string& rest = "") {
        return "/api/v1/rankings/" + std::to_string(id) + rest;
    }

    // Only these metrics, each weighing 10 with no threshold.
    void measure_only(std::initializer_list<const char*> codes) {
        auto config = fixture_config();
        json::array metrics;
        for (const auto* code : codes) {
            metrics.push_back(json::object{{"code", code}, {"weight", "10"}, {"threshold", "0"}});
        }
        config["metrics"] = std::move(metrics);
        configure(config);
    }

    // A dispatch record moving a project into `stage`, by its unit's staff.
    void enter_stage(const std::string& login, std::int64_t project_id, const std::string& stage) {
        const auto res = signed_in(login)->post(
            "/api/v1/projects/" + std::to_string(project_id) + "/updates",
            json::serialize(json::object{{"text", "进入" + stage}, {"stage", stage}}));
        ASSERT_EQ(res.status, 201) << res.body;
    }

    // A published snapshot's figures of one unit (the bureau sees every unit's inputs).
    std::map<std::string, std::int64_t> inputs_of(std::int64_t snapshot, std::int64_t unit_id) {
        const auto res = signed_in("bureau")->get(path(snapshot));
        EXPECT_EQ(res.status, 200) << res.body;
        const auto reply = res.json();
        std::map<std::string, std::int64_t> out;
        for (const auto& u : reply.at("ranking").at("inputs").as_array()) {
            if (u.at("unit_id") == unit_id) {
                for (const auto& [name, value] : u.at("figures").as_object()) {
                    out[std::string(name)] = value.as_int64();
                }
            }
        }
        return out;
    }

    // One unit's metric in a live ranking: its value (or "null") and points.
    static std::pair<std::string, std::string> metric_of(const json::value& ranking,
                                                         std::int64_t unit_id,
                                                         const std::string& code) {
        for (const auto& league : ranking.at("leagues").as_array()) {
            for (const auto& u : league.at("units").as_array()) {
                if (u.at("unit_id") != unit_id) {
                    continue;
                }
                for (const auto& m : u.at("metrics").as_array()) {
                    if (m.at("code").as_string() == code) {
                        const auto& value = m.at("value");
                        return {value.is_null() ? "null" : std::string(value.as_string()),
                                std::string(m.at("points").as_string())};
                    }
                }
            }
        }
        return {"missing", "missing"};
    }

    json::value live(const std::string& period) {
        const auto res = signed_in("bureau")->get("/api/v1/rankings/live?period=" + period);
        EXPECT_EQ(res.status, 200) << res.body;
        return res.json();
    }
};

TEST_P(Rankings, TheShippedConfigurationIsSeededWithEveryUnitInItsLeague) {
    const auto res = signed_in("bureau")->get("/api/v1/ranking/config");
    ASSERT_EQ(res.status, 200) << res.body;
    const auto reply = res.json();
    const auto& config = reply.at("config");
    EXPECT_EQ(config.at("version"), 1);
    EXPECT_EQ(config.at("usd_cny_rate"), "7.10");
    std::map<std::string, std::size_t> sizes;
    for (const auto& league : config.at("leagues").as_array()) {
        sizes[std::string(league.at("code").as_string())] = league.at("units").as_array().size();
    }
    EXPECT_EQ(sizes, (std::map<std::string, std::size_t>{
                         {"department", 21}, {"district", 10}, {"task_force", 13}, {"zone", 10}}));
    EXPECT_EQ(config.at("metrics").as_array().size(), 12U);
    EXPECT_EQ(count("SELECT COUNT(*) FROM ranking_config"), 1);
}

TEST_P(Rankings, ABadConfigurationIsRefusedFieldByFieldAndNothingIsWritten) {
    auto config = fixture_config();
    auto& metrics = config.at("metrics").as_array();
    metrics[0].as_object()["weight"] = "-1";
    metrics[1].as_object()["code"] = "happiness";
    metrics.push_back(
        json::object{{"code", "docking_rate"}, {"weight", "5"}, {"threshold", "1.5"}});
    auto& leagues = config.at("leagues").as_array();
    // Chengyang listed twice, and one zone in no league.
    auto& district_units = leagues[0].at("units").as_array();
    leagues[1].at("units").as_array().push_back(district_units[0]);
    leagues[1].at("units").as_array().erase(leagues[1].at("units").as_array().begin());
    leagues[2].at("units").as_array().push_back(999999);
    const auto res =
        signed_in("bureau")->send("PUT", "/api/v1/ranking/config", json::serialize(config));
    ASSERT_EQ(res.status, 422) << res.body;
    const auto reply = res.json();
    const auto& fields = reply.at("error").at("fields").as_object();
    EXPECT_TRUE(fields.contains("metrics[0].weight")) << res.body;
    EXPECT_TRUE(fields.contains("metrics[1].code")) << res.body;
    EXPECT_TRUE(fields.contains("metrics[2].threshold")) << res.body;
    EXPECT_TRUE(fields.contains("leagues[1].units[" +
                                std::to_string(leagues[1].at("units").as_array().size() - 1) + "]"))
        << res.body;
    EXPECT_TRUE(fields.contains("leagues[2].units[" +
                                std::to_string(leagues[2].at("units").as_array().size() - 1) + "]"))
        << res.body;
    EXPECT_TRUE(fields.contains("leagues")) << res.body;  // the dropped zone
    EXPECT_EQ(count("SELECT COUNT(*) FROM ranking_config"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'ranking.config.update'"), 0);

    // A stale base version is a conflict; a good one is the next version, audited.
    auto good = fixture_config();
    good["base_version"] = 0;
    EXPECT_EQ(
        signed_in("bureau")->send("PUT", "/api/v1/ranking/config", json::serialize(good)).status,
        409);
    good["base_version"] = 1;
    const auto saved =
        signed_in("bureau")->send("PUT", "/api/v1/ranking/config", json::serialize(good));
    ASSERT_EQ(saved.status, 200) << saved.body;
    const auto saved_reply = saved.json();
    EXPECT_EQ(saved_reply.at("config").at("version"), 2);
    EXPECT_EQ(saved_reply.at("config").at("metrics").at(0).at("weight"), "60.00");
    EXPECT_EQ(saved_reply.at("config").at("metrics").at(1).at("threshold"), "0.5000");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'ranking.config.update'"), 1);
    // Only the bureau configures.
    EXPECT_EQ(signed_in("leader")
                  ->send("PUT", "/api/v1/ranking/config", json::serialize(fixture_config()))
                  .status,
              403);
}

TEST_P(Rankings, TheLiveRankingScoresUnitsWithinTheirLeague) {
    configure(fixture_config());
    fixture_figures();
    const auto res = signed_in("leader")->get("/api/v1/rankings/live?period=2026-11");
    ASSERT_EQ(res.status, 200) << res.body;
    const auto reply = res.json();
    EXPECT_EQ(reply.at("period"), "2026-11");
    EXPECT_EQ(reply.at("config_version"), 2);
    // Chengyang 60 + 40; Shibei 60 × 2/3 + 40 (no meeting: nothing missed); Shinan 60 + 0.
    EXPECT_EQ(districts(reply), expected_districts("100.00", "80.00"));
    // The first row explains itself.
    const auto& first = reply.at("leagues").at(0).at("units").at(0);
    EXPECT_EQ(first.at("name"), "城阳区");
    const auto& fill = first.at("metrics").at(1);
    EXPECT_EQ(fill.at("code"), "meeting_fill_rate");
    EXPECT_EQ(fill.at("value"), "1.0000");
    EXPECT_EQ(fill.at("threshold"), "0.5000");
    EXPECT_EQ(fill.at("weight"), "40.00");
    EXPECT_EQ(fill.at("points"), "40.00");
    // Another period has none of these figures: all districts tie at the fill-rate points.
    const auto october = signed_in("leader")->get("/api/v1/rankings/live?period=2026-10");
    ASSERT_EQ(october.status, 200);
    const auto october_reply = october.json();
    for (const auto& [id, r] : districts(october_reply)) {
        EXPECT_EQ(r, (row{1, "40.00", "top"})) << id;
    }
    // Units do not see the live ranking; a bad period is a 422 naming it.
    EXPECT_EQ(signed_in("370214.lead")->get("/api/v1/rankings/live").status, 403);
    const auto bad = signed_in("leader")->get("/api/v1/rankings/live?period=2026-13");
    ASSERT_EQ(bad.status, 422);
    const auto bad_reply = bad.json();
    EXPECT_EQ(bad_reply.at("error").at("fields").at("period"),
              "期间应为年份（2026）、季度（2026-Q4）或月份（2026-11）。");
}

TEST_P(Rankings, APublishedSnapshotIsImmutableRecomputableAndComparable) {
    configure(fixture_config());
    fixture_figures();
    const auto first = publish(R"({"period":"2026-11"})");
    EXPECT_EQ(count("SELECT COUNT(*) FROM ranking_snapshot"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'ranking.publish'"), 1);
    // Each ranked unit's lead is told (Chengyang's lead among them), not its staff.
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'ranking.published' AND "
                    "user_id = " +
                    std::to_string(user_id("370214.lead"))),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'ranking.published' AND "
                    "user_id = " +
                    std::to_string(user_id("370214.staff"))),
              0);
    EXPECT_GT(count("SELECT COUNT(*) FROM outbox_message WHERE idempotency_key LIKE 'ranking:" +
                    std::to_string(first) + ":%'"),
              0);

    const auto bureau = signed_in("bureau");
    const auto view = bureau->get(path(first));
    ASSERT_EQ(view.status, 200) << view.body;
    const auto snapshot = view.json();
    EXPECT_EQ(districts(snapshot.at("ranking")), expected_districts("100.00", "80.00"));
    EXPECT_EQ(snapshot.at("ranking").at("config").at("metrics").as_array().size(), 2U);

    // The same period again is a conflict, unless superseding; both are kept.
    publish(R"({"period":"2026-11"})", 409);
    publish(R"({})", 422);
    // More figures, and later a changed configuration: the first snapshot stays as it was.
    project(unit("370203"), "市北三号");
    project(unit("370203"), "市北四号");
    const auto second = publish(R"({"period":"2026-11","supersede":true})");
    auto heavier = fixture_config();
    heavier.at("metrics").as_array()[0].as_object()["weight"] = "10";
    configure(heavier);

    // Only `current` changed (the newer one is current now).
    const auto again = bureau->get(path(first));
    ASSERT_EQ(again.status, 200);
    auto before = snapshot.at("ranking").as_object();
    auto after_reply = again.json();
    auto after = after_reply.at("ranking").as_object();
    EXPECT_EQ(before["current"], true);
    EXPECT_EQ(after["current"], false);
    before.erase("current");
    after.erase("current");
    EXPECT_TRUE(after == before);
    const auto recomputed = bureau->get(path(first, "/recompute"));
    ASSERT_EQ(recomputed.status, 200) << recomputed.body;
    const auto recomputed_reply = recomputed.json();
    EXPECT_EQ(recomputed_reply.at("equal"), true);
    EXPECT_EQ(districts(recomputed_reply.at("recomputed")), expected_districts("100.00", "80.00"));

    // Shibei's four projects now lead: 60 + 40 = 100.00; Chengyang 60 × 3/4 + 40 = 85.00.
    const auto list = bureau->get("/api/v1/rankings?period=2026-11");
    ASSERT_EQ(list.status, 200);
    const auto list_reply = list.json();
    EXPECT_EQ(list_reply.at("total"), 2);
    EXPECT_EQ(list_reply.at("items").at(0).at("id"), second);
    EXPECT_EQ(list_reply.at("items").at(0).at("current"), true);
    EXPECT_EQ(list_reply.at("items").at(0).at("supersedes_id"), first);
    EXPECT_EQ(list_reply.at("items").at(1).at("current"), false);
    const auto compared = bureau->get(path(second, "/compare?with=" + std::to_string(first)));
    ASSERT_EQ(compared.status, 200) << compared.body;
    const auto compared_reply = compared.json();
    std::map<std::int64_t, std::tuple<std::int64_t, std::string>> changes;
    for (const auto& u : compared_reply.at("units").as_array()) {
        if (u.at("league") == "district") {
            changes[u.at("unit_id").as_int64()] = {u.at("rank_change").as_int64(),
                                                   std::string(u.at("score_change").as_string())};
        }
    }
    EXPECT_EQ(changes.at(unit("370203")), (std::tuple<std::int64_t, std::string>{1, "+20.00"}));
    EXPECT_EQ(changes.at(unit("370214")), (std::tuple<std::int64_t, std::string>{-1, "-15.00"}));
    EXPECT_EQ(changes.at(unit("370202")), (std::tuple<std::int64_t, std::string>{0, "-15.00"}));

    // No route changes a snapshot; an unknown one is not found.
    for (const auto* method : {"PUT", "PATCH", "DELETE"}) {
        const auto status = bureau->send(method, path(first), R"({"period":"2026-10"})").status;
        EXPECT_TRUE(status == 404 || status == 405) << method << " " << status;
    }
    EXPECT_EQ(bureau->get(path(999999)).status, 404);
    EXPECT_EQ(bureau->get(path(999999, "/recompute")).status, 404);
    EXPECT_EQ(bureau->get(path(first, "/compare?with=999999")).status, 404);
    EXPECT_EQ(bureau->get(path(first, "/compare")).status, 422);
    EXPECT_EQ(count("SELECT COUNT(*) FROM ranking_snapshot"), 2);
}

TEST_P(Rankings, AUnitSeesItsOwnLeagueAndOnlyItsOwnBreakdown) {
    configure(fixture_config());
    fixture_figures();
    const auto id = publish(R"({"period":"2026-11"})");
    const auto res = signed_in("370202.staff")->get(path(id));
    ASSERT_EQ(res.status, 200) << res.body;
    const auto reply = res.json();
    const auto& ranking = reply.at("ranking");
    ASSERT_EQ(ranking.at("leagues").as_array().size(), 1U);  // districts only
    EXPECT_EQ(districts(ranking), expected_districts("100.00", "80.00"));
    for (const auto& u : ranking.at("leagues").at(0).at("units").as_array()) {
        EXPECT_FALSE(u.at("name").as_string().empty());
        EXPECT_EQ(u.at("metrics").is_null(), u.at("unit_id") != unit("370202")) << u;
    }
    ASSERT_EQ(ranking.at("inputs").as_array().size(), 1U);
    EXPECT_EQ(ranking.at("inputs").at(0).at("figures").at("meetings_pushed"), 1);
    // Its own row says why: the fill rate of 0 is under the threshold.
    const auto& shinan_row = ranking.at("leagues").at(0).at("units").at(2);
    EXPECT_EQ(shinan_row.at("metrics").at(1).at("value"), "0.0000");
    EXPECT_EQ(shinan_row.at("metrics").at(1).at("points"), "0.00");
    // The English name in English.
    const auto english = signed_in("370202.staff")->get(path(id), {{"Accept-Language", "en"}});
    const auto english_reply = english.json();
    EXPECT_EQ(english_reply.at("ranking").at("leagues").at(0).at("units").at(2).at("name"),
              "Shinan District");
    // Units neither publish nor configure.
    EXPECT_EQ(signed_in("370202.lead")->post("/api/v1/rankings", R"({"period":"2026-11"})").status,
              403);
}

TEST_P(Rankings, TheUpdateRateComesFromTheRoundsOpenedInThePeriod) {
    auto config = fixture_config();
    config["metrics"] = json::array{
        json::object{{"code", "project_update_rate"}, {"weight", "100"}, {"threshold", "0"}}};
    configure(config);
    const auto c1 = project(unit("370214"), "城阳一号");
    project(unit("370214"), "城阳二号");
    const auto s1 = project(unit("370202"), "市南一号");
    set_clock("2026-11-30T09:05:00+08:00");
    const auto opened = signed_in("bureau")->post(
        "/api/v1/rounds", R"({"name":"第48周调度","closes_at":"2026-12-04T17:30:00+08:00"})");
    ASSERT_EQ(opened.status, 201) << opened.body;
    set_clock("2026-11-30T10:00:00+08:00");
    for (const auto& [login, id] : {std::pair{"370214.staff", c1}, {"370202.staff", s1}}) {
        const auto res = signed_in(login)->post(
            "/api/v1/projects/" + std::to_string(id) + "/updates", R"({"text":"本周进展"})");
        ASSERT_EQ(res.status, 201) << res.body;
    }
    const auto res = signed_in("bureau")->get("/api/v1/rankings/live?period=2026-11");
    ASSERT_EQ(res.status, 200) << res.body;
    const auto reply = res.json();
    std::map<std::int64_t, std::pair<std::string, std::string>> rates;  // value, points
    for (const auto& u : reply.at("leagues").at(0).at("units").as_array()) {
        const auto& m = u.at("metrics").at(0);
        rates[u.at("unit_id").as_int64()] = {
            m.at("value").is_null() ? "null" : std::string(m.at("value").as_string()),
            std::string(m.at("points").as_string())};
    }
    EXPECT_EQ(rates.at(unit("370214")), (std::pair<std::string, std::string>{"0.5000", "50.00"}));
    EXPECT_EQ(rates.at(unit("370202")), (std::pair<std::string, std::string>{"1.0000", "100.00"}));
    // No project in the round: nothing to measure, full points.
    EXPECT_EQ(rates.at(unit("370203")), (std::pair<std::string, std::string>{"null", "100.00"}));
    // The round was opened in November: October has none.
    const auto october = signed_in("bureau")->get("/api/v1/rankings/live?period=2026-10");
    const auto october_reply = october.json();
    EXPECT_EQ(october_reply.at("leagues").at(0).at("units").at(0).at("metrics").at(0).at("value"),
              nullptr);
}

TEST_P(Rankings, TheDashboardShowsTheLatestSnapshotWithinThePeriodAndTheLiveRanking) {
    configure(fixture_config());
    fixture_figures();
    const auto bureau = signed_in("bureau");
    const auto reply_of = [](const testing::http_response& res) {
        EXPECT_EQ(res.status, 200) << res.body;
        return res.json();
    };
    // Nothing published yet: the live ranking alone.
    const auto before = reply_of(bureau->get("/api/v1/dashboard/ranking?period=2026-Q4"));
    EXPECT_EQ(before.at("period"), "2026-Q4");
    EXPECT_TRUE(before.at("published").is_null());
    EXPECT_EQ(before.at("live").at("period"), "2026-Q4");
    EXPECT_EQ(districts(before.at("live")), expected_districts("100.00", "80.00"));
    EXPECT_EQ(before.at("live").at("leagues").as_array().size(), 4U);

    const auto november = publish(R"({"period":"2026-11"})");
    // The quarter, the year (the default) and the month itself show November's snapshot.
    for (const auto* query : {"?period=2026-Q4", "", "?period=2026-11"}) {
        const auto reply = reply_of(bureau->get(std::string("/api/v1/dashboard/ranking") + query));
        const auto& published = reply.at("published");
        ASSERT_TRUE(published.is_object()) << query;
        EXPECT_EQ(published.at("id"), november) << query;
        EXPECT_EQ(published.at("period"), "2026-11");
        EXPECT_EQ(published.at("published_at"), "2026-11-30T09:00:00+08:00");
        EXPECT_EQ(districts(published), expected_districts("100.00", "80.00"));
    }
    const auto year = reply_of(bureau->get("/api/v1/dashboard/ranking"));
    EXPECT_EQ(year.at("period"), "2026");
    EXPECT_EQ(year.at("live").at("period"), "2026");
    // October has no snapshot, and none of these figures: every district ties.
    const auto october = reply_of(bureau->get("/api/v1/dashboard/ranking?period=2026-10"));
    EXPECT_TRUE(october.at("published").is_null());
    for (const auto& [id, r] : districts(october.at("live"))) {
        EXPECT_EQ(r, (row{1, "40.00", "top"})) << id;
    }
    // A newer snapshot of the quarter is the latest within the year.
    const auto quarter = publish(R"({"period":"2026-Q4"})");
    EXPECT_EQ(reply_of(bureau->get("/api/v1/dashboard/ranking")).at("published").at("id"), quarter);
    // A unit filter keeps that unit's league.
    const auto chengyang = reply_of(bureau->get(
        "/api/v1/dashboard/ranking?period=2026-11&unit_id=" + std::to_string(unit("370214"))));
    ASSERT_EQ(chengyang.at("live").at("leagues").as_array().size(), 1U);
    EXPECT_EQ(chengyang.at("live").at("leagues").at(0).at("league"), "district");
}

TEST_P(Rankings, OnTheDashboardAUnitSeesItsLeagueAgainstAnonymisedPeers) {
    configure(fixture_config());
    fixture_figures();
    publish(R"({"period":"2026-11"})");
    const auto lead = signed_in("370202.lead");
    const auto res = lead->get("/api/v1/dashboard/ranking?period=2026-11");
    ASSERT_EQ(res.status, 200) << res.body;
    const auto reply = res.json();
    // The overview's anonymous district labels, in the same order as the units: the same peer
    // carries the same label in every module.
    const auto overview = lead->get("/api/v1/dashboard/overview?period=2026-11");
    ASSERT_EQ(overview.status, 200) << overview.body;
    const auto overview_reply = overview.json();
    std::multiset<std::string> overview_labels;
    for (const auto& d : overview_reply.at("signed_large").at("districts").as_array()) {
        if (d.as_object().contains("label")) {
            overview_labels.insert(std::string(d.at("label").as_string()));
        }
    }
    for (const auto* part : {"live", "published"}) {
        const auto& ranking = reply.at(part);
        ASSERT_EQ(ranking.at("leagues").as_array().size(), 1U) << part;
        std::multiset<row> seen;
        std::multiset<std::string> labels;
        for (const auto& u : ranking.at("leagues").at(0).at("units").as_array()) {
            const auto& marks = u.at("marks");
            seen.insert({u.at("rank").as_int64(), std::string(u.at("score").as_string()),
                         marks.is_null() ? "" : std::string(marks.as_string())});
            if (u.at("unit_id") == unit("370202")) {
                EXPECT_EQ(u.at("name"), "市南区");
                EXPECT_EQ(u.at("metrics").at(1).at("value"), "0.0000");
                continue;
            }
            EXPECT_TRUE(u.at("unit_id").is_null()) << u;
            EXPECT_TRUE(u.at("name").is_null()) << u;
            EXPECT_TRUE(u.at("metrics").is_null()) << u;
            EXPECT_EQ(u.at("anonymous"), true);
            labels.insert(std::string(u.at("label").as_string()));
        }
        std::multiset<row> expected;
        for (const auto& [id, r] : expected_districts("100.00", "80.00")) {
            expected.insert(r);
        }
        EXPECT_EQ(seen, expected) << part;
        EXPECT_EQ(labels, overview_labels) << part;
        EXPECT_TRUE(labels.contains("同级单位 2")) << part;
    }
    const auto english =
        lead->get("/api/v1/dashboard/ranking?period=2026-11", {{"Accept-Language", "en"}});
    EXPECT_NE(english.body.find("\"Peer unit 2\""), std::string::npos) << english.body;
    // Another unit is not theirs to filter by; a bad period names the accepted forms; those
    // without the dashboards are refused.
    EXPECT_EQ(
        lead->get("/api/v1/dashboard/ranking?unit_id=" + std::to_string(unit("370214"))).status,
        404);
    const auto bad = lead->get("/api/v1/dashboard/ranking?period=2026-13");
    ASSERT_EQ(bad.status, 422);
    const auto bad_reply = bad.json();
    EXPECT_EQ(bad_reply.at("error").at("fields").at("period"),
              "期间应为年份（2026）、季度（2026-Q4）或月份（2026-11）。");
    EXPECT_EQ(lead->get("/api/v1/dashboard/ranking?industry=steel").status, 422);
    EXPECT_EQ(signed_in("investor")->get("/api/v1/dashboard/ranking").status, 403);
    EXPECT_EQ(signed_in("370214.staff")->get("/api/v1/dashboard/ranking").status, 200);
}

TEST_P(Rankings, TheResultsCountProjectsEnteringTheirStageInThePeriodWithTheirAmounts) {
    measure_only({"signed_projects", "signed_investment", "registered_projects",
                  "registered_investment", "started_projects", "started_investment"});
    // Shibei: registered and signed in October, registered (the stage) in November.
    set_clock("2026-10-15T10:00:00+08:00");
    const auto october = project(unit("370203"), "市北一号");
    set_clock("2026-10-20T10:00:00+08:00");
    enter_stage("370203.staff", october, "signed");
    set_clock("2026-11-30T09:00:00+08:00");
    enter_stage("370203.staff", october, "registered");
    // Chengyang: two projects of 1 亿 signed, one of them registered too.
    const auto c1 = project(unit("370214"), "城阳一号");
    const auto c2 = project(unit("370214"), "城阳二号");
    enter_stage("370214.staff", c1, "signed");
    enter_stage("370214.staff", c2, "signed");
    enter_stage("370214.staff", c2, "registered");
    // Shinan: a foreign project of 1,000 万 US dollars started at once.
    auto foreign = minimal_project(unit("370202"), "市南外资一号");
    foreign["capital_type"] = "foreign";
    foreign["currency"] = "USD";
    foreign["investment_total"] = "10000000";
    const auto s1 = register_project_as("bureau", foreign);
    enter_stage("370202.staff", s1, "started");

    const auto id = publish(R"({"period":"2026-11"})");
    using figures = std::map<std::string, std::int64_t>;
    const auto results = [](figures all) {
        figures out;
        for (const auto* name : {"signed_projects", "signed_cny", "signed_usd",
                                 "registered_projects", "registered_cny", "registered_usd",
                                 "started_projects", "started_cny", "started_usd"}) {
            out[name] = all[name];
        }
        return out;
    };
    // Amounts in fen and cents.
    EXPECT_EQ(results(inputs_of(id, unit("370214"))), (figures{{"signed_projects", 2},
                                                               {"signed_cny", 20000000000},
                                                               {"signed_usd", 0},
                                                               {"registered_projects", 1},
                                                               {"registered_cny", 10000000000},
                                                               {"registered_usd", 0},
                                                               {"started_projects", 0},
                                                               {"started_cny", 0},
                                                               {"started_usd", 0}}));
    EXPECT_EQ(results(inputs_of(id, unit("370203"))), (figures{{"signed_projects", 0},
                                                               {"signed_cny", 0},
                                                               {"signed_usd", 0},
                                                               {"registered_projects", 1},
                                                               {"registered_cny", 10000000000},
                                                               {"registered_usd", 0},
                                                               {"started_projects", 0},
                                                               {"started_cny", 0},
                                                               {"started_usd", 0}}));
    EXPECT_EQ(results(inputs_of(id, unit("370202"))), (figures{{"signed_projects", 0},
                                                               {"signed_cny", 0},
                                                               {"signed_usd", 0},
                                                               {"registered_projects", 0},
                                                               {"registered_cny", 0},
                                                               {"registered_usd", 0},
                                                               {"started_projects", 1},
                                                               {"started_cny", 0},
                                                               {"started_usd", 1000000000}}));
    // Values in yuan (dollars at 7.10) and points as shares of the league's best.
    const auto november = live("2026-11");
    using metric = std::pair<std::string, std::string>;
    EXPECT_EQ(metric_of(november, unit("370214"), "signed_projects"), (metric{"2", "10.00"}));
    EXPECT_EQ(metric_of(november, unit("370214"), "signed_investment"),
              (metric{"200000000.00", "10.00"}));
    EXPECT_EQ(metric_of(november, unit("370203"), "registered_investment"),
              (metric{"100000000.00", "10.00"}));
    EXPECT_EQ(metric_of(november, unit("370202"), "started_investment"),
              (metric{"71000000.00", "10.00"}));
    EXPECT_EQ(metric_of(november, unit("370202"), "signed_projects"), (metric{"0", "0.00"}));
    // October holds Shibei's signing alone.
    const auto october_ranking = live("2026-10");
    EXPECT_EQ(metric_of(october_ranking, unit("370203"), "signed_projects"),
              (metric{"1", "10.00"}));
    EXPECT_EQ(metric_of(october_ranking, unit("370214"), "signed_projects"), (metric{"0", "0.00"}));
}

TEST_P(Rankings, DockingAndFirstContactComeFromTheIntentsSubmittedInThePeriod) {
    measure_only({"docking_rate", "first_contact_on_time"});
    const auto submit = [this] {
        const json::object body{{"title", "精密减速器生产基地"},
                                {"company", "青岛示例精工有限公司"},
                                {"contact_name", "王先生"},
                                {"contact_phone", "13812345678"},
                                {"industry", "C"},
                                {"investment_total", "200000000"},
                                {"currency", "CNY"},
                                {"capital_type", "domestic"},
                                {"preferred_units", json::array{unit("370214")}},
                                {"description", "新建减速器产线。"}};
        const auto res = signed_in("investor")->post("/api/v1/intents", json::serialize(body));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto reply = res.json();
        return "/api/v1/intents/" + std::to_string(reply.at("intent").at("id").as_int64());
    };
    const auto step = [this](const std::string& intent, const char* action,
                             const std::string& body = "{}") {
        const auto res = signed_in("370214.staff")->post(intent + "/" + action, body);
        ASSERT_EQ(res.status, 200) << action << " " << res.body;
    };
    // Claimed, contacted at once and docked; claimed and never contacted; not claimed yet.
    const auto docked = submit();
    step(docked, "claim");
    step(docked, "contact", R"({"channel":"phone","summary":"电话沟通用地需求"})");
    step(docked, "dock", R"({"summary":"已约定现场考察"})");
    const auto silent = submit();
    step(silent, "claim");
    submit();
    using metric = std::pair<std::string, std::string>;
    // The same day, the silent one's contact is not due yet (17:30).
    auto now = live("2026-11");
    EXPECT_EQ(metric_of(now, unit("370214"), "docking_rate"), (metric{"0.3333", "3.33"}));
    EXPECT_EQ(metric_of(now, unit("370214"), "first_contact_on_time"), (metric{"1.0000", "10.00"}));
    // The next morning it is late: one contact on time out of two due.
    set_clock("2026-12-01T10:00:00+08:00");
    now = live("2026-11");
    EXPECT_EQ(metric_of(now, unit("370214"), "first_contact_on_time"), (metric{"0.5000", "5.00"}));
    const auto id = publish(R"({"period":"2026-11"})");
    const auto figures = inputs_of(id, unit("370214"));
    EXPECT_EQ(figures.at("intents_received"), 3);
    EXPECT_EQ(figures.at("intents_docked"), 1);
    EXPECT_EQ(figures.at("contacts_due"), 2);
    EXPECT_EQ(figures.at("contacts_on_time"), 1);
    // Another district had nothing to measure: both rates count as met.
    EXPECT_EQ(metric_of(now, unit("370202"), "docking_rate"), (metric{"null", "10.00"}));
    // December's intents are none of these.
    EXPECT_EQ(metric_of(live("2026-12"), unit("370214"), "docking_rate"),
              (metric{"null", "10.00"}));
}

TEST_P(Rankings, TicketsClosedOnTimeCountTheClosuresOfThePeriodWithoutALateStep) {
    measure_only({"tickets_closed_on_time"});
    const auto ticket = [this] {
        const auto res = signed_in("bureau")->post(
            "/api/v1/tickets",
            json::serialize(json::object{{"unit_id", unit("370214")}, {"text", "请报告进展"}}));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto reply = res.json();
        return "/api/v1/tickets/" + std::to_string(reply.at("ticket").at("id").as_int64());
    };
    const auto close = [this](const std::string& t) {
        for (const auto& [login, action, body] :
             std::vector<std::tuple<std::string, std::string, std::string>>{
                 {"370214.staff", "sign", "{}"},
                 {"370214.staff", "handle", R"({"text":"已处理"})"},
                 {"370214.staff", "feedback", R"({"text":"已反馈"})"},
                 {"bureau", "review", R"({"accept":true})"},
                 {"bureau", "close", "{}"}}) {
            const auto res = signed_in(login)->post(t + "/" + action, body);
            ASSERT_EQ(res.status, 200) << action << " " << res.body;
        }
    };
    const auto on_time = ticket();
    close(on_time);
    const auto late = ticket();  // to be signed for by 17:30
    ticket();                    // never closed
    set_clock("2026-12-01T10:00:00+08:00");
    close(late);
    using metric = std::pair<std::string, std::string>;
    // November closed one, on time; the quarter two, one of them late.
    EXPECT_EQ(metric_of(live("2026-11"), unit("370214"), "tickets_closed_on_time"),
              (metric{"1.0000", "10.00"}));
    EXPECT_EQ(metric_of(live("2026-Q4"), unit("370214"), "tickets_closed_on_time"),
              (metric{"0.5000", "5.00"}));
    const auto id = publish(R"({"period":"2026-Q4"})");
    const auto figures = inputs_of(id, unit("370214"));
    EXPECT_EQ(figures.at("tickets_closed"), 2);
    EXPECT_EQ(figures.at("tickets_on_time"), 1);
    // Nothing closed elsewhere: nothing missed.
    EXPECT_EQ(metric_of(live("2026-Q4"), unit("370202"), "tickets_closed_on_time"),
              (metric{"null", "10.00"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, Rankings, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
