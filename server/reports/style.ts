// The report pages' one stylesheet, inlined in <style> and allowed by its SHA-256 in the CSP (no
// 'unsafe-inline', no extra request). Light by default, dark with prefers-color-scheme, phone widths,
// and print (no navigation, no backgrounds, tables unbroken where possible).
import { createHash } from 'node:crypto';

export const reportCss = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1d1f23;--muted:#5b616e;--line:#d9dce3;--card:#f5f6f8;--accent:#3b5bdb;--good:#2b8a3e;--bad:#c92a2a}
@media (prefers-color-scheme:dark){:root{--bg:#17181b;--fg:#e8e9ec;--muted:#a2a7b3;--line:#34373e;--card:#212328;--accent:#91a7ff;--good:#69db7c;--bad:#ff8787}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main,header,footer{max-width:1100px;margin:0 auto;padding:0 16px}
header{padding-top:20px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.2rem;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
p.meta,.muted{color:var(--muted);font-size:.9rem;margin:0}
a{color:var(--accent)}
nav.periods{display:flex;flex-wrap:wrap;gap:6px;margin:14px 0 4px}
nav.periods a,nav.periods strong{padding:4px 10px;border:1px solid var(--line);border-radius:999px;text-decoration:none;font-size:.9rem}
nav.periods strong{background:var(--accent);color:var(--bg);border-color:var(--accent)}
.downloads{margin:8px 0 0;font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px;margin:0 0 10px;padding:0}
.who{margin:12px 0 10px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px;margin:0}
.card dt{font-size:.8rem;color:var(--muted);margin:0}
.card dd{margin:2px 0 0;font-size:1.3rem;font-weight:600;font-variant-numeric:tabular-nums}
.card dd small{display:block;font-size:.78rem;font-weight:400;color:var(--muted)}
.up{color:var(--good)}.down{color:var(--bad)}
figure{margin:12px 0}
figure img{display:block;width:100%;max-width:800px;height:auto;border-radius:8px}
figcaption{font-size:.85rem;color:var(--muted);max-width:800px}
.table-wrap{overflow-x:auto;margin:8px 0}
table{border-collapse:collapse;width:100%;font-size:.92rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th.num,td.num{text-align:right}
th a{text-decoration:none;color:inherit}
th a:hover,th a:focus{text-decoration:underline}
.notice{background:var(--card);border-left:4px solid var(--accent);padding:8px 12px;margin:10px 0}
ul.notes{padding-left:20px;color:var(--muted);font-size:.9rem}
details summary{cursor:pointer;color:var(--accent)}
footer{padding:24px 16px 40px;color:var(--muted);font-size:.85rem}
@media (max-width:600px){body{font-size:15px}h1{font-size:1.3rem}.cards{grid-template-columns:repeat(2,minmax(0,1fr))}.card dd{font-size:1.1rem}th,td{padding:5px 6px}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--card:#fff}nav.periods,.downloads,th a::after{display:none}a{color:inherit;text-decoration:none}
h2{break-after:avoid}figure,tr,.card{break-inside:avoid}.table-wrap{overflow:visible}body{font-size:12pt}}
`.trim();

/** The CSP source allowing exactly this stylesheet. */
export const reportCssHash = `'sha256-${createHash('sha256').update(reportCss, 'utf8').digest('base64')}'`;
