/// 孕产妇登记: register a pregnancy (LMP or EDD), find a woman's pregnancy by her ID, the area's
/// open pregnancies (latest first).
enum PregnanciesTemplate {
    static let text = #"""
<h1>孕产妇登记</h1>
<form method="post" action="/screening/pregnancies" class="card" id="pregnancy-form">
  <h2>登记本次妊娠</h2>
  {{#formError}}<p class="error" role="alert" id="form-error">{{formError}}</p>{{/formError}}
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label>身份证号 <input name="id" id="p-id" required size="22" value="{{form.id}}" autocomplete="off"></label>
  <label>姓名 <input name="name" id="p-name" required size="12" value="{{form.name}}"></label>
  <label>联系电话 <input name="phone" id="p-phone" required size="14" value="{{form.phone}}"></label>
  <label>县区 <select name="county" id="p-county">{{#counties}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/counties}}</select></label>
  <label>末次月经（LMP） <input name="lmp" id="p-lmp" size="12" placeholder="YYYY-MM-DD" value="{{form.lmp}}"></label>
  <label>或 预产期（EDD） <input name="edd" id="p-edd" size="12" placeholder="YYYY-MM-DD" value="{{form.edd}}"> <small>两项只填一项</small></label>
  <button type="submit" id="p-register">登记</button>
</form>
<form method="post" action="/screening/pregnancies/find" class="card">
  <h2>查找孕妇</h2>
  {{#findError}}<p class="error" role="alert">{{findError}}</p>{{/findError}}
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label>身份证号 <input name="id" size="22" required autocomplete="off"></label>
  <button type="submit" id="p-find">查找</button>
</form>
<h2>辖区内未结案的妊娠 <small>最近登记的在前，最多 {{limit}} 条</small></h2>
<table class="list" id="open-pregnancies">
<thead><tr><th>姓名</th><th>身份证号</th><th>县区</th><th>末次月经</th><th>预产期</th><th>今日孕周</th><th>登记日期</th><th>新生儿</th></tr></thead>
<tbody>
{{#pregnancies}}<tr><td><a href="/screening/pregnancies/{{uuid}}">{{name}}</a></td><td>{{id}}</td><td>{{county}}</td><td>{{lmp}}</td><td>{{edd}}</td><td>{{ga}}</td><td>{{registered}}</td><td>{{newborns}}</td></tr>{{/pregnancies}}
{{^pregnancies}}<tr><td colspan="8">没有未结案的妊娠</td></tr>{{/pregnancies}}
</tbody>
</table>
"""#
}

/// One pregnancy: the woman, dating, what is due, her newborns, the outcome form.
enum PregnancyTemplate {
    static let text = #"""
<h1>{{name}} <small>{{state}}</small></h1>
<dl class="card" id="pregnancy">
  <dt>身份证号</dt><dd id="resident-id">{{id}}</dd>
  <dt>联系电话</dt><dd>{{phone}}</dd>
  <dt>县区</dt><dd>{{county}}</dd>
  <dt>末次月经</dt><dd>{{lmp}}（{{dating}}）</dd>
  <dt>预产期</dt><dd>{{edd}}</dd>
  {{#ga}}<dt>今日孕周</dt><dd>{{ga}}</dd>{{/ga}}
  <dt>登记日期</dt><dd>{{registered}}</dd>
  {{#outcome}}<dt>妊娠结局</dt><dd>{{outcome}}（{{closedOn}}）</dd>{{/outcome}}
</dl>
{{#hasDue}}
<h2>待筛查</h2>
<table class="list" id="pregnancy-due"><thead><tr><th>项目</th><th>状态</th><th>窗口</th><th>剩余天数</th>{{#canRecord}}<th>录入</th>{{/canRecord}}</tr></thead>
<tbody>{{#due}}<tr class="{{rowClass}}"><td>{{service}}</td><td>{{status}}</td><td>{{opens}} – {{closes}}</td><td>{{daysLeft}}</td>{{#canRecord}}<td><a href="{{entryHref}}">录入结果</a></td>{{/canRecord}}</tr>{{/due}}</tbody></table>
{{/hasDue}}
{{#hasDeclines}}
<h2>拒绝的服务</h2>
<table class="list" id="pregnancy-declines"><thead><tr><th>项目</th><th>对象</th><th>日期</th><th>原因</th><th>记录人</th><th>状态</th></tr></thead>
<tbody>{{#declines}}<tr><td>{{service}}</td><td>{{#newborn}}新生儿{{/newborn}}{{^newborn}}孕妇{{/newborn}}</td><td>{{on}}</td><td>{{reason}}</td><td>{{by}}</td><td>{{state}}</td></tr>{{/declines}}</tbody></table>
{{/hasDeclines}}
<h2>新生儿</h2>
<table class="list" id="newborns"><thead><tr><th>胎次</th><th>姓名</th><th>出生时间</th><th>性别</th><th>孕周</th><th>体重（g）</th><th>编号</th></tr></thead>
<tbody>{{#newborns}}<tr><td>{{order}}</td><td>{{name}}</td><td>{{born}}</td><td>{{sex}}</td><td>{{weeks}}</td><td>{{weight}}</td><td><code>{{uuid}}</code></td></tr>{{/newborns}}
{{^newborns}}<tr><td colspan="7">尚未登记新生儿</td></tr>{{/newborns}}</tbody></table>
{{#canRegister}}
<p>{{#canAddNewborn}}<a href="/screening/newborns?pregnancy={{uuid}}" id="add-newborn">登记新生儿</a>{{/canAddNewborn}}</p>
{{#open}}
<form method="post" action="/screening/pregnancies/{{uuid}}/close" class="card" id="close-form">
  <h2>填写妊娠结局（结案）</h2>
  {{#formError}}<p class="error" role="alert" id="form-error">{{formError}}</p>{{/formError}}
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label>结局 <select name="outcome" id="c-outcome">{{#outcomes}}<option value="{{code}}">{{label}}</option>{{/outcomes}}</select></label>
  <label>日期 <input name="date" id="c-date" size="12" value="{{today}}" placeholder="YYYY-MM-DD"></label>
  <small>活产请直接“登记新生儿”：登记出生即按活产结案。结案后未做的筛查不再列入待办。</small>
  <button type="submit" id="c-close">结案</button>
</form>
{{/open}}
{{/canRegister}}
<p>妊娠编号 <code id="pregnancy-id">{{uuid}}</code>（录入筛查结果时使用）</p>
"""#
}

/// 新生儿登记: a newborn under a pregnancy (twins by birth order).
enum NewbornTemplate {
    static let text = #"""
<h1>新生儿登记</h1>
{{#mother}}<p class="card">母亲 <a href="/screening/pregnancies/{{uuid}}">{{name}}</a>（{{id}}），末次月经 {{lmp}}，已登记新生儿 {{newborns}} 名。</p>{{/mother}}
<form method="post" action="/screening/newborns" class="card" id="newborn-form">
  {{#formError}}<p class="error" role="alert" id="form-error">{{formError}}</p>{{/formError}}
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label>妊娠编号 <input name="pregnancy" id="n-pregnancy" required size="40" value="{{form.pregnancy}}" placeholder="孕产妇登记页上的妊娠编号"></label>
  <label>出生时间 <input name="born" id="n-born" required size="18" value="{{form.born}}" placeholder="YYYY-MM-DDTHH:MM"></label>
  <label>性别 <select name="sex" id="n-sex"><option value="F"{{#form.female}} selected{{/form.female}}>女</option><option value="M"{{#form.male}} selected{{/form.male}}>男</option></select></label>
  <label>胎次 <input name="order" id="n-order" size="3" value="{{form.order}}"> <small>单胎填 1；双胎分别登记 1 和 2</small></label>
  <label>出生孕周 <input name="weeks" id="n-weeks" size="3" value="{{form.weeks}}"> <small>足周，{{weeksRange}}</small></label>
  <label>出生体重 <input name="weight_g" id="n-weight" size="5" value="{{form.weight}}"> <small>克，{{weightRange}}</small></label>
  <label>助产机构 <input name="facility" size="24" value="{{form.facility}}"></label>
  <label>身份证号（已办理时） <input name="id" size="22" value="{{form.id}}" autocomplete="off"></label>
  <button type="submit" id="n-register">登记新生儿</button>
</form>
"""#
}
