// core/narrow.h: checked integer narrowing at C API boundaries (ICU int32_t, libxml2 int, ...).
#pragma once

#include <stdexcept>
#include <utility>

namespace vanthu {

template <class To, class From>
To narrow(From v) {
    if (!std::in_range<To>(v)) throw std::range_error("narrow: value out of range");
    return static_cast<To>(v);
}

}  // namespace vanthu
