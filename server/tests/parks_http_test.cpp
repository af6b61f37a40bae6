#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "service/content/parks.hpp"
#include "support/clocked_server_test.hpp"
#include "support/http_client.hpp"
#include "support/session_client.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;

// Parks over HTTP, read anonymously: the demo parks, paging, the name search, the district and
// industry filters, one park's page, 404 and 422; and a question asked on a park's page, routed
// to the park's unit with its deadline on the test clock (Monday 30 November 2026, 09:00).
class Parks : public testing::clocked_server_test {
  protected:
    void SetUp() override {
        clocked_server_test::SetUp();
        const test_clock at(*parse_rfc3339("2026-11-26T09:00:00+08:00"));
        ASSERT_EQ(service::content::ensure_demo_parks(database, at, "qingdao"), 12);
    }

    testing::http_response anonymous_get(const std::string& target,
                                         const testing::header_list& headers = {}) {
        return testing::http_request(server.port(), "GET", target, "", headers);
    }

    // The park codes of one page of a list, in order.
    std::vector<std::string> codes(const std::string& query) {
        const auto res = anonymous_get("/api/v1/parks" + query);
        EXPECT_EQ(res.status, 200) << res.body;
        const auto reply = res.json();
        std::vector<std::string> out;
        for (const auto& item : reply.at("items").as_array()) {
            out.emplace_back(item.at("code").as_string());
        }
        return out;
    }

    std::int64_t park_id(const std::string& code) {
        return count("SELECT id FROM park WHERE code = '" + code + "'");
    }
};

TEST_P(Parks, DemoParksArePagedInTheCitysOrder) {
    const test_clock later(*parse_rfc3339("2026-11-30T09:00:00+08:00"));
    EXPECT_EQ(service::content::ensure_demo_parks(database, later, "qingdao"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM park WHERE illustrative = 1"), 12);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'content.demo.parks'"), 1);
    const auto first = anonymous_get("/api/v1/parks?page_size=5").json();
    EXPECT_EQ(first.at("total").as_int64(), 12);
    EXPECT_EQ(codes("?page_size=5"),
              (std::vector<std::string>{"west_coast", "sino_german", "iecz", "hitech", "sco"}));
    EXPECT_EQ(codes("?page_size=5&page=3"),
              (std::vector<std::string>{"jiaozhou_appliances", "laoshan_vr"}));
    EXPECT_EQ(codes("?page_size=5&page=4"), std::vector<std::string>{});
}

TEST_P(Parks, SearchByNameAndFilterByDistrictAndIndustry) {
    EXPECT_EQ(codes("?q=%E7%94%9F%E6%80%81"), std::vector<std::string>{"sino_german"});  // 生态
    EXPECT_EQ(codes("?q=ecopark"), std::vector<std::string>{"sino_german"});
    // A district's own parks and those of the zones in it.
    EXPECT_EQ(codes("?district=370211"),
              (std::vector<std::string>{"west_coast", "sino_german", "iecz"}));
    EXPECT_EQ(codes("?district=370281"),
              (std::vector<std::string>{"sco", "airport", "jiaozhou_appliances"}));
    EXPECT_EQ(codes("?district=370212"), std::vector<std::string>{"laoshan_vr"});
    EXPECT_EQ(codes("?district=370202"), std::vector<std::string>{});
    EXPECT_EQ(codes("?industry=nev"),
              (std::vector<std::string>{"west_coast", "auto_city", "laixi_ev"}));
    EXPECT_EQ(codes("?industry=nev&district=370215"), std::vector<std::string>{"auto_city"});
    EXPECT_EQ(anonymous_get("/api/v1/parks?industry=nev&district=370215").json().at("total"), 1);

    const auto bad = anonymous_get("/api/v1/parks?district=zone.sco&industry=steel",
                                   {{"Accept-Language", "en"}});
    ASSERT_EQ(bad.status, 422) << bad.body;
    const auto reply = bad.json();
    const auto& fields = reply.at("error").at("fields").as_object();
    EXPECT_EQ(fields.size(), 2U);
    EXPECT_TRUE(fields.contains("district"));
    EXPECT_TRUE(fields.contains("industry"));
}

TEST_P(Parks, OneParksPageInBothLanguagesAndNotFound) {
    const auto id = park_id("sino_german");
    const auto zh = anonymous_get("/api/v1/parks/" + std::to_string(id));
    ASSERT_EQ(zh.status, 200) << zh.body;
    const auto reply = zh.json();
    const auto& park = reply.at("park").as_object();
    EXPECT_EQ(park.at("name"), "中德生态园");
    EXPECT_EQ(park.at("unit").at("name"), "中德生态园");
    EXPECT_EQ(park.at("district").at("code"), "370211");
    EXPECT_EQ(park.at("location").at("lat").as_double(), 35.978);
    EXPECT_EQ(park.at("location").at("lon").as_double(), 120.061);
    EXPECT_EQ(park.at("area_ha"), "1160");
    EXPECT_EQ(park.at("available_land_ha"), "180");
    EXPECT_EQ(park.at("industries"),
              (json::array{"life_health", "smart_equipment", "green_energy"}));
    EXPECT_EQ(park.at("contact").at("phone"), "0532-8698 0102");
    EXPECT_EQ(park.at("contact").at("tel"), "tel:053286980102");
    EXPECT_EQ(park.at("contact").at("unit").at("id"), park.at("unit").at("id"));
    EXPECT_EQ(park.at("illustrative"), true);

    const auto en =
        anonymous_get("/api/v1/parks/" + std::to_string(id), {{"Accept-Language", "en"}}).json();
    EXPECT_EQ(en.at("park").at("name"), "Sino-German Ecopark");
    EXPECT_EQ(en.at("park").at("district").at("name"), "Huangdao District (West Coast New Area)");
    EXPECT_TRUE(en.at("park").at("summary").as_string().starts_with("An ecopark"));

    EXPECT_EQ(anonymous_get("/api/v1/parks/999999").status, 404);
    EXPECT_EQ(signed_in("investor")->get("/api/v1/parks/" + std::to_string(id)).status, 200);
}

TEST_P(Parks, AQuestionOnAParksPageGoesToTheParksUnitOnTheWorkingCalendar) {
    const auto zone = count("SELECT id FROM unit WHERE unit_key = 'zone.sino_german'");
    const auto laoshan = count("SELECT id FROM unit WHERE code = '370212'");
    const auto ask = [&](std::int64_t park) {
        return signed_in("investor")
            ->post("/api/v1/consultations",
                   json::serialize(json::object{{"question", "园区还有多少可用工业用地？"},
                                                {"context_type", "park"},
                                                {"context_id", park}}));
    };
    const auto asked = ask(park_id("sino_german"));
    ASSERT_EQ(asked.status, 201) << asked.body;
    const auto reply = asked.json();
    const auto& c = reply.at("consultation").as_object();
    EXPECT_EQ(c.at("unit").at("id").as_int64(), zone);
    EXPECT_EQ(c.at("routed_by"), "context");
    EXPECT_EQ(c.at("context").at("title"), "中德生态园");
    EXPECT_EQ(c.at("context").at("id").as_int64(), park_id("sino_german"));
    // 840 working minutes from Monday 09:00: Monday and Tuesday, to 17:30.
    EXPECT_EQ(c.at("due_at"), "2026-12-01T17:30:00+08:00");

    // A district's own park goes to the district.
    set_clock("2026-12-01T16:00:00+08:00");
    const auto district = ask(park_id("laoshan_vr"));
    ASSERT_EQ(district.status, 201) << district.body;
    const auto district_reply = district.json();
    EXPECT_EQ(district_reply.at("consultation").at("unit").at("id").as_int64(), laoshan);
    // 90 minutes on Tuesday, 420 on Wednesday, and the last 330 on Thursday (180 in the morning,
    // 150 from 13:30).
    EXPECT_EQ(district_reply.at("consultation").at("due_at"), "2026-12-03T16:00:00+08:00");

    const auto missing = ask(999999);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(count("SELECT COUNT(*) FROM consultation"), 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, Parks, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
