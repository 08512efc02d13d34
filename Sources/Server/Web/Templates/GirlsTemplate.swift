/// HPV 名单: every girl of the area with her status, filtered by school and status, paged.
enum GirlsTemplate {
    static let text = #"""
<h1>HPV 名单 <small>{{today}}</small></h1>
<form method="get" action="/girls" class="card" id="girls-filter">
  <label>学校 <select name="school"><option value="">全部</option>{{#schools}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/schools}}</select></label>
  <label>状态 <select name="status"><option value="">全部</option>{{#statuses}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></label>
  <button type="submit">筛选</button>
</form>
<p>共 <strong id="girls-total">{{total}}</strong> 人。第 {{page}} / {{pages}} 页。{{#mayRegister}}　<a href="/register">登记未列入名册的女生</a>{{/mayRegister}}</p>
{{#schoolFile}}<p id="school-file">{{school}} 的学生接种情况（按附3名册格式，含剂次日期、状态和下次接种日期，供学校督促未接种学生）：<a href="/roster-status.xlsx?{{query}}" id="school-xlsx">下载 Excel</a>　<a href="/roster-status.csv?{{query}}" id="school-csv">下载 CSV</a></p>{{/schoolFile}}
<table class="list" id="girls">
<thead><tr><th>姓名</th><th>身份证号</th><th>出生日期</th><th>状态</th><th>说明</th><th>有效剂次</th><th>学校</th><th>班级</th></tr></thead>
<tbody>
{{#lines}}<tr><td><a href="/girls/{{person}}">{{name}}</a></td><td>{{idMasked}}</td><td>{{birthDate}}</td><td>{{status}}</td><td>{{reason}}</td><td>{{validDoses}}</td><td>{{school}}</td><td>{{className}}</td></tr>{{/lines}}
{{^lines}}<tr><td colspan="8">没有符合条件的学生</td></tr>{{/lines}}
</tbody>
</table>
<nav class="pages">{{#prev}}<a href="/girls?{{query}}page={{prev}}">上一页</a>{{/prev}} {{#next}}<a href="/girls?{{query}}page={{next}}" id="next-page">下一页</a>{{/next}}</nav>
"""#
}

/// AEFI 列表: suspected adverse events of the area, serious ones flagged, by lot.
enum AEFITemplate {
    static let text = #"""
<h1>疑似预防接种异常反应（AEFI）</h1>
<form method="get" action="/aefi" class="card" id="aefi-filter">
  <label>批号 <select name="lot"><option value="">全部</option>{{#lotChoices}}<option value="{{lot}}"{{#selected}} selected{{/selected}}>{{lot}}</option>{{/lotChoices}}</select></label>
  <label><input type="checkbox" name="serious" value="true"{{#seriousOnly}} checked{{/seriousOnly}}> 仅严重</label>
  <button type="submit">筛选</button>
</form>
<h2>按批号</h2>
<table class="list" id="aefi-lots">
<thead><tr><th>疫苗</th><th>批号</th><th>事件数</th><th>严重</th></tr></thead>
<tbody>{{#lots}}<tr><td>{{product}}</td><td>{{lot}}</td><td>{{events}}</td><td>{{serious}}</td></tr>{{/lots}}
{{^lots}}<tr><td colspan="4">无</td></tr>{{/lots}}</tbody>
</table>
<h2>事件 <small id="aefi-total">{{total}}</small></h2>
<table class="list" id="aefi">
<thead><tr><th>姓名</th><th>身份证号</th><th>接种日期</th><th>疫苗</th><th>批号</th><th>发生时间</th><th>症状</th><th>严重</th><th>转归</th><th>报告人</th><th>处置</th></tr></thead>
<tbody>
{{#events}}<tr class="{{#serious}}overdue{{/serious}}"><td><a href="/aefi/{{event}}">{{name}}</a></td><td>{{id}}</td><td>{{doseDate}}</td><td>{{product}}</td><td>{{lot}}</td><td>{{onset}}</td><td>{{symptoms}}</td><td>{{#serious}}<strong>严重</strong>{{/serious}}{{^serious}}否{{/serious}}</td><td>{{outcome}}</td><td>{{reporter}}</td><td><a href="/aefi/{{event}}">{{state}}</a></td></tr>{{/events}}
{{^events}}<tr><td colspan="11">无</td></tr>{{/events}}
</tbody>
</table>
<nav class="pages">第 {{page}} / {{pages}} 页 {{#prev}}<a href="/aefi?{{query}}page={{prev}}">上一页</a>{{/prev}} {{#next}}<a href="/aefi?{{query}}page={{next}}" id="next-page">下一页</a>{{/next}}</nav>
"""#
}
