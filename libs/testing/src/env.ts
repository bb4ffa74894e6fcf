// The test servers' helpers live in @congress/test-servers, so libraries the in-process service
// harness depends on (messaging) can use them in their own tests without a dependency cycle.
export * from '@congress/test-servers';
