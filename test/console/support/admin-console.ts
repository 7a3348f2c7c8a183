// A console server with an admin (granted through the CLI) and a desktop page signed in as them, as the operator pages need.
import type { Page } from 'playwright-core';
import { openBrowser, type ConsoleBrowser } from './browser.js';
import { startServer, type Account, type ConsoleServer, type StartOptions } from './server.js';

export interface AdminConsole {
  server: ConsoleServer;
  browser: ConsoleBrowser;
  admin: Account;
  page: Page;
}

/** Starts the server and signs an admin in; a failure on the way stops what was started. */
export async function openAdminConsole(prefix: string, options: StartOptions = {}): Promise<AdminConsole> {
  const server = await startServer(options);
  let browser: ConsoleBrowser | undefined;
  try {
    const admin = await server.signUp(prefix);
    await server.cli('admin', 'grant', admin.email);
    browser = await openBrowser(server);
    const page = await browser.newPage({ account: admin });
    return { server, browser, admin, page };
  } catch (err) {
    await browser?.close();
    await server.stop();
    throw err;
  }
}
