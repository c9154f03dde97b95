// Registers (sổ) and their entries (store/store.h): creating and finding registers, the lines of
// the outgoing register and their 10 columns. Numbering is numbering.cpp.
#include "model/document_type.h"
#include "model/lifecycle.h"
#include "store/store_impl.h"

namespace vanthu::store {

using detail::err;
using detail::exec;
using detail::query;
using detail::Rows;
using detail::Session;

namespace {

constexpr const char* kRegisterColumns = "SELECT id, organ_id, name, kind, scope FROM registers";

Register registerFrom(const Rows& r, std::size_t i) { return Register{r.i(i, 0), r.i(i, 1), r.s(i, 2), r.s(i, 3), r.s(i, 4)}; }

RegisterEntry entryFrom(const Rows& r, std::size_t i) {
    RegisterEntry e;
    e.number = int(r.i(i, 0));
    e.series = r.s(i, 1);
    e.documentId = r.i(i, 2);
    e.code = r.s(i, 3);
    const std::string iso = r.s(i, 4);
    e.issueDate = iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4) : iso;
    const auto t = model::typeFromKey(r.s(i, 5));
    e.typeAndSubject = (t ? std::string(model::info(*t).name) + ": " : std::string()) + r.s(i, 6);
    e.signer = r.s(i, 7);
    e.recipients = r.s(i, 8);
    e.archiveUnit = r.s(i, 9);
    e.copies = int(r.i(i, 10));
    if (r.i(i, 11) != 0) e.note = "Đã thu hồi";
    return e;
}

}  // namespace

Result<Register> Store::createRegister(Id organId, const std::string& name, const std::string& kind,
                                       const std::string& scope, const std::string& actor) {
    if (kind != "outgoing" && kind != "advisory")
        return err(Errc::InvalidInput, "Loại sổ không hợp lệ (outgoing, advisory)", "register kind must be outgoing or advisory", "kind");
    if (scope != "shared" && scope != "per-type")
        return err(Errc::InvalidInput, "Phạm vi số không hợp lệ (shared, per-type)", "register scope must be shared or per-type", "scope");
    if (name.empty() || name.size() > 200)
        return err(Errc::InvalidInput, "Tên sổ không hợp lệ", "register name must be 1–200 bytes", "name");
    return detail::guarded([&]() -> Result<Register> {
        try {
            Impl::Tx tx(*impl_);
            const Rows r = query(tx.s(), "INSERT INTO registers (organ_id, name, kind, scope) VALUES ($1, $2, $3, $4) RETURNING id",
                                 {organId, name, kind, scope});
            const Id id = r.i(0, 0);
            impl_->audit(tx, actor, "register.create", 0, std::to_string(id) + " " + name);
            tx.commit();
            return Register{id, organId, name, kind, scope};
        } catch (const detail::UniqueViolation&) {  // UNIQUE (organ_id, name)
            return err(Errc::Conflict, "Sổ cùng tên đã có", "a register with this name exists", "name");
        }
    });
}

Register Store::defaultRegister(Id organId) {
    return detail::guarded([&] {
        const std::string name = "Sổ văn bản đi";
        const std::string find = std::string(kRegisterColumns) + " WHERE organ_id = $1 AND name = $2";
        {
            Session s = impl_->read();
            const Rows r = query(s, find, {organId, name});
            if (!r.empty()) return registerFrom(r, 0);
        }
        {
            Impl::Tx tx(*impl_);
            exec(tx.s(), "INSERT INTO registers (organ_id, name, kind, scope) VALUES ($1, $2, 'outgoing', 'shared')"
                         " ON CONFLICT (organ_id, name) DO NOTHING", {organId, name});
            tx.commit();
        }
        Session s = impl_->read();
        return registerFrom(query(s, find, {organId, name}), 0);
    });
}

std::optional<Register> Store::registerById(Id id) const {
    return detail::guarded([&]() -> std::optional<Register> {
        Session s = impl_->read();
        const Rows r = query(s, std::string(kRegisterColumns) + " WHERE id = $1", {id});
        if (r.empty()) return std::nullopt;
        return registerFrom(r, 0);
    });
}

std::vector<Register> Store::registers(std::optional<Id> organId) const {
    return detail::guarded([&] {
        Session s = impl_->read();
        const Rows r = organId ? query(s, std::string(kRegisterColumns) + " WHERE organ_id = $1 ORDER BY id", {*organId})
                               : query(s, std::string(kRegisterColumns) + " ORDER BY id");
        std::vector<Register> out;
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(registerFrom(r, i));
        return out;
    });
}

std::vector<RegisterEntry> Store::entries(Id registerId, int year) const {
    return detail::guarded([&] {
        Session s = impl_->read();
        const Rows r = query(s,
            "SELECT e.number, e.series, d.id, d.code, d.issue_date, d.type, d.subject, d.signer, d.recipients,"
            " d.archive_units, d.copies, d.recalled FROM register_entries e JOIN documents d ON d.id = e.document_id"
            " WHERE e.register_id = $1 AND e.year = $2 ORDER BY e.series, e.number",
            {registerId, std::int64_t(year)});
        std::vector<RegisterEntry> out;
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(entryFrom(r, i));
        // Corrections (đính chính) are noted on the corrected entry.
        const std::string corrects(model::relationKey(model::RelationKind::Corrects));
        for (auto& e : out)
            for (const auto& rel : relations(e.documentId))
                if (rel.kind == corrects && rel.to == e.documentId) {
                    const auto by = document(rel.from);
                    if (by.ok()) e.note += std::string(e.note.empty() ? "" : "; ") + "Đính chính bởi " + (by->code.empty() ? "#" + std::to_string(by->id) : by->code);
                }
        return out;
    });
}

const std::vector<std::string>& registerHeadings() {
    static const std::vector<std::string> h = {
        "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
        "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú"};
    return h;
}

std::vector<std::string> registerCells(const RegisterEntry& e) {
    return {e.code, e.issueDate, e.typeAndSubject, e.signer, e.recipients, e.archiveUnit, e.copies ? std::to_string(e.copies) : "",
            "", "", e.note};
}

}  // namespace vanthu::store
