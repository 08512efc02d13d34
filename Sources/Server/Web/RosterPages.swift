import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore
import Store

/// 名册导入: the roster upload, its counts and first rejected rows, and the whole errors file.
struct RosterPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/roster") { r, _ in try self.roster(r) },
            .post("/roster") { r, _ in try await self.uploadRoster(r) },
            .get("/roster/errors/{batch}") { r, p in try self.rosterErrors(r, p.get("batch") ?? "") },
        ]
    }

    func roster(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .uploadRoster)
        return page("roster", title: "名册导入", values: ["csrf": caller.session.csrfToken], caller: caller, request: request, current: "/roster")
    }

    func uploadRoster(_ request: Request) async throws -> Response {
        let caller = try session(request, requires: .uploadRoster)
        // Checked before a byte of the body is read: the form's action carries the token in its query.
        try checkCSRF(request.uri.queryParameters.get("csrf") ?? request.headers[.xCSRFToken] ?? "", caller)
        let form = try await MultipartForm.read(request)
        let result: (report: RosterImportReport, token: String?)
        do {
            result = try services.importRoster(caller, data: form.file, fileName: form.fileName.isEmpty ? "roster" : form.fileName, dryRun: false)
        } catch let e as TooManyConflicts {
            var r = page("roster", title: "名册导入", values: ["csrf": caller.session.csrfToken], caller: caller, request: request,
                         current: "/roster", error: Labels.hpvError(e) + "（约 \(e.retryAfter) 秒后）", status: .tooManyRequests)
            r.headers[.retryAfter] = String(e.retryAfter)
            return r
        }
        let r = result.report
        let f = r.form
        let formLines = [("学校负责人", f.schoolHead), ("联系人", f.contact), ("联系人电话", f.contactPhone), ("填表日期", f.filledOn)]
            .compactMap { label, value in value.map { "\(label)：\($0)" } }
        var report: [String: Any] = [
            "formTitle": f.title ?? false, "formLines": formLines.isEmpty ? false : formLines.joined(separator: "　"),
            "hasWarnings": !r.warnings.isEmpty,
            "warnings": r.warnings.map { ["row": $0.row, "column": $0.column, "problem": Labels.rowError($0.code), "message": $0.message] as [String: Any] },
            "duplicates": r.duplicates,
            "file": r.file, "rows": r.rows, "imported": r.imported, "unchanged": r.unchanged, "excluded": r.excluded, "rejected": r.rejected,
            "hasErrors": !r.errors.isEmpty, "errorsTotal": r.errorsTotal, "more": r.errorsTotal > r.errors.count ? r.errorsTotal - r.errors.count : false,
            "errors": r.errors.map { ["row": $0.row, "column": $0.column, "problem": Labels.rowError($0.code), "message": $0.message] as [String: Any] },
        ]
        if let token = result.token {
            // The school's file stays on the server for its uploader, downloaded from its own address.
            report["errorsHref"] = "/roster/errors/\(token)"
            let ext = r.format == "xlsx" ? ".xlsx" : ".csv"
            let stem = r.file.lowercased().hasSuffix(ext) ? String(r.file.dropLast(ext.count)) : r.file
            report["errorsName"] = "退回学校-" + stem + ext
            report["errorsKind"] = r.format == "xlsx" ? "Excel" : "CSV"
        }
        let values: [String: Any] = ["csrf": caller.session.csrfToken, "report": report]
        return page("roster", title: "名册导入", values: values, caller: caller, request: request, current: "/roster")
    }

    /// The whole errors file of an upload (its uploader, or her area's clerks; for an hour).
    func rosterErrors(_ request: Request, _ token: String) throws -> Response {
        let caller = try session(request, requires: .uploadRoster)
        var r = Reply.rosterErrors(try services.rosterErrors(caller, token: token), stem: "退回学校")
        r.headers[.cacheControl] = "no-store"
        return r
    }
}
