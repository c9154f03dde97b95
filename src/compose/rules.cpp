#include "compose/rules.h"

#include <array>
#include <cctype>
#include <vector>

#include "core/strings.h"
#include "core/utf8.h"
#include "text/unicode.h"

namespace vanthu::compose {
namespace {

bool isTrailingSpace(std::string_view s) {
    // ASCII whitespace and U+00A0 (C2 A0), which pasted text often carries
    return !s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r' ||
                          (s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2 &&
                           static_cast<unsigned char>(s.back()) == 0xA0));
}

std::string_view trimEnd(std::string_view s, std::string_view punctuation) {
    for (;;) {
        if (isTrailingSpace(s)) {
            s.remove_suffix(static_cast<unsigned char>(s.back()) == 0xA0 ? 2 : 1);
        } else if (!s.empty() && punctuation.find(s.back()) != std::string_view::npos) {
            s.remove_suffix(1);
        } else {
            return s;
        }
    }
}

std::string_view trim(std::string_view s) { return trimSpaces(s); }

// Upper-cases the first letter (after leading ASCII punctuation such as '(' or '"').
std::string capitalise(std::string_view w) {
    std::size_t i = 0;
    while (i < w.size() && static_cast<unsigned char>(w[i]) < 0x80 && !std::isalnum(static_cast<unsigned char>(w[i]))) ++i;
    if (i >= w.size()) return std::string(w);
    const std::size_t len = std::min(utf8SequenceLength(static_cast<unsigned char>(w[i])), w.size() - i);
    return std::string(w.substr(0, i)) + text::toUpper(w.substr(i, len)) + std::string(w.substr(i + len));
}

std::vector<std::string> splitWords(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ') ++j;
        if (j > i) out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

// Old and new tone placement spell the same word ("uỷ"/"ủy", "hoà"/"hòa"); compare loosely.
std::string loose(std::string_view w) {
    std::string s(trimEnd(w, ",;.:"));
    static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
        {"uỷ", "ủy"}, {"uý", "úy"}, {"uỳ", "ùy"}, {"uỹ", "ũy"}, {"uỵ", "ụy"},
        {"oà", "òa"}, {"oá", "óa"}, {"oả", "ỏa"}, {"oã", "õa"}, {"oạ", "ọa"},
    };
    for (const auto& [from, to] : kPairs)
        for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
            s.replace(p, from.size(), to);
    return s;
}

enum class Kind {
    Title,     // a position: capitalised as in the table, nothing follows from it
    Fixed,     // a name with its own capitalisation ("Ủy ban nhân dân", "Chính phủ")
    Organ,     // an organ type: the next word (first syllable of its proper name) is capitalised
    Ministry,  // "Bộ", "Sở" (named after fields): as Organ, and each component after "và", "-" or "," too
    Level,     // tỉnh, huyện …: stays lower case; the place name after it is capitalised
    Plain,     // ordinary words that would otherwise look like a Level ("xã hội")
};

struct Phrase {
    std::string_view text;  // lower case; '^' marks a word printed with a capital
    Kind kind;
};

// NĐ 30 PL II (viết hoa tên cơ quan, chức vụ, địa danh). Longest match wins.
constexpr Phrase kPhrases[] = {
    {"^bộ trưởng", Kind::Title}, {"^thứ trưởng", Kind::Title}, {"^thủ tướng", Kind::Title},
    {"^phó ^thủ tướng", Kind::Title}, {"^chủ tịch", Kind::Title}, {"^phó ^chủ tịch", Kind::Title},
    {"^giám đốc", Kind::Title}, {"^phó ^giám đốc", Kind::Title}, {"^tổng ^giám đốc", Kind::Title},
    {"^cục trưởng", Kind::Title}, {"^phó ^cục trưởng", Kind::Title}, {"^tổng cục trưởng", Kind::Title},
    {"^vụ trưởng", Kind::Title}, {"^viện trưởng", Kind::Title}, {"^chánh ^văn phòng", Kind::Title},
    {"^chánh ^thanh tra", Kind::Title}, {"^trưởng ban", Kind::Title}, {"^hiệu trưởng", Kind::Title},
    {"^chủ nhiệm", Kind::Title}, {"^thống đốc", Kind::Title}, {"^tổng ^thư ký", Kind::Title},
    {"^tổng ^kiểm toán", Kind::Title}, {"^tổng ^thanh tra", Kind::Title}, {"^bí thư", Kind::Title},
    {"^trưởng phòng", Kind::Title}, {"^chánh án", Kind::Title},

    {"^chính phủ", Kind::Fixed}, {"^quốc hội", Kind::Fixed},
    {"^ủy ban ^thường vụ ^quốc hội", Kind::Fixed}, {"^ủy ban nhân dân", Kind::Fixed},
    {"^hội đồng nhân dân", Kind::Fixed}, {"^ngân hàng ^nhà nước ^việt ^nam", Kind::Fixed},
    {"^kiểm toán nhà nước", Kind::Fixed}, {"^bảo hiểm xã hội ^việt ^nam", Kind::Fixed},
    {"^kho bạc ^nhà nước", Kind::Fixed}, {"^văn phòng ^chính phủ", Kind::Fixed},
    {"^thanh tra ^chính phủ", Kind::Fixed}, {"^trung ương", Kind::Fixed}, {"^việt ^nam", Kind::Fixed},
    {"^tòa án nhân dân", Kind::Fixed}, {"^tòa án nhân dân tối cao", Kind::Fixed},
    {"^viện kiểm sát nhân dân", Kind::Fixed}, {"^viện kiểm sát nhân dân tối cao", Kind::Fixed},
    {"^công an", Kind::Organ},

    {"^bộ", Kind::Ministry},
    {"^sở", Kind::Ministry}, {"^cục", Kind::Organ}, {"^tổng cục", Kind::Organ}, {"^chi cục", Kind::Organ},
    {"^vụ", Kind::Organ}, {"^viện", Kind::Organ}, {"^ban", Kind::Organ}, {"^văn phòng", Kind::Organ},
    {"^thanh tra", Kind::Organ}, {"^học viện", Kind::Organ}, {"^trường", Kind::Organ},
    {"^phòng", Kind::Organ}, {"^đài", Kind::Organ}, {"^trung tâm", Kind::Organ},
    {"^ủy ban", Kind::Organ}, {"^hội đồng", Kind::Organ}, {"^tập đoàn", Kind::Organ},
    {"^tổng công ty", Kind::Organ}, {"^công ty", Kind::Organ}, {"^ngân hàng", Kind::Organ},
    {"^kho bạc", Kind::Organ},

    {"tỉnh", Kind::Level}, {"thành phố", Kind::Level}, {"huyện", Kind::Level}, {"quận", Kind::Level},
    {"thị xã", Kind::Level}, {"xã", Kind::Level}, {"phường", Kind::Level}, {"thị trấn", Kind::Level},
    {"xã hội", Kind::Plain},
};

struct PhraseWord {
    std::string word;  // loose form
    bool capital;
};

const std::vector<std::vector<PhraseWord>>& phraseWords() {
    static const auto table = [] {
        std::vector<std::vector<PhraseWord>> out;
        for (const auto& p : kPhrases) {
            std::vector<PhraseWord> words;
            for (const auto& w : splitWords(p.text)) {
                const bool cap = w.front() == '^';
                words.push_back({loose(cap ? std::string_view(w).substr(1) : std::string_view(w)), cap});
            }
            out.push_back(std::move(words));
        }
        return out;
    }();
    return table;
}

bool endsWithComma(std::string_view w) { return !w.empty() && w.back() == ','; }

}  // namespace

std::string normaliseLegalBasis(std::string_view line, bool last) {
    std::string s(trimEnd(trim(line), ",;.:"));
    s += last ? '.' : ';';
    return s;
}

std::string withoutEndPunctuation(std::string_view s) { return std::string(trimEnd(trim(s), ",;.")); }

std::string organSentenceCase(std::string_view upperText) {
    std::vector<std::string> words = splitWords(text::toLower(trim(upperText)));
    std::vector<std::string> keys;
    keys.reserve(words.size());
    for (const auto& w : words) keys.push_back(loose(w));
    const auto& table = phraseWords();

    // place: after tỉnh/huyện… every word is part of a place name; nameNext: the next word
    // starts an organ's proper name; inName: inside that name, where organ words are ordinary
    // words ("Bộ Nội vụ", "Vụ Tổ chức cán bộ", "Môi trường"); ministry: "và", "-", "," open a
    // new capitalised component ("Bộ Văn hóa, Thể thao và Du lịch").
    bool place = false, nameNext = false, inName = false, ministry = false;
    std::size_t plain = 0;  // words left of a Plain phrase: no matching inside it
    for (std::size_t i = 0; i < words.size();) {
        std::size_t best = 0, bestLen = 0;
        for (std::size_t p = 0; p < table.size() && plain == 0; ++p) {
            const auto& pw = table[p];
            const Kind kind = kPhrases[p].kind;
            if (inName && !nameNext && (kind == Kind::Organ || kind == Kind::Ministry)) continue;
            if (pw.size() <= bestLen || i + pw.size() > words.size()) continue;
            bool match = true;
            for (std::size_t k = 0; k < pw.size() && match; ++k) {
                match = keys[i + k] == pw[k].word;
                // a phrase may end at a comma, never contain one
                if (match && k + 1 < pw.size() && endsWithComma(words[i + k])) match = false;
            }
            if (match) best = p, bestLen = pw.size();
        }
        if (bestLen > 0 && kPhrases[best].kind == Kind::Plain) {
            plain = bestLen;
            bestLen = 0;
        }
        if (bestLen > 0) {
            for (std::size_t k = 0; k < bestLen; ++k)
                if (table[best][k].capital) words[i + k] = capitalise(words[i + k]);
            const Kind kind = kPhrases[best].kind;
            place = kind == Kind::Level;
            nameNext = kind == Kind::Organ || kind == Kind::Ministry;
            inName = nameNext;
            ministry = kind == Kind::Ministry;
            i += bestLen;
            continue;
        }
        if (plain > 0) --plain;
        if (place || nameNext) {
            words[i] = capitalise(words[i]);
            nameNext = false;
        } else if (ministry && i > 0 && (keys[i - 1] == "và" || words[i - 1] == "-" || endsWithComma(words[i - 1]))) {
            words[i] = capitalise(words[i]);
        }
        ++i;
    }
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i) out += ' ';
        out += i == 0 ? capitalise(words[i]) : words[i];
    }
    return out;
}

std::string authorityInSentence(std::string_view authority, std::string_view issuerName) {
    const auto isUpper = [](std::string_view s) { return text::toUpper(s) == s; };
    const std::string_view issuer = trim(issuerName);
    std::string_view a = trim(authority);
    if (a.empty()) return isUpper(issuer) ? organSentenceCase(issuer) : std::string(issuer);
    if (!isUpper(a)) return std::string(a);
    if (!issuer.empty() && !isUpper(issuer)) {
        const std::string up = text::toUpper(issuer);
        if (a.ends_with(up) && (a.size() == up.size() || a[a.size() - up.size() - 1] == ' ')) {
            const std::string_view prefix = trim(a.substr(0, a.size() - up.size()));
            if (prefix.empty()) return std::string(issuer);
            return organSentenceCase(prefix) + " " + std::string(issuer);
        }
    }
    return organSentenceCase(a);
}

std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    std::string out;
    out.reserve(pattern.size() + 32);
    std::size_t i = 0;
    while (i < pattern.size()) {
        const std::size_t open = pattern.find('{', i);
        if (open == std::string_view::npos) break;
        const std::size_t close = pattern.find('}', open + 1);
        if (close == std::string_view::npos) break;
        out.append(pattern, i, open - i);
        const std::string_view name = pattern.substr(open + 1, close - open - 1);
        bool found = false;
        for (const auto& [k, v] : values)
            if (k == name) {
                out += v;
                found = true;
                break;
            }
        if (!found) out.append(pattern, open, close - open + 1);
        i = close + 1;
    }
    out.append(pattern, i);
    return out;
}

}  // namespace vanthu::compose
