import Foundation
import GRDB
import ScreenVaxCore
import Store

extension ScreeningDemoData {
    /// The lab that did a demo result: the provincial screening centre for specimen services.
    static func institution(_ service: String) -> String {
        ["metabolic", "deaf_gene", "serum", "thal_gene"].contains(service) ? "JX-MCH" : ""
    }

    static let labHeader = "标本编号,母亲身份证号,母亲姓名,出生顺序,检测项目,检测日期,检测机构,结论,"
        + csvColumns.joined(separator: ",") + "\n"

    /// The demo's second lab file, keyed as labs hold results: a specimen service's row by its card
    /// number (the card is collected and received in the registry), any other by the mother's ID,
    /// name and the baby's birth order.
    struct LabFile {
        let handle: FileHandle?
        var buffer = ""
        var cards = 0

        init(handle: FileHandle?) { self.handle = handle }

        mutating func row(_ db: Database, _ demo: ScreeningDemoData, service: String, at: ClinicalTime, values: [(key: String, value: String)],
                          mother: (id: String, name: String), order: Int?, subject: SubjectRef) throws {
            guard let handle else { return }
            var number = ""
            if demo.context.programme.specimens.services.contains(service) {
                cards += 1
                number = String(service.prefix(1)).uppercased() + String(format: "%08d", cards)
                // Collected a day before the result, received the same morning.
                let collected = ClinicalTime(date: at.date.addingDays(-1), minute: 480)
                let card = try SpecimenRecords.insert(db, subject: subject, service: service, number: number, collected: collected,
                                                      institution: "JX-MCH", at: demo.context.audit.timestamp)
                _ = try SpecimenRecords.advance(db, card, to: .received, on: at.date, set: ["received_at": ClinicalTime(date: at.date, minute: 420).description],
                                                subjectUUID: subject.uuid, at: demo.context.audit.timestamp)
            }
            var cells = [number, number.isEmpty ? mother.id : "", number.isEmpty ? mother.name : "", order.map(String.init) ?? "",
                         service, at.description, ScreeningDemoData.institution(service), ""]
            for c in ScreeningDemoData.csvColumns { cells.append(values.first { $0.key == c }?.value ?? "") }
            buffer += cells.joined(separator: ",") + "\n"
            if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
        }

        mutating func flush() {
            if let handle, !buffer.isEmpty { handle.write(Data(buffer.utf8)); buffer = "" }
        }
    }
}
