/**
 * The page's whole stylesheet, inline and allowed by its hash in the CSP (no 'unsafe-inline', no
 * second request, no fonts: the phone's own). Mobile first: one column, 360 px and up, large tap
 * targets (≥ 44 px), contrast ≥ 4.5:1 for every text colour on its background.
 */
export const PAGE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1a1a1a;background:#f4f5f7}
header{background:#0b5c3b;color:#fff;padding:1rem}
header p{margin:0;font-size:.95rem}
h1{margin:.25rem 0 0;font-size:1.5rem;line-height:1.25}
main{max-width:40rem;margin:0 auto;padding:1rem}
section{background:#fff;border-radius:.75rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:1.1rem;margin:0 0 .5rem}
.status{font-size:1.3rem;font-weight:700;margin:0 0 .5rem;color:#0b5c3b}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}
dt{color:#4a4a4a}dd{margin:0;font-weight:600;overflow-wrap:anywhere}
ol{margin:0;padding-left:1.25rem}li{margin:.25rem 0}
time{color:#4a4a4a;display:block;font-size:.9rem}
.notice{border-left:.4rem solid #0b5c3b;background:#e8f5ee}
.error{border-left:.4rem solid #b00020;background:#fdecee;color:#7a0016;font-weight:600}
.money{font-size:1.4rem;font-weight:700}
.quote{width:100%;border-collapse:collapse;margin:.5rem 0}.quote caption{text-align:left;color:#4a4a4a;font-size:.9rem}
.quote th,.quote td{padding:.35rem 0;border-bottom:1px solid #dde1e6;text-align:left;font-weight:400}.quote td.money{font-size:1rem;text-align:right;font-weight:400}
.quote tfoot th,.quote tfoot td.money{font-weight:700}
form{margin:.75rem 0 0}
button{font:inherit;font-weight:700;min-height:2.75rem;padding:.5rem 1.25rem;border-radius:.5rem;border:2px solid #0b5c3b;background:#0b5c3b;color:#fff;cursor:pointer;width:100%}
button.secondary{background:#fff;color:#0b5c3b}
.actions{display:grid;gap:.75rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
textarea,input[type=text]{font:inherit;width:100%;padding:.6rem;border:1px solid #6b6b6b;border-radius:.5rem;background:#fff;color:#1a1a1a}
textarea{min-height:6rem}
fieldset{border:0;margin:0;padding:0}
legend{font-weight:600;margin:0 0 .25rem}
.stars{display:flex;gap:.5rem;flex-wrap:wrap}
.stars label{margin:0;font-weight:400;display:flex;align-items:center;gap:.25rem;min-height:2.75rem;min-width:2.75rem}
.stars input{width:1.4rem;height:1.4rem}
.photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(8rem,1fr));gap:.5rem}
figure{margin:0}figure img{width:100%;height:auto;border-radius:.5rem}figcaption{font-size:.9rem;color:#4a4a4a}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
nav a{display:inline-block;min-height:2.75rem;padding:.6rem .75rem;border:1px solid #0b5c3b;border-radius:.5rem;color:#0b5c3b;text-decoration:none}
nav a[aria-current]{background:#0b5c3b;color:#fff}
a{color:#0b5c3b}
.hint{color:#4a4a4a;font-size:.95rem;margin:.25rem 0 0}
`.replace(/\n/g, '');

/**
 * For the CSP: style-src 'sha256-…' allows exactly this stylesheet. Written out rather than hashed
 * at init (0.5 ms of every page function's cold start for a constant); after a change to PAGE_CSS,
 * test/unit/customer-page-views.test.ts fails and names the new value.
 */
export const PAGE_CSS_HASH = 'sha256-tC4N0+WPwgYF4Is+jqH8x2V1dWy96DxEwepCVLRc34s=';
