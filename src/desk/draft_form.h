// desk/draft_form.h (private to desk/): the new-draft form of the common types, as values.
//
// The form only carries what the clerk typed into a model::Document (written as document XML for
// service::createDraft, the same path as the API's); every Decree 30 check is the core's. Each
// finding the core returns names a path ("/document/subject", "/document/signature[1]/name"), and
// fieldOfFinding() says beside which form field it is shown.
#pragma once

#include <string>
#include <vector>

#include "desk/page.h"
#include "model/document.h"

namespace vanthu::desk {

struct FormField {
    const char* name;      // the form's field name: "trich-yeu"
    const char* labelVi;   // "Trích yếu"
    const char* labelEn;   // "Subject"
    bool multiline;        // a textarea (one item a line)
    const char* hint;      // an example or a rule, in Vietnamese
};

// The fields of the form, in the order of the page (type, secrecy and urgency are selects).
const std::vector<FormField>& draftFields();
// The types the form offers: Công văn, Quyết định, Tờ trình, Báo cáo, Thông báo, Kế hoạch, Giấy mời.
const std::vector<model::DocumentType>& formTypes();

// The document the form describes, issued by `organ`. Lines of a textarea are items; a Nơi nhận
// line "Như trên" is the as-above recipient.
model::Document documentFromForm(const Form& form, const store::Organ& organ);
// The form's values of a stored draft (the inverse, for editing).
Form formFromDocument(const model::Document& doc);

// The form field a finding's path belongs to; "" when none (shown above the form).
std::string fieldOfFinding(const std::string& path);

}  // namespace vanthu::desk
