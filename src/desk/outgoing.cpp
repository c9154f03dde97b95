// Văn bản đi: the list with filters, a document's page, the new-draft form (with the core's
// findings beside their fields), issuing, and the files named after the code.
#include <Poco/Net/HTTPServerRequest.h>

#include "core/strings.h"
#include "desk/draft_form.h"
#include "input/document_reader.h"
#include "input/document_writer.h"
#include "model/document_type.h"
#include "service/documents.h"
#include "service/exchange.h"
#include "service/files.h"
#include "service/registers.h"
#include "text/unicode.h"

namespace vanthu::desk {

using server::Call;
using server::Reply;

namespace {

Data option(const std::string& value, const std::string& label, bool selected) {
    Data d;
    d.set("value", value);
    d.set("label", label);
    d.set("selected", selected);
    return d;
}

Data typeOptions(const std::string& selected, bool withAny) {
    Data list{Data::type::list};
    if (withAny) list << option("", "Tất cả", selected.empty());
    for (auto t : formTypes()) list << option(std::string(model::info(t).key), std::string(model::info(t).name), model::info(t).key == selected);
    return list;
}

store::Id pageId(const Call& call) { return server::pathId(call.request.capture("id")); }

// GET /van-ban-di?trang-thai=&loai=&so=&trang=
Reply getList(Desk& desk, Call& call) {
    const Visitor who = requireVisitor(desk, call);
    store::Query q;
    q.status = call.request.param("trang-thai");
    q.type = call.request.param("loai");
    if (!q.status.empty() && !model::statusFromName(q.status))
        server::fail(400, "invalid_param", "Trạng thái không hợp lệ", "unknown status", "trang-thai");
    if (!q.type.empty() && !model::typeFromKey(q.type)) server::fail(400, "invalid_param", "Loại văn bản không hợp lệ", "unknown type", "loai");
    if (const std::string reg = call.request.param("so"); !reg.empty()) q.registerId = server::positiveParam(reg, "so", 1 << 30);
    if (const std::string p = call.request.param("trang"); !p.empty()) q.page = server::positiveParam(p, "trang", 100000);
    q.pageSize = 50;
    const store::SearchResult found = service::search(desk.api.ctx, who.user, q);
    Data rows{Data::type::list};
    for (const auto& h : found.items) rows << hitRow(h);
    Data statuses{Data::type::list};
    statuses << option("", "Tất cả", q.status.empty());
    for (const auto& [k, v] : statusLabels()) statuses << option(k, v, k == q.status);
    Data registers{Data::type::list};
    registers << option("", "Tất cả", q.registerId == 0);
    for (const auto& r : service::listRegisters(desk.api.ctx, who.user))
        if (r.kind != "incoming") registers << option(std::to_string(r.id), r.name, r.id == q.registerId);
    Data d;
    d.set("rows", rows);
    d.set("empty", found.items.empty());
    d.set("total", std::to_string(found.total));
    d.set("statuses", statuses);
    d.set("types", typeOptions(q.type, true));
    d.set("registers", registers);
    if (q.page > 1) d.set("prev", std::to_string(q.page - 1));
    if (std::int64_t(q.page) * q.pageSize < found.total) d.set("next", std::to_string(q.page + 1));
    return page(desk, who, "Văn bản đi", "outgoing_list", d);
}

// The draft form with its values and the findings beside their fields.
Data formData(const Form& values, const Errors& errors, const Warnings& warnings) {
    std::map<std::string, Data> byField;
    Data general{Data::type::list};
    const auto add = [&](const std::string& path, const std::string& vi, const std::string& en, bool blocking) {
        Data m = messageData(vi, en);
        m.set("blocking", blocking);
        const std::string name = fieldOfFinding(path);
        if (name.empty()) {
            general << m;
            return;
        }
        auto [it, fresh] = byField.try_emplace(name, Data::type::list);
        it->second << m;
    };
    for (const auto& e : errors) add(e.field, e.messageVi, e.messageEn, true);
    for (const auto& w : warnings) add(w.field, w.messageVi, w.messageEn, false);
    const auto value = [&](const std::string& n) { return values.count(n) ? values.at(n) : std::string(); };
    Data fields{Data::type::list};
    for (const auto& f : draftFields()) {
        Data d;
        d.set("name", f.name);
        d.set("label_vi", f.labelVi);
        d.set("label_en", f.labelEn);
        d.set("hint", f.hint);
        d.set("multiline", f.multiline);
        d.set("value", value(f.name));
        d.set("has_findings", false);  // set on every field: mustache would find the form's own otherwise
        if (const auto it = byField.find(f.name); it != byField.end()) {
            d.set("findings", it->second);
            d.set("has_findings", true);
        }
        fields << d;
    }
    Data authorities{Data::type::list};
    for (const char* k : {"", "TM", "KT", "TL", "TUQ", "Q"})
        authorities << option(k, *k ? std::string(k) + "." : std::string("(ký trực tiếp)"), value("tham-quyen") == k);
    Data secrecy{Data::type::list}, urgency{Data::type::list};
    for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{{"", "Thường"}, {"mat", "Mật"}, {"toi-mat", "Tối mật"}})
        secrecy << option(k, v, value("do-mat") == k);
    for (const auto& [k, v] :
         std::vector<std::pair<std::string, std::string>>{{"", "Thường"}, {"khan", "Khẩn"}, {"thuong-khan", "Thượng khẩn"}, {"hoa-toc", "Hỏa tốc"}})
        urgency << option(k, v, value("do-khan") == k);
    Data d;
    d.set("fields", fields);
    d.set("types", typeOptions(value("loai").empty() ? "cong-van" : value("loai"), false));
    d.set("authorities", authorities);
    d.set("secrecies", secrecy);
    d.set("urgencies", urgency);
    d.set("general", general);
    d.set("has_general", !general.is_empty_list());
    d.set("has_errors", !errors.empty());
    d.set("has_findings", !errors.empty() || !warnings.empty());
    return d;
}

Reply getNewDraft(Desk& desk, Call& call) {
    const Visitor who = requireVisitor(desk, call);
    Form defaults{{"loai", "cong-van"}, {"luu", "VT"}, {"noi-nhan", "Như trên\nLưu: VT"}};
    defaults["noi-nhan"] = "Như trên";
    Data d = formData(defaults, {}, {});
    d.set("action", "/van-ban-di/moi");
    return page(desk, who, "Dự thảo mới", "draft_form", d);
}

// Saves the form as a draft (new, or `id`): the core's errors send the form back (422) with each
// beside its field; a saved draft with warnings shows the form again for fixing, one without goes to
// its page.
Reply saveDraft(Desk& desk, Call& call, store::Id id) {
    const Visitor who = requireVisitor(desk, call);
    const Form form = readForm(call);
    checkCsrf(who, form);
    const auto organ = desk.api.ctx.store.organ(who.user.organId);
    if (!organ) server::fail(403, "forbidden_organ", "Người dùng không thuộc cơ quan nào", "the user has no organ", "organ");
    const std::string xml = input::writeDocumentXml(documentFromForm(form, *organ));
    auto saved = id ? service::updateDraft(desk.api.ctx, who.user, id, xml) : service::createDraft(desk.api.ctx, who.user, xml);
    Form values;
    for (const auto& f : draftFields()) values[f.name] = field(form, f.name);
    for (const char* n : {"loai", "tham-quyen", "do-mat", "do-khan"}) values[n] = field(form, n);
    if (!saved.ok()) {
        if (saved.error().code == Errc::Forbidden || saved.error().code == Errc::NotFound) server::failWith(saved.errors());
        Data d = formData(values, saved.errors(), {});
        d.set("action", id ? "/van-ban-di/" + std::to_string(id) + "/sua" : std::string("/van-ban-di/moi"));
        return page(desk, who, "Dự thảo chưa lưu", "draft_form", d, 422);
    }
    const auto& out = saved.value();
    if (out.warnings.empty()) return redirect("/van-ban-di/" + std::to_string(out.record.id));
    Data d = formData(values, {}, out.warnings);
    d.set("action", "/van-ban-di/" + std::to_string(out.record.id) + "/sua");
    d.set("saved_id", std::to_string(out.record.id));
    return page(desk, who, "Dự thảo đã lưu, còn lưu ý", "draft_form", d);
}

Reply postNewDraft(Desk& desk, Call& call) { return saveDraft(desk, call, 0); }
Reply postEditDraft(Desk& desk, Call& call) { return saveDraft(desk, call, pageId(call)); }

Reply getEditDraft(Desk& desk, Call& call) {
    const Visitor who = requireVisitor(desk, call);
    const store::Id id = pageId(call);
    auto rec = service::viewDocument(desk.api.ctx, who.user, id);
    const auto& record = server::need(rec);
    auto read = input::readDocumentXml(record.xml, input::ReadOptions{});
    const auto& doc = server::need(read);
    Data d = formData(formFromDocument(doc.document), {}, doc.warnings);
    d.set("action", "/van-ban-di/" + std::to_string(id) + "/sua");
    d.set("saved_id", std::to_string(id));
    return page(desk, who, "Sửa dự thảo", "draft_form", d);
}

Data documentData(const store::DocumentRecord& r, const std::string& registerName) {
    Data rows{Data::type::list};
    const auto row = [&](const std::string& vi, const std::string& en, const std::string& v) {
        if (v.empty()) return;
        Data d;
        d.set("label_vi", vi);
        d.set("label_en", en);
        d.set("value", v);
        rows << d;
    };
    row("Số, ký hiệu", "Number and code", r.code);
    row("Sổ đăng ký", "Register", registerName.empty() ? "" : registerName + ", số " + model::formatNumber(r.number) + "/" + std::to_string(r.year));
    row("Ngày ban hành", "Issue date", r.issueDate);
    row("Loại văn bản", "Type", typeName(r.type));
    row("Trạng thái", "Status", statusLabel(std::string(model::statusName(r.status))));
    row("Cơ quan ban hành", "Issuer", r.issuer);
    row("Trích yếu", "Subject", r.subject);
    row("Người ký", "Signer", r.signer);
    row("Nơi nhận", "Recipients", r.recipients);
    row("Độ mật", "Secrecy", r.secret ? "Mật" : "");
    Data d;
    d.set("id", std::to_string(r.id));
    d.set("rows", rows);
    d.set("title", r.code.empty() ? "Dự thảo #" + std::to_string(r.id) : r.code);
    d.set("draft", r.status == store::Status::Draft);
    if (r.number) d.set("number", model::formatNumber(r.number));
    return d;
}

// Before issuing: each Nơi nhận line and what it resolves to, and every recipient that will not
// be delivered (the core's warnings), for the clerk to acknowledge. After: the deliveries.
void addExchangeData(Desk& desk, const Visitor& who, const store::DocumentRecord& r, Data& d) {
    service::Exchange* exchange = desk.api.ctx.exchange;
    if (!exchange) return;
    if (r.status == store::Status::Draft) {
        auto preview = exchange->previewRecipients(who.user, r.id);
        if (!preview.ok()) return;  // a draft the core cannot resolve yet: its own page says why on issue
        Data lines{Data::type::list};
        for (const auto& l : preview.value().resolution.lines) {
            Data line;
            line.set("text", l.text);
            line.set("resolved", l.resolved());
            lines << line;
        }
        Data warnings{Data::type::list};
        for (const auto& w : preview.value().warnings) warnings << messageData(w.messageVi, w.messageEn);
        d.set("preview_lines", lines);
        d.set("has_preview", !lines.is_empty_list());
        d.set("preview_warnings", warnings);
        d.set("must_acknowledge", !warnings.is_empty_list());
        d.set("delivery_count", std::to_string(preview.value().deliveries.size()));
        return;
    }
    auto deliveries = exchange->deliveriesOf(who.user, r.id, nullptr);
    if (!deliveries.ok()) return;
    Data rows{Data::type::list};
    for (const auto& v : deliveries.value()) {
        Data row;
        row.set("recipient", v.row.recipientName);
        row.set("state", v.row.state);
        row.set("attempts", std::to_string(v.row.attempts));
        row.set("updated", v.row.updatedAt);
        row.set("error", v.row.lastError);
        rows << row;
    }
    d.set("deliveries", rows);
    d.set("has_deliveries", !rows.is_empty_list());
}

Reply documentPage(Desk& desk, const Visitor& who, const store::DocumentRecord& r, const Warnings& warnings, bool justIssued) {
    std::string registerName;
    if (r.registerId)
        if (const auto reg = desk.api.ctx.store.registerById(r.registerId)) registerName = reg->name;  // the document's own, already visible
    Data d = documentData(r, registerName);
    Data findings{Data::type::list};
    for (const auto& w : warnings) findings << messageData(w.messageVi, w.messageEn);
    d.set("findings", findings);
    d.set("has_findings", !warnings.empty());
    d.set("just_issued", justIssued);
    d.set("code", r.code);
    addExchangeData(desk, who, r, d);
    return page(desk, who, r.code.empty() ? "Dự thảo #" + std::to_string(r.id) : "Văn bản " + r.code, "document", d);
}

Reply getDocument(Desk& desk, Call& call) {
    const Visitor who = requireVisitor(desk, call);
    auto rec = service::viewDocument(desk.api.ctx, who.user, pageId(call));
    return documentPage(desk, who, server::need(rec), {}, false);
}

Reply postIssue(Desk& desk, Call& call) {
    const Visitor who = requireVisitor(desk, call);
    const Form form = readForm(call);
    checkCsrf(who, form);
    // The page asked the clerk to acknowledge the recipients that will not be delivered.
    if (form.count("must_acknowledge") && field(form, "da-xem-canh-bao") != "1")
        server::fail(400, "not_acknowledged", "Hãy đánh dấu đã xem các cảnh báo về nơi nhận trước khi ban hành",
                     "tick that you have read the warnings about the recipients before issuing", "da-xem-canh-bao");
    auto out = service::issueDocument(desk.api.ctx, who.user, pageId(call), service::IssueOptions{});
    const auto& issued = server::need(out);
    return documentPage(desk, who, issued.record, issued.warnings, true);
}

// "1020/QĐ-BTP" → "1020-QĐ-BTP"; a draft is "du-thao-12". Only what is safe in a file name stays.
std::string downloadStem(const store::DocumentRecord& r) {
    if (r.code.empty()) return "du-thao-" + std::to_string(r.id);
    std::string out;
    for (unsigned char c : r.code) out += (c < 0x20 || c == '/' || c == '\\' || c == '"' || c == ';' || c == ':' || c == '*' || c == '?') ? '-' : char(c);
    return out;
}

std::string percentEncoded(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_') out += char(c);
        else out += std::string("%") + hex[c >> 4] + hex[c & 15];
    }
    return out;
}

// Content-Disposition with an ASCII fallback (diacritics folded) and the UTF-8 name (RFC 6266).
std::string disposition(const char* kind, const std::string& name) {
    std::string ascii;
    for (unsigned char c : text::fold(name)) ascii += c < 0x80 && c != '"' && c != '\\' ? char(c) : '_';
    return std::string(kind) + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncoded(name);
}

Reply fileReply(Desk& desk, Call& call, const std::string& format, bool inlineView) {
    const Visitor who = requireVisitor(desk, call);
    const store::Id id = pageId(call);
    if (format != "pdf" && format != "docx") server::fail(404, "not_found", "Không có định dạng này", "no such format", "format");
    auto rec = service::viewDocument(desk.api.ctx, who.user, id);
    const auto& record = server::need(rec);
    if (!service::canRender(desk.api.ctx, format)) server::formatUnavailable(format);
    auto file = service::documentFile(desk.api.ctx, who.user, id, format);
    auto& f = server::need(file);
    Reply r;
    r.contentType = f.mediaType;
    r.body = std::move(f.bytes);
    r.headers.emplace_back("Content-Disposition", disposition(inlineView ? "inline" : "attachment", downloadStem(record) + "." + format));
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Reply getPdf(Desk& desk, Call& call) { return fileReply(desk, call, "pdf", false); }
Reply getDocx(Desk& desk, Call& call) { return fileReply(desk, call, "docx", false); }
Reply getPreview(Desk& desk, Call& call) { return fileReply(desk, call, "pdf", true); }

}  // namespace

void addOutgoingRoutes(server::Router& router, const std::shared_ptr<Desk>& desk) {
    addPage(router, desk, "GET", "/van-ban-di", getList);
    addPage(router, desk, "GET", "/van-ban-di/moi", getNewDraft);
    addPage(router, desk, "POST", "/van-ban-di/moi", postNewDraft);
    addPage(router, desk, "GET", "/van-ban-di/{id}", getDocument);
    addPage(router, desk, "GET", "/van-ban-di/{id}/sua", getEditDraft);
    addPage(router, desk, "POST", "/van-ban-di/{id}/sua", postEditDraft);
    addPage(router, desk, "POST", "/van-ban-di/{id}/ban-hanh", postIssue);
    addPage(router, desk, "GET", "/van-ban-di/{id}/tai.pdf", getPdf);
    addPage(router, desk, "GET", "/van-ban-di/{id}/tai.docx", getDocx);
    addPage(router, desk, "GET", "/van-ban-di/{id}/xem.pdf", getPreview);
}

}  // namespace vanthu::desk
