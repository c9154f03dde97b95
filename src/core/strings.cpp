#include "core/strings.h"

namespace vanthu {

std::string_view trimAscii(std::string_view s, std::string_view chars) noexcept {
    const auto b = s.find_first_not_of(chars);
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(chars) - b + 1);
}

std::string_view trimSpaces(std::string_view s) noexcept {
    constexpr std::string_view kNbsp = "\xC2\xA0";
    for (;;) {
        s = trimAscii(s);
        if (s.starts_with(kNbsp)) s.remove_prefix(kNbsp.size());
        else if (s.ends_with(kNbsp)) s.remove_suffix(kNbsp.size());
        else return s;
    }
}

namespace {
constexpr char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }
}  // namespace

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = lower(c);
    return out;
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

}  // namespace vanthu
