#include "store/bytes_codec.h"

namespace vanthu::store::detail {

}  // namespace vanthu::store::detail
