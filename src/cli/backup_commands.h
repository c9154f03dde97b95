// cli/backup_commands.h: vanthu backup, restore and migrate — a verified copy of the whole archive
// (documents, registers, audit log, artifacts and received files all live in the database), taken
// while the service runs, and its return to a SQLite file or a PostgreSQL database.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vanthu::cli {

int backupCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int restoreCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// SQLite → a new PostgreSQL database, counted and its audit chain checked on arrival.
int migrateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace vanthu::cli
