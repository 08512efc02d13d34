/// The recall board: open cases, overdue first, with the next step to record.
enum RecallTemplate {
    static let text = #"""
<h1>召回工作台 <small>{{today}}</small></h1>
<p>未结案 <strong id="recall-total">{{total}}</strong> 例，其中逾期 {{overdue}} 例（逾期在前，其余按期限排序）。</p>
<table class="list" id="recall-board">
<thead><tr><th>对象</th><th>项目</th><th>开案</th><th>阶段</th><th>高危儿管理</th><th>下一步</th><th>期限</th><th>联系次数</th><th>姓名</th><th>身份证号</th><th>电话</th>{{#canStep}}<th>记录</th>{{/canStep}}</tr></thead>
<tbody>
{{#cases}}
<tr class="{{#overdue}}overdue{{/overdue}}">
  <td>{{subject}}</td><td>{{service}}</td><td>{{opened}}</td><td>{{stage}}</td><td class="management">{{#management}}纳入管理{{/management}}</td><td>{{nextStep}}</td><td>{{deadline}}{{#overdue}}（逾期）{{/overdue}}</td>
  <td>{{attempts}}</td><td>{{name}}</td><td>{{id}}</td><td>{{phone}}</td>
  {{#canStep}}<td>
    <form method="post" action="/recall/steps" class="dose">
      <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="case" value="{{caseID}}">
      <select name="step" aria-label="步骤"><option value="contact">联系</option><option value="counselled">咨询指导</option><option value="referred">转诊</option><option value="diagnosed">确诊</option><option value="managed">管理</option><option value="closed">结案</option><option value="lost">失访</option></select>
      <select name="outcome" aria-label="结果"><option value="reached">已联系上</option><option value="unreachable">未联系上</option><option value="refused">拒绝</option><option value="confirmed">确诊</option><option value="not_confirmed">排除</option><option value="moved">迁出</option></select>
      <select name="institution" aria-label="转诊机构"><option value="">转诊：属地指定机构</option>{{#institutions}}<option value="{{code}}">{{name}}</option>{{/institutions}}</select>
      <input name="detail" size="16" maxlength="200" aria-label="说明" placeholder="咨询内容/排除原因">
      <select name="channel" aria-label="方式"><option value="phone">电话</option><option value="sms">短信</option><option value="home_visit">入户</option><option value="clinic">门诊</option></select>
      <button type="submit">记录</button>
    </form>
  </td>{{/canStep}}
</tr>
{{/cases}}
{{^cases}}<tr><td colspan="12">没有未结案的召回</td></tr>{{/cases}}
</tbody>
</table>
<nav class="pages">第 {{page}} / {{pages}} 页 {{#prev}}<a href="/recall?page={{prev}}">上一页</a>{{/prev}} {{#next}}<a href="/recall?page={{next}}" id="next-page">下一页</a>{{/next}}</nav>
"""#
}
