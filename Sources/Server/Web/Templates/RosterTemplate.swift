/// Roster upload and, after it, the counts, the first rejected rows and the whole errors file.
enum RosterTemplate {
    static let text = #"""
<h1>名册导入</h1>
<form method="post" action="/roster?csrf={{csrf}}" enctype="multipart/form-data" class="card">
  <label>学校名册（附3，Excel 工作簿 .xlsx，或 CSV：UTF-8 或 GB18030）<input type="file" name="file" id="roster-file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
  <button type="submit" id="upload">上传并导入</button>
</form>
<p><a href="/transfers">已在其他县区登记的学生：申请转入</a></p>
{{#report}}
<h2>{{file}}</h2>
{{#formTitle}}<p id="roster-form">{{formTitle}}{{#formLines}}　{{formLines}}{{/formLines}}</p>{{/formTitle}}
<p id="roster-counts">共 {{rows}} 行：导入 {{imported}}，未变 {{unchanged}}，排除 {{excluded}}，<strong>退回 {{rejected}}</strong>{{#duplicates}}，重复行 {{duplicates}}{{/duplicates}}</p>
{{#errorsHref}}<p><a href="{{errorsHref}}" download="{{errorsName}}" id="errors-csv">下载退回名单（{{errorsKind}}，含全部错误原因，1 小时内有效）</a></p>{{/errorsHref}}
{{#hasWarnings}}<table class="list" id="roster-warnings"><caption>提醒（已处理，请告知学校）</caption>
<thead><tr><th>行</th><th>列</th><th>问题</th><th>说明</th></tr></thead>
<tbody>{{#warnings}}<tr><td>{{row}}</td><td>{{column}}</td><td>{{problem}}</td><td>{{message}}</td></tr>{{/warnings}}</tbody></table>{{/hasWarnings}}
{{#hasErrors}}
{{#more}}<p id="errors-more">以下仅列出前 1000 条，另有 {{more}} 条见退回名单。</p>{{/more}}
<table class="list" id="roster-errors">
<thead><tr><th>行</th><th>列</th><th>问题</th><th>说明</th></tr></thead>
<tbody>{{#errors}}<tr><td>{{row}}</td><td>{{column}}</td><td>{{problem}}</td><td>{{message}}</td></tr>{{/errors}}</tbody>
</table>
{{/hasErrors}}
{{/report}}
"""#
}
