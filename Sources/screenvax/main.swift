import ArgumentParser
import Foundation
import ScreenVaxCore
#if canImport(Glibc)
import Glibc
#endif

// Everything this process creates (the registry and its -wal/-shm, exports, errors files) holds
// residents' IDs and phones: readable by its owner only.
umask(0o077)

// Global options may stand before the subcommand (`screenvax --db F hpv due`); ArgumentParser
// only reads them after it, so they are moved to the end where every subcommand accepts them.
let arguments = GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst()))
let code = await ScreenVax.runCommand(arguments)
exit(code)
