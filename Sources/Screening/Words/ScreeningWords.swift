import ScreenVaxCore

/// The screening room's words in zh-CN, for every page and report that shows its codes to staff:
/// outcomes, due-list statuses, recall stages and steps, result flags, and its errors by code.
/// One place, so that no page shows an internal code.
public enum ScreeningWords {
    public static func outcome(_ o: PregnancyOutcome) -> String {
        switch o {
        case .liveBirth: "活产"
        case .stillbirth: "死胎/死产"
        case .miscarriage: "自然流产"
        case .inducedAbortion: "人工流产/引产"
        }
    }

    public static func status(_ s: DueItem.Status) -> String {
        switch s {
        case .upcoming: "即将开始"
        case .open: "可筛查"
        case .closing: "窗口即将关闭"
        case .overdue: "已过窗口（可补筛）"
        case .repeatDue: "需复查"
        case .recollect: "标本不合格，需补采"
        }
    }

    public static func subject(_ s: Subject) -> String { s == .pregnancy ? "孕妇" : "新生儿" }

    /// A recall case's stage (`RecallStage`'s raw value) and a step (`RecallStep`'s), as the board says them.
    public static func stage(_ raw: String) -> String {
        ["opened": "待联系", "contacted": "已联系", "referred": "已转诊", "diagnosed": "已诊断", "managed": "管理中", "closed": "已结案",
         "lost": "失访"][raw] ?? "其他"
    }

    public static func step(_ raw: String) -> String {
        ["contact": "联系", "counselled": "咨询指导", "referred": "转诊", "diagnosed": "诊断", "managed": "纳入管理", "closed": "结案",
         "lost": "失访"][raw] ?? "其他"
    }

    /// A result's flags, as the nurse at the form reads them.
    public static func flag(_ raw: String) -> String {
        ["out_of_window": "不在筛查窗口内", "repeat": "重复检查", "no_subsidy_for_year": "该年度无补助",
         "outside_implementation_phase": "不在项目实施期内，不申领补助", "institution_not_designated": "该机构未指定开展此项目",
         "repeat_due": "需复查", "rescreen_due": "需复筛", "conclusion_disagrees": "检验结论与判定规则不一致",
         "intermediate_risk": "临界风险，建议无创DNA检测", "late_entered": "录入时已超过联系期限"][raw] ?? "其他提示"
    }

    public static let fields: [String: String] = [
        "id": "身份证号", "name": "姓名", "phone": "电话", "county": "县区", "lmp": "末次月经", "edd": "预产期",
        "born": "出生时间", "sex": "性别", "order": "胎次", "weeks": "孕周", "weight_g": "出生体重", "outcome": "妊娠结局", "date": "日期",
    ]

    public static let messages: [String: String] = [
        "id_length": "身份证号应为18位，请对照身份证重新填写。",
        "id_format": "身份证号应为17位数字加1位数字或X，请检查是否混入字母或标点。",
        "id_checksum": "身份证号校验位不符，可能有数字输错，请核对。",
        "id_birth_date": "身份证号中的出生日期不存在或在今天之后，请核对第7–14位。",
        "bad_phone": "电话号码应为7–12位数字（手机为1开头的11位），请核对。",
        "bad_date": "日期格式不对，请写成 2024-04-15（出生时间写成 2024-04-15T08:30）。",
        "future_date": "日期在今天之后，请核对。",
        "no_dating": "请填写末次月经或预产期中的一项（只填一项）。",
        "unknown_county": "县区不正确，请从列表中选择。",
        "outside_area": "该县区不在您的辖区内，只能登记本辖区的孕产妇。",
        "not_a_woman": "该身份证号为男性（第17位为奇数），请填写孕妇本人的身份证号。",
        "pregnancy_still_open": "该孕妇还有未结案的妊娠（末次月经相差较大），请先为原妊娠填写结局再登记。",
        "pregnancy_closed": "该妊娠已结案（非活产），不能再登记新生儿或修改。",
        "close_before_lmp": "结局日期早于末次月经，请核对。",
        "birth_order_taken": "该妊娠已有相同胎次的新生儿；双胎请分别填写胎次 1 和 2。",
        "newborn_id_mismatch": "新生儿身份证号与出生日期或性别不符，请核对出生医学证明。",
        "id_conflict": "该身份证号已属于其他人，请核对。",
        "result_before_subject": "日期早于末次月经（或出生日期），请核对。",
        "bad_value": "填写的值不正确。",
        "value_out_of_range": "数值超出合理范围，请核对数值和单位。",
    ]
}
