// distribution/crypto.h: the digests and base64 live in core/digest.h now. These names stay
// only for src/server/axis_transport.cpp, which includes this header; include core/digest.h.
#pragma once

#include "core/digest.h"

namespace vanthu::distribution {

using vanthu::Base64Error;
using vanthu::base64Decode;
using vanthu::base64Encode;
using vanthu::constantTimeEqual;
using vanthu::hexLower;
using vanthu::hmacSha256;
using vanthu::sha256;

}  // namespace vanthu::distribution
