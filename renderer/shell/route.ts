import { useEffect, useState } from 'react';

/** Hash routes (#/register, #/settings …): work the same under app:// and http://127.0.0.1. */
export function useHashRoute(): [string, (to: string) => void] {
  const read = () => window.location.hash.replace(/^#\/?/, '') || 'register';
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [route, go];
}

/** Goes to a hash route, e.g. go('meetings/12'). */
export function go(to: string): void {
  window.location.hash = '/' + to;
}
