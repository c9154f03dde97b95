// store/sql.h: a narrow SQL seam for store-layer extensions (store/exchange_store.cpp) that need
// their statements inside the store's own transactions (the issue transaction writes the outbox
// rows). No Poco type appears here. Not for request handling: servers call typed store functions.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace vanthu::store {

enum class Backend;

using SqlValue = std::variant<std::int64_t, std::string>;

// Result rows as text ("" for NULL); i() converts.
struct SqlRows {
    std::vector<std::vector<std::string>> rows;
    bool empty() const { return rows.empty(); }
    std::size_t size() const { return rows.size(); }
    const std::string& s(std::size_t r, std::size_t c) const { return rows.at(r).at(c); }
    std::int64_t i(std::size_t r, std::size_t c) const {
        const auto& v = rows.at(r).at(c);
        return v.empty() ? 0 : std::stoll(v);
    }
};

// One open transaction (or read session). Statements use $1…$n placeholders on both back ends.
class Sql {
public:
    virtual ~Sql() = default;
    virtual void exec(const std::string& sql, const std::vector<SqlValue>& params = {}) = 0;
    virtual SqlRows query(const std::string& sql, const std::vector<SqlValue>& params = {}) = 0;
    virtual Backend backend() const = 0;
    // " FOR UPDATE" on PostgreSQL inside a transaction; "" on SQLite (BEGIN IMMEDIATE holds the lock).
    virtual std::string forUpdate() const = 0;
};

}  // namespace vanthu::store
