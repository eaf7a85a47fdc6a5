/**
 * Which pages the sentinel tells the background about although they are not policies: pages on
 * a platform of the bundled feed, where the badge and the AI-training card apply to any page (a
 * sign-up page too). Every other ordinary page costs the sentinel its detection and nothing more:
 * no extension API and no message.
 *
 * `domains` are registrable domains or hosts as the feed lists them; a page matches a domain or
 * any of its subdomains. Path prefixes are ignored here: the background still decides which
 * platform a page belongs to, this only decides whether it is worth asking.
 */
export function createPlatformGate(domains: Iterable<string>): (url: string) => boolean {
  // String tests, not regular expressions: this runs on every page, where V8 would compile an
  // expression afresh in each new renderer.
  const known = new Set<string>();
  for (const domain of domains) {
    const lower = domain.trim().toLowerCase();
    const normalised = withoutTrailingDot(lower.startsWith('www.') ? lower.slice(4) : lower);
    if (normalised.length > 0) known.add(normalised);
  }
  return (url) => {
    let host: string;
    try {
      host = withoutTrailingDot(new URL(url).hostname.toLowerCase());
    } catch {
      return false;
    }
    // Walk up the labels: "chat.deepseek.com", "deepseek.com", "com".
    for (let suffix = host; ; ) {
      if (known.has(suffix)) return true;
      const dot = suffix.indexOf('.');
      if (dot < 0) return false;
      suffix = suffix.slice(dot + 1);
    }
  };
}

/** A fully qualified name's root dot dropped ("deepseek.com." reads "deepseek.com"). */
function withoutTrailingDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}
