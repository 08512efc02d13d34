enum LoginTemplate {
    static let text = #"""
<h1>登录</h1>
<form method="post" action="/login" class="card narrow">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label>用户名 <input name="username" id="username" autocomplete="username" required value="{{username}}"></label>
  <label>密码 <input name="password" id="password" type="password" autocomplete="current-password" required></label>
  <button type="submit" id="login">登录</button>
</form>
"""#
}
