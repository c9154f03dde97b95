// server/path.h (private to server/): a request path as its non-empty segments,
// "/api/v1/documents/7.pdf" → {"api", "v1", "documents", "7.pdf"}.
#pragma once

#include <string>
#include <vector>

namespace vanthu::server::detail {

inline std::vector<std::string> pathSegments(const std::string& path) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : path) {
        if (c == '/') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

}  // namespace vanthu::server::detail
