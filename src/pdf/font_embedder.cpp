#include "pdf/font_embedder.h"

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb-cplusplus.hh>  // after hb-subset.h, for the subset types (STYLE.md §3)

#include "core/error.h"
#include "core/narrow.h"

namespace vanthu::pdf {

namespace {
int readS16(const char* p) { return static_cast<std::int16_t>((static_cast<unsigned char>(p[0]) << 8) | static_cast<unsigned char>(p[1])); }
}  // namespace

std::string subsetTag(std::string_view postscriptName, const std::vector<std::uint16_t>& gids) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    auto mix = [&h](unsigned char c) { h = (h ^ c) * 1099511628211ull; };
    for (char c : postscriptName) mix(static_cast<unsigned char>(c));
    for (std::uint16_t g : gids) {
        mix(static_cast<unsigned char>(g >> 8));
        mix(static_cast<unsigned char>(g));
    }
    std::string tag(6, 'A');
    for (char& c : tag) {
        c = static_cast<char>('A' + h % 26);
        h /= 26;
    }
    return tag;
}

SubsetFont subsetFont(std::string_view fontBytes, const std::vector<std::uint16_t>& gids) {
    hb::unique_ptr<hb_blob_t> blob{hb_blob_create_or_fail(fontBytes.data(), narrow<unsigned>(fontBytes.size()),
                                                          HB_MEMORY_MODE_READONLY, nullptr, nullptr)};
    if (!blob) throw Failure(Errc::FontMissing, "font bytes unreadable for subsetting");
    hb::unique_ptr<hb_face_t> face{hb_face_create(blob.get(), 0)};
    const unsigned upem = hb_face_get_upem(face.get());
    if (hb_face_get_glyph_count(face.get()) == 0 || upem == 0) throw Failure(Errc::FontMissing, "not a font: cannot subset");

    hb::unique_ptr<hb_subset_input_t> input{hb_subset_input_create_or_fail()};
    if (!input) throw Failure(Errc::Internal, "hb_subset_input_create_or_fail");
    hb_set_t* glyphs = hb_subset_input_glyph_set(input.get());
    hb_set_add(glyphs, 0);  // .notdef is always glyph 0
    for (std::uint16_t g : gids) hb_set_add(glyphs, g);
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    hb_set_clear(unicodes);
    // A PDF reaches glyphs by id: shaping tables, hinting and names only cost bytes and time.
    hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (hb_tag_t t : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                       HB_TAG('k', 'e', 'r', 'n'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('h', 'd', 'm', 'x'),
                       HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('g', 'a', 's', 'p'), HB_TAG('n', 'a', 'm', 'e')})
        hb_set_add(drop, t);
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
    hb::unique_ptr<hb_subset_plan_t> plan{hb_subset_plan_create_or_fail(face.get(), input.get())};
    if (!plan) throw Failure(Errc::FontMissing, "hb-subset cannot plan a subset of the font");
    hb::unique_ptr<hb_face_t> sub{hb_subset_plan_execute_or_fail(plan.get())};
    if (!sub) throw Failure(Errc::FontMissing, "hb-subset failed on the font");
    const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
    hb::unique_ptr<hb_blob_t> out{hb_face_reference_blob(sub.get())};
    unsigned len = 0;
    const char* data = hb_blob_get_data(out.get(), &len);
    if (!data || len == 0) throw Failure(Errc::FontMissing, "hb-subset produced an empty font");

    SubsetFont f;
    f.file.assign(data, len);
    f.newIds.reserve(gids.size());
    for (std::uint16_t g : gids) {
        const hb_codepoint_t n = hb_map_get(map, g);
        if (n == HB_MAP_VALUE_INVALID) throw Failure(Errc::FontMissing, "hb-subset dropped glyph " + std::to_string(g));
        f.newIds.push_back(static_cast<std::uint16_t>(n));
    }
    const double k = 1000.0 / upem;
    hb::unique_ptr<hb_blob_t> head{hb_face_reference_table(face.get(), HB_TAG('h', 'e', 'a', 'd'))};
    unsigned headLen = 0;
    const char* h = hb_blob_get_data(head.get(), &headLen);
    if (h && headLen >= 44)
        f.bbox = {readS16(h + 36) * k, readS16(h + 38) * k, readS16(h + 40) * k, readS16(h + 42) * k};
    hb::unique_ptr<hb_font_t> font{hb_font_create(face.get())};
    hb_position_t v = 0;
    // hb_font_create scales to upem by default, so positions are font units.
    if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)) f.ascent = v * k;
    if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)) f.descent = v * k;
    if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_CAP_HEIGHT, &v)) f.capHeight = v * k;
    if (f.capHeight == 0) f.capHeight = f.ascent;
    f.italicAngle = hb_style_get_value(font.get(), HB_STYLE_TAG_SLANT_ANGLE);
    return f;
}

}  // namespace vanthu::pdf
