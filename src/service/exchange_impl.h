// service/exchange_impl.h (private to service/): the state behind service::Exchange, shared by
// exchange.cpp (sending, tracking), inbox.cpp (receiving) and incoming.cpp (the clerk's answers).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "distribution/edxml.h"
#include "service/exchange.h"

namespace vanthu::service {

struct Exchange::Impl {
    store::Store& store;
    ExchangeSetup setup;
    std::unique_ptr<distribution::Outbox> outbox;

    Impl(store::Store& s, ExchangeSetup st);

    std::chrono::sys_seconds nowSeconds() const;
    model::Document modelOf(const store::DocumentRecord& d) const;  // with the register's number and date
    Result<std::string> buildPackage(const store::DocumentRecord& d);

    const distribution::Agency* ourAgencyIn(const distribution::edxml::Edoc& e) const;
    store::Id localOrgan(const distribution::Agency& a);
    std::vector<store::Id> organsFor(const store::User& user);
    std::optional<Error> requireInboxClerk(const store::User& user);

    Result<std::string> statusBytes(const distribution::edxml::Edoc& edoc, const distribution::Agency& us, const std::string& code,
                                    const std::string& why, const distribution::edxml::StaffInfo& staff = {});
    // The outbox row of a status package we owe `senderOrganId` about its document: through the axis
    // when that is how the document came, else to the sender's directory endpoint (nullopt: none).
    std::optional<store::OutboxEntry> statusEntry(store::Id incomingId, const std::string& code, const std::string& documentId,
                                                  const std::string& senderOrganId, const std::string& senderName, Channel channel);

    // inbox.cpp
    Ingested ingest(store::InboxRow row, const std::string& body, const std::string& peer, Channel channel);
    Ingested ingestStatus(store::InboxRow row, const std::string& body, const distribution::edxml::Status& st,
                          const std::string& warnings, const std::string& peer);
    Ingested ingestEdoc(store::InboxRow row, const std::string& body, const distribution::edxml::Edoc& edoc,
                        const std::string& warnings, const std::string& peer, Channel channel);
    Ingested refuseUnknownRecipient(store::InboxRow row, const std::string& body, const distribution::edxml::Edoc& edoc, Channel channel);
    void keep(store::InboxRow row, const std::string& bytes);
};

// A warning for the clerk (not an error: it does not stop anything).
Warning exchangeWarning(std::string vi, std::string en, std::string field);

}  // namespace vanthu::service
