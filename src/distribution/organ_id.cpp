#include "distribution/organ_id.h"

namespace vanthu::distribution {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool isStrictOrganId(std::string_view id) noexcept {
    if (id.size() != 13) return false;
    // positions: ddd.dd.dd.Ldd
    static constexpr std::string_view kShape = "ddd.dd.dd.Ldd";
    for (std::size_t i = 0; i < kShape.size(); ++i) {
        const char c = id[i];
        switch (kShape[i]) {
            case 'd': if (!isDigit(c)) return false; break;
            case 'L': if (c < 'A' || c > 'Z') return false; break;
            default: if (c != kShape[i]) return false;
        }
    }
    return true;
}

bool isAcceptableOrganId(std::string_view id) noexcept {
    if (id.empty() || id.size() > 100) return false;
    int segments = 1;
    bool segmentEmpty = true;
    for (const char c : id) {
        const auto b = static_cast<unsigned char>(c);
        if (b <= 0x20 || b == 0x7F) return false;
        if (c == '.') {
            if (segmentEmpty) return false;
            ++segments;
            segmentEmpty = true;
        } else {
            segmentEmpty = false;
        }
    }
    return !segmentEmpty && segments <= 4;
}

std::string parentOrganId(std::string_view id) {
    if (!isStrictOrganId(id)) return {};
    std::string out(id);
    // Levels from the left: [0,3) L4, [4,6) L3, [7,9) L2; L1 (the letter) is never zeroed.
    static constexpr std::pair<std::size_t, std::size_t> kLevels[] = {{0, 3}, {4, 6}, {7, 9}};
    for (const auto& [from, to] : kLevels) {
        bool nonZero = false;
        for (std::size_t i = from; i < to; ++i) nonZero = nonZero || out[i] != '0';
        if (nonZero) {
            for (std::size_t i = from; i < to; ++i) out[i] = '0';
            return out;
        }
    }
    return {};
}

}  // namespace vanthu::distribution
