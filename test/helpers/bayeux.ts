/**
 * Raw Bayeux over long-polling, posted as a browser posts it: the BAYEUX_BROWSER cookie the server
 * sets is sent back, since a session is served only with the cookie it was opened with.
 */
export function longPolling(baseUrl: string) {
  let browser: string | undefined;
  return async (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) => {
    const response = await fetch(`${baseUrl}/api/v2/notifications`, { method: 'POST', headers: { ...headers, ...(browser ? { Cookie: browser } : {}) }, body });
    browser ??= response.headers.get('set-cookie')?.split(';')[0];
    const text = await response.text();
    return { status: response.status, text, replies: JSON.parse(text) as any[] };
  };
}
