// The `device` the demo protocol's join carries: {flag, name, version}, flag one of
// chrome, firefox, safari, opera, edge or unknown.
const BROWSERS = [
  // Order matters: Edge and Opera user agents also say Chrome, and Chrome's also says Safari.
  { flag: 'edge', name: 'Edge', pattern: /Edg(?:e|A|iOS)?\/([\d.]+)/ },
  { flag: 'opera', name: 'Opera', pattern: /OPR\/([\d.]+)/ },
  { flag: 'firefox', name: 'Firefox', pattern: /Firefox\/([\d.]+)/ },
  { flag: 'chrome', name: 'Chrome', pattern: /Chrom(?:e|ium)\/([\d.]+)/ },
  { flag: 'safari', name: 'Safari', pattern: /Version\/([\d.]+).*Safari/ },
];

export function deviceInfo(userAgent = navigator.userAgent) {
  for (const { flag, name, pattern } of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) return { flag, name, version: match[1] };
  }
  return { flag: 'unknown', name: 'unknown', version: '' };
}
