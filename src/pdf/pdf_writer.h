// pdf/pdf_writer.h: laid-out pages → a PDF/A-2b file in memory (DESIGN.md "How data flows").
//
// What we emit (DEVELOPING.md, "The PDF we emit"): PDF 1.7, one Type0/CIDFontType2 font per face
// used (an hb-subset TrueType subset with /W widths and a ToUnicode CMap built from HarfBuzz
// clusters), Flate-compressed content and font streams, Info and XMP metadata from
// Composition::meta, an sRGB OutputIntent, /ID from an MD5 of the body; no encryption, no
// transparency. The same input gives the same bytes.
//
// Thread-safety: reentrant; Fonts may be shared.
#pragma once

#include <filesystem>
#include <string>

#include "compose/composition.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "layout/page.h"

namespace vanthu::pdf {

struct PdfOptions {
    std::string iccProfile;                 // sRGB ICC profile bytes for the OutputIntent (required)
    std::string producer = "vanthu 0.1.0";  // Info /Producer, XMP pdf:Producer
};

// Where the time went, for bench/ (filled only when asked for; never in outputs).
struct PdfStats {
    layout::LayoutStats layout;
    double subsetSeconds = 0;
    double compressSeconds = 0;
    double writeSeconds = 0;  // writePdf as a whole (subsetting and compression included)
    std::size_t pages = 0;
    std::size_t bytes = 0;
};

// Debian's icc-profiles-free: /usr/share/color/icc/sRGB.icc (ICC v2, sRGB IEC 61966-2.1).
std::filesystem::path defaultSrgbProfile();
// Throws Failure(Errc::NotFound) naming the file and the package when it cannot be read, and
// Failure(Errc::InvalidInput) when the file is not an RGB ICC profile.
std::string loadIccProfile(const std::filesystem::path& path = defaultSrgbProfile());

// Throws Failure(Errc::FontMissing) when a face cannot be subset; std::invalid_argument when
// options.iccProfile is empty.
std::string writePdf(const compose::Composition& c, const layout::LaidOut& pages, const layout::Fonts& fonts,
                     const PdfOptions& options, PdfStats* stats = nullptr);

// layoutDocument() then writePdf().
std::string renderPdf(const compose::Composition& c, const layout::Fonts& fonts, const PdfOptions& options,
                      PdfStats* stats = nullptr);

}  // namespace vanthu::pdf
