/// The stylesheet and icon every page links to, served from the binary (`/assets/web.css`,
/// `/assets/icon.svg`): nothing is fetched from anywhere else. The look follows the NHS design
/// system's conventions: NHS blue header, dark text on white (contrast over 7:1), a yellow
/// focus ring, underlined links, and states in words as well as colour.
public enum WebAssets {
    public static let stylesheet: [UInt8] = Array(css.utf8)
    public static let icon: [UInt8] = Array(iconSVG.utf8)

    private static let iconSVG = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#005eb8"/><path d="M4 11h8M4 8h8M4 5h5" stroke="#fff" stroke-width="1.6"/></svg>
    """

    private static let css = """
    :root{--blue:#005eb8;--dark-blue:#003087;--text:#212b32;--secondary:#4c6272;--border:#d8dde0;--grey-bg:#f0f4f5;--red:#d5281b;--green:#007f3b;--yellow:#ffeb3b;--warm:#ffb81c;--allocated:#005eb8;--spent:#d5281b;--held:#007f3b;--committed:#7c2855}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;font:16px/1.5 Arial,"Helvetica Neue",Helvetica,sans-serif;color:var(--text);background:var(--grey-bg)}
    .width{max-width:1360px;margin:0 auto;padding:0 24px}
    a{color:var(--blue)}a:visited{color:#330072}a:hover{color:#7c2855}
    a:focus,button:focus,input:focus,select:focus,.scroll:focus{outline:4px solid transparent;background-color:var(--yellow);box-shadow:0 -2px var(--yellow),0 4px var(--text);color:var(--text);text-decoration:none}
    input:focus,select:focus{background:#fff;box-shadow:inset 0 0 0 2px var(--text);outline:4px solid var(--yellow);outline-offset:0}
    .skip-link{position:absolute;left:-9999px;top:0;padding:8px 16px;background:var(--yellow);color:var(--text)}
    .skip-link:focus{left:16px;z-index:10}
    .site-header{background:var(--blue);color:#fff}
    .header-row{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;padding-top:14px;padding-bottom:14px}
    .service{color:#fff;font-weight:700;font-size:19px;text-decoration:none;margin-right:auto}
    .site-header a,.site-header a:visited{color:#fff}
    .site-header nav ul{list-style:none;margin:0;padding:0;display:flex;gap:20px}
    .site-header nav a{font-weight:700}
    .account{display:flex;align-items:center;flex-wrap:wrap;gap:4px 12px;font-size:14px}
    .account form{margin:0}
    .link-button{background:none;border:0;padding:0;color:#fff;text-decoration:underline;font:inherit;font-size:14px;cursor:pointer}
    .link-button:focus{color:var(--text)}
    .back-link{display:inline-block;margin-top:16px;font-size:16px}
    .back-link::before{content:"‹ "}
    main{display:block;padding:16px 0 40px}
    h1{font-size:32px;line-height:1.25;margin:16px 0 16px}
    h2{font-size:24px;line-height:1.3;margin:32px 0 12px}
    h3{font-size:19px;margin:20px 0 8px}
    .lede{font-size:19px;color:var(--secondary);margin-top:-8px}
    .hint{color:var(--secondary);font-size:14px;margin:4px 0 8px}
    .panel{background:#fff;border:1px solid var(--border);padding:16px 20px;margin:16px 0}
    .facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:8px 24px;margin:0}
    .facts dt{font-size:14px;color:var(--secondary)}.facts dd{margin:0;font-weight:700;overflow-wrap:anywhere}
    table{border-collapse:collapse;width:100%;background:#fff}
    caption{text-align:left;font-weight:700;font-size:19px;padding:0 0 8px}
    th,td{padding:8px 10px;border-bottom:1px solid var(--border);text-align:left;vertical-align:top}
    thead th{border-bottom:2px solid var(--text);font-size:14px}
    tbody th{font-weight:700}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    tr.total th,tr.total td{border-top:2px solid var(--text);font-weight:700}
    .scroll{overflow-x:auto;max-width:100%;background:#fff;border:1px solid var(--border)}
    .scroll table{border:0}
    .visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0;white-space:nowrap}
    .nowrap,#budgets tbody th,#budgets td.person,td.date,td.recorded{white-space:nowrap}
    #budgets td.attention{min-width:190px}#budgets th,#budgets td{padding:8px 7px}#budgets .tag{white-space:normal}
    td.recorded{font-size:13px}td.detail{min-width:220px;max-width:340px}
    .pot{font-size:13px;line-height:1.35;white-space:nowrap}
    .mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
    .tag{display:inline-block;padding:1px 8px;border:1px solid currentColor;font-size:14px;font-weight:700;white-space:nowrap;margin:1px 2px 1px 0}
    .tag-attention{color:#6b140e;background:#f7d4d1}.tag-ok{color:#00401e;background:#cce5d8}.tag-closed{color:#212b32;background:#dbe0e3}
    .tag-discrepancy{color:#6b140e;background:#f7d4d1}.tag-balanced{color:#00401e;background:#cce5d8}
    tr.needs-attention th,tr.needs-attention td{background:#fdf1f0}
    tr.needs-attention th:first-child{box-shadow:inset 5px 0 0 var(--red)}
    .inline-filters{display:flex;flex-wrap:wrap;gap:12px 16px;align-items:flex-end;margin:0 0 16px}
    .field{display:flex;flex-direction:column;align-items:flex-start;gap:4px;margin-bottom:16px;max-width:100%}
    .inline-filters .field{margin-bottom:0}
    .field .hint{margin:0}
    input[type=text]{width:20em}input[type=password]{width:30em}input[type=search]{width:16em}input[type=date]{width:11em}
    label,legend{font-weight:700}
    fieldset{border:0;padding:0;margin:0;min-width:0}
    input[type=text],input[type=search],input[type=date],input[type=password],input[type=number],select{font:inherit;padding:6px 8px;border:2px solid var(--text);border-radius:0;background:#fff;min-height:40px;max-width:100%}
    input[type=file]{font:inherit;max-width:100%}
    .button{display:inline-block;font:inherit;font-weight:700;color:#fff;background:var(--green);border:0;border-radius:4px;box-shadow:0 4px 0 #00401e;padding:8px 16px;cursor:pointer;text-decoration:none;margin-bottom:4px}
    .button:visited{color:#fff}
    .button.secondary{background:#4c6272;box-shadow:0 4px 0 #263139}
    .button:focus{background:var(--yellow);color:var(--text);box-shadow:0 4px 0 var(--text)}
    .error-summary{border:4px solid var(--red);padding:12px 16px;background:#fff;margin:16px 0}
    .error-summary h2{margin:0 0 8px;font-size:22px}
    .notice{border-left:8px solid var(--blue);background:#fff;padding:12px 16px;margin:16px 0}
    .notice.success{border-left-color:var(--green)}
    .pager{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;margin:12px 0}
    .downloads{display:flex;flex-wrap:wrap;gap:8px 16px;margin:8px 0 16px;padding:0;list-style:none}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
    figure{margin:0;background:#fff;border:1px solid var(--border);padding:12px}
    figure svg{display:block;width:100%;height:auto}figcaption{font-weight:700;margin-bottom:4px}
    svg text{font-size:10px;fill:var(--secondary)}
    .legend span{margin-right:14px;font-size:14px}
    .legend i{display:inline-block;width:24px;height:0;margin-right:5px;vertical-align:middle}
    .key-allocated{border-top:3px solid var(--allocated)}.key-spent{border-top:3px dashed var(--spent)}.key-held{border-top:3px dotted var(--held)}.key-committed{border-top:3px dotted var(--committed)}
    .pot b{display:inline-block;width:16px;color:var(--secondary)}
    .type{white-space:nowrap}
    tr.reversal td,tr.reversed td{color:var(--secondary)}tr.reversed td.amount{text-decoration:line-through}
    .side-by-side{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px;align-items:start}
    .site-footer{border-top:4px solid var(--blue);background:#fff;color:var(--secondary);font-size:14px;padding:16px 0}
    code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
    @media (max-width:640px){
    .width{padding:0 12px}h1{font-size:26px}h2{font-size:21px}
    #budgets thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
    #budgets caption{display:block;width:100%}
    #budgets,#budgets tbody,#budgets tr,#budgets th,#budgets td{display:block;width:100%}
    #budgets tr{border-bottom:2px solid var(--text);padding:6px 0}
    #budgets tbody th,#budgets td{border:0;padding:3px 8px;display:flex;justify-content:space-between;gap:12px;text-align:right}
    #budgets td::before,#budgets tbody th::before{content:attr(data-label);font-weight:700;text-align:left}
    #budgets td.attention{display:block;text-align:left}#budgets td.attention::before{display:block}
    #budgets tr.needs-attention th:first-child{box-shadow:none}#budgets tr.needs-attention{box-shadow:inset 5px 0 0 var(--red)}
    .service{font-size:17px;width:100%}
    th,td{padding:6px 6px}
    .facts{grid-template-columns:1fr 1fr}
    }
    @media print{.site-header,.skip-link,form{display:none}}
    """
}
