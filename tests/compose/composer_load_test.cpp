// compose::Composer::load with a data folder whose fonts cannot be opened (the font module's own
// failures are in tests/font).
#include "compose/composer.h"

#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/files.h"

namespace vanthu::compose {
namespace {

namespace fs = std::filesystem;

TEST(ComposerLoad, AMissingFontFailsToLoadNamingTheFile) {
    const fs::path dir = fs::temp_directory_path() / ("vanthu-composer-load-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "fonts");
    fs::create_directory_symlink(dataDir() / "templates", dir / "templates");
    fs::create_directory_symlink(dataDir() / "schemas", dir / "schemas");
    // Relative names: resolved in dir/fonts, where the faces are not.
    std::ofstream(dir / "fonts" / "fonts.xml") << R"(<?xml version="1.0" encoding="UTF-8"?>
<fonts xmlns="urn:vanthu:fonts:1">
  <family name="Liberation Serif" standsFor="Times New Roman" default="true">
    <face style="regular" file="LiberationSerif-Regular.ttf"/>
    <face style="bold" file="LiberationSerif-Bold.ttf"/>
    <face style="italic" file="LiberationSerif-Italic.ttf"/>
    <face style="bold-italic" file="LiberationSerif-BoldItalic.ttf"/>
  </family>
</fonts>
)";
    try {
        Composer::load(dir);
        ADD_FAILURE() << "a composer loaded without its fonts";
    } catch (const Failure& f) {
        EXPECT_EQ(f.code(), Errc::FontMissing);
        EXPECT_NE(std::string(f.what()).find((dir / "fonts" / "LiberationSerif-Regular.ttf").string()), std::string::npos)
            << f.what();
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace vanthu::compose
