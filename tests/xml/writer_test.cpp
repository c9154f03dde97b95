#include "xml/writer.h"

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

TEST(XmlEscape, WriterEscapesThroughTheHelpers) {
    std::string out;
    Writer w(out, false);
    w.open("e").attr("v", "1 < 2 & \"3\"").text("x > y").close();
    EXPECT_EQ(out, "<e v=\"1 &lt; 2 &amp; &quot;3&quot;\">x &gt; y</e>");
}

}  // namespace
}  // namespace vanthu::xml
