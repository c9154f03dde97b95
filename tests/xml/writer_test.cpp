#include "xml/writer.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace vanthu::xml {
namespace {

TEST(XmlWriter, WritesDeclarationElementsAndAttributes) {
    std::string out;
    Writer w(out);
    w.open("w:p").attr("w:val", "a").attr("w:n", -12LL).open("w:r").open("w:t").text("x").close().close().close();
    EXPECT_EQ(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                   "<w:p w:val=\"a\" w:n=\"-12\"><w:r><w:t>x</w:t></w:r></w:p>");
    EXPECT_EQ(w.depth(), 0u);
}

TEST(XmlWriter, EmptyElementsSelfClose) {
    std::string out;
    Writer w(out, false);
    w.open("a").leaf("b").open("c").attr("k", "v").close().open("d").text("").close().close();
    EXPECT_EQ(out, "<a><b/><c k=\"v\"/><d></d></a>");
}

TEST(XmlWriter, AppendsToExistingContent) {
    std::string out = "prefix:";
    Writer w(out, false);
    w.leaf("a");
    EXPECT_EQ(out, "prefix:<a/>");
}

TEST(XmlWriter, RawClosesThePendingStartTag) {
    std::string out;
    Writer w(out, false);
    w.open("w:r").raw("<w:rPr><w:b/></w:rPr>").open("w:t").text("b").close().close();
    EXPECT_EQ(out, "<w:r><w:rPr><w:b/></w:rPr><w:t>b</w:t></w:r>");
}

TEST(XmlWriter, TracksDepth) {
    std::string out;
    Writer w(out, false);
    w.open("a").open("b");
    EXPECT_EQ(w.depth(), 2u);
    w.close();
    EXPECT_EQ(w.depth(), 1u);
    w.close();
    EXPECT_EQ(w.depth(), 0u);
}

TEST(XmlWriter, MisuseThrows) {
    std::string out;
    Writer w(out, false);
    EXPECT_THROW(w.close(), std::logic_error);
    EXPECT_THROW(w.attr("a", "b"), std::logic_error);
    w.open("a").text("t");
    EXPECT_THROW(w.attr("k", "v"), std::logic_error) << "attributes only inside a start tag";
}

TEST(XmlEscape, TextEscapesMarkupAndKeepsTabsAndNewlines) {
    std::string out;
    appendEscapedText(out, "a<b>&c \"q\" 'a'\t\n\r");
    EXPECT_EQ(out, "a&lt;b&gt;&amp;c \"q\" 'a'\t\n&#13;");
}

TEST(XmlEscape, AttributeEscapesQuotesAndWhitespaceThatNormalisationWouldEat) {
    std::string out;
    appendEscapedAttr(out, "a<b>&c \"q\" 'a'\t\n\r");
    EXPECT_EQ(out, "a&lt;b&gt;&amp;c &quot;q&quot; 'a'&#9;&#10;&#13;");
}

TEST(XmlEscape, VietnameseUtf8PassesThroughByteForByte) {
    const std::string s = "ĐIỀU KHOẢN Ấ Ệ Ẩ Ữ ₫ — Cộng hòa xã hội chủ nghĩa Việt Nam";
    std::string text, attr;
    appendEscapedText(text, s);
    appendEscapedAttr(attr, s);
    EXPECT_EQ(text, s);
    EXPECT_EQ(attr, s);
}

TEST(XmlEscape, CharactersXmlForbidsBecomeReplacementCharacters) {
    std::string out;
    appendEscapedText(out, std::string("a\0b\x01\x0B\x1F", 6));
    EXPECT_EQ(out, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    out.clear();
    appendEscapedAttr(out, "x\xEF\xBF\xBEy\xEF\xBF\xBFz\xEF\xBF\xBD\xEF\xBC\xA1");  // U+FFFE, U+FFFF, U+FFFD, U+FF21
    EXPECT_EQ(out, "x\xEF\xBF\xBDy\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBC\xA1");
    out.clear();
    appendEscapedText(out, "\xEF\xBF");  // a truncated sequence at the end is left alone
    EXPECT_EQ(out, "\xEF\xBF");
}

// The escaper skips clean 8-byte blocks: compare with a byte-at-a-time reference, with every
// special byte at every offset around the block edges and FFFE split across them.
std::string referenceEscape(std::string_view s, bool attribute) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
            out += "\xEF\xBF\xBD";
            i += 2;
        } else if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"' && attribute) out += "&quot;";
        else if (c == '\t' && attribute) out += "&#9;";
        else if (c == '\n' && attribute) out += "&#10;";
        else if (c == '\r') out += "&#13;";
        else if (c < 0x20 && c != '\t' && c != '\n') out += "\xEF\xBF\xBD";
        else out += static_cast<char>(c);
    }
    return out;
}

TEST(XmlEscape, BlockSkippingAgreesWithAByteAtATimeReference) {
    const std::string specials[] = {"&", "<", ">", "\"", "\t", "\n", "\r", std::string(1, '\0'), "\x1F",
                                    "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xEF\xBC\xA1", "ệ", "\x7F", " "};
    for (const auto& special : specials)
        for (std::size_t at = 0; at < 20; ++at)
            for (std::size_t len : {at + special.size(), at + special.size() + 1, std::size_t(24), std::size_t(31)}) {
                std::string s(std::max(len, at + special.size()), 'a');
                s.replace(at, special.size(), special);
                std::string text, attr;
                appendEscapedText(text, s);
                appendEscapedAttr(attr, s);
                EXPECT_EQ(text, referenceEscape(s, false)) << "at " << at << " len " << s.size();
                EXPECT_EQ(attr, referenceEscape(s, true)) << "at " << at << " len " << s.size();
            }
}

TEST(XmlEscape, WriterEscapesThroughTheHelpers) {
    std::string out;
    Writer w(out, false);
    w.open("e").attr("v", "1 < 2 & \"3\"").text("x > y").close();
    EXPECT_EQ(out, "<e v=\"1 &lt; 2 &amp; &quot;3&quot;\">x &gt; y</e>");
}

}  // namespace
}  // namespace vanthu::xml
