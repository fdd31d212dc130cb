namespace Auth.Api.Authorize.Pages;

/// <summary>
/// The stylesheet of the pages, inline (no external assets) and allowed by its CSP hash. Input borders
/// and focus rings have 3:1 contrast with the page (WCAG 2.1 SC 1.4.11).
/// </summary>
public static class PageStyle
{
    public const string Css = """
        :root{--ink:#14213d;--muted:#5b6478;--line:#d7dce5;--bg:#f3f5f9;--brand:#0b5cab;--brand-dark:#084a8a;--danger:#b42318;--danger-bg:#fef3f2;--field:#6b7589}
        *{box-sizing:border-box}
        html{font-size:16px}
        body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:24px 16px;background:var(--bg);color:var(--ink);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5}
        .card{width:100%;max-width:420px;background:#fff;border:1px solid var(--line);border-radius:12px;padding:32px 28px;box-shadow:0 1px 2px rgba(16,24,40,.06),0 8px 24px rgba(16,24,40,.06)}
        .brand{display:flex;align-items:center;gap:10px;margin-bottom:24px;font-weight:700;letter-spacing:.02em}
        .mark{width:28px;height:28px;border-radius:8px;background:linear-gradient(135deg,var(--brand),#1f8ae0);position:relative}
        .mark::after{content:"";position:absolute;inset:8px;border:3px solid #fff;border-radius:50%}
        h1{font-size:1.5rem;line-height:1.25;margin:0 0 8px}
        .lead{margin:0 0 24px;color:var(--muted)}
        label{display:block;font-weight:600;font-size:.95rem;margin:16px 0 6px}
        input[type=text],input[type=password]{width:100%;padding:12px 14px;font-size:1rem;color:var(--ink);border:1px solid var(--field);border-radius:8px;background:#fff}
        input:focus,button:focus,select:focus,textarea:focus,a:focus{outline:3px solid var(--brand);outline-offset:2px}
        button{font:inherit;font-weight:600;font-size:1rem;padding:12px 18px;border-radius:8px;cursor:pointer;border:1px solid transparent}
        .primary{background:var(--brand);color:#fff}
        .primary:hover{background:var(--brand-dark)}
        .secondary{background:#fff;color:var(--ink);border-color:var(--field)}
        .secondary:hover{background:#f6f7fa}
        form > .primary{width:100%;margin-top:24px}
        .actions{display:flex;gap:12px;margin-top:24px}
        .remember{display:flex;align-items:center;gap:8px;font-weight:400;margin:20px 0 0}
        .remember input{width:20px;height:20px;margin:0;accent-color:var(--brand)}
        .actions button{flex:1}
        .alert{border:1px solid #fecdca;background:var(--danger-bg);color:var(--danger);border-radius:8px;padding:12px 14px;margin:0 0 8px;font-size:.95rem}
        .scopes{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:10px}
        .scopes li{padding:12px 14px;border-top:1px solid var(--line)}
        .scopes li:first-child{border-top:0}
        .publisher{margin:-12px 0 20px;color:var(--muted);font-size:.92rem}
        .scopes strong{display:block}
        .scopes span{color:var(--muted);font-size:.92rem}
        .fine{color:var(--muted);font-size:.875rem;margin:20px 0 0}
        .host{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;background:#f1f3f7;border-radius:4px;padding:1px 5px;word-break:break-all}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;background:#f1f3f7;border-radius:6px;padding:10px;display:block;word-break:break-all}
        footer{margin-top:20px;color:var(--muted);font-size:.8rem;text-align:center;max-width:420px}
        footer a{color:var(--muted)}
        .logo{height:28px;width:auto}
        .lock{display:inline-block;width:9px;height:7px;background:var(--muted);border-radius:2px;position:relative;margin-right:4px}
        .lock::before{content:"";position:absolute;left:1px;top:-5px;width:7px;height:6px;border:2px solid var(--muted);border-bottom:0;border-radius:4px 4px 0 0;box-sizing:border-box}
        @media (max-width:480px){.card{padding:24px 18px;border-radius:10px}.actions{flex-direction:column-reverse}}
        """;
}
