import type { CellBox } from '../world/sheet-model';

/** Parses `A1`, `A1:C3`, `A:C` or `2:5` (without a sheet name) into a box; open ends reach the sheet's edge. */
export function parseA1(notation: string, maxRows: number, maxColumns: number): CellBox | null {
  const match = /^\s*\$?([A-Z]*)\$?(\d*)(?::\$?([A-Z]*)\$?(\d*))?\s*$/i.exec(notation);

  if (match === null) return null;

  const [, startColumnText = '', startRowText = '', endColumnText, endRowText] = match;

  if (startColumnText === '' && startRowText === '') return null;

  const single = endColumnText === undefined && endRowText === undefined;
  const startColumn = startColumnText === '' ? 1 : columnNumber(startColumnText);
  const startRow = startRowText === '' ? 1 : Number(startRowText);

  if (single) {
    if (startColumnText === '' || startRowText === '') return null;

    return { row: startRow, column: startColumn, rows: 1, columns: 1 };
  }

  const endColumn = endColumnText === '' || endColumnText === undefined ? maxColumns : columnNumber(endColumnText);
  const endRow = endRowText === '' || endRowText === undefined ? maxRows : Number(endRowText);
  const top = Math.min(startRow, endRow);
  const left = Math.min(startColumn, endColumn);

  return { row: top, column: left, rows: Math.abs(endRow - startRow) + 1, columns: Math.abs(endColumn - startColumn) + 1 };
}

export function columnNumber(letters: string): number {
  let number = 0;

  for (const letter of letters.toUpperCase()) number = number * 26 + (letter.charCodeAt(0) - 64);

  return number;
}

export function columnLetters(column: number): string {
  let letters = '';

  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;

  return letters;
}

export function formatA1(box: CellBox): string {
  const start = `${columnLetters(box.column)}${box.row}`;

  if (box.rows === 1 && box.columns === 1) return start;

  return `${start}:${columnLetters(box.column + box.columns - 1)}${box.row + box.rows - 1}`;
}
