/// The frame of every page: navigation for the user's role, the page's body, the logout button.
enum LayoutTemplate {
    static let text = #"""
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} · ScreenVax 接种与筛查登记</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header>
  <strong>ScreenVax</strong>
  {{#user}}
  <nav>
    {{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/nav}}
  </nav>
  <span class="who">{{username}}（{{roleLabel}}，{{areaName}}）</span>
  <form method="post" action="/logout" class="inline">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <button type="submit" id="logout">退出登录</button>
  </form>
  {{/user}}
</header>
<main>
{{#flash}}<p class="flash" role="status">{{flash}}</p>{{/flash}}
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
{{{body}}}
</main>
</body>
</html>
"""#
}
