// font/metrics.h: advance widths and vertical metrics of the document font, for the decisions
// compose makes from measured text (rule lengths, indents) and, later, for line breaking.
//
// The faces are named by fonts/fonts.xml (fonts/README.md): Liberation Serif from Debian's
// fonts-liberation2, metric-compatible with Times New Roman, so a width measured here is the
// width Word gives the same text in Times New Roman. No kerning, no shaping: advances only.
//
// Thread-safety: load() builds every table it needs and closes the font files; the object is
// immutable afterwards, so one instance may be shared by any number of threads.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace vanthu::font {

enum class Style { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 };
constexpr Style styleOf(bool bold, bool italic) {
    return static_cast<Style>((bold ? 1 : 0) | (italic ? 2 : 0));
}

// One face of the manifest.
struct FaceInfo {
    std::filesystem::path file;   // absolute path of the .ttf
    std::string postscriptName;   // "LiberationSerif-Bold", read from the font
};

class FontMetrics {
public:
    // manifestOrDir: fonts.xml, or a folder holding fonts.xml. Relative face paths resolve
    // against the manifest's folder.
    // Throws Failure(Errc::FontMissing, "... <path> ...") when a face file is missing, is not
    // a font, or lacks a Vietnamese letter; Failure(Errc::NotFound / InvalidInput) when the
    // manifest itself is missing or malformed. Never yields a font that measures zero.
    static std::shared_ptr<const FontMetrics> load(const std::filesystem::path& manifestOrDir);

    // The same from explicit files, in Style order (regular, bold, italic, bold-italic).
    // `family` is the name documents use for these faces ("Times New Roman").
    static std::shared_ptr<const FontMetrics> fromFiles(const std::array<std::filesystem::path, 4>& files,
                                                        std::string family);

    ~FontMetrics();
    FontMetrics(const FontMetrics&) = delete;
    FontMetrics& operator=(const FontMetrics&) = delete;

    // Sum of the advance widths of the code points of `utf8` at `sizePt`, in points.
    // Ill-formed UTF-8 bytes count as U+FFFD; code points the face lacks get the .notdef
    // advance (what a renderer would draw); combining marks U+0300–U+036F and C0 controls
    // count 0.
    double advancePt(std::string_view utf8, double sizePt, bool bold, bool italic) const;
    double advancePt(std::string_view utf8, double sizePt, Style style) const;

    // Single line height at `sizePt`: ascender − descender + lineGap of the regular face
    // (hhea; OS/2 win metrics when hhea is empty). Liberation Serif: 2355/2048 em.
    double lineHeightPt(double sizePt) const;
    double ascenderPt(double sizePt) const;   // positive, above the baseline
    double descenderPt(double sizePt) const;  // positive, below the baseline

    // The family name documents name ("Times New Roman"); the real faces are in face().
    const std::string& family() const;
    const std::string& actualFamily() const;  // "Liberation Serif"
    const FaceInfo& face(Style s) const;
    int unitsPerEm() const;

    struct Impl;
    explicit FontMetrics(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::font
