// oidc-provider prints two warnings whenever it starts (Node 20 is not its preferred runtime; its
// in-memory adapter is not for production). Both are expected for the local identity provider in
// tests; everything else reaches the console.
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider WARNING')) return;
  warn(...args);
};
