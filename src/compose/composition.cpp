// compose/composition.cpp: the out-of-line members of the Composition contract.
#include "compose/composition.h"

namespace vanthu::compose {

std::string Paragraph::text() const {
    std::string s;
    for (const auto& span : spans) s += span.text;
    return s;
}

}  // namespace vanthu::compose
