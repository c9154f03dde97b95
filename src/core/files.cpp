#include "core/files.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "core/error.h"

namespace vanthu {

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure(Errc::NotFound, "cannot open " + path.string() + ": " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw Failure(Errc::Storage, "cannot read " + path.string());
    return std::move(ss).str();
}

void writeFileAtomic(const std::filesystem::path& path, std::string_view bytes) {
    const auto tmp = path.string() + ".tmp-" + std::to_string(::getpid());
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw Failure(Errc::Storage, "cannot create " + tmp + ": " + std::strerror(errno));
    const bool wrote = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const bool flushed = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
    const bool closed = std::fclose(f) == 0;
    if (!wrote || !flushed || !closed || std::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        throw Failure(Errc::Storage, "cannot write " + path.string() + ": " + why);
    }
}

std::filesystem::path dataDir() {
    if (const char* env = std::getenv("VANTHU_DATA_DIR"); env && *env) return env;
    return VANTHU_SOURCE_DATA_DIR;
}

}  // namespace vanthu
