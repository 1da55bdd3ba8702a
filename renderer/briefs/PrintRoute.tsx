// The print route (#/print/<kind>?q=<request>): the page both hosts turn into PDF. It fetches the
// document model, renders it, waits for the fonts, then marks <body data-print-ready> so the
// printer knows the layout is final (or data-print-error with the Chinese message).
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Doc } from '../../shared/briefs/model';
import { decodeRequest, type BriefRequest } from '../../shared/briefs/request';
import { DocView } from './print/DocView';

export function parsePrintHash(hash: string): BriefRequest | null {
  const m = /^#\/print\/([a-z]+)\?q=([\w-]+)/.exec(hash);
  if (!m) return null;
  try {
    return decodeRequest(m[2]) as BriefRequest;
  } catch {
    return null;
  }
}

export function PrintRoute() {
  const [doc, setDoc] = useState<Doc | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.body.classList.add('gw-print');
    const req = parsePrintHash(window.location.hash);
    if (!req) {
      setError('打印地址有误：缺少文档参数。');
      return;
    }
    api('briefs.model', req).then(setDoc, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (error) document.body.dataset.printError = error;
    if (!doc) return;
    document.title = doc.title;
    let live = true;
    // Two frames so React has painted, then every font face the text needs has loaded.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        void document.fonts.ready.then(() => {
          if (live) document.body.dataset.printReady = '1';
        });
      }),
    );
    return () => {
      live = false;
    };
  }, [doc, error]);
  if (error) return <p style={{ padding: 24, color: '#b91c1c' }}>{error}</p>;
  if (!doc) return null;
  return <DocView doc={doc} />;
}
