// distribution/resolution.h: Nơi nhận lines → agencies, internal units, the archive copy
// (issue 5 item 2).
//
// Every line of a document's Nơi nhận becomes one ResolvedLine:
//   - "Như trên" expands to the Kính gửi lines, "Như Điều N" to the units named in article N
//     (the text before "chịu trách nhiệm …", or the whole article);
//   - a named line is matched whole, else cut at ',' ';' " và " into pieces and matched piece by
//     piece, longest run of pieces first, so "Bộ Tài chính, Bộ Thông tin và Truyền thông" gives two
//     agencies while "Vụ Phổ biến, giáo dục pháp luật" stays one unit; a leading title
//     ("Chánh", "Giám đốc", "Vụ trưởng", "Chủ tịch", "Thủ trưởng" …) is dropped before matching;
//   - a recipient with an organId is that agency, whatever its text;
//   - groups expand to their members (the issuer itself left out);
//   - the "Lưu:" line is the archive copy.
// Whatever matches nothing is kept, as text, in the line's `unresolved` and in
// Resolution::unresolved: never silently dropped. Deterministic: lists keep the document order.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/warning.h"
#include "distribution/agency_directory.h"
#include "model/document.h"

namespace vanthu::distribution {

struct Target {
    enum class Kind { Agency, InternalUnit, Archive };
    Kind kind = Kind::Agency;
    std::string key;      // agency or unit key; "" for Archive
    std::string name;     // the directory's name; for Archive "Lưu: VT, …"
    std::string organId;  // Agency only; may be empty (then it cannot receive edXML)
    std::string via;      // the group or article it came from: "group:…", "Điều 3", "Kính gửi"
    std::string matched;  // the piece of text that matched
    bool operator==(const Target&) const = default;
};

struct ResolvedLine {
    std::string text;  // the line as printed: "Thủ tướng Chính phủ (để báo cáo)", "Như Điều 3"
    model::SourcePos pos;
    std::vector<Target> targets;
    std::vector<std::string> unresolved;  // pieces of text that named nothing in the directory
    bool resolved() const { return unresolved.empty() && !targets.empty(); }
};

struct Unresolved {
    std::string line;   // ResolvedLine::text
    std::string piece;  // what did not match
    model::SourcePos pos;
};

struct Resolution {
    std::string issuerKey;  // the directory agency that issues, "" when the issuer is not in it
    std::vector<ResolvedLine> lines;
    std::vector<Target> agencies;       // every Agency target once (by key), in first-seen order
    std::vector<Target> internalUnits;  // every InternalUnit target once
    std::vector<Unresolved> unresolved;
    Warnings warnings;  // issuer not in the directory, an article that does not exist …
};

Resolution resolveRecipients(const model::Document& doc, const AgencyDirectory& directory);

// The printed form of one Nơi nhận entry: "Như trên", "Như Điều 3",
// "Thủ tướng Chính phủ (để báo cáo)"; and of the archive line: "Lưu: VT, QLXLVPHC&TDTHPL (02)".
std::string recipientLine(const model::Recipient& r);
std::string archiveLine(const model::ArchiveLine& a);

}  // namespace vanthu::distribution
