namespace Auth.Api.Authorize.Pages;

/// <summary>The wide pages' additions to <see cref="PageStyle"/>: the console's and the connected-apps page's tables, navigation and forms.</summary>
public static class PanelStyle
{
    public const string Css = """
        .panel{width:100%;max-width:1040px;background:#fff;border:1px solid var(--line);border-radius:12px;padding:28px;box-shadow:0 1px 2px rgba(16,24,40,.06)}
        body:has(.panel){justify-content:flex-start}
        .panel footer,body:has(.panel) footer{max-width:1040px}
        nav.tabs{display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;border-bottom:1px solid var(--line);padding-bottom:12px;margin-bottom:20px}
        nav.tabs a{color:var(--ink);text-decoration:none;font-weight:600;padding:4px 2px}
        nav.tabs a[aria-current=page]{color:var(--brand);border-bottom:3px solid var(--brand)}
        nav.tabs form{margin-left:auto}
        .who{color:var(--muted);font-size:.9rem}
        h2{font-size:1.15rem;margin:28px 0 10px}
        table{width:100%;border-collapse:collapse;font-size:.92rem}
        th,td{text-align:left;vertical-align:top;padding:9px 10px;border-top:1px solid var(--line)}
        th{color:var(--muted);font-weight:600;background:#f8f9fb}
        td ul{margin:0;padding-left:18px}
        dl.fields{display:grid;grid-template-columns:minmax(140px,220px) 1fr;gap:6px 16px;margin:0}
        dl.fields dt{color:var(--muted);font-weight:600}
        dl.fields dd{margin:0;word-break:break-word}
        .filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;margin-bottom:16px}
        .filters label{margin:0 0 4px}
        .filters div{display:flex;flex-direction:column}
        .panel input[type=text],.panel input[type=password],.panel input[type=number],.panel select,.panel textarea{width:100%;padding:9px 11px;font:inherit;color:var(--ink);border:1px solid var(--field);border-radius:8px;background:#fff}
        .panel textarea{min-height:80px}
        .panel fieldset{border:1px solid var(--line);border-radius:10px;padding:12px 16px;margin:16px 0}
        .panel legend{font-weight:600;padding:0 6px}
        .panel button{padding:9px 14px;font-size:.95rem}
        .check{display:flex;gap:8px;align-items:center;font-weight:400;margin:6px 0}
        .check input{width:18px;height:18px;accent-color:var(--brand)}
        .danger{background:var(--danger);color:#fff}
        .inline{display:inline}
        .row{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end}
        .row > div{flex:1;min-width:180px}
        .hint{color:var(--muted);font-size:.85rem;margin:4px 0 0}
        .error{color:var(--danger);font-size:.875rem;margin:4px 0 0}
        [aria-invalid=true]{border-color:var(--danger) !important;border-width:2px !important}
        .ok{border:1px solid #abefc6;background:#ecfdf3;color:#05603a;border-radius:8px;padding:12px 14px;margin:0 0 12px}
        .badge{display:inline-block;border-radius:999px;padding:1px 9px;font-size:.8rem;font-weight:600;background:#eef2f6;color:var(--ink)}
        .badge.warn{background:#fffaeb;color:#93370d}
        .secret{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
        .pager{display:flex;gap:16px;margin-top:14px}
        .pager a{color:var(--brand)}
        a{color:var(--brand)}
        """;
}
