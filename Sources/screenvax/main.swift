import ArgumentParser
import Foundation
import ScreenVaxCore

// Global options may stand before the subcommand (`screenvax --db F hpv due`); ArgumentParser
// only reads them after it, so they are moved to the end where every subcommand accepts them.
let arguments = GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst()))
let code = await ScreenVax.runCommand(arguments)
exit(code)
