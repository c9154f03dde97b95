// distribution/package_builder.h: from an issued model::Document and its resolved recipients to
// the edXML edoc package (edxml.md §3, §8) and to status packages answering one.
//
// Deterministic: the time (TraceHeader) and the attachment ContentIds are injected; the default
// ContentId is a UUID-shaped digest of (DocumentId, index, name, bytes), so the same document with
// the same files always gives the same package.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "distribution/agency_directory.h"
#include "distribution/edxml.h"
#include "distribution/resolution.h"
#include "model/document.h"

namespace vanthu::distribution {

// An attachment as the renderers produce it: opaque bytes.
struct AttachmentFile {
    std::string name;  // "1020_QD-BTP.docx"
    std::string mime;  // "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    std::string bytes;
};

struct BuildOptions {
    std::chrono::sys_seconds now{};  // TraceHeader/Timestamp (written in ICT)
    edxml::StaffInfo staff;          // the clerk who sends (Bussiness/StaffInfo)
    std::string sphereOfPromulgation = "Liên thông văn bản quốc gia";
    long long pageAmount = 0;        // pages of the rendered document; 0 = not known
    // ContentId (without "cid:") of the index-th file; empty function = the deterministic default.
    std::function<std::string(std::size_t index, const AttachmentFile&)> contentId;
};

// From/To as a directory agency is written: OrganizationInCharge is the parent's name (cơ quan
// chủ quản) when it has one, else its own.
edxml::Organization organizationOf(const Agency& agency, const AgencyDirectory& directory);

// The agencies of a resolution that can receive edXML (a strict organId) as To entries, and the
// ones that cannot (no organId or a non-strict one), which the caller must show to the clerk.
struct Recipients {
    std::vector<edxml::Organization> to;
    std::vector<Target> undeliverable;
};
Recipients recipientsOf(const Resolution& resolution, const AgencyDirectory& directory);

// The edoc package of an issued document. Errors (Errc::RuleViolation): a draft (no number or no
// issue date), a secret document (độ mật: never sent over the exchange), no recipient, and every
// rule writeEdoc would refuse (checked here already, so a built Edoc always writes).
Result<edxml::Edoc> buildEdoc(const model::Document& doc, const edxml::Organization& from,
                              std::vector<edxml::Organization> to, std::vector<AttachmentFile> files,
                              const BuildOptions& options);

// A status answering a received edoc (01–06, 15, 16 from the recipient; 13 from the sender).
edxml::Status statusFor(const edxml::Edoc& received, const edxml::Organization& reporter, std::string code,
                        std::string description, const edxml::StaffInfo& staff, std::chrono::sys_seconds now);

}  // namespace vanthu::distribution
