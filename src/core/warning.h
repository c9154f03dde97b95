// core/warning.h: a recoverable oddity worth telling the clerk (a guess the importer made, a
// non-strict organ id, a document without a signer). Not an Error: it has no code and never
// blocks; STYLE.md §5's third channel, as qpdf keeps warnings apart from its exceptions.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace vanthu {

struct Warning {
    std::string messageVi;
    std::string messageEn;
    std::string field;
    int line = 0;
    int column = 0;

    // "LINE:COL: field: message_en (message_vi)", as Error::describe().
    std::string describe() const;

    static Warning at(Location where, std::string vi, std::string en) {
        return Warning{std::move(vi), std::move(en), std::move(where.field), where.line, where.column};
    }
    bool operator==(const Warning&) const = default;
};

using Warnings = std::vector<Warning>;

}  // namespace vanthu
