#include "pdf/pdf_writer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <zlib.h>

#include "core/digest.h"
#include "core/error.h"
#include "core/files.h"
#include "pdf/cmap.h"
#include "pdf/font_embedder.h"
#include "pdf/object_writer.h"

namespace vanthu::pdf {

using Clock = std::chrono::steady_clock;

namespace {

// Level 6 (zlib's default) costs about twice level 1 and saves a fifth of the bytes here.
constexpr int kFlateLevel = 1;

std::string deflate(std::string_view in, PdfStats* stats) {
    const auto t0 = stats ? Clock::now() : Clock::time_point{};
    uLongf len = compressBound(static_cast<uLong>(in.size()));
    std::string out(len, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(in.data()),
                  static_cast<uLong>(in.size()), kFlateLevel) != Z_OK)
        throw Failure(Errc::Internal, "zlib compress2 failed");
    out.resize(len);
    if (stats) stats->compressSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
    return out;
}

// Glyphs a face is drawn with, and the text each stands for (the first cluster seen wins).
struct FaceUse {
    std::vector<std::int32_t> slot;  // by gid: index into texts, -1 unused, -2 used without text
    std::vector<std::string> texts;
    bool used = false;

    void add(std::uint16_t gid, std::string_view text) {
        if (gid >= slot.size()) slot.resize(std::max<std::size_t>(gid + 1, slot.size() * 2), -1);
        used = true;
        std::int32_t& s = slot[gid];
        if (s >= 0) return;
        if (text.empty()) {
            s = -2;
            return;
        }
        s = static_cast<std::int32_t>(texts.size());
        texts.emplace_back(text);
    }
    std::vector<std::uint16_t> gids() const {
        std::vector<std::uint16_t> g;
        for (std::size_t i = 0; i < slot.size(); ++i)
            if (slot[i] != -1) g.push_back(static_cast<std::uint16_t>(i));
        return g;
    }
};

std::string xmlEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// "2018-05-08T00:00:00Z" → "D:20180508000000Z" (§7.9.4); empty when not ISO UTC.
std::string pdfDate(std::string_view iso) {
    if (iso.size() != 20 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' || iso[19] != 'Z') return {};
    std::string d = "D:";
    for (char c : iso.substr(0, 19))
        if (c >= '0' && c <= '9') d += c;
    return d + "Z";
}

struct DocInfo {
    std::string title, author, subject, keywords, created;
};

DocInfo docInfo(const compose::Metadata& m) {
    DocInfo d;
    d.title = !m.title.empty() ? m.title : (m.typeName + " " + m.code);
    d.author = m.organName;
    d.subject = m.typeName;
    if (!m.code.empty()) d.subject += (d.subject.empty() ? "" : " ") + m.code;
    for (const std::string* k : {&m.code, &m.typeName, &m.organName, &m.issuedDate, &m.organId}) {
        if (k->empty()) continue;
        if (!d.keywords.empty()) d.keywords += "; ";
        d.keywords += *k;
    }
    d.created = m.created.size() == 20 ? m.created : std::string();
    return d;
}

// XMP (ISO 16684-1) with the PDF/A identification (ISO 19005-2 §6.6.4) and only predefined
// schemas (dc, xmp, pdf, pdfaid), so no extension schema is needed; it agrees with Info.
std::string xmp(const DocInfo& d, const compose::Metadata& m, const std::string& producer) {
    std::string x;
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
         "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n</rdf:Description>\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
    x += "<dc:format>application/pdf</dc:format>\n";
    x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(d.title) + "</rdf:li></rdf:Alt></dc:title>\n";
    if (!d.author.empty()) x += "<dc:creator><rdf:Seq><rdf:li>" + xmlEscape(d.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    if (!d.subject.empty())
        x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(d.subject) +
             "</rdf:li></rdf:Alt></dc:description>\n";
    if (!m.code.empty()) x += "<dc:identifier>" + xmlEscape(m.code) + "</dc:identifier>\n";
    x += "<dc:language><rdf:Bag><rdf:li>" + xmlEscape(m.language) + "</rdf:li></rdf:Bag></dc:language>\n";
    x += "</rdf:Description>\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
    x += "<xmp:CreatorTool>vanthu</xmp:CreatorTool>\n";
    if (!d.created.empty())
        x += "<xmp:CreateDate>" + d.created + "</xmp:CreateDate>\n<xmp:ModifyDate>" + d.created +
             "</xmp:ModifyDate>\n<xmp:MetadataDate>" + d.created + "</xmp:MetadataDate>\n";
    x += "</rdf:Description>\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
    x += "<pdf:Producer>" + xmlEscape(producer) + "</pdf:Producer>\n";
    if (!d.keywords.empty()) x += "<pdf:Keywords>" + xmlEscape(d.keywords) + "</pdf:Keywords>\n";
    x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n";
    x += std::string(512, ' ') + "\n<?xpacket end=\"w\"?>";
    return x;
}

class Writer {
public:
    Writer(const compose::Composition& c, const layout::LaidOut& l, const layout::Fonts& f, const PdfOptions& o,
           PdfStats* s)
        : c_(c), l_(l), fonts_(f), o_(o), stats_(s), upem_(f.unitsPerEm()) {}

    std::string run() {
        if (o_.iccProfile.empty()) throw std::invalid_argument("pdf: PdfOptions::iccProfile is empty");
        collect();
        const Ref catalog = w_.alloc(), pages = w_.alloc(), info = w_.alloc(), metadata = w_.alloc(),
                  intent = w_.alloc();
        for (std::size_t s = 0; s < 4; ++s)
            if (use_[s].used)
                for (auto& r : fontRefs_[s]) r = w_.alloc();
        std::vector<Ref> pageRefs;
        for (std::size_t i = 0; i < l_.pages.size(); ++i) pageRefs.push_back(w_.alloc());
        for (std::size_t s = 0; s < 4; ++s)
            if (use_[s].used) subset(static_cast<font::Style>(s));

        for (std::size_t i = 0; i < l_.pages.size(); ++i) page(l_.pages[i], pageRefs[i], pages);
        for (std::size_t s = 0; s < 4; ++s)
            if (use_[s].used) font(static_cast<font::Style>(s));

        const DocInfo d = docInfo(c_.meta);
        {
            auto i = w_.dict(info);
            i.text("Title", d.title);
            if (!d.author.empty()) i.text("Author", d.author);
            if (!d.subject.empty()) i.text("Subject", d.subject);
            if (!d.keywords.empty()) i.text("Keywords", d.keywords);
            i.text("Creator", "vanthu").text("Producer", o_.producer);
            if (!d.created.empty()) i.literal("CreationDate", pdfDate(d.created)).literal("ModDate", pdfDate(d.created));
        }
        w_.stream(metadata, xmp(d, c_.meta, o_.producer), false,
                  [](DictWriter& k) { k.name("Type", "Metadata").name("Subtype", "XML"); });
        const std::string icc = deflate(o_.iccProfile, stats_);
        w_.stream(intent, icc, true, [](DictWriter& k) { k.integer("N", 3); });
        {
            auto p = w_.dict(pages);
            p.name("Type", "Pages").integer("Count", static_cast<long long>(pageRefs.size()));
            auto kids = p.array("Kids");
            for (Ref r : pageRefs) kids.item(r);
        }
        {
            auto cat = w_.dict(catalog);
            cat.name("Type", "Catalog").pair("Pages", pages).pair("Metadata", metadata).text("Lang", c_.meta.language);
            auto intents = cat.array("OutputIntents");
            auto oi = intents.dict();
            oi.name("Type", "OutputIntent").name("S", "GTS_PDFA1");
            oi.literal("OutputConditionIdentifier", "sRGB IEC61966-2.1").literal("Info", "sRGB IEC61966-2.1");
            oi.pair("DestOutputProfile", intent);
        }
        // /ID: a digest of everything before the trailer, so it changes with the content only.
        const std::string id = md5(w_.bytes());
        std::string out = w_.finish(catalog, info, id);
        if (stats_) stats_->pages = l_.pages.size(), stats_->bytes = out.size();
        return out;
    }

private:
    void collect() {
        for (const auto& p : l_.pages)
            for (const auto& r : p.runs) {
                auto& u = use_[static_cast<std::size_t>(r.style)];
                for (const auto& g : r.glyphs)
                    u.add(g.gid, std::string_view(r.text).substr(g.textBegin, g.textLength));
            }
        // The width of every glyph used, once: content streams ask for it per glyph.
        for (std::size_t s = 0; s < 4; ++s) {
            widths_[s].assign(use_[s].slot.size(), -1);
            for (std::size_t g = 0; g < use_[s].slot.size(); ++g)
                if (use_[s].slot[g] != -1)
                    widths_[s][g] = std::round(fonts_.advanceOf(static_cast<font::Style>(s), static_cast<std::uint16_t>(g)) *
                                               1000.0 / upem_ * 1000) / 1000;
        }
    }

    double widthOf(font::Style s, std::uint16_t gid) const {  // 1/1000 em, as /W says
        const auto& w = widths_[static_cast<std::size_t>(s)];
        if (gid < w.size() && w[gid] >= 0) return w[gid];
        return std::round(fonts_.advanceOf(s, gid) * 1000.0 / upem_ * 1000) / 1000;
    }

    void page(const layout::Page& pg, Ref ref, Ref parent) {
        std::string cs;
        std::size_t glyphs = 0;
        for (const auto& r : pg.runs) glyphs += r.glyphs.size();
        cs.reserve(pg.runs.size() * 48 + glyphs * 4 + pg.strokes.size() * 40 + 256);
        const double H = pg.heightPt;
        if (!pg.runs.empty()) {
            cs += "BT\n";
            int font = -1;
            double size = -1;
            for (const auto& r : pg.runs) {
                const int f = static_cast<int>(r.style);
                if (f != font || r.sizePt != size) {
                    cs += "/F";
                    cs += static_cast<char>('0' + f);
                    cs += ' ';
                    appendReal(cs, r.sizePt);
                    cs += " Tf\n";
                    font = f;
                    size = r.sizePt;
                }
                cs += "1 0 0 1 ";
                appendReal(cs, r.x);
                cs += ' ';
                appendReal(cs, H - r.baseline);
                cs += " Tm\n";
                tj(cs, r);
            }
            cs += "ET\n";
        }
        double width = -1;
        for (const auto& s : pg.strokes) {
            if (s.widthPt != width) {
                appendReal(cs, s.widthPt);
                cs += " w\n";
                width = s.widthPt;
            }
            appendReal(cs, s.x0);
            cs += ' ';
            appendReal(cs, H - s.y0);
            cs += " m ";
            appendReal(cs, s.x1);
            cs += ' ';
            appendReal(cs, H - s.y1);
            cs += " l S\n";
        }
        const Ref contents = w_.alloc();
        w_.stream(contents, deflate(cs, stats_), true);
        auto d = w_.dict(ref);
        d.name("Type", "Page").pair("Parent", parent);
        {
            auto box = d.array("MediaBox");
            box.integer(0).integer(0).item(pg.widthPt).item(pg.heightPt);
        }
        {
            auto res = d.dict("Resources");
            auto fonts = res.dict("Font");
            std::array<bool, 4> on{};
            for (const auto& r : pg.runs) on[static_cast<std::size_t>(r.style)] = true;
            for (std::size_t s = 0; s < 4; ++s)
                if (on[s]) fonts.pair(std::string("F") + static_cast<char>('0' + s), fontRefs_[s][0]);
        }
        d.pair("Contents", contents);
    }

    // One TJ per run: glyph ids as 2-byte hex, with a kerning number wherever the position
    // layout chose differs from the advance /W gives (justification, offsets). Never Tw: it
    // applies to byte 32 only and CID fonts have none (vietnamese-text.md #7).
    void tj(std::string& cs, const layout::GlyphRun& r) {
        const auto& remap = remap_[static_cast<std::size_t>(r.style)];
        cs += '[';
        double pen = 0;  // where the PDF's text position is, pt from the run origin
        bool inString = false;
        float rise = 0;
        for (const auto& g : r.glyphs) {
            if (g.dy != rise) {  // a raised or lowered mark: end the array, set the rise
                if (inString) cs += ')';
                inString = false;
                cs += "] TJ ";
                appendReal(cs, g.dy);
                cs += " Ts [";
                rise = g.dy;
            }
            const double delta = g.x - pen;
            if (std::fabs(delta) > 0.0005) {
                if (inString) cs += ')';
                inString = false;
                const double adj = std::round(-delta * 1000.0 / r.sizePt * 1000) / 1000;
                appendReal(cs, adj);
                pen -= adj * r.sizePt / 1000.0;
            }
            // Two bytes per glyph in a literal string: half the size of hex (§7.3.4.2).
            if (!inString) cs += '(';
            inString = true;
            const std::uint16_t id = remap[g.gid];
            for (const char b : {static_cast<char>(id >> 8), static_cast<char>(id & 0xFF)}) {
                if (b == '(' || b == ')' || b == '\\') cs += '\\';
                if (b == '\r') {
                    cs += "\\r";
                    continue;
                }
                cs += b;
            }
            pen += widthOf(r.style, g.gid) * r.sizePt / 1000.0;
        }
        if (inString) cs += ')';
        cs += "] TJ\n";
        if (rise != 0) cs += "0 Ts\n";
    }

    void subset(font::Style s) {
        const std::size_t i = static_cast<std::size_t>(s);
        gids_[i] = use_[i].gids();
        const auto t0 = stats_ ? Clock::now() : Clock::time_point{};
        subsets_[i] = subsetFont(fonts_.fileBytes(s), gids_[i]);
        if (stats_) stats_->subsetSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
        remap_[i].assign(use_[i].slot.size(), 0);
        for (std::size_t k = 0; k < gids_[i].size(); ++k) remap_[i][gids_[i][k]] = subsets_[i].newIds[k];
    }

    void font(font::Style s) {
        const auto& u = use_[static_cast<std::size_t>(s)];
        const auto& refs = fontRefs_[static_cast<std::size_t>(s)];
        const std::vector<std::uint16_t>& gids = gids_[static_cast<std::size_t>(s)];
        const SubsetFont& sub = subsets_[static_cast<std::size_t>(s)];
        const std::vector<std::uint16_t>& ids = sub.newIds;
        const std::string& ps = fonts_.metrics().face(s).postscriptName;
        const std::string base = subsetTag(ps, gids) + "+" + (ps.empty() ? "Font" : ps);

        // refs: 0 Type0, 1 CIDFont, 2 descriptor, 3 FontFile2, 4 ToUnicode
        {
            auto t = w_.dict(refs[0]);
            t.name("Type", "Font").name("Subtype", "Type0").name("BaseFont", base).name("Encoding", "Identity-H");
            t.array("DescendantFonts").item(refs[1]);
            t.pair("ToUnicode", refs[4]);
        }
        {
            auto f = w_.dict(refs[1]);
            f.name("Type", "Font").name("Subtype", "CIDFontType2").name("BaseFont", base);
            {
                auto info = f.dict("CIDSystemInfo");
                info.literal("Registry", "Adobe").literal("Ordering", "Identity").integer("Supplement", 0);
            }
            f.pair("FontDescriptor", refs[2]).name("CIDToGIDMap", "Identity");
            auto w = f.array("W");  // runs of consecutive new ids: first [w1 w2 …]
            for (std::size_t i = 0; i < gids.size();) {
                std::size_t j = i + 1;
                while (j < gids.size() && ids[j] == ids[j - 1] + 1) ++j;
                w.integer(ids[i]);
                auto ws = w.array();
                for (std::size_t k = i; k < j; ++k) ws.item(widthOf(s, gids[k]));
                ws.close();
                i = j;
            }
        }
        {
            auto d = w_.dict(refs[2]);
            const bool italic = s == font::Style::Italic || s == font::Style::BoldItalic;
            const bool bold = s == font::Style::Bold || s == font::Style::BoldItalic;
            d.name("Type", "FontDescriptor").name("FontName", base);
            // Flags (§9.8.2): serif (2) + symbolic (4: glyphs are reached by id, not a
            // standard encoding) + italic (64); ForceBold (bit 19) for bold faces.
            d.integer("Flags", 2 + 4 + (italic ? 64 : 0) + (bold ? (1 << 18) : 0));
            {
                auto bb = d.array("FontBBox");
                for (double v : sub.bbox) bb.item(v);
            }
            d.pair("ItalicAngle", sub.italicAngle).pair("Ascent", sub.ascent).pair("Descent", sub.descent);
            d.pair("CapHeight", sub.capHeight).integer("StemV", bold ? 120 : 80).pair("FontFile2", refs[3]);
        }
        const std::string file = deflate(sub.file, stats_);
        w_.stream(refs[3], file, true,
                  [&](DictWriter& k) { k.integer("Length1", static_cast<long long>(sub.file.size())); });

        std::vector<std::pair<std::uint16_t, std::string>> map;
        for (std::size_t k = 0; k < gids.size(); ++k)
            if (u.slot[gids[k]] >= 0) map.emplace_back(ids[k], u.texts[static_cast<std::size_t>(u.slot[gids[k]])]);
        std::sort(map.begin(), map.end());
        w_.stream(refs[4], deflate(toUnicodeCMap(map), stats_), true);
    }

    const compose::Composition& c_;
    const layout::LaidOut& l_;
    const layout::Fonts& fonts_;
    const PdfOptions& o_;
    PdfStats* stats_;
    const int upem_;
    ObjectWriter w_;
    std::array<FaceUse, 4> use_;
    std::array<std::array<Ref, 5>, 4> fontRefs_{};
    std::array<std::vector<std::uint16_t>, 4> gids_;   // used glyphs, original ids, ascending
    std::array<SubsetFont, 4> subsets_;
    std::array<std::vector<std::uint16_t>, 4> remap_;  // original id → subset id
    std::array<std::vector<double>, 4> widths_;        // by original id, 1/1000 em; -1 unused
};

}  // namespace

std::filesystem::path defaultSrgbProfile() { return "/usr/share/color/icc/sRGB.icc"; }

std::string loadIccProfile(const std::filesystem::path& path) {
    std::string bytes;
    try {
        bytes = readFile(path);
    } catch (const Failure&) {
        throw Failure(Errc::NotFound, "sRGB ICC profile missing: " + path.string() +
                                          " (install Debian package icc-profiles-free; scripts/setup.sh does)");
    }
    // ICC header (ICC.1 §7.2): size at 0, 'acsp' at 36, colour space 'RGB ' at 16.
    if (bytes.size() < 128 || bytes.compare(36, 4, "acsp") != 0 || bytes.compare(16, 4, "RGB ") != 0)
        throw Failure(Errc::InvalidInput, "not an RGB ICC profile: " + path.string());
    return bytes;
}

std::string writePdf(const compose::Composition& c, const layout::LaidOut& pages, const layout::Fonts& fonts,
                     const PdfOptions& options, PdfStats* stats) {
    const auto t0 = Clock::now();
    std::string out = Writer(c, pages, fonts, options, stats).run();
    if (stats) stats->writeSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
    return out;
}

std::string renderPdf(const compose::Composition& c, const layout::Fonts& fonts, const PdfOptions& options,
                      PdfStats* stats) {
    const layout::LaidOut pages = layout::layoutDocument(c, fonts, stats ? &stats->layout : nullptr);
    return writePdf(c, pages, fonts, options, stats);
}

}  // namespace vanthu::pdf
