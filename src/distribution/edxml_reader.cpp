// Reading untrusted edXML packages (edxml.md §2–§5, §9). Children are looked up by local name
// and namespace URI, never by prefix and never by position.
#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <mutex>
#include <set>

#include "core/digest.h"
#include "core/files.h"
#include "core/strings.h"
#include "distribution/edxml.h"
#include "distribution/edxml_rules.h"
#include "distribution/located.h"
#include "distribution/zip_entry.h"
#include "text/unicode.h"
#include "xml/schema.h"

namespace vanthu::distribution::edxml {
namespace {

using detail::Checker;
using detail::indexed;

std::shared_ptr<const xml::Schema> schemaFor(const std::filesystem::path& given) {
    static std::mutex mutex;
    static std::map<std::filesystem::path, std::shared_ptr<const xml::Schema>> cache;
    const auto path = given.empty() ? dataDir() / "schemas" / "edxml.xsd" : given;
    std::lock_guard lock(mutex);
    auto& slot = cache[path];
    if (!slot) slot = xml::Schema::load(path);
    return slot;
}

std::string stripCid(std::string s) {
    if (s.size() >= 4 && (s.compare(0, 4, "cid:") == 0 || s.compare(0, 4, "CID:") == 0)) s.erase(0, 4);
    return s;
}

bool endsWithZip(std::string_view name) {
    if (name.size() < 4) return false;
    return lowerAscii(name.substr(name.size() - 4)) == ".zip";
}

std::string mimeOfName(std::string_view name) {
    const auto dot = name.rfind('.');
    const std::string ext = dot == std::string_view::npos ? "" : lowerAscii(name.substr(dot + 1));
    if (ext == "pdf") return "application/pdf";
    if (ext == "doc") return "application/msword";
    if (ext == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (ext == "xls") return "application/vnd.ms-excel";
    if (ext == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return "application/octet-stream";
}

// Walks one parsed package, filling the model and the Checker (errors + where each element is).
class Reader {
public:
    Reader(const xml::Document& doc, const ReadOptions& options)
        : doc_(doc), options_(options), check_(detail::Mode::Accept), unzipBudget_(options.maxBytes) {}

    Checker& check() { return check_; }

    // The one child `name` (in the QCVN namespace) of `parent`, noting where it is under
    // `path` + "/" + name. Several: an error (at the second). Absent and required: an error.
    xml::Node one(xml::Node parent, std::string_view name, const std::string& parentPath, bool required = false) {
        const auto path = parentPath + "/" + std::string(name);
        xml::Node first;
        int count = 0;
        for (const auto& n : children(parent, name)) {
            if (++count == 1) {
                first = n;
                note(path, n);
            } else if (count == 2) {
                errors().push_back(Error::rule(distribution::detail::posOf(doc_, n),
                                               "Phần tử " + std::string(name) + " chỉ được xuất hiện một lần",
                                               "The element " + std::string(name) + " may appear only once"));
            }
        }
        if (!first && required && parent) reported_.insert(path);
        if (!first && required && parent)
            errors().push_back(Error::rule(where(parentPath, parent), "Thiếu phần tử bắt buộc " + std::string(name),
                                           "The required element " + std::string(name) + " is missing"));
        return first;
    }

    std::vector<xml::Node> children(xml::Node parent, std::string_view name) const {
        std::vector<xml::Node> out;
        if (!parent) return out;
        for (const auto& n : parent.elements(name))
            if (n.namespaceUri() == kNamespace) out.push_back(n);
        return out;
    }

    void note(const std::string& path, xml::Node n) { check_.where[path] = distribution::detail::posOf(doc_, n); }

    std::string value(xml::Node n) const { return n ? text::nfc(trimAscii(n.text())) : std::string(); }
    std::string value(xml::Node parent, std::string_view name, const std::string& parentPath) {
        return value(one(parent, name, parentPath));
    }

    long long integer(xml::Node parent, std::string_view name, const std::string& parentPath, long long fallback) {
        const auto n = one(parent, name, parentPath);
        const auto v = value(n);
        if (v.empty()) return fallback;
        long long out = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
        if (ec != std::errc{} || end != v.data() + v.size()) {
            reported_.insert(parentPath + "/" + std::string(name));
            errors().push_back(Error::rule(distribution::detail::posOf(doc_, n),
                                           std::string(name) + " phải là số nguyên, không phải '" + v + "'",
                                           std::string(name) + " must be an integer, not '" + v + "'"));
            return fallback;
        }
        return out;
    }

    std::optional<model::Date> date(xml::Node parent, std::string_view name, const std::string& parentPath, bool required) {
        const auto n = one(parent, name, parentPath, required);
        const auto v = value(n);
        if (v.empty()) {
            if (required && n)
                errors().push_back(Error::rule(distribution::detail::posOf(doc_, n), std::string(name) + " rỗng",
                                               std::string(name) + " is empty"));
            return std::nullopt;
        }
        const auto d = parseDate(v);
        if (!d) reported_.insert(parentPath + "/" + std::string(name));
        if (!d)
            errors().push_back(Error::rule(distribution::detail::posOf(doc_, n),
                                           std::string(name) + " '" + v + "' không phải ngày hợp lệ dạng yyyy/MM/dd",
                                           std::string(name) + " '" + v + "' is not a valid yyyy/MM/dd date"));
        return d;
    }

    DateTime timestamp(xml::Node parent, const std::string& parentPath) {
        const auto n = one(parent, "Timestamp", parentPath, true);
        const auto v = value(n);
        const auto t = parseDateTime(v);
        if (!t) reported_.insert(parentPath + "/Timestamp");
        if (!t && n)
            errors().push_back(Error::rule(distribution::detail::posOf(doc_, n),
                                           "Timestamp '" + v + "' không đúng dạng yyyy/MM/dd HH:mm:ss",
                                           "The Timestamp '" + v + "' is not a valid yyyy/MM/dd HH:mm:ss"));
        return t.value_or(DateTime{});
    }

    Organization organization(xml::Node n, const std::string& path) {
        Organization o;
        o.organId = value(n, "OrganId", path);
        o.organizationInCharge = value(n, "OrganizationInCharge", path);
        o.organName = value(n, "OrganName", path);
        o.organAdd = value(n, "OrganAdd", path);
        o.email = value(n, "Email", path);
        o.telephone = value(n, "Telephone", path);
        o.fax = value(n, "Fax", path);
        o.website = value(n, "Website", path);
        return o;
    }

    StaffInfo staff(xml::Node n, const std::string& path) {
        StaffInfo s;
        s.department = value(n, "Department", path);
        s.staff = value(n, "Staff", path);
        s.mobile = value(n, "Mobile", path);
        s.email = value(n, "Email", path);
        return s;
    }

    ResponseFor responseFor(xml::Node n, const std::string& path) {
        ResponseFor r;
        r.organId = value(n, "OrganId", path);
        r.code = value(n, "Code", path);
        r.promulgationDate = date(n, "PromulgationDate", path, false);
        r.documentId = value(n, "DocumentId", path);
        return r;
    }

    Edoc edoc(xml::Node root, xml::Node envelope, xml::Node header, xml::Node mh) {
        Edoc e;
        const auto& mp = detail::kMessagePath;
        e.from = organization(one(mh, "From", mp, true), mp + "/From");
        const auto tos = children(mh, "To");
        for (std::size_t i = 0; i < tos.size(); ++i) {
            const auto path = mp + "/" + indexed("To", i, tos.size());
            note(path, tos[i]);
            e.to.push_back(organization(tos[i], path));
        }
        e.documentId = value(one(mh, "DocumentId", mp, true));
        const auto code = one(mh, "Code", mp, true);
        e.code.number = value(code, "CodeNumber", mp + "/Code");
        e.code.notation = value(code, "CodeNotation", mp + "/Code");
        const auto info = one(mh, "PromulgationInfo", mp, true);
        e.place = value(info, "Place", mp + "/PromulgationInfo");
        if (info) e.promulgationDate = date(info, "PromulgationDate", mp + "/PromulgationInfo", true).value_or(model::Date{});
        const auto type = one(mh, "DocumentType", mp, true);
        e.type = static_cast<int>(integer(type, "Type", mp + "/DocumentType", 1));
        e.typeDetail = static_cast<int>(integer(type, "TypeDetail", mp + "/DocumentType", 0));
        e.typeName = value(type, "TypeName", mp + "/DocumentType");
        e.subject = value(one(mh, "Subject", mp, true));
        e.content = value(mh, "Content", mp);
        const auto signer = one(mh, "SignerInfo", mp);
        e.signer = {value(signer, "Competence", mp + "/SignerInfo"), value(signer, "Position", mp + "/SignerInfo"),
                    value(signer, "FullName", mp + "/SignerInfo")};
        e.dueDate = date(mh, "DueDate", mp, false);
        const auto other = one(mh, "OtherInfo", mp);
        const auto op = mp + "/OtherInfo";
        e.other.priority = static_cast<int>(integer(other, "Priority", op, 0));
        e.other.sphereOfPromulgation = value(other, "SphereOfPromulgation", op);
        e.other.typerNotation = value(other, "TyperNotation", op);
        e.other.promulgationAmount = integer(other, "PromulgationAmount", op, 0);
        e.other.pageAmount = integer(other, "PageAmount", op, 0);
        if (const auto dir = value(other, "Direction", op); !dir.empty()) e.other.direction = dir == "true" || dir == "1";
        for (const auto& a : children(one(other, "Appendixes", op), "Appendix")) e.other.appendixes.push_back(value(a));
        const auto responses = children(mh, "ResponseFor");
        for (std::size_t i = 0; i < responses.size(); ++i) {
            const auto path = mp + "/" + indexed("ResponseFor", i, responses.size());
            note(path, responses[i]);
            e.responseFor.push_back(responseFor(responses[i], path));
        }
        e.steeringType = static_cast<int>(integer(mh, "SteeringType", mp, 0));
        for (const auto& p : children(one(mh, "ToPlaces", mp), "Place")) e.toPlaces.push_back(value(p));

        const auto& tp = detail::kTracePath;
        const auto traces = one(header, "TraceHeaderList", detail::kHeaderPath, true);
        const auto th = children(traces, "TraceHeader");
        for (std::size_t i = 0; i < th.size(); ++i) {
            const auto path = tp + "/" + indexed("TraceHeader", i, th.size());
            note(path, th[i]);
            e.traces.push_back({value(th[i], "OrganId", path), timestamp(th[i], path)});
        }
        if (const auto b = one(traces, "Bussiness", tp)) {
            const auto bp = tp + "/Bussiness";
            e.business.documentId = value(b, "DocumentId", bp);
            e.business.docType = static_cast<int>(integer(b, "BussinessDocType", bp, 0));
            e.business.reason = value(b, "BussinessDocReason", bp);
            e.business.paper = static_cast<int>(integer(b, "Paper", bp, 0));
            e.business.staff = staff(one(b, "StaffInfo", bp), bp + "/StaffInfo");
        }

        const auto body = one(envelope, "edXMLBody", "/edXML/edXMLEnvelope", true);
        const auto manifest = one(body, "edXMLManifest", "/edXML/edXMLEnvelope/edXMLBody", true);
        attachments(root, manifest, e);
        return e;
    }

    struct ManifestRef {
        xml::Node node;
        bool used = false;
    };

    // The manifest's References by ContentId without "cid:"; empty and repeated ids are errors.
    std::map<std::string, ManifestRef> manifestReferences(xml::Node manifest) {
        std::map<std::string, ManifestRef> refs;
        for (const auto& r : children(manifest, "Reference")) {
            const auto id = stripCid(value(r, "ContentId", detail::kManifestPath + "/Reference"));
            if (id.empty()) {
                errors().push_back(Error::rule(distribution::detail::posOf(doc_, r), "Reference thiếu ContentId",
                                               "A Reference has no ContentId"));
                continue;
            }
            if (!refs.emplace(id, ManifestRef{r}).second)
                errors().push_back(Error::rule(distribution::detail::posOf(doc_, r),
                                               "ContentId '" + id + "' lặp trong edXMLManifest",
                                               "The ContentId '" + id + "' appears twice in edXMLManifest"));
        }
        return refs;
    }

    // Manifest References and Attachments pair one-to-one on ContentId without "cid:" (§9 rule 10).
    void attachments(xml::Node root, xml::Node manifest, Edoc& e) {
        auto refs = manifestReferences(manifest);
        const auto encoded = one(root, "AttachmentEncoded", "/edXML");
        const auto list = children(encoded, "Attachment");
        std::map<std::string, bool> seen;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto& n = list[i];
            const auto path = detail::kAttachmentsPath + "/" + indexed("Attachment", i, list.size());
            note(path, n);
            const auto id = stripCid(value(n, "ContentId", path));
            const auto it = refs.find(id);
            if (it == refs.end()) {
                errors().push_back(Error::rule(
                    distribution::detail::posOf(doc_, n),
                    "Tệp đính kèm có ContentId '" + id + "' không có Reference tương ứng trong edXMLManifest",
                    "The attachment with ContentId '" + id + "' has no matching Reference in edXMLManifest"));
                continue;
            }
            if (seen[id]) {
                errors().push_back(Error::rule(
                    distribution::detail::posOf(doc_, n), "ContentId '" + id + "' lặp trong AttachmentEncoded",
                    "The ContentId '" + id + "' appears twice in AttachmentEncoded"));
                continue;
            }
            seen[id] = true;
            it->second.used = true;
            if (auto a = attachment(n, it->second.node, path)) {
                a->contentId = id;
                e.attachments.push_back(std::move(*a));
            }
        }
        for (const auto& [id, ref] : refs)
            if (!ref.used)
                errors().push_back(Error::rule(
                    distribution::detail::posOf(doc_, ref.node),
                    "Reference có ContentId '" + id + "' không có tệp đính kèm tương ứng trong AttachmentEncoded",
                    "The Reference with ContentId '" + id + "' has no matching Attachment in AttachmentEncoded"));
    }

    // One Attachment: its names from itself or its Reference, its bytes decoded (and unzipped
    // when it travels zipped); nothing when the bytes are broken (the error is recorded).
    std::optional<Attachment> attachment(xml::Node n, xml::Node ref, const std::string& path) {
        Attachment a;
        const std::string rp = detail::kManifestPath + "/Reference";
        a.name = value(n, "AttachmentName", path);
        if (a.name.empty()) a.name = value(ref, "AttachmentName", rp);
        a.description = value(n, "Description", path);
        if (a.description.empty()) a.description = value(ref, "Description", rp);
        a.mime = value(n, "ContentType", path);
        if (a.mime.empty()) a.mime = value(ref, "ContentType", rp);
        const auto payload = one(n, "ContentTransferEncoded", path, true);
        Base64Error bad{};
        auto bytes = base64Decode(payload ? payload.text() : "", &bad);
        if (!bytes) {
            errors().push_back(Error::invalidInput(distribution::detail::posOf(doc_, payload),
                                                   "Nội dung base64 của tệp '" + a.name + "' hỏng (byte " +
                                                       std::to_string(bad.offset) + " của phần tử)",
                                                   "The base64 content of '" + a.name + "' is invalid: " + bad.reason +
                                                       " (byte " + std::to_string(bad.offset) + " of the element)"));
            return std::nullopt;
        }
        if (a.mime == "application/zip" && !endsWithZip(a.name)) {  // §4: the file travels zipped
            std::string why;
            // One budget for the whole package, so many small zips cannot inflate without bound.
            auto inner = distribution::detail::firstZipEntry(*bytes, unzipBudget_, &why);
            if (!inner) {
                errors().push_back(Error::invalidInput(distribution::detail::posOf(doc_, payload),
                                                       "Không giải nén được tệp '" + a.name + "': " + why,
                                                       "Cannot unzip '" + a.name + "': " + why));
                return std::nullopt;
            }
            unzipBudget_ -= inner->size();
            bytes = std::move(inner);
            a.mime = mimeOfName(a.name);
        }
        a.bytes = std::move(*bytes);
        if (a.description == a.name) a.description.clear();
        return a;
    }

    Status status(xml::Node mh) {
        Status s;
        const auto& mp = detail::kMessagePath;
        s.from = organization(one(mh, "From", mp, true), mp + "/From");
        s.responseFor = responseFor(one(mh, "ResponseFor", mp, true), mp + "/ResponseFor");
        s.staff = staff(one(mh, "StaffInfo", mp), mp + "/StaffInfo");
        s.statusCode = value(one(mh, "StatusCode", mp, true));
        s.description = value(one(mh, "Description", mp, true));
        s.timestamp = timestamp(mh, mp);
        return s;
    }

    Errors& errors() { return check_.errors; }

    // Drops the errors the rules repeat about an element the reading already reported (missing,
    // or a value that does not parse): one problem, one message.
    void dropRepeats(std::size_t from) {
        auto& e = errors();
        e.erase(std::remove_if(e.begin() + static_cast<std::ptrdiff_t>(from), e.end(),
                               [&](const Error& err) {
                                   return std::any_of(reported_.begin(), reported_.end(), [&](const std::string& p) {
                                       return err.field == p || err.field.starts_with(p + "/");
                                   });
                               }),
                e.end());
    }

private:
    model::SourcePos where(const std::string&, xml::Node n) const { return distribution::detail::posOf(doc_, n); }

    const xml::Document& doc_;
    const ReadOptions& options_;
    Checker check_;
    std::set<std::string> reported_;  // canonical paths whose problem is already an error
    std::size_t unzipBudget_;          // bytes that unzipping may still produce (maxBytes in all)
};

Errors sorted(Errors e) {
    std::stable_sort(e.begin(), e.end(), [](const Error& a, const Error& b) {
        const bool aLoc = a.line > 0, bLoc = b.line > 0;
        if (aLoc != bLoc) return aLoc;
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    return e;
}

}  // namespace

Result<ReadOutcome<std::variant<Edoc, Status>>> readPackage(std::string_view bytes, const ReadOptions& options) {
    auto parsed = xml::parse(bytes, options.maxBytes);
    if (!parsed.ok()) return parsed.errors();
    const auto& doc = parsed.value();
    const auto root = doc.root();
    const auto rootPos = distribution::detail::posOf(doc, root);
    const auto ns = root.namespaceUri();
    if (ns.find("go.vn/eDoc") != std::string_view::npos || ns.find("e-doc.vn") != std::string_view::npos)
        return Error::invalidInput(rootPos,
                                   "Gói tin dùng không gian tên cũ '" + std::string(ns) +
                                       "', không phải QCVN 102:2016 (" + std::string(kNamespace) + ")",
                                   "The package uses the legacy namespace '" + std::string(ns) +
                                       "', not QCVN 102:2016 (" + std::string(kNamespace) + ")");
    if (root.name() != "edXML" || ns != kNamespace)
        return Error::invalidInput(rootPos,
                                   "Phần tử gốc phải là edXML trong không gian tên " + std::string(kNamespace) +
                                       " (gặp '" + std::string(root.name()) + "' trong '" + std::string(ns) + "')",
                                   "The root element must be edXML in the namespace " + std::string(kNamespace) +
                                       " (found '" + std::string(root.name()) + "' in '" + std::string(ns) + "')");
    const auto envelope = root.element("edXMLEnvelope");
    if (!envelope || envelope.namespaceUri() != kNamespace)
        return Error::invalidInput(envelope ? distribution::detail::posOf(doc, envelope) : rootPos,
                                   "Thiếu edXMLEnvelope trong không gian tên QCVN 102:2016",
                                   "edXMLEnvelope in the QCVN 102:2016 namespace is missing");
    if (auto errors = schemaFor(options.schema)->validate(doc); !errors.empty()) return errors;

    Reader reader(doc, options);
    const auto header = reader.one(envelope, "edXMLHeader", "/edXML/edXMLEnvelope", true);
    auto mh = reader.one(header, "MessageHeader", detail::kHeaderPath);
    if (const auto st = reader.one(header, "Status", detail::kHeaderPath)) {
        if (mh) {
            reader.errors().push_back(Error::rule(distribution::detail::posOf(doc, st),
                                                  "edXMLHeader có cả MessageHeader lẫn Status",
                                                  "edXMLHeader has both MessageHeader and Status"));
        } else {
            mh = st;
            reader.note(detail::kMessagePath, st);
        }
    }
    if (!mh) {
        if (header)
            reader.errors().push_back(Error::rule(distribution::detail::posOf(doc, header), "Thiếu MessageHeader",
                                                  "MessageHeader is missing"));
        return sorted(std::move(reader.errors()));
    }

    const bool isStatus = !reader.children(mh, "StatusCode").empty();
    ReadOutcome<std::variant<Edoc, Status>> out;
    if (isStatus) {
        auto s = reader.status(mh);
        const auto before = reader.errors().size();
        detail::checkStatus(s, options.now, reader.check());
        reader.dropRepeats(before);
        out.package = std::move(s);
    } else {
        auto e = reader.edoc(root, envelope, header, mh);
        const auto before = reader.errors().size();
        detail::checkEdoc(e, options.now, reader.check());
        reader.dropRepeats(before);
        out.package = std::move(e);
    }
    if (!reader.errors().empty()) {
        // One message per place: the structural reading may already have said what a rule repeats.
        auto errors = sorted(std::move(reader.errors()));
        Errors unique;
        for (auto& e : errors)
            if (std::none_of(unique.begin(), unique.end(), [&](const Error& u) {
                    return u.line == e.line && u.column == e.column && u.field == e.field && u.line > 0 && u.messageEn == e.messageEn;
                }))
                unique.push_back(std::move(e));
        return unique;
    }
    out.warnings = std::move(reader.check().warnings);
    return out;
}

Result<ReadOutcome<Edoc>> readEdoc(std::string_view bytes, const ReadOptions& options) {
    auto r = readPackage(bytes, options);
    if (!r.ok()) return r.errors();
    if (auto* e = std::get_if<Edoc>(&r.value().package)) return ReadOutcome<Edoc>{std::move(*e), std::move(r.value().warnings)};
    return Error{Errc::InvalidInput, "Đây là gói tin trạng thái, không phải gói tin văn bản (edoc)",
                 "This is a status package, not an edoc package", detail::kMessagePath, 0, 0};
}

Result<ReadOutcome<Status>> readStatus(std::string_view bytes, const ReadOptions& options) {
    auto r = readPackage(bytes, options);
    if (!r.ok()) return r.errors();
    if (auto* s = std::get_if<Status>(&r.value().package)) return ReadOutcome<Status>{std::move(*s), std::move(r.value().warnings)};
    return Error{Errc::InvalidInput, "Đây là gói tin văn bản (edoc), không phải gói tin trạng thái",
                 "This is an edoc package, not a status package", detail::kMessagePath, 0, 0};
}

}  // namespace vanthu::distribution::edxml
