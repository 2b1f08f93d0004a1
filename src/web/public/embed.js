/* global window, document */
/*
 * Caiban 财伴 chat launcher. On the bank's page:
 *   <script src="https://caiban.example-bank.com/embed.js" data-lang="zh-CN" data-position="right" async></script>
 * It adds a round button; a tap opens the AI advisor (/embed/chat) in an iframe panel (full screen on phones).
 * The page's origin must be listed in the server's EMBED_ALLOWED_ORIGINS (CSP frame-ancestors), and the chat
 * uses the customer's Caiban session (see docs/customer-app.md, "Embedding the chat").
 */
(function () {
  var script = document.currentScript;
  if (!script || window.__caibanChat) return;
  window.__caibanChat = true;
  var origin = new URL(script.src, window.location.href).origin;
  var lang = script.getAttribute('data-lang') === 'en' ? 'en' : 'zh-CN';
  var side = script.getAttribute('data-position') === 'left' ? 'left' : 'right';
  var label = lang === 'en' ? 'Ask Caiban' : '问财伴';
  var closeLabel = lang === 'en' ? 'Close' : '关闭';

  var button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', label);
  button.setAttribute('data-caiban', 'launcher');
  button.textContent = label;
  button.style.cssText =
    'position:fixed;bottom:20px;' +
    side +
    ':20px;z-index:2147483000;min-width:56px;height:56px;padding:0 16px;' +
    'border:0;border-radius:28px;background:linear-gradient(135deg,#c1381c,#f08a24);color:#fff;font-size:15px;' +
    'box-shadow:0 4px 12px rgba(0,0,0,.2);cursor:pointer';

  var panel = null;
  var open = function () {
    if (panel) {
      panel.style.display = 'block';
      return;
    }
    var phone = window.innerWidth < 600;
    panel = document.createElement('div');
    panel.setAttribute('data-caiban', 'panel');
    panel.style.cssText =
      'position:fixed;z-index:2147483001;background:#f5f5f5;box-shadow:0 8px 24px rgba(0,0,0,.25);' +
      (phone
        ? 'inset:0;'
        : 'bottom:88px;' +
          side +
          ':20px;width:390px;height:min(720px,calc(100vh - 110px));border-radius:12px;overflow:hidden;');
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', closeLabel);
    close.style.cssText =
      'position:absolute;top:4px;right:6px;z-index:1;width:44px;height:44px;border:0;background:transparent;font-size:24px;cursor:pointer';
    close.onclick = function () {
      panel.style.display = 'none';
    };
    var frame = document.createElement('iframe');
    frame.src = origin + '/embed/chat?lang=' + encodeURIComponent(lang);
    frame.title = label;
    frame.setAttribute('data-caiban', 'frame');
    frame.style.cssText = 'border:0;width:100%;height:100%';
    panel.appendChild(close);
    panel.appendChild(frame);
    document.body.appendChild(panel);
  };
  button.onclick = open;
  var mount = function () {
    document.body.appendChild(button);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
