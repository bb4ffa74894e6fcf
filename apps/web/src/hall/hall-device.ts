// The hall tablet's device flag (会场平板): which evaluation this shared tablet serves and how long
// a member may stay idle. Pure functions over a Storage, tested in hall-device.spec.ts.
//
// The flag is about the meeting, never about a person: an evaluation id, its title and meeting as
// the office chose them, and the idle limit. It lives in localStorage so that it survives the
// sign-outs between members (which wipe everything else) and a restart of the browser.

/** localStorage key of the flag. Changing it turns every hall tablet back into a normal browser. */
export const HALL_DEVICE_KEY = 'congress.hall.device';

/** Idle limits the office may set (seconds): 30 s to 30 min, 3 min unless chosen. */
export const IDLE_DEFAULT_SECONDS = 180;
export const IDLE_MIN_SECONDS = 30;
export const IDLE_MAX_SECONDS = 1800;
/** What the setup page offers, in minutes. */
export const IDLE_CHOICES_MINUTES = [1, 2, 3, 5, 10] as const;

/** The part of Web Storage used here (localStorage in the browser, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface HallDevice {
  evaluationId: string;
  /** The report under evaluation and the meeting, for the start screen (known once the office or a first member loaded it). */
  reportTitle?: string;
  meeting?: string;
  /** A member is signed out after this many seconds without a touch or a key. */
  idleSeconds: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT = 300;

export function isEvaluationId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** An idle limit within bounds (whole seconds); the default for anything unreadable. */
export function clampIdleSeconds(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
  if (!Number.isFinite(n)) return IDLE_DEFAULT_SECONDS;
  return Math.min(IDLE_MAX_SECONDS, Math.max(IDLE_MIN_SECONDS, Math.round(n)));
}

const optionalText = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim().slice(0, MAX_TEXT) : undefined);

/** The flag as stored, or undefined when there is none or it is not one (then the device is a normal browser). */
export function readHallDevice(storage: Pick<KeyValueStore, 'getItem'>): HallDevice | undefined {
  let value: unknown;
  try {
    value = JSON.parse(storage.getItem(HALL_DEVICE_KEY) ?? 'null');
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (!isEvaluationId(record.evaluationId)) return undefined;
  return {
    evaluationId: record.evaluationId.toLowerCase(),
    reportTitle: optionalText(record.reportTitle),
    meeting: optionalText(record.meeting),
    idleSeconds: clampIdleSeconds(record.idleSeconds),
  };
}

/** Writes the flag: only the fields of HallDevice, so nothing else can ride along. */
export function writeHallDevice(storage: Pick<KeyValueStore, 'setItem'>, device: HallDevice): void {
  const { evaluationId, reportTitle, meeting, idleSeconds } = device;
  storage.setItem(HALL_DEVICE_KEY, JSON.stringify({ evaluationId, reportTitle: optionalText(reportTitle), meeting: optionalText(meeting), idleSeconds: clampIdleSeconds(idleSeconds) }));
}

export function clearHallDevice(storage: Pick<KeyValueStore, 'removeItem'>): void {
  storage.removeItem(HALL_DEVICE_KEY);
}

/**
 * The flag a bookmarked URL asks for: /hall?evaluation=<id>[&idle=<seconds>]. `invalid` when the
 * URL names an evaluation that is not an id (the start screen says so); undefined when it names none.
 */
export function hallDeviceFromUrl(search: string, current: HallDevice | undefined): HallDevice | 'invalid' | undefined {
  const params = new URLSearchParams(search);
  const id = params.get('evaluation');
  if (id === null) return undefined;
  if (!isEvaluationId(id)) return 'invalid';
  const evaluationId = id.toLowerCase();
  // The same evaluation keeps its title; another one starts without (the first sign-in fills it in).
  const same = current?.evaluationId === evaluationId ? current : undefined;
  const idle = params.get('idle');
  return { evaluationId, reportTitle: same?.reportTitle, meeting: same?.meeting, idleSeconds: idle !== null ? clampIdleSeconds(idle) : (same?.idleSeconds ?? IDLE_DEFAULT_SECONDS) };
}

/** The address the office bookmarks on further tablets for the same evaluation. */
export function hallUrl(origin: string, device: Pick<HallDevice, 'evaluationId' | 'idleSeconds'>): string {
  const idle = device.idleSeconds === IDLE_DEFAULT_SECONDS ? '' : `&idle=${device.idleSeconds}`;
  return `${origin}/hall?evaluation=${device.evaluationId}${idle}`;
}

/** Paths of the hall mode: /hall and below. */
export function isHallPath(pathname: string): boolean {
  return pathname === '/hall' || pathname.startsWith('/hall/');
}
