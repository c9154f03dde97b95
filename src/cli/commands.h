// cli/commands.h: the vanthu command line, callable in-process (tests) and from main().
// Exit codes: 0 success, 2 invalid input (errors on stderr, one per line,
// "FILE:LINE:COL: field: message (thông báo)"), 1 internal fault.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vanthu::cli {

constexpr int kExitOk = 0;
constexpr int kExitFault = 1;
constexpr int kExitInvalid = 2;

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace vanthu::cli
