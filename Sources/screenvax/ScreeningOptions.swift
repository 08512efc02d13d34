import ArgumentParser
import ScreenVaxCore
import Screening
import Store

/// `--as-of` and `--county` of a county's work list.
struct WorkListDay: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Date (default today, China Standard Time).") var asOf: String?
    @Option(help: "Only this county (code).") var county: String?

    func day() throws -> CalendarDate { try parseDate(asOf, option: "--as-of") }
}

/// `--from` and `--to` of a screening report: the county's (`report screening`) and the province's
/// (`hub report screening`) read the same period.
struct ScreeningReportDates: ParsableArguments {
    @Option(help: "First day of the period (default: 1 January of the programme's first year).") var from: String?
    @Option(help: "Last day of the period (default: today).") var to: String?
}

/// `--pregnancy` or `--newborn`: whose service a result or a refusal is.
struct SubjectOption: ParsableArguments {
    @Option(help: "The pregnancy id (prenatal services).") var pregnancy: PregnancyID?
    @Option(help: "The newborn id (newborn services).") var newborn: NewbornID?

    func validate() throws {
        guard (pregnancy == nil) != (newborn == nil) else { throw ValidationError("give exactly one of --pregnancy or --newborn") }
    }
}

/// Record ids are typed so that a pregnancy's id cannot be passed where a newborn's is meant; on the
/// command line they are the strings `list` printed.
extension RecordUUID: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
