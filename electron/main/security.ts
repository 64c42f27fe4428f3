import { app, session, shell, type WebContents } from 'electron';

/** Hosts whose https pages may be opened in the user's browser (documentation links). */
const EXTERNAL_ALLOW = new Set(['github.com', 'sigmahq.io', 'attack.mitre.org']);

function openExternalIfAllowed(url: string): void {
  try {
    const u = new URL(url);
    // Reviewed (OPEN_EXTERNAL_JS_CHECK): only https URLs on the allow-listed documentation hosts reach openExternal.
    if (u.protocol === 'https:' && EXTERNAL_ALLOW.has(u.hostname)) void shell.openExternal(u.toString()); // eng-disable OPEN_EXTERNAL_JS_CHECK
  } catch {
    // not a URL: ignore
  }
}

/**
 * The desktop security baseline (DESIGN.md section 6): no new windows, no navigation away
 * from the app, every permission request denied, remote content never loaded.
 */
export function hardenApp(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalIfAllowed(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    // The renderer's policy (the same as the meta tag in renderer/index.html) also as a header,
    // for pages served over http (the dev server), where it can add frame-ancestors. Written as
    // a literal so security scanners see it.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          ],
        },
      });
    });
  });
}
