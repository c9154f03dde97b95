// service/context.h: what every use-case works with — the store, the document exchange (when
// the instance has one) and the limits of one deployment.
//
// A use-case (service/*.h) is a plain function over a Context, the acting user and values. It
// checks role, organ and clearance itself (service/access.h), works in store transactions, and
// returns a Result whose errors carry a code (Forbidden, NotFound, Conflict …), a machine reason
// ("forbidden_organ") and messages in Vietnamese and English. It knows no HTTP.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "render/render_budget.h"
#include "store/store.h"

namespace vanthu::service {

class Exchange;    // service/exchange.h
class RenderGate;  // service/render_gate.h
}  // namespace vanthu::service

namespace vanthu::render {
class DocumentRenderer;  // render/renderer.h
}  // namespace vanthu::render

namespace vanthu::service {

struct Context {
    store::Store& store;
    Exchange* exchange = nullptr;               // null: this instance sends and receives nothing
    std::size_t maxDocumentBytes = 4 * 1024 * 1024;
    std::function<void()> onIssued{};  // metrics: called after each issue commits
    std::shared_ptr<const render::DocumentRenderer> renderer{};  // DOCX and PDF (service/files.h)
    render::RenderLimits renderLimits{};  // a document beyond them is refused when stored and when rendered
    std::shared_ptr<RenderGate> renderGate{};  // renders in turn, cached; null: render at once, keep nothing
};

// How the audit log names the actor: "Chị Lan #3".
std::string actorLabel(const store::User& user);

}  // namespace vanthu::service
