import { createHash, randomBytes } from 'node:crypto';

// Test support: just enough of a browser to drive the authorization code flow over HTTP
// (cookies by name, redirects followed by hand so each hop can be inspected).

export interface Hop {
  url: string;
  response: Response;
  body: string;
}

export class Browser {
  private readonly cookies = new Map<string, string>();

  /** One request, no redirect following; remembers the cookies the response sets. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop> {
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.remember(response);
    return { url, response, body: await response.text() };
  }

  /** Follows redirects until a page is shown or the next location satisfies `stopAt` (not fetched). */
  async follow(start: Hop, stopAt: (url: string) => boolean): Promise<Hop> {
    let hop = start;
    for (let i = 0; i < 10; i += 1) {
      const location = hop.response.headers.get('location');
      if (hop.response.status < 300 || hop.response.status >= 400 || !location) return hop;
      const next = new URL(location, hop.url).href;
      if (stopAt(next)) return { url: next, response: hop.response, body: '' };
      hop = await this.request(next);
    }
    throw new Error('too many redirects');
  }

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** A PKCE pair (RFC 7636, S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
