// distribution/edxml.h: edXML packages of QCVN 102:2016 (shared/reference/edxml.md §2–§5, §9):
// the edoc package that carries a document and its files, and the status package (01–06, 13,
// 15, 16) that reports what a recipient did with it.
//
// Writing: check the rules for what we emit (strict organIds, DocumentId composite, code lists,
// dates not in the future), then serialise in the element order of the VPCP sample, every element
// present (empty when unknown), prefixes as edxml.md §2 shows. Same package, same bytes.
//
// Reading untrusted bytes: size cap → safe parse (no DOCTYPE, no entities, no network) → root
// namespace by URI (never by prefix) → schemas/edxml.xsd → the §9 rules in code → the model.
// Children are looked up by name, so their order is free (§9 rule 12). Every error is located
// (field path, line, column) and bilingual; warnings (non-strict received organIds, duplicate
// names) do not fail the read.
//
// Thread-safe: no shared mutable state (the compiled schema is shared read-only).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "core/warning.h"
#include "model/document.h"

namespace vanthu::distribution::edxml {

constexpr std::string_view kNamespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
// Base64 grows files by 4/3; [PVN] caps attachments at 50 MB.
constexpr std::size_t kDefaultMaxPackageBytes = 72 * 1024 * 1024;

struct DateTime {  // "yyyy/MM/dd HH:mm:ss", ICT (UTC+7), no zone written
    model::Date date;
    int hour = 0, minute = 0, second = 0;
    bool operator==(const DateTime&) const = default;
};
// The ICT wall-clock time of an instant.
DateTime ictOf(std::chrono::sys_seconds t);
std::string formatDate(const model::Date& d);    // "2018/05/08"
std::string formatDateTime(const DateTime& t);   // "2018/05/08 16:30:00"
std::optional<model::Date> parseDate(std::string_view s);        // strict yyyy/MM/dd, real calendar day
std::optional<DateTime> parseDateTime(std::string_view s);       // strict yyyy/MM/dd HH:mm:ss

struct Organization {
    std::string organId, organizationInCharge, organName, organAdd, email, telephone, fax, website;
    bool operator==(const Organization&) const = default;
};

struct Code {
    std::string number;    // CodeNumber: "1020" (số)
    std::string notation;  // CodeNotation: "QĐ-BTP" (ký hiệu)
    std::string text() const { return number + "/" + notation; }  // số ký hiệu, §9 rule 5
    bool operator==(const Code&) const = default;
};

struct SignerInfo {
    std::string competence;  // "KT. BỘ TRƯỞNG"; "" when the head signs in person
    std::string position;
    std::string fullName;
    bool operator==(const SignerInfo&) const = default;
};

struct OtherInfo {
    int priority = 0;  // 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ
    std::string sphereOfPromulgation;
    std::string typerNotation;  // ký hiệu người đánh máy (ô 12)
    long long promulgationAmount = 0;
    long long pageAmount = 0;
    std::optional<bool> direction;
    std::vector<std::string> appendixes;
    bool operator==(const OtherInfo&) const = default;
};

struct ResponseFor {
    std::string organId;                   // the original sender
    std::string code;                      // "1020/QĐ-BTP"
    std::optional<model::Date> promulgationDate;
    std::string documentId;
    bool operator==(const ResponseFor&) const = default;
};

struct StaffInfo {
    std::string department, staff, mobile, email;
    bool operator==(const StaffInfo&) const = default;
};

struct TraceHeader {
    std::string organId;
    DateTime timestamp;
    bool operator==(const TraceHeader&) const = default;
};

struct Business {  // TraceHeaderList/Bussiness (sic)
    int docType = 0;         // 0 new, 1 revoke, 2 update, 3 replace
    std::string documentId;  // the target document of a revoke/update/replace
    std::string reason;
    int paper = 0;           // 1 = a paper copy is also sent
    StaffInfo staff;
    bool operator==(const Business&) const = default;
};

// One attached file. Bytes are opaque (the rendered DOCX, later the PDF).
struct Attachment {
    std::string contentId;    // without "cid:" (written as "cid:<id>" in both places)
    std::string name;         // AttachmentName
    std::string description;  // "" = the name
    std::string mime;         // ContentType
    std::string bytes;
    bool operator==(const Attachment&) const = default;
};

struct Edoc {
    Organization from;
    std::vector<Organization> to;
    std::string documentId;  // ours: "<From.OrganId>,<yyyy/MM/dd>,<số ký hiệu>"
    Code code;
    std::string place;
    model::Date promulgationDate;
    int type = 1, typeDetail = 0;
    std::string typeName;  // "Quyết định"
    std::string subject, content;
    SignerInfo signer;
    std::optional<model::Date> dueDate;
    OtherInfo other;
    std::vector<ResponseFor> responseFor;
    int steeringType = 0;  // 0 not a directive, 1 directive, 2 report on a directive
    std::vector<std::string> toPlaces;  // the Nơi nhận lines as printed
    std::vector<TraceHeader> traces;
    Business business;
    std::vector<Attachment> attachments;
    bool operator==(const Edoc&) const = default;
};

struct Status {
    Organization from;  // who reports
    ResponseFor responseFor;
    StaffInfo staff;
    std::string statusCode;  // "01"…"06", "13", "15", "16"
    std::string description;
    DateTime timestamp;
    bool operator==(const Status&) const = default;
};

// What each code means (edxml.md §5), bilingual; nullptr for a code not in the set.
struct StatusCodeInfo {
    std::string_view code, vi, en;
};
const StatusCodeInfo* statusCodeInfo(std::string_view code);

// The DocumentId we build (§9 rule 7): "000.00.00.G12,2018/05/08,1020/QĐ-BTP".
std::string compositeDocumentId(std::string_view fromOrganId, const model::Date& date, const Code& code);

struct WriteOptions {
    // The instant "today" is taken from (ICT) for the PromulgationDate check; nullopt = no check.
    std::optional<std::chrono::sys_seconds> now;
};
// Errors: Errc::RuleViolation, field = the element path ("/edXML/edXMLEnvelope/…/To[2]/OrganId").
Result<std::string> writeEdoc(const Edoc& edoc, const WriteOptions& options = {});
Result<std::string> writeStatus(const Status& status, const WriteOptions& options = {});

struct ReadOptions {
    std::size_t maxBytes = kDefaultMaxPackageBytes;
    std::optional<std::chrono::sys_seconds> now;  // PromulgationDate not after today (ICT); nullopt = no check
    std::filesystem::path schema;                 // "" = dataDir()/schemas/edxml.xsd (compiled once, cached)
};

template <class T>
struct ReadOutcome {
    T package;
    Warnings warnings;
};

enum class MessageType { Edoc, Status };

// Reads either kind: a MessageHeader (or Status) holding StatusCode is a status.
Result<ReadOutcome<std::variant<Edoc, Status>>> readPackage(std::string_view bytes, const ReadOptions& options = {});
// The same, requiring the kind (wrong kind: Errc::InvalidInput at the MessageHeader).
Result<ReadOutcome<Edoc>> readEdoc(std::string_view bytes, const ReadOptions& options = {});
Result<ReadOutcome<Status>> readStatus(std::string_view bytes, const ReadOptions& options = {});

}  // namespace vanthu::distribution::edxml
