#include "docx/package_parts.h"

#include <utility>

#include "docx/body_writer.h"
#include "docx/namespaces.h"
#include "xml/writer.h"

namespace vanthu::docx {

using compose::Composition;
using compose::Metadata;
using compose::Role;

namespace {

constexpr std::string_view kFmtIdUserDefined = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
// Word's desktop edition keeps at most 255 UTF-16 units of a custom property value, and Excel has
// been seen to crash on longer ones (OfficeDev/office-js#4378): cut before writing.
constexpr std::size_t kMaxCustomValueUnits = 255;

void relationship(xml::Writer& w, std::string_view id, std::string_view type, std::string_view target) {
    w.open("Relationship").attr("Id", id).attr("Type", type).attr("Target", target).close();
}

void textElement(xml::Writer& w, std::string_view qname, std::string_view value) {
    if (!value.empty()) w.open(qname).text(value).close();
}

}  // namespace

std::string_view truncateUtf16(std::string_view s, std::size_t maxUnits) {
    std::size_t units = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        const auto lead = static_cast<unsigned char>(s[i]);
        const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        const std::size_t need = len == 4 ? 2 : 1;  // supplementary planes take a surrogate pair
        if (units + need > maxUnits) break;
        units += need;
        i += len;
    }
    if (i >= s.size()) return s;
    // Back off while the cut would strand a combining mark (U+0300–U+036F = CC 80 .. CD AF).
    auto combiningAt = [&](std::size_t at) {
        if (at + 1 >= s.size()) return false;
        const auto a = static_cast<unsigned char>(s[at]);
        const auto b = static_cast<unsigned char>(s[at + 1]);
        return a == 0xCC || (a == 0xCD && b <= 0xAF);
    };
    while (i > 0 && combiningAt(i)) {
        do --i;
        while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
    }
    return s.substr(0, i);
}

std::string contentTypesPart(const std::vector<Part>& parts) {
    std::string out;
    xml::Writer w(out);
    w.open("Types").attr("xmlns", ns::kContentTypes);
    w.open("Default").attr("Extension", "rels").attr("ContentType", ns::kCtRels).close();
    w.open("Default").attr("Extension", "xml").attr("ContentType", ns::kCtXml).close();
    for (const Part& p : parts) {
        if (p.contentType.empty()) continue;
        std::string name = "/" + p.name;  // part names are absolute (OPC, Part 2 §9.1.1.1)
        w.open("Override").attr("PartName", name).attr("ContentType", p.contentType).close();
    }
    w.close();
    return out;
}

std::string packageRelsPart() {
    std::string out;
    xml::Writer w(out);
    w.open("Relationships").attr("xmlns", ns::kPackageRels);
    relationship(w, "rId1", ns::kRelOfficeDocument, "word/document.xml");
    relationship(w, "rId2", ns::kRelCoreProps, "docProps/core.xml");
    relationship(w, "rId3", ns::kRelExtendedProps, "docProps/app.xml");
    relationship(w, "rId4", ns::kRelCustomProps, "docProps/custom.xml");
    w.close();
    return out;
}

std::string documentRelsPart(std::size_t headerCount) {
    std::string out;
    xml::Writer w(out);
    w.open("Relationships").attr("xmlns", ns::kPackageRels);
    relationship(w, kStylesRelId, ns::kRelStyles, "styles.xml");
    relationship(w, kSettingsRelId, ns::kRelSettings, "settings.xml");
    relationship(w, kFontTableRelId, ns::kRelFontTable, "fontTable.xml");
    for (std::size_t i = 0; i < headerCount; ++i) {
        const std::string target = headerPartName(i).substr(5);  // relative to word/
        relationship(w, headerRelId(i), ns::kRelHeader, target);
    }
    w.close();
    return out;
}

std::string stylesPart(const Composition& c) {
    std::string out;
    out.reserve(12000);
    xml::Writer w(out);
    w.open("w:styles").attr("xmlns:w", ns::kW);
    // Document defaults (§17.7.5): the same fonts, colour and language as every run, so text a
    // clerk types later is Times New Roman, vi-VN as well.
    w.open("w:docDefaults");
    w.open("w:rPrDefault").raw(runProperties(c.fontFamily, compose::TextStyle{})).close();
    w.open("w:pPrDefault").open("w:pPr");
    w.leaf("w:widowControl");
    w.open("w:spacing").attr("w:before", 0LL).attr("w:after", 0LL).attr("w:line", 240LL).attr("w:lineRule", "auto").close();
    w.close().close();
    w.close();  // w:docDefaults

    // The defaults Word expects to find (§17.7.4.17 w:default).
    w.open("w:style").attr("w:type", "paragraph").attr("w:default", "1").attr("w:styleId", "Normal");
    w.open("w:name").attr("w:val", "Normal").close().leaf("w:qFormat").close();
    w.open("w:style").attr("w:type", "character").attr("w:default", "1").attr("w:styleId", "DefaultParagraphFont");
    w.open("w:name").attr("w:val", "Default Paragraph Font").close();
    w.open("w:uiPriority").attr("w:val", 1LL).close().leaf("w:semiHidden").leaf("w:unhideWhenUsed").close();
    w.open("w:style").attr("w:type", "table").attr("w:default", "1").attr("w:styleId", "TableNormal");
    w.open("w:name").attr("w:val", "Normal Table").close();
    w.open("w:uiPriority").attr("w:val", 99LL).close().leaf("w:semiHidden").leaf("w:unhideWhenUsed");
    w.open("w:tblPr");
    w.open("w:tblInd").attr("w:w", 0LL).attr("w:type", "dxa").close();
    w.open("w:tblCellMar");
    w.open("w:top").attr("w:w", 0LL).attr("w:type", "dxa").close();
    w.open("w:left").attr("w:w", 108LL).attr("w:type", "dxa").close();
    w.open("w:bottom").attr("w:w", 0LL).attr("w:type", "dxa").close();
    w.open("w:right").attr("w:w", 108LL).attr("w:type", "dxa").close();
    w.close().close();
    w.close();  // TableNormal
    w.open("w:style").attr("w:type", "numbering").attr("w:default", "1").attr("w:styleId", "NoList");
    w.open("w:name").attr("w:val", "No List").close();
    w.open("w:uiPriority").attr("w:val", 99LL).close().leaf("w:semiHidden").leaf("w:unhideWhenUsed").close();

    // One custom paragraph style per Role, in enum order (Spacer is the last enumerator). They
    // carry no formatting: every paragraph has direct formatting; the style names the component.
    for (int i = 0; i <= static_cast<int>(Role::Spacer); ++i) {
        const auto role = static_cast<Role>(i);
        w.open("w:style").attr("w:type", "paragraph").attr("w:customStyle", "1").attr("w:styleId", compose::roleStyleId(role));
        w.open("w:name").attr("w:val", compose::roleDisplayName(role)).close();
        w.open("w:basedOn").attr("w:val", "Normal").close();
        w.close();
    }
    w.close();
    return out;
}

std::string settingsPart() {
    std::string out;
    xml::Writer w(out);
    w.open("w:settings").attr("xmlns:w", ns::kW);  // CT_Settings sequence order (§17.15.1.78)
    w.open("w:zoom").attr("w:percent", 100LL).close();
    w.open("w:defaultTabStop").attr("w:val", 720LL).close();
    w.open("w:autoHyphenation").attr("w:val", "0").close();  // Vietnamese is never hyphenated
    w.open("w:characterSpacingControl").attr("w:val", "doNotCompress").close();
    w.open("w:compat");
    // A line ending in a manual break (w:br) is not stretched in justified text (§17.15.3.16), as
    // typesetters (and our PDF layout) do; Word's default would spread its words over the line.
    w.leaf("w:doNotExpandShiftReturn");
    // Word 2013+ layout (compatibilityMode 15): no legacy table indent or spacing quirks.
    w.open("w:compatSetting")
        .attr("w:name", "compatibilityMode")
        .attr("w:uri", "http://schemas.microsoft.com/office/word")
        .attr("w:val", "15")
        .close();
    w.close();
    w.open("w:themeFontLang").attr("w:val", "vi-VN").close();
    w.close();
    return out;
}

std::string fontTablePart(std::string_view fontFamily) {
    std::string out;
    xml::Writer w(out);
    w.open("w:fonts").attr("xmlns:w", ns::kW);
    w.open("w:font").attr("w:name", fontFamily);
    if (fontFamily == "Times New Roman") {  // lets a reader without the font pick a close serif
        w.open("w:panose1").attr("w:val", "02020603050405020304").close();
        w.open("w:family").attr("w:val", "roman").close();
        w.open("w:pitch").attr("w:val", "variable").close();
    }
    w.close().close();
    return out;
}

std::string corePropsPart(const Metadata& m, std::string_view created) {
    std::string out;
    xml::Writer w(out);
    w.open("cp:coreProperties")
        .attr("xmlns:cp", ns::kCoreProps)
        .attr("xmlns:dc", ns::kDc)
        .attr("xmlns:dcterms", ns::kDcTerms)
        .attr("xmlns:dcmitype", ns::kDcmiType)
        .attr("xmlns:xsi", ns::kXsi);
    textElement(w, "dc:title", m.title);
    textElement(w, "dc:subject", m.typeName);
    textElement(w, "dc:creator", m.organName);
    textElement(w, "cp:keywords", m.code);
    textElement(w, "dc:identifier", m.code);
    textElement(w, "dc:language", m.language.empty() ? std::string_view("vi-VN") : std::string_view(m.language));
    // OPC (Part 2 §11.1) requires xsi:type="dcterms:W3CDTF" on both dates.
    w.open("dcterms:created").attr("xsi:type", "dcterms:W3CDTF").text(created).close();
    w.open("dcterms:modified").attr("xsi:type", "dcterms:W3CDTF").text(created).close();
    w.close();
    return out;
}

std::string appPropsPart(const Metadata& m) {
    std::string out;
    xml::Writer w(out);
    w.open("Properties").attr("xmlns", ns::kExtendedProps).attr("xmlns:vt", ns::kVTypes);
    w.open("Application").text("vanthu").close();
    textElement(w, "Company", m.organName);
    w.close();
    return out;
}

std::string customPropsPart(const Metadata& m) {
    // PL VI metadata field names (decree-30-2020.md §7, §10 rule 24). A property with an empty value
    // is left out: Word cannot hold an empty text property.
    const std::pair<std::string_view, const std::string*> fields[] = {
        {"OrganId", &m.organId},
        {"CodeNumber", &m.codeNumber},
        {"CodeNotation", &m.codeNotation},
        {"IssuedDate", &m.issuedDate},
        {"TypeName", &m.typeName},
        {"OrganName", &m.organName},
        {"Subject", &m.title},
        {"SignerInfo.Position", &m.signerPosition},
        {"SignerInfo.FullName", &m.signerName},
        {"Language", &m.language},
        {"Secrecy", &m.secrecy},
        {"Urgency", &m.urgency},
    };
    std::string out;
    xml::Writer w(out);
    w.open("Properties").attr("xmlns", ns::kCustomProps).attr("xmlns:vt", ns::kVTypes);
    long long pid = 2;  // pids 0 and 1 are reserved (dictionary, code page) in the property set
    for (const auto& [name, value] : fields) {
        if (value->empty()) continue;
        w.open("property").attr("fmtid", kFmtIdUserDefined).attr("pid", pid++).attr("name", name);
        w.open("vt:lpwstr").text(truncateUtf16(*value, kMaxCustomValueUnits)).close();
        w.close();
    }
    w.close();
    return out;
}

}  // namespace vanthu::docx
