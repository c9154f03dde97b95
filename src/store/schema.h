// store/schema.h: the versioned migrations, one list per back end. Private to store/.
// The tables are the same on both; only id columns, the full-text index and triggers differ.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace vanthu::store::detail {

struct Migration {
    int version;
    std::string name;
    std::vector<std::string> statements;
};

const std::vector<Migration>& migrations(Backend b);

}  // namespace vanthu::store::detail
