import HPV
import ScreenVaxCore

/// The zh-CN words of the HPV pages for what the HPV room answers: errors by code, history entries.
extension Labels {
    /// What a nurse reads for an HPV refusal; the room's own (English) message for codes not listed.
    static func hpvError(_ e: any UserError) -> String {
        switch e.code {
        case "not_enrolled", "unknown_person": "在您的辖区内没有该学生的名册记录，请先导入其学校名册。"
        case "future_date": "日期晚于今天，请核对年月日。"
        case "before_birth": "日期早于出生日期，请核对。"
        case "duplicate_dose": "该学生当天已有接种记录，同一天不能记录两剂。"
        case "unknown_product": "疫苗品种不在项目目录中，请从列表中选择。"
        case "bad_date": "日期格式不对（应为 2024-04-15，年份 1900–2100；有效期可写 2025-06）。"
        case "too_long": "填写的内容过长（最多 \(FieldLength.maxCharacters) 个字），请精简后再提交。"
        case "too_many_conflicts": "近期查询到辖区外记录的次数过多，请稍后再试，并先核对身份证号与姓名。"
        case "transfer_no_match": "没有找到身份证号与姓名都相符、在其他县区登记的学生，请核对身份证和姓名。"
        case "already_in_area": "该学生已在本辖区登记，无需转入；如需调整学校或班级，请导入学校名册。"
        case "transfer_pending": "该学生已有待处理的转入申请，请等待原登记县区处理。"
        case "transfer_decided": "该申请已处理，不能再次确认或拒绝。"
        case "transfer_stale": "该学生已不在原县区登记，请拒绝此申请，如仍需要请重新申请。"
        case "transfer_forbidden": "转入申请由学生原登记的县区（或同时管辖两地的市、省级用户）确认或拒绝。"
        case "transfer_not_found": "找不到该转入申请（或不在您的辖区内）。"
        case "outside_area": "转入县区不在您的辖区内。"
        case "unknown_area": "县区名称或代码不正确。"
        case "missing_value": "有必填项未填写。"
        case "id_length", "id_format", "id_checksum", "id_birth_date": "身份证号有误，请核对（18位，校验位正确）。"
        case "bad_phone": "电话号码有误（手机为1开头的11位数字）。"
        case "consent_required": "该学生尚无监护人知情同意。请监护人在门诊签署知情同意书后，勾选“监护人已签署知情同意”并填写签字人，再记录接种。"
        case "consent_by_required": "请填写签署知情同意书的监护人姓名。"
        case "after_province_deadline": "县区第一剂次截止日期不能晚于全省截止日期。"
        case "start_after_deadline": "接种开始日期不能晚于第一剂次截止日期。"
        default: e.message
        }
    }

    /// What is wrong with a roster row, by its code (the message beside it says what to fix).
    static func rowError(_ code: String) -> String {
        switch code {
        case "missing_value": "必填项为空"
        case "id_length", "id_format", "id_checksum", "id_birth_date": "身份证号有误"
        case "bad_date": "出生日期格式不对"
        case "birth_date_mismatch": "出生日期与身份证号不一致"
        case "unknown_area": "地区不是江西省的县区"
        case "bad_phone": "监护人电话有误"
        case "bad_answer": "回答无法识别（应为 是/否、有/无）"
        case "id_conflict": "身份证号已登记为其他姓名或出生日期"
        case "outside_area": "地区不在您的辖区内"
        case "enrolled_elsewhere": "已在其他县区登记，需申请转入"
        case "too_long": "内容过长（最多 \(FieldLength.maxCharacters) 字）"
        case "id_as_number": "身份证号被 Excel 存成数字，后几位已丢失（请将该列设为文本后重填）"
        case "outside_county": "地区不是本文件所属县区"
        case "duplicate_in_file": "同一身份证号出现两次（保留后一行）"
        case "date_as_number": "出生日期是 Excel 日期序号（已换算，请核对）"
        default: "其他问题"
        }
    }

    /// A history line of a girl's page: what was done to which of her records.
    static func history(action: String, entity: String) -> String {
        switch (action, entity) {
        case ("create", "hpv_dose"): "记录接种"
        case ("consent", "hpv_enrollment"): "记录知情同意"
        case ("transfer", "hpv_enrollment"): "跨县区转入（已确认）"
        case ("create", "hpv_aefi"): "报告疑似异常反应"
        case ("aefi_update", "hpv_aefi"): "疑似异常反应调查诊断进展"
        case ("register", "hpv_enrollment"): "门诊登记（无名册）"
        default: action
        }
    }
}
