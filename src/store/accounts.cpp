// Organs and users (store/store.h): the organs' abbreviations, users and their tokens.
#include <Poco/RandomStream.h>

#include "store/store_impl.h"

namespace vanthu::store {

using detail::exec;
using detail::query;
using detail::Rows;
using detail::Session;

namespace {

std::string randomHex(std::size_t bytes) {
    Poco::RandomInputStream rnd;
    std::string raw(bytes, '\0');
    rnd.read(raw.data(), std::streamsize(bytes));
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : raw) {
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

}  // namespace

std::string_view roleName(Role r) {
    switch (r) {
    case Role::Viewer: return "viewer";
    case Role::Drafter: return "drafter";
    case Role::Signer: return "signer";
    case Role::Clerk: return "clerk";
    case Role::Admin: return "admin";
    }
    return "viewer";
}

std::optional<Role> roleFromName(std::string_view s) {
    for (Role r : {Role::Viewer, Role::Drafter, Role::Signer, Role::Clerk, Role::Admin})
        if (roleName(r) == s) return r;
    return std::nullopt;
}

Organ Store::ensureOrgan(const std::string& abbreviation, const std::string& name) {
    return detail::guarded([&] {
        {
            Impl::Tx tx(*impl_);
            exec(tx.s(), "INSERT INTO organs (abbreviation, name) VALUES ($1, $2) ON CONFLICT (abbreviation) DO UPDATE"
                         " SET name = excluded.name WHERE organs.name = organs.abbreviation",
                 {abbreviation, name});
            tx.commit();
        }
        // A placeholder name (the abbreviation, from `vanthu user add`) gives way to the real one.
        return *organByAbbreviation(abbreviation);
    });
}

std::optional<Organ> Store::organByAbbreviation(const std::string& abbreviation) const {
    return detail::guarded([&]() -> std::optional<Organ> {
        Session s = impl_->read();
        const Rows r = query(s, "SELECT id, abbreviation, name FROM organs WHERE abbreviation = $1", {abbreviation});
        if (r.empty()) return std::nullopt;
        return Organ{r.i(0, 0), r.s(0, 1), r.s(0, 2)};
    });
}

std::optional<Organ> Store::organ(Id id) const {
    return detail::guarded([&]() -> std::optional<Organ> {
        Session s = impl_->read();
        const Rows r = query(s, "SELECT id, abbreviation, name FROM organs WHERE id = $1", {id});
        if (r.empty()) return std::nullopt;
        return Organ{r.i(0, 0), r.s(0, 1), r.s(0, 2)};
    });
}

std::string Store::addUser(const std::string& name, Role role, Id organId, bool cleared) {
    return addUser(NewUser{name, role, organId, cleared, "", ""}).value();  // no login: nothing can conflict
}

Result<std::string> Store::addUser(const NewUser& u) {
    return detail::guarded([&]() -> Result<std::string> {
        const std::string token = "vt_" + randomHex(24);
        Impl::Tx tx(*impl_);
        const detail::Params params{u.name,        std::string(roleName(u.role)), u.organId, std::int64_t(u.cleared ? 1 : 0),
                                    sha256Hex(token), u.passwordHash,                u.login};
        const std::string sql =
            "INSERT INTO users (name, role, organ_id, cleared, token_hash, password_hash, login) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        try {
            exec(tx.s(), sql, params);
        } catch (const detail::UniqueViolation&) {
            return detail::err(Errc::Conflict, "Tên đăng nhập " + u.login + " đã có người dùng", "the login " + u.login + " is taken", "login");
        }
        impl_->audit(tx, "system", "user.add",
                     0, u.name + " " + std::string(roleName(u.role)) + " organ " + std::to_string(u.organId) + (u.login.empty() ? "" : " login " + u.login));
        tx.commit();
        return token;
    });
}

std::optional<User> Store::authenticate(const std::string& token) const {
    if (token.empty() || token.size() > 200) return std::nullopt;
    return detail::guarded([&]() -> std::optional<User> {
        Session s = impl_->read();
        const Rows r = query(s, "SELECT id, name, role, organ_id, cleared FROM users WHERE token_hash = $1 AND disabled = 0", {sha256Hex(token)});
        if (r.empty()) return std::nullopt;
        User u;
        u.id = r.i(0, 0);
        u.name = r.s(0, 1);
        u.role = roleFromName(r.s(0, 2)).value_or(Role::Viewer);
        u.organId = r.i(0, 3);
        u.cleared = r.i(0, 4) != 0;
        return u;
    });
}

}  // namespace vanthu::store
