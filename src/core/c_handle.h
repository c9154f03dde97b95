// core/c_handle.h: one RAII alias per C handle type (STYLE.md §3).
#pragma once

#include <memory>

namespace vanthu {

template <auto Free>
struct FreeWith {
    template <class T>
    void operator()(T* p) const noexcept { if (p) Free(p); }
};

template <class T, auto Free>
using CHandle = std::unique_ptr<T, FreeWith<Free>>;

}  // namespace vanthu
