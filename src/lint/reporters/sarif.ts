/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning and others).
 * One run; `tool.driver.rules` lists every rule id the tool can report (the rule registry,
 * then the loader's format checks, then any other code seen), and each result points at its
 * rule by `ruleId` and `ruleIndex`. Columns are counted in UTF-16 code units, as JavaScript
 * and the YAML parser count them.
 */
import type { Level } from '../../diagnostics.js';
import type { FileReport } from '../report.js';

export interface RuleDescriptor {
  id: string;
  rationale: string;
  level: Level;
}

export interface SarifTool {
  name: string;
  version: string;
  informationUri?: string;
  rules: readonly RuleDescriptor[];
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A relative path stays relative (resolved against the checkout); an absolute one becomes a file URI. */
export function artifactUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/').replace(/^([A-Za-z])%3A/, '$1:');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

export function formatSarif(reports: readonly FileReport[], tool: SarifTool): string {
  const rules: RuleDescriptor[] = [...tool.rules];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  for (const report of reports) {
    for (const d of report.diagnostics) {
      if (!index.has(d.code)) {
        index.set(d.code, rules.length);
        rules.push({ id: d.code, rationale: `A problem found by escalate (${d.code}).`, level: d.level });
      }
    }
  }
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: index.get(d.code)!,
      level: d.level === 'error' ? 'error' : 'warning',
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(report.file) },
            region: {
              startLine: d.line,
              startColumn: d.column,
              ...(d.endLine !== undefined && d.endColumn !== undefined && (d.endLine > d.line || d.endColumn > d.column)
                ? { endLine: d.endLine, endColumn: d.endColumn }
                : {}),
            },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.rationale },
              defaultConfiguration: { level: rule.level },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
