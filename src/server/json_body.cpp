#include "server/json_body.h"

#include <Poco/Exception.h>

#include <vector>

#include "server/http_reply.h"
#include "server/http_request.h"
#include "core/iso_date.h"
#include "input/strict_json.h"
#include "model/validation.h"

namespace vanthu::server {

using Poco::JSON::Object;

Object::Ptr parseJsonObject(const std::string& body) {
    auto o = input::parseStrictJsonObject(body);  // one object, each key once, no control character
    if (!o.ok()) {
        const Error& e = o.error();
        fail(400, "invalid_input", e.messageVi, e.messageEn, e.field.empty() ? "body" : e.field);
    }
    return o.value();
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
    if (!d) fail(400, "invalid_input", "Ngày phải có dạng YYYY-MM-DD", "date must be YYYY-MM-DD", field);
    if (d->year < model::kEarliestIssueYear)
        fail(400, "invalid_input", "Ngày phải từ năm 1945 trở đi", "the date must be in 1945 or later", field);
    return *d;
}

}  // namespace vanthu::server
