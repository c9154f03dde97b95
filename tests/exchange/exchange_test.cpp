// Two vanthu instances and a third that is down at first (issue 5, "Must show"): A issues the
// 1020/QĐ-BTP sample; B registers it once with byte-identical attachments and answers 01, then 03
// when its clerk accepts; C's delivery is retried until C comes up.
#include <csignal>

#include "exchange/exchange_fixtures.h"

namespace vanthu::testing {
namespace {

TEST_F(ExchangeTest, AIssuesToBAndToADownThirdExactlyOnce) {
    auto& a = start("a");
    auto& b = start("b");
    ASSERT_GT(a.port(), 0);
    ASSERT_GT(b.port(), 0);
    HttpClient ca(a.port()), cb(b.port());

    Poco::JSON::Object::Ptr answer;
    const auto id = issueSample(ca, &answer);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->getValue<std::string>("code"), "1020/QĐ-BTP");
    // "Thủ trưởng các đơn vị có liên quan" resolves to nothing: the clerk is told, not left guessing.
    const auto warnings = answer->getArray("warnings");
    ASSERT_TRUE(warnings);
    bool told = false;
    for (std::size_t i = 0; i < warnings->size(); ++i)
        told = told || warnings->getObject(unsigned(i))->getValue<std::string>("message_en").find("Thủ trưởng các đơn vị") != std::string::npos;
    EXPECT_TRUE(told) << "issue answer: the unresolved line is not among the warnings";

    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kKhtc) == "01"; })) << "B never acknowledged";
    // C is down: its row is retried, with the error kept.
    ASSERT_TRUE(waitFor([&] {
        auto d = deliveries(ca, id);
        return d.count(kCntt) && d[kCntt]->getValue<int>("attempts") >= 3;
    }));
    {
        auto d = deliveries(ca, id);
        EXPECT_EQ(d.size(), 2u);
        EXPECT_EQ(d[kCntt]->getValue<std::string>("state"), "queued");
        EXPECT_FALSE(d[kCntt]->getValue<std::string>("last_error").empty());
    }

    // B: exactly one register entry, its files byte-identical with A's rendered PDF and DOCX.
    auto in = incoming(cb, "b");
    ASSERT_TRUE(in);
    ASSERT_EQ(in->size(), 1u);
    const auto entry = in->getObject(0);
    EXPECT_EQ(entry->getValue<std::string>("code"), "1020/QĐ-BTP");
    EXPECT_EQ(entry->getValue<int>("number"), 1);
    EXPECT_EQ(entry->getValue<std::string>("sender_organ_id"), kBtp);
    const auto iid = std::to_string(entry->getValue<std::int64_t>("id"));
    const auto pdfA = ca.get("/api/v1/documents/" + std::to_string(id) + ".pdf", tokens_["a"]);
    const auto docxA = ca.get("/api/v1/documents/" + std::to_string(id) + ".docx", tokens_["a"]);
    ASSERT_EQ(pdfA.status, 200);
    ASSERT_EQ(docxA.status, 200);
    const auto detail = cb.get("/api/v1/incoming/" + iid, tokens_["b"]);
    ASSERT_EQ(detail.status, 200) << detail.body;
    const auto files = detail.json()->getArray("files");
    ASSERT_EQ(files->size(), 2u);
    std::map<std::string, std::string> got;
    for (std::size_t i = 0; i < files->size(); ++i) {
        const auto f = files->getObject(unsigned(i));
        const auto bytes = cb.get("/api/v1/incoming/" + iid + "/files/" + std::to_string(f->getValue<int>("index")), tokens_["b"]);
        ASSERT_EQ(bytes.status, 200);
        got[f->getValue<std::string>("mime")] = bytes.body;
    }
    EXPECT_TRUE(got["application/pdf"] == pdfA.body) << "PDF differs after transfer";
    EXPECT_TRUE(got["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] == docxA.body) << "DOCX differs";
    EXPECT_EQ(got["application/pdf"].substr(0, 5), "%PDF-");

    // The register exports with its 10 columns.
    const auto csv = cb.get("/api/v1/incoming?format=csv", tokens_["b"]);
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("Ngày đến,Số đến,Tác giả,\"Số, ký hiệu\",Ngày tháng văn bản,Tên loại và trích yếu,Đơn vị hoặc người nhận,Ngày chuyển,Ký nhận,Ghi chú"),
              std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("1020/QĐ-BTP"), std::string::npos);

    // B's clerk accepts: A sees 03 after 01.
    const auto acc = cb.postJson("/api/v1/incoming/" + iid + "/accept", tokens_["b"], "{}");
    ASSERT_EQ(acc.status, 200) << acc.body;
    EXPECT_EQ(cb.postJson("/api/v1/incoming/" + iid + "/accept", tokens_["b"], "{}").status, 409);
    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kKhtc) == "03"; })) << "A never saw 03";
    {
        const auto statuses = deliveries(ca, id)[kKhtc]->getArray("statuses");
        std::vector<std::string> seq;
        for (std::size_t i = 0; i < statuses->size(); ++i) seq.push_back(statuses->getObject(unsigned(i))->getValue<std::string>("state"));
        EXPECT_EQ(seq, (std::vector<std::string>{"queued", "sent", "01", "03"}));
    }

    // C comes up: the retried delivery gets through, once.
    auto& c = start("c");
    ASSERT_GT(c.port(), 0);
    HttpClient cc(c.port());
    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kCntt) == "01"; })) << "C's delivery never succeeded";
    auto inC = incoming(cc, "c");
    ASSERT_TRUE(inC);
    EXPECT_EQ(inC->size(), 1u);
    EXPECT_EQ(incoming(cb, "b")->size(), 1u);

    // Nothing left unacknowledged; B's register still holds one entry after every retry.
    const auto un = ca.get("/api/v1/deliveries?unacknowledged_days=0", tokens_["a"]);
    ASSERT_EQ(un.status, 200);
    EXPECT_EQ(un.json()->getArray("items")->size(), 0u);
}

}  // namespace
}  // namespace vanthu::testing
