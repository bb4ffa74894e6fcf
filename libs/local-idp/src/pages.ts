// The few HTML pages a person sees: login, new password, logout confirmation, logged out, error.
// Plain, self-contained (no external fonts or scripts: it must work offline), in Chinese.

const STYLE = `
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
  background:#f0f2f5;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f1f1f}
main{width:340px;background:#fff;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:32px 32px 24px}
h1{margin:0 0 4px;font-size:20px;font-weight:600;text-align:center;color:#a8071a}
.sub{margin:0 0 24px;text-align:center;font-size:13px;color:#8c8c8c}
label{display:block;margin:0 0 6px;font-size:14px}
input{display:block;box-sizing:border-box;width:100%;height:38px;margin:0 0 16px;padding:0 10px;
  border:1px solid #d9d9d9;border-radius:6px;font-size:14px}
input:focus{outline:none;border-color:#c41d2f;box-shadow:0 0 0 2px rgba(196,29,47,.15)}
button{width:100%;height:40px;border:0;border-radius:6px;background:#c41d2f;color:#fff;font-size:15px;cursor:pointer}
button:hover{background:#a8071a}
button.secondary{margin-top:8px;background:#fff;color:#595959;border:1px solid #d9d9d9}
.error{margin:0 0 16px;padding:8px 12px;border-radius:6px;background:#fff1f0;border:1px solid #ffccc7;color:#a8071a;font-size:14px}
.note{margin:16px 0 0;text-align:center;font-size:12px;color:#bfbfbf}
pre{white-space:pre-wrap;word-break:break-all;font-size:13px;color:#595959}
`;

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
<p class="note">本地开发身份认证服务，仅用于开发与测试</p>
</main>
</body>
</html>`;
}

export const LOGIN_FAILED_MESSAGE = '用户名或密码错误';
/** Keycloak's words (zh-CN) for a disabled account that gave the right password. */
export const ACCOUNT_DISABLED_MESSAGE = '账户已被禁用，请联系您的管理员。';

export interface LoginPageInput {
  /** Where the form posts to: the interaction's own URL. */
  action: string;
  username?: string;
  error?: string;
}

export function loginPage({ action, username = '', error }: LoginPageInput): string {
  return layout(
    '登录 · 人大监督平台',
    `<h1>人大监督平台</h1>
<p class="sub">请登录</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}" autocomplete="on">
<label for="username">用户名</label>
<input id="username" name="username" value="${escapeHtml(username)}" autocomplete="username" required${username ? '' : ' autofocus'}>
<label for="password">密码</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${username ? ' autofocus' : ''}>
<button type="submit">登录</button>
</form>`,
  );
}

export interface UpdatePasswordPageInput {
  /** Where the form posts to: the interaction's own URL. */
  action: string;
  username: string;
  error?: string;
}

/**
 * After a temporary password (Keycloak's required action UPDATE_PASSWORD): the user chooses a
 * new password before the sign-in completes. Field names as in Keycloak's login-update-password
 * page, so a test can fill either.
 */
export function updatePasswordPage({ action, username, error }: UpdatePasswordPageInput): string {
  return layout(
    '设置新密码 · 人大监督平台',
    `<h1>设置新密码</h1>
<p class="sub">${escapeHtml(username)}：您需要更新您的密码来激活您的账户。</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}" autocomplete="off">
<input type="hidden" name="step" value="update-password">
<label for="password-new">新密码</label>
<input id="password-new" name="password-new" type="password" autocomplete="new-password" required autofocus>
<label for="password-confirm">确认新密码</label>
<input id="password-confirm" name="password-confirm" type="password" autocomplete="new-password" required>
<button type="submit">提交</button>
</form>`,
  );
}

/**
 * oidc-provider's logout confirmation. `form` is its hidden form (id "op.logoutForm") carrying
 * the xsrf token; the buttons submit it, `logout=yes` meaning "sign out".
 */
export function logoutPage(form: string): string {
  return layout(
    '退出登录 · 人大监督平台',
    `<h1>退出登录</h1>
<p class="sub">确定要退出登录吗？</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>退出登录</button>
<button type="submit" form="op.logoutForm" class="secondary">取消</button>`,
  );
}

/**
 * The logout without a question (the request named the signed-in person with an ID token): the
 * same form, sent at once with `logout=yes`, as oidc-provider does itself for a browser with no
 * session; a button in case scripts are off.
 */
export function signingOutPage(form: string): string {
  const confirmed = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/><noscript><button type="submit" autofocus>退出登录</button></noscript></form>');
  return layout(
    '正在退出登录 · 人大监督平台',
    `<h1>正在退出登录…</h1>
${confirmed}
<script>document.getElementById('op.logoutForm').submit();</script>`,
  );
}

export function loggedOutPage(): string {
  return layout('已退出 · 人大监督平台', '<h1>已退出登录</h1>\n<p class="sub">您可以关闭此页面。</p>');
}

export function errorPage(out: Record<string, unknown>): string {
  const lines = Object.entries(out)
    .map(([key, value]) => `<pre><strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}</pre>`)
    .join('\n');
  return layout('出错了 · 人大监督平台', `<h1>出错了</h1>\n<p class="sub">登录请求无法完成</p>\n${lines}`);
}
