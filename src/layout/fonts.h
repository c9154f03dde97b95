// layout/fonts.h: the document's four faces opened for shaping (HarfBuzz) and for embedding.
// HarfBuzz types stay inside layout/*.cpp; this header shows only our own.
//
// Thread-safety: immutable after load(); shape() may run on any number of threads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "font/metrics.h"

namespace vanthu::layout {

struct ShapedGlyph {
    std::uint16_t gid = 0;
    std::int32_t advance = 0;   // font units
    std::int32_t xOffset = 0;   // font units
    std::int32_t yOffset = 0;
    std::uint32_t cluster = 0;  // byte offset into the shaped text
};

class Fonts {
public:
    // Opens the faces named by `metrics` (fonts/fonts.xml). Throws Failure(Errc::FontMissing)
    // naming the file when one cannot be read or is not a font.
    static std::shared_ptr<const Fonts> open(std::shared_ptr<const font::FontMetrics> metrics);

    ~Fonts();
    Fonts(const Fonts&) = delete;
    Fonts& operator=(const Fonts&) = delete;

    // Shapes `utf8` (one word or run, one face) with language vi, script Latin, LTR, kerning off
    // (Word and LibreOffice do not kern DOCX text unless asked, and we must break where they do).
    // Words of precomposed Latin letters (all of Vietnamese in NFC), digits and punctuation
    // take a fast path that gives what HarfBuzz gives for them with this face (cmap glyph,
    // hmtx advance, no offsets: no GSUB or GPOS lookup applies); the rest, combining marks
    // included, goes through hb_shape. `fastPath = false` forces hb_shape (tests compare both).
    void shape(font::Style s, std::string_view utf8, std::vector<ShapedGlyph>& out, bool fastPath = true) const;
    std::uint16_t glyphOf(font::Style s, char32_t c) const;  // 0 when the face lacks it
    std::int32_t advanceOf(font::Style s, std::uint16_t gid) const;  // font units

    const font::FontMetrics& metrics() const;
    int unitsPerEm() const;
    std::string_view fileBytes(font::Style s) const;  // the whole font file, for subsetting

    struct Impl;
    explicit Fonts(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::layout
