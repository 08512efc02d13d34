import ScreenVaxCore

/// The HPV room's words in zh-CN for what it answers, so that no page or report shows a nurse an
/// internal code or the room's English message: errors by code, roster row problems, the history
/// of a girl's records. (Statuses, AEFI outcomes and states have theirs beside their types.)
public enum HPVWords {
    /// What a nurse reads for an HPV refusal, by its code; a code without words reads in general terms.
    public static func message(code: String) -> String {
        switch code {
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
        case "outside_area": "所选县区不在您的辖区内。"
        case "unknown_area": "县区名称或代码不正确。"
        case "missing_value": "有必填项未填写。"
        case "id_length", "id_format", "id_checksum", "id_birth_date": "身份证号有误，请核对（18位，校验位正确）。"
        case "bad_phone": "电话号码有误（手机为1开头的11位数字）。"
        case "consent_required": "该学生尚无监护人知情同意。请监护人在门诊签署知情同意书后，勾选“监护人已签署知情同意”并填写签字人，再记录接种。"
        case "consent_by_required": "请填写签署知情同意书的监护人姓名。"
        case "after_province_deadline": "县区第一剂次截止日期不能晚于全省截止日期。"
        case "start_after_deadline": "接种开始日期不能晚于第一剂次截止日期。"
        case "unknown_county": "县区名称或代码不正确，请从列表中选择。"
        case "already_enrolled": "该学生已在名单中，请在“HPV名单”中查找；如在其他县区登记，请申请转入。"
        case "not_in_cohort": "按身份证号的出生日期，该学生不属于本项目的接种对象，请核对身份证。"
        case "name_mismatch", "id_conflict": "该身份证号已以其他姓名登记，请核对身份证号和姓名。"
        case "unknown_symptom": "症状不在项目目录中，请从列表中选择。"
        case "onset_before_dose": "发生时间早于接种日期，请核对。"
        case "dose_not_found": "该学生在此日期没有接种记录，请核对接种日期。"
        case "bad_onset": "发生时间格式不对（应为 2023-10-12T14:30）。"
        case "bad_value": "所填的值不在可选范围内，请从列表中选择。"
        case "aefi_not_found": "找不到该疑似异常反应（或不在您的辖区内）。"
        case "aefi_closed": "该事件已结案，不能再修改。"
        case "before_onset": "调查日期早于发生日期，请核对。"
        case "not_investigated": "请先填写调查（调查日期、调查人），再作分类。"
        case "before_investigation": "分类日期早于调查日期，请核对。"
        case "not_classified": "请先完成调查诊断分类。"
        case "appraisal_requested": "该事件已申请鉴定，不能重复申请。"
        case "no_appraisal": "该事件没有待出结果的鉴定，请先申请鉴定。"
        case "before_request": "鉴定日期早于申请日期，请核对。"
        case "appraisal_pending": "鉴定结果尚未录入，不能结案。"
        case "undetermined": "分类为“待定”的事件不能结案，请先明确分类。"
        case "before_classification": "日期早于分类（或鉴定）日期，请核对。"
        case "nothing_to_change": "没有填写任何新进展。"
        case "school_not_found": "辖区内没有该学校的学生，请按名册“在读学校”的写法选择学校。"
        case "register_damaged": "登记数据损坏，请联系系统管理员从备份恢复。"
        // A code no page has words for yet: said in general terms, never as the room's English text.
        default: "提交的内容未通过检查，请核对后重试。"
        }
    }

    /// Why a dose does not count (or counts in its grace period), as the girl's page says it.
    public static func reason(_ r: DoseReason) -> String {
        switch r {
        case .tooYoung: "年龄过小"
        case .tooOld: "首剂超龄"
        case .tooSoon: "间隔不足"
        case .seriesAgeLimit: "超过全程年龄上限"
        case .expiredLot: "疫苗已过期"
        case .productNotAllowed: "非项目疫苗"
        case .extraDose: "多余剂次"
        case .gracePeriod: "宽限期内有效"
        }
    }

    /// What is wrong with a roster row, by its code (the message beside it says what to fix).
    public static func rowProblem(code: String) -> String {
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
    public static func history(action: String, entity: String) -> String {
        switch (action, entity) {
        case ("create", "hpv_dose"): "记录接种"
        case ("consent", "hpv_enrollment"): "记录知情同意"
        case ("transfer", "hpv_enrollment"): "跨县区转入（已确认）"
        case ("create", "hpv_aefi"): "报告疑似异常反应"
        case ("aefi_update", "hpv_aefi"): "疑似异常反应调查诊断进展"
        case ("register", "hpv_enrollment"): "门诊登记（无名册）"
        // An action no page has words for yet: said in general terms, never as its code.
        default: "记录变更"
        }
    }
}
