// distribution/edxml_rules.h: PRIVATE. The rules of edxml.md §9 on the Edoc/Status model, shared
// by the writer (what we emit) and the reader (what we accept).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/warning.h"
#include "distribution/edxml.h"

namespace vanthu::distribution::edxml::detail {

inline const std::string kHeaderPath = "/edXML/edXMLEnvelope/edXMLHeader";
inline const std::string kMessagePath = kHeaderPath + "/MessageHeader";
inline const std::string kTracePath = kHeaderPath + "/TraceHeaderList";
inline const std::string kManifestPath = "/edXML/edXMLEnvelope/edXMLBody/edXMLManifest";
inline const std::string kAttachmentsPath = "/edXML/AttachmentEncoded";

// "To" for a single one, "To[2]" when there are several (the rule of xml::Document::path).
std::string indexed(std::string_view name, std::size_t index0, std::size_t count);

enum class Mode { Emit, Accept };

// Collects errors and warnings; locates them through `where` (canonical path → where the reader
// found that element) when the reader filled it.
class Checker {
public:
    explicit Checker(Mode mode) : mode_(mode) {}
    Mode mode() const { return mode_; }
    std::map<std::string, model::SourcePos> where;
    Errors errors;
    Warnings warnings;

    void error(const std::string& path, std::string vi, std::string en, Errc code = Errc::RuleViolation);
    void warn(const std::string& path, std::string vi, std::string en);
    model::SourcePos locate(const std::string& path) const;

private:
    Mode mode_;
};

// Ours: strict when we emit. Echo: another agency's id we repeat (ResponseFor of an answer),
// tolerated as on input.
enum class OrganIdRole { Ours, Echo };
void checkOrganId(Checker& c, const std::string& path, const std::string& id, OrganIdRole role = OrganIdRole::Ours);
void checkEdoc(const Edoc& e, const std::optional<std::chrono::sys_seconds>& now, Checker& c);
void checkStatus(const Status& s, const std::optional<std::chrono::sys_seconds>& now, Checker& c);

}  // namespace vanthu::distribution::edxml::detail
