/// 门诊登记: a girl of the cohort whom no school roster lists, registered at the clinic.
enum RegisterGirlTemplate {
    static let text = #"""
<h1>门诊登记（未列入学校名册的女生）</h1>
<p>本县区户籍、属于本项目接种对象但不在任何学校名册上的女生（未在校、在外省就读、新迁入等）。监护人已签署知情同意的，登记后与名册学生一样进入今日工作；未签署的，在“HPV名单”中显示为待知情同意。</p>
<form method="post" action="/register" class="card" id="register-form">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label>身份证号 <input name="id" value="{{id}}" required maxlength="18" autocomplete="off"></label>
  <label>姓名 <input name="name" value="{{name}}" required maxlength="50"></label>
  <label>户籍县区 <select name="county" required>{{#counties}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/counties}}</select></label>
  <label>监护人姓名 <input name="guardian_name" value="{{guardianName}}" required maxlength="50"></label>
  <label>监护人电话 <input name="guardian_phone" value="{{guardianPhone}}" required maxlength="20" inputmode="tel"></label>
  <label>学校（可不填） <input name="school" value="{{school}}" maxlength="100"></label>
  <label>班级（可不填） <input name="class" value="{{className}}" maxlength="50"></label>
  <label><input type="checkbox" name="consent_given" value="1"{{#consentGiven}} checked{{/consentGiven}}> 监护人已在门诊签署知情同意书</label>
  <label>签字人 <input name="consent_by" value="{{consentBy}}" maxlength="50"></label>
  <button type="submit" id="register">登记</button>
</form>
"""#
}

/// 接种时间: the county's own campaign start and first-dose deadline, within the province's.
enum CountyDatesTemplate {
    static let text = #"""
<h1>县区接种时间</h1>
<p>全省：{{provinceStart}} 起接种第一剂次，{{provinceDeadline}} 前完成（{{provinceText}}）。县区可按本地安排设定开始日期和更早的截止日期，不能晚于全省截止日期；设定后本县区的应种、逾期和呼叫清单按本县区日期计算。</p>
<table class="list" id="county-dates">
<thead><tr><th>县区</th><th>开始接种</th><th>第一剂次截止</th><th>来源</th>{{#mayWrite}}<th>设定</th>{{/mayWrite}}</tr></thead>
<tbody>
{{#lines}}<tr data-county="{{code}}"><td>{{county}}</td><td>{{start}}</td><td>{{deadline}}</td><td>{{source}}</td>
{{#mayWrite}}<td><form method="post" action="/county-dates" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="county" value="{{code}}">
<input type="date" name="campaign_start" value="{{start}}" aria-label="开始接种" required> <input type="date" name="first_dose_deadline" value="{{deadline}}" max="{{provinceDeadline}}" aria-label="第一剂次截止" required>
<button type="submit">保存</button></form></td>{{/mayWrite}}</tr>{{/lines}}
</tbody>
</table>
"""#
}

/// 疑似异常反应处置: one event's course and the form for its next step.
enum AEFICourseTemplate {
    static let text = #"""
<h1>疑似异常反应处置 <small>{{state}}</small></h1>
<table class="list" id="aefi-event">
<tbody>
<tr><th>学生</th><td>{{name}}（{{idMasked}}）</td></tr>
<tr><th>接种</th><td>{{doseDate}} {{product}} 批号 {{lot}}</td></tr>
<tr><th>发生时间</th><td>{{onset}}</td></tr>
<tr><th>症状</th><td>{{symptoms}}</td></tr>
<tr><th>严重</th><td>{{#serious}}<strong>严重（已优先上报）</strong>{{/serious}}{{^serious}}否{{/serious}}</td></tr>
<tr><th>转归</th><td>{{outcome}}</td></tr>
<tr><th>报告人</th><td>{{reporter}}</td></tr>
<tr><th>调查</th><td>{{investigatedOn}} {{investigator}} {{findings}}</td></tr>
<tr><th>分类</th><td>{{classification}} {{classifiedOn}}</td></tr>
<tr><th>鉴定</th><td>{{appraisal}}</td></tr>
<tr><th>结案</th><td>{{closedOn}}</td></tr>
</tbody>
</table>
{{#mayUpdate}}
<form method="post" action="/aefi/{{event}}" class="card" id="aefi-course-form">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <fieldset><legend>调查</legend>
    <label>调查日期 <input type="date" name="investigated_on" value="{{investigatedOn}}" max="{{today}}"></label>
    <label>调查人 <input name="investigator" value="{{investigator}}" maxlength="50"></label>
    <label>调查所见 <input name="findings" value="{{findings}}" maxlength="200" size="40"></label>
  </fieldset>
  <fieldset><legend>诊断分类</legend>
    <label>分类 <select name="classification"><option value="">（不变）</option>{{#classifications}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/classifications}}</select></label>
    <label>分类日期 <input type="date" name="classified_on" max="{{today}}"></label>
  </fieldset>
  <fieldset><legend>鉴定（有异议时）</legend>
    <label>申请鉴定日期 <input type="date" name="appraisal_requested_on" max="{{today}}"></label>
    <label>鉴定结论 <input name="appraisal_result" maxlength="200" size="30"></label>
    <label>鉴定日期 <input type="date" name="appraisal_on" max="{{today}}"></label>
  </fieldset>
  <fieldset><legend>转归与结案</legend>
    <label>转归 <select name="outcome"><option value="">（不变）</option>{{#outcomes}}<option value="{{code}}">{{label}}</option>{{/outcomes}}</select></label>
    <label>结案日期 <input type="date" name="closed_on" max="{{today}}"></label>
  </fieldset>
  <button type="submit" id="aefi-update">保存进展</button>
</form>
{{/mayUpdate}}
<p><a href="/aefi">返回 AEFI 列表</a></p>
"""#
}
