#include "service/accounts.h"

#include <argon2.h>
#include <sys/random.h>

#include <semaphore>

#include "core/digest.h"
#include "core/error.h"
#include "core/utf8.h"
#include "service/access.h"
#include "text/unicode.h"

namespace vanthu::service {

namespace {

// OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane): about 30 ms a sign-in on one core.
constexpr std::uint32_t kMemoryKiB = 19456;
constexpr std::uint32_t kPasses = 2;
constexpr std::uint32_t kLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::size_t kMaxPasswordBytes = 1024;

// Each Argon2 call takes kMemoryKiB: at most kConcurrentHashes at once, so a burst of sign-ins
// waits instead of taking 19 MiB per server thread.
constexpr std::ptrdiff_t kConcurrentHashes = 4;
std::counting_semaphore<kConcurrentHashes>& hashGate() {
    static std::counting_semaphore<kConcurrentHashes> gate(kConcurrentHashes);
    return gate;
}
struct HashSlot {
    HashSlot() { hashGate().acquire(); }
    ~HashSlot() { hashGate().release(); }
    HashSlot(const HashSlot&) = delete;
    HashSlot& operator=(const HashSlot&) = delete;
};

// The same password typed on another keyboard may come composed or decomposed (NFD from macOS):
// both hash as NFC. Bytes that are not UTF-8 are hashed as they are.
std::string normalized(const std::string& password) { return isValidUtf8(password) ? text::nfc(password) : password; }

std::string randomBytes(std::size_t n) {
    std::string out(n, '\0');
    std::size_t got = 0;
    while (got < n) {
        const ssize_t r = getrandom(out.data() + got, n - got, 0);
        if (r < 0) throw Failure(Errc::Internal, "getrandom failed");
        got += std::size_t(r);
    }
    return out;
}

Error badCredentials() {
    return refusal(Errc::Unauthorized, "bad_credentials", "Tên đăng nhập hoặc mật khẩu không đúng", "wrong login or password", "password");
}

Error locked() {
    return refusal(Errc::Forbidden, "account_locked",
                   "Tài khoản tạm khóa sau " + std::to_string(kMaxFailures) + " lần nhập sai mật khẩu; thử lại sau " +
                       std::to_string(kLockSeconds / 60) + " phút",
                   "the account is locked after " + std::to_string(kMaxFailures) + " wrong passwords; try again in " +
                       std::to_string(kLockSeconds / 60) + " minutes",
                   "login");
}

// A hash of a password nobody has, so an unknown login costs the same Argon2 work as a known one.
const std::string& decoyHash() {
    static const std::string hash = hashPassword(randomToken()).value();
    return hash;
}

}  // namespace

std::string randomToken() { return hexLower(randomBytes(32)); }

Result<std::string> hashPassword(const std::string& password) {
    if (password.size() < kMinPasswordBytes || password.size() > kMaxPasswordBytes)
        return refusal(Errc::InvalidInput, "weak_password",
                       "Mật khẩu phải dài từ " + std::to_string(kMinPasswordBytes) + " đến " + std::to_string(kMaxPasswordBytes) + " byte",
                       "the password must be " + std::to_string(kMinPasswordBytes) + " to " + std::to_string(kMaxPasswordBytes) + " bytes long",
                       "password");
    const std::string pw = normalized(password);
    const std::string salt = randomBytes(kSaltBytes);
    const std::size_t encodedLength = argon2_encodedlen(kPasses, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
    std::string encoded(encodedLength, '\0');
    HashSlot slot;
    const int rc = argon2id_hash_encoded(kPasses, kMemoryKiB, kLanes, pw.data(), pw.size(), salt.data(), salt.size(), kHashBytes,
                                         encoded.data(), encoded.size());
    if (rc != ARGON2_OK) throw Failure(Errc::Internal, std::string("argon2: ") + argon2_error_message(rc));
    encoded.resize(encoded.find('\0') == std::string::npos ? encoded.size() : encoded.find('\0'));
    return encoded;
}

bool passwordMatches(const std::string& encodedHash, const std::string& password) {
    if (encodedHash.empty() || password.size() > kMaxPasswordBytes) return false;
    const std::string pw = normalized(password);
    HashSlot slot;
    return argon2id_verify(encodedHash.c_str(), pw.data(), pw.size()) == ARGON2_OK;
}

Result<SignedIn> signIn(Context& ctx, const std::string& login, const std::string& password) {
    const auto creds = ctx.store.credentials(login);
    if (!creds || creds->passwordHash.empty() || creds->disabled) {
        (void)passwordMatches(decoyHash(), password);
        return badCredentials();
    }
    if (creds->lockedUntil > ctx.store.unixNow()) return locked();
    if (!passwordMatches(creds->passwordHash, password)) {
        if (ctx.store.recordSignInFailure(creds->user.id, kMaxFailures, kLockSeconds)) return locked();
        return badCredentials();
    }
    if (creds->failedSignIns || creds->lockedUntil) ctx.store.recordSignInSuccess(creds->user.id);
    SignedIn out{creds->user, randomToken(), randomToken()};
    ctx.store.createSession(sha256Hex(out.sessionToken), creds->user.id, out.csrf, kSessionSeconds);
    return out;
}

std::optional<store::DeskSession> sessionFor(Context& ctx, const std::string& sessionToken) {
    if (sessionToken.size() != 64) return std::nullopt;
    return ctx.store.session(sha256Hex(sessionToken));
}

Result<std::vector<store::Store::UserRow>> listUsers(Context& ctx, const store::User& who) {
    if (auto e = requireRole(who, {store::Role::Admin})) return *e;
    return ctx.store.users();
}

std::optional<Error> setUserDisabled(Context& ctx, const store::User& who, store::Id userId, bool disabled) {
    if (auto e = requireRole(who, {store::Role::Admin})) return e;
    if (disabled && userId == who.id)
        return refusal(Errc::Conflict, "self_disable", "Không tự khóa tài khoản của mình được", "an admin cannot disable themself", "id");
    bool known = false;
    for (const auto& u : ctx.store.users()) known = known || u.user.id == userId;
    if (!known) return refusal(Errc::NotFound, "not_found", "Không có người dùng này", "no such user", "id");
    ctx.store.setDisabled(userId, disabled, actorLabel(who));
    return std::nullopt;
}

void signOut(Context& ctx, const std::string& sessionToken) {
    if (!sessionToken.empty()) ctx.store.endSession(sha256Hex(sessionToken));
}

}  // namespace vanthu::service
