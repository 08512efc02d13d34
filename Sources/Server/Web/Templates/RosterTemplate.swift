/// Roster upload and, after it, the counts and the rejected rows.
enum RosterTemplate {
    static let text = #"""
<h1>名册导入</h1>
<form method="post" action="/roster?csrf={{csrf}}" enctype="multipart/form-data" class="card">
  <label>学校名册（附3，CSV：UTF-8 或 GB18030）<input type="file" name="file" id="roster-file" accept=".csv,text/csv" required></label>
  <button type="submit" id="upload">上传并导入</button>
</form>
{{#report}}
<h2>{{file}}</h2>
<p id="roster-counts">共 {{rows}} 行：导入 {{imported}}，未变 {{unchanged}}，排除 {{excluded}}，<strong>退回 {{rejected}}</strong></p>
{{#hasErrors}}
<p><a href="{{errorsHref}}" download="{{errorsName}}" id="errors-csv">下载退回名单（CSV，含错误原因）</a></p>
<table class="list" id="roster-errors">
<thead><tr><th>行</th><th>列</th><th>代码</th><th>说明</th></tr></thead>
<tbody>{{#errors}}<tr><td>{{row}}</td><td>{{column}}</td><td>{{code}}</td><td>{{message}}</td></tr>{{/errors}}</tbody>
</table>
{{/hasErrors}}
{{/report}}
"""#
}
