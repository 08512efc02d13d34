/// Result entry for one screening service: each field with its unit and plausible range beside it.
enum ScreeningTemplate {
    static let text = #"""
<h1>筛查结果录入</h1>
<nav class="pages">{{#services}}<a href="/screening?service={{code}}"{{#current}} aria-current="page"{{/current}}>{{name}}</a> {{/services}}</nav>
{{#service}}
<form method="post" action="/screening/results" class="card" id="result-form">
  <h2>{{name}} <small>{{subjectLabel}}</small></h2>
  <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="service" value="{{code}}">
  <label>{{subjectLabel}}编号 <input name="subject" required size="40" placeholder="登记时给出的编号" value="{{subjectID}}"></label>
  <input type="hidden" name="subject_kind" value="{{subject}}">
  <label>检查日期 <input name="date" value="{{today}}" size="16" placeholder="YYYY-MM-DD 或 YYYY-MM-DDTHH:MM"></label>
  <label>检查机构 <select name="institution"><option value="">（未填）</option>{{#institutions}}<option value="{{code}}">{{name}}</option>{{/institutions}}</select></label>
  <table class="list"><thead><tr><th>项目</th><th>结果</th><th>单位</th><th>合理范围</th></tr></thead><tbody>
  {{#fields}}<tr><td>{{key}}</td><td>{{#hasChoices}}<select name="v.{{key}}"><option value=""></option>{{#choices}}<option value="{{value}}">{{label}}</option>{{/choices}}</select>{{/hasChoices}}{{^hasChoices}}<input name="v.{{key}}" size="10" placeholder="{{placeholder}}">{{/hasChoices}}</td><td>{{unit}}</td><td>{{range}}</td></tr>{{/fields}}
  </tbody></table>
  <button type="submit">保存结果</button>
</form>
{{/service}}
"""#
}
