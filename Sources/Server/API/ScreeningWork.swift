import Accounts
import Foundation
import GRDB
import ScreenVaxCore
import Screening
import Store

/// Screening results entered at the clinic, for pregnancies and newborns of the caller's area.
extension ClinicServices {
    /// `screening result` for a pregnancy or a newborn (exactly one) of the caller's area.
    public func recordScreeningResult(_ caller: Caller, pregnancy: String?, newborn: String?, service: String, date: String,
                                      values: [(key: String, value: String)], institution: String) throws -> RecordedResult {
        let p = pregnancy.flatMap { $0.isEmpty ? nil : $0 }, n = newborn.flatMap { $0.isEmpty ? nil : $0 }
        guard (p == nil) != (n == nil) else {
            throw HTTPFailure(.unprocessableContent, code: "bad_subject", message: "give exactly one of pregnancy or newborn (their ids)")
        }
        guard let time = ClinicalTime(date) else { throw ScreeningError.badTime(date, field: "date") }
        let context = try screeningContext(caller.user)
        let area = caller.user.area
        let input = ResultInput(service: service, performed: time, institution: institution, values: values)
        return try database.write { db in
            let subject = try ResultRecording.subject(db, pregnancyUUID: p.map(PregnancyID.init), newbornUUID: n.map(NewbornID.init))
            guard area.contains(countyCode: subject.pregnancy.countyCode, cityCode: subject.pregnancy.cityCode) else { throw HTTPFailure.notFound }
            return try ResultRecording.record(db, context: context, subject: subject, input: input)
        }
    }
}
