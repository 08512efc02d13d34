import ArgumentParser
import HPV
import ScreenVaxCore

struct HPVRegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register a girl of the cohort whom no school roster lists (户籍 in the county); she joins the work lists.")

    @Option(help: "Resident ID of the girl.") var id: String
    @Option(help: "Her name as on her ID card.") var name: String
    @Option(help: "County of her 户籍: 6-digit code (360102) or name (南昌市东湖区).") var county: String
    @Option(name: .customLong("guardian-name"), help: "Guardian's name.") var guardianName: String
    @Option(name: .customLong("guardian-phone"), help: "Guardian's phone.") var guardianPhone: String
    @Option(help: "Her school, when she has one.") var school: String = ""
    @Option(name: .customLong("class"), help: "Her class, when she has one.") var className: String = ""
    @Flag(name: .customLong("consent-given"), help: "The guardian gave consent at the clinic as she was registered (needs --consent-by).")
    var consentGiven = false
    @Option(name: .customLong("consent-by"), help: "Who signed the consent form (the guardian's name).") var consentBy: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let signer = try clinicConsentSigner(given: consentGiven, by: consentBy)
        let context = try HPVCommandContext(global)
        let out = try GirlRegistering.register(context.database, context: context.hpv, input: RegistrationInput(
            id: id, name: name, county: county, guardianName: guardianName, guardianPhone: guardianPhone, school: school, className: className,
            consentBy: signer))
        if output.format == .json { return try JSONOutput.print(out) }
        print("registered \(out.idMasked) in \(out.county): \(out.status)")
    }
}
