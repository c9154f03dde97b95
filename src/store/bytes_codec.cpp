#include "store/bytes_codec.h"

#include <iterator>
#include <sstream>

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>

namespace vanthu::store::detail {

std::string base64(const std::string& bytes) {
    std::ostringstream os;
    Poco::Base64Encoder enc(os);
    enc.rdbuf()->setLineLength(0);
    enc << bytes;
    enc.close();
    return os.str();
}

std::string unbase64(const std::string& text) {
    std::istringstream is(text);
    Poco::Base64Decoder dec(is);
    return std::string(std::istreambuf_iterator<char>(dec), {});
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace vanthu::store::detail
