// Words lost on import (issue 13): for every seed text and every text-import test input, each
// source word must reach the rendered document (import → compose → the text of every paragraph
// and table cell of the composition), or be named in a note that says it was dropped (the
// placeholder "(Đã ký)", a repeated conversion artefact). The count per input is printed; any word
// lost silently fails the test.
//
// Words are compared in lower case (compose prints organ names and titles in capitals) with
// leading zeros of numbers removed ("ngày 8" and "ngày 08" are one date); a word is a run of
// letters and digits, so Markdown marks and punctuation are no words. Counting is by multiset: a
// paragraph dropped whose words all appear elsewhere still counts.
#include <filesystem>
#include <map>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "compose/compose_fixtures.h"
#include "core/files.h"
#include "core/utf8.h"
#include "input/text_import.h"
#include "input/text_import_cases.h"
#include "support/test_support.h"
#include "text/unicode.h"

namespace vanthu::compose {
namespace {

using WordCount = std::map<std::string, int>;

bool isWordCodePoint(char32_t c) {
    if (c < 0x80) return std::isalnum(static_cast<int>(c)) != 0;
    if (c <= 0xBF || c == 0xD7 || c == 0xF7) return false;  // NO-BREAK SPACE, « », ° …
    return !(c >= 0x2000 && c <= 0x206F);                     // general punctuation: “ ” – … •
}

enum class Cls { Other, Digit, Lower, Upper };
Cls classOf(char32_t c) {
    if (!isWordCodePoint(c)) return Cls::Other;
    if (c < 0x80 && std::isdigit(static_cast<int>(c))) return Cls::Digit;
    std::string one;
    appendUtf8(one, c);
    return text::toLower(one) != one ? Cls::Upper : Cls::Lower;
}

// Runs of letters and digits; a run also breaks where letters meet digits and where a capital
// starts a word after a lower-case letter or after capitals ("HIỆNĐiều" → hiện, điều), so a unit
// run together with the word before it is not counted as one unknown word.
void addWords(std::string_view s, WordCount& into) {
    std::vector<std::pair<char32_t, std::string>> cps;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t c = decodeUtf8(s, i);
        cps.emplace_back(c, std::string(s.substr(start, i - start)));
    }
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        std::string w = text::toLower(word);
        if (std::all_of(w.begin(), w.end(), ::isdigit)) {
            const auto nz = w.find_first_not_of('0');
            w = nz == std::string::npos ? "0" : w.substr(nz);
        }
        ++into[w];
        word.clear();
    };
    Cls prev = Cls::Other;
    for (std::size_t k = 0; k < cps.size(); ++k) {
        const Cls c = classOf(cps[k].first);
        if (c == Cls::Other) {
            flush();
        } else if (prev != Cls::Other) {
            const Cls next = k + 1 < cps.size() ? classOf(cps[k + 1].first) : Cls::Other;
            const bool digitEdge = (prev == Cls::Digit) != (c == Cls::Digit);
            const bool capital = c == Cls::Upper && (prev == Cls::Lower || (prev == Cls::Upper && next == Cls::Lower));
            if (digitEdge || capital) flush();
        }
        if (c != Cls::Other) word += cps[k].second;
        prev = c;
    }
    flush();
}

// What the source says, without what is markup: an image's file name, <br> tags.
WordCount sourceWords(const std::string& text) {
    static const std::regex imageTarget(R"(\]\([^)]*\))");
    static const std::regex br(R"(<br\s*/?>)", std::regex::icase);
    WordCount w;
    addWords(std::regex_replace(std::regex_replace(text, imageTarget, "]"), br, " "), w);
    return w;
}

WordCount renderedWords(const model::Document& d) {
    WordCount w;
    const Composition c = testing::composer().compose(d, testing::options());
    for (const auto& s : c.sections)
        for (const auto* p : testing::paragraphs(s)) addWords(p->text(), w);
    return w;
}

// The text a note quotes ('…'): what an import reports it dropped.
WordCount quotedInNotes(const Warnings& notes) {
    static const std::regex quoted("'([^']*)'");
    WordCount w;
    for (const auto& n : notes)
        for (std::sregex_iterator it(n.messageVi.begin(), n.messageVi.end(), quoted), end; it != end; ++it) addWords((*it)[1].str(), w);
    return w;
}

struct Input {
    std::string name, text;
    input::ImportOptions options;
};
void PrintTo(const Input& i, std::ostream* os) { *os << i.name; }

std::vector<Input> inputs() {
    std::vector<Input> out;
    const auto seeds = std::filesystem::path(VANTHU_SHARED_DIR) / "seeds";
    input::ImportOptions dakNong;  // seed 001 has no header (text_import_test.cpp)
    dakNong.issuer = model::Organ{"ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "UBND", ""};
    out.push_back({"Seed000", readFile(seeds / "000_c171bc028f1f49ab.txt"), {}});
    out.push_back({"Seed001", readFile(seeds / "001_2aaa0c9bda4fb7e6.txt"), dakNong});
    out.push_back({"Seed003", readFile(seeds / "003_915e936f9a6a9a85.txt"), {}});
    for (auto& c : input::cases::otherInputs()) out.push_back({c.name, c.text, c.options});
    for (auto& c : input::cases::allCases()) out.push_back({c.name, c.text, c.options});
    return out;
}

class ImportWords : public ::testing::TestWithParam<Input> {};

TEST_P(ImportWords, NoSourceWordIsLostSilently) {
    const Input& in = GetParam();
    auto r = input::importText(in.text, in.options);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    const WordCount source = sourceWords(in.text), rendered = renderedWords(r.value().document),
                    noted = quotedInNotes(r.value().notes);
    int total = 0, missing = 0, silent = 0;
    std::string silentWords;
    for (const auto& [w, n] : source) {
        total += n;
        const auto it = rendered.find(w);
        const int lost = n - (it == rendered.end() ? 0 : std::min(n, it->second));
        if (lost <= 0) continue;
        missing += lost;
        const auto q = noted.find(w);
        const int unexplained = lost - (q == noted.end() ? 0 : std::min(lost, q->second));
        silent += unexplained;
        if (unexplained > 0) silentWords += " " + w + (unexplained > 1 ? "×" + std::to_string(unexplained) : "");
    }
    std::printf("[ words   ] %s: %d source words, %d not in the rendering, %d of them dropped with a note, %d lost silently\n",
                in.name.c_str(), total, missing, missing - silent, silent);
    EXPECT_EQ(silent, 0) << "lost without a note:" << silentWords;
}

INSTANTIATE_TEST_SUITE_P(EveryImportInput, ImportWords, ::testing::ValuesIn(inputs()),
                         [](const ::testing::TestParamInfo<Input>& i) { return i.param.name; });

}  // namespace
}  // namespace vanthu::compose
