// store/exchange_store.h: the tables of document exchange (issue 5): the outbox (one delivery row
// per document and recipient agency, or per status package we owe a sender), its events (each
// state with its time), the inbox (every received package, kept for inspection, accepted or not)
// and the incoming register (Sổ đăng ký văn bản đến, decree-30-2020.md §6: số đến sequential per
// organ and calendar year).
//
// Plain rows and SQL only: the rules (delivery states, edXML) live in distribution/, which calls
// these functions inside Store::transaction / Store::read (store/sql.h), so a state change and its
// event commit together. States are stored as distribution::stateName() text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"
#include "store/store.h"

namespace vanthu::store {

// The DDL of migration 2 (same tables on both back ends).
std::vector<std::string> exchangeSchema(Backend b);
// Migration 3: the take-back column of the incoming register; an index for claimDue's ordering.
std::vector<std::string> incomingTakeBackSchema();
// Migration 4: what the inbox keeps of a package refused unread (headers, a prefix of the body).
std::vector<std::string> inboxUnreadSchema();

struct OutboxEntry {
    std::string kind = "edoc";     // "edoc" | "status"
    Id documentId = 0;             // edoc: our document
    Id incomingId = 0;             // status: the incoming entry it reports on
    std::string code;              // status: "03", "02" …
    std::string edxmlDocumentId;   // edXML DocumentId (ours for edoc; the sender's for status)
    std::string recipientOrganId, recipientKey, recipientName;
    std::string transport, url, link;
    std::string packageSha;        // status: the package (artifacts); edoc: "" (built by the worker)
};

struct DeliveryRow {
    Id id = 0;
    std::string kind, code;
    Id documentId = 0, incomingId = 0;
    std::string edxmlDocumentId, recipientOrganId, recipientKey, recipientName, transport, url, link, packageSha;
    std::string state, takeBack;
    int attempts = 0;
    std::int64_t nextAtMs = 0;
    std::string lastError, remoteId, createdAt, updatedAt;
};

struct DeliveryEvent {
    std::string at, state, detail;
};

// packageSha: the SHA-256 of the body as it arrived. Its bytes are in the artifacts table only when
// the sender was authenticated; a package refused before that keeps `headers` (as received) and
// `bodyPrefix` (its first bytes), both escaped to printable ASCII, instead.
struct InboxRow {
    Id id = 0;
    std::string receivedAt, link, senderOrganId, kind, edxmlDocumentId, outcome, reason, packageSha;
    std::int64_t size = 0;
    std::string headers, bodyPrefix;
};

// One line of the incoming register, with its 10 columns (decree-30-2020.md §6).
struct IncomingEntry {
    Id id = 0;
    Id organId = 0;
    int year = 0;
    int number = 0;                // số đến
    std::string receivedAt;        // 1 Ngày đến (ISO instant; the column prints the date)
    std::string sender;            // 3 Tác giả (the sending agency's name)
    std::string code;              // 4 Số, ký hiệu
    std::string documentDate;      // 5 Ngày tháng văn bản (YYYY-MM-DD)
    std::string typeAndSubject;    // 6 Tên loại và trích yếu
    std::string recipientUnit;     // 7 Đơn vị hoặc người nhận
    std::string handedAt;          // 8 Ngày chuyển
    std::string note;              // 10 Ghi chú
    std::string senderOrganId, edxmlDocumentId, state = "received", reason;
    Id inboxId = 0;
    std::string takeBack;          // "" | "requested" (the sender's 13) | "15" agreed | "16" refused
};

struct IncomingFile {
    int index = 0;
    std::string name, mime, contentId, sha256;
};

namespace exchange {

// Bytes stored once per SHA-256 (the artifacts table); returns the hex digest.
std::string putBytes(Sql& sql, const std::string& mediaType, const std::string& bytes);
// The same in two steps: prepare (digest and encoding, no database) outside the write
// transaction, so concurrent receivers do not hash and encode while holding the writer lock.
struct PreparedBytes {
    std::string sha256, mediaType, encoded;
    std::int64_t size = 0;
};
PreparedBytes prepareBytes(const std::string& mediaType, const std::string& bytes);
std::string putPrepared(Sql& sql, const PreparedBytes& p);
std::optional<std::string> bytes(Sql& sql, const std::string& sha256);

// Outbox. enqueue is idempotent (a second row for the same document and recipient, or the same
// status, is not created); returns true when a row was created.
bool enqueue(Sql& sql, const OutboxEntry& e, std::int64_t nowMs, const std::string& at);
// Rows due at nowMs in state "queued", oldest first; each is leased (next_at moved to
// nowMs + leaseMs) in the same transaction, so two workers never hold one row and a worker
// killed mid-send leaves it due again after the lease. A status about an incoming document is
// not due while an earlier status about it to the same recipient is still queued (in order).
std::vector<DeliveryRow> claimDue(Sql& sql, std::int64_t nowMs, int limit, std::int64_t leaseMs);
std::optional<DeliveryRow> delivery(Sql& sql, Id id);
std::optional<DeliveryRow> deliveryFor(Sql& sql, const std::string& edxmlDocumentId, const std::string& recipientOrganId);
std::vector<DeliveryRow> deliveriesOf(Sql& sql, Id documentId);           // the edoc rows
std::vector<DeliveryRow> takeBackDeliveriesOf(Sql& sql, Id documentId);   // the 13s sent about it
// edoc deliveries created before `beforeIso` whose state is not yet an acknowledgement (01 or later).
std::vector<DeliveryRow> unacknowledged(Sql& sql, const std::string& beforeIso);
void save(Sql& sql, const DeliveryRow& row, const std::string& at);
void addEvent(Sql& sql, Id deliveryId, const DeliveryEvent& e);
std::vector<DeliveryEvent> events(Sql& sql, Id deliveryId);

// Inbox and incoming register.
Id recordInbox(Sql& sql, const InboxRow& row);
void setInboxOutcome(Sql& sql, Id inboxId, const std::string& outcome, const std::string& reason);
std::vector<InboxRow> inbox(Sql& sql);
std::optional<InboxRow> inboxRow(Sql& sql, Id id);
std::optional<IncomingEntry> incomingFor(Sql& sql, const std::string& edxmlDocumentId, const std::string& senderOrganId);
std::optional<IncomingEntry> incoming(Sql& sql, Id id);
// Numbers the entry (next số đến of its organ and year) and stores it with its files; the caller
// has checked incomingFor() in the same transaction.
IncomingEntry registerIncoming(Sql& sql, IncomingEntry entry, const std::vector<IncomingFile>& files);
void setIncomingState(Sql& sql, Id id, const std::string& state, const std::string& reason);
// Columns 7 and 8: the unit or person it was handed to, and the date (YYYY-MM-DD).
void handOver(Sql& sql, Id id, const std::string& unit, const std::string& date);
// The sender's take-back (13) and our answer; `note` is column 10 (Ghi chú).
void setIncomingTakeBack(Sql& sql, Id id, const std::string& takeBack, const std::string& note);
std::vector<IncomingEntry> incomingEntries(Sql& sql, Id organId, int year);
std::vector<IncomingFile> incomingFiles(Sql& sql, Id incomingId);

}  // namespace exchange

// The 10 columns of the incoming register, headings of decree-30-2020.md §6, as the rows of a
// compose::RegisterSheet (its printed book and its CSV, compose::registerSheetCsv).
std::vector<std::string> incomingCells(const IncomingEntry& e);  // one row, the columns of incomingHeadings()
const std::vector<std::string>& incomingHeadings();

}  // namespace vanthu::store
