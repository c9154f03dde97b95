// The desk's handlers over a real `Server` on loopback (SQLite and PostgreSQL): sign-in, CSRF,
// lock-out, escaping, security headers, the draft → issue → download path.
#include <gtest/gtest.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <atomic>
#include <csignal>
#include <map>
#include <regex>

#include "desk/desk.h"
#include "server/server.h"
#include "service/accounts.h"
#include "store/fixtures.h"
#include "support/test_support.h"
#include "text/unicode.h"

namespace vanthu::desk {
namespace {

using testing::Db;

struct Page {
    int status = 0;
    std::string body;
    std::multimap<std::string, std::string> headers;
    std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// A browser in miniature: one cookie jar, form posts, no redirects followed.
class Browser {
public:
    explicit Browser(int port) : port_(port) {}

    Page get(const std::string& path, const std::map<std::string, std::string>& extra = {}) { return send("GET", path, "", extra); }
    Page post(const std::string& path, const std::vector<std::pair<std::string, std::string>>& form,
              const std::map<std::string, std::string>& extra = {}) {
        std::string body;
        for (const auto& [k, v] : form) {
            std::string ek, ev;
            Poco::URI::encode(k, "&=+;/?:@", ek);
            Poco::URI::encode(v, "&=+;/?:@", ev);
            body += (body.empty() ? "" : "&") + ek + "=" + ev;
        }
        return send("POST", path, body, extra);
    }
    std::map<std::string, std::string> jar;

private:
    Page send(const std::string& method, const std::string& path, const std::string& body, const std::map<std::string, std::string>& extra) {
        Poco::Net::HTTPClientSession s("127.0.0.1", Poco::UInt16(port_));
        s.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        std::string cookies;
        for (const auto& [k, v] : jar) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
        if (!cookies.empty()) req.set("Cookie", cookies);
        for (const auto& [k, v] : extra) req.set(k, v);
        if (method == "POST") {
            req.setContentType("application/x-www-form-urlencoded");
            req.setContentLength64(Poco::Int64(body.size()));
        }
        s.sendRequest(req) << body;
        Poco::Net::HTTPResponse res;
        std::istream& in = s.receiveResponse(res);
        Page p;
        p.status = int(res.getStatus());
        p.body.assign(std::istreambuf_iterator<char>(in), {});
        for (const auto& [k, v] : res) p.headers.emplace(k, v);
        for (auto [it, end] = p.headers.equal_range("Set-Cookie"); it != end; ++it) {
            const std::string c = it->second.substr(0, it->second.find(';'));
            const auto eq = c.find('=');
            if (c.substr(eq + 1).empty()) jar.erase(c.substr(0, eq));
            else jar[c.substr(0, eq)] = c.substr(eq + 1);
        }
        return p;
    }
    int port_;
};

std::string hidden(const std::string& html, const std::string& name) {
    std::smatch m;
    if (std::regex_search(html, m, std::regex("name=\"" + name + "\" value=\"([0-9a-f]+)\""))) return m[1];
    return {};
}

constexpr const char* kPassword = "mat-khau-van-thu-1";

class DeskTest : public ::testing::TestWithParam<Db> {
protected:
    void SetUp() override {
        std::signal(SIGPIPE, SIG_IGN);
        VANTHU_OPEN_EMPTY_URL(GetParam(), "desk", url);
        store_ = store::Store::open(store::OpenOptions{url, [this] { return std::chrono::sys_seconds(std::chrono::seconds(now_.load())); }, 16});
        btp_ = store_->ensureOrgan("BTP", "BỘ TƯ PHÁP");
        addUser("lan", store::Role::Clerk);
        addUser("xem", store::Role::Viewer);
        server::ServerOptions so;
        so.moreRoutes = [](server::Router& r, server::Api& api) { addDeskRoutes(r, api, DeskOptions{VANTHU_DESK_TEMPLATES, false}); };
        server_ = std::make_unique<server::Server>(*store_, so, nullptr);
        server_->start();
    }
    void TearDown() override {
        if (server_) server_->stop();
    }
    void addUser(const std::string& login, store::Role role) {
        auto token = store_->addUser(store::NewUser{"Chị " + login, role, btp_.id, false, login, service::hashPassword(kPassword).value()});
        ASSERT_TRUE(token.ok());
        tokens_[login] = token.value();
    }
    Page signIn(Browser& b, const std::string& login, const std::string& password) {
        const Page form = b.get("/dang-nhap");
        return b.post("/dang-nhap", {{"signin_token", hidden(form.body, "signin_token")}, {"login", login}, {"password", password}});
    }
    Browser signedIn(const std::string& login = "lan") {
        Browser b(server_->port());
        const Page p = signIn(b, login, kPassword);
        EXPECT_EQ(p.status, 303) << p.body;
        EXPECT_EQ(p.header("Location"), "/van-ban-di");
        return b;
    }
    std::vector<std::pair<std::string, std::string>> congVan(const std::string& csrf, const std::string& subject) {
        return {{"csrf", csrf},           {"loai", "cong-van"},           {"ky-hieu", "BTP-VP"},       {"dia-danh", "Hà Nội"},
                {"trich-yeu", subject},  {"kinh-gui", "Các Sở Tư pháp"}, {"noi-dung", "Đề nghị góp ý./."}, {"chuc-vu", "CHÁNH VĂN PHÒNG"},
                {"nguoi-ky", "Nguyễn Văn A"}, {"noi-nhan", "Như trên"},   {"luu", "VT, VP"}};
    }
    std::int64_t documents() {
        store::Query q;
        q.includeSecret = true;
        return store_->search(q).total;
    }

    std::atomic<std::int64_t> now_{1'780'000'000};
    std::map<std::string, std::string> tokens_;  // API tokens by login
    std::unique_ptr<store::Store> store_;
    store::Organ btp_;
    std::unique_ptr<server::Server> server_;
};

TEST_P(DeskTest, PagesNeedASessionAndCarryTheSecurityHeaders) {
    Browser b(server_->port());
    const Page list = b.get("/van-ban-di");
    EXPECT_EQ(list.status, 303);
    EXPECT_EQ(list.header("Location"), "/dang-nhap");
    const Page form = b.get("/dang-nhap");
    EXPECT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("<html lang=\"vi\">"), std::string::npos);
    const std::string csp = form.header("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(form.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(form.body.find("<script"), std::string::npos) << "no script at all on the desk";
    EXPECT_EQ(form.body.find("style="), std::string::npos) << "no inline style (the CSP would refuse it)";
}

TEST_P(DeskTest, SignInSetsAStrictHttpOnlySessionCookieSecureBehindTls) {
    Browser b(server_->port());
    const Page form = b.get("/dang-nhap", {{"X-Forwarded-Proto", "https"}});
    const Page p = b.post("/dang-nhap", {{"signin_token", hidden(form.body, "signin_token")}, {"login", "lan"}, {"password", kPassword}},
                          {{"X-Forwarded-Proto", "https"}});
    ASSERT_EQ(p.status, 303) << p.body;
    const std::string cookie = p.header("Set-Cookie");
    EXPECT_EQ(cookie.rfind("vanthu_session=", 0), 0u) << cookie;
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(cookie.find("; Secure"), std::string::npos);
    // Two Set-Cookie headers in one reply (they never fold into one): the pre-session cookie expires.
    EXPECT_EQ(p.headers.count("Set-Cookie"), 2u);
    EXPECT_EQ(b.jar.count("vanthu_signin"), 0u) << "the sign-in form's cookie outlives the sign-in";
    const Page plain = signIn(*std::make_unique<Browser>(server_->port()), "lan", kPassword);
    EXPECT_EQ(plain.header("Set-Cookie").find("Secure"), std::string::npos) << "plain HTTP on loopback: not Secure";
    EXPECT_EQ(b.get("/van-ban-di").status, 200);
}

TEST_P(DeskTest, SignInWithoutItsFormTokenIsRefused) {
    Browser b(server_->port());
    b.get("/dang-nhap");
    EXPECT_EQ(b.post("/dang-nhap", {{"login", "lan"}, {"password", kPassword}}).status, 403);
    EXPECT_EQ(b.post("/dang-nhap", {{"signin_token", std::string(64, 'a')}, {"login", "lan"}, {"password", kPassword}}).status, 403);
    EXPECT_EQ(b.jar.count("vanthu_session"), 0u);
}

TEST_P(DeskTest, AFormWithoutOrWithAWrongCsrfTokenIsRefusedAndChangesNothing) {
    Browser b = signedIn();
    auto form = congVan("", "Góp ý dự thảo");
    form.erase(form.begin());
    const Page none = b.post("/van-ban-di/moi", form);
    EXPECT_EQ(none.status, 403);
    EXPECT_NE(none.body.find("CSRF"), std::string::npos);
    EXPECT_EQ(b.post("/van-ban-di/moi", congVan(std::string(64, '0'), "Góp ý dự thảo")).status, 403);
    EXPECT_EQ(documents(), 0);
    const std::string csrf = hidden(b.get("/van-ban-di/moi").body, "csrf");
    ASSERT_EQ(csrf.size(), 64u);
    EXPECT_EQ(b.post("/van-ban-di/moi", congVan(csrf, "Góp ý dự thảo")).status, 303);
    EXPECT_EQ(documents(), 1);
    EXPECT_EQ(b.post("/dang-xuat", {}).status, 403) << "sign-out is a form too";
}

TEST_P(DeskTest, FiveWrongPasswordsLockTheAccountEvenForTheRightOne) {
    Browser b(server_->port());
    for (int i = 1; i < service::kMaxFailures; ++i) {
        const Page p = signIn(b, "lan", "sai-mat-khau-" + std::to_string(i));
        EXPECT_EQ(p.status, 401) << i;
        EXPECT_NE(p.body.find("Tên đăng nhập hoặc mật khẩu không đúng"), std::string::npos);
    }
    const Page fifth = signIn(b, "lan", "sai-mat-khau-5");
    EXPECT_EQ(fifth.status, 403);
    EXPECT_NE(fifth.body.find("Tài khoản tạm khóa"), std::string::npos);
    EXPECT_EQ(signIn(b, "lan", kPassword).status, 403) << "locked: the right password is refused too";
    EXPECT_EQ(b.jar.count("vanthu_session"), 0u);
    now_ += service::kLockSeconds + 1;
    EXPECT_EQ(signIn(b, "lan", kPassword).status, 303) << "the lock ends";
    // An unknown login gets the same answer as a wrong password.
    Browser other(server_->port());
    const Page unknown = signIn(other, "khong-co", kPassword);
    EXPECT_EQ(unknown.status, 401);
}

TEST_P(DeskTest, AStoredScriptInTheSubjectIsShownAsText) {
    Browser b = signedIn();
    const std::string csrf = hidden(b.get("/van-ban-di/moi").body, "csrf");
    const Page saved = b.post("/van-ban-di/moi", congVan(csrf, "<script>alert(1)</script> \"x\" góp ý"));
    ASSERT_EQ(saved.status, 303) << saved.body;
    const Page doc = b.get(saved.header("Location"));
    ASSERT_EQ(doc.status, 200);
    EXPECT_EQ(doc.body.find("<script>"), std::string::npos);
    EXPECT_NE(doc.body.find("&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; góp ý"), std::string::npos);
    const Page list = b.get("/van-ban-di");
    EXPECT_EQ(list.body.find("<script>"), std::string::npos);
    EXPECT_NE(list.body.find("&lt;script&gt;"), std::string::npos);
}

TEST_P(DeskTest, AFindingIsShownBesideItsFieldAndTheDraftIsIssuedWithANumber) {
    Browser b = signedIn();
    const std::string csrf = hidden(b.get("/van-ban-di/moi").body, "csrf");
    // Decree 30: a công văn's subject is printed after "V/v"; typing it is a finding of the core.
    const Page saved = b.post("/van-ban-di/moi", congVan(csrf, "V/v góp ý dự thảo"));
    ASSERT_EQ(saved.status, 200) << saved.body;
    const auto field = saved.body.find("id=\"trich-yeu\"");
    const auto finding = saved.body.find("không nhập &apos;V/v&apos; trong trích yếu");
    ASSERT_NE(field, std::string::npos);
    ASSERT_NE(finding, std::string::npos);
    EXPECT_GT(finding, field);
    EXPECT_LT(finding, saved.body.find("id=\"kinh-gui\"")) << "the finding sits under Trích yếu, before the next field";
    EXPECT_NE(saved.body.find("aria-describedby=\"goi-y-trich-yeu luu-y-trich-yeu\" aria-invalid=\"true\""), std::string::npos);
    // Fixed, the draft goes to its page; issued, it has its number and code.
    const Page fixed = b.post("/van-ban-di/1/sua", congVan(csrf, "Góp ý dự thảo"));
    ASSERT_EQ(fixed.status, 303) << fixed.body;
    const Page unacknowledged = b.post("/van-ban-di/1/ban-hanh", {{"csrf", csrf}, {"must_acknowledge", "1"}});
    EXPECT_EQ(unacknowledged.status, 400) << "warnings shown to acknowledge, not acknowledged: not issued";
    EXPECT_NE(unacknowledged.body.find("Hãy đánh dấu đã xem các cảnh báo"), std::string::npos);
    EXPECT_EQ(store_->document(1).value().status, store::Status::Draft);
    const Page issued = b.post("/van-ban-di/1/ban-hanh", {{"csrf", csrf}});
    ASSERT_EQ(issued.status, 200) << issued.body;
    EXPECT_NE(issued.body.find("số <strong>01</strong>, số ký hiệu <strong>01/BTP-VP</strong>"), std::string::npos) << issued.body;
    const Page pdf = b.get("/van-ban-di/1/tai.pdf");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf.header("Content-Disposition"), "attachment; filename=\"01-btp-vp.pdf\"; filename*=UTF-8''01-BTP-VP.pdf");
    EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
    EXPECT_NE(testing::pdfText(pdf.body).find("Số: 01/BTP-VP"), std::string::npos);
    EXPECT_EQ(b.post("/van-ban-di/1/ban-hanh", {{"csrf", csrf}}).status, 409) << "issued once";
    EXPECT_NE(b.get("/tra-cuu?q=01+btp+vp").body.find("href=\"/van-ban-di/1\">01/BTP-VP</a>"), std::string::npos)
        << "an edited draft, once issued, is found by its code";
}

TEST_P(DeskTest, ADownloadIsNamedFromTheCodeInUtf8) {
    Browser b = signedIn();
    const std::string csrf = hidden(b.get("/van-ban-di/moi").body, "csrf");
    auto form = congVan(csrf, "Ban hành quy chế");
    form[1].second = "quyet-dinh";
    form[2].second = "QĐ-BTP";
    form.push_back({"tham-quyen-ban-hanh", "BỘ TRƯỞNG BỘ TƯ PHÁP"});
    form.push_back({"tham-quyen", "KT"});
    form.push_back({"tham-quyen-chuc-danh", "BỘ TRƯỞNG"});
    ASSERT_EQ(b.post("/van-ban-di/moi", form).status, 303);
    ASSERT_EQ(b.post("/van-ban-di/1/ban-hanh", {{"csrf", csrf}}).status, 200);
    const Page docx = b.get("/van-ban-di/1/tai.docx");
    ASSERT_EQ(docx.status, 200);
    EXPECT_EQ(docx.header("Content-Disposition"), "attachment; filename=\"01-qd-btp.docx\"; filename*=UTF-8''01-Q%C4%90-BTP.docx");
    EXPECT_EQ(docx.header("X-Content-Type-Options"), "nosniff");
}

TEST_P(DeskTest, AViewerCannotDraftTheCoreRefuses) {
    Browser b = signedIn("xem");
    const std::string csrf = hidden(b.get("/van-ban-di/moi").body, "csrf");
    const Page p = b.post("/van-ban-di/moi", congVan(csrf, "Góp ý dự thảo"));
    EXPECT_EQ(p.status, 403);
    EXPECT_NE(p.body.find("Vai trò viewer không được làm việc này"), std::string::npos);
    EXPECT_EQ(documents(), 0);
}

TEST_P(DeskTest, APasswordTypedDecomposedMatchesItsComposedForm) {
    const std::string composed = "mật khẩu văn thư";
    ASSERT_TRUE(store_->addUser(store::NewUser{"Anh Minh", store::Role::Clerk, btp_.id, false, "minh", service::hashPassword(composed).value()}).ok());
    const std::string decomposed = text::nfd(composed);
    ASSERT_NE(decomposed, composed);
    Browser b(server_->port());
    EXPECT_EQ(signIn(b, "minh", decomposed).status, 303);
}

TEST_P(DeskTest, SignOutEndsTheSession) {
    Browser b = signedIn();
    const std::string csrf = hidden(b.get("/van-ban-di").body, "csrf");
    const std::string session = b.jar["vanthu_session"];
    EXPECT_EQ(b.post("/dang-xuat", {{"csrf", csrf}}).status, 303);
    b.jar["vanthu_session"] = session;  // a copy of the old cookie is worth nothing now
    EXPECT_EQ(b.get("/van-ban-di").status, 303);
}

TEST_P(DeskTest, ADisabledUserIsSignedOutAndRefused) {
    Browser b = signedIn();
    const auto lan = store_->credentials("lan");
    ASSERT_TRUE(lan);
    store_->setDisabled(lan->user.id, true, "test");
    EXPECT_EQ(b.get("/van-ban-di").status, 303) << "the session ended with the account";
    Browser again(server_->port());
    EXPECT_EQ(signIn(again, "lan", kPassword).status, 401);
    EXPECT_FALSE(store_->authenticate(tokens_["lan"])) << "nor does the API token work";
    EXPECT_TRUE(store_->authenticate(tokens_["xem"]));
}

TEST_P(DeskTest, AnAdminDisablesAUserWhoIsThenRefusedAndAClerkCannotReachThePage) {
    addUser("quantri", store::Role::Admin);
    Browser lan = signedIn();
    Browser clerkAtUsers = signedIn();
    EXPECT_EQ(clerkAtUsers.get("/nguoi-dung").status, 403) << "the core refuses a clerk, whatever the menu shows";
    EXPECT_EQ(lan.get("/van-ban-di").body.find("/nguoi-dung"), std::string::npos) << "no menu entry for a clerk";
    Browser admin = signedIn("quantri");
    const Page users = admin.get("/nguoi-dung");
    ASSERT_EQ(users.status, 200) << users.body;
    const std::int64_t lanId = store_->credentials("lan")->user.id;
    EXPECT_NE(users.body.find("action=\"/nguoi-dung/" + std::to_string(lanId) + "/khoa\""), std::string::npos);
    const std::string csrf = hidden(users.body, "csrf");
    EXPECT_EQ(clerkAtUsers.post("/nguoi-dung/" + std::to_string(lanId) + "/khoa", {{"csrf", hidden(clerkAtUsers.get("/van-ban-di").body, "csrf")}}).status, 403);
    EXPECT_EQ(admin.post("/nguoi-dung/" + std::to_string(lanId) + "/khoa", {{"csrf", csrf}}).status, 303);
    EXPECT_EQ(lan.get("/van-ban-di").status, 303) << "the disabled user's session ended";
    Browser again(server_->port());
    EXPECT_EQ(signIn(again, "lan", kPassword).status, 401);
    EXPECT_NE(admin.get("/nguoi-dung").body.find("đã khóa"), std::string::npos);
    const std::int64_t adminId = store_->credentials("quantri")->user.id;
    EXPECT_EQ(admin.post("/nguoi-dung/" + std::to_string(adminId) + "/khoa", {{"csrf", csrf}}).status, 409) << "not oneself";
    EXPECT_EQ(admin.post("/nguoi-dung/99999/khoa", {{"csrf", csrf}}).status, 404);
    EXPECT_EQ(admin.post("/nguoi-dung/" + std::to_string(lanId) + "/mo-khoa", {{"csrf", csrf}}).status, 303);
    EXPECT_EQ(signIn(again, "lan", kPassword).status, 303);
}

TEST_P(DeskTest, SearchFindsACodeTypedSloppilyAndWordsWithoutDiacritics) {
    Browser b = signedIn();
    const std::string csrf = hidden(b.get("/van-ban-di/moi").body, "csrf");
    ASSERT_EQ(b.post("/van-ban-di/moi", congVan(csrf, "Góp ý dự thảo Thông tư")).status, 303);
    ASSERT_EQ(b.post("/van-ban-di/1/ban-hanh", {{"csrf", csrf}}).status, 200);
    const Page byCode = b.get("/tra-cuu?q=01+btp+vp");
    ASSERT_EQ(byCode.status, 200);
    EXPECT_NE(byCode.body.find("href=\"/van-ban-di/1\">01/BTP-VP</a>"), std::string::npos) << byCode.body;
    const Page byWords = b.get("/tra-cuu?q=gop+y+du+thao");
    EXPECT_NE(byWords.body.find("01/BTP-VP"), std::string::npos);
    EXPECT_NE(b.get("/tra-cuu?q=%3Cscript%3E").body.find("value=\"&lt;script&gt;\""), std::string::npos) << "the query comes back escaped";
    // The list's filters: an issued công văn is not a draft.
    EXPECT_EQ(b.get("/van-ban-di?trang-thai=draft").body.find("01/BTP-VP"), std::string::npos);
    EXPECT_NE(b.get("/van-ban-di?trang-thai=issued&loai=cong-van").body.find("01/BTP-VP"), std::string::npos);
    EXPECT_EQ(b.get("/van-ban-di?loai=quyet-dinh").body.find("01/BTP-VP"), std::string::npos);
}

TEST_P(DeskTest, HostileRequestsGetAnErrorPageNeverA500) {
    Browser b = signedIn();
    const std::string csrf = hidden(b.get("/van-ban-di/moi").body, "csrf");
    EXPECT_EQ(b.get("/van-ban-di/999").status, 404);
    EXPECT_EQ(b.get("/van-ban-di/abc").status, 404);
    EXPECT_EQ(b.get("/van-ban-di/999/tai.pdf").status, 404);
    EXPECT_EQ(b.get("/van-ban-di?trang-thai=%3Cx%3E").status, 400);
    EXPECT_EQ(b.get("/van-ban-di?so=-1").status, 400);
    EXPECT_EQ(b.get("/van-ban-di?trang=0").status, 400);
    EXPECT_EQ(b.get("/van-ban-den?nam=abc").status, 400);
    EXPECT_EQ(b.get("/tra-cuu?q=" + std::string(600, 'a')).status, 400);
    // A form field that is not UTF-8 is named in the answer.
    const Page bad = b.post("/van-ban-di/moi", {{"csrf", csrf}, {"trich-yeu", std::string("\xC3\x28")}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("trich-yeu"), std::string::npos);
    // An empty form: the core's errors come back beside the fields, nothing is saved.
    const Page empty = b.post("/van-ban-di/moi", {{"csrf", csrf}});
    EXPECT_TRUE(empty.status == 422 || empty.status == 200) << empty.status << empty.body;
    EXPECT_LT(empty.status, 500);
    const Page page = b.get("/van-ban-di/moi");
    EXPECT_EQ(page.status, 200);
}

TEST_P(DeskTest, TheIncomingRegisterPageAnswersWithoutAnExchange) {
    Browser b = signedIn();
    const Page p = b.get("/van-ban-den?nam=2026");
    EXPECT_EQ(p.status, 200);
    EXPECT_NE(p.body.find("Văn bản đến năm 2026"), std::string::npos);
    EXPECT_NE(p.body.find("Máy chủ này không nhận văn bản điện tử"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskTest, ::testing::Values(Db::Sqlite, Db::Postgres), testing::dbName);

TEST(DeskTemplates, AMissingTemplateStopsTheStart) {
    const auto dir = std::filesystem::temp_directory_path() / "vanthu-desk-empty-templates";
    std::filesystem::create_directories(dir);
    auto store = store::Store::open(store::OpenOptions{*testing::databaseUrl(Db::Sqlite, "desk-templates"), {}, 2});
    server::ServerOptions so;
    so.moreRoutes = [dir](server::Router& r, server::Api& api) { addDeskRoutes(r, api, DeskOptions{dir.string(), false}); };
    try {
        server::Server s(*store, so, nullptr);
        FAIL() << "a desk without templates started";
    } catch (const Failure& f) {
        EXPECT_NE(std::string(f.what()).find("layout.mustache"), std::string::npos) << f.what();
    }
}

}  // namespace
}  // namespace vanthu::desk
