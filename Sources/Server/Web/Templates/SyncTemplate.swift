enum SyncTemplate {
    static let text = #"""
<h1>数据上报状态</h1>
<dl class="card" id="sync">
  <dt>待上报</dt><dd>{{pending}}</dd><dt>已上报</dt><dd>{{sent}}</dd><dt>被拒（死信）</dt><dd>{{dead}}</dd>
  <dt>发送中</dt><dd>{{inFlight}}</dd><dt>最早待上报</dt><dd>{{oldest}}</dd><dt>最近成功</dt><dd>{{lastSuccess}}</dd>
  <dt>最近错误</dt><dd>{{lastError}}</dd><dt>连续失败</dt><dd>{{failures}}</dd><dt>下次尝试</dt><dd>{{nextTry}}</dd>
</dl>
"""#
}
