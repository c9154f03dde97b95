// core/files.h: whole-file reads and atomic writes (never a half-written output file).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace vanthu {

// Throws Failure(Errc::NotFound / Storage) when the file cannot be read.
std::string readFile(const std::filesystem::path& path);

// Writes to "<path>.tmp-<pid>" then renames over `path`, so readers see the old file or the whole
// new one. Throws Failure(Errc::Storage); on failure the temporary file is removed.
void writeFileAtomic(const std::filesystem::path& path, std::string_view bytes);

// The folder holding templates/, schemas/, fonts/: $VANTHU_DATA_DIR, else the source tree the
// binary was built from.
std::filesystem::path dataDir();

}  // namespace vanthu
