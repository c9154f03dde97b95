// input/strict_json.h: the one JSON reader of every JSON input (API bodies, documents as JSON).
//
// Poco's parser alone lets the last of two equal keys win, answers "Attempt to set value on an
// empty stack" to a top-level null, number or string, and passes "\u0000" through to the text.
// Here the text must be valid UTF-8 and one JSON object; each key appears once in its object; a
// key or string holds no control character (U+0000–U+001F except tab, line feed and carriage
// return, U+007F, U+0080–U+009F). Errors are Errc::InvalidInput naming the field as a path
// ("document.title", "body[2]"; "body" for the whole text). Thread-safe.
#pragma once

#include <Poco/JSON/Object.h>

#include <string_view>

#include "core/result.h"

namespace vanthu::input {

Result<Poco::JSON::Object::Ptr> parseStrictJsonObject(std::string_view text);

}  // namespace vanthu::input
