#include "edxml_fixtures.h"

#include <stdexcept>

#include "distribution/package_builder.h"
#include "input/document_reader.h"
#include "support/test_support.h"

namespace vanthu::distribution::fixtures {

const AgencyDirectory& directory() {
    static const auto loaded = AgencyDirectory::loadFile(testing::sample("agencies.xml"));
    if (!loaded.ok()) throw std::runtime_error(loaded.error().describe());
    return loaded.value().directory;
}

std::chrono::sys_seconds sendTime() {
    using namespace std::chrono;
    return sys_days{year{2018} / 5 / 8} + hours{9} + minutes{30};
}

std::chrono::sys_seconds receiveTime() {
    using namespace std::chrono;
    return sys_days{year{2018} / 5 / 9} + hours{1};
}

edxml::Edoc edoc1020() {
    auto read = input::readDocumentFile(testing::sample("01-qd-1020-btp.xml"));
    if (!read.ok()) throw std::runtime_error(read.error().describe());
    const auto& d = directory();
    // The sample's Nơi nhận are units of the Ministry itself; Article 3 also asks the provinces to
    // cooperate, so the vector sends it to two provincial People's Committees.
    std::vector<edxml::Organization> to{organizationOf(*d.agency("ubnd-thai-nguyen"), d),
                                        organizationOf(*d.agency("ubnd-dak-nong"), d)};
    // A fixed small "PDF" and a file holding every byte value, so byte-exactness is tested.
    std::string allBytes;
    for (int b = 0; b < 256; ++b) allBytes += static_cast<char>(b);
    std::vector<AttachmentFile> files{{"1020_QD-BTP.pdf", "application/pdf", "%PDF-1.7\n% vanthu golden attachment\n%%EOF\n"},
                                      {"bytes.bin", "application/octet-stream", allBytes}};
    BuildOptions options;
    options.now = sendTime();
    options.staff = {"Văn phòng", "Văn thư", "", ""};
    options.pageAmount = 3;
    auto built = buildEdoc(read.value().document, organizationOf(*d.agency("btp"), d), std::move(to), std::move(files), options);
    if (!built.ok()) throw std::runtime_error(built.error().describe());
    return built.value();
}

edxml::Status accepted1020() {
    const auto& d = directory();
    return statusFor(edoc1020(), organizationOf(*d.agency("ubnd-thai-nguyen"), d), "03",
                     "Đã tiếp nhận và vào sổ văn bản đến", {"Văn phòng", "Văn thư", "", ""}, receiveTime());
}

std::string edoc1020Bytes() {
    auto w = edxml::writeEdoc(edoc1020(), {sendTime()});
    if (!w.ok()) throw std::runtime_error(w.error().describe());
    return w.value();
}

std::string status1020Bytes() {
    auto w = edxml::writeStatus(accepted1020(), {receiveTime()});
    if (!w.ok()) throw std::runtime_error(w.error().describe());
    return w.value();
}

}  // namespace vanthu::distribution::fixtures
