// distribution/agency_directory.h: the agencies we send to (issue 5 item 1).
//
// An agency has a key (ours, stable), its mã định danh, its official name, the other spellings
// under which Nơi nhận lines name it (aliases, optionally valid only inside one agency's scope:
// "Cổng Thông tin điện tử tỉnh" means a different portal in each province), a parent (cơ quan
// chủ quản), a delivery endpoint, and its internal units (phòng, vụ, cục, lãnh đạo) which are
// internal recipients when that agency itself issues. A group ("UBND các huyện, thành phố")
// expands to many agencies.
//
// Import/export: XML in the namespace urn:vanthu:agency-directory:1, validated by
// schemas/agency-directory.xsd, then by the rules in AgencyDirectory::make. Export is
// deterministic (entries in directory order) and re-imports to an equal directory.
//
// Thread-safety: an AgencyDirectory is immutable after construction; concurrent const use is safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/warning.h"
#include "model/document.h"

namespace vanthu::distribution {

constexpr std::string_view kDirectoryNamespace = "urn:vanthu:agency-directory:1";

struct Alias {
    std::string text;
    std::string scope;  // key of an agency: the alias means this entry only when the issuer is that
                        // agency or one of its descendants (by parent); "" = everywhere
    bool operator==(const Alias&) const = default;
};

struct Endpoint {
    std::string transport;  // "vanthu" (vanthu-to-vanthu over HTTP) or "axis" (national axis); "" = none
    std::string url;        // for "vanthu"; the axis endpoint is configured once, not per agency
    std::string link;       // name of the shared-secret link (vanthu); the secret itself is never here
    bool empty() const { return transport.empty(); }
    bool operator==(const Endpoint&) const = default;
};

// An internal unit of an agency (Văn phòng Bộ, Ban Giám đốc Sở): no organId, no endpoint.
struct Unit {
    std::string key;
    std::string name;
    std::string abbreviation;          // "VP", as written in "Lưu: VT, VP"
    std::vector<std::string> aliases;  // valid only when the owning agency issues
    model::SourcePos pos;
    bool operator==(const Unit& o) const {
        return key == o.key && name == o.name && abbreviation == o.abbreviation && aliases == o.aliases;
    }
};

struct Agency {
    std::string key;
    std::string organId;  // may be empty (not yet known); strict form required to send edXML to it
    std::string name;     // official name, "Bộ Tư pháp"
    std::string abbreviation;
    std::string parent;   // key of the cơ quan chủ quản, "" for none
    std::vector<Alias> aliases;
    Endpoint endpoint;
    std::vector<Unit> units;
    model::SourcePos pos;
    bool operator==(const Agency& o) const {
        return key == o.key && organId == o.organId && name == o.name && abbreviation == o.abbreviation &&
               parent == o.parent && aliases == o.aliases && endpoint == o.endpoint && units == o.units;
    }
};

struct Group {
    std::string key;
    std::string name;  // as Nơi nhận lines write it
    std::string scope; // like Alias::scope, for the name and every alias
    std::vector<std::string> aliases;
    std::vector<std::string> members;  // agency keys, in order
    model::SourcePos pos;
    bool operator==(const Group& o) const {
        return key == o.key && name == o.name && scope == o.scope && aliases == o.aliases && members == o.members;
    }
};

// What a piece of Nơi nhận text names, seen from an issuing agency.
struct DirectoryMatch {
    enum class Kind { Agency, Unit, Group };
    Kind kind = Kind::Agency;
    const Agency* agency = nullptr;  // Agency: the agency; Unit: the owning agency
    const Unit* unit = nullptr;
    const Group* group = nullptr;
};

class AgencyDirectory {
public:
    struct Loaded;

    AgencyDirectory() = default;  // empty: resolves nothing

    // Checks and indexes. Errors (Errc::InvalidInput, located at each entry's pos): duplicate
    // keys; parent, scope or member naming no agency; a parent cycle; a duplicate organId; an
    // organId that is not acceptable at all; two entries answering the same folded text in the same
    // scope. Warnings: an organId that is acceptable but not in the strict QCVN form (we can
    // receive from it but not emit to it).
    static Result<Loaded> make(std::vector<Agency> agencies, std::vector<Group> groups);

    // XML → directory: size cap, safe parse, schema, then make(). Every error located.
    static Result<Loaded> fromXml(std::string_view bytes, std::size_t maxBytes = 4 * 1024 * 1024);
    static Result<Loaded> loadFile(const std::filesystem::path& path);

    std::string toXml() const;

    const std::vector<Agency>& agencies() const { return agencies_; }
    const std::vector<Group>& groups() const { return groups_; }
    const Agency* agency(std::string_view key) const;
    const Agency* byOrganId(std::string_view organId) const;
    const Group* group(std::string_view key) const;

    // The directory agency that is this organ: by organId when it has one, else by its name
    // (folded; the upper-case printed form matches), else nullptr.
    const Agency* findOrgan(const model::Organ& organ) const;

    // The agency keys from `issuer` up through its parents (issuer first); empty for "".
    std::vector<std::string> scopeChain(std::string_view issuerKey) const;

    // What `text` names as seen from `issuerKey` ("" = no issuer known: only unscoped entries).
    // Exact match on matchKey(text) against names, aliases and unit abbreviations; the most
    // specific scope wins (issuer's own units, then the issuer's scope, then its parents', then
    // unscoped).
    std::optional<DirectoryMatch> find(std::string_view text, std::string_view issuerKey) const;
    // The same for a text already in matchKey() form, with scopeChain(issuerKey) computed once by
    // the caller (recipient resolution tries many spans of one line).
    std::optional<DirectoryMatch> findKey(std::string_view key, std::string_view issuerKey,
                                          const std::vector<std::string>& chain) const;

    // The comparison form of a piece of text: NFC, marks removed, đ→d, lower case (text::fold),
    // dashes unified, white space collapsed, trailing ".;,:" and leading "- " removed, and the usual
    // abbreviations spelt out ("UBND" = "Ủy ban nhân dân", "HĐND", "TW", "TP.").
    static std::string matchKey(std::string_view text);

private:
    struct Candidate {
        DirectoryMatch::Kind kind;
        std::size_t index;      // agency or group index
        std::size_t unit = 0;   // for Unit
        std::string scope;      // agency key; for Unit the owning agency (exact issuer match only)
    };

    std::vector<Agency> agencies_;
    std::vector<Group> groups_;
    std::map<std::string, std::size_t, std::less<>> byKey_, byOrganId_, groupByKey_;
    std::map<std::string, std::vector<Candidate>, std::less<>> index_;

    // The steps of make(), in order; each appends what it finds wrong.
    void indexAgencies(Errors& errors, Warnings& warnings);
    void indexGroups(Errors& errors);
    void checkReferences(Errors& errors) const;
    void checkParentCycles(Errors& errors) const;
    void buildTextIndex(Errors& errors);
};

struct AgencyDirectory::Loaded {
    AgencyDirectory directory;
    Warnings warnings;
};

}  // namespace vanthu::distribution
