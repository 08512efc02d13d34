/// 呼叫清单: today's calls of the area, most urgent first, one button per outcome; the handled calls below.
enum CallsTemplate {
    static let text = #"""
<h1>呼叫清单 <small>{{today}}</small></h1>
<p>今日待呼叫 <strong id="calls-open">{{openCount}}</strong> 个，已处理 {{closedCount}} 个（召回、窗口即将关闭、逾期、应种依次在前）。<a href="/calls/escalated">转人工随访清单</a></p>
<table class="list" id="call-list">
<thead><tr><th>优先级</th><th>时间</th><th>联系人</th><th>电话</th><th>事由</th><th>已呼</th><th>状态</th><th>话术</th><th>记录结果</th></tr></thead>
<tbody>
{{#open}}
<tr class="{{priorityClass}}" data-call="{{callID}}">
  <td>{{priority}}</td><td>{{notBefore}}</td><td>{{name}}</td>
  <td>{{#revealed}}<strong class="phone-full">{{phone}}</strong>{{/revealed}}{{^revealed}}{{phone}}
    <form method="post" action="/calls/{{callID}}/phone" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="reveal">显示号码</button></form>{{/revealed}}</td>
  <td>{{reasons}}</td><td>{{attempts}}</td><td>{{status}}{{#lastOutcome}}（上次：{{lastOutcome}}）{{/lastOutcome}}</td>
  <td class="script">{{script}}</td>
  <td>
    <form method="post" action="/calls/{{callID}}/attempts" class="outcomes">
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#outcomes}}<button type="submit" name="outcome" value="{{code}}">{{label}}</button>{{/outcomes}}
    </form>
  </td>
</tr>
{{/open}}
{{^open}}<tr><td colspan="9">今日没有待呼叫的电话（呼叫计划由 <code>screenvax calls plan</code> 每日生成）</td></tr>{{/open}}
</tbody>
</table>
<h2>今日已处理</h2>
<table class="list" id="calls-closed">
<thead><tr><th>优先级</th><th>联系人</th><th>电话</th><th>事由</th><th>已呼</th><th>状态</th><th>最后结果</th></tr></thead>
<tbody>
{{#closed}}<tr data-call="{{callID}}"><td>{{priority}}</td><td>{{name}}</td><td>{{phone}}</td><td>{{reasons}}</td><td>{{attempts}}</td><td>{{status}}</td><td>{{lastOutcome}}</td></tr>{{/closed}}
{{^closed}}<tr><td colspan="7">无</td></tr>{{/closed}}
</tbody>
</table>
<nav class="pages">第 {{page}} / {{pages}} 页 {{#prev}}<a href="/calls?page={{prev}}">上一页</a>{{/prev}} {{#next}}<a href="/calls?page={{next}}" id="next-page">下一页</a>{{/next}}</nav>
"""#
}

/// 转人工随访: home visits and staff calls the queue handed to people.
enum EscalatedTemplate {
    static let text = #"""
<h1>转人工随访 <small>{{today}}</small></h1>
<p>未完成 <strong id="tasks-total">{{total}}</strong> 项（按期限排序）。<a href="/calls">返回呼叫清单</a></p>
<table class="list" id="escalated">
<thead><tr><th>类型</th><th>期限</th><th>原因</th><th>事由</th><th>联系人</th><th>电话</th><th>已呼</th><th>最后结果</th></tr></thead>
<tbody>
{{#tasks}}<tr><td>{{kind}}</td><td>{{due}}</td><td>{{cause}}</td><td>{{reason}}</td><td>{{name}}</td><td>{{phone}}</td><td>{{attempts}}</td><td>{{lastOutcome}}</td></tr>{{/tasks}}
{{^tasks}}<tr><td colspan="8">没有待处理的人工随访</td></tr>{{/tasks}}
</tbody>
</table>
"""#
}
