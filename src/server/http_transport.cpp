#include "server/http_transport.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "distribution/edxml.h"
#include "distribution/signing.h"

namespace vanthu::server {

using distribution::Agency;
using distribution::Header;
using distribution::OutgoingPackage;
using distribution::SendResult;
using distribution::PackageSigner;
namespace edxml = distribution::edxml;

LinkTable::LinkTable(std::vector<Link> links) : links_(std::move(links)) {}

Result<LinkTable> LinkTable::parse(const std::string& text) {
    std::vector<Link> links;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream ws(line);
        Link l;
        if (!(ws >> l.name)) continue;
        std::string extra;
        if (!(ws >> l.peerOrganId >> l.secret) || (ws >> extra)) {
            Error e;
            e.code = Errc::InvalidInput;
            e.messageVi = "Dòng liên kết phải có: tên, mã định danh bên kia, khóa bí mật";
            e.messageEn = "a link line needs: name, peer organId, secret";
            e.line = n;
            return Errors{e};
        }
        links.push_back(std::move(l));
    }
    return LinkTable(std::move(links));
}

Result<LinkTable> LinkTable::loadFile(const std::filesystem::path& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        Error e;
        e.code = Errc::NotFound;
        e.messageVi = "Không đọc được tệp liên kết " + path.string();
        e.messageEn = "cannot read the links file " + path.string();
        return Errors{e};
    }
    std::ostringstream os;
    os << f.rdbuf();
    return parse(os.str());
}

const Link* LinkTable::byName(const std::string& name) const {
    for (const auto& l : links_)
        if (l.name == name) return &l;
    return nullptr;
}

const Link* LinkTable::byPeer(const std::string& organId) const {
    for (const auto& l : links_)
        if (l.peerOrganId == organId) return &l;
    return nullptr;
}

LinkSource::LinkSource(LinkTable fixed) : table_(std::make_shared<const LinkTable>(std::move(fixed))) {}

Result<std::shared_ptr<LinkSource>> LinkSource::watch(const std::filesystem::path& path) {
    std::error_code ec;
    const auto modified = std::filesystem::last_write_time(path, ec);
    auto loaded = LinkTable::loadFile(path);
    if (!loaded.ok()) return loaded.errors();
    std::shared_ptr<LinkSource> s(new LinkSource());
    s->path_ = path;
    s->table_ = std::make_shared<const LinkTable>(std::move(loaded.value()));
    s->modified_ = modified;
    s->lookedAt_ = std::chrono::steady_clock::now();
    return s;
}

std::shared_ptr<const LinkTable> LinkSource::current() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (path_.empty()) return table_;
    const auto now = std::chrono::steady_clock::now();
    if (now - lookedAt_ < std::chrono::seconds(1)) return table_;
    lookedAt_ = now;
    std::error_code ec;
    const auto modified = std::filesystem::last_write_time(path_, ec);
    if (ec || modified == modified_) return table_;
    auto loaded = LinkTable::loadFile(path_);
    if (!loaded.ok()) {
        std::cerr << "vanthu: links file " << path_.string() << " does not read (" << loaded.error().describe()
                  << "); the previous links stay in force\n";
        return table_;
    }
    modified_ = modified;
    table_ = std::make_shared<const LinkTable>(std::move(loaded.value()));
    return table_;
}

HttpTransport::HttpTransport(std::string selfOrganId, std::shared_ptr<LinkSource> links, std::chrono::milliseconds timeout)
    : self_(std::move(selfOrganId)), links_(std::move(links)), timeout_(timeout) {}

HttpTransport::HttpTransport(std::string selfOrganId, std::shared_ptr<const LinkTable> links, std::chrono::milliseconds timeout)
    : HttpTransport(std::move(selfOrganId), std::make_shared<LinkSource>(links ? *links : LinkTable()), timeout) {}

namespace {
// One keep-alive session per worker thread and host:port.
Poco::Net::HTTPClientSession& sessionFor(const Poco::URI& uri, std::chrono::milliseconds timeout) {
    thread_local std::map<std::string, std::unique_ptr<Poco::Net::HTTPClientSession>> sessions;
    const std::string key = uri.getHost() + ":" + std::to_string(uri.getPort());
    auto& s = sessions[key];
    if (!s) {
        s = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        s->setKeepAlive(true);
        s->setTimeout(Poco::Timespan(std::int64_t(timeout.count()) * 1000));
    }
    return *s;
}
// A 200 is a delivery only when it carries the receiving vanthu's answer: a status package (01,
// or 02 with a reason) for a document, the JSON acknowledgement {"status": …} for a status. A
// proxy's error page, an empty or a cut-off body is no proof of receipt: the attempt is retried
// (the receiver deduplicates, so a package that did arrive is registered once). Why not, or "".
std::string unusableAnswer(const OutgoingPackage& package, const std::string& body) {
    if (package.type == edxml::MessageType::Edoc) {
        if (edxml::readStatus(body).ok()) return "";
        return "the receiver answered 200 without a status package (" + std::to_string(body.size()) + " bytes)";
    }
    try {
        const auto v = Poco::JSON::Parser().parse(body);
        const auto o = v.extract<Poco::JSON::Object::Ptr>();
        if (o && o->has("status")) return "";
    } catch (const Poco::Exception&) {
    } catch (const std::exception&) {  // Poco's BadCastException path and std::bad_cast
    }
    return "the receiver answered 200 without an acknowledgement (" + std::to_string(body.size()) + " bytes)";
}

void dropSession(const Poco::URI& uri) {
    // A failed exchange leaves the connection in an unknown state: reconnect next time.
    sessionFor(uri, std::chrono::milliseconds(0)).reset();
}
}  // namespace

SendResult HttpTransport::send(const Agency& recipient, const OutgoingPackage& package) {
    SendResult out;
    const auto table = links_->current();
    const Link* link = table->byName(recipient.endpoint.link);
    if (!link) {
        out.outcome = SendResult::Outcome::RetryLater;  // configuration may be fixed; the retry policy ends it
        out.error = "no secret configured for link '" + recipient.endpoint.link + "'";
        return out;
    }
    Poco::URI uri;
    try {
        uri = Poco::URI(recipient.endpoint.url);
    } catch (const Poco::Exception& e) {
        out.outcome = SendResult::Outcome::Rejected;
        out.error = "bad endpoint url: " + e.displayText();
        return out;
    }
    try {
        auto& session = sessionFor(uri, timeout_);
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
        req.setKeepAlive(true);
        req.setContentType("application/xml");
        req.setContentLength64(Poco::Int64(package.bytes.size()));
        req.set(std::string(kSenderHeader), self_);
        req.set(std::string(PackageSigner::kHeader), PackageSigner(link->secret).sign(package.bytes));
        std::ostream& os = session.sendRequest(req);
        os.write(package.bytes.data(), std::streamsize(package.bytes.size()));
        Poco::Net::HTTPResponse res;
        std::istream& is = session.receiveResponse(res);
        std::string body(std::istreambuf_iterator<char>(is), {});
        if (!res.getKeepAlive()) dropSession(uri);
        const int st = int(res.getStatus());
        if (st == 200) {
            if (auto why = unusableAnswer(package, body); !why.empty()) {
                dropSession(uri);
                out.outcome = SendResult::Outcome::RetryLater;
                out.error = std::move(why);
                return out;
            }
            out.outcome = SendResult::Outcome::Delivered;
            out.reply = std::move(body);
            return out;
        }
        out.outcome = (st == 408 || st == 429 || st >= 500) ? SendResult::Outcome::RetryLater : SendResult::Outcome::Rejected;
        out.error = "HTTP " + std::to_string(st) + ": " + body.substr(0, 300);
    } catch (const Poco::Exception& e) {
        dropSession(uri);
        out.outcome = SendResult::Outcome::RetryLater;
        out.error = e.displayText();
    } catch (const std::exception& e) {
        dropSession(uri);
        out.outcome = SendResult::Outcome::RetryLater;
        out.error = e.what();
    }
    return out;
}

}  // namespace vanthu::server
