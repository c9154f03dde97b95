// xml/schema.h: XSD validation with every error located and worded in Vietnamese and English.
#pragma once

#include <filesystem>
#include <memory>

#include "core/error.h"
#include "xml/parser.h"

namespace vanthu::xml {

// A compiled schema; parse once, validate many (thread-safe: one validation context per call).
class Schema {
public:
    // Throws Failure(Errc::Internal) if the schema file does not compile.
    static std::shared_ptr<const Schema> load(const std::filesystem::path& xsd);
    ~Schema();
    Errors validate(const Document& doc) const;  // empty = valid; Errc::SchemaViolation each

    struct Impl;
    explicit Schema(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::xml
