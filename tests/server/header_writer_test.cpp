// The one header writer of the HTTP kit (server/http_reply.h; issue 14, Build 2): no header value
// leaves with CR, LF or another control character; every reply is nosniff; every HTML reply has
// a CSP; files from outside are allow-listed by type and named safely.
#include <gtest/gtest.h>

#include <algorithm>

#include "server/http_reply.h"

namespace vanthu::server {
namespace {

std::string headerOf(const std::vector<std::pair<std::string, std::string>>& hs, const std::string& name) {
    const auto it = std::find_if(hs.begin(), hs.end(), [&](const auto& h) { return h.first == name; });
    return it == hs.end() ? "(none)" : it->second;
}

TEST(HeaderWriter, RefusesControlCharactersInAnyValueAndName) {
    for (const std::string bad : {std::string("text/plain\r\nX-Injected: 1"), std::string("a\nb"), std::string("a\rb"), std::string("a\0b", 3),
                                  std::string("a\x7f"), std::string("a\x1b[31m")}) {
        Reply inType;
        inType.contentType = bad;
        EXPECT_THROW(finalHeaders(inType), HeaderRefused) << "Content-Type";
        Reply inHeader;
        inHeader.headers.emplace_back("Location", bad);
        EXPECT_THROW(finalHeaders(inHeader), HeaderRefused) << "Location";
    }
    Reply badName;
    badName.headers.emplace_back("X-A\r\nX-Injected", "1");
    EXPECT_THROW(finalHeaders(badName), HeaderRefused);
    Reply tab;  // HT is allowed in a value (RFC 9110 §5.5)
    tab.headers.emplace_back("X-Note", "a\tb");
    EXPECT_NO_THROW(finalHeaders(tab));
}

TEST(HeaderWriter, EveryReplyIsNosniffAndEveryHtmlReplyHasACsp) {
    Reply json;
    const auto j = finalHeaders(json);
    EXPECT_EQ(headerOf(j, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(headerOf(j, "Content-Security-Policy"), "(none)");
    for (const char* html : {"text/html; charset=utf-8", "TEXT/HTML", "application/xhtml+xml"}) {
        Reply page;
        page.contentType = html;
        const auto h = finalHeaders(page);
        EXPECT_EQ(headerOf(h, "Content-Security-Policy"), kHtmlContentSecurityPolicy) << html;
        EXPECT_EQ(headerOf(h, "X-Content-Type-Options"), "nosniff") << html;
    }
    Reply own;  // a page with its own policy keeps it, once
    own.contentType = "text/html";
    own.headers.emplace_back("Content-Security-Policy", "default-src 'none'");
    const auto h = finalHeaders(own);
    EXPECT_EQ(std::count_if(h.begin(), h.end(), [](const auto& x) { return x.first == "Content-Security-Policy"; }), 1);
    EXPECT_EQ(headerOf(h, "Content-Security-Policy"), "default-src 'none'");
}

TEST(HeaderWriter, OutsideFilesHaveAnAllowListedType) {
    const std::pair<const char*, const char*> cases[] = {
        {"application/pdf", "application/pdf"},
        {"Application/PDF; name=x.pdf", "application/pdf"},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text"},
        {"application/xml", "application/xml"},
        {"text/xml; charset=utf-8", "application/xml"},
        {"image/png", "image/png"},
        {"image/jpeg", "image/jpeg"},
        {"application/zip", "application/zip"},
        {"text/html", "application/octet-stream"},
        {"image/svg+xml", "application/octet-stream"},
        {"application/xhtml+xml", "application/octet-stream"},
        {"text/javascript", "application/octet-stream"},
        {"text/plain\r\nX-Injected: 1", "application/octet-stream"},
        {"application/pdf\r\nX-Injected: 1", "application/octet-stream"},
        {"", "application/octet-stream"},
    };
    for (const auto& [declared, served] : cases) EXPECT_EQ(inertMediaType(declared), served) << declared;
}

TEST(HeaderWriter, AttachmentNamesAreSafeUtf8) {
    const std::pair<std::string, std::string> cases[] = {
        {"Quyết định 01.pdf", "attachment; filename=\"Quy_t __nh 01.pdf\"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2001.pdf"},
        {"../../etc/passwd", "attachment; filename=\"passwd\"; filename*=UTF-8''passwd"},
        {"C:\\x\\a.docx", "attachment; filename=\"a.docx\"; filename*=UTF-8''a.docx"},
        {"a\r\nX-Injected: 1.pdf", "attachment; filename=\"aX-Injected: 1.pdf\"; filename*=UTF-8''aX-Injected%3A%201.pdf"},
        {"say \"hi\";.txt", "attachment; filename=\"say hi;.txt\"; filename*=UTF-8''say%20hi%3B.txt"},
        {"bad\xff\xfe.pdf", "attachment; filename=\"bad.pdf\"; filename*=UTF-8''bad.pdf"},
        {"..", "attachment; filename=\"file-3\"; filename*=UTF-8''file-3"},
        {"", "attachment; filename=\"file-3\"; filename*=UTF-8''file-3"},
    };
    for (const auto& [name, header] : cases) {
        const auto got = attachmentDisposition(name, "file-3");
        EXPECT_TRUE(isSafeHeaderValue(got)) << name;
        EXPECT_EQ(got, header) << name;
    }
    EXPECT_LE(attachmentDisposition(std::string(1000, 'a'), "f").size(), 2 * 150 + 64) << "a long name is cut";
}

TEST(HeaderWriter, AnOutsideFileIsAnInertAttachment) {
    const Reply r = outsideFileReply("<svg onload=alert(1)>", "image/svg+xml", "logo.svg", "file-1");
    const auto h = finalHeaders(r);
    EXPECT_EQ(headerOf(h, "Content-Type"), "application/octet-stream");
    EXPECT_EQ(headerOf(h, "Content-Disposition"), "attachment; filename=\"logo.svg\"; filename*=UTF-8''logo.svg");
    EXPECT_EQ(headerOf(h, "X-Content-Type-Options"), "nosniff");
}

}  // namespace
}  // namespace vanthu::server
