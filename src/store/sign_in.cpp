// Sign-in rows (store/store.h "Sign-in"): credentials by login, failed attempts and the lock,
// desk sessions. The rules are service/accounts.cpp's; the store only keeps rows and the clock.
#include "store/store_impl.h"

namespace vanthu::store {

using detail::exec;
using detail::query;
using detail::Rows;
using detail::Session;

namespace {

User userFrom(const Rows& r, std::size_t row) {
    User u;
    u.id = r.i(row, 0);
    u.name = r.s(row, 1);
    u.role = roleFromName(r.s(row, 2)).value_or(Role::Viewer);
    u.organId = r.i(row, 3);
    u.cleared = r.i(row, 4) != 0;
    return u;
}

}  // namespace

std::int64_t Store::unixNow() const { return impl_->clock().time_since_epoch().count(); }

std::optional<Credentials> Store::credentials(const std::string& login) const {
    if (login.empty() || login.size() > 200) return std::nullopt;
    return detail::guarded([&]() -> std::optional<Credentials> {
        Session s = impl_->read();
        const Rows r = query(s,
                             "SELECT id, name, role, organ_id, cleared, password_hash, failed_sign_ins, locked_until, disabled"
                             " FROM users WHERE login = $1",
                             {login});
        if (r.empty()) return std::nullopt;
        return Credentials{userFrom(r, 0), r.s(0, 5), int(r.i(0, 6)), r.i(0, 7), r.i(0, 8) != 0};
    });
}

bool Store::recordSignInFailure(Id userId, int maxFailures, std::int64_t lockSeconds) {
    return detail::guarded([&] {
        Impl::Tx tx(*impl_);
        const Rows r = query(tx.s(), "SELECT failed_sign_ins, name FROM users WHERE id = $1" + tx.forUpdate(), {userId});
        if (r.empty()) return false;
        const std::int64_t failures = r.i(0, 0) + 1;
        const bool lock = failures >= maxFailures;
        if (lock) {
            exec(tx.s(), "UPDATE users SET failed_sign_ins = 0, locked_until = $1 WHERE id = $2", {unixNow() + lockSeconds, userId});
            impl_->audit(tx, "system", "user.lock", 0, r.s(0, 1) + " #" + std::to_string(userId) + " after " + std::to_string(failures) +
                                                           " failed sign-ins");
        } else {
            exec(tx.s(), "UPDATE users SET failed_sign_ins = $1 WHERE id = $2", {failures, userId});
        }
        tx.commit();
        return lock;
    });
}

void Store::recordSignInSuccess(Id userId) {
    detail::guarded([&] {
        Impl::Tx tx(*impl_);
        exec(tx.s(), "UPDATE users SET failed_sign_ins = 0, locked_until = 0 WHERE id = $1", {userId});
        tx.commit();
        return 0;
    });
}

void Store::createSession(const std::string& tokenHash, Id userId, const std::string& csrf, std::int64_t ttlSeconds) {
    detail::guarded([&] {
        Impl::Tx tx(*impl_);
        const std::int64_t now = unixNow();
        exec(tx.s(), "DELETE FROM desk_sessions WHERE expires_at < $1", {now});  // expired ones go as new ones come
        exec(tx.s(), "INSERT INTO desk_sessions (token_hash, user_id, csrf, expires_at) VALUES ($1, $2, $3, $4)",
             {tokenHash, userId, csrf, now + ttlSeconds});
        tx.commit();
        return 0;
    });
}

std::optional<DeskSession> Store::session(const std::string& tokenHash) const {
    return detail::guarded([&]() -> std::optional<DeskSession> {
        Session s = impl_->read();
        const Rows r = query(s,
                             "SELECT u.id, u.name, u.role, u.organ_id, u.cleared, k.csrf FROM desk_sessions k JOIN users u ON u.id = k.user_id"
                             " WHERE k.token_hash = $1 AND k.expires_at > $2 AND u.disabled = 0",
                             {tokenHash, unixNow()});
        if (r.empty()) return std::nullopt;
        return DeskSession{userFrom(r, 0), r.s(0, 5)};
    });
}

void Store::endSession(const std::string& tokenHash) {
    detail::guarded([&] {
        Impl::Tx tx(*impl_);
        exec(tx.s(), "DELETE FROM desk_sessions WHERE token_hash = $1", {tokenHash});
        tx.commit();
        return 0;
    });
}

void Store::setDisabled(Id userId, bool disabled, const std::string& actor) {
    detail::guarded([&] {
        Impl::Tx tx(*impl_);
        exec(tx.s(), "UPDATE users SET disabled = $1 WHERE id = $2", {std::int64_t(disabled ? 1 : 0), userId});
        if (disabled) exec(tx.s(), "DELETE FROM desk_sessions WHERE user_id = $1", {userId});
        impl_->audit(tx, actor, disabled ? "user.disable" : "user.enable", 0, "#" + std::to_string(userId));
        tx.commit();
        return 0;
    });
}

std::vector<Store::UserRow> Store::users() const {
    return detail::guarded([&] {
        Session s = impl_->read();
        const Rows r = query(s,
                             "SELECT id, name, role, organ_id, cleared, login, disabled, locked_until FROM users ORDER BY id", {});
        std::vector<UserRow> out;
        const std::int64_t now = unixNow();
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(UserRow{userFrom(r, i), r.s(i, 5), r.i(i, 6) != 0, r.i(i, 7) > now});
        return out;
    });
}

bool Store::setPassword(const std::string& login, const std::string& passwordHash, const std::string& actor) {
    return detail::guarded([&] {
        Impl::Tx tx(*impl_);
        const Rows r = query(tx.s(), "SELECT id FROM users WHERE login = $1" + tx.forUpdate(), {login});
        if (r.empty()) return false;
        exec(tx.s(), "UPDATE users SET password_hash = $1, failed_sign_ins = 0, locked_until = 0 WHERE id = $2", {passwordHash, r.i(0, 0)});
        exec(tx.s(), "DELETE FROM desk_sessions WHERE user_id = $1", {r.i(0, 0)});  // a new password ends the old sessions
        impl_->audit(tx, actor, "user.password", 0, login + " #" + std::to_string(r.i(0, 0)));
        tx.commit();
        return true;
    });
}

}  // namespace vanthu::store
