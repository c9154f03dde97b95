#include "core/warning.h"

namespace vanthu {

std::string Warning::describe() const {
    return Error{Errc::InvalidInput, messageVi, messageEn, field, line, column}.describe();
}

}  // namespace vanthu
