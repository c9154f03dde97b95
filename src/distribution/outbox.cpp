#include "distribution/outbox.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <random>

#include "core/iso_date.h"
#include "distribution/organ_id.h"

namespace vanthu::distribution {
namespace {

DeliveryState stateFromName(const std::string& s) {
    for (auto st : {DeliveryState::Queued, DeliveryState::Sent, DeliveryState::Arrived, DeliveryState::Refused,
                    DeliveryState::Accepted, DeliveryState::Assigned, DeliveryState::InProgress, DeliveryState::Done,
                    DeliveryState::Dead})
        if (stateName(st) == s) return st;
    return DeliveryState::Queued;
}

std::string_view takeBackName(TakeBack t) {
    switch (t) {
    case TakeBack::None: return "none";
    case TakeBack::Requested: return "13";
    case TakeBack::Agreed: return "15";
    case TakeBack::Refused: return "16";
    }
    return "none";
}

TakeBack takeBackFromName(const std::string& s) {
    if (s == "13") return TakeBack::Requested;
    if (s == "15") return TakeBack::Agreed;
    if (s == "16") return TakeBack::Refused;
    return TakeBack::None;
}

DeliveryStatus statusOf(const store::DeliveryRow& r) { return {stateFromName(r.state), takeBackFromName(r.takeBack)}; }

void setStatus(store::DeliveryRow& r, const DeliveryStatus& s) {
    r.state = std::string(stateName(s.state));
    r.takeBack = std::string(takeBackName(s.takeBack));
}

double defaultJitter() {
    thread_local std::mt19937_64 gen{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}

}  // namespace

std::string isoMs(std::int64_t ms) {
    using namespace std::chrono;
    const sys_time<milliseconds> t{milliseconds(ms)};
    const auto days = floor<std::chrono::days>(t);
    const year_month_day ymd{days};
    const hh_mm_ss hms{t - days};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()),
                  int(hms.subseconds().count()));
    return buf;
}

Planned plan(const Resolution& resolution, const AgencyDirectory& directory) {
    Planned out;
    for (const auto& t : resolution.agencies) {
        const Agency* a = directory.agency(t.key);
        if (!a || !isStrictOrganId(a->organId)) {
            out.undeliverable.push_back(t);
            continue;
        }
        if (a->endpoint.empty()) {
            out.noEndpoint.push_back(t);
            continue;
        }
        store::OutboxEntry e;
        e.kind = "edoc";
        e.recipientOrganId = a->organId;
        e.recipientKey = a->key;
        e.recipientName = a->name;
        e.transport = a->endpoint.transport;
        e.url = a->endpoint.url;
        e.link = a->endpoint.link;
        out.entries.push_back(std::move(e));
    }
    return out;
}

Outbox::Outbox(store::Store& store, std::map<std::string, std::shared_ptr<Transport>> transports, PackageSource source,
               OutboxOptions options)
    : store_(store), transports_(std::move(transports)), source_(std::move(source)), options_(std::move(options)) {
    if (!options_.jitter) options_.jitter = defaultJitter;
    if (!options_.nowMs)
        options_.nowMs = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        };
}

Outbox::~Outbox() { stop(); }

std::int64_t Outbox::now() const { return options_.nowMs(); }

void Outbox::enqueueFor(store::Sql& sql, const store::DocumentRecord& issued, const std::string& fromOrganId,
                        const std::vector<store::OutboxEntry>& entries, std::int64_t nowMs) {
    const auto d = parseIsoDateSyntax(issued.issueDate);
    if (!d) throw Failure(Errc::Internal, "issued document without a YYYY-MM-DD issue date: '" + issued.issueDate + "'");
    const auto slash = issued.code.find('/');
    edxml::Code code{issued.code.substr(0, slash), slash == std::string::npos ? "" : issued.code.substr(slash + 1)};
    const std::string docId = edxml::compositeDocumentId(fromOrganId, *d, code);
    for (auto e : entries) {
        e.documentId = issued.id;
        e.edxmlDocumentId = docId;
        store::exchange::enqueue(sql, e, nowMs, isoMs(nowMs));
    }
}

void Outbox::enqueueStatus(store::Sql& sql, store::OutboxEntry entry, const std::string& packageBytes) {
    entry.kind = "status";
    entry.packageSha = store::exchange::putBytes(sql, "application/xml", packageBytes);
    store::exchange::enqueue(sql, entry, now(), isoMs(now()));
}

void Outbox::start() {
    if (running_.exchange(true)) return;
    for (int i = 0; i < std::max(1, options_.workers); ++i) threads_.emplace_back([this] { worker(); });
}

void Outbox::stop() {
    if (!running_.exchange(false)) return;
    wake();
    for (auto& t : threads_) t.join();
    threads_.clear();
}

void Outbox::wake() {
    std::lock_guard<std::mutex> lock(wakeMutex_);
    wakeCv_.notify_all();
}

void Outbox::worker() {
    while (running_) {
        int n = 0;
        try {
            n = runOnce();
        } catch (const std::exception& e) {
            std::cerr << "vanthu outbox: " << e.what() << "\n";  // the database went away; try again later
        }
        if (n == 0 && running_) {
            std::unique_lock<std::mutex> lock(wakeMutex_);
            wakeCv_.wait_for(lock, options_.idle);
        }
    }
}

int Outbox::runOnce() {
    std::vector<store::DeliveryRow> rows;
    const std::int64_t t = now();
    store_.transaction([&](store::Sql& sql) { rows = store::exchange::claimDue(sql, t, options_.batch, options_.lease.count()); });
    for (auto& r : rows) attempt(std::move(r));
    return int(rows.size());
}

void Outbox::attempt(store::DeliveryRow row) {
    OutgoingPackage pkg;
    pkg.documentId = row.edxmlDocumentId;
    pkg.recipientOrganId = row.recipientOrganId;
    const auto failure = loadPackage(row, pkg);
    recordAttempt(row, failure ? *failure : send(row, pkg));
}

// A status row carries its bytes; an edoc is built once per document and stored.
std::optional<SendResult> Outbox::loadPackage(const store::DeliveryRow& row, OutgoingPackage& pkg) {
    SendResult failure;
    std::optional<std::string> b;
    if (row.kind == "status") {
        pkg.type = edxml::MessageType::Status;
        store_.read([&](store::Sql& sql) { b = store::exchange::bytes(sql, row.packageSha); });
        if (!b) failure = {SendResult::Outcome::Rejected, "", "the status package is missing from the store", ""};
    } else {
        b = edocPackage(row.documentId, failure);
    }
    if (!b) return failure;
    pkg.bytes = std::move(*b);
    return std::nullopt;
}

std::optional<std::string> Outbox::edocPackage(std::int64_t documentId, SendResult& failure) {
    if (auto stored = store_.artifact(documentId, "edxml")) return stored;
    std::lock_guard<std::mutex> lock(packageMutex_);
    if (auto stored = store_.artifact(documentId, "edxml")) return stored;  // built meanwhile by another worker
    auto doc = store_.document(documentId);
    if (!doc.ok()) {
        failure = {SendResult::Outcome::Rejected, "", "the document is gone", ""};
        return std::nullopt;
    }
    auto built = source_(doc.value());
    if (!built.ok()) {
        failure = {SendResult::Outcome::Rejected, "", "cannot build the package: " + built.error().messageEn, ""};
        return std::nullopt;
    }
    store_.putArtifact(documentId, "edxml", "application/xml", built.value());
    return std::move(built.value());
}

SendResult Outbox::send(const store::DeliveryRow& row, const OutgoingPackage& pkg) const {
    const auto it = transports_.find(row.transport);
    if (it == transports_.end() || !it->second)
        return {SendResult::Outcome::RetryLater, "", "no transport '" + row.transport + "' configured", ""};
    Agency to;
    to.key = row.recipientKey;
    to.organId = row.recipientOrganId;
    to.name = row.recipientName;
    to.endpoint = {row.transport, row.url, row.link};
    return it->second->send(to, pkg);
}

void Outbox::recordAttempt(const store::DeliveryRow& row, const SendResult& res) {
    // A delivered edoc comes back with the receiver's first status (01, or 02 with a reason).
    std::optional<edxml::Status> answer;
    if (res.outcome == SendResult::Outcome::Delivered && row.kind == "edoc" && !res.reply.empty()) {
        auto st = edxml::readStatus(res.reply);
        if (st.ok()) answer = st.value().package;
    }
    const std::int64_t t = now();
    const std::string at = isoMs(t);
    store_.transaction([&](store::Sql& sql) {
        auto cur = store::exchange::delivery(sql, row.id);
        if (!cur) return;
        store::DeliveryRow d = *cur;
        DeliveryStatus s = statusOf(d);
        // Stopped while this attempt was in flight (a recall): a failed attempt keeps the row's
        // reason ("recalled before it was sent") instead of writing its own over it.
        const bool stopped = s.state == DeliveryState::Dead;
        d.attempts += 1;
        d.remoteId = res.remoteId.empty() ? d.remoteId : res.remoteId;
        if (res.outcome == SendResult::Outcome::Delivered) {
            if (markSent(s) == Transition::Applied) store::exchange::addEvent(sql, d.id, {at, "sent", "attempt " + std::to_string(d.attempts)});
            d.lastError.clear();
            if (answer && answer->responseFor.documentId == d.edxmlDocumentId &&
                distribution::applyStatus(s, answer->statusCode) == Transition::Applied)
                store::exchange::addEvent(sql, d.id, {at, answer->statusCode, answer->description});
        } else if (stopped) {
            // nothing to schedule: the row stays dead with its reason
        } else if (res.outcome == SendResult::Outcome::Rejected || d.attempts >= options_.policy.maxAttempts) {
            d.lastError = res.error;
            if (s.state == DeliveryState::Queued && markDead(s) == Transition::Applied)
                store::exchange::addEvent(sql, d.id, {at, "dead", res.error});
        } else {
            d.lastError = res.error;
            d.nextAtMs = t + backoff(d.attempts, options_.policy, options_.jitter()).count();
        }
        setStatus(d, s);
        store::exchange::save(sql, d, at);
    });
}

Result<Transition> Outbox::applyStatus(const edxml::Status& status, const std::string& detail) {
    Result<Transition> out = Transition::Unknown;
    const std::string at = isoMs(now());
    store_.transaction([&](store::Sql& sql) {
        auto cur = store::exchange::deliveryFor(sql, status.responseFor.documentId, status.from.organId);
        if (!cur) {
            out = Errors{Error::notFound("/edXML/edXMLEnvelope/From/OrganId",
                                         "Không có lần gửi nào khớp với trạng thái này",
                                         "no delivery matches this status (DocumentId + sender)")};
            return;
        }
        store::DeliveryRow d = *cur;
        DeliveryStatus s = statusOf(d);
        const Transition tr = distribution::applyStatus(s, status.statusCode);
        if (tr == Transition::Applied) {
            setStatus(d, s);
            store::exchange::save(sql, d, at);
            store::exchange::addEvent(sql, d.id, {at, status.statusCode, detail.empty() ? status.description : detail});
        }
        out = tr;
    });
    return out;
}

Outbox::TakeBackCounts Outbox::takeBackIn(store::Sql& sql, store::Id documentId, const std::string& statusBytes,
                                           const std::string& reason, std::int64_t nowMs) {
    TakeBackCounts out;
    const std::string at = isoMs(nowMs);
    for (auto d : store::exchange::deliveriesOf(sql, documentId)) {
        DeliveryStatus s = statusOf(d);
        if (s.state == DeliveryState::Queued) {  // never reached the recipient: stop sending it
            if (markDead(s) != Transition::Applied) continue;
            d.lastError = "recalled before it was sent";
            setStatus(d, s);
            store::exchange::save(sql, d, at);
            store::exchange::addEvent(sql, d.id, {at, "dead", d.lastError});
            ++out.stopped;
            continue;
        }
        if (s.state == DeliveryState::Dead || statusBytes.empty()) continue;
        if (distribution::applyStatus(s, "13") != Transition::Applied) continue;  // asked already, or decided
        setStatus(d, s);
        store::exchange::save(sql, d, at);
        store::exchange::addEvent(sql, d.id, {at, "13", reason});
        store::OutboxEntry e;
        e.kind = "status";
        e.documentId = documentId;
        e.code = "13";
        e.edxmlDocumentId = d.edxmlDocumentId;
        e.recipientOrganId = d.recipientOrganId;
        e.recipientKey = d.recipientKey;
        e.recipientName = d.recipientName;
        e.transport = d.transport;
        e.url = d.url;
        e.link = d.link;
        e.packageSha = store::exchange::putBytes(sql, "application/xml", statusBytes);
        store::exchange::enqueue(sql, e, nowMs, at);
        ++out.asked;
    }
    return out;
}

Outbox::TakeBackCounts Outbox::takeBack(store::Id documentId, const std::string& statusBytes, const std::string& reason) {
    TakeBackCounts out;
    const std::int64_t t = now();
    store_.transaction([&](store::Sql& sql) { out = takeBackIn(sql, documentId, statusBytes, reason, t); });
    wake();
    return out;
}

Result<store::DeliveryRow> Outbox::retry(store::Id deliveryId, const std::string& actor) {
    Result<store::DeliveryRow> out = Errors{Error::notFound("id", "Không có lần gửi này", "no such delivery")};
    const std::int64_t t = now();
    store_.transaction([&](store::Sql& sql) {
        auto cur = store::exchange::delivery(sql, deliveryId);
        if (!cur) return;
        store::DeliveryRow d = *cur;
        DeliveryStatus s = statusOf(d);
        if (distribution::retry(s) != Transition::Applied) {
            out = Errors{Error::conflict("state", "Chỉ gửi lại được khi đã ngừng gửi (dead)",
                                         "only a dead delivery can be retried")};
            return;
        }
        setStatus(d, s);
        d.attempts = 0;
        d.nextAtMs = t;
        store::exchange::save(sql, d, isoMs(t));
        store::exchange::addEvent(sql, d.id, {isoMs(t), "queued", "retry by " + actor});
        out = d;
    });
    if (out.ok()) wake();
    return out;
}

}  // namespace vanthu::distribution
