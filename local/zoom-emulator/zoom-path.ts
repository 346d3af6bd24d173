// Zoom's API router rules for turning a request path into a route and an ID. Zoom percent-decodes the raw
// path once and treats '/' as a separator, so a UUID that starts with '/' or contains '//' survives
// only when encoded twice (Zoom's API reference: "you must double-encode the meeting UUID").

/** Percent-decodes every valid %XX escape and leaves invalid ones as they are ('+' stays '+'). */
export function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Decodes a raw request path once and collapses runs of '/' into one, as Zoom's router does. */
export function routerPath(rawPath: string): string {
  return percentDecode(rawPath).replace(/\/{2,}/g, '/');
}

/** Decodes a matched ID once more when it still contains '%' (the second half of double encoding). */
export function routeId(matched: string): string {
  return matched.includes('%') ? percentDecode(matched) : matched;
}

export interface RouteMatch<Name extends string> {
  name: Name;
  params: string[];
}

/**
 * Finds the first route whose pattern matches the router path. IDs are captured greedily, so list
 * more specific patterns (`/participants`) before the bare detail route.
 */
export function matchRoute<Name extends string>(
  routes: ReadonlyArray<readonly [Name, RegExp]>,
  path: string,
): RouteMatch<Name> | undefined {
  for (const [name, pattern] of routes) {
    const match = pattern.exec(path);

    if (match) return { name, params: match.slice(1).map(routeId) };
  }

  return undefined;
}
