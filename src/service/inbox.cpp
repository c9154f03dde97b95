// service::Exchange, receiving: every package, from a link or from the axis, takes ingest().
#include <variant>

#include "core/digest.h"
#include "core/iso_date.h"
#include "distribution/edxml.h"
#include "distribution/package_builder.h"
#include "service/access.h"
#include "service/exchange_impl.h"

namespace vanthu::service {

namespace dist = vanthu::distribution;
namespace ex = vanthu::store::exchange;

namespace {

Error forgedSender() {
    return refusal(Errc::Forbidden, "forged_sender", "Cơ quan gửi không khớp với liên kết", "From/OrganId is not the link's agency",
                   "/edXML/edXMLEnvelope/From/OrganId");
}

}  // namespace

store::InboxRow Exchange::arrival(const std::string& link) const {
    store::InboxRow row;
    row.receivedAt = dist::isoMs(impl_->outbox->now());
    row.link = link;
    row.kind = "unknown";
    row.outcome = "rejected";
    return row;
}

namespace {

// At most `cap` bytes of `s` as printable ASCII: other bytes as \xNN, a backslash doubled, a line
// feed kept (headers are one a line).
std::string printable(std::string_view s, std::size_t cap) {
    std::string out;
    static const char* hex = "0123456789abcdef";
    for (std::size_t i = 0; i < s.size() && out.size() < cap; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\\') out += "\\\\";
        else if ((c >= 0x20 && c < 0x7f) || c == '\n') out += char(c);
        else out += std::string("\\x") + hex[c >> 4] + hex[c & 15];
    }
    return out;
}

}  // namespace

void Exchange::keepUnread(store::InboxRow row, const std::string& headers, const std::string& body) {
    row.headers = printable(headers, kUnreadHeaderBytes);
    if (!body.empty()) {
        row.packageSha = sha256Hex(body);
        row.bodyPrefix = printable(std::string_view(body).substr(0, kUnreadPrefixBytes), 4 * kUnreadPrefixBytes);
    }
    impl_->keep(std::move(row), "");
}

Ingested Exchange::ingest(store::InboxRow row, const std::string& bytes, const std::string& peer, Channel channel) {
    if (bytes.size() > impl_->setup.maxPackageBytes) {
        row.reason = "too large";
        impl_->keep(std::move(row), "");
        Ingested out;
        out.refused = refusal(Errc::TooLarge, "too_large", "Gói tin quá lớn", "package too large", "body");
        return out;
    }
    Ingested out = impl_->ingest(std::move(row), bytes, peer, channel);
    if (channel == Channel::Axis) impl_->outbox->wake();  // an answer may be queued
    return out;
}

// Keeps what arrived (bytes and why it was refused).
void Exchange::Impl::keep(store::InboxRow row, const std::string& bytes) {
    store.transaction([&](store::Sql& sql) {
        if (!bytes.empty()) row.packageSha = ex::putBytes(sql, "application/xml", bytes);
        ex::recordInbox(sql, row);
    });
}

// Authenticated bytes from `peer`: parse and validate, then a status is applied to our delivery,
// an edoc is deduplicated and registered.
Ingested Exchange::Impl::ingest(store::InboxRow row, const std::string& body, const std::string& peer, Channel channel) {
    dist::edxml::ReadOptions ro;
    ro.maxBytes = setup.maxPackageBytes;
    auto read = dist::edxml::readPackage(body, ro);
    if (!read.ok()) {
        row.reason = "invalid package: " + read.error().messageEn;
        keep(std::move(row), body);
        Error e = read.error();
        e.code = e.code == Errc::TooLarge ? Errc::TooLarge : Errc::SchemaViolation;  // bytes that are no valid edXML package
        e.reason = "invalid_package";
        Ingested out;
        out.refused = e;
        return out;
    }
    // Tolerated oddities (a non-strict organId of the sender …) are kept with the inbox row.
    std::string warnings;
    for (const auto& w : read.value().warnings) warnings += (warnings.empty() ? "" : "\n") + w.messageVi + " / " + w.messageEn;
    auto& pkg = read.value().package;
    Ingested out;
    if (auto* st = std::get_if<dist::edxml::Status>(&pkg)) out = ingestStatus(std::move(row), body, *st, warnings, peer);
    else out = ingestEdoc(std::move(row), body, std::get<dist::edxml::Edoc>(pkg), warnings, peer, channel);
    out.parsed = true;
    return out;
}

// A status about a document we sent (01 … 06, 15/16), or a 13: its sender takes back a document
// it sent us (marks our incoming entry until the clerk answers 15 or 16).
Ingested Exchange::Impl::ingestStatus(store::InboxRow row, const std::string& body, const dist::edxml::Status& st,
                                      const std::string& warnings, const std::string& peer) {
    Ingested out;
    out.statusCode = st.statusCode;
    row.kind = "status";
    row.senderOrganId = st.from.organId;
    row.edxmlDocumentId = st.responseFor.documentId;
    if (st.from.organId != peer) {
        row.reason = "forged sender";
        keep(std::move(row), body);
        out.refused = forgedSender();
        return out;
    }
    if (st.statusCode == "13") {
        store.transaction([&](store::Sql& sql) {
            row.packageSha = ex::putBytes(sql, "application/xml", body);
            const auto e = ex::incomingFor(sql, st.responseFor.documentId, st.from.organId);
            out.matched = out.applied = e.has_value();
            row.outcome = e ? "take-back" : "unmatched";
            row.reason = e ? "13" : "no incoming document matches";
            if (e && e->takeBack.empty()) {
                std::string note = "Cơ quan gửi đề nghị lấy lại";
                if (!st.description.empty()) note += ": " + st.description;
                ex::setIncomingTakeBack(sql, e->id, "requested", note);
            }
            ex::recordInbox(sql, row);
        });
        return out;
    }
    auto applied = outbox->applyStatus(st, "");
    out.matched = applied.ok();
    out.applied = applied.ok() && applied.value() == dist::Transition::Applied;
    row.outcome = applied.ok() ? "status" : "unmatched";
    row.reason = applied.ok() ? st.statusCode : "no delivery matches";
    if (!warnings.empty()) row.reason += "\n" + warnings;
    keep(std::move(row), body);
    return out;
}

Ingested Exchange::Impl::refuseUnknownRecipient(store::InboxRow row, const std::string& body, const dist::edxml::Edoc& edoc,
                                                Channel channel) {
    Ingested out;
    row.reason = "unknown recipient";
    const dist::Agency* self = setup.receiveFor.empty() ? nullptr : setup.directory.byOrganId(setup.receiveFor.front());
    if (!self) {
        keep(std::move(row), body);
        out.refused = refusal(Errc::RuleViolation, "unknown_recipient", "Không có cơ quan nhận nào của chúng tôi", "no recipient of ours",
                              "/edXML/edXMLEnvelope/To");
        return out;
    }
    // Over a link the 02 is the reply; from the axis it is owed through the axis.
    auto answer = statusBytes(edoc, *self, "02", "Không đúng cơ quan nhận (unknown recipient)");
    if (!answer.ok()) {
        Error e = answer.error();
        e.code = Errc::RuleViolation;
        e.reason = "rule_violation";
        out.refused = e;
    } else {
        out.answer = answer.value();
    }
    const bool owed = channel == Channel::Axis && answer.ok();
    const auto e = statusEntry(0, "02", edoc.documentId, edoc.from.organId, edoc.from.organName, channel);
    store.transaction([&](store::Sql& sql) {
        row.packageSha = ex::putBytes(sql, "application/xml", body);
        ex::recordInbox(sql, row);
        if (owed && e) outbox->enqueueStatus(sql, *e, out.answer);
    });
    return out;
}

// Dedupe and register in one transaction (with the 01 owed through the axis).
Ingested Exchange::Impl::ingestEdoc(store::InboxRow row, const std::string& body, const dist::edxml::Edoc& edoc,
                                    const std::string& warnings, const std::string& peer, Channel channel) {
    row.kind = "edoc";
    row.senderOrganId = edoc.from.organId;
    row.edxmlDocumentId = edoc.documentId;
    if (edoc.from.organId != peer) {
        row.reason = "forged sender";
        keep(std::move(row), body);
        Ingested out;
        out.refused = forgedSender();
        return out;
    }
    const dist::Agency* us = ourAgencyIn(edoc);
    if (!us) return refuseUnknownRecipient(std::move(row), body, edoc, channel);
    const store::Id organ = localOrgan(*us);
    const auto packageBytes = ex::prepareBytes("application/xml", body);
    std::vector<ex::PreparedBytes> fileBytes;
    for (const auto& a : edoc.attachments) fileBytes.push_back(ex::prepareBytes(a.mime.empty() ? "application/octet-stream" : a.mime, a.bytes));
    auto received = statusBytes(edoc, *us, "01", "");
    if (!received.ok()) throw Failure(Errc::Internal, "status 01 for " + edoc.documentId + ": " + received.error().messageEn);
    store.transaction([&](store::Sql& sql) {
        row.packageSha = ex::putPrepared(sql, packageBytes);
        row.reason = warnings;
        if (ex::incomingFor(sql, edoc.documentId, edoc.from.organId)) {
            row.outcome = "duplicate";
            ex::recordInbox(sql, row);
            return;
        }
        row.outcome = "registered";
        const store::Id inboxId = ex::recordInbox(sql, row);
        store::IncomingEntry e;
        e.organId = organ;
        e.year = dist::edxml::ictOf(nowSeconds()).date.year;
        e.receivedAt = row.receivedAt;
        e.sender = edoc.from.organName;
        e.code = edoc.code.text();
        e.documentDate = formatIsoDate(edoc.promulgationDate);
        e.typeAndSubject = edoc.typeName.empty() ? edoc.subject : edoc.typeName + ": " + edoc.subject;
        e.senderOrganId = edoc.from.organId;
        e.edxmlDocumentId = edoc.documentId;
        e.inboxId = inboxId;
        std::vector<store::IncomingFile> files;
        for (std::size_t i = 0; i < edoc.attachments.size(); ++i) {
            const auto& a = edoc.attachments[i];
            files.push_back({int(i), a.name, a.mime, a.contentId, ex::putPrepared(sql, fileBytes[i])});
        }
        const auto registered = ex::registerIncoming(sql, e, files);
        if (channel == Channel::Axis)
            if (auto st = statusEntry(registered.id, "01", edoc.documentId, edoc.from.organId, edoc.from.organName, channel))
                outbox->enqueueStatus(sql, *st, received.value());
    });
    Ingested out;
    out.answer = std::move(received.value());
    return out;
}

Result<std::vector<store::InboxRow>> Exchange::inbox(const store::User& who) {
    if (auto e = impl_->requireInboxClerk(who)) return *e;
    std::vector<store::InboxRow> rows;
    impl_->store.read([&](store::Sql& sql) { rows = ex::inbox(sql); });
    return rows;
}

// The bytes as they arrived, for inspection (refused ones included; nothing is re-parsed).
Result<std::string> Exchange::inboxPackage(const store::User& who, store::Id id) {
    if (auto e = impl_->requireInboxClerk(who)) return *e;
    std::optional<std::string> bytes;
    impl_->store.read([&](store::Sql& sql) {
        if (auto r = ex::inboxRow(sql, id); r && !r->packageSha.empty()) bytes = ex::bytes(sql, r->packageSha);
    });
    if (!bytes)
        return refusal(Errc::NotFound, "not_found", "Không có gói tin này (hoặc đã bị từ chối trước khi đọc)",
                       "no such package (or refused unread)", "id");
    return std::move(*bytes);
}

}  // namespace vanthu::service
