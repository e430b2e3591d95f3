import { TARGET_COLUMNS, type TargetColumn } from './target-table-model';

/**
 * Which columns go first when the window is narrow. The name identifies a row and always stays; then what a
 * commissioning engineer decides on (where it is, whether it speaks Secure ADS, which certificate it shows), then
 * details that the name and address already imply.
 */
export const COLUMN_PRIORITY: readonly TargetColumn[] = [
  'hostname',
  'address',
  'secureAds',
  'fingerprint',
  'netId',
  'connected',
  'twincat',
  'os',
  'comment',
];

/** Columns the chooser cannot hide: without the name a row means nothing. */
export const ALWAYS_SHOWN: ReadonlySet<TargetColumn> = new Set(['hostname']);

/**
 * Widths (px, cell padding included) that the typical content needs in one line. A first guess only: the table
 * hides one more column whenever the rendered table is still wider than its container.
 */
export const COLUMN_WIDTH: Readonly<Record<TargetColumn, number>> = {
  hostname: 120,
  connected: 90,
  address: 110,
  netId: 145,
  twincat: 80,
  os: 185,
  comment: 130,
  secureAds: 95,
  fingerprint: 300,
};

/** The selection checkbox's column. */
export const CHECKBOX_WIDTH = 48;

/**
 * The columns to render, in on-screen order: those the user wants, minus the lowest-priority ones until the rest fit
 * `available` px; `squeeze` hides that many more (the measured table overflowed the guess).
 */
export function shownColumns(available: number, hidden: ReadonlySet<TargetColumn>, squeeze = 0): TargetColumn[] {
  const wanted = COLUMN_PRIORITY.filter((column) => ALWAYS_SHOWN.has(column) || !hidden.has(column));
  let width = CHECKBOX_WIDTH + wanted.reduce((sum, column) => sum + COLUMN_WIDTH[column], 0);
  let keep = wanted.length;
  while (keep > 1 && width > available) {
    keep -= 1;
    width -= COLUMN_WIDTH[wanted[keep] as TargetColumn];
  }
  keep = Math.max(1, keep - squeeze);
  const shown = new Set(wanted.slice(0, keep));
  return TARGET_COLUMNS.map((column) => column.id).filter((id) => shown.has(id));
}

const STORAGE_KEY = 'targets.hiddenColumns';
const known = new Set<string>(TARGET_COLUMNS.map((column) => column.id));

/** The columns the user switched off, as remembered in this browser profile; nothing readable means none. */
export function loadHiddenColumns(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Set<TargetColumn> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return new Set();
    return new Set(
      parsed.filter((id): id is TargetColumn => typeof id === 'string' && known.has(id) && !ALWAYS_SHOWN.has(id as TargetColumn)),
    );
  } catch {
    return new Set();
  }
}

export function saveHiddenColumns(
  hidden: ReadonlySet<TargetColumn>,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify([...hidden]));
  } catch {
    // A full or disabled storage only costs the memory of the choice, not the choice itself.
  }
}
