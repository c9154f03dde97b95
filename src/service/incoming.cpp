// service::Exchange, the clerk's side of incoming documents: the register, an entry, its files,
// and the answers (03 accept, 02 reject, 04–06 progress, 15/16 to a take-back).
#include "core/iso_date.h"
#include "distribution/edxml.h"
#include "service/access.h"
#include "service/exchange_impl.h"

namespace vanthu::service {

namespace dist = vanthu::distribution;
namespace ex = vanthu::store::exchange;

namespace {

// Why `code` cannot follow the entry's current state (edxml.md §5): "" when it can.
std::string answerConflict(const store::IncomingEntry& e, const std::string& code) {
    if (code == "15" || code == "16")
        return e.takeBack == "requested" ? "" : e.takeBack.empty() ? "no take-back was asked for" : "the take-back is answered (" + e.takeBack + ")";
    static const std::vector<std::string> order = {"received", "03", "04", "05", "06"};
    const auto rank = [&](const std::string& s) {
        for (std::size_t i = 0; i < order.size(); ++i)
            if (order[i] == s) return int(i);
        return -1;
    };
    if (e.takeBack == "15") return "taken back by its sender";
    if (e.state == "02" || (code == "02" && e.state != "received") || (code != "02" && rank(code) <= rank(e.state)))
        return "the incoming document is already " + e.state;
    if (code != "03" && code != "02" && e.state == "received") return "accept (03) first";
    return "";
}

Error stateConflict(const std::string& why) {
    return refusal(Errc::Conflict, "conflict", "Không chuyển được trạng thái: " + why, why, "state");
}

std::vector<std::string> linesOf(const std::string& s) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at < s.size();) {
        const auto end = std::min(s.find('\n', at), s.size());
        out.push_back(s.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

}  // namespace

Result<std::vector<store::IncomingEntry>> Exchange::incomingRegister(const store::User& who, int year) {
    std::vector<store::IncomingEntry> entries;
    impl_->store.read([&](store::Sql& sql) {
        for (auto organ : impl_->organsFor(who)) {
            auto es = ex::incomingEntries(sql, organ, year);
            entries.insert(entries.end(), es.begin(), es.end());
        }
    });
    return entries;
}

Result<IncomingView> Exchange::incoming(const store::User& who, store::Id id) {
    std::optional<IncomingView> v;
    impl_->store.read([&](store::Sql& sql) {
        auto e = ex::incoming(sql, id);
        if (!e || (who.role != store::Role::Admin && e->organId != who.organId)) return;
        v.emplace();
        if (auto r = ex::inboxRow(sql, e->inboxId); r && r->outcome == "registered") v->warnings = linesOf(r->reason);
        v->files = ex::incomingFiles(sql, e->id);
        v->entry = std::move(*e);
    });
    if (!v) return refusal(Errc::NotFound, "not_found", "Không có văn bản đến này", "no such incoming document", "id");
    return std::move(*v);
}

Result<store::IncomingFile> Exchange::incomingFile(const store::User& who, store::Id entry, std::int64_t index, std::string& bytes) {
    auto v = incoming(who, entry);
    if (!v.ok()) return v.errors();
    for (const auto& f : v.value().files)
        if (f.index == index) {
            std::optional<std::string> b;
            impl_->store.read([&](store::Sql& sql) { b = ex::bytes(sql, f.sha256); });
            if (!b) break;
            bytes = std::move(*b);
            return f;
        }
    return refusal(Errc::NotFound, "not_found", "Không có tệp này", "no such file", "index");
}

// The answer is queued as a status package to the sender in the transaction that records it.
Result<IncomingView> Exchange::answerIncoming(const store::User& who, store::Id id, const Answer& a, Warnings& warnings) {
    auto view = incoming(who, id);
    if (!view.ok()) return view;
    if (auto e = requireRole(who, {store::Role::Clerk})) return *e;
    const store::IncomingEntry& entry = view.value().entry;
    if (const auto why = answerConflict(entry, a.code); !why.empty()) return stateConflict(why);
    std::optional<std::string> pkg;
    Channel channel = Channel::Link;
    impl_->store.read([&](store::Sql& sql) {
        if (auto r = ex::inboxRow(sql, entry.inboxId)) {
            pkg = ex::bytes(sql, r->packageSha);
            if (r->link.rfind("axis:", 0) == 0) channel = Channel::Axis;
        }
    });
    if (!pkg) throw Failure(Errc::Internal, "the package of incoming " + std::to_string(entry.id) + " is missing");
    auto edoc = dist::edxml::readEdoc(*pkg);
    if (!edoc.ok()) throw Failure(Errc::Internal, "the stored package of incoming " + std::to_string(entry.id) + " does not read");
    const dist::Agency* us = impl_->ourAgencyIn(edoc.value().package);
    if (!us) throw Failure(Errc::Internal, "no agency of ours among the package's recipients");
    dist::edxml::StaffInfo staff;
    staff.staff = who.name;
    auto bytes = impl_->statusBytes(edoc.value().package, *us, a.code, a.reason, staff);
    if (!bytes.ok()) {
        Error e = bytes.error();
        e.code = Errc::RuleViolation;
        e.reason = "rule_violation";
        return e;
    }
    const auto owed = impl_->statusEntry(entry.id, a.code, entry.edxmlDocumentId, entry.senderOrganId, entry.sender, channel);
    const std::string today = formatIsoDate(dist::edxml::ictOf(impl_->nowSeconds()).date);
    std::string conflict;
    impl_->store.transaction([&](store::Sql& sql) {
        // Checked again under the row lock: two clerks answering at once get one answer sent.
        const auto cur = ex::incoming(sql, entry.id);
        if (!cur || !(conflict = answerConflict(*cur, a.code)).empty()) return;
        if (a.code == "15" || a.code == "16") {
            const std::string note =
                a.code == "15" ? "Cơ quan gửi đã lấy lại văn bản" + std::string(a.reason.empty() ? "" : ": " + a.reason) : cur->note;
            ex::setIncomingTakeBack(sql, entry.id, a.code, note);
        } else {
            ex::setIncomingState(sql, entry.id, a.code, a.reason);
        }
        if (!a.recipientUnit.empty()) ex::handOver(sql, entry.id, a.recipientUnit, today);
        if (owed) {
            impl_->outbox->enqueueStatus(sql, *owed, bytes.value());
        } else {
            warnings.push_back(exchangeWarning("Không có địa chỉ của cơ quan gửi: trạng thái không được gửi",
                                               "the sender has no endpoint: the status is not sent", "sender"));
        }
    });
    if (!conflict.empty()) return stateConflict(conflict);
    impl_->outbox->wake();
    return incoming(who, id);
}

}  // namespace vanthu::service
