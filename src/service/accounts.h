// service/accounts.h: signing in to the desk — passwords (Argon2id), the lock-out rule, sessions.
// API tokens (store::Store::authenticate) stay for programs; a person signs in with a login and a
// password and gets a session: a random token for the cookie (only its SHA-256 is stored) and a
// CSRF token every form of the session carries.
//
// The rule: kMaxFailures wrong passwords in a row lock the account for kLockSeconds; while it is
// locked even the right password is refused. An unknown login, a user without a password and a
// wrong password get the same answer (and cost the same Argon2 work), so the form does not tell
// which logins exist. A disabled user cannot sign in and loses their sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/context.h"

namespace vanthu::service {

inline constexpr int kMaxFailures = 5;
inline constexpr std::int64_t kLockSeconds = 15 * 60;
inline constexpr std::int64_t kSessionSeconds = 8 * 3600;  // one working day
inline constexpr std::size_t kMinPasswordBytes = 10;

// An Argon2id encoded hash ("$argon2id$v=19$m=19456,t=2,p=1$…") with a fresh random salt.
// InvalidInput when the password is shorter than kMinPasswordBytes or longer than 1024 bytes.
Result<std::string> hashPassword(const std::string& password);
bool passwordMatches(const std::string& encodedHash, const std::string& password);

struct SignedIn {
    store::User user;
    std::string sessionToken;  // for the cookie; shown to nobody else
    std::string csrf;
};

// Unauthorized (reason "bad_credentials") or Forbidden ("account_locked").
Result<SignedIn> signIn(Context& ctx, const std::string& login, const std::string& password);
// The session behind a cookie's token, if it is still valid.
std::optional<store::DeskSession> sessionFor(Context& ctx, const std::string& sessionToken);
void signOut(Context& ctx, const std::string& sessionToken);

// Admins only (forbidden_role otherwise): every user with their login and state; disabling one
// ends their sessions and refuses their API token. An admin cannot disable themself.
Result<std::vector<store::Store::UserRow>> listUsers(Context& ctx, const store::User& who);
std::optional<Error> setUserDisabled(Context& ctx, const store::User& who, store::Id userId, bool disabled);

// 32 random bytes as hex (the kernel's getrandom): session and CSRF tokens.
std::string randomToken();

}  // namespace vanthu::service
