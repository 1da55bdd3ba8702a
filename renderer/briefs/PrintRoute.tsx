// The print route (#/print/<kind>?q=<request>[&n=<job>]): the page both hosts turn into PDF. It
// fetches the document model, renders it, waits for the fonts, then marks <body data-print-done=n>
// (with data-print-error holding the Chinese message on failure, data-print-error-code its API code). It follows hash changes, so a
// printer can keep one warm page and print document after document without reloading the bundle.
import { useEffect, useState } from 'react';
import { api, ApiCallError } from '../api';
import type { Doc } from '../../shared/briefs/model';
import { decodeRequest, type BriefRequest } from '../../shared/briefs/request';
import { DocView } from './print/DocView';
import { fitColophon } from './print/fitColophon';

export function parsePrintHash(hash: string): { request: BriefRequest; job: string } | null {
  const m = /^#\/print\/([a-z]+)\?q=([\w-]+)((?:&\w+=\w+)*)/.exec(hash);
  if (!m) return null;
  try {
    return { request: decodeRequest(m[2]) as BriefRequest, job: new URLSearchParams(m[3]).get('n') ?? '1' };
  } catch {
    return null;
  }
}

export function PrintRoute() {
  const [state, setState] = useState<{ doc: Doc | null; error: string | null; code?: string; job: string }>({ doc: null, error: null, job: '' });
  useEffect(() => {
    document.body.classList.add('gw-print');
    let seq = 0;
    const load = () => {
      const mine = ++seq;
      const body = document.body.dataset;
      delete body.printDone;
      delete body.printError;
      delete body.printErrorCode;
      const parsed = parsePrintHash(window.location.hash);
      if (!parsed) return setState({ doc: null, error: '打印地址有误：缺少文档参数。', job: '0' });
      setState({ doc: null, error: null, job: parsed.job });
      api('briefs.model', parsed.request).then(
        (doc) => mine === seq && setState({ doc, error: null, job: parsed.job }),
        (e: Error) => mine === seq && setState({ doc: null, error: e.message, code: e instanceof ApiCallError ? e.error.code : undefined, job: parsed.job }),
      );
    };
    load();
    window.addEventListener('hashchange', load);
    return () => window.removeEventListener('hashchange', load);
  }, []);
  const { doc, error, code, job } = state;
  useEffect(() => {
    const body = document.body.dataset;
    if (error) {
      body.printError = error;
      if (code) body.printErrorCode = code;
      body.printDone = job;
      return;
    }
    if (!doc) return;
    document.title = doc.title;
    let live = true;
    // Two frames so React has painted, then every font face the text needs has loaded.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        void document.fonts.ready.then(() => {
          if (!live) return;
          fitColophon(document.querySelector<HTMLElement>('.gw-doc'));
          body.printDone = job;
          // Opened from the preview's 打印… button: show the system print dialog on the laid-out pages.
          if (/[?&]print=1\b/.test(window.location.hash)) window.print();
        });
      }),
    );
    return () => {
      live = false;
    };
  }, [doc, error, code, job]);
  if (error) return <p style={{ padding: 24, color: '#b91c1c' }}>{error}</p>;
  if (!doc) return null;
  return <DocView doc={doc} />;
}
