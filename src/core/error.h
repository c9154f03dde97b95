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
