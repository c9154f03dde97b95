#include "distribution/resolution.h"

#include <algorithm>
#include <set>

#include "core/strings.h"
#include "distribution/located.h"
#include "model/document_code.h"

namespace vanthu::distribution {
namespace {

constexpr std::size_t kMaxSpan = 8;  // pieces one name may span ("Sở Văn hóa, Thể thao và Du lịch" = 3)

// Titles of the person heading a unit, as they open an item of "Điều 3" or a Nơi nhận line
// (folded, each followed by a space). The unit is what receives the document: "Chánh Văn phòng
// Bộ" → "Văn phòng Bộ", "Chủ tịch Ủy ban nhân dân các huyện" → "Ủy ban nhân dân các huyện".
constexpr std::string_view kTitles[] = {
    "tong cuc truong ", "chanh ", "pho giam doc ", "giam doc ", "vu truong ", "cuc truong ",
    "vien truong ", "hieu truong ", "thu truong ", "chu tich ", "truong ",
};

struct Piece {
    std::string text;
    std::string sep;  // what followed it: "," ";" " và " or "" at the end
};

std::string trim(std::string_view s) { return std::string(trimAscii(s, " ")); }  // spaces only: tabs are content here

std::vector<Piece> split(std::string_view s) {
    std::vector<Piece> out;
    std::string cur;
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == ',' || s[i] == ';') {
            out.push_back({trim(cur), std::string(1, s[i])});
            cur.clear();
            ++i;
        } else if (s.substr(i).starts_with(" và ")) {
            out.push_back({trim(cur), " và "});
            cur.clear();
            i += std::string_view(" và ").size();
        } else {
            cur += s[i++];
        }
    }
    if (!trim(cur).empty() || out.empty()) out.push_back({trim(cur), ""});
    std::erase_if(out, [](const Piece& p) { return p.text.empty(); });
    return out;
}

std::string join(const std::vector<Piece>& p, std::size_t from, std::size_t to) {  // [from, to]
    std::string s;
    for (std::size_t k = from; k <= to; ++k) {
        s += p[k].text;
        if (k < to) s += p[k].sep == " và " ? " và " : p[k].sep + " ";
    }
    return s;
}

// matchKey of a run of pieces, from the pieces' own keys: matchKey works word by word, so the key
// of "A, B và C" is key(A) + " , " + key(B) + " va " + key(C). Folding each piece once keeps a line
// of n pieces at O(n) ICU calls instead of O(n × kMaxSpan).
std::string joinKeys(const std::vector<Piece>& p, const std::vector<std::string>& keys, std::size_t from, std::size_t to) {
    std::string s;
    for (std::size_t k = from; k <= to; ++k) {
        s += keys[k];
        if (k < to) s += p[k].sep == " và " ? " va " : " " + p[k].sep + " ";
    }
    return s;
}

class Resolver {
public:
    Resolver(const model::Document& doc, const AgencyDirectory& dir, Resolution& out)
        : doc_(doc), dir_(dir), out_(out), chain_(dir.scopeChain(out.issuerKey)) {}

    // Matches the whole text, else piece by piece; appends to line.
    void resolveText(std::string_view text, const std::string& via, ResolvedLine& line) {
        if (matchInto(text, AgencyDirectory::matchKey(text), via, line)) return;
        const auto pieces = split(text);
        std::vector<std::string> keys;
        for (const auto& p : pieces) keys.push_back(AgencyDirectory::matchKey(p.text));
        std::string pending;
        auto flush = [&] {
            if (!pending.empty()) line.unresolved.push_back(pending);
            pending.clear();
        };
        for (std::size_t i = 0; i < pieces.size();) {
            bool found = false;
            for (std::size_t j = std::min(pieces.size() - 1, i + kMaxSpan - 1) + 1; j-- > i;) {
                if (matchInto(join(pieces, i, j), joinKeys(pieces, keys, i, j), via, line)) {
                    flush();
                    i = j + 1;
                    found = true;
                    break;
                }
            }
            if (found) continue;
            if (!pending.empty()) pending += pieces[i - 1].sep == " và " ? " và " : pieces[i - 1].sep + " ";
            pending += pieces[i].text;
            if (pieces[i].sep == ";") flush();
            ++i;
        }
        flush();
    }

    void addTarget(ResolvedLine& line, Target t) { line.targets.push_back(std::move(t)); }

    const model::Document& doc_;
    const AgencyDirectory& dir_;
    Resolution& out_;

private:
    bool matchInto(std::string_view text, const std::string& key, const std::string& via, ResolvedLine& line) {
        auto m = dir_.findKey(key, out_.issuerKey, chain_);
        if (!m) {
            for (const auto title : kTitles)
                if (key.starts_with(title) && key.size() > title.size()) {
                    m = dir_.findKey(std::string_view(key).substr(title.size()), out_.issuerKey, chain_);
                    if (m) break;
                }
        }
        if (!m) return false;
        const std::string matched(text);
        switch (m->kind) {
            case DirectoryMatch::Kind::Agency:
                addTarget(line, {Target::Kind::Agency, m->agency->key, m->agency->name, m->agency->organId, via, matched});
                break;
            case DirectoryMatch::Kind::Unit:
                addTarget(line, {Target::Kind::InternalUnit, m->unit->key, m->unit->name, "", via, matched});
                break;
            case DirectoryMatch::Kind::Group: {
                const std::string groupVia = (via.empty() ? "" : via + ", ") + "group:" + m->group->key;
                for (const auto& key : m->group->members) {
                    if (key == out_.issuerKey) continue;  // a Sở does not send to itself
                    const auto* a = dir_.agency(key);
                    addTarget(line, {Target::Kind::Agency, a->key, a->name, a->organId, groupVia, matched});
                }
                break;
            }
        }
        return true;
    }

    std::vector<std::string> chain_;
};

// Article n (1-based) as compose numbers it: explicit labels as written, automatic ones by count.
const model::Block* findArticle(const std::vector<model::Block>& blocks, int n, int& count) {
    for (const auto& b : blocks) {
        if (b.kind == model::BlockKind::Article) {
            ++count;
            const std::string label = b.number.empty() ? std::to_string(count) : b.number;
            if (label == std::to_string(n)) return &b;
        }
        if (const auto* found = findArticle(b.children, n, count)) return found;
    }
    return nullptr;
}

// The part of an article that names who executes it: up to "chịu trách nhiệm" in the first
// paragraph that has it, else the article's own text.
std::string executorsOf(const model::Block& article) {
    std::vector<std::string> paragraphs{model::plainText(article.text)};
    for (const auto& c : article.children) paragraphs.push_back(model::plainText(c.text));
    for (const auto& p : paragraphs)
        for (const std::string_view marker : {"chịu trách nhiệm", "có trách nhiệm"})
            if (const auto at = p.find(marker); at != std::string::npos) return trim(p.substr(0, at));
    return paragraphs.front().empty() ? model::plainText(article.title) : paragraphs.front();
}

void collect(Resolution& r) {
    std::set<std::string> seenAgency, seenUnit;
    for (const auto& line : r.lines) {
        for (const auto& t : line.targets) {
            if (t.kind == Target::Kind::Agency && seenAgency.insert(t.key).second) r.agencies.push_back(t);
            if (t.kind == Target::Kind::InternalUnit && seenUnit.insert(t.key).second) r.internalUnits.push_back(t);
        }
        for (const auto& u : line.unresolved) r.unresolved.push_back({line.text, u, line.pos});
    }
}

}  // namespace

std::string recipientLine(const model::Recipient& r) {
    switch (r.kind) {
        case model::RecipientKind::AsAbove: return "Như trên";
        case model::RecipientKind::AsArticle: return "Như Điều " + std::to_string(r.article);
        case model::RecipientKind::Agency: break;
    }
    return r.purpose.empty() ? r.name : r.name + " (" + r.purpose + ")";
}

std::string archiveLine(const model::ArchiveLine& a) {
    std::string s = "Lưu:";
    for (std::size_t i = 0; i < a.units.size(); ++i) s += (i == 0 ? " " : ", ") + a.units[i];
    if (a.copies > 0) s += " (" + model::formatNumber(a.copies) + ")";
    return s;
}

Resolution resolveRecipients(const model::Document& doc, const AgencyDirectory& directory) {
    Resolution out;
    if (const auto* issuer = directory.findOrgan(doc.issuer)) {
        out.issuerKey = issuer->key;
    } else {
        out.warnings.push_back(Warning::at(
            doc.pos,
            "Cơ quan ban hành '" + doc.issuer.name +
                "' không có trong danh bạ: chỉ tên không giới hạn phạm vi được nhận ra",
            "The issuer '" + doc.issuer.name + "' is not in the directory: only unscoped names are recognised"));
    }
    Resolver resolver(doc, directory, out);
    for (const auto& r : doc.recipients) {
        ResolvedLine line;
        line.text = recipientLine(r);
        line.pos = r.pos;
        switch (r.kind) {
            case model::RecipientKind::AsAbove:
                if (doc.addressees.empty()) line.unresolved.push_back("Như trên: văn bản không có dòng Kính gửi / no Kính gửi lines");
                for (const auto& a : doc.addressees) resolver.resolveText(a, "Kính gửi", line);
                break;
            case model::RecipientKind::AsArticle: {
                int count = 0;
                const auto* article = findArticle(doc.body, r.article, count);
                if (article == nullptr) {
                    line.unresolved.push_back("Điều " + std::to_string(r.article) + ": không có trong văn bản / not in the document");
                    break;
                }
                resolver.resolveText(executorsOf(*article), "Điều " + std::to_string(r.article), line);
                break;
            }
            case model::RecipientKind::Agency:
                if (!r.organId.empty()) {
                    if (const auto* a = directory.byOrganId(r.organId)) {
                        resolver.addTarget(line, {Target::Kind::Agency, a->key, a->name, a->organId, "organId", r.organId});
                        break;
                    }
                    out.warnings.push_back(Warning::at(
                        r.pos, "Mã định danh '" + r.organId + "' không có trong danh bạ; tìm theo tên",
                        "The organisation id '" + r.organId + "' is not in the directory; matching the name"));
                }
                resolver.resolveText(r.name, "", line);
                break;
        }
        out.lines.push_back(std::move(line));
    }
    if (!doc.archive.units.empty()) {
        ResolvedLine line;
        line.text = archiveLine(doc.archive);
        line.targets.push_back({Target::Kind::Archive, "", line.text, "", "", line.text});
        out.lines.push_back(std::move(line));
    }
    collect(out);
    return out;
}

}  // namespace vanthu::distribution
