import ArgumentParser
import HPV
import ScreenVaxCore

struct HPVTransferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Move a girl's enrolment to another county: request, then confirm or decline (the command line acts as the province office).",
        discussion: """
            A roster never moves a girl between counties. The receiving county requests the transfer (her resident ID \
            and name must match), the county that holds her (or a city or province user over both) confirms or \
            declines it; on confirmation her enrolment moves. Each step is audited with both counties.
            """,
        subcommands: [Request.self, Confirm.self, Decline.self, List.self],
        defaultSubcommand: List.self)

    static func print(_ line: TransferLine, format: OutputFormat) throws {
        if format == .json { return try JSONOutput.print(line) }
        Swift.print("transfer \(line.transferID) of \(line.name) \(line.idMasked): \(line.fromCounty) → \(line.toCounty), \(line.state)")
    }

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "request", abstract: "Request a girl's transfer into a county.")
        @Option(help: "Resident ID of the girl.") var id: String
        @Option(help: "Her name, as on her ID card (must match the register).") var name: String
        @Option(name: .customLong("to-county"), help: "The county that takes her (code or name).") var toCounty: String
        @Option(help: "Her new school.") var school: String?
        @Option(name: .customLong("class"), help: "Her new class.") var className: String?
        @Option(help: "Guardian's name, when it changes.") var guardian: String?
        @Option(name: .customLong("guardian-phone"), help: "Guardian's phone, when it changes.") var guardianPhone: String?
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let context = try HPVCommandContext(global)
            let line = try Transfers.request(context.database, context: context.hpv, input: TransferInput(
                residentID: id, name: name, toCounty: toCounty, school: school, className: className, guardianName: guardian,
                guardianPhone: guardianPhone))
            try HPVTransferCommand.print(line, format: output.format)
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Confirm a pending transfer: her enrolment moves.")
        @Option(help: "The transfer's id (from `hpv transfer list`).") var transfer: String
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let context = try HPVCommandContext(global)
            try HPVTransferCommand.print(try Transfers.confirm(context.database, context: context.hpv, transferID: transfer), format: output.format)
        }
    }

    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "decline", abstract: "Decline a pending transfer: she stays where she is.")
        @Option(help: "The transfer's id (from `hpv transfer list`).") var transfer: String
        @Option(help: "Why, for the county that asked.") var reason: String = ""
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let context = try HPVCommandContext(global)
            try HPVTransferCommand.print(try Transfers.decline(context.database, context: context.hpv, transferID: transfer, reason: reason),
                                         format: output.format)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Pending transfers, oldest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let context = try HPVCommandContext(global)
            let lines = try Transfers.list(context.database, context: context.hpv).incoming
            if output.format == .json { return try JSONOutput.print(lines) }
            Swift.print(Listing(columns: ["transfer", "name", "id", "from", "to", "school", "class", "requested_by", "requested_at"],
                                rows: lines.map { [$0.transferID, $0.name, $0.idMasked, $0.fromCounty, $0.toCounty, $0.school ?? "",
                                                   $0.className ?? "", $0.requestedBy, $0.requestedAt] })
                    .render(output.format), terminator: "")
        }
    }
}
