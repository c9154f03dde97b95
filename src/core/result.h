// core/result.h: Result<T> holds a value or the list of errors that prevented it.
// (std::expected is C++23; this is the small subset we need.)
#pragma once

#include <utility>
#include <variant>

#include "core/error.h"

namespace vanthu {

template <class T>
class Result {
public:
    Result(T v) : v_(std::move(v)) {}
    Result(Error e) : v_(Errors{std::move(e)}) {}
    Result(Errors e) : v_(std::move(e)) {}  // REQUIRES: !e.empty()

    bool ok() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }
    T& value() { return std::get<0>(v_); }
    const T& value() const { return std::get<0>(v_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Errors& errors() const { return std::get<1>(v_); }
    const Error& error() const { return errors().front(); }

private:
    std::variant<T, Errors> v_;
};

}  // namespace vanthu
