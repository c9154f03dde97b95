#include "distribution/agency_directory.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "core/files.h"
#include "distribution/located.h"
#include "distribution/organ_id.h"
#include "distribution/pretty_writer.h"
#include "text/unicode.h"
#include "xml/schema.h"

namespace vanthu::distribution {

namespace detail {

std::string collapsed(std::string_view s) {
    std::string out;
    bool space = false;
    for (const char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace detail

namespace {

// Word-level abbreviations that Nơi nhận lines use interchangeably with the full words
// (already folded). Longer forms first is irrelevant: whole words only.
struct Spelling {
    std::string_view abbr;
    std::string_view full;
};
constexpr Spelling kSpellings[] = {
    {"ubnd", "uy ban nhan dan"},
    {"hdnd", "hoi dong nhan dan"},
    {"tw", "trung uong"},
    {"tp", "thanh pho"},
    {"ttdt", "thong tin dien tu"},
};

std::string replaceAll(std::string s, std::string_view from, std::string_view to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

std::shared_ptr<const xml::Schema> directorySchema() {
    static std::once_flag once;
    static std::shared_ptr<const xml::Schema> schema;
    std::call_once(once, [] { schema = xml::Schema::load(dataDir() / "schemas" / "agency-directory.xsd"); });
    return schema;
}

std::string textOf(xml::Node n) { return text::nfc(detail::collapsed(n.text())); }
std::string attrOf(xml::Node n, std::string_view name) {
    const auto v = n.attribute(name);
    return v ? text::nfc(detail::collapsed(*v)) : std::string();
}

}  // namespace

// ---------------------------------------------------------------- matching -------------------------

std::string AgencyDirectory::matchKey(std::string_view textIn) {
    std::string s(textIn);
    for (const std::string_view dash : {"\u2013", "\u2014", "\u2012", "\u2212"}) s = replaceAll(s, dash, "-");
    if (!text::isValidUtf8(s)) return {};
    s = text::fold(s);
    // Punctuation that only separates: spaces around '-', ',' and parentheses are normalised.
    std::string spaced;
    for (const char c : s) {
        if (c == '(' || c == ')' || c == ',' || c == ';' || c == '-') {
            spaced += ' ';
            spaced += c;
            spaced += ' ';
        } else if (c == '.') {
            spaced += ' ';  // "TP." = "TP", "Tp.Hà Nội" = "Tp Hà Nội"
        } else {
            spaced += c;
        }
    }
    std::vector<std::string> words;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        std::string_view w = word;
        for (const auto& sp : kSpellings)
            if (w == sp.abbr) { w = sp.full; break; }
        words.emplace_back(w);
        word.clear();
    };
    for (const char c : spaced) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') flush();
        else word += c;
    }
    flush();
    // Leading "-" (a list dash) and trailing separators carry no meaning.
    while (!words.empty() && (words.front() == "-" || words.front() == ";" || words.front() == ",")) words.erase(words.begin());
    while (!words.empty() && (words.back() == ";" || words.back() == "," || words.back() == ":" || words.back() == "/"))
        words.pop_back();
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    // Trailing "/" of "…/." and the like.
    while (!out.empty() && (out.back() == '/' || out.back() == ':')) out.pop_back();
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// ---------------------------------------------------------------- make ------------------------------

Result<AgencyDirectory::Loaded> AgencyDirectory::make(std::vector<Agency> agencies, std::vector<Group> groups) {
    Loaded out;
    AgencyDirectory& d = out.directory;
    Errors errors;
    d.agencies_ = std::move(agencies);
    d.groups_ = std::move(groups);
    d.indexAgencies(errors, out.warnings);
    d.indexGroups(errors);
    d.checkReferences(errors);
    if (!errors.empty()) return errors;
    d.checkParentCycles(errors);  // needs every parent to exist
    if (!errors.empty()) return errors;
    d.buildTextIndex(errors);
    if (!errors.empty()) return errors;
    return out;
}

// Keys, unit keys and organ ids: present, well formed and unique.
void AgencyDirectory::indexAgencies(Errors& errors, Warnings& warnings) {
    std::set<std::string, std::less<>> unitKeys;
    for (std::size_t i = 0; i < agencies_.size(); ++i) {
        const auto& a = agencies_[i];
        if (a.key.empty() || a.name.empty())
            errors.push_back(
                Error::invalidInput(a.pos, "Cơ quan thiếu khóa (key) hoặc tên", "An agency needs a key and a name"));
        if (!byKey_.emplace(a.key, i).second)
            errors.push_back(Error::invalidInput(a.pos, "Khóa cơ quan '" + a.key + "' bị trùng",
                                                 "Duplicate agency key '" + a.key + "'"));
        for (const auto& u : a.units)
            if (u.key.empty() || !unitKeys.insert(u.key).second)
                errors.push_back(Error::invalidInput(u.pos, "Khóa đơn vị '" + u.key + "' rỗng hoặc bị trùng",
                                                     "Unit key '" + u.key + "' is empty or duplicated"));
        if (a.organId.empty()) continue;
        if (!isAcceptableOrganId(a.organId)) {
            errors.push_back(
                Error::invalidInput(a.pos, "Mã định danh '" + a.organId + "' của '" + a.name + "' không hợp lệ",
                                    "The organisation id '" + a.organId + "' of '" + a.name + "' is not valid"));
            continue;
        }
        if (!isStrictOrganId(a.organId))
            warnings.push_back(Warning::at(
                a.pos,
                "Mã định danh '" + a.organId +
                    "' không đúng dạng QCVN 102:2016 (000.00.00.G12): nhận được nhưng không gửi được",
                "The organisation id '" + a.organId +
                    "' is not in the QCVN 102:2016 form (000.00.00.G12): we can receive from it but not send to it"));
        if (!byOrganId_.emplace(a.organId, i).second)
            errors.push_back(Error::invalidInput(a.pos, "Mã định danh '" + a.organId + "' bị trùng",
                                                 "Duplicate organisation id '" + a.organId + "'"));
    }
}

void AgencyDirectory::indexGroups(Errors& errors) {
    for (std::size_t i = 0; i < groups_.size(); ++i) {
        const auto& g = groups_[i];
        if (byKey_.contains(g.key) || !groupByKey_.emplace(g.key, i).second)
            errors.push_back(Error::invalidInput(g.pos, "Khóa nhóm '" + g.key + "' bị trùng",
                                                 "Duplicate group key '" + g.key + "'"));
        if (!g.scope.empty() && !byKey_.contains(g.scope))
            errors.push_back(Error::invalidInput(g.pos, "Phạm vi '" + g.scope + "' không phải là cơ quan trong danh bạ",
                                                 "The scope '" + g.scope + "' names no agency of the directory"));
        if (g.members.empty())
            errors.push_back(Error::invalidInput(g.pos, "Nhóm '" + g.name + "' không có thành viên",
                                                 "The group '" + g.name + "' has no members"));
        for (const auto& m : g.members)
            if (!byKey_.contains(m))
                errors.push_back(Error::invalidInput(
                    g.pos, "Thành viên '" + m + "' của nhóm '" + g.name + "' không có trong danh bạ",
                    "The member '" + m + "' of the group '" + g.name + "' is not in the directory"));
    }
}

// Parents and scopes name agencies of the directory.
void AgencyDirectory::checkReferences(Errors& errors) const {
    for (const auto& a : agencies_) {
        if (!a.parent.empty() && !byKey_.contains(a.parent))
            errors.push_back(Error::invalidInput(a.pos, "Cơ quan chủ quản '" + a.parent + "' không có trong danh bạ",
                                                 "The parent '" + a.parent + "' is not in the directory"));
        for (const auto& al : a.aliases)
            if (!al.scope.empty() && !byKey_.contains(al.scope))
                errors.push_back(Error::invalidInput(a.pos,
                                                     "Phạm vi '" + al.scope + "' không phải là cơ quan trong danh bạ",
                                                     "The scope '" + al.scope + "' names no agency of the directory"));
    }
}

void AgencyDirectory::checkParentCycles(Errors& errors) const {
    // Parent cycles: walk up at most n steps.
    for (const auto& a : agencies_) {
        std::string k = a.parent;
        std::size_t steps = 0;
        while (!k.empty() && steps <= agencies_.size()) {
            k = agencies_[byKey_.find(k)->second].parent;
            ++steps;
        }
        if (!k.empty())
            errors.push_back(Error::invalidInput(a.pos, "Quan hệ chủ quản của '" + a.name + "' tạo thành vòng",
                                                 "The parent chain of '" + a.name + "' is a cycle"));
    }
}

void AgencyDirectory::buildTextIndex(Errors& errors) {
    // The text index; one entry per (folded text, scope).
    std::map<std::pair<std::string, std::string>, std::string> owner;  // → who claimed it, for the message
    auto add = [&](std::string_view txt, Candidate c, const std::string& who, const model::SourcePos& pos) {
        const auto key = matchKey(txt);
        if (key.empty()) return;
        const std::string scopeTag = (c.kind == DirectoryMatch::Kind::Unit ? "unit:" : "") + c.scope;
        auto [it, fresh] = owner.emplace(std::make_pair(key, scopeTag), who);
        if (!fresh) {
            if (it->second != who)
                errors.push_back(Error::invalidInput(
                    pos, "'" + std::string(txt) + "' chỉ cả '" + it->second + "' lẫn '" + who + "' trong cùng phạm vi",
                    "'" + std::string(txt) + "' names both '" + it->second + "' and '" + who + "' in the same scope"));
            return;
        }
        index_[key].push_back(std::move(c));
    };
    for (std::size_t i = 0; i < agencies_.size(); ++i) {
        const auto& a = agencies_[i];
        add(a.name, {DirectoryMatch::Kind::Agency, i, 0, {}}, a.name, a.pos);
        for (const auto& al : a.aliases) add(al.text, {DirectoryMatch::Kind::Agency, i, 0, al.scope}, a.name, a.pos);
        for (std::size_t u = 0; u < a.units.size(); ++u) {
            const auto& unit = a.units[u];
            const std::string who = unit.name + " (" + a.name + ")";
            add(unit.name, {DirectoryMatch::Kind::Unit, i, u, a.key}, who, unit.pos);
            if (!unit.abbreviation.empty()) add(unit.abbreviation, {DirectoryMatch::Kind::Unit, i, u, a.key}, who, unit.pos);
            for (const auto& al : unit.aliases) add(al, {DirectoryMatch::Kind::Unit, i, u, a.key}, who, unit.pos);
        }
    }
    for (std::size_t i = 0; i < groups_.size(); ++i) {
        const auto& g = groups_[i];
        add(g.name, {DirectoryMatch::Kind::Group, i, 0, g.scope}, g.name, g.pos);
        for (const auto& al : g.aliases) add(al, {DirectoryMatch::Kind::Group, i, 0, g.scope}, g.name, g.pos);
    }
}

// ---------------------------------------------------------------- queries ---------------------------

const Agency* AgencyDirectory::agency(std::string_view key) const {
    const auto it = byKey_.find(key);
    return it == byKey_.end() ? nullptr : &agencies_[it->second];
}

const Agency* AgencyDirectory::byOrganId(std::string_view organId) const {
    const auto it = byOrganId_.find(organId);
    return it == byOrganId_.end() ? nullptr : &agencies_[it->second];
}

const Group* AgencyDirectory::group(std::string_view key) const {
    const auto it = groupByKey_.find(key);
    return it == groupByKey_.end() ? nullptr : &groups_[it->second];
}

const Agency* AgencyDirectory::findOrgan(const model::Organ& organ) const {
    if (!organ.organId.empty())
        if (const auto* a = byOrganId(organ.organId)) return a;
    if (organ.name.empty()) return nullptr;
    const auto key = matchKey(organ.name);
    const auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    for (const auto& c : it->second)
        if (c.kind == DirectoryMatch::Kind::Agency && c.scope.empty()) return &agencies_[c.index];
    return nullptr;
}

std::vector<std::string> AgencyDirectory::scopeChain(std::string_view issuerKey) const {
    std::vector<std::string> chain;
    for (const Agency* a = agency(issuerKey); a != nullptr && chain.size() <= agencies_.size(); a = agency(a->parent))
        chain.push_back(a->key);
    return chain;
}

std::optional<DirectoryMatch> AgencyDirectory::find(std::string_view txt, std::string_view issuerKey) const {
    return findKey(matchKey(txt), issuerKey, scopeChain(issuerKey));
}

std::optional<DirectoryMatch> AgencyDirectory::findKey(std::string_view key, std::string_view issuerKey,
                                                       const std::vector<std::string>& chain) const {
    const auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    // Rank: 0 = the issuer's own unit, 1 + depth = scoped to the chain at that depth, big = unscoped.
    const Candidate* best = nullptr;
    std::size_t bestRank = SIZE_MAX;
    for (const auto& c : it->second) {
        std::size_t rank = SIZE_MAX;
        if (c.kind == DirectoryMatch::Kind::Unit) {
            if (!issuerKey.empty() && c.scope == issuerKey) rank = 0;
        } else if (c.scope.empty()) {
            rank = SIZE_MAX - 1;
        } else {
            const auto at = std::find(chain.begin(), chain.end(), c.scope);
            if (at != chain.end()) rank = 1 + static_cast<std::size_t>(at - chain.begin());
        }
        if (rank < bestRank) {
            bestRank = rank;
            best = &c;
        }
    }
    if (best == nullptr) return std::nullopt;
    DirectoryMatch m;
    m.kind = best->kind;
    if (best->kind == DirectoryMatch::Kind::Group) {
        m.group = &groups_[best->index];
    } else {
        m.agency = &agencies_[best->index];
        if (best->kind == DirectoryMatch::Kind::Unit) m.unit = &m.agency->units[best->unit];
    }
    return m;
}

// ---------------------------------------------------------------- XML -------------------------------

Result<AgencyDirectory::Loaded> AgencyDirectory::fromXml(std::string_view bytes, std::size_t maxBytes) {
    auto parsed = xml::parse(bytes, maxBytes);
    if (!parsed.ok()) return parsed.errors();
    const auto& doc = parsed.value();
    const auto root = doc.root();
    if (root.name() != "agencyDirectory" || root.namespaceUri() != kDirectoryNamespace)
        return Error::schema(
            detail::posOf(doc, root),
            "Phần tử gốc phải là agencyDirectory trong không gian tên " + std::string(kDirectoryNamespace),
            "The root element must be agencyDirectory in the namespace " + std::string(kDirectoryNamespace));
    if (auto errors = directorySchema()->validate(doc); !errors.empty()) return errors;

    std::vector<Agency> agencies;
    std::vector<Group> groups;
    for (const auto& n : root.elements()) {
        if (n.is("agency")) {
            Agency a;
            a.key = attrOf(n, "key");
            a.organId = attrOf(n, "organId");
            a.parent = attrOf(n, "parent");
            a.name = textOf(n.element("name"));
            a.abbreviation = textOf(n.element("abbreviation"));
            a.pos = detail::posOf(doc, n);
            for (const auto& al : n.elements("alias")) a.aliases.push_back({textOf(al), attrOf(al, "scope")});
            if (const auto ep = n.element("endpoint")) {
                a.endpoint.transport = attrOf(ep, "transport");
                a.endpoint.url = attrOf(ep, "url");
                a.endpoint.link = attrOf(ep, "link");
            }
            for (const auto& un : n.elements("unit")) {
                Unit u;
                u.key = attrOf(un, "key");
                u.name = textOf(un.element("name"));
                u.abbreviation = textOf(un.element("abbreviation"));
                for (const auto& al : un.elements("alias")) u.aliases.push_back(textOf(al));
                u.pos = detail::posOf(doc, un);
                a.units.push_back(std::move(u));
            }
            agencies.push_back(std::move(a));
        } else if (n.is("group")) {
            Group g;
            g.key = attrOf(n, "key");
            g.scope = attrOf(n, "scope");
            g.name = textOf(n.element("name"));
            for (const auto& al : n.elements("alias")) g.aliases.push_back(textOf(al));
            for (const auto& m : n.elements("member")) g.members.push_back(attrOf(m, "ref"));
            g.pos = detail::posOf(doc, n);
            groups.push_back(std::move(g));
        }
    }
    return make(std::move(agencies), std::move(groups));
}

Result<AgencyDirectory::Loaded> AgencyDirectory::loadFile(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error::notFound(path.string(), "Không tìm thấy tệp danh bạ " + path.string(),
                               "The directory file " + path.string() + " does not exist");
    return fromXml(readFile(path));
}

std::string AgencyDirectory::toXml() const {
    std::string out;
    detail::PrettyWriter w(out);
    w.open("agencyDirectory").attr("xmlns", kDirectoryNamespace);
    for (const auto& a : agencies_) {
        w.open("agency").attr("key", a.key).attr("organId", a.organId).attr("parent", a.parent);
        w.leaf("name", a.name).leaf("abbreviation", a.abbreviation);
        for (const auto& al : a.aliases) w.leaf("alias", al.text, "scope", al.scope);
        if (!a.endpoint.empty())
            w.open("endpoint").attr("transport", a.endpoint.transport).attr("url", a.endpoint.url).attr("link", a.endpoint.link).close();
        for (const auto& u : a.units) {
            w.open("unit").attr("key", u.key);
            w.leaf("name", u.name).leaf("abbreviation", u.abbreviation);
            for (const auto& al : u.aliases) w.leaf("alias", al);
            w.close();
        }
        w.close();
    }
    for (const auto& g : groups_) {
        w.open("group").attr("key", g.key).attr("scope", g.scope);
        w.leaf("name", g.name);
        for (const auto& al : g.aliases) w.leaf("alias", al);
        for (const auto& m : g.members) w.open("member").attr("ref", m).close();
        w.close();
    }
    w.close();
    w.finish();
    return out;
}

}  // namespace vanthu::distribution
