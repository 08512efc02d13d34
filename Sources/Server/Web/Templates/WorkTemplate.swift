/// 今日工作: the due list, one page, with a record-dose form on each line.
enum WorkTemplate {
    static let text = #"""
<h1>今日工作 <small>{{today}}</small></h1>
<p>应种及逾期 <strong id="due-total">{{total}}</strong> 人，最紧急的在前（接种窗口即将关闭、逾期、应种）。第 {{page}} / {{pages}} 页。</p>
<table class="list" id="due-list">
<thead><tr><th>姓名</th><th>身份证号</th><th>状态</th><th>剂次</th><th>应种日期</th><th>最晚日期</th><th>剩余天数</th><th>学校 班级</th><th>监护人电话</th><th>记录接种</th></tr></thead>
<tbody>
{{#lines}}
<tr class="{{urgencyClass}}" data-person="{{person}}">
  <td><a href="/girls/{{person}}">{{name}}</a></td><td>{{idMasked}}</td><td>{{statusLabel}}</td><td>第{{dose}}剂</td>
  <td>{{due}}</td><td>{{latest}}</td><td>{{daysLeft}}</td><td>{{school}} {{className}}</td><td>{{phoneMasked}}</td>
  <td>
    <form method="post" action="/doses" class="dose">
      <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="person" value="{{person}}">
      <input type="hidden" name="page" value="{{page}}">
      <input name="date" value="{{today}}" size="10" aria-label="接种日期">
      <select name="product" aria-label="疫苗">{{#products}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/products}}</select>
      <input name="lot" value="{{lot}}" size="9" placeholder="批号" aria-label="批号" required>
      <input name="expiry" value="{{expiry}}" size="9" placeholder="有效期" aria-label="有效期" required>
      <input name="consent_by" size="8" placeholder="当场签署同意的监护人" aria-label="当场签署知情同意书的监护人（尚无同意时填写）">
      <button type="submit">记录</button>
    </form>
  </td>
</tr>
{{/lines}}
</tbody>
</table>
<nav class="pages">{{#prev}}<a href="/work?page={{prev}}">上一页</a>{{/prev}} {{#next}}<a href="/work?page={{next}}" id="next-page">下一页</a>{{/next}}</nav>
"""#
}
