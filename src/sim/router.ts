/** Finds the endpoint for a method and a path (relative to the API root) from the endpoint table. */
import { ENDPOINT_IDS, EndpointId, endpointOf } from '../cln/endpoints';

interface Route {
  id: EndpointId;
  method: string;
  pattern: RegExp;
  names: string[];
}

export type RouteResult = { kind: 'found'; id: EndpointId; pathValues: Record<string, string> } | { kind: 'wrongMethod'; allowed: string[] } | { kind: 'notFound' };

function compile(id: EndpointId): Route {
  const { method, path } = endpointOf(id);
  const names: string[] = [];
  const source = path
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]);
      return '([^/]+)';
    })
    .join('');
  return { id, method, pattern: new RegExp(`^${source}$`), names };
}

/** Literal paths first, so `/kcare/nagios/register_key.plain` is not taken for `/kcare/nagios/{key}`. */
const ROUTES: Route[] = ENDPOINT_IDS.map(compile).sort((a, b) => a.names.length - b.names.length);

export function route(method: string, path: string): RouteResult {
  const matching = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).filter((x) => x.m !== null);
  if (matching.length === 0) return { kind: 'notFound' };
  // Among the matches, the most literal one decides (a literal path beats a template).
  const best = matching.filter((x) => x.r.names.length === matching[0].r.names.length);
  const hit = best.find((x) => x.r.method === method);
  if (!hit) return { kind: 'wrongMethod', allowed: [...new Set(best.map((x) => x.r.method))] };
  const pathValues: Record<string, string> = {};
  hit.r.names.forEach((name, i) => {
    const raw = hit.m![i + 1];
    try {
      pathValues[name] = decodeURIComponent(raw);
    } catch {
      pathValues[name] = raw;
    }
  });
  return { kind: 'found', id: hit.r.id, pathValues };
}
