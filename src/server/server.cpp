#include "server/server.h"

#include <cctype>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "compose/register_sheet.h"
#include "core/error.h"
#include "input/document_json.h"
#include "input/document_reader.h"
#include "server/path.h"
#include "model/document_code.h"
#include "server/exchange.h"
#include "text/unicode.h"

namespace vanthu::server {

std::string openApiJson();  // openapi.cpp

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// ---- replies and errors --------------------------------------------------------------------

struct Reply {
    int status = 200;
    std::string contentType = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

std::string toJson(const Object& o) {
    std::ostringstream os;
    o.stringify(os);
    return os.str();
}

Object::Ptr errorObject(const std::string& code, const std::string& vi, const std::string& en, const std::string& field) {
    Object::Ptr o = new Object;
    o->set("code", code);
    o->set("message_vi", vi);
    o->set("message_en", en);
    o->set("field", field);
    return o;
}

// An expected failure that ends the request with a 4xx (thrown inside handlers, caught in one place).
struct HttpError {
    int status;
    std::string code, vi, en, field;
    Errors details;
};

[[noreturn]] void fail(int status, std::string code, std::string vi, std::string en, std::string field = {}) {
    throw HttpError{status, std::move(code), std::move(vi), std::move(en), std::move(field), {}};
}

int statusFor(Errc c) {
    switch (c) {
    case Errc::InvalidInput: return 400;
    case Errc::SchemaViolation:
    case Errc::RuleViolation: return 422;
    case Errc::TooLarge: return 413;
    case Errc::NotFound: return 404;
    case Errc::Conflict: return 409;
    case Errc::Storage: return 503;
    default: return 500;
    }
}

// The JSON error code: core's name for expected outcomes; faults are not detailed to clients.
std::string codeFor(Errc c) {
    switch (c) {
    case Errc::InvalidInput:
    case Errc::SchemaViolation:
    case Errc::RuleViolation:
    case Errc::TooLarge:
    case Errc::NotFound:
    case Errc::Conflict: return std::string(errcName(c));
    case Errc::Storage: return "storage_unavailable";
    default: return "internal";
    }
}

[[noreturn]] void failWith(const Errors& errors) {
    const Error& e = errors.front();
    throw HttpError{statusFor(e.code), codeFor(e.code), e.messageVi, e.messageEn, e.field, errors};
}

template <class T>
T& need(Result<T>& r) {
    if (!r.ok()) failWith(r.errors());
    return r.value();
}

Array::Ptr errorsArray(const Errors& errors) {
    Array::Ptr a = new Array;
    for (const auto& e : errors) {
        Object::Ptr o = errorObject(codeFor(e.code), e.messageVi, e.messageEn, e.field);
        if (e.line) {
            o->set("line", e.line);
            o->set("column", e.column);
        }
        a->add(o);
    }
    return a;
}

Reply jsonReply(int status, const Object& o) {
    Reply r;
    r.status = status;
    r.body = toJson(o);
    return r;
}

Reply errorReply(const HttpError& e) {
    Object::Ptr o = errorObject(e.code, e.vi, e.en, e.field);
    if (e.details.size() > 1) o->set("errors", errorsArray(e.details));
    Reply r = jsonReply(e.status, *o);
    if (e.status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
}

// ---- request helpers ---------------------------------------------------------------------

struct Request {
    std::string method;
    std::string path;                           // without the query
    std::map<std::string, std::string> params;  // query parameters (last one wins)
    std::set<std::string> paramNames;
    std::string contentType;                    // media type, lower case, without parameters
    std::string body;
    std::string authorization;
};

std::string lowerAscii(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

Request readRequest(HTTPServerRequest& req, std::size_t maxBody) {
    Request r;
    r.method = req.getMethod();
    try {
        Poco::URI uri(req.getURI());
        r.path = uri.getPath();
        for (const auto& [k, v] : uri.getQueryParameters()) {
            r.params[k] = v;
            r.paramNames.insert(k);
        }
    } catch (const Poco::Exception&) {
        fail(400, "invalid_input", "Địa chỉ yêu cầu không hợp lệ", "malformed request URI", "uri");
    }
    const std::string ct = req.get("Content-Type", "");
    r.contentType = lowerAscii(trim(ct.substr(0, ct.find(';'))));
    r.authorization = req.get("Authorization", "");
    if (req.hasContentLength() && req.getContentLength64() > Poco::Int64(maxBody)) {
        // Read (and drop) a moderately oversized body so the client sees the 413 instead of a
        // reset connection; a huge one is not worth reading.
        if (req.getContentLength64() <= Poco::Int64(4 * maxBody)) req.stream().ignore(std::numeric_limits<std::streamsize>::max());
        fail(413, "too_large", "Nội dung yêu cầu quá lớn", "request body too large (limit " + std::to_string(maxBody) + " bytes)", "body");
    }
    // RFC 9112 §6.3: without Content-Length or chunked coding a request has no body (Poco would
    // otherwise read until the client closes).
    const bool hasBody = req.hasContentLength() || req.getChunkedTransferEncoding();
    std::istream& in = req.stream();
    std::string body;
    char buf[16384];
    while (hasBody && in) {
        in.read(buf, sizeof buf);
        body.append(buf, std::size_t(in.gcount()));
        if (body.size() > maxBody)
            fail(413, "too_large", "Nội dung yêu cầu quá lớn", "request body too large (limit " + std::to_string(maxBody) + " bytes)", "body");
    }
    r.body = std::move(body);
    return r;
}

bool isXml(const std::string& ct) { return ct == "application/xml" || ct == "text/xml"; }

Object::Ptr parseJsonObject(const std::string& body) {
    if (!text::isValidUtf8(body)) fail(400, "invalid_input", "JSON không phải UTF-8 hợp lệ", "JSON is not valid UTF-8", "body");
    try {
        Poco::JSON::Parser p;
        Poco::Dynamic::Var v = p.parse(body);
        if (v.type() != typeid(Object::Ptr)) fail(400, "invalid_input", "Cần một đối tượng JSON", "expected a JSON object", "body");
        return v.extract<Object::Ptr>();
    } catch (const HttpError&) {
        throw;
    } catch (const Poco::Exception& e) {
        fail(400, "invalid_input", "JSON không hợp lệ", "malformed JSON: " + e.message(), "body");
    } catch (const std::exception&) {
        fail(400, "invalid_input", "JSON không hợp lệ", "malformed JSON", "body");
    }
}

void onlyKeys(const Object& o, std::initializer_list<const char*> allowed) {
    std::vector<std::string> names;
    o.getNames(names);
    for (const auto& n : names) {
        bool ok = false;
        for (const char* a : allowed) ok = ok || n == a;
        if (!ok) fail(400, "unknown_field", "Trường không được hỗ trợ: " + n, "unknown field: " + n, n);
    }
}

std::string stringField(const Object& o, const char* key, bool required) {
    if (!o.has(key)) {
        if (required) fail(400, "missing_field", std::string("Thiếu trường ") + key, std::string("missing field ") + key, key);
        return "";
    }
    const auto v = o.get(key);
    if (!v.isString()) fail(400, "invalid_input", std::string("Trường ") + key + " phải là chuỗi", std::string(key) + " must be a string", key);
    return v.convert<std::string>();
}

std::int64_t intField(const Object& o, const char* key) {
    if (!o.has(key)) return 0;
    const auto v = o.get(key);
    if (!v.isInteger() || v.isString())
        fail(400, "invalid_input", std::string("Trường ") + key + " phải là số nguyên", std::string(key) + " must be an integer", key);
    const auto n = v.convert<Poco::Int64>();
    if (n <= 0) fail(400, "invalid_input", std::string("Trường ") + key + " phải dương", std::string(key) + " must be positive", key);
    return n;
}

std::optional<model::Date> parseDate(const std::string& s, const char* field) {
    if (s.empty()) return std::nullopt;
    model::Date d;
    bool ok = s.size() == 10 && s[4] == '-' && s[7] == '-';
    for (std::size_t i = 0; ok && i < s.size(); ++i)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) ok = false;
    if (ok) {
        d.year = std::stoi(s.substr(0, 4));
        d.month = std::stoi(s.substr(5, 2));
        d.day = std::stoi(s.substr(8, 2));
        ok = model::isValidDate(d) && d.year >= 1945;
    }
    if (!ok) fail(400, "invalid_input", "Ngày phải có dạng YYYY-MM-DD", "date must be YYYY-MM-DD", field);
    return d;
}

std::int64_t parseId(const std::string& s) {
    if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos)
        fail(404, "not_found", "Không có tài nguyên này", "no such resource", "id");
    return std::stoll(s);
}

int parsePositive(const std::string& s, const char* field, int max) {
    if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos || std::stoi(s) < 1 || std::stoi(s) > max)
        fail(400, "invalid_input", std::string("Tham số ") + field + " không hợp lệ", std::string("invalid ") + field, field);
    return std::stoi(s);
}

std::vector<std::string> split(const std::string& path) { return detail::pathSegments(path); }

// ---- metrics -----------------------------------------------------------------------------

struct Metrics {
    std::atomic<std::uint64_t> byClass[6]{};
    std::atomic<std::uint64_t> issued{0};
    std::atomic<std::uint64_t> micros{0};
    std::atomic<std::uint64_t> count{0};
};

}  // namespace

// ---- the service -------------------------------------------------------------------------

struct Server::Impl {
    store::Store& store;
    ServerOptions options;
    std::shared_ptr<DocumentRenderer> renderer;
    Metrics metrics;
    std::unique_ptr<Poco::ThreadPool> threads;
    std::unique_ptr<Poco::Net::HTTPServer> http;
    int port = 0;

    Impl(store::Store& s, ServerOptions o, std::shared_ptr<DocumentRenderer> r)
        : store(s), options(std::move(o)), renderer(std::move(r)) {}

    // The one place where every outcome becomes a reply.
    Reply handle(HTTPServerRequest& hreq) {
        try {
            Request req = readRequest(hreq, options.maxBodyBytes);
            return route(req);
        } catch (const HttpError& e) {
            return errorReply(e);
        } catch (const Failure& f) {
            const int st = statusFor(f.code());
            if (st >= 500) std::cerr << "vanthu serve: " << errcName(f.code()) << ": " << f.what() << "\n";
            return errorReply(HttpError{st, codeFor(f.code()), st >= 500 ? "Lỗi máy chủ" : f.what(),
                                        st >= 500 ? "server fault" : f.what(), "", {}});
        } catch (const Poco::Exception& e) {
            std::cerr << "vanthu serve: fault: " << e.displayText() << "\n";
            return errorReply(HttpError{500, "internal", "Lỗi máy chủ", "server fault", "", {}});
        } catch (const std::exception& e) {
            std::cerr << "vanthu serve: fault: " << e.what() << "\n";
            return errorReply(HttpError{500, "internal", "Lỗi máy chủ", "server fault", "", {}});
        }
    }

    store::User authenticate(const Request& req) {
        if (req.authorization.empty())
            fail(401, "unauthorized", "Thiếu mã truy cập (Authorization: Bearer …)", "missing bearer token", "Authorization");
        const std::string prefix = "Bearer ";
        if (req.authorization.rfind(prefix, 0) != 0)
            fail(401, "unauthorized", "Mã truy cập phải theo dạng Bearer", "Authorization must be 'Bearer <token>'", "Authorization");
        const auto user = store.authenticate(trim(req.authorization.substr(prefix.size())));
        if (!user) fail(401, "unauthorized", "Mã truy cập không hợp lệ", "invalid token", "Authorization");
        return *user;
    }

    static void requireRole(const store::User& u, std::initializer_list<store::Role> roles) {
        for (auto r : roles)
            if (u.role == r || u.role == store::Role::Admin) return;
        fail(403, "forbidden_role", "Vai trò " + std::string(store::roleName(u.role)) + " không được làm việc này",
             "role " + std::string(store::roleName(u.role)) + " may not do this", "role");
    }

    // Organ scope and clearance: one rule for every document read or write.
    store::DocumentRecord visibleDocument(const store::User& u, std::int64_t id) {
        auto r = store.document(id);
        auto& d = need(r);
        if (u.role != store::Role::Admin && d.organId != u.organId)
            fail(403, "forbidden_organ", "Văn bản thuộc cơ quan khác", "the document belongs to another organ", "id");
        if (d.secret && !u.cleared)
            fail(403, "forbidden_secret", "Văn bản mật: người dùng chưa được phép", "secret document: the user is not cleared", "id");
        return d;
    }

    store::Register visibleRegister(const store::User& u, std::int64_t id) {
        const auto reg = store.registerById(id);
        if (!reg) fail(404, "not_found", "Không có sổ này", "no such register", "register");
        if (u.role != store::Role::Admin && reg->organId != u.organId)
            fail(403, "forbidden_organ", "Sổ thuộc cơ quan khác", "the register belongs to another organ", "register");
        return *reg;
    }

    std::string actor(const store::User& u) { return u.name + " #" + std::to_string(u.id); }

    // The XML of a POST/PUT: the body itself (application/xml), or JSON (application/json)
    // holding either {"xml": "…"} or {"document": {…}}, the document's fields as JSON
    // (input/document_json.h), which become the same XML and meet the same checks.
    std::string documentXml(const Request& req, std::int64_t* registerId = nullptr) {
        if (isXml(req.contentType)) return req.body;
        if (req.contentType == "application/json") {
            const auto o = parseJsonObject(req.body);
            if (registerId) onlyKeys(*o, {"xml", "document", "register"});
            else onlyKeys(*o, {"xml", "document"});
            if (registerId) *registerId = intField(*o, "register");
            if (o->has("document")) {
                if (o->has("xml"))
                    fail(400, "invalid_input", "Chỉ gửi một trong hai trường xml hoặc document",
                         "send either xml or document, not both", "document");
                if (o->get("document").type() != typeid(Object::Ptr))
                    fail(400, "invalid_input", "Trường document phải là một đối tượng JSON", "document must be a JSON object", "document");
                std::ostringstream json;
                o->get("document").extract<Object::Ptr>()->stringify(json);
                auto xml = input::documentJsonToXml(json.str());
                return std::move(need(xml));
            }
            return stringField(*o, "xml", true);
        }
        fail(415, "unsupported_media_type", "Cần Content-Type application/xml hoặc application/json",
             "Content-Type must be application/xml or application/json", "Content-Type");
    }

    input::ReadOutcome readXml(const std::string& xml) {
        input::ReadOptions opts;
        opts.maxBytes = options.maxBodyBytes;
        auto r = input::readDocumentXml(xml, opts);
        return std::move(need(r));
    }

    // The organ a submitted document goes to: the user's own; an admin's goes to its issuer.
    std::int64_t organFor(const store::User& u, const model::Document& doc) {
        if (u.role == store::Role::Admin) {
            if (doc.issuer.abbreviation.empty())
                fail(422, "rule_violation", "Cần chữ viết tắt của cơ quan ban hành", "the issuer needs an abbreviation",
                     "/document/issuer/@abbreviation");
            return store.ensureOrgan(doc.issuer.abbreviation, doc.issuer.name).id;
        }
        const auto organ = store.organ(u.organId);
        if (!organ || doc.issuer.abbreviation != organ->abbreviation)
            fail(403, "forbidden_organ", "Cơ quan ban hành không phải cơ quan của người dùng",
                 "the issuer is not the user's organ", "/document/issuer/@abbreviation");
        return u.organId;
    }

    Object::Ptr documentJson(const store::DocumentRecord& d) {
        Object::Ptr o = new Object;
        o->set("id", d.id);
        o->set("status", std::string(store::statusName(d.status)));
        o->set("type", d.type);
        const bool numbered = d.number > 0;
        o->set("number", numbered ? Poco::Dynamic::Var(d.number) : Poco::Dynamic::Var());
        o->set("code", numbered ? Poco::Dynamic::Var(d.code) : Poco::Dynamic::Var());
        o->set("register", numbered ? Poco::Dynamic::Var(d.registerId) : Poco::Dynamic::Var());
        o->set("year", numbered ? Poco::Dynamic::Var(d.year) : Poco::Dynamic::Var());
        o->set("series", numbered ? Poco::Dynamic::Var(d.series) : Poco::Dynamic::Var());
        o->set("issue_date", d.issueDate.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(d.issueDate));
        o->set("notation", d.notation);
        o->set("subject", d.subject);
        o->set("signer", d.signer);
        o->set("issuer", d.issuer);
        o->set("organ", d.organId);
        o->set("secret", d.secret);
        o->set("legal_normative", d.legalNormative);
        Array::Ptr rels = new Array;
        for (const auto& r : store.relations(d.id)) {
            Object::Ptr x = new Object;
            x->set("from", r.from);
            x->set("to", r.to);
            x->set("kind", r.kind);
            x->set("note", r.note);
            rels->add(x);
        }
        o->set("relations", rels);
        return o;
    }

    Array::Ptr warningsJson(const Errors& ws) {
        Array::Ptr a = new Array;
        for (const auto& w : ws) a->add(errorObject("warning", w.messageVi, w.messageEn, w.field));
        return a;
    }
    Array::Ptr warningsJson(const Warnings& ws) {  // core::Warning (issue 9); the exchange hooks still pass Errors
        Array::Ptr a = new Array;
        for (const auto& w : ws) a->add(errorObject("warning", w.messageVi, w.messageEn, w.field));
        return a;
    }

    Reply route(Request& req) {
        auto seg = split(req.path);
        if (seg.size() >= 2 && seg[0] == "api" && seg[1] == "v1") seg.erase(seg.begin(), seg.begin() + 2);
        else if (!(seg.size() == 1 && (seg[0] == "healthz" || seg[0] == "metrics" || seg[0] == "openapi.json")))
            fail(404, "not_found", "Không có đường dẫn này", "no such path", "path");
        if (seg.empty()) fail(404, "not_found", "Không có đường dẫn này", "no such path", "path");
        const std::string& m = req.method;
        auto method = [&](const char* want) {
            if (m != want)
                fail(405, "method_not_allowed", "Phương thức " + m + " không được hỗ trợ ở đây", "method " + m + " not allowed here", "method");
        };
        auto noParams = [&](std::initializer_list<const char*> allowed) {
            for (const auto& n : req.paramNames) {
                bool ok = false;
                for (const char* a : allowed) ok = ok || n == a;
                if (!ok) fail(400, "unknown_field", "Tham số không được hỗ trợ: " + n, "unknown query parameter: " + n, n);
            }
        };
        const std::string& head = seg[0];
        if (head == "healthz" && seg.size() == 1) {
            method("GET");
            Object o;
            o.set("status", "ok");
            o.set("backend", store.backend() == store::Backend::Sqlite ? "sqlite" : "postgresql");
            o.set("schema_version", store.schemaVersion());
            return jsonReply(200, o);
        }
        if (head == "metrics" && seg.size() == 1) {
            method("GET");
            return metricsReply();
        }
        if (head == "openapi.json" && seg.size() == 1) {
            method("GET");
            Reply r;
            r.body = openApiJson();
            return r;
        }
        const store::User user = authenticate(req);
        if (head == "documents") return documents(req, seg, user, method, noParams);
        if (head == "search" && seg.size() == 1) {
            method("GET");
            noParams({"q", "code", "type", "issuer", "signer", "from", "to", "register", "page", "page_size"});
            return search(req, user);
        }
        if (head == "registers") return registers(req, seg, user, method, noParams);
        if (head == "audit" && seg.size() == 2 && seg[1] == "verify") {
            method("GET");
            requireRole(user, {store::Role::Admin});
            const auto rep = store.verifyAudit();
            Object o;
            o.set("ok", rep.ok());
            o.set("rows", rep.rows);
            o.set("first_bad_row", rep.firstBadRow);
            o.set("problem", rep.problem);
            return jsonReply(200, o);
        }
        fail(404, "not_found", "Không có đường dẫn này", "no such path", "path");
    }

    template <class M, class P>
    Reply documents(Request& req, const std::vector<std::string>& seg, const store::User& user, M& method, P& noParams) {
        using store::Role;
        if (seg.size() == 1) {
            method("POST");
            noParams({});
            requireRole(user, {Role::Drafter, Role::Clerk});
            const std::string xml = documentXml(req);
            auto read = readXml(xml);
            Warnings warnings = read.warnings;
            if (read.document.code.number) {
                Warning w;
                w.messageVi = "Số " + std::to_string(*read.document.code.number) + " trong văn bản không được giữ: dự thảo được cấp số khi ban hành";
                w.messageEn = "the number " + std::to_string(*read.document.code.number) + " in the document is not kept: a draft is numbered when issued";
                w.field = "/document/code/@number";
                warnings.insert(warnings.begin(), w);
            }
            const auto organ = organFor(user, read.document);
            auto rec = store.createDraft(organ, xml, read.document, actor(user));
            auto& d = need(rec);
            Object::Ptr o = documentJson(d);
            o->set("warnings", warningsJson(warnings));
            Reply r = jsonReply(201, *o);
            r.headers.emplace_back("Location", "/api/v1/documents/" + std::to_string(d.id));
            return r;
        }
        if (seg.size() == 2 && seg[1] == "import") {
            method("POST");
            noParams({});
            requireRole(user, {Role::Clerk});
            std::int64_t registerId = 0;
            const std::string xml = documentXml(req, &registerId);
            auto read = readXml(xml);
            const auto organ = organFor(user, read.document);
            if (registerId) visibleRegister(user, registerId);
            auto rec = store.importIssued(organ, registerId, xml, read.document, actor(user));
            auto& d = need(rec);
            Object::Ptr o = documentJson(d);
            o->set("warnings", warningsJson(read.warnings));
            Reply r = jsonReply(201, *o);
            r.headers.emplace_back("Location", "/api/v1/documents/" + std::to_string(d.id));
            return r;
        }
        // /documents/{id}[.docx|.pdf|.xml][/action]
        std::string idText = seg[1];
        std::string ext;
        if (const auto dot = idText.find('.'); dot != std::string::npos) {
            ext = idText.substr(dot + 1);
            idText = idText.substr(0, dot);
        }
        const std::int64_t id = parseId(idText);
        if (seg.size() == 2 && !ext.empty()) {
            method("GET");
            noParams({});
            const auto d = visibleDocument(user, id);
            if (ext == "xml") {
                Reply r;
                r.contentType = "application/xml; charset=utf-8";
                r.body = d.xml;
                return r;
            }
            if (ext != "docx" && ext != "pdf") fail(404, "not_found", "Không có định dạng này", "no such format", "format");
            return renderDocument(d, ext);
        }
        if (seg.size() == 2) {
            if (m(req) == "GET") {
                noParams({});
                return jsonReply(200, *documentJson(visibleDocument(user, id)));
            }
            method("PUT");
            noParams({});
            requireRole(user, {Role::Drafter, Role::Clerk});
            visibleDocument(user, id);
            const std::string xml = documentXml(req);
            auto read = readXml(xml);
            const auto organ = organFor(user, read.document);
            const auto cur = visibleDocument(user, id);
            if (organ != cur.organId)
                fail(403, "forbidden_organ", "Không chuyển văn bản sang cơ quan khác được", "a draft cannot move to another organ",
                     "/document/issuer/@abbreviation");
            auto rec = store.updateDraft(id, xml, read.document, actor(user));
            Object::Ptr o = documentJson(need(rec));
            o->set("warnings", warningsJson(read.warnings));
            return jsonReply(200, *o);
        }
        if (seg.size() == 3) {
            method("POST");
            noParams({});
            const std::string& action = seg[2];
            if (action == "issue") {
                requireRole(user, {Role::Clerk});
                visibleDocument(user, id);
                store::IssueRequest ir;
                if (!req.body.empty()) {
                    if (req.contentType != "application/json")
                        fail(415, "unsupported_media_type", "Cần Content-Type application/json", "Content-Type must be application/json", "Content-Type");
                    const auto o = parseJsonObject(req.body);
                    onlyKeys(*o, {"register", "date"});
                    ir.registerId = intField(*o, "register");
                    ir.date = parseDate(stringField(*o, "date", false), "date");
                }
                if (ir.registerId) visibleRegister(user, ir.registerId);
                Errors warnings;  // recipients that will not be delivered (issue 5)
                if (options.exchange) options.exchange->prepareIssue(visibleDocument(user, id), ir, warnings);
                auto rec = store.issue(id, ir, actor(user));
                auto& d = need(rec);
                metrics.issued++;
                if (options.exchange) options.exchange->issued();
                Object::Ptr o = documentJson(d);
                o->set("warnings", warningsJson(warnings));
                return jsonReply(200, *o);
            }
            if (action == "distribute" || action == "archive" || action == "recall") {
                requireRole(user, {Role::Clerk});
                visibleDocument(user, id);
                std::string note;
                if (!req.body.empty()) {
                    if (req.contentType != "application/json")
                        fail(415, "unsupported_media_type", "Cần Content-Type application/json", "Content-Type must be application/json", "Content-Type");
                    const auto o = parseJsonObject(req.body);
                    onlyKeys(*o, {"note"});
                    note = stringField(*o, "note", false);
                }
                const auto to = action == "distribute" ? store::Status::Distributed
                              : action == "archive"    ? store::Status::Archived
                                                       : store::Status::Recalled;
                // Issue 5: a recall asks the recipients to give the document back, in the same transaction.
                const bool takeBack = to == store::Status::Recalled && options.exchange;
                auto counts = std::make_shared<distribution::Outbox::TakeBackCounts>();
                auto rec = store.setStatus(id, to, actor(user), note,
                                           takeBack ? options.exchange->prepareRecall(id, note, counts) : nullptr);
                auto& d = need(rec);
                Object::Ptr o = documentJson(d);
                if (takeBack) {
                    Errors warnings;
                    options.exchange->recalled(*counts, warnings);
                    o->set("warnings", warningsJson(warnings));
                }
                return jsonReply(200, *o);
            }
            if (action == "relations") {
                requireRole(user, {Role::Clerk});
                visibleDocument(user, id);
                if (req.contentType != "application/json")
                    fail(415, "unsupported_media_type", "Cần Content-Type application/json", "Content-Type must be application/json", "Content-Type");
                const auto o = parseJsonObject(req.body);
                onlyKeys(*o, {"kind", "target", "note"});
                store::Relation rel{id, intField(*o, "target"), stringField(*o, "kind", true), stringField(*o, "note", false)};
                if (!rel.to) fail(400, "missing_field", "Thiếu trường target", "missing field target", "target");
                visibleDocument(user, rel.to);
                auto r = store.addRelation(rel, actor(user));
                need(r);
                return jsonReply(201, *documentJson(visibleDocument(user, id)));
            }
        }
        fail(404, "not_found", "Không có đường dẫn này", "no such path", "path");
    }

    static const std::string& m(const Request& r) { return r.method; }

    Reply renderDocument(const store::DocumentRecord& d, const std::string& format) {
        if (!renderer->supports(format))
            fail(501, "not_implemented", "Chưa hỗ trợ định dạng " + format, "format " + format + " is not available yet", "format");
        std::optional<std::string> bytes;
        const bool immutable = d.status != store::Status::Draft;
        if (immutable) bytes = store.artifact(d.id, format);
        if (!bytes) {
            auto read = readXml(d.xml);
            model::Document doc = read.document;
            // The register is the authority for number and date; the stored XML is as submitted.
            doc.code.number = d.number > 0 ? std::optional<int>(d.number) : std::nullopt;
            doc.code.year = d.legalNormative && d.number > 0 ? std::optional<int>(d.year) : std::nullopt;
            if (!d.issueDate.empty()) {
                doc.issueDate = model::Date{std::stoi(d.issueDate.substr(0, 4)), std::stoi(d.issueDate.substr(5, 2)),
                                            std::stoi(d.issueDate.substr(8, 2))};
            } else {
                doc.issueDate.reset();
            }
            bytes = renderer->renderDocument(doc, format);
            if (!bytes) fail(501, "not_implemented", "Chưa hỗ trợ định dạng " + format, "format " + format + " is not available yet", "format");
            if (immutable) store.putArtifact(d.id, format, mediaType(format), *bytes);
        }
        Reply r;
        r.contentType = mediaType(format);
        r.body = std::move(*bytes);
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"document-" + std::to_string(d.id) + "." + format + "\"");
        return r;
    }

    static std::string mediaType(const std::string& format) {
        if (format == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (format == "pdf") return "application/pdf";
        if (format == "csv") return "text/csv; charset=utf-8";
        return "application/octet-stream";
    }

    Reply search(const Request& req, const store::User& user) {
        store::Query q;
        auto p = [&](const char* k) {
            const auto it = req.params.find(k);
            return it == req.params.end() ? std::string() : it->second;
        };
        for (const char* k : {"q", "code", "type", "issuer", "signer"})
            if (p(k).size() > 500 || !text::isValidUtf8(p(k)))
                fail(400, "invalid_input", std::string("Tham số ") + k + " không hợp lệ", std::string("invalid ") + k, k);
        q.text = p("q");
        q.code = p("code");
        q.type = p("type");
        if (!q.type.empty() && !model::typeFromKey(q.type))
            fail(400, "invalid_input", "Loại văn bản không hợp lệ", "unknown document type", "type");
        q.issuer = p("issuer");
        q.signer = p("signer");
        if (parseDate(p("from"), "from")) q.from = p("from");
        if (parseDate(p("to"), "to")) q.to = p("to");
        if (!p("register").empty()) q.registerId = parsePositive(p("register"), "register", 999999);
        if (!p("page").empty()) q.page = parsePositive(p("page"), "page", 100000);
        if (!p("page_size").empty()) q.pageSize = parsePositive(p("page_size"), "page_size", 100);
        if (user.role != store::Role::Admin) q.organId = user.organId;
        q.includeSecret = user.cleared;
        const auto res = store.search(q);
        Object o;
        o.set("total", res.total);
        o.set("page", q.page);
        o.set("page_size", q.pageSize);
        Array::Ptr items = new Array;
        for (const auto& h : res.items) {
            Object::Ptr x = new Object;
            x->set("id", h.id);
            x->set("code", h.code.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(h.code));
            x->set("subject", h.subject);
            x->set("type", h.type);
            x->set("issue_date", h.issueDate.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(h.issueDate));
            x->set("status", h.status);
            items->add(x);
        }
        o.set("items", items);
        return jsonReply(200, o);
    }

    template <class M, class P>
    Reply registers(Request& req, const std::vector<std::string>& seg, const store::User& user, M& method, P& noParams) {
        if (seg.size() == 1) {
            if (req.method == "POST") {
                noParams({});
                requireRole(user, {store::Role::Admin});
                if (req.contentType != "application/json")
                    fail(415, "unsupported_media_type", "Cần Content-Type application/json", "Content-Type must be application/json", "Content-Type");
                const auto o = parseJsonObject(req.body);
                onlyKeys(*o, {"name", "kind", "scope", "organ"});
                const std::int64_t organ = o->has("organ") ? intField(*o, "organ") : user.organId;
                if (!store.organ(organ)) fail(404, "not_found", "Không có cơ quan này", "no such organ", "organ");
                const std::string kind = o->has("kind") ? stringField(*o, "kind", false) : "outgoing";
                const std::string scope = o->has("scope") ? stringField(*o, "scope", false) : "shared";
                auto r = store.createRegister(organ, stringField(*o, "name", true), kind, scope, actor(user));
                return jsonReply(201, *registerJson(need(r)));
            }
            method("GET");
            noParams({});
            if (user.role != store::Role::Admin) store.defaultRegister(user.organId);
            Array::Ptr a = new Array;
            for (const auto& r : store.registers(user.role == store::Role::Admin ? std::nullopt : std::optional<std::int64_t>(user.organId)))
                a->add(registerJson(r));
            Object o;
            o.set("items", a);
            return jsonReply(200, o);
        }
        const std::int64_t id = parseId(seg[1]);
        if (seg.size() == 3 && seg[2] == "entries") {
            method("GET");
            noParams({"format", "year"});
            const auto reg = visibleRegister(user, id);
            const auto fmt = req.params.count("format") ? req.params.at("format") : "json";
            int year = 0;
            if (req.params.count("year")) year = parsePositive(req.params.at("year"), "year", 9999);
            else {
                const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
                year = int(std::chrono::year_month_day{days}.year());
            }
            if (fmt != "json" && fmt != "csv" && fmt != "docx" && fmt != "pdf")
                fail(406, "not_acceptable", "Định dạng phải là json, csv, docx hoặc pdf", "format must be json, csv, docx or pdf", "format");
            auto entries = store.entries(id, year);
            if (!user.cleared) {  // the secret series is kept from users without clearance
                std::vector<store::RegisterEntry> open;
                for (auto& e : entries)
                    if (e.series != "mat") open.push_back(std::move(e));
                entries = std::move(open);
            }
            if (fmt == "csv") {
                Reply r;
                r.contentType = mediaType("csv");
                r.body = store::registerCsv(entries);
                return r;
            }
            if (fmt == "docx" || fmt == "pdf") {
                if (!renderer->supports(fmt))
                    fail(501, "not_implemented", "Chưa hỗ trợ định dạng " + fmt, "format " + fmt + " is not available yet", "format");
                compose::RegisterSheet sheet;
                const auto organ = store.organ(reg.organId);
                sheet.title = "SỔ ĐĂNG KÝ VĂN BẢN ĐI";
                sheet.organName = organ ? organ->name : "";
                sheet.registerName = reg.name;
                sheet.year = year;
                sheet.headings = store::registerHeadings();
                sheet.relativeWidths = {1.9, 1.4, 3.2, 1.4, 2.0, 1.4, 0.8, 1.4, 0.9, 1.3};  // dates and codes never wrap
                for (const auto& e : entries) sheet.rows.push_back(store::registerCells(e));
                auto bytes = renderer->renderRegister(sheet, fmt);
                if (!bytes) fail(501, "not_implemented", "Chưa hỗ trợ định dạng " + fmt, "format " + fmt + " is not available yet", "format");
                Reply r;
                r.contentType = mediaType(fmt);
                r.body = std::move(*bytes);
                return r;
            }
            Object o;
            o.set("register", registerJson(reg));
            o.set("year", year);
            Array::Ptr a = new Array;
            for (const auto& e : entries) {
                Object::Ptr x = new Object;
                x->set("number", e.number);
                x->set("series", e.series);
                x->set("document", e.documentId);
                x->set("code", e.code);
                x->set("date", e.issueDate);
                x->set("type_and_subject", e.typeAndSubject);
                x->set("signer", e.signer);
                x->set("recipients", e.recipients);
                x->set("archive", e.archiveUnit);
                x->set("copies", e.copies);
                x->set("note", e.note);
                a->add(x);
            }
            o.set("items", a);
            return jsonReply(200, o);
        }
        fail(404, "not_found", "Không có đường dẫn này", "no such path", "path");
    }

    static Object::Ptr registerJson(const store::Register& r) {
        Object::Ptr o = new Object;
        o->set("id", r.id);
        o->set("organ", r.organId);
        o->set("name", r.name);
        o->set("kind", r.kind);
        o->set("scope", r.scope);
        return o;
    }

    Reply metricsReply() {
        std::ostringstream os;
        os << "# HELP vanthu_http_requests_total HTTP requests answered, by status class.\n"
              "# TYPE vanthu_http_requests_total counter\n";
        for (int c = 1; c <= 5; ++c)
            os << "vanthu_http_requests_total{status=\"" << c << "xx\"} " << metrics.byClass[c].load() << "\n";
        os << "# HELP vanthu_documents_issued_total Documents numbered and issued by this process.\n"
              "# TYPE vanthu_documents_issued_total counter\n"
              "vanthu_documents_issued_total " << metrics.issued.load() << "\n"
              "# HELP vanthu_http_request_duration_seconds Time spent answering requests.\n"
              "# TYPE vanthu_http_request_duration_seconds summary\n"
              "vanthu_http_request_duration_seconds_sum " << double(metrics.micros.load()) / 1e6 << "\n"
              "vanthu_http_request_duration_seconds_count " << metrics.count.load() << "\n";
        Reply r;
        r.contentType = "text/plain; version=0.0.4; charset=utf-8";
        r.body = os.str();
        return r;
    }
};

namespace {

class Handler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(Server::Impl& impl) : impl_(impl) {}
    void handleRequest(HTTPServerRequest& req, HTTPServerResponse& res) override {
        const auto t0 = std::chrono::steady_clock::now();
        Reply reply = impl_.handle(req);
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
        impl_.metrics.micros += std::uint64_t(us);
        impl_.metrics.count++;
        const int cls = reply.status / 100;
        if (cls >= 1 && cls <= 5) impl_.metrics.byClass[cls]++;
        if (impl_.options.logRequests)
            std::cerr << req.getMethod() << " " << req.getURI() << " " << reply.status << " " << us << "us\n";
        try {
            res.setStatus(HTTPResponse::HTTPStatus(reply.status));
            res.setContentType(reply.contentType);
            for (const auto& [k, v] : reply.headers) res.set(k, v);
            res.setContentLength64(Poco::Int64(reply.body.size()));
            res.sendBuffer(reply.body.data(), reply.body.size());
        } catch (...) {
            // the client went away; nothing to tell it
        }
    }

private:
    Server::Impl& impl_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(Server::Impl& impl) : impl_(impl) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& req) override {
        if (impl_.options.exchange)
            if (auto* h = impl_.options.exchange->handlerFor(req)) return h;
        return new Handler(impl_);
    }

private:
    Server::Impl& impl_;
};

}  // namespace

Server::Server(store::Store& store, ServerOptions options, std::shared_ptr<DocumentRenderer> renderer)
    : impl_(std::make_unique<Impl>(store, std::move(options), renderer ? std::move(renderer) : makeStandardRenderer())) {}

Server::~Server() { stop(); }

void Server::start() {
    if (impl_->http) return;
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(impl_->options.host, Poco::UInt16(impl_->options.port)), 256);
    impl_->port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(impl_->options.maxThreads);
    params->setMaxQueued(512);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(10, 0));
    params->setTimeout(Poco::Timespan(30, 0));
    impl_->threads = std::make_unique<Poco::ThreadPool>(2, impl_->options.maxThreads + 2);
    impl_->http = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl_), *impl_->threads, socket, params);
    impl_->http->start();
}

void Server::stop() {
    if (!impl_->http) return;
    impl_->http->stopAll(true);
    impl_->http.reset();
    impl_->threads->joinAll();
    impl_->threads.reset();
}

int Server::port() const { return impl_->port; }

int loadSamples(store::Store& store, const std::string& samplesDir) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    // Document samples are NN-name.xml; other files there (agencies.xml, the directory) are data.
    for (const auto& e : fs::directory_iterator(samplesDir)) {
        const std::string n = e.path().filename().string();
        if (e.path().extension() == ".xml" && n.size() > 3 && std::isdigit(static_cast<unsigned char>(n[0])) &&
            std::isdigit(static_cast<unsigned char>(n[1])) && n[2] == '-')
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    int n = 0;
    for (const auto& f : files) {
        auto read = input::readDocumentFile(f);
        if (!read.ok()) {
            std::cerr << "vanthu: sample " << f.string() << ": " << read.error().describe() << "\n";
            continue;
        }
        const auto& doc = read.value().document;
        const auto organ = store.ensureOrgan(doc.issuer.abbreviation, doc.issuer.name);
        std::ifstream in(f, std::ios::binary);
        const std::string xml((std::istreambuf_iterator<char>(in)), {});
        auto r = store.importIssued(organ.id, 0, xml, doc, "samples");
        if (r.ok()) ++n;
    }
    return n;
}

}  // namespace vanthu::server
