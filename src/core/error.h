// core/error.h: the one error vocabulary of vanthu (STYLE.md §5).
// Expected failures are values (Error inside a Result); faults throw Failure.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu {

enum class Errc {
    InvalidInput,     // malformed XML/JSON/UTF-8, impossible values
    SchemaViolation,  // valid XML that breaks schemas/document.xsd
    RuleViolation,    // breaks a Decree 30 invariant (model validation)
    TooLarge,         // over a size cap
    NotFound,
    Conflict,         // duplicate number and the like
    Unauthorized,     // no or an unknown credential
    Forbidden,        // the actor's role, organ or clearance does not allow it
    FontMissing,
    Storage,
    Internal,
};

std::string_view errcName(Errc c) noexcept;

// Where something is in a source: a field path such as "/document/body/article[2]/title",
// 1-based line and column (0 when unknown). model::SourcePos is this type.
struct Location {
    std::string field;
    int line = 0;
    int column = 0;
    bool operator==(const Location&) const = default;
};

// A located, bilingual error. `field` is a path such as "/document/body/article[2]/title";
// line and column are 1-based, 0 when unknown.
struct Error {
    Errc code = Errc::Internal;
    std::string messageVi;
    std::string messageEn;
    std::string field;
    int line = 0;
    int column = 0;
    // A finer, stable code for clients ("forbidden_organ", "unknown_field"); empty: errcName(code).
    std::string reason{};

    // "LINE:COL: field: message_en (message_vi)"; used by the CLI, one error per line.
    std::string describe() const;

    // Named factories, so a caller states the kind and the place in one call:
    //   return Error::notFound("register", "Không có sổ này", "no such register");
    //   errors.push_back(Error::rule(pos, "Thiếu chức vụ", "The signer has no position"));
    static Error make(Errc code, Location at, std::string vi, std::string en);
    static Error make(Errc code, std::string field, std::string vi, std::string en);
#define VANTHU_ERROR_FACTORY(name, errc)                                                   \
    static Error name(std::string field, std::string vi, std::string en) {                \
        return make(Errc::errc, std::move(field), std::move(vi), std::move(en));          \
    }                                                                                      \
    static Error name(Location at, std::string vi, std::string en) {                      \
        return make(Errc::errc, std::move(at), std::move(vi), std::move(en));             \
    }
    VANTHU_ERROR_FACTORY(invalidInput, InvalidInput)
    VANTHU_ERROR_FACTORY(schema, SchemaViolation)
    VANTHU_ERROR_FACTORY(rule, RuleViolation)
    VANTHU_ERROR_FACTORY(tooLarge, TooLarge)
    VANTHU_ERROR_FACTORY(notFound, NotFound)
    VANTHU_ERROR_FACTORY(conflict, Conflict)
#undef VANTHU_ERROR_FACTORY
};

using Errors = std::vector<Error>;

// A fault: I/O, a C library failing, a missing font. Carries a code for the HTTP/CLI mapping.
class Failure : public std::runtime_error {
public:
    Failure(Errc code, const std::string& what) : std::runtime_error(what), code_(code) {}
    Errc code() const noexcept { return code_; }

private:
    Errc code_;
};

}  // namespace vanthu
