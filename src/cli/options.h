// cli/options.h: the "--name value" and "--flag" parsing the archive commands share.
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vanthu::cli {

struct Options {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;
    std::set<std::string> flags;
};

// Arguments from index `from` on; nothing (the reason printed) on an unknown option or a
// missing value.
std::optional<Options> parseOptions(const std::vector<std::string>& args, std::size_t from,
                                    const std::set<std::string>& valued, const std::set<std::string>& flags,
                                    std::ostream& err);

std::string optionValue(const Options& o, const std::string& key, const std::string& fallback = "");

}  // namespace vanthu::cli
