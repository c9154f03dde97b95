#include "server/json_body.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <vector>

#include "server/http_reply.h"
#include "server/http_request.h"
#include "core/iso_date.h"
#include "core/utf8.h"

namespace vanthu::server {

using Poco::JSON::Object;

Object::Ptr parseJsonObject(const std::string& body) {
    if (!vanthu::isValidUtf8(body)) fail(400, "invalid_input", "JSON không phải UTF-8 hợp lệ", "JSON is not valid UTF-8", "body");
    Poco::Dynamic::Var v;
    try {
        Poco::JSON::Parser p;
        v = p.parse(body);
    } catch (const Poco::Exception& e) {
        // Poco quotes the offending byte, which may not be UTF-8: keep printable ASCII only, so
        // the error itself stays valid JSON.
        std::string why;
        for (char c : e.message()) why += (c >= 0x20 && c < 0x7f) ? c : '?';
        fail(400, "invalid_input", "JSON không hợp lệ", "malformed JSON: " + why, "body");
    } catch (const std::exception&) {
        fail(400, "invalid_input", "JSON không hợp lệ", "malformed JSON", "body");
    }
    if (v.type() != typeid(Object::Ptr)) fail(400, "invalid_input", "Cần một đối tượng JSON", "expected a JSON object", "body");
    return v.extract<Object::Ptr>();
}

Object::Ptr jsonBody(const Request& req, std::initializer_list<const char*> allowed) {
    if (req.contentType != "application/json")
        fail(415, "unsupported_media_type", "Cần Content-Type application/json", "Content-Type must be application/json", "Content-Type");
    auto o = parseJsonObject(req.body);
    onlyKeys(*o, allowed);
    return o;
}

void onlyKeys(const Object& o, std::initializer_list<const char*> allowed) {
    std::vector<std::string> names;
    o.getNames(names);
    for (const auto& n : names) {
        bool known = false;
        for (const char* a : allowed) known = known || n == a;
        if (!known) fail(400, "unknown_field", "Trường không được hỗ trợ: " + n, "unknown field: " + n, n);
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

std::int64_t idField(const Object& o, const char* key) {
    if (!o.has(key)) return 0;
    const auto v = o.get(key);
    const auto notInteger = [&] {
        fail(400, "invalid_input", std::string("Trường ") + key + " phải là số nguyên", std::string(key) + " must be an integer", key);
    };
    const auto outOfRange = [&] {
        fail(400, "invalid_input", std::string("Trường ") + key + " phải là số nguyên dương không quá 2^53",
             std::string(key) + " must be a positive integer no larger than 2^53", key);
    };
    if (v.isString() || v.isBoolean() || !v.isInteger()) notInteger();  // Poco counts a bool as an integer
    // Poco keeps a literal above 2^63 - 1 as UInt64, whose conversion to Int64 throws.
    if (!v.isSigned()) {
        Poco::UInt64 u = 0;
        try {
            u = v.convert<Poco::UInt64>();
        } catch (const Poco::Exception&) {
            outOfRange();
        }
        if (u == 0 || u > Poco::UInt64(kMaxJsonId)) outOfRange();
        return std::int64_t(u);
    }
    Poco::Int64 n = 0;
    try {
        n = v.convert<Poco::Int64>();
    } catch (const Poco::Exception&) {
        outOfRange();
    }
    if (n <= 0 || n > kMaxJsonId) outOfRange();
    return n;
}

std::optional<bool> boolField(const Object& o, const char* key) {
    if (!o.has(key)) return std::nullopt;
    const auto v = o.get(key);
    if (!v.isBoolean())
        fail(400, "invalid_input", std::string("Trường ") + key + " phải là true hoặc false", std::string(key) + " must be true or false", key);
    return v.convert<bool>();
}

std::optional<model::Date> parseIsoDate(const std::string& s, const char* field) {
    if (s.empty()) return std::nullopt;
    const auto d = vanthu::parseIsoDate(s);  // YYYY-MM-DD and a real day
    if (!d || d->year < 1945) fail(400, "invalid_input", "Ngày phải có dạng YYYY-MM-DD", "date must be YYYY-MM-DD", field);
    return *d;
}

}  // namespace vanthu::server
