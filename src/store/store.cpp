// Store: opening (connections, migrations), the Sql seam for store extensions, the test hooks,
// and the helpers every part shares. The parts themselves: src/store/README.md.
#include "store/store.h"

#include <openssl/evp.h>

#include <cstdio>

#include "core/clock.h"
#include "store/schema.h"
#include "store/store_impl.h"

namespace vanthu::store {

using detail::exec;
using detail::query;
using detail::Rows;
using detail::Session;

Error detail::err(Errc c, std::string vi, std::string en, std::string field) {
    Error e;
    e.code = c;
    e.messageVi = std::move(vi);
    e.messageEn = std::move(en);
    e.field = std::move(field);
    return e;
}

std::string detail::dateText(const model::Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

// OpenSSL's SHA-256 (SHA-NI/AVX2 where the CPU has them) is several times faster than Poco's
// portable one; every artifact is hashed when stored and again when read back.
std::string sha256Hex(const std::string& bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1)
        throw Failure(Errc::Internal, "EVP_Digest(SHA-256) failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(std::size_t(len) * 2, '0');
    for (unsigned int i = 0; i < len; ++i) {
        out[2 * i] = kHex[md[i] >> 4];
        out[2 * i + 1] = kHex[md[i] & 15];
    }
    return out;
}

std::string Store::Impl::now() const { return isoUtc(clock()); }

void Store::Impl::migrate() {
    Session s = pool->get();
    exec(s, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    for (const auto& m : detail::migrations(backend)) {
        Tx tx(*this);
        const Rows have = query(tx.s(), "SELECT version FROM schema_migrations WHERE version = $1", {std::int64_t(m.version)});
        if (!have.empty()) {
            version = m.version;
            continue;
        }
        for (const auto& sql : m.statements) exec(tx.s(), sql);
        exec(tx.s(), "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
             {std::int64_t(m.version), m.name, now()});
        tx.commit();
        version = m.version;
    }
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const OpenOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->clock = options.clock ? options.clock : [] {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    };
    try {
        impl->connect(options.url, options.maxSessions);
        impl->migrate();
    } catch (const Poco::Exception& e) {
        throw Failure(Errc::Storage, "cannot open " + options.url + ": " + e.displayText());
    }
    return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Backend Store::backend() const { return impl_->backend; }
int Store::schemaVersion() const { return impl_->version; }

void Store::transaction(const std::function<void(Sql&)>& body) {
    detail::guarded([&] {
        Impl::Tx tx(*impl_);
        detail::SessionSql sql(tx);
        body(sql);
        tx.commit();
        return 0;
    });
}

void Store::read(const std::function<void(Sql&)>& body) const {
    detail::guarded([&] {
        Session s = impl_->read();
        detail::SessionSql sql(s, impl_->backend, false);
        body(sql);
        return 0;
    });
}

void Store::resetForTest(const std::string& url) { detail::dropEverythingForTest(url); }

void Store::executeForTest(const std::string& sql) {
    detail::guarded([&] {
        Session s = impl_->read();
        exec(s, sql);
        return 0;
    });
}

}  // namespace vanthu::store
