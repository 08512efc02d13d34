enum MessageTemplate {
    static let text = #"""
<h1>{{heading}}</h1>
<p><a href="/">返回首页</a></p>
"""#
}
