// xml/schema.h: XSD validation with every error located and worded in Vietnamese and English.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/error.h"
#include "xml/parser.h"

namespace vanthu::xml {

// A compiled schema; load once, validate many. Thread-safe: validate() makes one libxml2
// validation context per call and the compiled schema is never modified.
class Schema {
public:
    // Compiles an XSD file. The file and its xs:include/xs:import/xs:redefine targets are read
    // through the deny-all entity loader, which for this call lets only regular files in the XSD's
    // own folder (and below) through: no network, nothing else on disk.
    // Throws Failure(Errc::Internal) if the schema cannot be read or does not compile; the
    // message carries libxml2's diagnostics.
    static std::shared_ptr<const Schema> load(const std::filesystem::path& xsd);
    ~Schema();

    // One Error per libxml2 validity error, in document order, code Errc::SchemaViolation:
    //   field     = doc.path(node), with "/@attr" appended for attribute errors
    //   line:col  = doc.position(node) (the attribute's own position when it exists)
    //   messageEn = libxml2's message without "{targetNamespace}" prefixes
    //   messageVi = a Vietnamese wording chosen by the libxml2 error code, naming the element,
    //               attribute and value; a generic Vietnamese sentence for rarer codes.
    // Empty = valid. Throws Failure(Errc::Internal) if libxml2's validator itself fails.
    Errors validate(const Document& doc) const;

    const std::string& targetNamespace() const;

    struct Impl;
    explicit Schema(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::xml
