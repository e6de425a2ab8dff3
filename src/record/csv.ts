/** A small RFC 4180 CSV reader: quoted fields, doubled quotes, CR/LF or LF line ends, a UTF-8 BOM. Pure. */
export type CsvResult = { ok: true; rows: string[][] } | { ok: false; reason: string };

/** One row at a time with the line it starts on, so a reader holds one row, never the whole file as rows. */
export type CsvItem = { row: string[]; line: number } | { error: string };

export function* csvRows(text: string): Generator<CsvItem> {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const done = function* (): Generator<CsvItem> {
    if (!(row.length === 1 && row[0] === '')) yield { row, line: rowLine };
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== '') {
        yield { error: `line ${line}: a quote inside an unquoted field; quote the whole field and double the quote` };
        return;
      }
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      yield* done();
      row = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) {
    yield { error: `line ${quoteLine}: a quoted field is never closed` };
    return;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    yield* done();
  }
}

export function parseCsv(text: string): CsvResult {
  const rows: string[][] = [];
  for (const item of csvRows(text)) {
    if ('error' in item) return { ok: false, reason: item.error };
    rows.push(item.row);
  }
  return { ok: true, rows };
}
