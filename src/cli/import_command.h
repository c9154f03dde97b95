// cli/import_command.h: `vanthu import` (text → document XML). Exit codes as cli/commands.h.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vanthu::cli {

int importCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace vanthu::cli
