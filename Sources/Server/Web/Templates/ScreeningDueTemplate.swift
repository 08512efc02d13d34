/// 筛查待办: what is due in the area, most urgent first, with a link to enter the result.
enum ScreeningDueTemplate {
    static let text = #"""
<h1>筛查待办 <small>{{asOf}}</small></h1>
<p>待筛查 <strong id="screening-due-total">{{total}}</strong> 项，窗口最先关闭的在前。第 {{page}} / {{pages}} 页。</p>
<table class="list" id="screening-due">
<thead><tr><th>对象</th><th>姓名</th><th>身份证号</th><th>项目</th><th>状态</th><th>窗口</th><th>剩余天数</th><th>电话</th><th>县区</th>{{#canRecord}}<th>录入</th>{{/canRecord}}</tr></thead>
<tbody>
{{#lines}}
<tr class="{{rowClass}}" data-subject="{{subjectID}}">
  <td>{{subject}}</td><td>{{#pregnancy}}<a href="/screening/pregnancies/{{subjectID}}">{{name}}</a>{{/pregnancy}}{{^pregnancy}}{{name}}{{/pregnancy}}</td><td>{{id}}</td>
  <td>{{service}}</td><td>{{status}}</td><td>{{opens}} – {{closes}}</td><td>{{daysLeft}}</td><td>{{phone}}</td><td>{{county}}</td>
  {{#canRecord}}<td><a href="{{entryHref}}">录入结果</a></td>{{/canRecord}}
</tr>
{{/lines}}
{{^lines}}<tr><td colspan="10">没有待筛查的项目</td></tr>{{/lines}}
</tbody>
</table>
<nav class="pages">{{#prev}}<a href="/screening/due?page={{prev}}&amp;as_of={{asOf}}">上一页</a>{{/prev}} {{#next}}<a href="/screening/due?page={{next}}&amp;as_of={{asOf}}">下一页</a>{{/next}}</nav>
"""#
}

/// 筛查报表: one service's screening rate per area against its target, the table, the CSV.
enum ScreeningReportTemplate {
    static let text = #"""
<h1>孕产期和新生儿筛查报表 <small>{{from}} 至 {{to}}</small></h1>
<form method="get" action="/reports/screening" class="card">
  <input type="hidden" name="service" value="{{service.code}}">
  <label>自 <input name="from" value="{{from}}" size="11"></label> <label>至 <input name="to" value="{{to}}" size="11"></label>
  <button type="submit">查询</button>
  <a href="/reports/screening.csv?from={{from}}&amp;to={{to}}" id="screening-csv">下载 CSV（全部项目）</a>
</form>
<nav class="pages">{{#services}}<a href="/reports/screening?service={{code}}&amp;from={{from}}&amp;to={{to}}"{{#current}} aria-current="page"{{/current}}>{{name}}</a> {{/services}}</nav>
<figure class="card" id="screening-chart">{{{chart}}}<figcaption>{{service.name}}：{{chartBy}}筛查率与目标（虚线为 {{service.target}} 目标线）</figcaption></figure>
<table class="list" id="screening-report">
<thead><tr><th>地区</th><th>筛查数</th><th>应筛数</th><th>筛查率</th><th>目标</th><th>计划数</th><th>阳性</th><th>已召回</th><th>已诊断</th><th>确诊</th><th>补助（元）</th></tr></thead>
<tbody>{{#lines}}<tr><td>{{name}}</td><td>{{screened}}</td><td>{{denominator}}</td><td>{{rate}}</td><td>{{target}}</td><td>{{planned}}</td><td>{{positives}}</td><td>{{recalled}}</td><td>{{diagnosed}}</td><td>{{confirmed}}</td><td>{{subsidy}}</td></tr>{{/lines}}</tbody>
</table>
<p>补助合计 {{subsidyTotal}} 元：省级 {{subsidyProvince}} 元，市县 {{subsidyLocal}} 元。</p>
"""#
}
