#include "input/text_cleanup.h"

#include <charconv>

#include "core/iso_date.h"
#include "text/unicode.h"

namespace vanthu::input {
namespace {

bool isXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool sameFormat(const model::Run& a, const model::Run& b) {
    return a.bold == b.bold && a.italic == b.italic && a.underline == b.underline;
}

template <class Int>
bool digits(std::string_view s, Int& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
}

}  // namespace

std::string collapseWhitespace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pendingSpace = false;
    for (char c : s) {
        if (isXmlSpace(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += c;
    }
    return out;
}

model::Inlines normaliseRuns(model::Inlines runs) {
    bool lastWasSpace = true;  // true at the start: leading white space is dropped
    for (auto& r : runs) {
        std::string t;
        t.reserve(r.text.size());
        for (char c : r.text) {
            if (isXmlSpace(c)) {
                if (!lastWasSpace) t += ' ';
                lastWasSpace = true;
            } else {
                t += c;
                lastWasSpace = false;
            }
        }
        r.text = std::move(t);
    }
    // Trailing white space of the whole sequence, possibly spread over several runs.
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        while (!it->text.empty() && it->text.back() == ' ') it->text.pop_back();
        if (!it->text.empty()) break;
    }
    model::Inlines out;
    for (auto& r : runs) {
        if (r.text.empty()) continue;
        if (!out.empty() && sameFormat(out.back(), r)) out.back().text += r.text;
        else out.push_back(std::move(r));
    }
    for (auto& r : out) r.text = text::nfc(r.text);
    return out;
}

std::optional<model::Date> parseIsoDate(std::string_view s) {
    // YYYY-MM-DD then nothing, "Z" or "±hh:mm".
    if (s.size() < 10) return std::nullopt;
    const auto d = parseIsoDateSyntax(s.substr(0, 10));
    if (!d) return std::nullopt;
    const auto zone = s.substr(10);
    if (zone.empty() || zone == "Z") return d;
    int hh = 0, mm = 0;
    if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && digits(zone.substr(1, 2), hh) &&
        digits(zone.substr(4, 2), mm) && hh <= 14 && mm < 60)
        return d;
    return std::nullopt;
}

}  // namespace vanthu::input
