// The keys actor assertions are signed and verified with (issue 11).
// prepareActorKeys(dir, services) → { [service]: env }.
// (Until the keys are generated, no service gets any.)
export function prepareActorKeys(_dir, services) {
  return Object.fromEntries(services.map((s) => [s, {}]));
}
