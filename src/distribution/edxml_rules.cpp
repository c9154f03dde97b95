#include "distribution/edxml_rules.h"

#include <climits>
#include <cstdio>
#include <tuple>
#include <set>

#include "core/iso_date.h"
#include "distribution/organ_id.h"
#include "text/unicode.h"

namespace vanthu::distribution::edxml {

// ---------------------------------------------------------------- dates --------------------------

DateTime ictOf(std::chrono::sys_seconds t) {
    using namespace std::chrono;
    const auto local = t + hours{7};  // ICT, no daylight saving
    const auto day = floor<days>(local);
    const year_month_day ymd{day};
    const hh_mm_ss hms{local - day};
    return {{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))},
            int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count())};
}

std::string formatDate(const model::Date& d) { return formatIsoDate(d, '/'); }

std::string formatDateTime(const DateTime& t) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", t.hour, t.minute, t.second);
    return formatDate(t.date) + buf;
}

namespace {
bool digits(std::string_view s, std::size_t from, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}
}  // namespace

std::optional<model::Date> parseDate(std::string_view s) { return parseIsoDate(s, '/'); }

std::optional<DateTime> parseDateTime(std::string_view s) {
    if (s.size() != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':') return std::nullopt;
    const auto d = parseDate(s.substr(0, 10));
    if (!d) return std::nullopt;
    DateTime t{*d};
    if (!digits(s, 11, 2, t.hour) || !digits(s, 14, 2, t.minute) || !digits(s, 17, 2, t.second)) return std::nullopt;
    if (t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
    return t;
}

std::string compositeDocumentId(std::string_view fromOrganId, const model::Date& date, const Code& code) {
    return std::string(fromOrganId) + "," + formatDate(date) + "," + code.text();
}

const StatusCodeInfo* statusCodeInfo(std::string_view code) {
    static constexpr StatusCodeInfo kCodes[] = {
        {"01", "Đã đến", "received by the system, not yet handled by the records office"},
        {"02", "Từ chối tiếp nhận", "refused"},
        {"03", "Đã tiếp nhận", "accepted and registered"},
        {"04", "Phân công", "assigned for handling"},
        {"05", "Đang xử lý", "being handled"},
        {"06", "Hoàn thành", "handling finished"},
        {"13", "Lấy lại", "the sender takes the document back"},
        {"15", "Đồng ý lấy lại / cập nhật / thu hồi", "take-back, update or revocation agreed"},
        {"16", "Từ chối lấy lại / cập nhật / thu hồi", "take-back, update or revocation refused"},
    };
    for (const auto& c : kCodes)
        if (c.code == code) return &c;
    return nullptr;
}

namespace detail {

std::string indexed(std::string_view name, std::size_t index0, std::size_t count) {
    std::string s(name);
    if (count > 1) s += "[" + std::to_string(index0 + 1) + "]";
    return s;
}

model::SourcePos Checker::locate(const std::string& path) const {
    // The element itself, else the closest ancestor the reader saw.
    for (std::string p = path; !p.empty(); p = p.substr(0, p.rfind('/'))) {
        if (const auto it = where.find(p); it != where.end()) {
            auto pos = it->second;
            if (p != path) pos.field = path;
            return pos;
        }
        if (p.rfind('/') == std::string::npos || p.rfind('/') == 0) break;
    }
    return {path, 0, 0};
}

void Checker::error(const std::string& path, std::string vi, std::string en, Errc code) {
    const auto pos = locate(path);
    errors.push_back({code, std::move(vi), std::move(en), pos.field, pos.line, pos.column});
}

void Checker::warn(const std::string& path, std::string vi, std::string en) {
    const auto pos = locate(path);
    warnings.push_back(Warning::at(pos, std::move(vi), std::move(en)));
}

void checkOrganId(Checker& c, const std::string& path, const std::string& id, OrganIdRole role) {
    if (id.empty()) {
        c.error(path, "Mã định danh (OrganId) rỗng", "The organisation id (OrganId) is empty");
        return;
    }
    if (isStrictOrganId(id)) return;
    // An answer names the document it answers by its sender's own id: echoing an id we accepted
    // on input is not emitting one of ours.
    if (c.mode() == Mode::Emit && role == OrganIdRole::Echo && isAcceptableOrganId(id)) return;
    if (c.mode() == Mode::Emit) {
        c.error(path, "Mã định danh '" + id + "' không đúng dạng QCVN 102:2016 (000.00.00.G12); không được gửi đi",
                "The organisation id '" + id + "' is not in the QCVN 102:2016 form (000.00.00.G12); we do not emit it");
    } else if (isAcceptableOrganId(id)) {
        c.warn(path, "Mã định danh '" + id + "' không đúng dạng QCVN 102:2016 (000.00.00.G12); vẫn chấp nhận",
               "The organisation id '" + id + "' is not in the QCVN 102:2016 form (000.00.00.G12); accepted anyway");
    } else {
        c.error(path, "Mã định danh '" + id + "' không hợp lệ (rỗng, có khoảng trắng hoặc quá 4 cấp)",
                "The organisation id '" + id + "' is not valid (empty, white space or more than 4 levels)");
    }
}

namespace {

void range(Checker& c, const std::string& path, long long v, long long lo, long long hi, std::string_view name) {
    if (v >= lo && v <= hi) return;
    c.error(path, std::string(name) + " = " + std::to_string(v) + " nằm ngoài khoảng " + std::to_string(lo) + "–" + std::to_string(hi),
            std::string(name) + " = " + std::to_string(v) + " is outside " + std::to_string(lo) + "–" + std::to_string(hi));
}

void notFuture(Checker& c, const std::string& path, const model::Date& d, const std::optional<std::chrono::sys_seconds>& now) {
    if (!now) return;
    const auto today = ictOf(*now).date;
    if (std::tie(d.year, d.month, d.day) > std::tie(today.year, today.month, today.day))
        c.error(path, "Ngày ban hành " + formatDate(d) + " sau ngày hôm nay (" + formatDate(today) + ", giờ Việt Nam)",
                "The promulgation date " + formatDate(d) + " is after today (" + formatDate(today) + ", ICT)");
}

void organization(Checker& c, const std::string& path, const Organization& o) {
    checkOrganId(c, path + "/OrganId", o.organId);
    if (o.organName.empty()) c.error(path + "/OrganName", "Thiếu tên cơ quan (OrganName)", "The organisation name (OrganName) is missing");
}

}  // namespace

void checkEdoc(const Edoc& e, const std::optional<std::chrono::sys_seconds>& now, Checker& c) {
    const auto& mh = kMessagePath;
    organization(c, mh + "/From", e.from);
    if (e.to.empty()) c.error(mh, "Gói tin phải có ít nhất một nơi nhận (To)", "The package needs at least one recipient (To)");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < e.to.size(); ++i) {
        const auto path = mh + "/" + indexed("To", i, e.to.size());
        organization(c, path, e.to[i]);
        if (!e.to[i].organId.empty() && !seen.insert(e.to[i].organId).second)
            c.error(path + "/OrganId", "Nơi nhận '" + e.to[i].organId + "' bị lặp", "The recipient '" + e.to[i].organId + "' is listed twice");
    }
    if (e.code.number.empty()) c.error(mh + "/Code/CodeNumber", "Thiếu số văn bản (CodeNumber)", "The document number (CodeNumber) is missing");
    if (e.code.notation.empty())
        c.error(mh + "/Code/CodeNotation", "Thiếu ký hiệu văn bản (CodeNotation)", "The document notation (CodeNotation) is missing");
    if (!model::isValidDate(e.promulgationDate)) {
        if (c.mode() == Mode::Emit)  // the reader reports its own date errors, located
            c.error(mh + "/PromulgationInfo/PromulgationDate", "Ngày ban hành không hợp lệ", "The promulgation date is not a valid date");
    } else {
        notFuture(c, mh + "/PromulgationInfo/PromulgationDate", e.promulgationDate, now);
    }
    if (e.documentId.empty()) {
        c.error(mh + "/DocumentId", "Thiếu DocumentId", "The DocumentId is missing");
    } else if (c.mode() == Mode::Emit && model::isValidDate(e.promulgationDate)) {
        const auto expected = compositeDocumentId(e.from.organId, e.promulgationDate, e.code);
        if (e.documentId != expected)
            c.error(mh + "/DocumentId", "DocumentId phải là '" + expected + "'", "The DocumentId must be '" + expected + "'");
    }
    if (e.typeName.empty()) c.error(mh + "/DocumentType/TypeName", "Thiếu tên loại văn bản (TypeName)", "The type name (TypeName) is missing");
    if (e.subject.empty()) c.error(mh + "/Subject", "Thiếu trích yếu (Subject)", "The subject (Subject) is missing");
    if (text::codePointCount(e.subject) > 500)
        c.error(mh + "/Subject", "Trích yếu dài quá 500 ký tự", "The subject is longer than 500 characters");
    if (text::codePointCount(e.content) > 500)
        c.error(mh + "/Content", "Nội dung tóm tắt dài quá 500 ký tự", "The content summary is longer than 500 characters");
    range(c, mh + "/OtherInfo/Priority", e.other.priority, 0, 4, "Priority");
    range(c, mh + "/OtherInfo/PromulgationAmount", e.other.promulgationAmount, 0, LLONG_MAX, "PromulgationAmount");
    range(c, mh + "/OtherInfo/PageAmount", e.other.pageAmount, 0, LLONG_MAX, "PageAmount");
    range(c, mh + "/SteeringType", e.steeringType, 0, 2, "SteeringType");
    for (std::size_t i = 0; i < e.responseFor.size(); ++i)
        if (e.responseFor[i].documentId.empty() && e.responseFor[i].code.empty())
            c.error(mh + "/" + indexed("ResponseFor", i, e.responseFor.size()), "ResponseFor thiếu cả DocumentId lẫn Code",
                    "ResponseFor has neither DocumentId nor Code");

    if (e.traces.empty())
        c.error(kTracePath, "Gói tin phải có ít nhất một TraceHeader", "The package needs at least one TraceHeader");
    for (std::size_t i = 0; i < e.traces.size(); ++i)
        checkOrganId(c, kTracePath + "/" + indexed("TraceHeader", i, e.traces.size()) + "/OrganId", e.traces[i].organId);
    range(c, kTracePath + "/Bussiness/BussinessDocType", e.business.docType, 0, 3, "BussinessDocType");
    range(c, kTracePath + "/Bussiness/Paper", e.business.paper, 0, 1, "Paper");

    std::set<std::string> ids;
    for (std::size_t i = 0; i < e.attachments.size(); ++i) {
        const auto& a = e.attachments[i];
        const auto path = kAttachmentsPath + "/" + indexed("Attachment", i, e.attachments.size());
        if (a.name.empty()) c.error(path + "/AttachmentName", "Tệp đính kèm thiếu tên (AttachmentName)", "An attachment has no name (AttachmentName)");
        if (a.contentId.empty()) c.error(path + "/ContentId", "Tệp đính kèm thiếu ContentId", "An attachment has no ContentId");
        else if (!ids.insert(a.contentId).second)
            c.error(path + "/ContentId", "ContentId '" + a.contentId + "' bị lặp", "The ContentId '" + a.contentId + "' is used twice");
    }
}

void checkStatus(const Status& s, const std::optional<std::chrono::sys_seconds>& now, Checker& c) {
    (void)now;
    const auto& mh = kMessagePath;
    checkOrganId(c, mh + "/From/OrganId", s.from.organId);
    checkOrganId(c, mh + "/ResponseFor/OrganId", s.responseFor.organId, OrganIdRole::Echo);
    if (s.responseFor.code.empty())
        c.error(mh + "/ResponseFor/Code", "Thiếu số ký hiệu của văn bản được phản hồi (ResponseFor/Code)",
                "The code of the document answered (ResponseFor/Code) is missing");
    if (s.responseFor.documentId.empty())
        c.error(mh + "/ResponseFor/DocumentId", "Thiếu DocumentId của văn bản được phản hồi",
                "The DocumentId of the document answered (ResponseFor/DocumentId) is missing");
    const auto* info = statusCodeInfo(s.statusCode);
    if (info == nullptr) {
        c.error(mh + "/StatusCode", "Mã trạng thái '" + s.statusCode + "' không thuộc 01–06, 13, 15, 16",
                "The status code '" + s.statusCode + "' is not one of 01–06, 13, 15, 16");
    } else {
        if ((s.statusCode == "02" || s.statusCode == "16") && s.description.empty())
            c.error(mh + "/Description", "Trạng thái " + s.statusCode + " phải ghi lý do (Description)",
                    "Status " + s.statusCode + " needs a reason (Description)");
        if (s.statusCode == "13" && s.from.organId != s.responseFor.organId)
            c.error(mh + "/StatusCode", "Chỉ cơ quan đã gửi văn bản mới được lấy lại (13): From phải là ResponseFor/OrganId",
                    "Only the original sender may take a document back (13): From must be ResponseFor/OrganId");
    }
    if (c.mode() == Mode::Emit && !model::isValidDate(s.timestamp.date))
        c.error(mh + "/Timestamp", "Thời điểm (Timestamp) không hợp lệ", "The Timestamp is not valid");
}

}  // namespace detail
}  // namespace vanthu::distribution::edxml
