#include "layout/fonts.h"

#include <hb.h>
#include <hb-ot.h>
#include <hb-cplusplus.hh>

#include "core/error.h"
#include "core/files.h"
#include "core/narrow.h"
#include "core/utf8.h"

namespace vanthu::layout {

struct Fonts::Impl {
    std::shared_ptr<const font::FontMetrics> metrics;
    std::array<std::string, 4> bytes;  // owned file contents; the blobs point into them
    std::array<hb::shared_ptr<hb_font_t>, 4> fonts;
    int upem = 2048;
};

Fonts::Fonts(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Fonts::~Fonts() = default;

std::shared_ptr<const Fonts> Fonts::open(std::shared_ptr<const font::FontMetrics> metrics) {
    auto impl = std::make_unique<Impl>();
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& path = metrics->face(static_cast<font::Style>(i)).file;
        std::string bytes;
        try {
            bytes = readFile(path);
        } catch (const Failure&) {
            throw Failure(Errc::FontMissing, "font file missing or unreadable: " + path.string() +
                                                 " (install Debian package fonts-liberation2; see fonts/README.md)");
        }
        impl->bytes[i] = std::move(bytes);
        const std::string& b = impl->bytes[i];
        // READONLY: HarfBuzz never writes to or frees the bytes, which outlive every face.
        hb::unique_ptr<hb_blob_t> blob{hb_blob_create_or_fail(b.data(), narrow<unsigned>(b.size()),
                                                              HB_MEMORY_MODE_READONLY, nullptr, nullptr)};
        if (!blob) throw Failure(Errc::FontMissing, "cannot read font " + path.string());
        hb::unique_ptr<hb_face_t> face{hb_face_create(blob.get(), 0)};
        // hb_face_create never fails: a face of garbage has no glyphs (STYLE.md §4).
        if (hb_face_get_glyph_count(face.get()) == 0)
            throw Failure(Errc::FontMissing, "not a font (no glyphs): " + path.string());
        hb::shared_ptr<hb_font_t> font{hb_font_create(face.get())};
        impl->upem = static_cast<int>(hb_face_get_upem(face.get()));
        hb_font_set_scale(font.get(), impl->upem, impl->upem);  // shape in font units
        hb_font_make_immutable(font.get());
        impl->fonts[i] = std::move(font);
    }
    impl->metrics = std::move(metrics);
    return std::make_shared<const Fonts>(std::move(impl));
}

namespace {
// Code points no lookup of Liberation Serif's GSUB (ccmp) or GPOS (mark, mkmk; kern is off)
// applies to on its own: precomposed Latin, Vietnamese, punctuation, ₫. Combining marks are not
// here. tests/layout checks the fast path against hb_shape for every word of the samples.
bool simple(char32_t c) {
    return (c >= 0x21 && c <= 0x7E) || (c >= 0xA0 && c <= 0x2AF) || (c >= 0x1E00 && c <= 0x1EFF) ||
           (c >= 0x2010 && c <= 0x2027) || c == 0x20AB;
}
}  // namespace

void Fonts::shape(font::Style s, std::string_view utf8, std::vector<ShapedGlyph>& out, bool fastPath) const {
    out.clear();
    if (utf8.empty()) return;
    if (fastPath) {
        hb_font_t* font = impl_->fonts[static_cast<std::size_t>(s)].get();
        bool ok = true;
        for (std::size_t i = 0; i < utf8.size() && ok;) {
            const auto cluster = static_cast<std::uint32_t>(i);
            const char32_t c = decodeUtf8(utf8, i);
            hb_codepoint_t g = 0;
            ok = simple(c) && hb_font_get_nominal_glyph(font, c, &g) && g != 0;
            if (ok) out.push_back({static_cast<std::uint16_t>(g), hb_font_get_glyph_h_advance(font, g), 0, 0, cluster});
        }
        if (ok) return;
        out.clear();
    }
    // One buffer per thread, reused: hb_buffer_create costs more than shaping a short word.
    thread_local hb::unique_ptr<hb_buffer_t> buf{hb_buffer_create()};
    hb_buffer_clear_contents(buf.get());
    hb_buffer_add_utf8(buf.get(), utf8.data(), narrow<int>(utf8.size()), 0, narrow<int>(utf8.size()));
    hb_buffer_set_direction(buf.get(), HB_DIRECTION_LTR);
    hb_buffer_set_script(buf.get(), HB_SCRIPT_LATIN);
    static const hb_language_t vi = hb_language_from_string("vi", -1);
    hb_buffer_set_language(buf.get(), vi);
    static const hb_feature_t features[] = {{HB_TAG('k', 'e', 'r', 'n'), 0, 0, ~0u}};
    hb_shape(impl_->fonts[static_cast<std::size_t>(s)].get(), buf.get(), features, 1);
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf.get(), &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf.get(), &n);
    out.resize(n);
    for (unsigned i = 0; i < n; ++i)
        out[i] = {static_cast<std::uint16_t>(info[i].codepoint), pos[i].x_advance, pos[i].x_offset, pos[i].y_offset,
                  info[i].cluster};
}

std::uint16_t Fonts::glyphOf(font::Style s, char32_t c) const {
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(impl_->fonts[static_cast<std::size_t>(s)].get(), c, &g)
               ? static_cast<std::uint16_t>(g)
               : 0;
}

std::int32_t Fonts::advanceOf(font::Style s, std::uint16_t gid) const {
    return hb_font_get_glyph_h_advance(impl_->fonts[static_cast<std::size_t>(s)].get(), gid);
}

const font::FontMetrics& Fonts::metrics() const { return *impl_->metrics; }
int Fonts::unitsPerEm() const { return impl_->upem; }
std::string_view Fonts::fileBytes(font::Style s) const { return impl_->bytes[static_cast<std::size_t>(s)]; }

}  // namespace vanthu::layout
