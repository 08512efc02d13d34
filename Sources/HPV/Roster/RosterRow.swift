import ScreenVaxCore

/// One validated roster row: the person and the enrolment facts it states.
public struct RosterRow: Sendable {
    public let row: Int
    public let residentID: ResidentID
    public let name: String
    public let county: County
    public let areaText: String
    public let school: String
    public let className: String
    public let guardianName: String
    public let guardianPhone: String
    public let priorVaccination: Bool
    public let consent: Consent
    public let refusalReason: String

    public var facts: EnrollmentFacts {
        EnrollmentFacts(birthDate: residentID.birthDate, sex: residentID.sex,
                        priorVaccination: priorVaccination, consent: consent)
    }
}

public enum RosterRowParser {
    /// Validates one data row; returns the row or every problem found in it.
    /// - Parameter defaultCounty: the county the file belongs to (`--county`, the uploader's county):
    ///   it stands for a blank 地区 and for one that names only its city.
    /// - Parameter onlyDefaultCounty: a row naming another county is refused (`outside_county`); false
    ///   when the default is the uploader's area, whose own check answers `outside_area`.
    public static func parse(fields: [String], row: Int, header: RosterHeader, divisions: Divisions,
                             today: CalendarDate, defaultCounty: County? = nil, onlyDefaultCounty: Bool = true) -> Result<RosterRow, RowErrors> {
        var errors: [RowError] = []
        func fail(_ column: RosterColumn, _ code: String, _ message: String) {
            errors.append(RowError(row: row, column: header.header(column), code: code, message: message))
        }
        func required(_ column: RosterColumn) -> String {
            let v = header.value(column, in: fields)
            if v.isEmpty { fail(column, "missing_value", "\(column.formHeader) is empty; fill it in") }
            return v
        }
        /// Free text the register keeps and shows: at most `FieldLength.maxCharacters` characters.
        func capped(_ column: RosterColumn, _ value: String) -> String {
            if !FieldLength.fits(value) {
                fail(column, "too_long", "\(column.formHeader) has \(value.count) characters; at most \(FieldLength.maxCharacters) are kept: shorten it")
            }
            return value
        }
        let name = capped(.name, required(.name).removingWhitespace())
        let areaText = defaultCounty == nil ? required(.area) : header.value(.area, in: fields)
        let school = capped(.school, required(.school))
        let rawID = required(.residentID)
        let rawBirth = required(.birthDate)
        var id: ResidentID?
        if !rawID.isEmpty {
            do { id = try ResidentID(rawID, today: today) } catch {
                fail(.residentID, error.code, error.message)
            }
        }
        if !rawBirth.isEmpty {
            if let birth = FormDate.parse(rawBirth) {
                if let id, id.birthDate != birth {
                    fail(.birthDate, "birth_date_mismatch",
                         "出生日期 \(birth.iso) differs from the birth date in the ID (\(id.birthDate.iso)); correct whichever is wrong")
                }
            } else {
                fail(.birthDate, "bad_date", CoreError.badDate(HPVError.clip(rawBirth), field: "出生日期").message)
            }
        }
        var county: County?
        if areaText.isEmpty {
            county = defaultCounty
        } else if let named = divisions.resolve(areaText) {
            county = named
            if onlyDefaultCounty, let d = defaultCounty, named.code != d.code {
                fail(.area, "outside_county", "地区 \"\(HPVError.clip(areaText))\" (\(named.cityName)\(named.name)) is another county than this file's "
                     + "(\(d.cityName)\(d.name)); send the row to that county's clinic, or correct 地区")
            }
        } else if let d = defaultCounty, let city = divisions.city(named: areaText) {
            if city == d.cityCode {
                county = d
            } else {
                fail(.area, "outside_county", "地区 \"\(HPVError.clip(areaText))\" is another city than this file's county (\(d.cityName)\(d.name)); "
                     + "send the row to that city's clinic, or write the girl's county")
            }
        } else {
            fail(.area, "unknown_area", "地区 \"\(HPVError.clip(areaText))\" is not a county of Jiangxi; write the county name (东湖区) or its code (360102)"
                 + (divisions.city(named: areaText) != nil ? ", or import the file with --county CODE when the whole file is of one county" : ""))
        }
        var phone = ""
        let rawPhone = header.value(.guardianPhone, in: fields)
        if !rawPhone.isEmpty {
            do { phone = try PhoneNumber.normalise(rawPhone) } catch { fail(.guardianPhone, error.code, error.message) }
        }
        let rawPrior = required(.priorVaccination)
        var prior = false
        if !rawPrior.isEmpty {
            if let p = parsePrior(rawPrior) { prior = p } else {
                fail(.priorVaccination, "bad_answer", "既往HPV疫苗接种情况 \"\(HPVError.clip(rawPrior))\" is not an answer; write 无 (never vaccinated) or 有")
            }
        }
        let rawConsent = header.value(.consent, in: fields)
        var consent = Consent.unknown
        var reason = header.value(.refusalReason, in: fields)
        if !rawConsent.isEmpty {
            if let (c, r) = parseConsent(rawConsent) {
                consent = c
                if reason.isEmpty { reason = r }
            } else {
                fail(.consent, "bad_answer", "是否愿意接种 \"\(HPVError.clip(rawConsent))\" is not an answer; write 是 or 否 (a reason may follow 否)")
            }
        }
        let className = capped(.className, header.value(.className, in: fields))
        let guardianName = capped(.guardianName, header.value(.guardianName, in: fields))
        if consent == .declined { reason = capped(.refusalReason, reason) }
        guard errors.isEmpty, let id, let county else { return .failure(RowErrors(errors: errors)) }
        return .success(RosterRow(row: row, residentID: id, name: name, county: county, areaText: areaText,
                                  school: school, className: className, guardianName: guardianName, guardianPhone: phone,
                                  priorVaccination: prior, consent: consent, refusalReason: consent == .declined ? reason : ""))
    }

    static func parsePrior(_ raw: String) -> Bool? {
        if let answer = FormAnswer.parse(raw) { return answer }
        let t = raw.trimmingSpaces()
        if t.hasPrefix("无") || t.hasPrefix("未") || t.hasPrefix("否") { return false }
        if t.hasPrefix("有") || t.hasPrefix("已") || t.hasPrefix("是") { return true }
        return nil
    }

    /// `是`, `否`, or `否（已自费接种）` / `否,担心副作用`: a refusal may carry its reason.
    static func parseConsent(_ raw: String) -> (Consent, String)? {
        if let answer = FormAnswer.parse(raw) { return (answer ? .given : .declined, "") }
        let t = raw.trimmingSpaces()
        for prefix in ["不愿意", "不同意", "否", "no", "n"] where t.lowercased().hasPrefix(prefix) {
            let rest = t.dropFirst(prefix.count).trimmingCharacters(in: " ,，:：;；()（）-—")
            return (.declined, rest)
        }
        for prefix in ["愿意", "同意", "是"] where t.hasPrefix(prefix) { return (.given, "") }
        return nil
    }
}

public struct RowErrors: Error, Sendable {
    public let errors: [RowError]
}

extension Divisions {
    /// The city code a 地区 cell names when it names only a city (`南昌市`, `江西省南昌市`, `南昌`).
    func city(named raw: String) -> String? {
        var text = String(raw.unicodeScalars.filter { $0 != " " && $0 != "\u{3000}" && $0 != "\t" })
        if text.hasPrefix("江西省") { text = String(text.dropFirst(3)) }
        guard !text.isEmpty else { return nil }
        return cities.first { $0.value == text || $0.value == text + "市" }?.key
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) || f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, set.contains(l) || l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
