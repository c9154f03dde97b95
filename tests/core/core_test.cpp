#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/error.h"
#include "core/files.h"
#include "core/narrow.h"
#include "core/result.h"

namespace vanthu {
namespace {

TEST(CoreResult, HoldsValueOrErrors) {
    Result<int> good(7);
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(good.value(), 7);
    Result<int> bad(Error{Errc::InvalidInput, "sai", "wrong", "/document", 3, 4});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().line, 3);
    EXPECT_EQ(bad.error().describe(), "3:4: /document: wrong (sai)");
}

TEST(CoreNarrow, RejectsOutOfRange) {
    EXPECT_EQ(narrow<int>(42L), 42);
    EXPECT_THROW(narrow<int>(1LL << 40), std::range_error);
    EXPECT_THROW(narrow<unsigned>(-1), std::range_error);
}

TEST(CoreClock, FormatsUtc) {
    using namespace std::chrono;
    const sys_seconds t = sys_days{year{2018} / 5 / 8} + hours{7} + minutes{5} + seconds{9};
    EXPECT_EQ(isoUtc(t), "2018-05-08T07:05:09Z");
}

TEST(CoreFiles, AtomicWriteReplacesWholeFileAndLeavesNoTemporary) {
    const auto dir = std::filesystem::temp_directory_path() / ("vanthu-core-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto f = dir / "out.bin";
    writeFileAtomic(f, "first");
    writeFileAtomic(f, "second, longer");
    EXPECT_EQ(readFile(f), "second, longer");
    int entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
    EXPECT_EQ(entries, 1) << "a temporary file was left behind";
    EXPECT_THROW(writeFileAtomic(dir / "missing-dir" / "x", "y"), Failure);
    EXPECT_FALSE(std::filesystem::exists(dir / "missing-dir"));
    std::filesystem::remove_all(dir);
}

TEST(CoreFiles, ReadingAMissingFileIsNotFound) {
    try {
        readFile("/nonexistent/vanthu/file");
        FAIL() << "expected Failure";
    } catch (const Failure& f) {
        EXPECT_EQ(f.code(), Errc::NotFound);
    }
}

}  // namespace
}  // namespace vanthu
