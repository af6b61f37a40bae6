#include <map>
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
    EXPECT_TRUE(bad_reply.at("error").at("fields").as_object().contains("period"));
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

INSTANTIATE_TEST_SUITE_P(Engines, Rankings, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
