// GET /openapi.json: the API described for clients (OpenAPI 3.0). Kept by hand next to the
// router in server.cpp; the server tests check that every documented path answers.
#include <string>

namespace vanthu::server {

std::string openApiJson() {
    return R"json({
  "openapi": "3.0.3",
  "info": {"title": "vanthu", "version": "1", "description": "Records office of a Vietnamese agency (Decree 30/2020): drafts, numbering registers, search. Errors are JSON {code, message_vi, message_en, field}. Authenticate with 'Authorization: Bearer <token>' (vanthu user add)."},
  "servers": [{"url": "/api/v1"}],
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "schemas": {
      "Error": {"type": "object", "required": ["code", "message_vi", "message_en", "field"], "properties": {
        "code": {"type": "string"}, "message_vi": {"type": "string"}, "message_en": {"type": "string"}, "field": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}}}},
      "Document": {"type": "object", "required": ["id", "status", "number", "code", "register"], "properties": {
        "id": {"type": "integer"}, "status": {"type": "string", "enum": ["draft", "issued", "distributed", "archived", "recalled"]},
        "type": {"type": "string"}, "number": {"type": "integer", "nullable": true}, "code": {"type": "string", "nullable": true},
        "register": {"type": "integer", "nullable": true}, "year": {"type": "integer", "nullable": true},
        "series": {"type": "string", "nullable": true}, "issue_date": {"type": "string", "nullable": true},
        "notation": {"type": "string"}, "subject": {"type": "string"}, "signer": {"type": "string"}, "issuer": {"type": "string"},
        "organ": {"type": "integer"}, "secret": {"type": "boolean"}, "legal_normative": {"type": "boolean"},
        "relations": {"type": "array", "items": {"type": "object"}}, "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/Error"}}}},
      "DocumentInput": {"type": "object", "additionalProperties": false, "required": ["xml"], "properties": {
        "xml": {"type": "string", "description": "document XML (schemas/document.xsd)"}, "register": {"type": "integer", "description": "import only"}}},
      "SearchResult": {"type": "object", "required": ["total", "items"], "properties": {
        "total": {"type": "integer"}, "page": {"type": "integer"}, "page_size": {"type": "integer"},
        "items": {"type": "array", "items": {"type": "object", "required": ["id", "code", "subject"], "properties": {
          "id": {"type": "integer"}, "code": {"type": "string", "nullable": true}, "subject": {"type": "string"},
          "type": {"type": "string"}, "issue_date": {"type": "string", "nullable": true}, "status": {"type": "string"}}}}}}
    }
  },
  "security": [{"bearer": []}],
  "paths": {
    "/documents": {"post": {"summary": "Create a draft from document XML (application/xml), {\"xml\": \"…\"} or {\"document\": {…}} (the document's fields as JSON, names of document.xsd; README \"The document as JSON\") (application/json). A number in the document is dropped (see warnings): drafts are numbered when issued.",
      "responses": {"201": {"description": "draft created"}, "400": {"description": "malformed input, unknown field"}, "413": {"description": "body too large"}, "415": {"description": "wrong content type"}, "422": {"description": "schema or Decree 30 rule violation"}}}},
    "/documents/import": {"post": {"summary": "Register an already-issued document with its own number and date; a duplicate (number, notation) in the organ and year is refused.",
      "responses": {"201": {"description": "imported"}, "409": {"description": "duplicate"}}}},
    "/documents/{id}": {"get": {"summary": "Metadata; number, code and register once issued", "responses": {"200": {"description": "the document"}, "403": {"description": "another organ's or a secret document"}, "404": {"description": "no such document"}}},
      "put": {"summary": "Replace a draft's XML", "responses": {"200": {"description": "updated"}, "409": {"description": "not a draft"}}}},
    "/documents/{id}.docx": {"get": {"summary": "The document rendered as DOCX (number and date from the register)", "responses": {"200": {"description": "DOCX bytes"}}}},
    "/documents/{id}.pdf": {"get": {"summary": "The document as PDF/A-2b (embedded subset fonts, Unicode text)", "responses": {"200": {"description": "PDF bytes"}}}},
    "/documents/{id}.xml": {"get": {"summary": "The document XML as stored", "responses": {"200": {"description": "XML"}}}},
    "/documents/{id}/issue": {"post": {"summary": "Assign the next number of the register's series and issue. Body (optional JSON): {\"register\": id, \"date\": \"YYYY-MM-DD\"}. Answers {id, number, code, register, …}.",
      "responses": {"200": {"description": "issued"}, "409": {"description": "already issued"}}}},
    "/documents/{id}/distribute": {"post": {"summary": "issued → distributed", "responses": {"200": {"description": "ok"}, "409": {"description": "transition not allowed"}}}},
    "/documents/{id}/archive": {"post": {"summary": "→ archived", "responses": {"200": {"description": "ok"}}}},
    "/documents/{id}/recall": {"post": {"summary": "→ recalled (thu hồi); body {\"note\"}. With document exchange, every recipient that was sent it gets a status 13 (take back) and answers 15 or 16; deliveries not sent yet stop; the answer's warnings say how many", "responses": {"200": {"description": "ok"}}}},
    "/documents/{id}/relations": {"post": {"summary": "Record a relation {\"kind\": \"corrects\"|\"replaces\"|…, \"target\": id, \"note\"}", "responses": {"201": {"description": "recorded"}}}},
    "/search": {"get": {"summary": "Search: q (full text, folded; a code in q matches too), code (any spelling), type, issuer (abbreviation), signer, from, to (YYYY-MM-DD), register, page, page_size",
      "responses": {"200": {"description": "results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResult"}}}}}}},
    "/registers": {"get": {"summary": "The user's organ's registers", "responses": {"200": {"description": "list"}}},
      "post": {"summary": "Create a register (admin): {\"name\", \"kind\": outgoing|advisory, \"scope\": shared|per-type, \"organ\"}", "responses": {"201": {"description": "created"}}}},
    "/registers/{id}/entries": {"get": {"summary": "Outgoing register (Decree 30, 10 columns): format=json|csv|docx|pdf, year", "responses": {"200": {"description": "entries"}, "406": {"description": "unknown format"}}}},
    "/edxml": {"post": {"security": [], "summary": "Inbox (issue 5): an edXML edoc or status package (application/xml), authenticated by its link: X-Vanthu-Sender (our link's peer organId) and X-Vanthu-Signature: hmac-sha256=<hex of HMAC-SHA256(link secret, body)>. Checked before parsing: size, link, signature; then schema and QCVN 102 rules, From = the link's agency, a To of ours. An edoc is deduplicated on (DocumentId, sender) and numbered in the incoming register.", "responses": {"200": {"description": "application/xml: a status package, 01 (registered or already registered) or 02 with the reason (e.g. not addressed to us); for a status package, JSON {status, applied}"}, "401": {"description": "no link or a bad signature"}, "403": {"description": "From/OrganId is not the link's agency (forged sender)"}, "413": {"description": "too large"}, "422": {"description": "malformed, DOCTYPE, schema or rule violation"}}}},
    "/documents/{id}/recipients": {"get": {"summary": "Preview before issue: each Nơi nhận line with what it resolved to, the deliveries issuing will create, and warnings for what will not be delivered", "responses": {"200": {"description": "{lines, deliveries, warnings}"}}}},
    "/documents/{id}/deliveries": {"get": {"summary": "Per recipient: state (queued, sent, 01…06, dead), attempts, last_error, statuses [{state, at, detail}], take_back (none, 13, 15, 16); take_back_items: the status-13 deliveries of a recall", "responses": {"200": {"description": "{items, take_back_items}"}}}},
    "/deliveries": {"get": {"summary": "Deliveries not acknowledged (no 01 or later) and created more than unacknowledged_days days ago (default 0)", "responses": {"200": {"description": "{items}"}}}},
    "/deliveries/{delivery}/retry": {"post": {"summary": "Clerk: put a dead delivery back in the queue", "responses": {"200": {"description": "the delivery"}, "409": {"description": "not dead"}}}},
    "/incoming": {"get": {"summary": "Incoming register (Sổ đăng ký văn bản đến, 10 columns): year, format=json|csv|docx|pdf (the printed book, landscape A4)", "responses": {"200": {"description": "entries"}}}},
    "/incoming/{entry}": {"get": {"summary": "One incoming document with its files", "responses": {"200": {"description": "entry"}}}},
    "/incoming/{entry}/files/{index}": {"get": {"summary": "An attached file, the bytes as received", "responses": {"200": {"description": "bytes"}}}},
    "/incoming/{entry}/accept": {"post": {"summary": "Clerk accepts: status 03 is sent to the sender. Optional {\"recipient_unit\"}: the unit or person it is handed to (register columns 7 Đơn vị hoặc người nhận and 8 Ngày chuyển = today)", "responses": {"200": {"description": "entry"}, "409": {"description": "already answered"}}}},
    "/incoming/{entry}/reject": {"post": {"summary": "Clerk rejects, {\"reason\"} required: status 02 is sent", "responses": {"200": {"description": "entry"}, "409": {"description": "already answered"}}}},
    "/incoming/{entry}/status": {"post": {"summary": "Later progress {\"code\": 04|05|06, \"reason\", \"recipient_unit\"}, sent to the sender", "responses": {"200": {"description": "entry"}, "409": {"description": "not after the current state"}}}},
    "/incoming/{entry}/take-back": {"post": {"summary": "Answer the sender's take-back (status 13): {\"agree\": true|false, \"reason\"} sends 15 or 16; the entry keeps its số đến, Ghi chú says it was taken back", "responses": {"200": {"description": "entry"}, "409": {"description": "no take-back asked, or already answered"}}}},
    "/agencies": {"get": {"summary": "Clerk: the agency directory in force (schemas/agency-directory.xsd), as XML in its normal form", "responses": {"200": {"description": "application/xml"}}}},
    "/inbox": {"get": {"summary": "Clerk: every package received with its outcome (registered, duplicate, status, rejected) and reason, kept for inspection", "responses": {"200": {"description": "{items}"}}}},
    "/inbox/{package}": {"get": {"summary": "Clerk: the bytes of one received package exactly as they arrived (refused ones too)", "responses": {"200": {"description": "application/octet-stream"}, "404": {"description": "no such package, or refused before it was read (too large)"}}}},
    "/audit/verify": {"get": {"summary": "Verify the hash chain of the audit log (admin)", "responses": {"200": {"description": "report"}}}},
    "/healthz": {"get": {"security": [], "summary": "Liveness", "responses": {"200": {"description": "ok"}}}},
    "/metrics": {"get": {"security": [], "summary": "Prometheus text", "responses": {"200": {"description": "metrics"}}}},
    "/openapi.json": {"get": {"security": [], "summary": "This document", "responses": {"200": {"description": "OpenAPI"}}}}
  }
}
)json";
}

}  // namespace vanthu::server
