// cli/archive_commands.h: the commands that use the store and the server
// (serve, user add, audit verify). Exit codes as in cli/commands.h, plus kExitAuditBroken.
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vanthu::cli {

constexpr int kExitAuditBroken = 4;

bool isArchiveCommand(const std::vector<std::string>& args);
int runArchive(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
const char* archiveUsage();

}  // namespace vanthu::cli
