// The exchange side of `vanthu serve` (server/exchange.h): inbox, incoming register, tracking.
#include "server/exchange.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <algorithm>
#include <iostream>
#include <limits>
#include <set>
#include <sstream>

#include "compose/register_sheet.h"
#include "core/files.h"
#include "server/axis_poller.h"
#include "server/http_transport.h"
#include "distribution/organ_id.h"
#include "distribution/package_builder.h"
#include "distribution/resolution.h"
#include "distribution/signing.h"
#include "input/document_reader.h"
#include "server/path.h"
#include "server/server.h"
#include "store/exchange_store.h"
#include "text/unicode.h"

namespace vanthu::server {

using Poco::JSON::Array;
using Poco::JSON::Object;
namespace dist = vanthu::distribution;
namespace ex = vanthu::store::exchange;

namespace {

struct Reply {
    int status = 200;
    std::string contentType = "application/json; charset=utf-8";
    std::string body;
};

struct Refusal {  // ends a request with a 4xx, like server.cpp's HttpError
    int status;
    std::string code, vi, en, field;
};

[[noreturn]] void refuse(int status, std::string code, std::string vi, std::string en, std::string field = {}) {
    throw Refusal{status, std::move(code), std::move(vi), std::move(en), std::move(field)};
}

std::string toJson(const Object& o) {
    std::ostringstream os;
    o.stringify(os);
    return os.str();
}

Reply json(int status, const Object& o) { return Reply{status, "application/json; charset=utf-8", toJson(o)}; }

Reply errorReply(const Refusal& r) {
    Object o;
    o.set("code", r.code);
    o.set("message_vi", r.vi);
    o.set("message_en", r.en);
    o.set("field", r.field);
    return json(r.status, o);
}

std::vector<std::string> segments(const std::string& path) { return detail::pathSegments(path); }

std::int64_t parseId(const std::string& s) {
    if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos)
        refuse(404, "not_found", "Không có tài nguyên này", "no such resource", "id");
    return std::stoll(s);
}

model::Date dateOf(const std::string& iso) {
    return model::Date{std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2))};
}

std::string isoDate(const model::Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

Object::Ptr warning(const Error& e) {
    Object::Ptr o = new Object;
    o->set("code", "warning");
    o->set("message_vi", e.messageVi);
    o->set("message_en", e.messageEn);
    o->set("field", e.field);
    return o;
}

Error warn(std::string vi, std::string en, std::string field = {}) {
    Error e;
    e.code = Errc::InvalidInput;
    e.messageVi = std::move(vi);
    e.messageEn = std::move(en);
    e.field = std::move(field);
    return e;
}

std::string safeName(const std::string& code) {
    std::string out;
    for (unsigned char c : code) out += (std::isalnum(c) || c == '-' || c >= 0x80) ? char(c) : '_';
    return out.empty() ? "document" : out;
}

const char* kDocxMime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

}  // namespace

struct Exchange::Impl {
    store::Store& store;
    ExchangeOptions options;
    std::shared_ptr<DocumentRenderer> renderer;
    dist::AgencyDirectory directory;
    std::shared_ptr<LinkSource> links;  // re-read when the file changes
    std::unique_ptr<dist::Outbox> outbox;
    std::unique_ptr<AxisPoller> poller;  // with ExchangeOptions::axis

    Impl(store::Store& s, ExchangeOptions o, std::shared_ptr<DocumentRenderer> r)
        : store(s), options(std::move(o)), renderer(std::move(r)) {
        const std::string dirPath = options.directoryPath.empty() ? (dataDir() / "samples" / "agencies.xml").string() : options.directoryPath;
        auto loaded = dist::AgencyDirectory::loadFile(dirPath);
        if (!loaded.ok()) throw Failure(Errc::InvalidInput, "agency directory " + dirPath + ": " + loaded.error().describe());
        directory = std::move(loaded.value().directory);
        if (!options.linksPath.empty()) {
            auto l = LinkSource::watch(options.linksPath);
            if (!l.ok()) throw Failure(Errc::InvalidInput, "links " + options.linksPath + ": " + l.error().describe());
            links = std::move(l.value());
        } else {
            links = std::make_shared<LinkSource>(LinkTable());
        }
        const std::string self = options.receiveFor.empty() ? "" : options.receiveFor.front();
        std::map<std::string, std::shared_ptr<dist::Transport>> transports;
        transports["vanthu"] = std::make_shared<HttpTransport>(self, links);
        if (options.axis) {
            if (self.empty()) throw Failure(Errc::InvalidInput, "the national axis needs --receive-for (our organId is the sender)");
            AxisConfig ac;
            ac.endpoint = options.axis->endpoint;
            ac.systemId = options.axis->systemId;
            ac.secret = options.axis->secret;
            ac.organId = self;
            transports["axis"] = std::make_shared<AxisTransport>(ac);
            poller = std::make_unique<AxisPoller>(ac, options.axis->poll,
                                                  [this](const std::string& docId, const std::string& from, const std::string&,
                                                         const std::string& bytes) { return receiveFromAxis(docId, from, bytes); });
        }
        outbox = std::make_unique<dist::Outbox>(store, std::move(transports),
                                                [this](const store::DocumentRecord& d) { return buildPackage(d); }, options.outbox);
    }

    std::chrono::sys_seconds nowSeconds() const {
        return std::chrono::sys_seconds(std::chrono::seconds(outbox->now() / 1000));
    }

    // The model of a stored document with the register's number and date (as the renderer sees it).
    model::Document modelOf(const store::DocumentRecord& d) {
        input::ReadOptions ro;
        auto read = input::readDocumentXml(d.xml, ro);
        if (!read.ok()) throw Failure(Errc::Internal, "stored document " + std::to_string(d.id) + " does not read back");
        model::Document doc = read.value().document;
        doc.code.number = d.number > 0 ? std::optional<int>(d.number) : std::nullopt;
        doc.code.year = d.legalNormative && d.number > 0 ? std::optional<int>(d.year) : std::nullopt;
        if (!d.issueDate.empty()) doc.issueDate = dateOf(d.issueDate);
        return doc;
    }

    std::optional<std::string> rendered(const store::DocumentRecord& d, const model::Document& doc, const std::string& format,
                                        const std::string& mime) {
        if (auto b = store.artifact(d.id, format)) return b;  // same kinds as GET /documents/{id}.pdf
        if (!renderer || !renderer->supports(format)) return std::nullopt;
        auto b = renderer->renderDocument(doc, format);
        if (b) store.putArtifact(d.id, format, mime, *b);
        return b;
    }

    Result<std::string> buildPackage(const store::DocumentRecord& d) {
        const model::Document doc = modelOf(d);
        const dist::Agency* from = directory.findOrgan(doc.issuer);
        if (!from || !dist::isStrictOrganId(from->organId))
            return warn("Cơ quan ban hành không có trong danh bạ", "the issuer is not in the agency directory", "issuer");
        const auto res = dist::resolveRecipients(doc, directory);
        auto to = dist::recipientsOf(res, directory).to;
        std::vector<dist::AttachmentFile> files;
        const std::string base = safeName(d.code);
        if (auto pdf = rendered(d, doc, "pdf", "application/pdf")) files.push_back({base + ".pdf", "application/pdf", std::move(*pdf)});
        if (auto docx = rendered(d, doc, "docx", kDocxMime)) files.push_back({base + ".docx", kDocxMime, std::move(*docx)});
        dist::BuildOptions bo;
        bo.now = nowSeconds();
        auto edoc = dist::buildEdoc(doc, dist::organizationOf(*from, directory), std::move(to), std::move(files), bo);
        if (!edoc.ok()) return edoc.errors();
        return dist::edxml::writeEdoc(edoc.value());
    }

    void prepareIssue(const store::DocumentRecord& draft, store::IssueRequest& request, Errors& warnings) {
        input::ReadOptions ro;
        auto read = input::readDocumentXml(draft.xml, ro);
        if (!read.ok()) return;
        const model::Document& doc = read.value().document;
        if (draft.secret) {
            warnings.push_back(warn("Văn bản mật không gửi qua trục liên thông", "secret documents are not sent electronically", "secret"));
            return;
        }
        const dist::Agency* from = directory.findOrgan(doc.issuer);
        if (!from || !dist::isStrictOrganId(from->organId)) {
            warnings.push_back(warn("Cơ quan ban hành không có trong danh bạ: không gửi điện tử",
                                    "the issuer is not in the agency directory: nothing is sent", "issuer"));
            return;
        }
        const auto res = dist::resolveRecipients(doc, directory);
        for (const auto& u : res.unresolved)
            warnings.push_back(warn("Nơi nhận không xác định được: " + u.piece + " (" + u.line + ")",
                                    "recipient not resolved: " + u.piece + " (" + u.line + ")", "recipients"));
        auto planned = dist::plan(res, directory);
        for (const auto& t : planned.undeliverable)
            warnings.push_back(warn("Không có mã định danh: " + t.name + " (không gửi điện tử)",
                                    "no organId: " + t.name + " (not sent electronically)", "recipients"));
        for (const auto& t : planned.noEndpoint)
            warnings.push_back(warn("Không có địa chỉ nhận: " + t.name, "no endpoint: " + t.name, "recipients"));
        if (planned.entries.empty()) return;
        const std::string fromId = from->organId;
        auto entries = std::move(planned.entries);
        const std::int64_t now = outbox->now();
        request.withinTransaction = [fromId, entries, now](store::Sql& sql, const store::DocumentRecord& issued) {
            dist::Outbox::enqueueFor(sql, issued, fromId, entries, now);
        };
    }

    std::function<void(store::Sql&, const store::DocumentRecord&)> prepareRecall(
        store::Id id, const std::string& note, std::shared_ptr<dist::Outbox::TakeBackCounts> counts) {
        // The 13 is about the package the recipients got, so it is built from that package.
        std::string bytes;
        if (auto pkg = store.artifact(id, "edxml")) {
            auto ours = dist::edxml::readEdoc(*pkg);
            if (!ours.ok()) throw Failure(Errc::Internal, "the stored package of document " + std::to_string(id) + " does not read");
            const auto& e = ours.value().package;
            const std::string why = note.empty() ? "Thu hồi văn bản " + e.code.text() : note;
            auto st = dist::edxml::writeStatus(dist::statusFor(e, e.from, "13", why, {}, nowSeconds()));
            if (!st.ok()) throw Failure(Errc::Internal, "status 13: " + st.error().messageEn);
            bytes = std::move(st.value());
        }
        const std::string reason = note.empty() ? "recalled" : note;
        const std::int64_t t = outbox->now();
        return [id, bytes, reason, t, counts](store::Sql& sql, const store::DocumentRecord&) {
            *counts = dist::Outbox::takeBackIn(sql, id, bytes, reason, t);  // assigned: safe if the transaction is retried
        };
    }

    void recalled(const dist::Outbox::TakeBackCounts& n, Errors& warnings) {
        if (n.asked)
            warnings.push_back(warn("Đã đề nghị " + std::to_string(n.asked) + " cơ quan nhận trả lại văn bản (13)",
                                    std::to_string(n.asked) + " recipient(s) asked to give the document back (13)", "deliveries"));
        if (n.stopped)
            warnings.push_back(warn("Đã dừng gửi tới " + std::to_string(n.stopped) + " cơ quan chưa nhận",
                                    "stopped sending to " + std::to_string(n.stopped) + " recipient(s) not reached yet", "deliveries"));
        outbox->wake();
    }

    // ---- HTTP -----------------------------------------------------------------------------

    static bool isExchangePath(const std::string& method, const std::vector<std::string>& seg) {
        if (seg.size() < 3 || seg[0] != "api" || seg[1] != "v1") return false;
        const std::string& head = seg[2];
        if (head == "edxml" || head == "deliveries" || head == "incoming" || head == "inbox") return true;
        if (head == "agencies" && seg.size() == 3 && method == "GET") return true;
        return head == "documents" && seg.size() == 5 && (seg[4] == "deliveries" || seg[4] == "recipients") && method == "GET";
    }

    Reply handle(Poco::Net::HTTPServerRequest& req) {
        try {
            Poco::URI uri(req.getURI());
            auto seg = segments(uri.getPath());
            seg.erase(seg.begin(), seg.begin() + 2);
            std::map<std::string, std::string> params;
            for (const auto& [k, v] : uri.getQueryParameters()) params[k] = v;
            if (seg[0] == "edxml") {
                if (req.getMethod() != "POST" || seg.size() != 1)
                    refuse(405, "method_not_allowed", "Chỉ nhận POST", "POST only", "method");
                return receive(req);
            }
            const store::User user = authenticate(req);
            std::string body;
            if (req.getMethod() == "POST") body = readBody(req, 64 * 1024);
            if (seg[0] == "documents") return documentRoutes(user, parseId(seg[1]), seg[2]);
            if (seg[0] == "deliveries") return deliveryRoutes(req.getMethod(), user, seg, params);
            if (seg[0] == "incoming") return incomingRoutes(req.getMethod(), user, seg, params, body);
            if (seg[0] == "agencies") {  // the directory in force, exported in its normal form
                requireClerk(user);
                return Reply{200, "application/xml; charset=utf-8", directory.toXml()};
            }
            if (seg[0] == "inbox" && seg.size() == 1 && req.getMethod() == "GET") return inboxList(user);
            if (seg[0] == "inbox" && seg.size() == 2 && req.getMethod() == "GET") return inboxPackage(user, parseId(seg[1]));
            refuse(404, "not_found", "Không có đường dẫn này", "no such path", "path");
        } catch (const Refusal& r) {
            return errorReply(r);
        } catch (const Failure& f) {
            std::cerr << "vanthu exchange: " << errcName(f.code()) << ": " << f.what() << "\n";
            const int st = f.code() == Errc::Storage ? 503 : 500;
            return errorReply({st, st == 503 ? "storage_unavailable" : "internal", "Lỗi máy chủ", "server fault", ""});
        } catch (const Poco::Exception& e) {
            std::cerr << "vanthu exchange: fault: " << e.displayText() << "\n";
            return errorReply({500, "internal", "Lỗi máy chủ", "server fault", ""});
        } catch (const std::exception& e) {
            std::cerr << "vanthu exchange: fault: " << e.what() << "\n";
            return errorReply({500, "internal", "Lỗi máy chủ", "server fault", ""});
        }
    }

    static std::string readBody(Poco::Net::HTTPServerRequest& req, std::size_t cap) {
        if (req.hasContentLength() && req.getContentLength64() > Poco::Int64(cap))
            refuse(413, "too_large", "Nội dung quá lớn", "body too large (limit " + std::to_string(cap) + " bytes)", "body");
        if (!req.hasContentLength() && !req.getChunkedTransferEncoding()) return "";
        std::string body;
        if (req.hasContentLength()) body.reserve(std::size_t(std::min<Poco::Int64>(req.getContentLength64(), Poco::Int64(cap))));
        char buf[65536];
        std::istream& in = req.stream();
        while (in) {
            in.read(buf, sizeof buf);
            body.append(buf, std::size_t(in.gcount()));
            if (body.size() > cap) refuse(413, "too_large", "Nội dung quá lớn", "body too large (limit " + std::to_string(cap) + " bytes)", "body");
        }
        return body;
    }

    store::User authenticate(Poco::Net::HTTPServerRequest& req) {
        const std::string a = req.get("Authorization", "");
        if (a.rfind("Bearer ", 0) != 0) refuse(401, "unauthorized", "Thiếu mã truy cập", "missing bearer token", "Authorization");
        std::string t = a.substr(7);
        while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
        const auto u = store.authenticate(t);
        if (!u) refuse(401, "unauthorized", "Mã truy cập không hợp lệ", "invalid token", "Authorization");
        return *u;
    }

    static void requireClerk(const store::User& u) {
        if (u.role != store::Role::Clerk && u.role != store::Role::Admin)
            refuse(403, "forbidden_role", "Chỉ văn thư được làm việc này", "only a clerk may do this", "role");
    }

    store::DocumentRecord visible(const store::User& u, std::int64_t id) {
        auto r = store.document(id);
        if (!r.ok()) refuse(404, "not_found", "Không có văn bản này", "no such document", "id");
        const auto& d = r.value();
        if (u.role != store::Role::Admin && d.organId != u.organId)
            refuse(403, "forbidden_organ", "Văn bản thuộc cơ quan khác", "the document belongs to another organ", "id");
        if (d.secret && !u.cleared)
            refuse(403, "forbidden_secret", "Văn bản mật: người dùng chưa được phép", "secret document: the user is not cleared", "id");
        return d;
    }

    Object::Ptr deliveryJson(store::Sql& sql, const store::DeliveryRow& d) {
        Object::Ptr o = new Object;
        o->set("id", d.id);
        o->set("document", d.documentId);
        o->set("document_id", d.edxmlDocumentId);
        o->set("recipient", d.recipientName);
        o->set("recipient_key", d.recipientKey);
        o->set("organ_id", d.recipientOrganId);
        o->set("transport", d.transport);
        o->set("state", d.state);
        o->set("take_back", d.takeBack);
        o->set("attempts", d.attempts);
        o->set("last_error", d.lastError);
        o->set("created_at", d.createdAt);
        o->set("updated_at", d.updatedAt);
        Array::Ptr ev = new Array;
        for (const auto& e : ex::events(sql, d.id)) {
            Object::Ptr x = new Object;
            x->set("state", e.state);
            x->set("at", e.at);
            x->set("detail", e.detail);
            ev->add(x);
        }
        o->set("statuses", ev);
        return o;
    }

    Reply documentRoutes(const store::User& user, std::int64_t id, const std::string& what) {
        const auto d = visible(user, id);
        if (what == "deliveries") {
            Object o;
            Array::Ptr a = new Array;
            Array::Ptr tb = new Array;
            store.read([&](store::Sql& sql) {
                for (const auto& r : ex::deliveriesOf(sql, id)) a->add(deliveryJson(sql, r));
                for (const auto& r : ex::takeBackDeliveriesOf(sql, id)) tb->add(deliveryJson(sql, r));
            });
            o.set("document", id);
            o.set("items", a);
            o.set("take_back_items", tb);  // the 13s of a recall, each a delivery of its own
            return json(200, o);
        }
        // recipients: the preview a clerk sees before issuing
        const model::Document doc = modelOf(d);
        const auto res = dist::resolveRecipients(doc, directory);
        const auto planned = dist::plan(res, directory);
        Object o;
        o.set("document", id);
        Array::Ptr lines = new Array;
        for (const auto& l : res.lines) {
            Object::Ptr x = new Object;
            x->set("text", l.text);
            x->set("resolved", l.resolved());
            Array::Ptr ts = new Array;
            for (const auto& t : l.targets) {
                Object::Ptr y = new Object;
                y->set("kind", t.kind == dist::Target::Kind::Agency ? "agency" : t.kind == dist::Target::Kind::InternalUnit ? "unit" : "archive");
                y->set("key", t.key);
                y->set("name", t.name);
                y->set("organ_id", t.organId);
                ts->add(y);
            }
            x->set("targets", ts);
            Array::Ptr un = new Array;
            for (const auto& u : l.unresolved) un->add(u);
            x->set("unresolved", un);
            lines->add(x);
        }
        o.set("lines", lines);
        Array::Ptr deliver = new Array;
        for (const auto& e : planned.entries) {
            Object::Ptr y = new Object;
            y->set("organ_id", e.recipientOrganId);
            y->set("name", e.recipientName);
            y->set("transport", e.transport);
            deliver->add(y);
        }
        o.set("deliveries", deliver);
        Errors ws;
        store::IssueRequest ignored;
        prepareIssue(d, ignored, ws);
        Array::Ptr wa = new Array;
        for (const auto& w : ws) wa->add(warning(w));
        o.set("warnings", wa);
        return json(200, o);
    }

    Reply deliveryRoutes(const std::string& method, const store::User& user, const std::vector<std::string>& seg,
                         const std::map<std::string, std::string>& params) {
        if (seg.size() == 1 && method == "GET") {
            int days = 0;
            if (auto it = params.find("unacknowledged_days"); it != params.end()) {
                if (it->second.empty() || it->second.size() > 5 || it->second.find_first_not_of("0123456789") != std::string::npos)
                    refuse(400, "invalid_input", "unacknowledged_days phải là số ngày", "unacknowledged_days must be a number of days",
                           "unacknowledged_days");
                days = std::stoi(it->second);
            }
            const std::string before = dist::isoMs(outbox->now() - std::int64_t(days) * 86400000);
            Object o;
            Array::Ptr a = new Array;
            store.read([&](store::Sql& sql) {
                for (const auto& r : ex::unacknowledged(sql, before)) {
                    if (user.role != store::Role::Admin) {
                        auto doc = store.document(r.documentId);
                        if (!doc.ok() || doc.value().organId != user.organId) continue;
                    }
                    a->add(deliveryJson(sql, r));
                }
            });
            o.set("unacknowledged_days", days);
            o.set("items", a);
            return json(200, o);
        }
        if (seg.size() == 3 && seg[2] == "retry" && method == "POST") {
            requireClerk(user);
            const std::int64_t id = parseId(seg[1]);
            std::optional<store::DeliveryRow> row;
            store.read([&](store::Sql& sql) { row = ex::delivery(sql, id); });
            if (!row) refuse(404, "not_found", "Không có lần gửi này", "no such delivery", "id");
            if (row->documentId) visible(user, row->documentId);
            auto r = outbox->retry(id, user.name + " #" + std::to_string(user.id));
            if (!r.ok()) refuse(r.error().code == Errc::Conflict ? 409 : 404, r.error().code == Errc::Conflict ? "conflict" : "not_found",
                                r.error().messageVi, r.error().messageEn, r.error().field);
            Object::Ptr o;
            store.read([&](store::Sql& sql) { o = deliveryJson(sql, r.value()); });
            return json(200, *o);
        }
        refuse(404, "not_found", "Không có đường dẫn này", "no such path", "path");
    }

    Object::Ptr incomingJson(store::Sql& sql, const store::IncomingEntry& e, bool files) {
        Object::Ptr o = new Object;
        o->set("id", e.id);
        o->set("number", e.number);
        o->set("year", e.year);
        o->set("received_at", e.receivedAt);
        o->set("sender", e.sender);
        o->set("sender_organ_id", e.senderOrganId);
        o->set("document_id", e.edxmlDocumentId);
        o->set("code", e.code);
        o->set("document_date", e.documentDate);
        o->set("type_and_subject", e.typeAndSubject);
        o->set("state", e.state);
        o->set("reason", e.reason);
        o->set("recipient_unit", e.recipientUnit);
        o->set("handed_at", e.handedAt);
        o->set("note", e.note);
        o->set("take_back", e.takeBack);
        if (files) {
            // What the inbox tolerated when it registered the package (a non-strict organId …).
            Array::Ptr ws = new Array;
            if (auto r = ex::inboxRow(sql, e.inboxId); r && r->outcome == "registered")
                for (std::size_t at = 0; at < r->reason.size();) {
                    const auto end = std::min(r->reason.find('\n', at), r->reason.size());
                    ws->add(r->reason.substr(at, end - at));
                    at = end + 1;
                }
            o->set("warnings", ws);
            Array::Ptr a = new Array;
            for (const auto& f : ex::incomingFiles(sql, e.id)) {
                Object::Ptr x = new Object;
                x->set("index", f.index);
                x->set("name", f.name);
                x->set("mime", f.mime);
                x->set("sha256", f.sha256);
                a->add(x);
            }
            o->set("files", a);
        }
        return o;
    }

    Reply incomingRoutes(const std::string& method, const store::User& user, const std::vector<std::string>& seg,
                         const std::map<std::string, std::string>& params, const std::string& body) {
        if (seg.size() == 1 && method == "GET") {
            int year = int(dist::edxml::ictOf(nowSeconds()).date.year);
            if (auto it = params.find("year"); it != params.end()) {
                if (it->second.size() != 4 || it->second.find_first_not_of("0123456789") != std::string::npos)
                    refuse(400, "invalid_input", "Năm không hợp lệ", "invalid year", "year");
                year = std::stoi(it->second);
            }
            std::vector<store::IncomingEntry> entries;
            store.read([&](store::Sql& sql) {
                const auto organs = organsFor(user);
                for (auto organ : organs) {
                    auto es = ex::incomingEntries(sql, organ, year);
                    entries.insert(entries.end(), es.begin(), es.end());
                }
            });
            const std::string format = params.count("format") ? params.at("format") : "json";
            if (format != "json" && format != "csv" && format != "docx" && format != "pdf")
                refuse(406, "not_acceptable", "Định dạng phải là json, csv, docx hoặc pdf", "format must be json, csv, docx or pdf", "format");
            if (format == "csv") {
                compose::RegisterSheet sheet;
                sheet.headings = store::incomingHeadings();
                for (const auto& e : entries) sheet.rows.push_back(store::incomingCells(e));
                return Reply{200, "text/csv; charset=utf-8", compose::registerSheetCsv(sheet)};
            }
            if (format == "docx" || format == "pdf") return incomingSheet(user, year, entries, format);
            Object o;
            o.set("year", year);
            Array::Ptr a = new Array;
            store.read([&](store::Sql& sql) {
                for (const auto& e : entries) a->add(incomingJson(sql, e, false));
            });
            o.set("items", a);
            return json(200, o);
        }
        if (seg.size() < 2) refuse(404, "not_found", "Không có đường dẫn này", "no such path", "path");
        const std::int64_t id = parseId(seg[1]);
        std::optional<store::IncomingEntry> entry;
        store.read([&](store::Sql& sql) { entry = ex::incoming(sql, id); });
        if (!entry || (user.role != store::Role::Admin && entry->organId != user.organId))
            refuse(404, "not_found", "Không có văn bản đến này", "no such incoming document", "id");
        if (seg.size() == 2 && method == "GET") {
            Object::Ptr o;
            store.read([&](store::Sql& sql) { o = incomingJson(sql, *entry, true); });
            return json(200, *o);
        }
        if (seg.size() == 4 && seg[2] == "files" && method == "GET") {
            const std::int64_t idx = parseId(seg[3]);
            std::optional<std::string> bytes;
            std::string mime;
            store.read([&](store::Sql& sql) {
                for (const auto& f : ex::incomingFiles(sql, id))
                    if (f.index == idx) {
                        bytes = ex::bytes(sql, f.sha256);
                        mime = f.mime;
                    }
            });
            if (!bytes) refuse(404, "not_found", "Không có tệp này", "no such file", "index");
            return Reply{200, mime, std::move(*bytes)};
        }
        if (seg.size() == 3 && method == "POST" && (seg[2] == "accept" || seg[2] == "reject" || seg[2] == "status")) {
            requireClerk(user);
            const auto v = bodyObject(body, seg[2] == "reject"   ? std::set<std::string>{"reason"}
                                            : seg[2] == "accept" ? std::set<std::string>{"reason", "recipient_unit"}
                                                                 : std::set<std::string>{"code", "reason", "recipient_unit"});
            Answer a;
            a.code = seg[2] == "accept" ? "03" : seg[2] == "reject" ? "02" : textField(*v, "code");
            a.reason = textField(*v, "reason");
            a.recipientUnit = textField(*v, "recipient_unit");
            if (seg[2] == "status" && a.code != "04" && a.code != "05" && a.code != "06")
                refuse(400, "invalid_input", "Mã trạng thái phải là 04, 05 hoặc 06", "code must be 04, 05 or 06", "code");
            if (a.code == "02" && a.reason.empty())
                refuse(400, "missing_field", "Cần lý do từ chối", "a rejection needs a reason", "reason");
            return answer(user, *entry, a);
        }
        if (seg.size() == 3 && method == "POST" && seg[2] == "take-back") {
            requireClerk(user);
            const auto v = bodyObject(body, {"agree", "reason"});
            if (!v->has("agree") || !v->get("agree").isBoolean())
                refuse(400, "missing_field", "Cần trường agree (true hoặc false)", "agree (true or false) is required", "agree");
            Answer a;
            a.code = v->getValue<bool>("agree") ? "15" : "16";
            a.reason = textField(*v, "reason");
            return answer(user, *entry, a);
        }
        refuse(404, "not_found", "Không có đường dẫn này", "no such path", "path");
    }

    // The printed Sổ đăng ký văn bản đến (the same layout as the outgoing register).
    Reply incomingSheet(const store::User& user, int year, const std::vector<store::IncomingEntry>& entries, const std::string& format) {
        if (!renderer || !renderer->supports(format))
            refuse(501, "not_implemented", "Chưa hỗ trợ định dạng " + format, "format " + format + " is not available", "format");
        compose::RegisterSheet sheet;
        sheet.title = "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN";
        const auto organ = store.organ(user.organId);
        sheet.organName = organ ? organ->name : "";
        sheet.year = year;
        sheet.headings = store::incomingHeadings();
        sheet.relativeWidths = {1.4, 0.9, 2.0, 1.9, 1.4, 3.4, 1.6, 1.4, 1.0, 1.2};  // dates and codes never wrap
        for (const auto& e : entries) sheet.rows.push_back(store::incomingCells(e));
        auto bytes = renderer->renderRegister(sheet, format);
        if (!bytes) refuse(501, "not_implemented", "Chưa hỗ trợ định dạng " + format, "format " + format + " is not available", "format");
        return Reply{200, format == "pdf" ? "application/pdf" : kDocxMime, std::move(*bytes)};
    }

    std::vector<store::Id> organsFor(const store::User& user) {
        if (user.role != store::Role::Admin) return {user.organId};
        std::vector<store::Id> out;
        for (const auto& id : options.receiveFor)
            if (const auto* a = directory.byOrganId(id)) out.push_back(localOrgan(*a));
        return out;
    }

    store::Id localOrgan(const dist::Agency& a) {
        const std::string abbr = a.abbreviation.empty() ? a.key : a.abbreviation;
        if (auto o = store.organByAbbreviation(abbr)) return o->id;
        return store.ensureOrgan(abbr, text::toUpper(a.name)).id;
    }

    struct Answer {
        std::string code, reason, recipientUnit;
    };

    // Why `code` cannot follow the entry's current state (edxml.md §5): "" when it can.
    static std::string answerConflict(const store::IncomingEntry& e, const std::string& code) {
        if (code == "15" || code == "16")
            return e.takeBack == "requested" ? "" : e.takeBack.empty() ? "no take-back was asked for" : "the take-back is answered (" + e.takeBack + ")";
        static const std::vector<std::string> order = {"received", "03", "04", "05", "06"};
        const auto rank = [&](const std::string& s) {
            for (std::size_t i = 0; i < order.size(); ++i)
                if (order[i] == s) return int(i);
            return -1;
        };
        if (e.takeBack == "15") return "taken back by its sender";
        if (e.state == "02" || (code == "02" && e.state != "received") || (code != "02" && rank(code) <= rank(e.state)))
            return "the incoming document is already " + e.state;
        if (code != "03" && code != "02" && e.state == "received") return "accept (03) first";
        return "";
    }

    // The clerk's answer (03 accept, 02 reject, later 04–06; 15/16 to a take-back), queued as a
    // status package to the sender in the transaction that records it.
    Reply answer(const store::User& user, const store::IncomingEntry& entry, const Answer& a) {
        if (const auto why = answerConflict(entry, a.code); !why.empty())
            refuse(409, "conflict", "Không chuyển được trạng thái: " + why, why, "state");
        std::optional<std::string> pkg;
        Channel channel = Channel::Link;
        store.read([&](store::Sql& sql) {
            if (auto r = ex::inboxRow(sql, entry.inboxId)) {
                pkg = ex::bytes(sql, r->packageSha);
                if (r->link.rfind("axis:", 0) == 0) channel = Channel::Axis;
            }
        });
        if (!pkg) throw Failure(Errc::Internal, "the package of incoming " + std::to_string(entry.id) + " is missing");
        auto edoc = dist::edxml::readEdoc(*pkg);
        if (!edoc.ok()) throw Failure(Errc::Internal, "the stored package of incoming " + std::to_string(entry.id) + " does not read");
        const dist::Agency* us = ourAgencyIn(edoc.value().package);
        if (!us) throw Failure(Errc::Internal, "no agency of ours among the package's recipients");
        dist::edxml::StaffInfo staff;
        staff.staff = user.name;
        auto bytes = statusBytes(edoc.value().package, *us, a.code, a.reason, staff);
        if (!bytes.ok()) refuse(422, "rule_violation", bytes.error().messageVi, bytes.error().messageEn, bytes.error().field);
        const auto owed = statusEntry(entry.id, a.code, entry.edxmlDocumentId, entry.senderOrganId, entry.sender, channel);
        const std::string today = isoDate(dist::edxml::ictOf(nowSeconds()).date);
        Errors ws;
        std::string conflict;
        store.transaction([&](store::Sql& sql) {
            // Checked again under the row lock: two clerks answering at once get one answer sent.
            const auto cur = ex::incoming(sql, entry.id);
            if (!cur || !(conflict = answerConflict(*cur, a.code)).empty()) return;
            if (a.code == "15" || a.code == "16") {
                const std::string note = a.code == "15" ? "Cơ quan gửi đã lấy lại văn bản" + std::string(a.reason.empty() ? "" : ": " + a.reason)
                                                        : cur->note;
                ex::setIncomingTakeBack(sql, entry.id, a.code, note);
            } else {
                ex::setIncomingState(sql, entry.id, a.code, a.reason);
            }
            if (!a.recipientUnit.empty()) ex::handOver(sql, entry.id, a.recipientUnit, today);
            if (owed) {
                outbox->enqueueStatus(sql, *owed, bytes.value());
            } else {
                ws.push_back(warn("Không có địa chỉ của cơ quan gửi: trạng thái không được gửi",
                                  "the sender has no endpoint: the status is not sent", "sender"));
            }
        });
        if (!conflict.empty()) refuse(409, "conflict", "Không chuyển được trạng thái: " + conflict, conflict, "state");
        outbox->wake();
        Object::Ptr o;
        store.read([&](store::Sql& sql) { o = incomingJson(sql, *ex::incoming(sql, entry.id), false); });
        Array::Ptr wa = new Array;
        for (const auto& w : ws) wa->add(warning(w));
        o->set("warnings", wa);
        return json(200, *o);
    }

    // A JSON object body with only the named keys ("" = {}); every refusal names the field.
    static Object::Ptr bodyObject(const std::string& body, const std::set<std::string>& allowed) {
        if (body.empty()) return new Object;
        Object::Ptr v;
        try {
            Poco::JSON::Parser p;
            v = p.parse(body).extract<Object::Ptr>();
        } catch (...) {
            refuse(400, "invalid_input", "JSON không hợp lệ (cần một đối tượng)", "malformed JSON (an object is expected)", "body");
        }
        for (const auto& [k, _] : *v)
            if (!allowed.count(k)) refuse(400, "unknown_field", "Trường không được hỗ trợ: " + k, "unknown field: " + k, k);
        return v;
    }

    static std::string textField(const Object& o, const std::string& key) {
        if (!o.has(key)) return "";
        const auto& v = o.get(key);
        if (!v.isString()) refuse(400, "invalid_input", "Trường " + key + " phải là chuỗi", key + " must be a string", key);
        const std::string s = v.extract<std::string>();
        if (!text::isValidUtf8(s)) refuse(400, "invalid_input", "Trường " + key + " không phải UTF-8", key + " is not UTF-8", key);
        if (s.size() > 2000) refuse(400, "too_long", "Trường " + key + " quá dài", key + " is too long (limit 2000 bytes)", key);
        return text::nfc(s);
    }

    const dist::Agency* ourAgencyIn(const dist::edxml::Edoc& e) {
        for (const auto& to : e.to)
            for (const auto& mine : options.receiveFor)
                if (to.organId == mine) return directory.byOrganId(mine);
        return nullptr;
    }

    // The inbox belongs to the organs this instance receives for: their clerks (and admins) see it.
    void requireInboxClerk(const store::User& user) {
        requireClerk(user);
        if (user.role == store::Role::Admin) return;
        for (const auto& id : options.receiveFor)
            if (const auto* a = directory.byOrganId(id); a && localOrgan(*a) == user.organId) return;
        refuse(403, "forbidden_organ", "Hộp thư đến thuộc cơ quan khác", "the inbox belongs to another organ", "organ");
    }

    // The bytes as they arrived, for inspection (refused ones included; nothing is re-parsed).
    Reply inboxPackage(const store::User& user, std::int64_t id) {
        requireInboxClerk(user);
        std::optional<std::string> bytes;
        store.read([&](store::Sql& sql) {
            if (auto r = ex::inboxRow(sql, id); r && !r->packageSha.empty()) bytes = ex::bytes(sql, r->packageSha);
        });
        if (!bytes) refuse(404, "not_found", "Không có gói tin này (hoặc đã bị từ chối trước khi đọc)", "no such package (or refused unread)", "id");
        return Reply{200, "application/octet-stream", std::move(*bytes)};
    }

    Reply inboxList(const store::User& user) {
        requireInboxClerk(user);
        Object o;
        Array::Ptr a = new Array;
        store.read([&](store::Sql& sql) {
            for (const auto& r : ex::inbox(sql)) {
                Object::Ptr x = new Object;
                x->set("id", r.id);
                x->set("received_at", r.receivedAt);
                x->set("link", r.link);
                x->set("sender_organ_id", r.senderOrganId);
                x->set("kind", r.kind);
                x->set("document_id", r.edxmlDocumentId);
                x->set("outcome", r.outcome);
                x->set("reason", r.reason);
                x->set("sha256", r.packageSha);
                x->set("size", r.size);
                a->add(x);
            }
        });
        o.set("items", a);
        return json(200, o);
    }

    // ---- the inbox ------------------------------------------------------------------------

    // How a package reached us. Over a vanthu link the first answer (01 or 02) is the HTTP reply;
    // from the national axis every answer goes back through the axis as a status package.
    enum class Channel { Link, Axis };

    struct Ingested {
        Reply reply;          // what a link's sender gets
        bool parsed = false;  // the package read and validated (the axis' updateStatus done | fail)
    };

    // Keeps what arrived (bytes and why it was refused) and answers.
    Reply keep(store::InboxRow row, const std::string& bytes, Reply reply) {
        store.transaction([&](store::Sql& sql) {
            if (!bytes.empty()) row.packageSha = ex::putBytes(sql, "application/xml", bytes);
            ex::recordInbox(sql, row);
        });
        return reply;
    }

    Result<std::string> statusBytes(const dist::edxml::Edoc& edoc, const dist::Agency& us, const std::string& code,
                                    const std::string& why, const dist::edxml::StaffInfo& staff = {}) {
        const std::string description = why.empty() ? std::string(dist::edxml::statusCodeInfo(code)->vi) : why;
        auto st = dist::statusFor(edoc, dist::organizationOf(us, directory), code, description, staff, nowSeconds());
        return dist::edxml::writeStatus(st);
    }

    Reply statusReply(const dist::edxml::Edoc& edoc, const dist::Agency& us, const std::string& code, const std::string& why) {
        auto bytes = statusBytes(edoc, us, code, why);
        if (!bytes.ok()) return errorReply({422, "rule_violation", bytes.error().messageVi, bytes.error().messageEn, bytes.error().field});
        return Reply{200, "application/xml; charset=utf-8", std::move(bytes.value())};
    }

    // The outbox row of a status package we owe `senderOrganId` about its document `documentId`:
    // through the axis when that is how the document came, else to the sender's directory endpoint
    // (nullopt when it has none).
    std::optional<store::OutboxEntry> statusEntry(store::Id incomingId, const std::string& code, const std::string& documentId,
                                                  const std::string& senderOrganId, const std::string& senderName, Channel channel) {
        store::OutboxEntry e;
        e.incomingId = incomingId;
        e.code = code;
        e.edxmlDocumentId = documentId;
        e.recipientOrganId = senderOrganId;
        const dist::Agency* sender = directory.byOrganId(senderOrganId);
        e.recipientKey = sender ? sender->key : senderOrganId;
        e.recipientName = sender ? sender->name : senderName;
        if (channel == Channel::Axis) {
            e.transport = "axis";
            return e;
        }
        if (!sender || sender->endpoint.empty()) return std::nullopt;
        e.transport = sender->endpoint.transport;
        e.url = sender->endpoint.url;
        e.link = sender->endpoint.link;
        return e;
    }

    // A vanthu link: size cap, link, signature — then the same path as every package (ingest).
    Reply receive(Poco::Net::HTTPServerRequest& req) {
        store::InboxRow row;
        row.receivedAt = dist::isoMs(outbox->now());
        row.link = req.get(std::string(kSenderHeader), "");
        row.kind = "unknown";
        row.outcome = "rejected";
        // 1. size, before reading
        const std::size_t cap = options.maxPackageBytes;
        if (req.hasContentLength() && req.getContentLength64() > Poco::Int64(cap)) {
            row.size = std::int64_t(req.getContentLength64());
            row.reason = "too large";
            // Drop a moderately oversized body unread so the sender sees the 413, not a reset.
            if (req.getContentLength64() <= Poco::Int64(4 * cap)) req.stream().ignore(std::numeric_limits<std::streamsize>::max());
            return keep(row, "", errorReply({413, "too_large", "Gói tin quá lớn", "package too large (limit " + std::to_string(cap) + " bytes)", "body"}));
        }
        std::string body;
        try {
            body = readBody(req, cap);
        } catch (const Refusal& r) {
            row.size = std::int64_t(cap);
            row.reason = "too large";
            return keep(row, "", errorReply(r));
        }
        row.size = std::int64_t(body.size());
        // 2. authenticate, before parsing
        const auto table = links->current();
        const Link* link = table->byPeer(row.link);
        if (!link) {
            row.reason = "unknown sender link";
            return keep(row, body, errorReply({401, "unauthorized", "Không có liên kết với cơ quan gửi", "no link with the sending agency", std::string(kSenderHeader)}));
        }
        if (!dist::PackageSigner(link->secret).verify(body, req.get(std::string(dist::PackageSigner::kHeader), ""))) {
            row.reason = "bad signature";
            return keep(row, body, errorReply({401, "unauthorized", "Chữ ký gói tin không đúng", "the package signature does not verify", std::string(dist::PackageSigner::kHeader)}));
        }
        return ingest(std::move(row), body, link->peerOrganId, Channel::Link).reply;
    }

    // The national axis: the poller hands over what getEdoc returned; the axis authenticated the
    // sender (`from`). A fault (the database is down) leaves the package pending on the axis.
    AxisReceived receiveFromAxis(const std::string& docId, const std::string& from, const std::string& bytes) {
        store::InboxRow row;
        row.receivedAt = dist::isoMs(outbox->now());
        row.link = "axis:" + docId;
        row.kind = "unknown";
        row.outcome = "rejected";
        row.size = std::int64_t(bytes.size());
        try {
            if (bytes.size() > options.maxPackageBytes) {
                row.reason = "too large";
                keep(row, "", {});
                return {true, false};
            }
            const Ingested in = ingest(std::move(row), bytes, from, Channel::Axis);
            outbox->wake();  // an answer may be queued
            return {true, in.parsed};
        } catch (const std::exception& e) {
            std::cerr << "vanthu axis: " << docId << " from " << from << " left pending: " << e.what() << "\n";
            return {false, false};
        }
    }

    // A 13: marks the incoming entry of that document (until the clerk answers 15 or 16).
    Reply takeBackAsked(store::InboxRow row, const std::string& body, const dist::edxml::Status& st) {
        bool found = false;
        store.transaction([&](store::Sql& sql) {
            row.packageSha = ex::putBytes(sql, "application/xml", body);
            const auto e = ex::incomingFor(sql, st.responseFor.documentId, st.from.organId);
            found = e.has_value();
            row.outcome = found ? "take-back" : "unmatched";
            row.reason = found ? "13" : "no incoming document matches";
            if (e && e->takeBack.empty()) {
                std::string note = "Cơ quan gửi đề nghị lấy lại";
                if (!st.description.empty()) note += ": " + st.description;
                ex::setIncomingTakeBack(sql, e->id, "requested", note);
            }
            ex::recordInbox(sql, row);
        });
        Object o;
        o.set("status", "13");
        o.set("applied", found);
        return json(found ? 200 : 404, o);
    }

    // Authenticated bytes from `peer` (the link's agency, or the axis' sender): parse and validate,
    // then a status is applied to our delivery, an edoc is deduplicated and registered.
    Ingested ingest(store::InboxRow row, const std::string& body, const std::string& peer, Channel channel) {
        Ingested out;
        dist::edxml::ReadOptions ro;
        ro.maxBytes = options.maxPackageBytes;
        auto read = dist::edxml::readPackage(body, ro);
        if (!read.ok()) {
            row.reason = "invalid package: " + read.error().messageEn;
            const auto& e = read.error();
            out.reply = keep(row, body, errorReply({e.code == Errc::TooLarge ? 413 : 422, "invalid_package", e.messageVi, e.messageEn, e.field}));
            return out;
        }
        out.parsed = true;
        // Tolerated oddities (a non-strict organId of the sender …) are kept with the inbox row.
        std::string warnings;
        for (const auto& w : read.value().warnings) warnings += (warnings.empty() ? "" : "\n") + w.messageVi + " / " + w.messageEn;
        auto& pkg = read.value().package;
        const Refusal forged{403, "forged_sender", "Cơ quan gửi không khớp với liên kết", "From/OrganId is not the link's agency",
                             "/edXML/edXMLEnvelope/From/OrganId"};
        if (auto* st = std::get_if<dist::edxml::Status>(&pkg)) {
            row.kind = "status";
            row.senderOrganId = st->from.organId;
            row.edxmlDocumentId = st->responseFor.documentId;
            if (st->from.organId != peer) {
                row.reason = "forged sender";
                out.reply = keep(row, body, errorReply(forged));
                return out;
            }
            if (st->statusCode == "13") {  // the sender takes back a document it sent us
                out.reply = takeBackAsked(std::move(row), body, *st);
                return out;
            }
            auto applied = outbox->applyStatus(*st, "");
            row.outcome = applied.ok() ? "status" : "unmatched";
            row.reason = applied.ok() ? st->statusCode : "no delivery matches";
            if (!warnings.empty()) row.reason += "\n" + warnings;
            Object o;
            o.set("status", st->statusCode);
            o.set("applied", applied.ok() && applied.value() == dist::Transition::Applied);
            out.reply = keep(row, body, json(applied.ok() ? 200 : 404, o));
            return out;
        }
        const auto& edoc = std::get<dist::edxml::Edoc>(pkg);
        row.kind = "edoc";
        row.senderOrganId = edoc.from.organId;
        row.edxmlDocumentId = edoc.documentId;
        if (edoc.from.organId != peer) {
            row.reason = "forged sender";
            out.reply = keep(row, body, errorReply(forged));
            return out;
        }
        const dist::Agency* us = ourAgencyIn(edoc);
        if (!us) {
            row.reason = "unknown recipient";
            const dist::Agency* self = options.receiveFor.empty() ? nullptr : directory.byOrganId(options.receiveFor.front());
            if (!self) {
                out.reply = keep(row, body, errorReply({422, "unknown_recipient", "Không có cơ quan nhận nào của chúng tôi", "no recipient of ours", "/edXML/edXMLEnvelope/To"}));
                return out;
            }
            const std::string why = "Không đúng cơ quan nhận (unknown recipient)";
            // Over a link the 02 is the reply; from the axis it is owed through the axis.
            out.reply = statusReply(edoc, *self, "02", why);
            const bool owed = channel == Channel::Axis && out.reply.status == 200;
            const auto e = statusEntry(0, "02", edoc.documentId, edoc.from.organId, edoc.from.organName, channel);
            store.transaction([&](store::Sql& sql) {
                row.packageSha = ex::putBytes(sql, "application/xml", body);
                ex::recordInbox(sql, row);
                if (owed && e) outbox->enqueueStatus(sql, *e, out.reply.body);
            });
            return out;
        }
        // Dedupe and register in one transaction (with the 01 owed through the axis).
        const store::Id organ = localOrgan(*us);
        const auto packageBytes = ex::prepareBytes("application/xml", body);
        std::vector<ex::PreparedBytes> fileBytes;
        for (const auto& a : edoc.attachments) fileBytes.push_back(ex::prepareBytes(a.mime.empty() ? "application/octet-stream" : a.mime, a.bytes));
        auto received = statusBytes(edoc, *us, "01", "");
        if (!received.ok()) throw Failure(Errc::Internal, "status 01 for " + edoc.documentId + ": " + received.error().messageEn);
        store.transaction([&](store::Sql& sql) {
            row.packageSha = ex::putPrepared(sql, packageBytes);
            row.reason = warnings;
            if (ex::incomingFor(sql, edoc.documentId, edoc.from.organId)) {
                row.outcome = "duplicate";
                ex::recordInbox(sql, row);
                return;
            }
            row.outcome = "registered";
            const store::Id inboxId = ex::recordInbox(sql, row);
            store::IncomingEntry e;
            e.organId = organ;
            e.year = dist::edxml::ictOf(nowSeconds()).date.year;
            e.receivedAt = row.receivedAt;
            e.sender = edoc.from.organName;
            e.code = edoc.code.text();
            e.documentDate = isoDate(edoc.promulgationDate);
            e.typeAndSubject = edoc.typeName.empty() ? edoc.subject : edoc.typeName + ": " + edoc.subject;
            e.senderOrganId = edoc.from.organId;
            e.edxmlDocumentId = edoc.documentId;
            e.inboxId = inboxId;
            std::vector<store::IncomingFile> files;
            for (std::size_t i = 0; i < edoc.attachments.size(); ++i) {
                const auto& a = edoc.attachments[i];
                files.push_back({int(i), a.name, a.mime, a.contentId, ex::putPrepared(sql, fileBytes[i])});
            }
            const auto registered = ex::registerIncoming(sql, e, files);
            if (channel == Channel::Axis)
                if (auto st = statusEntry(registered.id, "01", edoc.documentId, edoc.from.organId, edoc.from.organName, channel))
                    outbox->enqueueStatus(sql, *st, received.value());
        });
        out.reply = Reply{200, "application/xml; charset=utf-8", std::move(received.value())};
        return out;
    }
};

namespace {
class ExchangeHandler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit ExchangeHandler(Exchange::Impl& impl) : impl_(impl) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) override {
        Reply r = impl_.handle(req);
        try {
            res.setStatus(Poco::Net::HTTPResponse::HTTPStatus(r.status));
            res.setContentType(r.contentType);
            res.setContentLength64(Poco::Int64(r.body.size()));
            res.sendBuffer(r.body.data(), r.body.size());
        } catch (...) {
            // the client went away
        }
    }

private:
    Exchange::Impl& impl_;
};
}  // namespace

Exchange::Exchange(store::Store& store, ExchangeOptions options, std::shared_ptr<DocumentRenderer> renderer)
    : impl_(std::make_unique<Impl>(store, std::move(options), renderer ? std::move(renderer) : makeStandardRenderer())) {}

Exchange::~Exchange() { stop(); }

void Exchange::start() {
    if (!impl_->options.workers) return;
    impl_->outbox->start();
    if (impl_->poller) impl_->poller->start();
}

void Exchange::stop() {
    if (impl_->poller) impl_->poller->stop();
    impl_->outbox->stop();
}

Poco::Net::HTTPRequestHandler* Exchange::handlerFor(const Poco::Net::HTTPServerRequest& request) {
    std::string path;
    try {
        path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::Exception&) {
        return nullptr;
    }
    if (!Impl::isExchangePath(request.getMethod(), segments(path))) return nullptr;
    return new ExchangeHandler(*impl_);
}

void Exchange::prepareIssue(const store::DocumentRecord& draft, store::IssueRequest& request, Errors& warnings) {
    impl_->prepareIssue(draft, request, warnings);
}

void Exchange::issued() { impl_->outbox->wake(); }

std::function<void(store::Sql&, const store::DocumentRecord&)> Exchange::prepareRecall(
    store::Id document, const std::string& note, std::shared_ptr<distribution::Outbox::TakeBackCounts> counts) {
    return impl_->prepareRecall(document, note, std::move(counts));
}

void Exchange::recalled(const distribution::Outbox::TakeBackCounts& counts, Errors& warnings) { impl_->recalled(counts, warnings); }

distribution::Outbox& Exchange::outbox() { return *impl_->outbox; }

}  // namespace vanthu::server
