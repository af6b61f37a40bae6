#include "core/i18n.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace zhaoyin {
namespace {

struct texts {
    std::string_view zh;
    std::string_view en;
};

const std::unordered_map<std::string_view, texts>& catalogue() {
    static const std::unordered_map<std::string_view, texts> entries = {
        {"error.bad_request", {"请求格式不正确。", "The request is malformed."}},
        {"error.malformed_json",
         {"请求正文不是有效的 JSON：{detail}", "The request body is not valid JSON: {detail}"}},
        {"error.invalid_path_parameter",
         {"路径参数“{name}”无效。", "The path parameter \"{name}\" is invalid."}},
        {"error.validation_failed",
         {"提交的内容有误，请检查标出的字段。", "Some fields are invalid; see the marked fields."}},
        {"error.unauthenticated", {"请先登录。", "Please sign in first."}},
        {"error.forbidden", {"您没有执行此操作的权限。", "You are not allowed to do this."}},
        {"error.invalid_credentials",
         {"登录名或密码错误；连续失败多次后账户会被暂时锁定。",
          "Wrong login or password; after repeated failures the account is locked for a while."}},
        {"error.totp_required",
         {"请输入身份验证器中的 6 位动态码。", "Enter the 6-digit code from your authenticator."}},
        {"error.invalid_totp",
         {"动态码错误或已使用过。", "The code is wrong or has been used before."}},
        {"error.csrf_failed",
         {"页面已过期，请刷新后重试。", "The page has expired; reload it and try again."}},
        {"error.password_change_required",
         {"请先修改初始密码。", "Change your initial password first."}},
        {"error.totp_setup_required",
         {"请先设置双因素认证。", "Set up two-factor authentication first."}},
        {"error.not_found", {"找不到请求的内容。", "The requested resource was not found."}},
        {"error.method_not_allowed",
         {"此地址不支持 {method} 方法。", "This address does not support the {method} method."}},
        {"error.conflict",
         {"操作与当前状态冲突。", "The request conflicts with the current state."}},
        {"error.payload_too_large",
         {"请求正文过大（上限 {limit} 字节）。",
          "The request body is too large (limit {limit} bytes)."}},
        {"error.unsupported_media_type",
         {"请求正文必须是 application/json。", "The request body must be application/json."}},
        {"error.header_too_large", {"请求头过大。", "The request headers are too large."}},
        {"error.rate_limited",
         {"请求过于频繁，请稍后再试。", "Too many requests; try again later."}},
        {"error.internal",
         {"服务器内部错误，请稍后重试（请求编号 {request_id}）。",
          "Internal server error; please try again (request id {request_id})."}},
        {"error.unavailable", {"服务暂不可用。", "The service is unavailable."}},
        {"field.required", {"此项必填。", "This field is required."}},
        {"field.must_be_integer", {"必须是整数。", "Must be an integer."}},
        {"field.at_least", {"不能小于 {min}。", "Must be at least {min}."}},
        {"field.must_be_object", {"必须是 JSON 对象。", "Must be a JSON object."}},
        {"field.must_be_rfc3339",
         {"必须是 RFC 3339 时间，例如 2026-01-31T09:00:00+08:00。",
          "Must be an RFC 3339 time, e.g. 2026-01-31T09:00:00+08:00."}},
        {"field.out_of_range",
         {"必须在 {min} 到 {max} 之间。", "Must be between {min} and {max}."}},
        {"field.one_of_required",
         {"需要且只能提供 {names} 中的一项。", "Give exactly one of {names}."}},
        {"field.unknown", {"不认识的字段。", "Unknown field."}},
        {"field.too_long", {"不能超过 {max} 个字符。", "At most {max} characters."}},
        {"field.invalid_value", {"取值无效。", "Invalid value."}},
        {"search.no_terms",
         {"请输入至少一个可检索的字词。", "Enter at least one word or character to search for."}},
        {"field.invalid_phone",
         {"请输入 11 位中国大陆手机号。", "Enter an 11-digit mainland China mobile number."}},
        {"field.invalid_email", {"邮箱地址格式不正确。", "This is not a valid e-mail address."}},
        {"field.phone_or_email",
         {"请填写手机号或邮箱（其一）。", "Give a mobile number or an e-mail address (one)."}},
        {"field.password_too_short",
         {"密码至少 {min} 位。", "The password needs at least {min} characters."}},
        {"field.password_common",
         {"这个密码太常见，请换一个。", "This password is too common; choose another."}},
        {"field.password_classes",
         {"密码须包含大写字母、小写字母、数字、符号中的至少三类。",
          "Use at least three of: upper case, lower case, digits, symbols."}},
        {"field.password_reused",
         {"新密码不能与当前密码相同。", "The new password must differ from the current one."}},
        {"field.wrong_password", {"当前密码不正确。", "The current password is wrong."}},
        {"field.invalid_credit_code",
         {"统一社会信用代码应为 18 位且校验位正确。",
          "A unified social credit code has 18 characters with a valid check character."}},
        {"field.must_accept_privacy",
         {"请阅读并同意隐私声明。", "Read and accept the privacy notice."}},
        {"field.privacy_version_outdated",
         {"隐私声明已更新，请重新阅读。", "The privacy notice has changed; read it again."}},
        {"field.taken", {"已被使用。", "Already in use."}},
        {"field.unknown_role", {"没有这个角色：{role}。", "No such role: {role}."}},
        {"field.role_not_assignable",
         {"该角色不能在此分配：{role}。", "This role cannot be assigned here: {role}."}},
        {"field.separation_of_duties",
         {"系统管理员、安全管理员、审计员三类角色互斥，且不能兼任业务角色。",
          "The system, security and audit administrator roles exclude each other and any "
          "business role."}},
        {"field.unknown_unit", {"没有这个单位。", "No such unit."}},
        {"field.invalid_totp", {"动态码不正确。", "The code is not correct."}},
        {"field.audit_retention",
         {"审计记录须保留至少 180 天。", "Audit entries are kept for at least 180 days."}},
        {"intake.step_not_allowed",
         {"该意向当前的状态不允许这一步。",
          "This step is not possible in the intent's current state."}},
        {"intake.contact_time_out_of_range",
         {"联系时间不能早于提交时间，也不能晚于现在。",
          "The contact time must be after the intent was submitted and not in the future."}},
        {"intake.unit_already_assigned",
         {"该单位已在处理这个意向。", "That unit is already handling this intent."}},
        {"intake.nothing_to_contest",
         {"该事项没有逾期，或已在申诉、已免责。",
          "This item is not overdue, or is already contested or excused."}},
        {"intake.contest_decided", {"该申诉已有决定。", "This contest has been decided."}},
        {"consult.already_answered",
         {"该咨询已经答复。", "This consultation has already been answered."}},
        {"consult.not_answered",
         {"该咨询尚未答复，不能发布为常见问题。",
          "This consultation has not been answered yet, so it cannot be published as an FAQ."}},
        {"consult.already_published",
         {"该咨询已发布为常见问题。", "This consultation is already published as an FAQ."}},
        {"consult.not_public",
         {"重点项目的咨询不公开，不能发布为常见问题。",
          "Consultations about key projects are not public and cannot be published as an FAQ."}},
        {"consult.same_unit",
         {"该咨询已由这个单位负责。", "That unit is already responsible for this consultation."}},
        {"consult.triage_window_passed",
         {"已过转办时限，只有商务局可以转办。",
          "The time to pass this on has passed; only the commerce bureau can transfer it now."}},
        {"intake.attachment_type",
         {"只能上传 PDF 或图片（PNG、JPEG、WebP），以文件内容为准。",
          "Only PDF files or images (PNG, JPEG, WebP) are accepted, judged by their content."}},
        {"intake.too_many_attachments",
         {"每个意向最多 {max} 个附件。", "At most {max} attachments per intent."}},
        {"intake.not_a_claimant",
         {"只能在已认领的单位中选择牵头单位。",
          "Choose the lead among the units that claimed it."}},
        {"dispatch.round_already_open",
         {"已有一轮调度正在进行，请先结束它。",
          "A dispatch round is already open; close it first."}},
        {"dispatch.round_closed", {"这一轮调度已经结束。", "This dispatch round is closed."}},
        {"period.bad_format",
         {"期间应为年份（2026）、季度（2026-Q4）或月份（2026-11）。",
          "The period is a year (2026), a quarter (2026-Q4) or a month (2026-11)."}},
        {"ranking.bad_decimal",
         {"应为不小于 0 的小数（字符串，如 \"12.5\"），小数位数不超过规定。",
          "A non-negative decimal as a string (e.g. \"12.5\") with no more decimal places than "
          "allowed."}},
        {"ranking.unknown_metric", {"没有这个指标。", "No such metric."}},
        {"ranking.unit_in_two_leagues",
         {"该单位已在 {other} 中，每个单位只能属于一个组别。",
          "This unit is already listed at {other}; each unit belongs to exactly one league."}},
        {"ranking.unit_without_league",
         {"“{unit}”不在任何组别中，每个单位必须属于一个组别。",
          "\"{unit}\" is in no league; each unit belongs to exactly one league."}},
        {"ranking.config_changed",
         {"排名配置已被他人修改，请刷新后再改。",
          "Someone else changed the ranking configuration; reload it and edit again."}},
        {"ranking.already_published",
         {"该期间的排名已经公布；如需重新公布，请选择“替代原排名”。",
          "This period's ranking is already published; publish again with supersede to replace "
          "it."}},
        {"dispatch.instruction_answered",
         {"该批示已经反馈过了。", "This instruction has already been answered."}},
        {"supervision.step_out_of_order",
         {"督办单当前的状态不允许这一步。",
          "This step is not possible in the ticket's current state."}},
        {"project.not_cleared",
         {"只有获准查看保密信息的人员或承办单位成员可以查看或修改此保密项目的信息。",
          "Only people cleared for confidential projects, or members of the undertaking unit, "
          "may see or change this project's confidential values."}},
        {"project.code_name_for_confidential",
         {"保密项目需要填写代号。", "A confidential project needs a code name."}},
        {"project.video_url", {"必须是 https:// 开头的网址。", "Must be an https:// address."}},
        {"content.dates_order",
         {"日期顺序有误：发布日期 ≤ 生效日期 ≤ 失效日期。",
          "Dates out of order: issued ≤ effective ≤ expires."}},
        {"content.dimension_policies_only",
         {"只有政策设置维度。", "Only policies have a dimension."}},
        {"content.region_out_of_scope",
         {"只能在本单位所在区域或下级区域发布。",
          "Publish only in your unit's own region or below."}},
        {"content.price_decimal",
         {"价格必须是数字字符串（最多 4 位小数），例如 \"0.6512\"。",
          "The price must be a decimal string (at most 4 decimals), e.g. \"0.6512\"."}},
        {"content.phone_format",
         {"电话格式不正确，例如 0532-85911000。", "Not a phone number, e.g. 0532-85911000."}},
        {"content.faq_from_consultation",
         {"常见问题由咨询答复发布。", "FAQs are published from answered consultations."}},
        {"content.review_required",
         {"此类内容须经市商务局审核后发布，请提交审核。",
          "The bureau reviews this type before publication; submit it for review."}},
        {"content.edit_published",
         {"已发布的此类内容只能由有发布权限的人员修改。",
          "Only those who may publish this type may edit it once published."}},
        {"content.status_conflict",
         {"当前状态（{status}）下不能执行此操作。",
          "Not possible in the current status ({status})."}},
        {"park.code_format",
         {"编码为 2–40 位小写字母、数字或连字符。",
          "The code is 2–40 lowercase letters, digits or hyphens."}},
        {"park.code_taken", {"已有园区使用此编码。", "Another park has this code."}},
        {"park.degrees",
         {"必须是 -{max} 到 {max} 之间的十进制度数字符串，例如 \"36.0671\"。",
          "Must be decimal degrees between -{max} and {max} as a string, e.g. \"36.0671\"."}},
        {"park.hectares",
         {"必须是非负的数字字符串（公顷，最多 2 位小数），例如 \"180.5\"。",
          "Must be a non-negative decimal string (hectares, at most 2 decimals), e.g. \"180.5\"."}},
        {"park.available_exceeds_area",
         {"可用土地不能大于园区面积。", "Available land cannot exceed the park's area."}},
        {"routing.preferred", {"投资者选择了该地区。", "The investor chose this area."}},
        {"routing.industry_match",
         {"主导产业包含该产业链（第 {rank} 位）。",
          "Its leading industries include this chain (number {rank})."}},
        {"routing.large_investment",
         {"投资额约 {amount} 亿元，达到 5 亿元：同时告知。",
          "About {amount} hundred million yuan, at least 5: informed as well."}},
        {"routing.no_match",
         {"没有地区与之匹配：由市商务局人工分派。",
          "No area matches: the commerce bureau assigns it by hand."}},
        {"routing.foreign_capital",
         {"外资项目：同时告知国际投资促进服务台。",
          "Foreign capital: the international desk is informed as well."}},
        // Routing rules and the working calendar, as the bureau edits them in the console.
        {"field.must_be_number", {"必须是数字。", "Must be a number."}},
        {"field.min_score_unreachable",
         {"不能高于两项权重之和 {max}，否则任何地区都无法入选。",
          "At most {max}, the two weights together; otherwise no area could qualify."}},
        {"field.not_shorter_than",
         {"不能短于前一步（{other}）的时限。",
          "Must not be shorter than the earlier step ({other})."}},
        {"field.shorter_than",
         {"必须短于“{other}”的时限。", "Must be shorter than the {other} deadline."}},
        {"routing.rules_changed",
         {"分流规则已被他人修改（当前第 {version} 版），请刷新后再保存。",
          "The routing rules were changed meanwhile (now version {version}); reload and save "
          "again."}},
        {"field.must_be_date",
         {"必须是日期，格式 YYYY-MM-DD。", "Must be a date in the form YYYY-MM-DD."}},
        {"field.date_outside_year", {"日期不在 {year} 年内。", "The date is not in {year}."}},
        {"field.duplicate_date", {"日期重复。", "This date is listed twice."}},
        {"field.date_in_both_lists",
         {"同一天不能既是假日又是调休上班日。",
          "A day cannot be both a holiday and an adjusted working day."}},
        {"field.workday_not_weekend",
         {"调休上班日应是周六或周日。", "An adjusted working day falls on a Saturday or Sunday."}},
        {"field.holiday_on_weekend",
         {"这段假期全在周末，不会改变工作日；请检查日期。",
          "These holidays all fall on a weekend and change no working day; check the dates."}},
        {"meeting.not_pushed_to_unit",
         {"此会见未推送给您的单位。", "This meeting was not pushed to your unit."}},
        {"meeting.already_reported",
         {"您的单位已填报此会见。", "Your unit has already reported on this meeting."}},
        {"calendar.year_missing",
         {"{year} 年的节假日安排尚未录入：该年只按周末计算工作日。",
          "No holidays entered for {year}: working days there follow weekends only."}},
    };
    return entries;
}

double quality_of(std::string_view item) {
    const auto q = item.find(";q=");
    if (q == std::string_view::npos) {
        return 1.0;
    }
    double value = 0;
    const auto text = item.substr(q + 3);
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

bool starts_with_tag(std::string_view item, std::string_view tag) {
    if (item.size() < tag.size()) {
        return false;
    }
    for (std::size_t i = 0; i < tag.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(item[i])) != tag[i]) {
            return false;
        }
    }
    return item.size() == tag.size() || item[tag.size()] == '-' || item[tag.size()] == ';';
}

}  // namespace

language language_from_accept(std::string_view accept_language) {
    double best_zh = -1, best_en = -1;
    while (!accept_language.empty()) {
        const auto comma = accept_language.find(',');
        const auto item = trim(accept_language.substr(0, comma));
        accept_language = comma == std::string_view::npos ? std::string_view{}
                                                          : accept_language.substr(comma + 1);
        if (starts_with_tag(item, "en")) {
            best_en = std::max(best_en, quality_of(item));
        } else if (starts_with_tag(item, "zh")) {
            best_zh = std::max(best_zh, quality_of(item));
        }
    }
    return best_en > 0 && best_en > best_zh ? language::en : language::zh_cn;
}

std::string_view language_tag(language lang) {
    return lang == language::en ? "en" : "zh-CN";
}

bool has_message(std::string_view key) {
    return catalogue().contains(key);
}

std::string render(const message& msg, language lang) {
    const auto found = catalogue().find(msg.key);
    if (found == catalogue().end()) {
        return msg.key;
    }
    const std::string_view text = lang == language::en ? found->second.en : found->second.zh;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{') {
            const auto close = text.find('}', i);
            if (close != std::string_view::npos) {
                const auto arg = msg.args.find(std::string(text.substr(i + 1, close - i - 1)));
                if (arg != msg.args.end()) {
                    out += arg->second;
                    i = close;
                    continue;
                }
            }
        }
        out += text[i];
    }
    return out;
}

}  // namespace zhaoyin
