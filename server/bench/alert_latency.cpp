// Submit-to-alert latency with 1,000 staff WebSockets connected, and sustained intents per
// second. A measurement, not a test: it exits 0 whatever the numbers are, 1 when something broke
// (a sign-in failed, a POST was refused, an alert never arrived).
//
// What it does, against a running `zhaoyin serve --demo --demo-history=false`:
//   1. signs in `<code>.staff` and `<code>.lead` of ten districts (20 sessions) and `investor`;
//   2. opens SOCKETS WebSockets to /ws, spread evenly over the districts and, within a district,
//      alternately over its staff and lead session; each subscribes to `unit:<district id>` and
//      proves it with a ping (the server handles a connection's messages in order);
//   3. warm-up: one intent per district, unmeasured, which must reach every socket of exactly
//      that district (checks routing and subscriptions);
//   4. latency phase: INTENTS intents one after another (industry "C", which no district leads,
//      plus one preferred district, so each goes to exactly that district), each preferring the
//      next district in turn. For each: the POST's response time, and the time from sending the
//      POST to the FIRST and to the LAST of that district's sockets receiving `intent.routed`.
//      Between intents, as references under the same conditions: one WebSocket ping→pong round
//      trip on socket 0 and one GET /livez on its own keep-alive connection;
//   5. sustained phase: CONCURRENCY submitters, each on its own keep-alive connection, post
//      intents back to back for DURATION seconds → intents/s, POST p50/p99, and the alerts'
//      latency under that load.
// All sockets and HTTP connections run on one io_context on one thread.
//
// Usage: zhaoyin_alert_bench --url http://127.0.0.1:8080 [options]   (see --help;
// server/bench/alert_latency.sh starts a server and runs this; results in docs/performance.md)

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// --- options -----------------------------------------------------------------------------------

struct options {
    std::string host = "127.0.0.1";
    std::string port = "8080";
    std::string password = "Zhaoyin-Demo-2026";
    std::vector<std::string> districts = {"370202", "370203", "370211", "370212", "370213",
                                          "370214", "370215", "370281", "370283", "370285"};
    int sockets = 1000;
    int intents = 300;
    int pause_ms = 50;
    int concurrency = 8;
    double duration_s = 10;
    double alert_timeout_s = 5;
    double drain_s = 60;
    double goal_ms = 20;
    std::string csv;
};

const char* usage =
    "Usage: zhaoyin_alert_bench --url http://HOST:PORT [options]\n"
    "  --url URL            the server (default http://127.0.0.1:8080)\n"
    "  --password TEXT      the demo accounts' password (default Zhaoyin-Demo-2026)\n"
    "  --districts A,B,...  district codes (default the ten of Qingdao's demo data)\n"
    "  --sockets N          staff WebSockets in all, spread evenly (default 1000)\n"
    "  --intents N          intents in the latency phase, one after another (default 300)\n"
    "  --pause-ms N         pause between them (default 50)\n"
    "  --concurrency N      submitters in the sustained phase (default 8; 0 skips it)\n"
    "  --duration S         length of the sustained phase in seconds (default 10)\n"
    "  --alert-timeout S    an alert later than this is lost (latency phase; default 5)\n"
    "  --drain S            after the sustained phase, wait at most this long for its alerts\n"
    "                       (default 60)\n"
    "  --goal-ms MS         the p99 goal for submit → alert (default 20)\n"
    "  --csv FILE           write the latency phase's samples to FILE\n";

options parse_options(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << usage;
            std::exit(0);
        }
        if (i + 1 >= argc) {
            throw std::runtime_error(arg + " needs a value");
        }
        const std::string value = argv[++i];
        if (arg == "--url") {
            std::string rest = value;
            if (rest.starts_with("http://")) {
                rest = rest.substr(7);
            }
            while (!rest.empty() && rest.back() == '/') {
                rest.pop_back();
            }
            const auto colon = rest.rfind(':');
            if (colon == std::string::npos) {
                throw std::runtime_error("--url: expected http://HOST:PORT");
            }
            o.host = rest.substr(0, colon);
            o.port = rest.substr(colon + 1);
        } else if (arg == "--password") {
            o.password = value;
        } else if (arg == "--districts") {
            o.districts.clear();
            std::size_t start = 0;
            while (start <= value.size()) {
                const auto comma = value.find(',', start);
                const auto item = value.substr(start, comma - start);
                if (!item.empty()) {
                    o.districts.push_back(item);
                }
                if (comma == std::string::npos) {
                    break;
                }
                start = comma + 1;
            }
        } else if (arg == "--sockets") {
            o.sockets = std::stoi(value);
        } else if (arg == "--intents") {
            o.intents = std::stoi(value);
        } else if (arg == "--pause-ms") {
            o.pause_ms = std::stoi(value);
        } else if (arg == "--concurrency") {
            o.concurrency = std::stoi(value);
        } else if (arg == "--duration") {
            o.duration_s = std::stod(value);
        } else if (arg == "--alert-timeout") {
            o.alert_timeout_s = std::stod(value);
        } else if (arg == "--drain") {
            o.drain_s = std::stod(value);
        } else if (arg == "--goal-ms") {
            o.goal_ms = std::stod(value);
        } else if (arg == "--csv") {
            o.csv = value;
        } else {
            throw std::runtime_error("unknown option " + arg + "\n" + usage);
        }
    }
    if (o.districts.empty() || o.sockets < int(o.districts.size()) || o.intents < 1) {
        throw std::runtime_error("need at least one district, one socket per district, one intent");
    }
    return o;
}

double ms_between(steady::time_point from, steady::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

// --- statistics ---------------------------------------------------------------------------------

struct summary {
    std::size_t n = 0;
    double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
};

summary summarise(std::vector<double> v) {
    summary s;
    s.n = v.size();
    if (v.empty()) {
        return s;
    }
    std::sort(v.begin(), v.end());
    const auto rank = [&](double p) {
        const auto k = std::size_t(std::ceil(p * double(v.size())));
        return v[std::min(v.size() - 1, k == 0 ? 0 : k - 1)];
    };
    s.p50 = rank(0.50);
    s.p90 = rank(0.90);
    s.p99 = rank(0.99);
    s.max = v.back();
    double total = 0;
    for (const double x : v) {
        total += x;
    }
    s.mean = total / double(v.size());
    return s;
}

void print_row(const std::string& name, const summary& s) {
    std::printf("| %-48s | %5zu | %8.2f | %8.2f | %8.2f | %8.2f | %8.2f |\n", name.c_str(), s.n,
                s.p50, s.p90, s.p99, s.max, s.mean);
}

void print_header() {
    std::printf("| %-48s | %5s | %8s | %8s | %8s | %8s | %8s |\n", "measure (ms)", "n", "p50",
                "p90", "p99", "max", "mean");
    std::printf("|%s|------:|---------:|---------:|---------:|---------:|---------:|\n",
                std::string(50, '-').c_str());
}

// --- HTTP client ---------------------------------------------------------------------------------

struct reply {
    unsigned status = 0;
    std::string body;
    std::vector<std::string> set_cookies;
    steady::time_point sent;
    steady::time_point received;
};

std::string cookie_value(const std::vector<std::string>& set_cookies, std::string_view name) {
    for (const auto& c : set_cookies) {
        if (c.size() > name.size() && c.compare(0, name.size(), name) == 0 &&
            c[name.size()] == '=') {
            const auto end = c.find(';');
            return c.substr(name.size() + 1,
                            end == std::string::npos ? end : end - name.size() - 1);
        }
    }
    return {};
}

// One keep-alive connection; reconnects once when the server closed it in between.
class http_client {
  public:
    http_client(asio::any_io_executor ex, tcp::endpoint ep, std::string host)
        : ex_(std::move(ex)), ep_(ep), host_(std::move(host)) {}

    asio::awaitable<reply> request(bhttp::verb verb, std::string target, std::string body,
                                   std::string cookie, std::string csrf) {
        bhttp::request<bhttp::string_body> req{verb, target, 11};
        req.set(bhttp::field::host, host_);
        req.set(bhttp::field::user_agent, "zhaoyin-alert-bench");
        req.keep_alive(true);
        if (!cookie.empty()) {
            req.set(bhttp::field::cookie, cookie);
        }
        if (!csrf.empty()) {
            req.set("X-CSRF-Token", csrf);
        }
        if (!body.empty()) {
            req.set(bhttp::field::content_type, "application/json");
            req.body() = std::move(body);
        }
        req.prepare_payload();
        for (int attempt = 0;; ++attempt) {
            if (!stream_) {
                stream_.emplace(ex_);
                co_await stream_->async_connect(ep_, asio::use_awaitable);
                stream_->socket().set_option(tcp::no_delay(true));
                buffer_.clear();
            }
            reply out;
            out.sent = steady::now();
            auto [wec, wn] =
                co_await bhttp::async_write(*stream_, req, asio::as_tuple(asio::use_awaitable));
            bhttp::response<bhttp::string_body> res;
            boost::system::error_code rec;
            if (!wec) {
                std::tie(rec, std::ignore) = co_await bhttp::async_read(
                    *stream_, buffer_, res, asio::as_tuple(asio::use_awaitable));
            }
            if (wec || rec) {
                stream_.reset();
                if (attempt == 0) {
                    continue;
                }
                throw std::runtime_error(std::string(bhttp::to_string(verb)) + " " + target + ": " +
                                         (wec ? wec : rec).message());
            }
            out.received = steady::now();
            out.status = res.result_int();
            for (const auto& field : res) {
                if (field.name() == bhttp::field::set_cookie) {
                    out.set_cookies.emplace_back(field.value());
                }
            }
            out.body = std::move(res.body());
            if (!res.keep_alive()) {
                stream_.reset();
            }
            co_return out;
        }
    }

  private:
    asio::any_io_executor ex_;
    tcp::endpoint ep_;
    std::string host_;
    std::optional<beast::tcp_stream> stream_;
    beast::flat_buffer buffer_;
};

// --- shared state
// ---------------------------------------------------------------------------------

struct alert_record {
    steady::time_point first;
    steady::time_point last;
    int count = 0;
    std::uint32_t districts_seen = 0;  // bit per district index
};

struct socket_state {
    int index = 0;
    int district = 0;
    std::unique_ptr<websocket::stream<beast::tcp_stream>> ws;
    beast::flat_buffer buffer;
    bool closed = false;
    int pongs = 0;
    steady::time_point last_pong;
};

struct bench {
    explicit bench(asio::any_io_executor ex, options o) : ex(ex), opt(std::move(o)), notify(ex) {}

    asio::any_io_executor ex;
    options opt;
    tcp::endpoint endpoint;
    std::vector<std::int64_t> district_ids;
    std::vector<std::string> staff_cookies;  // per district: [staff, lead]
    std::vector<std::string> lead_cookies;
    std::string investor_cookie;
    std::string investor_csrf;
    std::vector<std::unique_ptr<socket_state>> sockets;
    std::vector<int> per_district;  // sockets per district
    std::unordered_map<std::int64_t, alert_record> alerts;
    std::int64_t routed_messages = 0;
    std::int64_t other_messages = 0;
    int closed_sockets = 0;
    // Woken (cancelled) whenever something a waiter may be waiting for happened.
    asio::steady_timer notify;
    int intent_counter = 0;

    void poke() { notify.cancel(); }

    // Waits until `done()` or the deadline; returns done().
    template <typename Done>
    asio::awaitable<bool> wait_until(Done done, steady::time_point deadline) {
        while (!done()) {
            if (steady::now() >= deadline) {
                co_return false;
            }
            notify.expires_at(deadline);
            co_await notify.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        co_return true;
    }
};

// --- deterministic, dissimilar intent texts ---------------------------------------------------

// Company names and titles must not look alike: the server flags an intent whose company and
// title resemble a recent one's, and a flagged intent stops that scan early.
const char* const pool[] = {
    "海", "青", "岛", "新", "区", "科", "技", "智", "能", "制", "造", "材", "料", "装", "备", "光",
    "电", "信", "息", "生", "物", "医", "药", "化", "工", "汽", "车", "船", "舶", "航", "空", "港",
    "口", "物", "流", "金", "融", "数", "据", "云", "端", "芯", "片", "器", "件", "精", "密", "机",
    "械", "能", "源", "环", "保", "水", "务", "食", "品", "纺", "织", "家", "电", "橡", "胶", "轮",
    "胎", "钢", "铁", "铝", "铜", "玻", "璃", "陶", "瓷", "纸", "业", "印", "刷", "塑", "料", "仪",
    "表", "测", "量", "检", "验", "软", "件", "网", "络", "通", "讯", "卫", "星", "导", "航", "海",
    "洋", "渔", "业", "农", "牧", "林", "果", "茶", "酒", "饮", "料", "服", "饰", "鞋", "帽", "玩",
    "具", "文", "体", "旅", "游", "康", "养", "教", "育", "培", "训", "设", "计", "咨", "询", "东",
    "西", "南", "北", "中", "华", "鲁", "齐", "泰", "安", "盛", "达", "通", "恒", "瑞", "祥", "和",
    "兴", "隆", "昌", "宏", "伟", "丰", "源", "德", "明", "远", "航", "启", "元", "鼎", "嘉", "润"};

std::string random_text(std::uint64_t& state, int length) {
    std::string out;
    for (int i = 0; i < length; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        out += pool[(state >> 33) % (sizeof(pool) / sizeof(pool[0]))];
    }
    return out;
}

std::string intent_body(bench& b, int district) {
    const int n = ++b.intent_counter;
    std::uint64_t state = 0x9e3779b97f4a7c15ULL ^ std::uint64_t(n) * 0x100000001b3ULL;
    char phone[16];
    std::snprintf(phone, sizeof(phone), "138%08d", n % 100000000);
    json::object body{
        {"title", random_text(state, 10) + "项目"},
        {"company", random_text(state, 8) + "有限公司"},
        {"contact_name", "王先生"},
        {"contact_phone", phone},
        {"industry", "C"},
        {"investment_total", "200000000"},
        {"currency", "CNY"},
        {"capital_type", "domestic"},
        {"preferred_units", json::array{b.district_ids[std::size_t(district)]}},
        {"description", "基准测试意向（alert_latency），编号 " + std::to_string(n) + "。"}};
    return json::serialize(body);
}

// --- setup
// ----------------------------------------------------------------------------------------

asio::awaitable<std::string> sign_in(bench& b, http_client& client, const std::string& login,
                                     const std::string& csrf_cookie, const std::string& csrf) {
    json::object body{{"login", login}, {"password", b.opt.password}};
    for (int attempt = 0;; ++attempt) {
        const auto r =
            co_await client.request(bhttp::verb::post, "/api/v1/auth/login", json::serialize(body),
                                    "zy_csrf=" + csrf_cookie, csrf);
        if (r.status == 429 && attempt < 10) {
            std::cerr << "alert_bench: login rate limit reached; waiting 10 s\n";
            asio::steady_timer t(b.ex, 10s);
            co_await t.async_wait(asio::use_awaitable);
            continue;
        }
        if (r.status != 200) {
            throw std::runtime_error("login " + login + ": HTTP " + std::to_string(r.status) + " " +
                                     r.body);
        }
        const auto session = cookie_value(r.set_cookies, "zy_session");
        if (session.empty()) {
            throw std::runtime_error("login " + login + ": no zy_session cookie");
        }
        co_return "zy_session=" + session;
    }
}

const json::object* find_unit(const json::array& nodes, const std::string& code) {
    for (const auto& v : nodes) {
        const auto& node = v.as_object();
        const auto* c = node.if_contains("code");
        if (c != nullptr && c->is_string() && c->as_string() == code) {
            return &node;
        }
        if (const auto* kids = node.if_contains("children"); kids && kids->is_array()) {
            if (const auto* found = find_unit(kids->as_array(), code)) {
                return found;
            }
        }
    }
    return nullptr;
}

asio::awaitable<void> sign_in_all(bench& b) {
    http_client client(b.ex, b.endpoint, b.opt.host);
    const auto units = co_await client.request(bhttp::verb::get, "/api/v1/units", "", "", "");
    if (units.status != 200) {
        throw std::runtime_error("GET /api/v1/units: HTTP " + std::to_string(units.status));
    }
    const auto tree = json::parse(units.body).as_object().at("tree").as_array();
    for (const auto& code : b.opt.districts) {
        const auto* unit = find_unit(tree, code);
        if (unit == nullptr) {
            throw std::runtime_error("no unit with code " + code + " in GET /api/v1/units");
        }
        b.district_ids.push_back(unit->at("id").as_int64());
    }
    const auto me = co_await client.request(bhttp::verb::get, "/api/v1/auth/me", "", "", "");
    const auto csrf_cookie = cookie_value(me.set_cookies, "zy_csrf");
    const auto csrf = std::string(json::parse(me.body).as_object().at("csrf_token").as_string());
    if (csrf_cookie.empty() || csrf.empty()) {
        throw std::runtime_error("GET /api/v1/auth/me gave no anonymous CSRF token");
    }
    for (const auto& code : b.opt.districts) {
        b.staff_cookies.push_back(co_await sign_in(b, client, code + ".staff", csrf_cookie, csrf));
        b.lead_cookies.push_back(co_await sign_in(b, client, code + ".lead", csrf_cookie, csrf));
    }
    b.investor_cookie = co_await sign_in(b, client, "investor", csrf_cookie, csrf);
    const auto who =
        co_await client.request(bhttp::verb::get, "/api/v1/auth/me", "", b.investor_cookie, "");
    b.investor_csrf = std::string(json::parse(who.body).as_object().at("csrf_token").as_string());
}

void on_message(bench& b, socket_state& s, std::string_view text, steady::time_point at) {
    boost::system::error_code ec;
    const auto value = json::parse(text, ec);
    if (ec || !value.is_object()) {
        ++b.other_messages;
        return;
    }
    const auto& obj = value.as_object();
    const auto* type = obj.if_contains("type");
    if (type == nullptr || !type->is_string()) {
        ++b.other_messages;
        return;
    }
    if (type->as_string() == "intent.routed") {
        ++b.routed_messages;
        const auto* id = obj.if_contains("intent_id");
        if (id == nullptr || !id->is_int64()) {
            return;
        }
        auto& rec = b.alerts[id->as_int64()];
        if (rec.count == 0) {
            rec.first = at;
        }
        rec.last = at;
        ++rec.count;
        rec.districts_seen |= 1U << unsigned(s.district);
        if (rec.count >= b.per_district[std::size_t(s.district)]) {
            b.poke();
        }
    } else if (type->as_string() == "pong") {
        ++s.pongs;
        s.last_pong = at;
        b.poke();
    } else if (type->as_string() != "hello") {
        ++b.other_messages;
    }
}

asio::awaitable<void> read_loop(bench& b, socket_state& s) {
    for (;;) {
        auto [ec, n] = co_await s.ws->async_read(s.buffer, asio::as_tuple(asio::use_awaitable));
        const auto at = steady::now();
        if (ec) {
            s.closed = true;
            ++b.closed_sockets;
            b.poke();
            co_return;
        }
        const auto data = s.buffer.cdata();
        on_message(b, s, std::string_view(static_cast<const char*>(data.data()), data.size()), at);
        s.buffer.consume(s.buffer.size());
    }
}

asio::awaitable<void> send_text(socket_state& s, std::string text) {
    s.ws->text(true);
    co_await s.ws->async_write(asio::buffer(text), asio::use_awaitable);
}

// Not a coroutine: GCC 12 mishandles a lambda capturing a std::string inside one.
void set_cookie(websocket::stream<beast::tcp_stream>& ws, const std::string& cookie) {
    ws.set_option(websocket::stream_base::decorator([cookie](websocket::request_type& req) {
        req.set(bhttp::field::cookie, cookie);
        req.set(bhttp::field::user_agent, "zhaoyin-alert-bench");
    }));
}

asio::awaitable<void> open_socket(bench& b, socket_state& s, std::string cookie) {
    s.ws = std::make_unique<websocket::stream<beast::tcp_stream>>(b.ex);
    auto& lowest = beast::get_lowest_layer(*s.ws);
    lowest.expires_after(30s);
    co_await lowest.async_connect(b.endpoint, asio::use_awaitable);
    lowest.socket().set_option(tcp::no_delay(true));
    set_cookie(*s.ws, cookie);
    co_await s.ws->async_handshake(b.opt.host + ":" + b.opt.port, "/ws", asio::use_awaitable);
    lowest.expires_never();
    // The client side answers the server's keep-alive pings while a read is pending.
    s.ws->set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    asio::co_spawn(b.ex, read_loop(b, s), asio::detached);
    const auto topic = "unit:" + std::to_string(b.district_ids[std::size_t(s.district)]);
    co_await send_text(s, R"({"type":"subscribe","topics":[")" + topic + R"("]})");
    co_await send_text(s, R"({"type":"ping"})");
}

asio::awaitable<void> open_range(bench& b, std::size_t from, std::size_t step) {
    for (std::size_t i = from; i < b.sockets.size(); i += step) {
        auto& s = *b.sockets[i];
        const auto d = std::size_t(s.district);
        // Alternate a district's sockets over its staff and its lead session.
        const auto& cookie = (s.index / int(b.opt.districts.size())) % 2 == 0 ? b.staff_cookies[d]
                                                                              : b.lead_cookies[d];
        co_await open_socket(b, s, cookie);
    }
}

asio::awaitable<void> open_all(bench& b) {
    const std::size_t count = std::size_t(b.opt.sockets);
    const std::size_t districts = b.opt.districts.size();
    b.per_district.assign(districts, 0);
    for (std::size_t i = 0; i < count; ++i) {
        auto s = std::make_unique<socket_state>();
        s->index = int(i);
        s->district = int(i % districts);
        ++b.per_district[i % districts];
        b.sockets.push_back(std::move(s));
    }
    // 50 handshakes in flight at a time.
    const std::size_t lanes = std::min<std::size_t>(50, count);
    int remaining = int(lanes);
    std::exception_ptr failure;
    for (std::size_t lane = 0; lane < lanes; ++lane) {
        asio::co_spawn(b.ex, open_range(b, lane, lanes),
                       [&remaining, &failure, &b](std::exception_ptr e) {
                           if (e && !failure) {
                               failure = e;
                           }
                           --remaining;
                           b.poke();
                       });
    }
    co_await b.wait_until([&remaining] { return remaining == 0; }, steady::now() + 120s);
    if (failure) {
        std::rethrow_exception(failure);
    }
    if (remaining != 0) {
        throw std::runtime_error("opening the WebSockets took longer than 120 s");
    }
    // Every socket answered the ping sent after its subscribe: subscriptions are in place.
    const bool all = co_await b.wait_until(
        [&b] {
            return std::all_of(b.sockets.begin(), b.sockets.end(),
                               [](const auto& s) { return s->pongs >= 1 || s->closed; });
        },
        steady::now() + 30s);
    if (!all || b.closed_sockets > 0) {
        throw std::runtime_error("WebSockets not ready: " + std::to_string(b.closed_sockets) +
                                 " closed by the server");
    }
}

// --- phases
// -----------------------------------------------------------------------------------------

struct submitted {
    std::int64_t id = 0;
    int district = 0;
    steady::time_point sent;
    steady::time_point received;
};

asio::awaitable<submitted> submit(bench& b, http_client& client, int district) {
    const auto r =
        co_await client.request(bhttp::verb::post, "/api/v1/intents", intent_body(b, district),
                                b.investor_cookie, b.investor_csrf);
    if (r.status != 201) {
        throw std::runtime_error("POST /api/v1/intents: HTTP " + std::to_string(r.status) + " " +
                                 r.body);
    }
    submitted out;
    out.id = json::parse(r.body).as_object().at("intent").as_object().at("id").as_int64();
    out.district = district;
    out.sent = r.sent;
    out.received = r.received;
    co_return out;
}

bool complete(const bench& b, const submitted& s) {
    const auto found = b.alerts.find(s.id);
    return found != b.alerts.end() &&
           found->second.count >= b.per_district[std::size_t(s.district)];
}

struct latency_samples {
    std::vector<double> post, first, last, after_reply, spread, ping, livez;
    int lost = 0;
    int misrouted = 0;
};

asio::awaitable<void> warm_up(bench& b, http_client& client) {
    for (int d = 0; d < int(b.opt.districts.size()); ++d) {
        const auto s = co_await submit(b, client, d);
        const bool ok = co_await b.wait_until(
            [&b, &s] { return complete(b, s); },
            s.sent + std::chrono::duration_cast<steady::duration>(
                         std::chrono::duration<double>(b.opt.alert_timeout_s)));
        const auto& rec = b.alerts[s.id];
        if (!ok || rec.districts_seen != (1U << unsigned(d))) {
            throw std::runtime_error(
                "warm-up intent " + std::to_string(s.id) + " for district " +
                b.opt.districts[std::size_t(d)] + " reached " + std::to_string(rec.count) + " of " +
                std::to_string(b.per_district[std::size_t(d)]) + " sockets (districts mask " +
                std::to_string(rec.districts_seen) +
                "): routing or subscriptions are not as this benchmark expects");
        }
    }
}

asio::awaitable<void> ping_once(bench& b, latency_samples& out) {
    auto& s = *b.sockets[0];
    const int before = s.pongs;
    const auto sent = steady::now();
    co_await send_text(s, R"({"type":"ping"})");
    const bool ok =
        co_await b.wait_until([&s, before] { return s.pongs > before || s.closed; }, sent + 5s);
    if (!ok || s.closed) {
        throw std::runtime_error("no pong within 5 s");
    }
    out.ping.push_back(ms_between(sent, s.last_pong));
}

asio::awaitable<void> latency_phase(bench& b, http_client& client, http_client& probe,
                                    latency_samples& out, std::ofstream* csv) {
    const auto timeout = std::chrono::duration_cast<steady::duration>(
        std::chrono::duration<double>(b.opt.alert_timeout_s));
    asio::steady_timer pause(b.ex);
    for (int i = 0; i < b.opt.intents; ++i) {
        const int d = i % int(b.opt.districts.size());
        const auto s = co_await submit(b, client, d);
        const bool ok =
            co_await b.wait_until([&b, &s] { return complete(b, s); }, s.sent + timeout);
        const auto& rec = b.alerts[s.id];
        const double post = ms_between(s.sent, s.received);
        out.post.push_back(post);
        if (rec.districts_seen & ~(1U << unsigned(d))) {
            ++out.misrouted;
        }
        if (!ok) {
            ++out.lost;
        } else {
            out.first.push_back(ms_between(s.sent, rec.first));
            out.last.push_back(ms_between(s.sent, rec.last));
            out.after_reply.push_back(ms_between(s.received, rec.last));
            out.spread.push_back(ms_between(rec.first, rec.last));
        }
        if (csv != nullptr) {
            *csv << i << ',' << b.opt.districts[std::size_t(d)] << ',' << s.id << ',' << post << ','
                 << (ok ? ms_between(s.sent, rec.first) : -1) << ','
                 << (ok ? ms_between(s.sent, rec.last) : -1) << ',' << rec.count << '\n';
        }
        // References under the same conditions: a WebSocket round trip and a trivial GET.
        co_await ping_once(b, out);
        const auto live = co_await probe.request(bhttp::verb::get, "/livez", "", "", "");
        if (live.status != 200) {
            throw std::runtime_error("GET /livez: HTTP " + std::to_string(live.status));
        }
        out.livez.push_back(ms_between(live.sent, live.received));
        if (b.opt.pause_ms > 0) {
            pause.expires_after(std::chrono::milliseconds(b.opt.pause_ms));
            co_await pause.async_wait(asio::use_awaitable);
        }
    }
}

struct sustained_result {
    std::vector<submitted> done;
    std::vector<double> post;
    int failed = 0;
    std::string first_failure;
    steady::time_point start, end;
};

asio::awaitable<void> submitter(bench& b, sustained_result& r, steady::time_point stop,
                                int* next_district) {
    http_client client(b.ex, b.endpoint, b.opt.host);
    while (steady::now() < stop) {
        const int d = (*next_district)++ % int(b.opt.districts.size());
        try {
            const auto s = co_await submit(b, client, d);
            r.post.push_back(ms_between(s.sent, s.received));
            r.done.push_back(s);
            r.end = std::max(r.end, s.received);
        } catch (const std::exception& e) {
            if (r.failed++ == 0) {
                r.first_failure = e.what();
            }
        }
    }
}

asio::awaitable<void> sustained_phase(bench& b, sustained_result& r) {
    r.start = steady::now();
    r.end = r.start;
    const auto stop = r.start + std::chrono::duration_cast<steady::duration>(
                                    std::chrono::duration<double>(b.opt.duration_s));
    int running = b.opt.concurrency;
    int next_district = 0;
    for (int i = 0; i < b.opt.concurrency; ++i) {
        asio::co_spawn(b.ex, submitter(b, r, stop, &next_district),
                       [&running, &b](std::exception_ptr) {
                           --running;
                           b.poke();
                       });
    }
    co_await b.wait_until([&running] { return running == 0; }, stop + 120s);
}

// --- main
// ---------------------------------------------------------------------------------------------

void raise_fd_limit(int wanted) {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < rlim_t(wanted)) {
        lim.rlim_cur = std::min<rlim_t>(lim.rlim_max, rlim_t(wanted));
        setrlimit(RLIMIT_NOFILE, &lim);
    }
}

asio::awaitable<int> run(bench& b) {
    auto& opt = b.opt;
    tcp::resolver resolver(b.ex);
    const auto found = co_await resolver.async_resolve(opt.host, opt.port, asio::use_awaitable);
    b.endpoint = found.begin()->endpoint();

    const auto t_setup = steady::now();
    co_await sign_in_all(b);
    co_await open_all(b);
    std::cerr << "alert_bench: " << b.sockets.size() << " WebSockets open and subscribed in "
              << std::lround(ms_between(t_setup, steady::now())) << " ms\n";

    http_client investor(b.ex, b.endpoint, opt.host);
    http_client probe(b.ex, b.endpoint, opt.host);
    co_await warm_up(b, investor);

    std::ofstream csv_file;
    if (!opt.csv.empty()) {
        csv_file.open(opt.csv);
        csv_file << "i,district,intent_id,post_ms,first_alert_ms,last_alert_ms,sockets\n";
    }
    latency_samples lat;
    co_await latency_phase(b, investor, probe, lat, csv_file.is_open() ? &csv_file : nullptr);

    sustained_result sus;
    std::vector<double> sus_first, sus_last;
    int sus_lost = 0, sus_late = 0;
    double drained_ms = 0;
    if (opt.concurrency > 0) {
        co_await sustained_phase(b, sus);
        // Wait for the alerts of everything submitted; the outbox may have a backlog.
        const auto t_drain = steady::now();
        co_await b.wait_until(
            [&b, &sus] {
                return std::all_of(sus.done.begin(), sus.done.end(),
                                   [&b](const submitted& s) { return complete(b, s); });
            },
            t_drain + std::chrono::duration_cast<steady::duration>(
                          std::chrono::duration<double>(opt.drain_s)));
        drained_ms = ms_between(t_drain, steady::now());
        for (const auto& s : sus.done) {
            if (!complete(b, s)) {
                ++sus_lost;
                continue;
            }
            const auto& rec = b.alerts[s.id];
            sus_first.push_back(ms_between(s.sent, rec.first));
            sus_last.push_back(ms_between(s.sent, rec.last));
            if (ms_between(s.sent, rec.last) > opt.alert_timeout_s * 1000) {
                ++sus_late;
            }
        }
    }

    const auto post = summarise(lat.post);
    const auto first = summarise(lat.first);
    const auto last = summarise(lat.last);
    const auto ping = summarise(lat.ping);
    const auto livez = summarise(lat.livez);
    const int districts = int(opt.districts.size());

    std::printf("\n");
    std::printf(
        "sockets: %zu WebSockets (%d districts x %d, staff and lead sessions alternating), "
        "all on one client thread\n",
        b.sockets.size(), districts, b.per_district[0]);
    std::printf(
        "latency phase: %d intents one after another, pause %d ms, each to one district "
        "(%d sockets)\n\n",
        opt.intents, opt.pause_ms, b.per_district[0]);
    print_header();
    print_row("POST /api/v1/intents (response)", post);
    print_row("submit -> first socket of the district alerted", first);
    print_row("submit -> last socket of the district alerted", last);
    print_row("POST response -> last socket alerted", summarise(lat.after_reply));
    print_row("first -> last socket (fan-out to 100)", summarise(lat.spread));
    print_row("reference: WebSocket ping -> pong", ping);
    print_row("reference: GET /livez", livez);
    if (opt.concurrency > 0) {
        const double seconds = std::chrono::duration<double>(sus.end - sus.start).count();
        const double rate = seconds > 0 ? double(sus.done.size()) / seconds : 0;
        print_row("sustained: POST /api/v1/intents", summarise(sus.post));
        print_row("sustained: submit -> first socket alerted", summarise(sus_first));
        print_row("sustained: submit -> last socket alerted", summarise(sus_last));
        std::printf(
            "\nsustained: %d submitters for %.1f s: %zu intents in %.2f s = %.1f intents/s; "
            "%d failed; alerts drained %.0f ms after the phase; %d alerts later than "
            "%.0f s, %d never complete\n",
            opt.concurrency, opt.duration_s, sus.done.size(), seconds, rate, sus.failed, drained_ms,
            sus_late, opt.alert_timeout_s, sus_lost);
        if (sus.failed > 0) {
            std::printf("sustained: first failure: %s\n", sus.first_failure.c_str());
        }
    }
    std::printf("\n");
    const auto ratio = [](double a, double b2) { return b2 > 0 ? a / b2 : 0.0; };
    std::printf("ratio alert p99 (last socket) / ping p99:  %.1fx\n", ratio(last.p99, ping.p99));
    std::printf("ratio alert p99 (last socket) / POST p99:  %.2fx\n", ratio(last.p99, post.p99));
    std::printf(
        "messages: %lld intent.routed received, %lld other; %d sockets closed by the server\n",
        static_cast<long long>(b.routed_messages), static_cast<long long>(b.other_messages),
        b.closed_sockets);
    std::printf("lost alerts (latency phase, > %.0f s): %d; misrouted: %d\n", opt.alert_timeout_s,
                lat.lost, lat.misrouted);
    std::printf("goal submit -> alert p99 <= %.0f ms (last socket): %s (p99 %.2f ms)\n",
                opt.goal_ms, last.p99 <= opt.goal_ms && lat.lost == 0 ? "MET" : "NOT MET",
                last.p99);
    std::fflush(stdout);

    const bool broken =
        lat.lost > 0 || lat.misrouted > 0 || sus_lost > 0 || sus.failed > 0 || b.closed_sockets > 0;
    co_return broken ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    options opt;
    try {
        opt = parse_options(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "alert_bench: " << e.what() << "\n";
        return 2;
    }
    raise_fd_limit(opt.sockets + 256);
    asio::io_context io(1);
    bench b(io.get_executor(), opt);
    int code = 1;
    asio::co_spawn(io, run(b), [&code, &io](std::exception_ptr e, int result) {
        if (e) {
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                std::cerr << "alert_bench: " << ex.what() << "\n";
            }
            code = 1;
        } else {
            code = result;
        }
        io.stop();
    });
    io.run();
    return code;
}
