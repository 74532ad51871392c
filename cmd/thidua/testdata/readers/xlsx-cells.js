// Opens each workbook named on the command line with exceljs and prints,
// as one JSON document, its core properties and the first rows of every
// sheet: each cell's exceljs type, value and number format. The Go test
// (xlsx_readers_test.go) judges them.
"use strict";
const ExcelJS = require("exceljs");

const types = Object.fromEntries(Object.entries(ExcelJS.ValueType).map(([k, v]) => [v, k]));

async function read(file) {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs expands a data validation into one entry per cell: the
    // import templates' drop-down lists cover whole columns (to row
    // 1,048,576) and take it minutes each, so they are left unread.
    await wb.xlsx.readFile(file, { ignoreNodes: ["dataValidations"] });
  } catch (e) {
    return { file, error: String(e && e.message || e) };
  }
  const out = {
    file, creator: wb.creator || "", lastModifiedBy: wb.lastModifiedBy || "", title: wb.title || "",
    created: wb.created instanceof Date ? wb.created.toISOString() : "", sheets: [],
  };
  wb.eachSheet((ws) => {
    const rows = [];
    for (let r = 1; r <= Math.min(ws.rowCount, 40); r++) {
      const row = ws.getRow(r);
      const cells = [];
      for (let c = 1; c <= Math.min(ws.columnCount, 20); c++) {
        const cell = row.getCell(c);
        let v = cell.value;
        if (v instanceof Date) v = v.toISOString();
        else if (v !== null && typeof v === "object") v = JSON.stringify(v);
        cells.push({ type: types[cell.type] || String(cell.type), value: v === null || v === undefined ? "" : String(v), numFmt: cell.numFmt || "" });
      }
      rows.push(cells);
    }
    out.sheets.push({ name: ws.name, rows });
  });
  return out;
}

(async () => {
  const results = [];
  for (const f of process.argv.slice(2)) results.push(await read(f));
  process.stdout.write(JSON.stringify(results));
})();
