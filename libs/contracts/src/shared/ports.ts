/** Ports of the services (HTTP: health and readiness; the gateway's also serves the API). Documented in docs/operations.md. */
export const DEFAULT_PORTS = {
  gateway: 3000,
  directory: 3101,
  'project-library': 3102,
  'issue-tracking': 3103,
  'supervision-scheduling': 3104,
  voting: 3105,
  publication: 3106,
  'personnel-assessment': 3107,
} as const;
