import ScreenVaxCore

/// The dashboard's HTML: one frame (title, the officer's area, the menu, logout with its CSRF
/// token), tables and forms. Every value written into a page goes through `HTMLText.escape`.
enum DashboardHTML {
    static let style = """
        body{font-family:sans-serif;margin:0;color:#222}header{background:#1f5f8b;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center}
        header a{color:#fff}header form{margin-left:auto}main{padding:16px}table{border-collapse:collapse;margin:8px 0 24px}
        td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
        .error{color:#c62828}nav a.current{font-weight:bold;text-decoration:none}
        """

    static let menu = [("/coverage", "HPV疫苗覆盖率"), ("/screening", "孕产妇和新生儿筛查率"), ("/conflicts", "跨县重复与冲突"),
                       ("/supervision", "辅助决策与随访监管")]

    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(e(title)) - 江西省筛查与接种平台</title>
        <style>\(style)</style></head><body>\(body)</body></html>
        """
    }

    /// A page of a logged-in officer.
    static func frame(title: String, current: String, areaName: String, session: OfficerAccounts.Session, body: String) -> String {
        let nav = menu.map { href, label in
            "<a href=\"\(href)\"\(href == current ? " class=\"current\"" : "")>\(e(label))</a>"
        }.joined(separator: " ")
        return document(title: title, body: """
            <header><strong>江西省筛查与接种平台</strong><span>\(e(areaName)) · \(e(session.officer.username))</span><nav>\(nav)</nav>
            <form method="post" action="/logout"><input type="hidden" name="csrf" value="\(e(session.csrfToken))"><button>退出</button></form></header>
            <main><h1>\(e(title))</h1>\(body)</main>
            """)
    }

    static func login(csrf: String, username: String, error: String?) -> String {
        document(title: "登录", body: """
            <main><h1>省级平台登录</h1>\(error.map { "<p class=\"error\">\(e($0))</p>" } ?? "")
            <form method="post" action="/login"><input type="hidden" name="csrf" value="\(e(csrf))">
            <p><label>用户名 <input name="username" value="\(e(username))" maxlength="64" autocomplete="username" required></label></p>
            <p><label>密码 <input type="password" name="password" maxlength="200" autocomplete="current-password" required></label></p>
            <p><button>登录</button></p></form></main>
            """)
    }

    static func message(_ text: String) -> String {
        document(title: "出错了", body: "<main><h1>出错了</h1><p class=\"error\">\(e(text))</p><p><a href=\"/coverage\">返回</a></p></main>")
    }

    /// A table: the header row and the rows, every cell escaped.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "<table><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
        for row in rows { out += "<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }
        return out + "</table>"
    }

    /// A GET form of dates (the period or the as-of date of a page).
    static func dates(_ fields: [(name: String, label: String, value: String)], csv: String) -> String {
        "<form method=\"get\">" + fields.map { "<label>\(e($0.label)) <input type=\"date\" name=\"\($0.name)\" value=\"\(e($0.value))\"></label> " }.joined()
            + "<button>查询</button> <a href=\"\(e(csv))\">下载CSV</a></form>"
    }

    static func percent(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }

    static func e(_ s: String) -> String { HTMLText.escape(s) }
}
