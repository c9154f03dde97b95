#include "core/error.h"

namespace vanthu {

std::string_view errcName(Errc c) noexcept {
    switch (c) {
        case Errc::InvalidInput: return "invalid_input";
        case Errc::SchemaViolation: return "schema_violation";
        case Errc::RuleViolation: return "rule_violation";
        case Errc::TooLarge: return "too_large";
        case Errc::NotFound: return "not_found";
        case Errc::Conflict: return "conflict";
        case Errc::Unauthorized: return "unauthorized";
        case Errc::Forbidden: return "forbidden";
        case Errc::FontMissing: return "font_missing";
        case Errc::Storage: return "storage";
        case Errc::Internal: return "internal";
    }
    return "internal";
}

std::string Error::describe() const {
    std::string s = std::to_string(line) + ":" + std::to_string(column) + ": ";
    s += field.empty() ? std::string("-") : field;
    s += ": ";
    s += messageEn;
    if (!messageVi.empty()) s += " (" + messageVi + ")";
    return s;
}

Error Error::make(Errc code, Location at, std::string vi, std::string en) {
    return Error{code, std::move(vi), std::move(en), std::move(at.field), at.line, at.column};
}

Error Error::make(Errc code, std::string field, std::string vi, std::string en) {
    return Error{code, std::move(vi), std::move(en), std::move(field), 0, 0};
}

}  // namespace vanthu
