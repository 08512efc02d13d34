import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScreenVaxCore

/// The province dashboard `hub serve` mounts: zh-CN pages for officers of the province, a city or
/// a county, under the clinic app's rules: a session cookie (HttpOnly, SameSite=Strict, Secure
/// unless served on loopback HTTP), a CSRF token in every form, logins throttled and locked by
/// `LoginPolicy`. Every figure is limited to the officer's area.
extension HubServer {
    static let sessionCookie = "hub_session"
    /// The login form's token, matched against its cookie: another site cannot post the form.
    static let loginCookie = "hub_login"
    /// A form body larger than this is refused (the dashboard's forms are a few fields).
    static let formLimit = 8 << 10

    func addDashboard(to router: Router<HubRequestContext>, accounts: OfficerAccounts) {
        let pages = DashboardPages(server: self)
        router.get("/") { request, _ in
            await self.page(request, accounts) { _ in HubServer.redirect("/coverage") }
        }
        router.get("/login") { _, _ in self.loginPage(error: nil, status: .ok) }
        router.post("/login") { request, context in await self.login(request, context: context, accounts: accounts) }
        router.post("/logout") { request, _ in await self.logout(request, accounts: accounts) }
        router.get("/coverage") { request, _ in await self.page(request, accounts) { try await pages.coverage(request, $0) } }
        router.get("/coverage.csv") { request, _ in await self.page(request, accounts) { try await pages.coverageCSV(request, $0) } }
        router.get("/screening") { request, _ in await self.page(request, accounts) { try await pages.screening(request, $0) } }
        router.get("/screening.csv") { request, _ in await self.page(request, accounts) { try await pages.screeningCSV(request, $0) } }
        router.get("/conflicts") { request, _ in await self.page(request, accounts) { try await pages.conflicts(request, $0) } }
        router.get("/conflicts.csv") { request, _ in await self.page(request, accounts) { try await pages.conflictsCSV(request, $0) } }
        router.get("/supervision") { request, _ in await self.page(request, accounts) { try await pages.supervision(request, $0) } }
        router.get("/assist.csv") { request, _ in await self.page(request, accounts) { try await pages.assistCSV(request, $0) } }
        router.get("/calls.csv") { request, _ in await self.page(request, accounts) { try await pages.callsCSV(request, $0) } }
    }

    /// A page of a logged-in officer: the login page without a session, a page in words for
    /// anything that goes wrong (never PostgreSQL's message).
    func page(_ request: Request, _ accounts: OfficerAccounts,
              _ body: (OfficerAccounts.Session) async throws -> Response) async -> Response {
        do {
            guard let token = request.cookies[HubServer.sessionCookie]?.value,
                  let session = try await accounts.session(token: token) else { return HubServer.redirect("/login") }
            return try await body(session)
        } catch let error as DashboardError {
            return HubServer.html(DashboardHTML.message(error.text), status: error.status)
        } catch {
            logger.error("dashboard error", metadata: ["error": "\(type(of: error))"])
            return HubServer.html(DashboardHTML.message("系统暂时无法读取数据，请稍后再试。"), status: .serviceUnavailable)
        }
    }

    func loginPage(error: String?, status: HTTPResponse.Status, username: String = "") -> Response {
        let token = SessionToken.make()
        var r = HubServer.html(DashboardHTML.login(csrf: token, username: username, error: error), status: status)
        r.setCookie(cookie(HubServer.loginCookie, token, maxAge: 3600))
        return r
    }

    func login(_ request: Request, context: HubRequestContext, accounts: OfficerAccounts) async -> Response {
        let form: [String: String]
        do { form = try await HubServer.form(request) } catch {
            return loginPage(error: "提交的表单无法识别，请重新输入。", status: .badRequest)
        }
        guard let expected = request.cookies[HubServer.loginCookie]?.value, !expected.isEmpty, form["csrf"] == expected else {
            return loginPage(error: "登录页已过期，请重新输入。", status: .forbidden)
        }
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        do {
            let session = try await accounts.login(username: username, password: form["password"] ?? "",
                                                   client: context.channel.remoteAddress?.ipAddress)
            var r = HubServer.redirect("/coverage")
            r.setCookie(cookie(HubServer.sessionCookie, session.token))
            r.setCookie(cookie(HubServer.loginCookie, "", maxAge: 0))
            return r
        } catch let e as AccountsError {
            return loginPage(error: e.loginPageText, status: e.isLoginLimit ? .tooManyRequests : .unauthorized,
                             username: String(username.prefix(Username.maximumLength)))
        } catch {
            logger.error("dashboard login error", metadata: ["error": "\(type(of: error))"])
            return loginPage(error: "系统暂时无法登录，请稍后再试。", status: .serviceUnavailable)
        }
    }

    func logout(_ request: Request, accounts: OfficerAccounts) async -> Response {
        await page(request, accounts) { session in
            let form = try await HubServer.form(request)
            guard let csrf = form["csrf"], !csrf.isEmpty, csrf == session.csrfToken else { throw DashboardError.csrf }
            try await accounts.logout(token: session.token)
            var r = HubServer.redirect("/login")
            r.setCookie(cookie(HubServer.sessionCookie, "", maxAge: 0))
            return r
        }
    }

    func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// A flat `application/x-www-form-urlencoded` body of at most `formLimit` bytes.
    static func form(_ request: Request) async throws -> [String: String] {
        var buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: formLimit) } catch { throw DashboardError.badForm }
        let text = buffer.readString(length: buffer.readableBytes) ?? ""
        do { return try URLEncodedFormDecoder().decode([String: String].self, from: text) } catch { throw DashboardError.badForm }
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        let headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        ]
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    static func csv(_ text: String, fileName: String) -> Response {
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "report.csv"
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
            .contentDisposition: "attachment; filename=\"report.csv\"; filename*=UTF-8''\(encoded)",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

/// What a dashboard request gets wrong, in words for the officer.
enum DashboardError: Error {
    case csrf
    case badForm
    case badDate(String)

    var status: HTTPResponse.Status {
        switch self {
        case .csrf: .forbidden
        case .badForm, .badDate: .badRequest
        }
    }

    var text: String {
        switch self {
        case .csrf: "页面已过期，请刷新后重试。"
        case .badForm: "提交的表单无法识别，请刷新页面后重试。"
        case .badDate(let field): "\(field)应写成 2024-06-30 这样的日期。"
        }
    }
}
