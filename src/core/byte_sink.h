// core/byte_sink.h: writers write to a sink, not to files (STYLE.md §8).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vanthu {

class ByteSink {
public:
    virtual ~ByteSink() = default;
    virtual void write(std::string_view bytes) = 0;
};

class StringSink final : public ByteSink {
public:
    std::string bytes;
    void write(std::string_view b) override { bytes.append(b); }
};

// Forwards to another sink and knows the offset of the next byte (zip and PDF xref offsets).
class CountingSink final : public ByteSink {
public:
    explicit CountingSink(ByteSink& next) : next_(next) {}
    void write(std::string_view b) override { next_.write(b); offset_ += b.size(); }
    std::uint64_t offset() const noexcept { return offset_; }

private:
    ByteSink& next_;
    std::uint64_t offset_ = 0;
};

}  // namespace vanthu
