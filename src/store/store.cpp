// Store: opening (connections, migrations), the Sql seam for store extensions, the test hooks,
// and the helpers every part shares. The parts themselves: src/store/README.md.
#include "store/store.h"

#include "core/clock.h"
#include "core/iso_date.h"
#include "store/schema.h"
#include "store/store_impl.h"

namespace vanthu::store {

using detail::exec;
using detail::query;
using detail::Rows;
using detail::Session;

Error detail::err(Errc c, std::string vi, std::string en, std::string field) {
    return Error::make(c, std::move(field), std::move(vi), std::move(en));
}

std::string detail::dateText(const model::Date& d) { return formatIsoDate(d); }

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
        impl->connect(options.url, options.maxSessions, options.maxDatabaseBytes);
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
