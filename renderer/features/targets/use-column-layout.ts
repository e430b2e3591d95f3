import { useMemo, useRef, type RefObject } from 'react';
import { shownColumns } from './column-layout';
import { useTableGeometry } from './row-window';
import type { TargetColumn } from './target-table-model';

/** The columns the Targets table draws, worked out once for the table and for the chooser that names what had no room. */
export interface ColumnLayout {
  /** On screen, in order: the wanted columns that fit the table's measured width. */
  columns: readonly TargetColumn[];
  rowHeight: number;
  /** Where the table attaches its container and table elements, which are measured. */
  container: RefObject<HTMLDivElement | null>;
  table: RefObject<HTMLTableElement | null>;
}

/** `hidden` must keep its identity between renders: a new set starts the width fitting again. */
export function useColumnLayout(hidden: ReadonlySet<TargetColumn>): ColumnLayout {
  const container = useRef<HTMLDivElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const { width, squeeze, rowHeight } = useTableGeometry(container, table, hidden);
  const columns = useMemo(() => shownColumns(width ?? Number.POSITIVE_INFINITY, hidden, squeeze), [width, hidden, squeeze]);
  return { columns, rowHeight, container, table };
}
