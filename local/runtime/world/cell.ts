import type { CellValue } from './cell-input';
import { GENERAL_FORMAT } from './number-format';

/** One stored cell: its value, formula (empty when none), number format and the styles the add-on sets. */
export interface Cell {
  value: CellValue;
  formula: string;
  numberFormat: string;
  fontWeight: string;
  background: string;
}

export const EMPTY_CELL: Readonly<Cell> = Object.freeze({
  value: '',
  formula: '',
  numberFormat: GENERAL_FORMAT,
  fontWeight: 'normal',
  background: '#ffffff',
});

export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.value !== '' || cell.formula !== '');
}

/** Sheets' sort order: numbers and dates, then text (case-insensitive), then booleans; empty cells always last. */
export function compareForSort(a: CellValue, b: CellValue, ascending: boolean): number {
  if (a === '' || b === '') return (a === '' ? 1 : 0) - (b === '' ? 1 : 0);

  const rankA = sortRank(a);
  const rankB = sortRank(b);
  let order: number;

  if (rankA !== rankB) order = rankA - rankB;
  else if (rankA === 1) order = String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
  else order = Number(a) - Number(b);

  return ascending ? order : -order;
}

function sortRank(value: CellValue): number {
  if (typeof value === 'string') return 1;

  if (typeof value === 'boolean') return 2;

  return 0;
}
