// service::Exchange: construction, sending (plan, packages, take-back) and delivery tracking.
#include "service/exchange.h"

#include "core/iso_date.h"

#include "distribution/organ_id.h"
#include "distribution/package_builder.h"
#include "distribution/resolution.h"
#include "input/document_reader.h"
#include "service/access.h"
#include "service/exchange_impl.h"
#include "text/unicode.h"

namespace vanthu::service {

namespace dist = vanthu::distribution;
namespace ex = vanthu::store::exchange;

namespace {

std::string safeName(const std::string& code) {
    std::string out;
    for (unsigned char c : code) out += (std::isalnum(c) || c == '-' || c >= 0x80) ? char(c) : '_';
    return out.empty() ? "document" : out;
}

const char* kDocxMime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

}  // namespace

Warning exchangeWarning(std::string vi, std::string en, std::string field) {
    Warning e;
    e.messageVi = std::move(vi);
    e.messageEn = std::move(en);
    e.field = std::move(field);
    return e;
}

Exchange::Impl::Impl(store::Store& s, ExchangeSetup st) : store(s), setup(std::move(st)) {
    auto transports = setup.transports;
    outbox = std::make_unique<dist::Outbox>(store, std::move(transports),
                                            [this](const store::DocumentRecord& d) { return buildPackage(d); }, setup.outbox);
}

std::chrono::sys_seconds Exchange::Impl::nowSeconds() const {
    return std::chrono::sys_seconds(std::chrono::seconds(outbox->now() / 1000));
}

model::Document Exchange::Impl::modelOf(const store::DocumentRecord& d) const {
    input::ReadOptions ro;
    auto read = input::readDocumentXml(d.xml, ro);
    if (!read.ok()) throw Failure(Errc::Internal, "stored document " + std::to_string(d.id) + " does not read back");
    model::Document doc = read.value().document;
    doc.code.number = d.number > 0 ? std::optional<int>(d.number) : std::nullopt;
    doc.code.year = d.legalNormative && d.number > 0 ? std::optional<int>(d.year) : std::nullopt;
    if (!d.issueDate.empty()) {
        doc.issueDate = vanthu::parseIsoDate(d.issueDate);
        if (!doc.issueDate) throw Failure(Errc::Internal, "stored document " + std::to_string(d.id) + " has a malformed issue date");
    }
    return doc;
}

Result<std::string> Exchange::Impl::buildPackage(const store::DocumentRecord& d) {
    const model::Document doc = modelOf(d);
    const dist::Agency* from = setup.directory.findOrgan(doc.issuer);
    if (!from || !dist::isStrictOrganId(from->organId))
        return refusal(Errc::InvalidInput, "invalid_input", "Cơ quan ban hành không có trong danh bạ", "the issuer is not in the agency directory", "issuer");
    const auto res = dist::resolveRecipients(doc, setup.directory);
    auto to = dist::recipientsOf(res, setup.directory).to;
    std::vector<dist::AttachmentFile> files;
    const std::string base = safeName(d.code);
    // The same artifacts as GET /documents/{id}.pdf: rendered once, stored, then reused.
    const auto rendered = [&](const std::string& format, const std::string& mime) -> std::optional<std::string> {
        if (auto b = store.artifact(d.id, format)) return b;
        if (!setup.render) return std::nullopt;
        auto b = setup.render(doc, format);
        if (b) store.putArtifact(d.id, format, mime, *b);
        return b;
    };
    if (auto pdf = rendered("pdf", "application/pdf")) files.push_back({base + ".pdf", "application/pdf", std::move(*pdf)});
    if (auto docx = rendered("docx", kDocxMime)) files.push_back({base + ".docx", kDocxMime, std::move(*docx)});
    dist::BuildOptions bo;
    bo.now = nowSeconds();
    auto edoc = dist::buildEdoc(doc, dist::organizationOf(*from, setup.directory), std::move(to), std::move(files), bo);
    if (!edoc.ok()) return edoc.errors();
    return dist::edxml::writeEdoc(edoc.value());
}

const dist::Agency* Exchange::Impl::ourAgencyIn(const dist::edxml::Edoc& e) const {
    for (const auto& to : e.to)
        for (const auto& mine : setup.receiveFor)
            if (to.organId == mine) return setup.directory.byOrganId(mine);
    return nullptr;
}

store::Id Exchange::Impl::localOrgan(const dist::Agency& a) {
    const std::string abbr = a.abbreviation.empty() ? a.key : a.abbreviation;
    if (auto o = store.organByAbbreviation(abbr)) return o->id;
    return store.ensureOrgan(abbr, text::toUpper(a.name)).id;
}

std::vector<store::Id> Exchange::Impl::organsFor(const store::User& user) {
    if (user.role != store::Role::Admin) return {user.organId};
    std::vector<store::Id> out;
    for (const auto& id : setup.receiveFor)
        if (const auto* a = setup.directory.byOrganId(id)) out.push_back(localOrgan(*a));
    return out;
}

// The inbox belongs to the organs this instance receives for: their clerks (and admins) see it.
std::optional<Error> Exchange::Impl::requireInboxClerk(const store::User& user) {
    if (auto e = requireRole(user, {store::Role::Clerk})) return e;
    if (user.role == store::Role::Admin) return std::nullopt;
    for (const auto& id : setup.receiveFor)
        if (const auto* a = setup.directory.byOrganId(id); a && localOrgan(*a) == user.organId) return std::nullopt;
    return refusal(Errc::Forbidden, "forbidden_organ", "Hộp thư đến thuộc cơ quan khác", "the inbox belongs to another organ", "organ");
}

Result<std::string> Exchange::Impl::statusBytes(const dist::edxml::Edoc& edoc, const dist::Agency& us, const std::string& code,
                                                const std::string& why, const dist::edxml::StaffInfo& staff) {
    const std::string description = why.empty() ? std::string(dist::edxml::statusCodeInfo(code)->vi) : why;
    auto st = dist::statusFor(edoc, dist::organizationOf(us, setup.directory), code, description, staff, nowSeconds());
    return dist::edxml::writeStatus(st);
}

std::optional<store::OutboxEntry> Exchange::Impl::statusEntry(store::Id incomingId, const std::string& code, const std::string& documentId,
                                                              const std::string& senderOrganId, const std::string& senderName,
                                                              Channel channel) {
    store::OutboxEntry e;
    e.incomingId = incomingId;
    e.code = code;
    e.edxmlDocumentId = documentId;
    e.recipientOrganId = senderOrganId;
    const dist::Agency* sender = setup.directory.byOrganId(senderOrganId);
    e.recipientKey = sender ? sender->key : senderOrganId;
    e.recipientName = sender ? sender->name : senderName;
    if (channel == Channel::Axis) {
        e.transport = "axis";
        return e;
    }
    if (!sender || sender->endpoint.empty()) return std::nullopt;
    e.transport = sender->endpoint.transport;
    e.url = sender->endpoint.url;
    e.link = sender->endpoint.link;
    return e;
}

// ---- Exchange -----------------------------------------------------------------------------

Exchange::Exchange(store::Store& store, ExchangeSetup setup) : impl_(std::make_unique<Impl>(store, std::move(setup))) {}
Exchange::~Exchange() { stop(); }
void Exchange::start() { impl_->outbox->start(); }
void Exchange::stop() { impl_->outbox->stop(); }
void Exchange::wake() { impl_->outbox->wake(); }
dist::Outbox& Exchange::outbox() { return *impl_->outbox; }
const dist::AgencyDirectory& Exchange::directory() const { return impl_->setup.directory; }
std::int64_t Exchange::nowMs() const { return impl_->outbox->now(); }
int Exchange::currentYear() const { return int(dist::edxml::ictOf(impl_->nowSeconds()).date.year); }

std::function<void(store::Sql&, const store::DocumentRecord&)> Exchange::planIssue(const store::DocumentRecord& draft, Warnings& warnings) {
    input::ReadOptions ro;
    auto read = input::readDocumentXml(draft.xml, ro);
    if (!read.ok()) return {};
    const model::Document& doc = read.value().document;
    if (draft.secret) {
        warnings.push_back(exchangeWarning("Văn bản mật không gửi qua trục liên thông", "secret documents are not sent electronically", "secret"));
        return {};
    }
    const auto& directory = impl_->setup.directory;
    const dist::Agency* from = directory.findOrgan(doc.issuer);
    if (!from || !dist::isStrictOrganId(from->organId)) {
        warnings.push_back(exchangeWarning("Cơ quan ban hành không có trong danh bạ: không gửi điện tử",
                                           "the issuer is not in the agency directory: nothing is sent", "issuer"));
        return {};
    }
    const auto res = dist::resolveRecipients(doc, directory);
    for (const auto& u : res.unresolved)
        warnings.push_back(exchangeWarning("Nơi nhận không xác định được: " + u.piece + " (" + u.line + ")",
                                           "recipient not resolved: " + u.piece + " (" + u.line + ")", "recipients"));
    auto planned = dist::plan(res, directory);
    for (const auto& t : planned.undeliverable)
        warnings.push_back(exchangeWarning("Không có mã định danh: " + t.name + " (không gửi điện tử)",
                                           "no organId: " + t.name + " (not sent electronically)", "recipients"));
    for (const auto& t : planned.noEndpoint)
        warnings.push_back(exchangeWarning("Không có địa chỉ nhận: " + t.name, "no endpoint: " + t.name, "recipients"));
    if (planned.entries.empty()) return {};
    const std::string fromId = from->organId;
    auto entries = std::move(planned.entries);
    const std::int64_t now = impl_->outbox->now();
    return [fromId, entries, now](store::Sql& sql, const store::DocumentRecord& issued) {
        dist::Outbox::enqueueFor(sql, issued, fromId, entries, now);
    };
}

std::function<void(store::Sql&, const store::DocumentRecord&)> Exchange::takeBack(
    store::Id id, const std::string& note, std::shared_ptr<dist::Outbox::TakeBackCounts> counts) {
    // The 13 is about the package the recipients got, so it is built from that package.
    std::string bytes;
    if (auto pkg = impl_->store.artifact(id, "edxml")) {
        auto ours = dist::edxml::readEdoc(*pkg);
        if (!ours.ok()) throw Failure(Errc::Internal, "the stored package of document " + std::to_string(id) + " does not read");
        const auto& e = ours.value().package;
        const std::string why = note.empty() ? "Thu hồi văn bản " + e.code.text() : note;
        auto st = dist::edxml::writeStatus(dist::statusFor(e, e.from, "13", why, {}, impl_->nowSeconds()));
        if (!st.ok()) throw Failure(Errc::Internal, "status 13: " + st.error().messageEn);
        bytes = std::move(st.value());
    }
    const std::string reason = note.empty() ? "recalled" : note;
    const std::int64_t t = impl_->outbox->now();
    return [id, bytes, reason, t, counts](store::Sql& sql, const store::DocumentRecord&) {
        *counts = dist::Outbox::takeBackIn(sql, id, bytes, reason, t);  // assigned: safe if the transaction is retried
    };
}

void Exchange::recalled(const dist::Outbox::TakeBackCounts& n, Warnings& warnings) {
    if (n.asked)
        warnings.push_back(exchangeWarning("Đã đề nghị " + std::to_string(n.asked) + " cơ quan nhận trả lại văn bản (13)",
                                           std::to_string(n.asked) + " recipient(s) asked to give the document back (13)", "deliveries"));
    if (n.stopped)
        warnings.push_back(exchangeWarning("Đã dừng gửi tới " + std::to_string(n.stopped) + " cơ quan chưa nhận",
                                           "stopped sending to " + std::to_string(n.stopped) + " recipient(s) not reached yet", "deliveries"));
    impl_->outbox->wake();
}

Result<RecipientsPreview> Exchange::previewRecipients(const store::User& who, store::Id document) {
    auto d = visibleDocument(Context{impl_->store}, who, document);
    if (!d.ok()) return d.errors();
    RecipientsPreview out;
    const model::Document doc = impl_->modelOf(d.value());
    out.resolution = dist::resolveRecipients(doc, impl_->setup.directory);
    out.deliveries = dist::plan(out.resolution, impl_->setup.directory).entries;
    planIssue(d.value(), out.warnings);
    return out;
}

namespace {

DeliveryView viewOf(store::Sql& sql, store::DeliveryRow row) {
    DeliveryView v;
    v.events = ex::events(sql, row.id);
    v.row = std::move(row);
    return v;
}

}  // namespace

Result<std::vector<DeliveryView>> Exchange::deliveriesOf(const store::User& who, store::Id document, std::vector<DeliveryView>* takeBacks) {
    auto d = visibleDocument(Context{impl_->store}, who, document);
    if (!d.ok()) return d.errors();
    std::vector<DeliveryView> out;
    impl_->store.read([&](store::Sql& sql) {
        for (auto& r : ex::deliveriesOf(sql, document)) out.push_back(viewOf(sql, std::move(r)));
        if (takeBacks)
            for (auto& r : ex::takeBackDeliveriesOf(sql, document)) takeBacks->push_back(viewOf(sql, std::move(r)));
    });
    return out;
}

Result<std::vector<DeliveryView>> Exchange::unacknowledged(const store::User& who, int days) {
    const std::string before = dist::isoMs(impl_->outbox->now() - std::int64_t(days) * 86400000);
    std::vector<DeliveryView> out;
    impl_->store.read([&](store::Sql& sql) {
        for (auto& r : ex::unacknowledged(sql, before)) {
            if (who.role != store::Role::Admin) {
                auto doc = impl_->store.document(r.documentId);
                if (!doc.ok() || doc.value().organId != who.organId) continue;
            }
            out.push_back(viewOf(sql, std::move(r)));
        }
    });
    return out;
}

Result<DeliveryView> Exchange::retryDelivery(const store::User& who, store::Id id) {
    if (auto e = requireRole(who, {store::Role::Clerk})) return *e;
    std::optional<store::DeliveryRow> row;
    std::optional<store::IncomingEntry> about;  // a status package: the incoming entry it answers
    impl_->store.read([&](store::Sql& sql) {
        row = ex::delivery(sql, id);
        if (row && !row->documentId && row->incomingId) about = ex::incoming(sql, row->incomingId);
    });
    if (!row) return refusal(Errc::NotFound, "not_found", "Không có lần gửi này", "no such delivery", "id");
    if (row->documentId) {
        if (auto d = visibleDocument(Context{impl_->store}, who, row->documentId); !d.ok()) return d.errors();
    } else if (who.role != store::Role::Admin && (!about || about->organId != who.organId)) {
        // A status (document 0) is the business of the organ that received the document.
        return refusal(Errc::Forbidden, "forbidden_organ", "Lần gửi thuộc cơ quan khác", "the delivery belongs to another organ", "id");
    }
    auto r = impl_->outbox->retry(id, actorLabel(who));
    if (!r.ok()) return r.errors();
    DeliveryView v;
    impl_->store.read([&](store::Sql& sql) { v = viewOf(sql, r.value()); });
    return v;
}

}  // namespace vanthu::service
