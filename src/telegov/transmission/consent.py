"""Find a consent banner's "accept all" button in any frame and click it as a user would."""

from __future__ import annotations

import asyncio

# Buttons of common consent-management platforms, most specific first.
CMP_SELECTORS = (
    "#onetrust-accept-btn-handler",
    "#accept-recommended-btn-handler",
    "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll",
    "#CybotCookiebotDialogBodyButtonAccept",
    "#didomi-notice-agree-button",
    "#truste-consent-button",
    ".fc-cta-consent",
    ".qc-cmp2-summary-buttons button[mode='primary']",
    "[data-testid='uc-accept-all-button']",
    ".cky-btn-accept",
    ".cmplz-accept",
    ".iubenda-cs-accept-btn",
    "#axeptio_btn_acceptAll",
    ".osano-cm-accept-all",
    "#hs-eu-confirmation-button",
    "button[data-cookiefirst-action='accept']",
    ".sp_choice_type_11",
    "#cookie_action_close_header",
    ".js-cookie-consent-agree",
)

# Wording of accept buttons, compared with the button's whole visible text (case and spaces ignored).
ACCEPT_TEXTS = (
    "すべて許可", "全て許可", "すべて許可する", "全て許可する", "すべてのcookieを許可", "すべてのクッキーを許可",
    "すべて同意", "全て同意", "すべてに同意", "全てに同意", "すべて同意する", "すべてに同意する",
    "すべて受け入れる", "全て受け入れる", "すべてのcookieを受け入れる", "すべてのクッキーを受け入れる",
    "同意する", "同意します", "同意して閉じる", "同意して続ける", "承諾する", "承諾", "許可する", "受け入れる",
    "cookieを許可", "cookieに同意", "クッキーを許可", "accept all", "accept all cookies", "allow all",
    "allow all cookies", "accept cookies", "accept", "i accept", "i agree", "agree", "agree and close",
    "allow cookies", "allow", "got it", "ok", "同意", "はい",
)

# Words that make a button a refusal or a settings link even when it also says "accept".
REFUSAL_WORDS = (
    "necessary", "essential", "reject", "decline", "only", "refuse", "deny", "settings", "customi", "manage",
    "preferences", "options", "必要", "拒否", "のみ", "設定", "管理", "しない", "カスタマイズ", "詳細",
)

FIND_SCRIPT = """([selectors, texts, refusals]) => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0';
  };
  const roots = [document];
  for (let i = 0; i < roots.length && i < 200; i++) {
    for (const el of roots[i].querySelectorAll('*')) { if (el.shadowRoot) roots.push(el.shadowRoot); }
  }
  const all = (selector) => roots.flatMap((root) => Array.from(root.querySelectorAll(selector)));
  const mark = (el, how) => {
    el.setAttribute('data-telegov-consent', '1');
    return {how, text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 80)};
  };
  for (const selector of selectors) {
    for (const el of all(selector)) { if (visible(el)) return mark(el, selector); }
  }
  const norm = (t) => (t || '').replace(/\\s+/g, ' ').trim().toLowerCase();
  const candidates = all('button, a, [role=button], input[type=button], input[type=submit], [onclick]')
    .filter(visible)
    .map((el) => [el, norm(el.innerText || el.value || el.getAttribute('aria-label'))])
    .filter(([, t]) => t && t.length <= 40 && !refusals.some((w) => t.includes(w)));
  for (const wanted of texts) {
    const hit = candidates.find(([, t]) => t === wanted || t.replace(/[。.!！]$/, '') === wanted);
    if (hit) return mark(hit[0], 'text');
  }
  return null;
}"""



async def _find(frame, timeout: float) -> dict | None:
    try:
        return await asyncio.wait_for(
            frame.evaluate(FIND_SCRIPT, [list(CMP_SELECTORS), list(ACCEPT_TEXTS), list(REFUSAL_WORDS)]), timeout
        )
    except Exception:  # a frame that went away or hangs has no banner to click
        return None


async def accept_consent(page, before_click=None, timeout: float = 3.0) -> dict[str, str] | None:
    """Click the accept button of a consent banner if there is one; return what was clicked and where."""
    frames = [page.main_frame, *(frame for frame in page.frames if frame is not page.main_frame)]
    for frame in frames:
        if not frame.url.startswith(("http://", "https://", "about:srcdoc")):
            continue
        found = await _find(frame, timeout)
        if not found:
            continue
        if before_click is not None:
            before_click()
        try:
            await frame.locator("[data-telegov-consent]").first.click(timeout=timeout * 1000)
        except Exception:  # covered or moving buttons still take a scripted click
            try:
                await asyncio.wait_for(
                    frame.evaluate("() => document.querySelector('[data-telegov-consent]')?.click()"), timeout
                )
            except Exception:  # noqa: S112 - try the banner of the next frame
                continue
        return {"button": found.get("text", ""), "matched": found.get("how", ""), "frame": frame.url}
    return None
