enum ReportTemplate {
    static let text = #"""
<h1>HPV 疫苗接种覆盖率 <small>截至 {{asOf}}</small></h1>
<p>按计划表格式（各市目标、第1剂、全程及两项覆盖率）：<a href="/reports/hpv-plan.xlsx?as_of={{asOf}}" id="report-plan-xlsx">下载 Excel</a>　<a href="/reports/hpv-plan.csv?as_of={{asOf}}" id="report-plan-csv">下载 CSV</a>　明细：<a href="/reports/hpv.csv?as_of={{asOf}}" id="report-csv">下载 CSV</a></p>
<p>　费用按省级与市县分担（一般县区 3:7，西部延伸县区 4:6）；最后一行为合计。</p>
<figure class="card">{{{dose1Chart}}}<figcaption>各市第1剂接种覆盖率（当年验收可见的进度；虚线为 {{goal}}% 目标线）</figcaption></figure>
<figure class="card">{{{chart}}}<figcaption>各市全程接种覆盖率与目标（虚线为 {{goal}}% 目标线）</figcaption></figure>
<table class="list" id="report">
<thead><tr><th>地区</th><th>目标人数</th><th>名册</th><th>符合条件</th><th>已同意</th><th>第1剂</th><th>全程</th><th>第1剂覆盖率</th><th>覆盖率</th><th>费用（元）</th><th>省级</th><th>市县</th><th>AEFI（严重）</th></tr></thead>
<tbody>{{#lines}}<tr><td>{{name}}</td><td>{{target}}</td><td>{{roster}}</td><td>{{eligible}}</td><td>{{consented}}</td><td>{{dose1}}</td><td>{{complete}}</td><td>{{dose1Coverage}}</td><td>{{coverage}}</td><td>{{cost}}</td><td>{{provinceShare}}</td><td>{{localShare}}</td><td>{{aefi}}（{{aefiSerious}}）</td></tr>{{/lines}}</tbody>
</table>
"""#
}
