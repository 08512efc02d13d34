import Accounts
import Foundation
import HPV
import ScreenVaxCore

/// Roster uploads and their errors files, in the uploader's name and area.
extension ClinicServices {
    /// `hpv import` of an uploaded roster, read from memory (through an unlinked private file).
    /// Every rejected row goes to an errors file the uploader downloads from `errorsURL` (the API's
    /// path; the web page links its own).
    public func importRoster(_ caller: Caller, data: Data, fileName: String, dryRun: Bool) throws -> (report: RosterImportReport, token: String?) {
        let (token, errorsPath) = uploads.newErrorsFile()
        var report = try RosterImporting.run(database, context: hpvContext(caller.user),
                                             source: .upload(data, fileName: fileName, folder: uploads.path),
                                             dryRun: dryRun, errorsFile: errorsPath)
        guard report.rejected > 0 else {
            try? FileManager.default.removeItem(atPath: errorsPath)
            return (report, nil)
        }
        uploads.keep(token: token, path: errorsPath, for: caller.user)
        report.errorsURL = "/api/v1/hpv/roster/\(token)/errors"
        return (report, token)
    }

    /// The whole errors file of an upload for its uploader (or her area's clerks), until it expires.
    public func rosterErrors(_ caller: Caller, token: String) throws -> Data {
        guard let path = uploads.errorsFile(token: token, for: caller.user), let data = FileManager.default.contents(atPath: path) else {
            throw HTTPFailure.notFound
        }
        return data
    }
}
