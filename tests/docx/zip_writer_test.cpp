#include "docx/zip_writer.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/files.h"
#include "docx/docx_test_util.h"
#include "docx/zip_reader.h"

namespace vanthu {
namespace {

using namespace vanthu::testing;

std::string zipOf(const std::vector<std::pair<std::string, std::string>>& entries, docx::ZipOptions o = {}) {
    StringSink sink;
    docx::ZipWriter zip(sink, o);
    for (const auto& [name, data] : entries) zip.add(name, data);
    zip.finish();
    return sink.bytes;
}

std::string incompressible(std::size_t n) {
    std::string s(n, '\0');
    std::uint32_t x = 2463534242u;  // xorshift: fixed seed, same bytes every run
    for (auto& c : s) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = static_cast<char>(x);
    }
    return s;
}

TEST(ZipWriter, EmptyArchiveIsJustTheEndRecord) {
    const std::string z = zipOf({});
    EXPECT_EQ(z, std::string("PK\x05\x06", 4) + std::string(18, '\0'));
    EXPECT_TRUE(readZip(z).empty());
}

TEST(ZipWriter, RoundTripsEntriesInInsertionOrder) {
    std::string xml;
    for (int i = 0; i < 2000; ++i) xml += "<w:p><w:r><w:t>Điều " + std::to_string(i) + "</w:t></w:r></w:p>";
    const std::vector<std::pair<std::string, std::string>> in = {
        {"[Content_Types].xml", "<Types/>"},
        {"word/document.xml", xml},
        {"empty.bin", ""},
        {"noise.bin", incompressible(5000)},
        {"tên-tiếng-việt.txt", "đ"},
    };
    const auto out = readZip(zipOf(in));
    ASSERT_EQ(out.size(), in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        EXPECT_EQ(out[i].name, in[i].first);
        EXPECT_EQ(out[i].data, in[i].second) << in[i].first;
        EXPECT_EQ(out[i].flags, 0x0800) << "UTF-8 names, no data descriptor";
    }
    EXPECT_EQ(out[1].method, 8);
    EXPECT_LT(out[1].compressedSize, xml.size() / 10) << "repetitive XML deflates well";
    EXPECT_EQ(out[3].method, 0) << "incompressible data is stored";
    EXPECT_EQ(out[3].compressedSize, 5000u);
}

TEST(ZipWriter, FixedTimestampFromOptions) {
    docx::ZipOptions o;
    EXPECT_EQ(o.dosDate, 0x0021);  // 1980-01-01
    EXPECT_EQ(o.dosTime, 0);
    o.dosDate = ((2018 - 1980) << 9) | (5 << 5) | 8;
    o.dosTime = (12 << 11) | (30 << 5);
    const auto out = readZip(zipOf({{"a.xml", "<a/>"}}, o));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].dosDate, o.dosDate);
    EXPECT_EQ(out[0].dosTime, o.dosTime);
}

TEST(ZipWriter, SameInputSameBytesAndLevelMatters) {
    std::string text;
    for (int i = 0; i < 500; ++i) text += "Cộng hòa xã hội chủ nghĩa Việt Nam " + std::to_string(i * 7919 % 1000);
    const auto a = zipOf({{"a.txt", text}, {"b.txt", text}});
    EXPECT_EQ(a, zipOf({{"a.txt", text}, {"b.txt", text}}));
    docx::ZipOptions best;
    best.level = 9;
    const auto b = zipOf({{"a.txt", text}, {"b.txt", text}}, best);
    EXPECT_NE(a, b) << "the level is part of the output";
    EXPECT_EQ(readZip(b)[0].data, text);
}

// Each thread reuses one deflate state; a second writer alive on the same thread gets its own,
// and a level change re-initialises it.
TEST(ZipWriter, WritersAliveTogetherOrInTurnGiveTheSameBytes) {
    std::string text;
    for (int i = 0; i < 300; ++i) text += "<w:p><w:r><w:t>Khoản " + std::to_string(i) + "</w:t></w:r></w:p>";
    const std::string alone = zipOf({{"a.xml", text}, {"b.xml", text + text}});
    StringSink s1, s2;
    {
        docx::ZipWriter first(s1);
        first.add("a.xml", text);
        {
            docx::ZipWriter second(s2);  // interleaved with `first`
            second.add("a.xml", text);
            first.add("b.xml", text + text);
            second.add("b.xml", text + text);
            second.finish();
        }
        first.finish();
    }
    EXPECT_EQ(s1.bytes, alone);
    EXPECT_EQ(s2.bytes, alone);
    docx::ZipOptions nine;
    nine.level = 9;
    const std::string atNine = zipOf({{"a.xml", text}, {"b.xml", text + text}}, nine);
    EXPECT_EQ(readZip(atNine)[1].data, text + text);
    EXPECT_EQ(zipOf({{"a.xml", text}, {"b.xml", text + text}}), alone) << "back at the default level";
}

TEST(ZipWriter, MisuseIsABug) {
    StringSink sink;
    docx::ZipWriter zip(sink);
    zip.finish();
    EXPECT_THROW(zip.add("late.xml", "x"), std::logic_error);
    EXPECT_THROW(zip.finish(), std::logic_error);
}

TEST(ZipWriter, NameLongerThanTheFieldIsRejected) {
    StringSink sink;
    docx::ZipWriter zip(sink);
    EXPECT_THROW(zip.add(std::string(70000, 'a'), "x"), Failure);
}

TEST(ZipWriter, UnzipAgrees) {
    VANTHU_REQUIRE_PROGRAM("unzip", "unzip");
    TempDir dir("zip");
    const auto file = dir.path() / "t.zip";
    writeFileAtomic(file, zipOf({{"a/b.xml", std::string(10000, 'x')}, {"c.bin", incompressible(300)}}));
    std::string out;
    EXPECT_EQ(runCommand("unzip -t " + shellQuote(file.string()), &out), 0) << out;
}

}  // namespace
}  // namespace vanthu
