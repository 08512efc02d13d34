import ArgumentParser
import Foundation
import HPV
import ScreenVaxCore

struct HPVDoseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dose",
        abstract: "Record an administered HPV dose, then show how it was evaluated.",
        discussion: """
            A dose is a fact: it is stored even when it breaks a programme rule, then evaluated. Refused: \
            an unknown person, a future date, a date before birth, a second dose on the same day, and a \
            girl whose guardian's consent is not given (consent_required) unless this command records \
            it: --consent-given --consent-by NAME (the guardian who signed at the clinic).
            """)

    @Option(help: "Resident ID of the girl.") var id: String
    @Option(help: "Date given (YYYY-MM-DD).") var date: String
    @Option(help: "Product code (cecolin, walrinvax; other HPV vaccines: cervarix, gardasil4, gardasil9).") var product: String
    @Option(help: "Lot number.") var lot: String
    @Option(help: "Lot expiry date (YYYY-MM-DD, or YYYY-MM meaning the month's last day).") var expiry: String
    @Option(help: "Injection site, e.g. left_deltoid.") var site: String = ""
    @Option(help: "Vaccination clinic.") var clinic: String = ""
    @Option(help: "Vaccinator's name.") var vaccinator: String = ""
    @Flag(help: "A dose given elsewhere, recorded from a vaccination certificate.") var historical = false
    @Flag(name: .customLong("consent-given"), help: "The guardian gave consent at the clinic with this dose (needs --consent-by).")
    var consentGiven = false
    @Option(name: .customLong("consent-by"), help: "Who signed the consent at the clinic (the guardian's name).") var consentBy: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let context = try HPVCommandContext(global)
        let rid = try context.residentID(id)
        let signer = try clinicConsentSigner(given: consentGiven, by: consentBy)
        let result = try DoseRecording.record(context.database, context: context.hpv, input: DoseInput(
            girl: .residentID(rid.value), date: date, product: product, lot: lot, expiry: expiry, site: site, clinic: clinic,
            vaccinator: vaccinator, historical: historical,
            consentBy: signer))
        if output.format == .json { return try JSONOutput.print(result) }
        var line = "recorded dose \(result.date.iso) \(result.product) lot \(lot.trimmingSpaces()) for \(rid.masked)"
        if let e = result.evaluation {
            line += ": dose \(e.number), \(e.valid ? "valid" : "not valid")"
            if let r = e.reason { line += " (\(r.rawValue))" }
            line += e.countsForProgramme ? ", counts for the programme" : ", does not count for the programme"
        } else {
            line += " (not on this programme's register: evaluated only when enrolled)"
        }
        print(line)
        if let f = result.forecast {
            print("status: \(f.status.rawValue)" + (f.next.map { ", next dose \($0.dose) due \($0.due.iso), latest \($0.latest.iso)" } ?? ""))
        }
    }
}
