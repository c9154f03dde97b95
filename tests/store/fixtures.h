// tests/store/fixtures.h: back ends and generated documents for the store and server suites.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>

#include "input/document_reader.h"
#include "store/store.h"
#include "support/test_support.h"

namespace vanthu::testing {

enum class Db { Sqlite, Postgres };

inline std::string dbName(const ::testing::TestParamInfo<Db>& i) { return i.param == Db::Sqlite ? "Sqlite" : "Postgres"; }

// The PostgreSQL test server comes from scripts/with-postgres.sh (VANTHU_TEST_PG). Without it the
// PostgreSQL cases skip, except under CI=true, where they fail.
inline std::optional<std::string> databaseUrl(Db db, const std::string& tag) {
    if (db == Db::Sqlite) {
        static std::atomic<int> n{0};
        const auto dir = std::filesystem::temp_directory_path() / ("vanthu-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        return "sqlite:" + (dir / (tag + "-" + std::to_string(n++) + ".db")).string();
    }
    const char* pg = std::getenv("VANTHU_TEST_PG");
    if (!pg || !*pg) return std::nullopt;
    // ctest runs test cases in parallel processes: each gets a schema of its own.
    static std::atomic<int> n{0};
    return std::string(pg) + " options=-csearch_path=t" + std::to_string(::getpid()) + "_" + tag + "_" + std::to_string(n++);
}

// Opens an empty store, or skips (fails under CI=true) when PostgreSQL is not available.
#define VANTHU_OPEN_EMPTY_URL(db, tag, urlVar)                                                     \
    std::string urlVar;                                                                            \
    do {                                                                                           \
        auto u_ = ::vanthu::testing::databaseUrl(db, tag);                                         \
        VANTHU_REQUIRE_TOOL(u_, "PostgreSQL (VANTHU_TEST_PG: run through scripts/with-postgres.sh)"); \
        urlVar = *u_;                                                                              \
        ::vanthu::store::Store::resetForTest(urlVar);                                              \
    } while (0)

struct DocSpec {
    std::string type = "thong-bao";
    std::string notation = "TB-BTP";
    std::string issuerAbbr = "BTP";
    std::string issuer = "BỘ TƯ PHÁP";
    std::string subject = "Thông báo kết luận cuộc họp";
    std::string body = "Nội dung thông báo.";
    std::optional<int> number;
    std::optional<int> year;
    std::string date;  // "" = no issue date (a draft)
    bool secret = false;
    std::string signer = "Nguyễn Văn An";
};

inline std::string escapeXml(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '<') o += "&lt;";
        else if (c == '&') o += "&amp;";
        else if (c == '>') o += "&gt;";
        else if (c == '"') o += "&quot;";
        else o += c;
    }
    return o;
}

inline std::string docXml(const DocSpec& s) {
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document xmlns=\"urn:vanthu:document:1\" type=\"" + s.type + "\"";
    if (s.secret) x += " secrecy=\"mat\"";
    x += ">\n  <code";
    if (s.number) x += " number=\"" + std::to_string(*s.number) + "\"";
    if (s.year) x += " year=\"" + std::to_string(*s.year) + "\"";
    x += " notation=\"" + escapeXml(s.notation) + "\"/>\n";
    x += "  <issuer abbreviation=\"" + escapeXml(s.issuerAbbr) + "\">" + escapeXml(s.issuer) + "</issuer>\n";
    x += "  <place>Hà Nội</place>\n";
    if (!s.date.empty()) x += "  <issueDate>" + s.date + "</issueDate>\n";
    x += "  <subject>" + escapeXml(s.subject) + "</subject>\n";
    if (s.type == "quyet-dinh") x += "  <authority>BỘ TRƯỞNG</authority>\n";
    x += "  <body>\n";
    if (s.type == "quyet-dinh")
        x += "    <article number=\"1\"><text>" + escapeXml(s.body) + "</text></article>\n"
             "    <article number=\"2\"><text>Quyết định này có hiệu lực kể từ ngày ký.</text></article>\n";
    else
        x += "    <p>" + escapeXml(s.body) + "</p>\n";
    x += "  </body>\n  <signature>\n    <position>BỘ TRƯỞNG</position>\n    <name>" + escapeXml(s.signer) +
         "</name>\n  </signature>\n  <recipients>\n    <recipient>Các đơn vị thuộc Bộ</recipient>\n"
         "    <archive><unit>VT</unit></archive>\n  </recipients>\n</document>\n";
    return x;
}

inline model::Document readDoc(const std::string& xml) {
    auto r = input::readDocumentXml(xml);
    if (!r.ok()) {
        ADD_FAILURE() << "fixture XML does not read: " << r.error().describe() << "\n" << xml;
        return {};
    }
    return r.value().document;
}

}  // namespace vanthu::testing
