/**
 * The count table behind a report: interior cells, margins and how the
 * margins relate to the cells (a sum, or "at least" when categories overlap).
 */

export interface CountTable {
  rows: string[];
  cols: string[];
  /** cells[r][c]: distinct persons in row category r and column category c. */
  cells: number[][];
  /** Distinct persons in each row category (not the sum of cells when columns overlap). */
  rowTotals: number[];
  colTotals: number[];
  /** Distinct persons in the table. */
  grandTotal: number;
  /** True when each row's cells add up to its total (the column dimension is single-valued). */
  rowsAddUp: boolean;
  /** True when each column's cells add up to its total (the row dimension is single-valued). */
  colsAddUp: boolean;
}

/**
 * The table as an (R+1)×(C+1) grid whose last row and column are the margins,
 * so suppression and audits treat margins as ordinary cells of their lines.
 */
export function toGrid(table: CountTable): number[][] {
  const grid = table.cells.map((row, r) => [...row, table.rowTotals[r]]);
  grid.push([...table.colTotals, table.grandTotal]);
  return grid;
}

/** Inverse of toGrid. */
export function fromGrid(
  grid: number[][],
  shape: Pick<CountTable, 'rows' | 'cols' | 'rowsAddUp' | 'colsAddUp'>,
): CountTable {
  const R = shape.rows.length;
  const C = shape.cols.length;
  return {
    ...shape,
    cells: grid.slice(0, R).map((row) => row.slice(0, C)),
    rowTotals: grid.slice(0, R).map((row) => row[C]),
    colTotals: grid[R].slice(0, C),
    grandTotal: grid[R][C],
  };
}

/** A line of the grid (a row or column including its margin) as a list of [r, c] positions. */
export type Line = { kind: 'row' | 'col'; index: number; cells: [number, number][]; total: [number, number] };

/** Every row and column of the grid, including the margin row and column. */
export function gridLines(rowCount: number, colCount: number): Line[] {
  const lines: Line[] = [];
  for (let r = 0; r <= rowCount; r++) {
    lines.push({
      kind: 'row',
      index: r,
      cells: Array.from({ length: colCount }, (_, c) => [r, c] as [number, number]),
      total: [r, colCount],
    });
  }
  for (let c = 0; c <= colCount; c++) {
    lines.push({
      kind: 'col',
      index: c,
      cells: Array.from({ length: rowCount }, (_, r) => [r, c] as [number, number]),
      total: [rowCount, c],
    });
  }
  return lines;
}
