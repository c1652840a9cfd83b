/** A tiny browser stand-in for HTTP tests: keeps cookies, does not follow redirects, reads forms' hidden fields. */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();

  /** `headers` go with every request (an X-Forwarded-For, say, for a client behind a proxy). */
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string): Promise<{ status: number; body: string; location: string | null }> {
    return this.send(path, { method: 'GET' });
  }

  async post(
    path: string,
    fields: Record<string, string>,
  ): Promise<{ status: number; body: string; location: string | null }> {
    return this.send(path, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Posts a form as a browser does: a 303 answer is followed with a GET, whose page is returned with the post's status. */
  async submit(
    path: string,
    fields: Record<string, string>,
  ): Promise<{ status: number; body: string; location: string | null }> {
    const posted = await this.post(path, fields);
    if (posted.status !== 303 || !posted.location) return posted;
    return { ...(await this.get(posted.location)), status: posted.status, location: posted.location };
  }

  /** Posts the sign-in form as a browser does: the form (and its cookie) first, then the fields with its token. */
  async postLogin(fields: Record<string, string>): Promise<{ status: number; body: string; location: string | null }> {
    const page = await this.get('/login');
    return this.post('/login', { login_token: ConsoleClient.field(page.body, 'login_token'), ...fields });
  }

  async signIn(username: string, password = 'correct horse battery'): Promise<void> {
    const response = await this.postLogin({ username, password, next: '/queue' });
    if (response.status !== 303) throw new Error(`sign-in as ${username} failed with ${response.status}`);
  }

  /** The value of a hidden input in a page. */
  static field(body: string, name: string): string {
    const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(body);
    if (!match) throw new Error(`no field ${name} in the page`);
    return match[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  }

  private async send(
    path: string,
    init: RequestInit,
  ): Promise<{ status: number; body: string; location: string | null }> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...this.headers, ...(init.headers as Record<string, string>), ...(cookie && { cookie }) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const index = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
    return { status: response.status, body: await response.text(), location: response.headers.get('location') };
  }
}
