import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore

/// The zh-CN web pages for the clinic: server-rendered, a session cookie (HttpOnly, SameSite=Strict,
/// Secure unless told otherwise), a CSRF token in every form.
public struct ClinicWeb: Sendable {
    public let services: ClinicServices
    let pages: Pages
    static let loginCookie = "sv_login"
    /// A one-time message for the next page (after a redirect).
    static let flashCookie = "sv_flash"

    public init(services: ClinicServices) throws {
        self.services = services
        self.pages = try Pages()
    }

    /// Registers the pages on a router (the server's extension point for route groups).
    public func addRoutes<R: RouterMethods>(to router: R) {
        router.get("/") { request, _ in self.respond(request) { try self.home(request) } }
        router.get("/static/app.css") { _, _ in
            var r = Reply.bytes(Data(StyleSheet.text.utf8), contentType: "text/css; charset=utf-8", status: .ok)
            r.headers[.cacheControl] = "max-age=3600"
            return r
        }
        router.get("/login") { request, _ in self.respond(request) { self.loginPage(request, error: nil, status: .ok) } }
        router.post("/login") { request, context in
            await self.respondAsync(request) { try await self.login(request, client: ClientAddress.of(context)) }
        }
        router.post("/logout") { request, _ in await self.respondAsync(request) { try await self.logout(request) } }
        for route in controllers.flatMap(\.routes) {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                await self.respondAsync(request) { try await route.handler(request, context.parameters) }
            }
        }
    }

    /// One controller per part of the app (work list, roster, transfers, screening, recall, reports…).
    var controllers: [any PageController] {
        [CallsPages(web: self), HPVFieldPages(web: self), HPVListPages(web: self), RecallPages(web: self), ReportPages(web: self), RosterPages(web: self), ScreeningPages(web: self), ScreeningRegistrationPages(web: self), ScreeningWorkPages(web: self), TransferPages(web: self), WorkPages(web: self)]
    }

    // MARK: plumbing

    func respond(_ request: Request, _ body: () throws -> Response) -> Response {
        do { return try body() } catch { return errorPage(error, request) }
    }

    func respondAsync(_ request: Request, _ body: () async throws -> Response) async -> Response {
        do { return try await body() } catch { return errorPage(error, request) }
    }

    struct LoginRequired: Error {}

    func errorPage(_ error: any Error, _ request: Request) -> Response {
        if error is LoginRequired { return Reply.redirect("/login") }
        let e = HTTPFailure.from(error)
        let text = e.status == .notFound ? "找不到该记录（或不在您的辖区内）。"
            : e.code == "forbidden" ? "您的角色无权进行此操作。"
            : e.pageMessage ?? (error as? any UserError).map(Labels.refusal) ?? e.message
        var page = Pages.Frame(error: text)
        if let caller = try? Caller.resolve(request, services: services), caller.viaCookie { page = frame(caller, current: "", error: text) }
        var r = Reply.html(pages.render("message", title: "出错了", values: ["heading": "出错了"], frame: page), status: e.status)
        if let s = e.retryAfter { r.headers[.retryAfter] = String(s) }
        return r
    }

    /// The session of a page request, or a redirect to the login page.
    func session(_ request: Request, requires action: Action? = nil) throws -> Caller {
        guard let caller = try Caller.resolve(request, services: services), caller.viaCookie else { throw LoginRequired() }
        if let action { try caller.require(action) }
        return caller
    }

    /// A form's CSRF token must be the session's.
    func checkCSRF(_ token: String, _ caller: Caller) throws {
        guard !token.isEmpty, token == caller.session.csrfToken else { throw HTTPFailure.csrf }
    }

    /// A page of a logged-in user; shows (and clears) the one-time message a redirect left in a cookie.
    func page(_ template: String, title: String, values: [String: Any], caller: Caller, request: Request, current: String,
              error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let flash = request.cookies[ClinicWeb.flashCookie]?.value.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
        var r = Reply.html(pages.render(template, title: title, values: values, frame: frame(caller, current: current, flash: flash, error: error)),
                           status: status)
        if flash != nil { r.setCookie(cookie(ClinicWeb.flashCookie, "", maxAge: 0)) }
        return r
    }

    /// A redirect after a change, with a one-time message for the page it leads to.
    func redirect(_ location: String, flash: String) -> Response {
        var r = Reply.redirect(location)
        r.setCookie(cookie(ClinicWeb.flashCookie, flash.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "", maxAge: 60))
        return r
    }

    func frame(_ caller: Caller, current: String, flash: String? = nil, error: String? = nil) -> Pages.Frame {
        Pages.Frame(session: caller.session, areaName: areaName(caller.user.area), current: current, flash: flash, error: error)
    }

    func areaName(_ area: Jurisdiction) -> String { services.areaName(area) }

    func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: services.secureCookies, httpOnly: true, sameSite: .strict)
    }

    // MARK: login

    func home(_ request: Request) throws -> Response {
        guard let caller = try Caller.resolve(request, services: services), caller.viaCookie else { return Reply.redirect("/login") }
        return Reply.redirect(Pages.nav(caller.user.role).first?.href ?? "/sync")
    }

    func loginPage(_ request: Request, error: String?, status: HTTPResponse.Status, username: String = "") -> Response {
        let token = SessionToken.make()
        var r = Reply.html(pages.render("login", title: "登录", values: ["csrf": token, "username": username],
                                        frame: .init(error: error)), status: status)
        r.setCookie(cookie(ClinicWeb.loginCookie, token, maxAge: 3600))
        return r
    }

    func login(_ request: Request, client: String?) async throws -> Response {
        let form = try await FormBody.read(request)
        // The login form carries a token that must match its cookie: another site cannot post it.
        guard let expected = request.cookies[ClinicWeb.loginCookie]?.value, !expected.isEmpty, form["csrf"] == expected else {
            return loginPage(request, error: "登录页已过期，请重新输入。", status: .forbidden)
        }
        do {
            let login = try services.authenticator.login(username: form["username"], password: form.fields["password"] ?? "", client: client)
            // The day's work list of her area is built now, while she waits for the login anyway: the
            // first 今日工作 page then costs a slice, and later writes update it girl by girl.
            if login.user.may(.readHPV) {
                _ = try? services.dueList(area: login.user.area, asOf: services.today, limit: 0)
            }
            var r = Reply.redirect("/")
            r.setCookie(cookie(Caller.cookieName, login.token))
            r.setCookie(cookie(ClinicWeb.loginCookie, "", maxAge: 0))
            return r
        } catch let e as AccountsError {
            // What was typed goes back into the form, but never more than a username can be.
            return loginPage(request, error: e.loginPageText, status: e.isLoginLimit ? .tooManyRequests : .unauthorized, username: String(form["username"].prefix(Username.maximumLength)))
        }
    }

    func logout(_ request: Request) async throws -> Response {
        let caller = try session(request)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        try services.authenticator.logout(token: caller.token)
        var r = Reply.redirect("/login")
        r.setCookie(cookie(Caller.cookieName, "", maxAge: 0))
        return r
    }
}

/// One part of the web app's pages: its routes and its handlers, with the app's plumbing (the
/// session, the error page, rendering) from `ClinicWeb`.
protocol PageController: Sendable {
    var web: ClinicWeb { get }
    var routes: [HTTPRoute] { get }
}

extension PageController {
    var services: ClinicServices { web.services }
    var pages: Pages { web.pages }

    func session(_ request: Request, requires action: Action? = nil) throws -> Caller { try web.session(request, requires: action) }

    func checkCSRF(_ token: String, _ caller: Caller) throws { try web.checkCSRF(token, caller) }

    func redirect(_ location: String, flash: String) -> Response { web.redirect(location, flash: flash) }

    func frame(_ caller: Caller, current: String, flash: String? = nil, error: String? = nil) -> Pages.Frame {
        web.frame(caller, current: current, flash: flash, error: error)
    }

    func areaName(_ area: Jurisdiction) -> String { web.areaName(area) }

    func page(_ template: String, title: String, values: [String: Any], caller: Caller, request: Request, current: String,
              error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        web.page(template, title: title, values: values, caller: caller, request: request, current: current, error: error, status: status)
    }
}
