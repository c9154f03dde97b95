#include "font/metrics.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_TRUETYPE_TABLES_H

#include "core/c_handle.h"
#include "core/error.h"
#include "core/files.h"
#include "core/utf8.h"
#include "xml/node.h"
#include "xml/parser.h"

namespace vanthu::font {
namespace {

using FtLibrary = CHandle<FT_LibraryRec_, FT_Done_FreeType>;
using FtFace = CHandle<FT_FaceRec_, FT_Done_Face>;

constexpr std::string_view kManifestNs = "urn:vanthu:fonts:1";

// Code points measured often enough to deserve a flat table: Latin (with combining marks),
// Latin Extended Additional (the precomposed Vietnamese letters) and General Punctuation
// (dashes, curly quotes, ellipsis). Everything else the face maps goes into a sorted vector.
struct FlatRange {
    char32_t first;
    char32_t last;
};
constexpr FlatRange kFlat[] = {{0x0000, 0x036F}, {0x1E00, 0x1EFF}, {0x2000, 0x206F}};

// Letters a Vietnamese document cannot do without (tool chain report §4): a face lacking one of
// them would print tofu, so it is refused at load.
constexpr std::u32string_view kVietnameseRequired =
    U"ăĂâÂđĐêÊôÔơƠưƯÀÁÃÈÉÌÍÒÓÕÙÚÝàáãèéìíòóõùúýĨĩŨũ";
constexpr char32_t kVietnameseBlockFirst = 0x1EA0, kVietnameseBlockLast = 0x1EF9;

std::string hex(char32_t c) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string s = "U+";
    bool started = false;
    for (int shift = 20; shift >= 0; shift -= 4) {
        const unsigned d = (static_cast<unsigned>(c) >> shift) & 0xF;
        if (d || started || shift <= 12) {
            s += kDigits[d];
            started = true;
        }
    }
    return s;
}

// Advance widths of one face in font units.
struct FaceTable {
    FaceInfo info;
    std::vector<std::uint16_t> flat[std::size(kFlat)];
    std::vector<std::pair<char32_t, std::uint16_t>> others;  // sorted by code point
    std::uint16_t notdef = 0;

    std::uint32_t advance(char32_t c) const {
        for (std::size_t r = 0; r < std::size(kFlat); ++r)
            if (c >= kFlat[r].first && c <= kFlat[r].last) return flat[r][c - kFlat[r].first];
        const auto it = std::lower_bound(others.begin(), others.end(), c,
                                         [](const auto& e, char32_t v) { return e.first < v; });
        return it != others.end() && it->first == c ? it->second : notdef;
    }
};

std::uint16_t advanceOf(FT_Face face, FT_UInt gid, const std::filesystem::path& path) {
    FT_Fixed adv = 0;
    if (FT_Get_Advance(face, gid, FT_LOAD_NO_SCALE, &adv) != 0)
        throw Failure(Errc::FontMissing, "cannot read advance widths of font " + path.string());
    return static_cast<std::uint16_t>(std::clamp<FT_Fixed>(adv, 0, 0xFFFF));
}

bool zeroWidth(char32_t c) { return c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x0300 && c <= 0x036F); }

FtFace openFace(FT_Library lib, const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw Failure(Errc::FontMissing, "font file missing: " + path.string() +
                                             " (install Debian package fonts-liberation2; see fonts/README.md)");
    FT_Face raw = nullptr;
    if (const FT_Error err = FT_New_Face(lib, path.c_str(), 0, &raw); err != 0 || !raw)
        throw Failure(Errc::FontMissing, "not a readable font: " + path.string() + " (FreeType error " +
                                             std::to_string(err) + ")");
    FtFace face{raw};
    if (!FT_IS_SCALABLE(raw) || raw->num_glyphs <= 1 || raw->units_per_EM == 0)
        throw Failure(Errc::FontMissing, "not a scalable font with glyphs: " + path.string());
    if (FT_Select_Charmap(raw, FT_ENCODING_UNICODE) != 0)
        throw Failure(Errc::FontMissing, "font has no Unicode cmap: " + path.string());
    return face;
}

FaceTable buildTable(FT_Face face, const std::filesystem::path& path) {
    FaceTable t;
    t.info.file = path;
    if (const char* ps = FT_Get_Postscript_Name(face)) t.info.postscriptName = ps;
    t.notdef = advanceOf(face, 0, path);

    auto check = [&](char32_t c) {
        if (FT_Get_Char_Index(face, c) == 0)
            throw Failure(Errc::FontMissing, "font " + path.string() + " lacks the Vietnamese letter " + hex(c));
    };
    for (char32_t c : kVietnameseRequired) check(c);
    for (char32_t c = kVietnameseBlockFirst; c <= kVietnameseBlockLast; ++c) check(c);

    for (std::size_t r = 0; r < std::size(kFlat); ++r) {
        auto& v = t.flat[r];
        v.resize(kFlat[r].last - kFlat[r].first + 1);
        for (char32_t c = kFlat[r].first; c <= kFlat[r].last; ++c) {
            const FT_UInt gid = FT_Get_Char_Index(face, c);
            v[c - kFlat[r].first] = zeroWidth(c) ? 0 : gid ? advanceOf(face, gid, path) : t.notdef;
        }
    }
    FT_UInt gid = 0;
    for (FT_ULong c = FT_Get_First_Char(face, &gid); gid != 0; c = FT_Get_Next_Char(face, c, &gid)) {
        const auto cp = static_cast<char32_t>(c);
        bool inFlat = false;
        for (const auto& r : kFlat) inFlat = inFlat || (cp >= r.first && cp <= r.last);
        if (!inFlat) t.others.emplace_back(cp, advanceOf(face, gid, path));
    }
    std::sort(t.others.begin(), t.others.end());
    return t;
}

// ---- manifest ----

struct Manifest {
    std::string family;
    std::array<std::filesystem::path, 4> files;
};

Manifest readManifest(const std::filesystem::path& path) {
    auto doc = xml::parse(readFile(path));  // readFile: Failure(NotFound) naming the path
    if (!doc.ok()) throw Failure(Errc::InvalidInput, "malformed font manifest " + path.string() + ": " + doc.error().describe());
    const xml::Node root = doc.value().root();
    if (!root.is("fonts") || root.namespaceUri() != kManifestNs)
        throw Failure(Errc::InvalidInput, path.string() + ": root must be <fonts xmlns=\"urn:vanthu:fonts:1\">");
    xml::Node family;
    for (const xml::Node n : root.elements("family"))
        if (!family || n.attribute("default").value_or("") == "true") family = n;
    if (!family) throw Failure(Errc::InvalidInput, path.string() + ": no <family>");

    Manifest m;
    m.family = family.attribute("standsFor").value_or(family.attribute("name").value_or(""));
    std::array<bool, 4> seen{};
    static constexpr const char* kStyles[] = {"regular", "bold", "italic", "bold-italic"};
    for (const xml::Node n : family.elements("face")) {
        const std::string style = n.attribute("style").value_or("");
        std::size_t i = 0;
        while (i < 4 && style != kStyles[i]) ++i;
        if (i == 4) throw Failure(Errc::InvalidInput, path.string() + ": unknown face style '" + style + "'");
        std::filesystem::path file = n.attribute("file").value_or("");
        if (file.empty()) throw Failure(Errc::InvalidInput, path.string() + ": <face style=\"" + style + "\"> without file");
        if (file.is_relative()) file = path.parent_path() / file;
        m.files[i] = file.lexically_normal();
        seen[i] = true;
    }
    for (std::size_t i = 0; i < 4; ++i)
        if (!seen[i]) throw Failure(Errc::FontMissing, path.string() + ": the manifest names no " + kStyles[i] + " face");
    return m;
}

}  // namespace

struct FontMetrics::Impl {
    std::string family;
    std::string actualFamily;
    std::array<FaceTable, 4> faces;
    int unitsPerEm = 2048;
    int ascender = 0;   // font units, positive
    int descender = 0;  // font units, positive
    int lineGap = 0;
};

FontMetrics::FontMetrics(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FontMetrics::~FontMetrics() = default;

std::shared_ptr<const FontMetrics> FontMetrics::load(const std::filesystem::path& manifestOrDir) {
    std::error_code ec;
    const auto manifest = std::filesystem::is_directory(manifestOrDir, ec) ? manifestOrDir / "fonts.xml" : manifestOrDir;
    Manifest m = readManifest(manifest);
    return fromFiles(m.files, std::move(m.family));
}

std::shared_ptr<const FontMetrics> FontMetrics::fromFiles(const std::array<std::filesystem::path, 4>& files,
                                                          std::string family) {
    // One FT_Library per call: FreeType objects are not shared between threads, and none
    // survive this function.
    FT_Library rawLib = nullptr;
    if (FT_Init_FreeType(&rawLib) != 0) throw Failure(Errc::Internal, "FT_Init_FreeType failed");
    FtLibrary lib{rawLib};

    auto impl = std::make_unique<Impl>();
    impl->family = std::move(family);
    int upem = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        FtFace face = openFace(lib.get(), files[i]);
        if (i == 0) {
            upem = face->units_per_EM;
            if (face->family_name) impl->actualFamily = face->family_name;
            const auto* hhea = static_cast<const TT_HoriHeader*>(FT_Get_Sfnt_Table(face.get(), FT_SFNT_HHEA));
            const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face.get(), FT_SFNT_OS2));
            if (hhea && (hhea->Ascender != 0 || hhea->Descender != 0)) {
                impl->ascender = hhea->Ascender;
                impl->descender = -hhea->Descender;
                impl->lineGap = hhea->Line_Gap;
            } else if (os2 && os2->version != 0xFFFF) {
                impl->ascender = os2->usWinAscent;
                impl->descender = os2->usWinDescent;
                impl->lineGap = 0;
            } else {
                impl->ascender = face->ascender;
                impl->descender = -face->descender;
                impl->lineGap = std::max(0, face->height - face->ascender + face->descender);
            }
        } else if (face->units_per_EM != upem) {
            throw Failure(Errc::FontMissing, "font " + files[i].string() + " has " + std::to_string(face->units_per_EM) +
                                                 " units per em, the regular face " + std::to_string(upem));
        }
        impl->faces[i] = buildTable(face.get(), files[i]);
    }
    impl->unitsPerEm = upem;
    if (impl->family.empty()) impl->family = impl->actualFamily;
    return std::make_shared<const FontMetrics>(std::move(impl));
}

double FontMetrics::advancePt(std::string_view utf8, double sizePt, Style style) const {
    const FaceTable& t = impl_->faces[static_cast<std::size_t>(style)];
    std::uint64_t units = 0;
    for (std::size_t i = 0; i < utf8.size();) units += t.advance(decodeUtf8(utf8, i));
    return static_cast<double>(units) * sizePt / impl_->unitsPerEm;
}

double FontMetrics::advancePt(std::string_view utf8, double sizePt, bool bold, bool italic) const {
    return advancePt(utf8, sizePt, styleOf(bold, italic));
}

double FontMetrics::lineHeightPt(double sizePt) const {
    return (impl_->ascender + impl_->descender + impl_->lineGap) * sizePt / impl_->unitsPerEm;
}
double FontMetrics::ascenderPt(double sizePt) const { return impl_->ascender * sizePt / impl_->unitsPerEm; }
double FontMetrics::descenderPt(double sizePt) const { return impl_->descender * sizePt / impl_->unitsPerEm; }
const std::string& FontMetrics::family() const { return impl_->family; }
const std::string& FontMetrics::actualFamily() const { return impl_->actualFamily; }
const FaceInfo& FontMetrics::face(Style s) const { return impl_->faces[static_cast<std::size_t>(s)].info; }
int FontMetrics::unitsPerEm() const { return impl_->unitsPerEm; }

}  // namespace vanthu::font
