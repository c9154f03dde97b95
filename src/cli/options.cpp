#include "cli/options.h"

#include <ostream>

namespace vanthu::cli {

std::optional<Options> parseOptions(const std::vector<std::string>& a, std::size_t from, const std::set<std::string>& valued,
                                    const std::set<std::string>& flags, std::ostream& err) {
    Options o;
    for (std::size_t i = from; i < a.size(); ++i) {
        if (valued.count(a[i])) {
            if (i + 1 >= a.size()) {
                err << "vanthu: " << a[i] << " needs a value\n";
                return std::nullopt;
            }
            const std::string& key = a[i];
            o.values[key] = a[i + 1];
            ++i;
        } else if (flags.count(a[i])) {
            o.flags.insert(a[i]);
        } else if (!a[i].empty() && a[i][0] == '-') {
            err << "vanthu: unknown option " << a[i] << "\n";
            return std::nullopt;
        } else {
            o.positional.push_back(a[i]);
        }
    }
    return o;
}

std::string optionValue(const Options& o, const std::string& k, const std::string& dflt) {
    const auto it = o.values.find(k);
    return it == o.values.end() ? dflt : it->second;
}

}  // namespace vanthu::cli
