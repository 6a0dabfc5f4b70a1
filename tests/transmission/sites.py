"""Fixture sites for the scanner: a shop whose tags fire on load, on scroll, after consent, inside an iframe,
from a worker and over a WebSocket; and a site of hostile pages."""

from __future__ import annotations

import hashlib
import time

from tests.transmission.fixture_server import Reply, Request

HASHED_EMAIL = hashlib.sha256(b"taro@example.jp").hexdigest()
SHOP = "http://www.shop.test"
BAD = "http://www.bad.test"
TLS_NAMES = [
    "www.google-analytics.com", "connect.facebook.net", "www.facebook.com", "t.heatmap.example",
    "widget.chat.example", "ws.live.example", "px.subpage.example", "collect.worker.example", "www.bad.test",
    "www.shop.test", "cdn.shop.test",
]


def page(title: str, body: str, head: str = "") -> str:
    return (f'<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f"<body>{body}</body></html>")


ANALYTICS_TAG = '<script src="https://www.google-analytics.com/analytics.js"></script>'
NAV = '<nav><a href="/about">会社概要</a> <a href="/contact#form">お問い合わせ</a> ' \
      '<a href="https://elsewhere.example/">外部リンク</a> <a href="mailto:info@shop.test">メール</a></nav>'

HOME = page("ショップ", NAV + """
<iframe src="https://widget.chat.example/frame" width="300" height="120"></iframe>
<img src="http://ads.plain.example/pixel.gif?site=shop" width="1" height="1" alt="">
<div style="height:3000px">商品一覧</div>
<footer id="footer">フッター</footer>
<div id="banner" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:8px">
  当サイトはCookieを使用します。
  <button id="necessary">必要なCookieのみ許可</button> <button id="accept">すべて許可</button>
</div>
<script>
  const ws = new WebSocket('wss://ws.live.example/socket');
  ws.onopen = () => ws.send(JSON.stringify({type: 'hello', ua: navigator.userAgent}));
  new IntersectionObserver((entries, observer) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    const recorder = document.createElement('script');
    recorder.src = 'https://t.heatmap.example/rec.js';
    document.head.appendChild(recorder);
  }).observe(document.getElementById('footer'));
  document.getElementById('necessary').onclick = () => document.getElementById('banner').remove();
  document.getElementById('accept').onclick = () => {
    document.getElementById('banner').remove();
    const pixel = document.createElement('script');
    pixel.src = 'https://connect.facebook.net/ja_JP/fbevents.js';
    document.head.appendChild(pixel);
  };
</script>""", head='<script src="http://cdn.shop.test/static/app.js"></script>' + ANALYTICS_TAG)

ABOUT = page("会社概要", NAV + """<p>会社概要</p>
<script>new Worker('/static/worker.js');</script>""", head=ANALYTICS_TAG)
CONTACT = page("お問い合わせ", NAV + "<p id='form'>フォーム</p>", head=ANALYTICS_TAG)
HIDDEN = page("キャンペーン", """<p>サイトマップからだけ辿れるページ</p>
<script>new Image().src = 'https://px.subpage.example/p.gif?page=' + encodeURIComponent(location.href);</script>""")

ANALYTICS_JS = """(function () {
  const found = document.cookie.match(/(?:^|; )_ga=([^;]*)/);
  let ga = found ? found[1] : null;
  if (!ga) {
    ga = 'GA1.1.' + Math.floor(Math.random() * 1e9 + 1e9) + '.' + Math.floor(Date.now() / 1000);
    document.cookie = '_ga=' + ga + '; path=/; max-age=63072000';
  }
  const query = new URLSearchParams({v: '2', tid: 'G-TEST', cid: ga.split('.').slice(2).join('.'),
    dl: location.href, dr: document.referrer, sr: screen.width + 'x' + screen.height,
    ul: navigator.language.toLowerCase()});
  navigator.sendBeacon('https://www.google-analytics.com/g/collect?' + query.toString());
})();"""

META_JS = """(function () {
  const found = document.cookie.match(/(?:^|; )_fbp=([^;]*)/);
  let fbp = found ? found[1] : null;
  if (!fbp) {
    fbp = 'fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9 + 1e9);
    document.cookie = '_fbp=' + fbp + '; path=/; max-age=7776000';
  }
  const query = new URLSearchParams({id: '1234567890', ev: 'PageView', dl: location.href, fbp: fbp,
    'ud[em]': 'HASHED_EMAIL'});
  new Image().src = 'https://www.facebook.com/tr/?' + query.toString();
})();""".replace("HASHED_EMAIL", HASHED_EMAIL)

RECORDER_JS = """(function () {
  if (!localStorage.getItem('hm_sid')) {
    localStorage.setItem('hm_sid', 'hm_' + Math.random().toString(36).slice(2, 12) + '7');
  }
  const events = [{type: 'scroll', x: scrollX, y: scrollY, t: Date.now()},
    {type: 'mousemove', x: 10, y: 20, t: Date.now()}];
  addEventListener('scroll', () => events.push({type: 'scroll', x: scrollX, y: scrollY, t: Date.now()}));
  addEventListener('mousemove', (e) => events.push({type: 'mousemove', x: e.clientX, y: e.clientY, t: Date.now()}));
  setTimeout(() => fetch('https://t.heatmap.example/batch', {method: 'POST', mode: 'no-cors',
    headers: {'Content-Type': 'text/plain'},
    body: JSON.stringify({site: location.host, events: events.concat([{type: 'click', x: 1, y: 2}])})}), 100);
})();"""

CHAT_FRAME = page("chat", """<p>チャット</p><script>
  localStorage.setItem('chat_state', 'open');
  sessionStorage.setItem('chat_session', 'cs_5512abcd99');
  fetch('/api/presence', {method: 'POST', credentials: 'include', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({session: sessionStorage.getItem('chat_session'), lang: navigator.language})});
</script>""")

APP_JS = "navigator.sendBeacon('http://cdn.shop.test/log', JSON.stringify({page: location.href}));"
WORKER_JS = "fetch('https://collect.worker.example/w', {method: 'POST', body: 'hashed=" + HASHED_EMAIL + "'});"
ROBOTS = f"User-agent: *\nAllow: /\nSitemap: {SHOP}/sitemap.xml\n"
SITEMAP = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{SHOP}/</loc></url><url><loc>{SHOP}/about</loc></url><url><loc>{SHOP}/campaign/hidden</loc></url>
</urlset>"""
GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")

SCRIPT = "application/javascript"


def shop(request: Request) -> Reply:
    host, path = request.host, request.path
    if host == "www.shop.test":
        return {
            "/": Reply(HOME), "/about": Reply(ABOUT), "/contact": Reply(CONTACT), "/campaign/hidden": Reply(HIDDEN),
            "/robots.txt": Reply(ROBOTS, content_type="text/plain"),
            "/sitemap.xml": Reply(SITEMAP, content_type="application/xml"),
            "/static/worker.js": Reply(WORKER_JS, content_type=SCRIPT),
        }.get(path, Reply("not found", status=404))
    if host == "cdn.shop.test":
        return Reply(APP_JS, content_type=SCRIPT) if path == "/static/app.js" else Reply(status=204)
    if host == "www.google-analytics.com":
        return Reply(ANALYTICS_JS, content_type=SCRIPT) if path == "/analytics.js" else Reply(status=204)
    if host == "connect.facebook.net":
        return Reply(META_JS, content_type=SCRIPT)
    if host == "www.facebook.com":
        return Reply(GIF, content_type="image/gif",
                     headers=[("Set-Cookie", "fr=0xyz123456789abc; Path=/; Max-Age=7776000; SameSite=None; Secure")])
    if host == "t.heatmap.example":
        return Reply(RECORDER_JS, content_type=SCRIPT) if path == "/rec.js" else Reply(status=204)
    if host == "widget.chat.example":
        if path == "/frame":
            return Reply(CHAT_FRAME, headers=[
                ("Set-Cookie", "chat_uid=cu_7f3a9b2c41; Path=/; Max-Age=3600; SameSite=None; Secure")])
        return Reply("{}", content_type="application/json")
    if host == "ads.plain.example":
        # SameSite=None without Secure: the browser must refuse this cookie, and the report must not show it.
        return Reply(GIF, content_type="image/gif",
                     headers=[("Set-Cookie", "refused_id=rid_123456789; Path=/; SameSite=None")])
    return Reply(GIF, content_type="image/gif")


def _endless(handler) -> None:
    handler.wfile.write(b"<!doctype html><html><body>")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        handler.wfile.write(b"<p>" + b"x" * 4096 + b"</p>\n")
        handler.wfile.flush()
        time.sleep(0.01)


def _huge_download(handler) -> None:
    chunk = b"\0" * 65536
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        handler.wfile.write(chunk)


BAD_HOME = page("hostile", """
<a href="/loop">loop</a> <a href="/redirect">redirect</a> <a href="/popup">popup</a> <a href="/download">download</a>
<a href="/endless">endless</a> <a href="/missing">missing</a> <a href="/error">error</a>
<a href="https://www.bad.test/tls">tls</a> <a href="/refresh">refresh</a> <a href="/jsloop">jsloop</a>""")


def hostile(request: Request) -> Reply:
    path = request.path
    if path == "/":
        return Reply(BAD_HOME)
    if path == "/loop":
        return Reply(page("loop", "<script>while (true) {}</script>"))
    if path == "/redirect":
        step = int(request.query.rpartition("=")[2] or 0) + 1
        return Reply(status=302, headers=[("Location", f"/redirect?n={step}")])
    if path == "/popup":
        return Reply(page("popup", """<script>
          alert('ようこそ'); confirm('続けますか');
          setInterval(() => window.open('http://www.bad.test/popup?child=' + Math.random()), 100);
        </script><p>popup</p>"""))
    if path == "/download":
        return Reply(content_type="application/octet-stream", stream=_huge_download,
                     headers=[("Content-Disposition", 'attachment; filename="huge.bin"')])
    if path == "/endless":
        return Reply(stream=_endless)
    if path == "/error":
        return Reply("<h1>error</h1>", status=500)
    if path == "/refresh":
        return Reply(page("refresh", '<meta http-equiv="refresh" content="0;url=/refreshed">'))
    if path == "/refreshed":
        return Reply(page("refreshed", "<p>after the refresh</p>"))
    if path == "/jsloop":
        loop = "<script>setTimeout(() => { location.href = '/jsloop?' + Date.now(); }, 5);</script>"
        return Reply(page("jsloop", loop))
    if path == "/tls":
        return Reply(page("tls", "<p>needs a trusted certificate</p>"))
    return Reply("<h1>not found</h1>", status=404)
