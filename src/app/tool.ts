import { readFileSync } from 'node:fs';

/** fairshare's name and version (from package.json), as workbooks, manifests and reports record them. */
const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
export const TOOL: { readonly name: string; readonly version: string } = { name: PACKAGE.name, version: PACKAGE.version };
