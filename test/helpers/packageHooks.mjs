// Module hooks for test/cli/startup.test.ts: write the name of each package from node_modules the first
// time a module of it is resolved, one per line on standard error.
const seen = new Set();
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const inside = resolved.url.split('/node_modules/')[1];
  if (inside !== undefined) {
    const parts = inside.split('/');
    const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    if (name !== undefined && !seen.has(name)) {
      seen.add(name);
      process.stderr.write(`package:${name}\n`);
    }
  }
  return resolved;
}
