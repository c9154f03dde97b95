// server/json_views.h (private to server/): the JSON shapes of the API's resources, one function
// per resource, so every route that shows a document (or a register, a delivery …) shows it alike.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <vector>

#include "core/warning.h"
#include "service/exchange.h"
#include "store/store.h"

namespace vanthu::server {

Poco::JSON::Object::Ptr documentJson(const store::DocumentRecord& d, const std::vector<store::Relation>& relations);
Poco::JSON::Array::Ptr warningsJson(const Warnings& warnings);
Poco::JSON::Object::Ptr registerJson(const store::Register& r);
Poco::JSON::Object::Ptr deliveryJson(const service::DeliveryView& d);
// `withFiles`: the entry's files and the warnings the inbox kept when it registered the package.
Poco::JSON::Object::Ptr incomingJson(const service::IncomingView& v, bool withFiles);
Poco::JSON::Object::Ptr inboxRowJson(const store::InboxRow& r);

}  // namespace vanthu::server
