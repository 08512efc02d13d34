/// One girl: status, doses with their evaluation, the next dose's dates, AEFI, history.
enum GirlTemplate {
    static let text = #"""
<h1>{{name}} <small>{{status}}</small></h1>
<dl class="card">
  <dt>身份证号</dt><dd id="resident-id">{{residentID}}</dd>
  <dt>出生日期</dt><dd>{{birthDate}}</dd>
  <dt>学校 班级</dt><dd>{{school}} {{className}}</dd>
  <dt>监护人</dt><dd>{{guardian}} {{phone}}</dd>
  <dt>知情同意</dt><dd>{{consent}}</dd>
  {{#reason}}<dt>说明</dt><dd>{{reason}}</dd>{{/reason}}
</dl>
<section id="assist-cards">
{{#cards}}<div class="assist {{indicatorClass}}"><strong>【{{indicator}}】{{summary}}</strong><pre>{{detail}}</pre><small>{{source}}{{#suggestions}} · 建议：{{suggestions}}{{/suggestions}}</small></div>{{/cards}}
</section>
<h2>接种记录</h2>
<table class="list" id="doses">
<thead><tr><th>日期</th><th>剂次</th><th>疫苗</th><th>批号</th><th>评估</th><th>计入项目</th><th>接种单位</th></tr></thead>
<tbody>{{#doses}}<tr><td>{{date}}</td><td>{{number}}</td><td>{{product}}</td><td>{{lot}}</td><td>{{valid}}</td><td>{{counts}}</td><td>{{clinic}}</td></tr>{{/doses}}
{{^doses}}<tr><td colspan="7">尚无接种记录</td></tr>{{/doses}}</tbody>
</table>
{{#next}}
<h2>下一剂（第{{dose}}剂）</h2>
<dl class="card"><dt>最早</dt><dd>{{earliest}}</dd><dt>应种</dt><dd>{{due}}</dd><dt>逾期自</dt><dd>{{overdue}}</dd><dt>最晚</dt><dd>{{latest}}</dd></dl>
{{/next}}
<h2>疑似预防接种异常反应（AEFI）</h2>
<table class="list"><thead><tr><th>接种日期</th><th>发生时间</th><th>症状</th><th>严重</th><th>转归</th></tr></thead>
<tbody>{{#aefi}}<tr><td>{{doseDate}}</td><td>{{onset}}</td><td>{{symptoms}}</td><td>{{serious}}</td><td>{{outcome}}</td></tr>{{/aefi}}
{{^aefi}}<tr><td colspan="5">无</td></tr>{{/aefi}}</tbody></table>
<h2>操作记录</h2>
<table class="list"><thead><tr><th>时间</th><th>操作人</th><th>操作</th></tr></thead>
<tbody>{{#history}}<tr><td>{{at}}</td><td>{{operator}}</td><td>{{action}}</td></tr>{{/history}}</tbody></table>
"""#
}
