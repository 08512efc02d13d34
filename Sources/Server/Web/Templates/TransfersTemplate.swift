/// 转入申请: requests to decide (girls of this area another county asks for), requests made, and the request form.
enum TransfersTemplate {
    static let text = #"""
<h1>学生跨县区转入</h1>
<p>名册导入不会把已在其他县区登记的学生转到本辖区。转入由接收县区申请，学生原登记县区（或同时管辖两地的市、省级用户）确认后生效。</p>
<h2>待本辖区处理（学生现登记在本辖区）</h2>
<table class="list" id="incoming">
<thead><tr><th>姓名</th><th>身份证号</th><th>现登记</th><th>申请转入</th><th>新学校 班级</th><th>申请人</th><th>申请时间</th><th>处理</th></tr></thead>
<tbody>
{{#incoming}}
<tr data-transfer="{{id}}">
  <td>{{name}}</td><td>{{idMasked}}</td><td>{{from}}</td><td>{{to}}</td><td>{{school}} {{className}}</td><td>{{requestedBy}}</td><td>{{requestedAt}}</td>
  <td>{{#mayDecide}}
    <form method="post" action="/transfers/{{id}}/confirm" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="confirm">同意转出</button></form>
    <form method="post" action="/transfers/{{id}}/decline" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input name="reason" size="10" placeholder="拒绝原因" aria-label="拒绝原因"><button type="submit" class="decline">拒绝</button></form>
  {{/mayDecide}}</td>
</tr>
{{/incoming}}
{{^incoming}}<tr><td colspan="8">无</td></tr>{{/incoming}}
</tbody>
</table>
<h2>本辖区提出的申请</h2>
<table class="list" id="outgoing">
<thead><tr><th>姓名</th><th>身份证号</th><th>现登记</th><th>申请转入</th><th>新学校 班级</th><th>申请人</th><th>申请时间</th></tr></thead>
<tbody>
{{#outgoing}}<tr data-transfer="{{id}}"><td>{{name}}</td><td>{{idMasked}}</td><td>{{from}}</td><td>{{to}}</td><td>{{school}} {{className}}</td><td>{{requestedBy}}</td><td>{{requestedAt}}</td></tr>{{/outgoing}}
{{^outgoing}}<tr><td colspan="7">无</td></tr>{{/outgoing}}
</tbody>
</table>
{{#mayRequest}}
<h2>申请转入</h2>
<form method="post" action="/transfers" class="card" id="transfer-request">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label>身份证号<input name="resident_id" required size="20" autocomplete="off"></label>
  <label>姓名<input name="name" required size="8"></label>
  <label>转入县区<select name="to_county">{{#counties}}<option value="{{code}}">{{name}}</option>{{/counties}}</select></label>
  <label>新学校<input name="school" size="16"></label>
  <label>班级<input name="class" size="8"></label>
  <label>监护人<input name="guardian_name" size="8"></label>
  <label>监护人电话<input name="guardian_phone" size="12"></label>
  <button type="submit">提交申请</button>
</form>
{{/mayRequest}}
"""#
}
