/**
 * Wires the OAuth2 service, the HTTP client and the endpoint calls together for one execution.
 */
import { ZoomApi } from './api';
import type { ZoomConfig } from './config';
import { ZoomHttp } from './http';
import { createZoomService, grantedScopes, OAuthTokenSource } from './oauth';

export function createZoomApi(config: ZoomConfig): ZoomApi {
  const service = createZoomService(config);
  const http = new ZoomHttp(new OAuthTokenSource(config), {
    fetch: (url, params) => UrlFetchApp.fetch(url, params),
    fetchAll: (requests) => UrlFetchApp.fetchAll(requests),
    sleep: (milliseconds) => Utilities.sleep(milliseconds),
    random: () => Math.random(),
    now: () => Date.now(),
  });

  return new ZoomApi(http, grantedScopes(service));
}
