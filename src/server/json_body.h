// server/json_body.h (private to server/): strict readers for JSON request bodies.
//
// A body is one JSON object, valid UTF-8, with only the fields the route names (an unknown one is
// a 400 naming it). Integers are exact: a fraction, a string, or a value outside [1, 2^53] is a
// 400 naming the field, never a 500 (Poco's conversion of a 2^63 integer throws).
#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "model/document.h"

namespace vanthu::server {

struct Request;

// The request's body as a JSON object; 415 when Content-Type is not application/json.
Poco::JSON::Object::Ptr jsonBody(const Request& req, std::initializer_list<const char*> allowed);
Poco::JSON::Object::Ptr parseJsonObject(const std::string& body);
void onlyKeys(const Poco::JSON::Object& o, std::initializer_list<const char*> allowed);

std::string stringField(const Poco::JSON::Object& o, const char* key, bool required);
// 0 when absent; a positive integer no larger than kMaxJsonId otherwise.
std::int64_t idField(const Poco::JSON::Object& o, const char* key);
std::optional<bool> boolField(const Poco::JSON::Object& o, const char* key);

inline constexpr std::int64_t kMaxJsonId = std::int64_t(1) << 53;  // exact in every JSON client

// "YYYY-MM-DD" (a real date, 1945 or later); nullopt for "".
std::optional<model::Date> parseIsoDate(const std::string& s, const char* field);

}  // namespace vanthu::server
