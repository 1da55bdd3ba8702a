// Bundled CJK fonts, served by the host from dist/renderer (CSP font-src 'self'): a fresh Linux
// PC without 仿宋/小标宋/黑体/楷体 still prints correct Chinese, with no network. Browsers fetch
// only the unicode-range slices a page uses, and Chromium embeds them (subset) in the PDF.
import '@fontsource/noto-serif-sc/400.css';
import '@fontsource/noto-serif-sc/700.css';
import '@fontsource/noto-sans-sc/400.css';
import 'lxgw-wenkai-webfont/lxgwwenkai-regular.css';
