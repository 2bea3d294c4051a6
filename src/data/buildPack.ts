/**
 * The pack builders moved to build/ (build time only). This module only keeps PACK_LICENCE where the CLI
 * imports it from; new code imports it from ./packFormat.js.
 * @deprecated import PACK_LICENCE from './packFormat.js'
 */
export { PACK_LICENCE } from './packFormat.js';
