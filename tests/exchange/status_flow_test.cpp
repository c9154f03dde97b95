// The statuses after 01, end to end over vanthu links (issue 5 items 4 and 6, edxml.md §5):
// B accepts (03, handing it to a unit: register columns 7 and 8), then 04, 05, 06 reach A in order;
// C rejects (02) with a reason A can read; A recalls the document and asks both to give it back
// (13): B agrees (15), C refuses (16), and each answer lands on its delivery at A. Repeats and
// answers out of order are refused with 409 and send nothing.
#include "exchange/exchange_fixtures.h"
#include "support/test_support.h"

namespace vanthu::testing {
namespace {

std::vector<std::string> sequence(const Poco::JSON::Object::Ptr& delivery) {
    std::vector<std::string> seq;
    const auto statuses = delivery->getArray("statuses");
    for (std::size_t i = 0; i < statuses->size(); ++i) seq.push_back(statuses->getObject(unsigned(i))->getValue<std::string>("state"));
    return seq;
}

TEST_F(ExchangeTest, LaterStatusesRejectionAndTakeBackReachTheSender) {
    auto& a = start("a");
    auto& b = start("b");
    auto& c = start("c");
    ASSERT_GT(a.port(), 0);
    ASSERT_GT(b.port(), 0);
    ASSERT_GT(c.port(), 0);
    HttpClient ca(a.port()), cb(b.port()), cc(c.port());
    const auto id = issueSample(ca);
    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kKhtc) == "01" && stateOf(ca, id, kCntt) == "01"; }));
    const auto inB = incoming(cb, "b");
    const auto inC = incoming(cc, "c");
    ASSERT_TRUE(inB && inC);
    ASSERT_EQ(inB->size(), 1u);
    ASSERT_EQ(inC->size(), 1u);
    const std::string b1 = "/api/v1/incoming/" + std::to_string(inB->getObject(0)->getValue<std::int64_t>("id"));
    const std::string c1 = "/api/v1/incoming/" + std::to_string(inC->getObject(0)->getValue<std::int64_t>("id"));

    // The directory in force, as B sees it (export in the normal form, valid by the same schema).
    const auto dir = cb.get("/api/v1/agencies", tokens_["b"]);
    ASSERT_EQ(dir.status, 200);
    EXPECT_NE(dir.body.find("organId=\"000.00.05.G12\""), std::string::npos);

    // Out of order, unknown fields, a rejection without a reason: refused, nothing sent.
    EXPECT_EQ(cb.postJson(b1 + "/status", tokens_["b"], R"({"code":"04"})").status, 409) << "04 before 03";
    EXPECT_EQ(cb.postJson(b1 + "/status", tokens_["b"], R"({"code":"03"})").status, 400) << "03 is /accept";
    EXPECT_EQ(cb.postJson(b1 + "/accept", tokens_["b"], R"({"assignee":"x"})").status, 400) << "unknown field";
    EXPECT_EQ(cc.postJson(c1 + "/reject", tokens_["c"], "{}").status, 400) << "a rejection needs its reason";
    EXPECT_EQ(cb.postJson(b1 + "/take-back", tokens_["b"], R"({"agree":true})").status, 409) << "nobody asked for it back";

    // B accepts and hands it to a unit (columns 7 and 8), then 04, 05, 06.
    const auto acc = cb.postJson(b1 + "/accept", tokens_["b"], R"({"recipient_unit":"Vụ Kế hoạch - Tài chính"})");
    ASSERT_EQ(acc.status, 200) << acc.body;
    EXPECT_EQ(acc.json()->getValue<std::string>("recipient_unit"), "Vụ Kế hoạch - Tài chính");
    EXPECT_EQ(acc.json()->getValue<std::string>("handed_at").size(), 10u) << acc.body;
    for (const char* code : {"04", "05", "06"}) {
        const auto r = cb.postJson(b1 + "/status", tokens_["b"], std::string(R"({"code":")") + code + "\"}");
        ASSERT_EQ(r.status, 200) << code << ": " << r.body;
    }
    EXPECT_EQ(cb.postJson(b1 + "/status", tokens_["b"], R"({"code":"05"})").status, 409) << "back from 06";
    const auto csv = cb.get("/api/v1/incoming?format=csv", tokens_["b"]);
    EXPECT_NE(csv.body.find("Vụ Kế hoạch - Tài chính"), std::string::npos) << csv.body;
    {
        // The printed book, read back by poppler.
        VANTHU_REQUIRE_PROGRAM("pdftotext", "poppler-utils");
        const auto pdf = cb.get("/api/v1/incoming?format=pdf", tokens_["b"]);
        ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
        ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
        const std::string text = pdfText(pdf.body);
        EXPECT_NE(text.find("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"), std::string::npos) << text;
        EXPECT_NE(text.find("1020/QĐ-BTP"), std::string::npos) << text;
        EXPECT_NE(text.find("08/05/2018"), std::string::npos) << "a date wrapped inside its cell: " << text;
        const auto docx = cb.get("/api/v1/incoming?format=docx", tokens_["b"]);
        ASSERT_EQ(docx.status, 200);
        EXPECT_EQ(docx.body.rfind("PK", 0), 0u);
        EXPECT_EQ(cb.get("/api/v1/incoming?format=xls", tokens_["b"]).status, 406);
    }

    // C rejects, with its reason.
    const auto rej = cc.postJson(c1 + "/reject", tokens_["c"], R"({"reason":"Không thuộc thẩm quyền của Cục"})");
    ASSERT_EQ(rej.status, 200) << rej.body;
    EXPECT_EQ(cc.postJson(c1 + "/accept", tokens_["c"], "{}").status, 409) << "02 is final";

    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kKhtc) == "06" && stateOf(ca, id, kCntt) == "02"; }))
        << "B: " << stateOf(ca, id, kKhtc) << ", C: " << stateOf(ca, id, kCntt);
    auto d = deliveries(ca, id);
    EXPECT_EQ(sequence(d[kKhtc]), (std::vector<std::string>{"queued", "sent", "01", "03", "04", "05", "06"}));
    EXPECT_EQ(sequence(d[kCntt]), (std::vector<std::string>{"queued", "sent", "01", "02"}));
    {
        const auto st = d[kCntt]->getArray("statuses");
        EXPECT_EQ(st->getObject(unsigned(st->size() - 1))->getValue<std::string>("detail"), "Không thuộc thẩm quyền của Cục");
    }

    // A recalls the document: both recipients are asked to give it back (13).
    const auto recall = ca.postJson("/api/v1/documents/" + std::to_string(id) + "/recall", tokens_["a"],
                                    R"({"note":"Văn bản ban hành nhầm, thu hồi để sửa"})");
    ASSERT_EQ(recall.status, 200) << recall.body;
    EXPECT_NE(recall.body.find("2 recipient(s) asked to give the document back (13)"), std::string::npos)
        << "the clerk is told who was asked: " << recall.body;
    ASSERT_TRUE(waitFor([&] {
        auto x = incoming(cb, "b");
        auto y = incoming(cc, "c");
        return x && y && x->getObject(0)->getValue<std::string>("take_back") == "requested" &&
               y->getObject(0)->getValue<std::string>("take_back") == "requested";
    })) << "the 13 did not arrive";
    ASSERT_EQ(cb.postJson(b1 + "/take-back", tokens_["b"], R"({"agree":true})").status, 200);
    EXPECT_EQ(cb.postJson(b1 + "/take-back", tokens_["b"], R"({"agree":false})").status, 409) << "answered once";
    ASSERT_EQ(cc.postJson(c1 + "/take-back", tokens_["c"], R"({"agree":false,"reason":"Đã trả lời bằng 02"})").status, 200);
    ASSERT_TRUE(waitFor([&] {
        auto x = deliveries(ca, id);
        return x[kKhtc]->getValue<std::string>("take_back") == "15" && x[kCntt]->getValue<std::string>("take_back") == "16";
    })) << "15/16 did not reach A";
    d = deliveries(ca, id);
    EXPECT_EQ(d[kKhtc]->getValue<std::string>("state"), "06") << "a take-back does not undo the handling state";
    {
        // Each 13 is a delivery of its own, tracked like the document's.
        const auto r = ca.get("/api/v1/documents/" + std::to_string(id) + "/deliveries", tokens_["a"]);
        const auto tb = r.json()->getArray("take_back_items");
        ASSERT_TRUE(tb);
        ASSERT_EQ(tb->size(), 2u) << r.body;
        for (std::size_t i = 0; i < tb->size(); ++i) EXPECT_EQ(tb->getObject(unsigned(i))->getValue<std::string>("state"), "sent");
    }
    // B's register keeps its number and says why in Ghi chú.
    const auto entry = cb.get(b1, tokens_["b"]);
    ASSERT_EQ(entry.status, 200);
    EXPECT_EQ(entry.json()->getValue<int>("number"), 1);
    EXPECT_EQ(entry.json()->getValue<std::string>("take_back"), "15");
    EXPECT_NE(entry.json()->getValue<std::string>("note").find("lấy lại"), std::string::npos) << entry.body;
}

TEST_F(ExchangeTest, RecallBeforeSendingStopsTheDelivery) {
    // C is down and A recalls at once: C's row stops (dead) instead of delivering a recalled document.
    auto& a = start("a");
    auto& b = start("b");
    ASSERT_GT(a.port(), 0);
    ASSERT_GT(b.port(), 0);
    HttpClient ca(a.port());
    const auto id = issueSample(ca);
    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kKhtc) == "01"; }));
    ASSERT_EQ(stateOf(ca, id, kCntt), "queued");
    const auto recall = ca.postJson("/api/v1/documents/" + std::to_string(id) + "/recall", tokens_["a"], "{}");
    ASSERT_EQ(recall.status, 200) << recall.body;
    EXPECT_NE(recall.body.find("stopped sending to 1 recipient(s) not reached yet"), std::string::npos) << recall.body;
    auto d = deliveries(ca, id);
    EXPECT_EQ(d[kCntt]->getValue<std::string>("state"), "dead");
    EXPECT_EQ(d[kCntt]->getValue<std::string>("last_error"), "recalled before it was sent");
    EXPECT_EQ(d[kKhtc]->getValue<std::string>("take_back"), "13");
    auto& c = start("c");
    ASSERT_GT(c.port(), 0);
    HttpClient cc(c.port());
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // several retry periods of the test set-up
    auto in = incoming(cc, "c");
    ASSERT_TRUE(in);
    EXPECT_EQ(in->size(), 0u) << "a recalled document was still delivered";
}

}  // namespace
}  // namespace vanthu::testing
