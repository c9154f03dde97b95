// The 1020/QĐ-BTP sample as an edoc package with a fixed small attachment, and a status answering
// it: the inputs of the golden vectors.
#pragma once

#include <chrono>
#include <string>

#include "distribution/agency_directory.h"
#include "distribution/edxml.h"

namespace vanthu::distribution::fixtures {

const AgencyDirectory& directory();
// 2018-05-08 16:30:00 ICT, the afternoon of the issue date.
std::chrono::sys_seconds sendTime();
// The next morning, 08:00 ICT, when the recipient's clerk registers it.
std::chrono::sys_seconds receiveTime();
edxml::Edoc edoc1020();
edxml::Status accepted1020();  // status 03 from UBND tỉnh Thái Nguyên
std::string edoc1020Bytes();
std::string status1020Bytes();

}  // namespace vanthu::distribution::fixtures
