// Relations and the effective date from body sentences (body_facts.h).
#include "input/body_facts.h"

#include <regex>

#include "model/document_code.h"

namespace vanthu::input::detail {
namespace {

// "ngày 5 tháng 3 năm 2019" or "ngày 05/3/2019" at the start of `s` (after an optional comma).
std::optional<model::Date> dateAtStart(const std::string& s) {
    static const std::regex words(R"(^\s*,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))");
    static const std::regex digits(R"(^\s*,?\s*ngày\s+(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}))");
    std::smatch m;
    if (std::regex_search(s, m, words) || std::regex_search(s, m, digits))
        return model::Date{std::stoi(m[3].str()), std::stoi(m[2].str()), std::stoi(m[1].str())};
    return std::nullopt;
}

struct Verb {
    model::RelationKind kind;
    std::size_t begin, end;  // bytes of the verb in the sentence
};

std::vector<Verb> verbsIn(const std::string& s) {
    static const std::regex re(
        R"(([Tt]hay thế)|([Bb]ãi bỏ|BÃI BỎ)|([Ss]ửa đổi,? bổ sung|[Ss]ửa đổi|SỬA ĐỔI)|([Bb]an hành kèm theo))");
    std::vector<Verb> out;
    for (std::sregex_iterator it(s.begin(), s.end(), re), end; it != end; ++it) {
        const auto& m = *it;
        const auto kind = m[1].matched ? model::RelationKind::Replaces
                        : m[2].matched ? model::RelationKind::Revokes
                        : m[3].matched ? model::RelationKind::Amends
                                       : model::RelationKind::IssuedWith;
        const auto begin = static_cast<std::size_t>(m.position());
        if (kind == model::RelationKind::IssuedWith && !out.empty()) continue;  // where the target lives
        // The document itself does it: the verb opens the sentence ("Bãi bỏ …"), or the sentence is
        // about "… này" ("Quyết định này thay thế …"). "trình Chính phủ ban hành Nghị định sửa đổi …"
        // is a task, not a relation.
        static const std::regex self(R"((^|\s)này(\s|,|$))");
        const std::string before = s.substr(0, begin);
        if (before.find_first_not_of(" \t") != std::string::npos && !std::regex_search(before, self)) continue;
        out.push_back({kind, begin, begin + static_cast<std::size_t>(m.length())});
    }
    return out;
}

}  // namespace

std::vector<model::Relation> relationsIn(const std::string& plain) {
    static const std::regex sentenceEnd(R"([;!?]|\.(\s|$))");
    static const std::regex code(R"((?:số|Số)\s+([0-9][0-9A-Za-zĐđ/\-]*[0-9A-Za-zĐđ]))");
    std::vector<model::Relation> out;
    // One sentence at a time: a verb does not reach into the next one.
    std::size_t from = 0;
    while (from < plain.size()) {
        std::smatch e;
        const std::string rest = plain.substr(from);
        const std::size_t len = std::regex_search(rest, e, sentenceEnd) ? static_cast<std::size_t>(e.position() + e.length()) : rest.size();
        const std::string sentence = rest.substr(0, len);
        from += len;
        const auto verbs = verbsIn(sentence);
        for (std::size_t v = 0; v < verbs.size(); ++v) {
            const std::size_t stop = v + 1 < verbs.size() ? verbs[v + 1].begin : sentence.size();
            const std::string span = sentence.substr(verbs[v].end, stop - verbs[v].end);
            for (std::sregex_iterator it(span.begin(), span.end(), code), end; it != end; ++it) {
                const std::string written = (*it)[1].str();
                if (!model::parseCode(written)) continue;
                model::Relation r;
                r.kind = verbs[v].kind;
                r.targetCode = written;
                r.targetDate = dateAtStart(span.substr(static_cast<std::size_t>(it->position() + it->length())));
                out.push_back(std::move(r));
            }
        }
    }
    return out;
}

std::optional<EffectiveDate> effectiveDateIn(const std::string& plain) {
    static const std::regex from(R"(hiệu lực(?:\s+thi hành)?\s+(?:(?:kể\s+)?từ|từ)\s+)");
    static const std::regex signing(R"(^ngày\s+(ký|ban hành))");
    std::smatch m;
    if (!std::regex_search(plain, m, from)) return std::nullopt;
    const std::string rest = m.suffix().str();
    if (std::regex_search(rest, signing)) return EffectiveDate{std::nullopt, true};
    if (const auto d = dateAtStart(rest)) return EffectiveDate{d, false};
    return std::nullopt;
}

}  // namespace vanthu::input::detail
