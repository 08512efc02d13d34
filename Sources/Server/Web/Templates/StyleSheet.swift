/// The one stylesheet, served as /static/app.css (no build step).
enum StyleSheet {
    static let text = """
    body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
    header{display:flex;gap:1em;align-items:center;background:#1f5f8b;color:#fff;padding:.5em 1em}
    header nav a{color:#fff;margin-right:1em;text-decoration:none}header nav a[aria-current]{text-decoration:underline}
    header .who{margin-left:auto}main{padding:1em 1.5em}form.inline{display:inline}
    .card{background:#fff;border:1px solid #d8dee6;border-radius:6px;padding:1em;margin:1em 0}.narrow{max-width:22em}
    .card label{display:block;margin:.5em 0}dl.card{display:grid;grid-template-columns:8em 1fr;gap:.3em}
    table.list{border-collapse:collapse;background:#fff;width:100%}table.list th,table.list td{border:1px solid #d8dee6;padding:.3em .5em;text-align:left}table.list th{white-space:nowrap}
    tr.closing td{background:#fde8e8}tr.overdue td{background:#fff4e0}
    .flash{background:#e6f4ea;padding:.5em}.error{background:#fde8e8;padding:.5em}form.dose input,form.dose select{font-size:90%}
    small{color:#5a6b7d;font-weight:normal}nav.pages a[aria-current]{font-weight:bold;color:#1d2733;text-decoration:none}
    form.outcomes button{margin:.1em;font-size:90%}td.script{max-width:22em;font-size:90%}button.reveal{font-size:80%}
    .assist{border-left:4px solid #1f5f8b;background:#fff;padding:.5em 1em;margin:.5em 0}.assist.warning{border-color:#d97706}.assist.critical{border-color:#c0392b}
    .assist pre{white-space:pre-wrap;font-family:inherit;margin:.3em 0}
    """
}
