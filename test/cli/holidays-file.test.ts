/**
 * End to end: calendars that take their holidays from an iCalendar file beside the matrix
 * (`holidays_from`). Every command that counts working time sees the file's dates; a file
 * that is missing, outside the matrix's folder, not a regular file, too large or broken is a
 * located one-line error, never a hang or a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, STACK_TRACE, example, runCli } from '../helpers/cli.js';

const TODAY = ['--today', '2026-12-06'];
const MATRIX = readFileSync(example('it-helpdesk.yaml'), 'utf8');
const FEED = readFileSync(example('holidays/england-and-wales.ics'), 'utf8');
const FROM_LINE = MATRIX.split('\n').findIndex((l) => l.includes('holidays_from:')) + 1;

/** A folder holding the example matrix, its feed (or `feed` instead), and the cases. */
function copy(options: { holidaysFrom?: string; feed?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-holidays-'));
  mkdirSync(join(dir, 'holidays'));
  writeFileSync(join(dir, 'm.yaml'), options.holidaysFrom === undefined ? MATRIX : MATRIX.replace('holidays_from: holidays/england-and-wales.ics', `holidays_from: ${options.holidaysFrom}`));
  writeFileSync(join(dir, 'holidays', 'england-and-wales.ics'), options.feed ?? FEED);
  return dir;
}

const lintJson = (dir: string) => {
  const result = runCli(['lint', 'm.yaml', '--format', 'json', ...TODAY], { cwd: dir });
  expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
  return { code: result.code, json: JSON.parse(result.stdout) as { files: { file: string; kind: string; diagnostics: { code: string; level: string; line: number; column: number; message: string }[] }[] } };
};
const found = (json: ReturnType<typeof lintJson>['json']) => json.files.flatMap((f) => f.diagnostics.map((d) => `${f.file}:${d.line}:${d.column} ${d.level} ${d.code}`));

describe('the shipped example takes its bank holidays from the feed beside it', () => {
  it('lints clean and its cases at Christmas and Easter pass', () => {
    const result = runCli(['lint', example('it-helpdesk.yaml'), '--coverage', '--format', 'json', ...TODAY]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.summary).toMatchObject({ files: 1, errors: 0, warnings: 0, cases: { passed: 7, failed: 0 } });
  });

  it('its reference sheet is current and names the feed', () => {
    const result = runCli(['docs', '--matrix', example('it-helpdesk.yaml'), '--out', example('it-helpdesk.md'), '--check']);
    expect(result.code).toBe(0);
    expect(readFileSync(example('it-helpdesk.md'), 'utf8')).toContain('2026-12-28, 2027-01-01, 2027-03-26, 2027-03-29');
    expect(readFileSync(example('it-helpdesk.md'), 'utf8')).toContain('(with `holidays/england-and-wales.ics`)');
  });

  for (const tz of ['UTC', 'Europe/Berlin', 'Australia/Sydney', 'Pacific/Chatham']) {
    it(`triage skips the feed's holidays (host zone ${tz})`, () => {
      // Christmas Eve is the matrix's own holiday; 25 and 28 December come from the feed.
      const result = runCli(['triage', '--matrix', example('it-helpdesk.yaml'), '--severity', 'p3', '--at', '2026-12-24T15:00', '--json'], { env: { TZ: tz } });
      expect(result.stderr).toBe('');
      const acknowledge = JSON.parse(result.stdout).deadlines.find((d: { kind: string }) => d.kind === 'acknowledge');
      expect(acknowledge.at).toBe('2026-12-29T12:30:00+00:00');
    });
  }

  it('simulate names a holiday from the feed', () => {
    const result = runCli(['simulate', '--matrix', example('it-helpdesk.yaml'), '--severity', 'p3', '--at', '2026-12-28T10:00', '--json']);
    expect(result.code).toBe(0);
    const calendar = JSON.parse(result.stdout).instants[0].severities[0].calendar;
    expect(calendar).toMatchObject({ state: 'holiday', holiday: '2026-12-28', opens_at: '2026-12-29T08:30:00+00:00' });
  });

  it('the exports carry the feed holidays: Alertmanager mutes them, the calendar lists them, PagerDuty says it cannot', () => {
    const am = runCli(['export', 'alertmanager', '--matrix', example('it-helpdesk.yaml')]);
    expect(am.code).toBe(0);
    const holidays = am.stdout.slice(am.stdout.indexOf('- name: office-holidays'));
    // Easter Monday 2027, from the feed.
    expect(holidays).toMatch(/days_of_month:\s*- "29"\s*months:\s*- march\s*years:\s*- "2027"/);
    const ics = runCli(['export', 'ics', '--matrix', example('it-helpdesk.yaml')]);
    expect(ics.stdout).toContain('20261228');
    expect(ics.stdout).toContain('20270329');
    const pd = runCli(['export', 'pagerduty', '--matrix', example('it-helpdesk.yaml')]);
    expect(pd.stderr).toContain('has 18 holidays (2026-01-01, 2026-04-03');
  });
});

describe('a holidays file that cannot be used is a located error', () => {
  it('a missing file: exit 1 at the matrix line naming the calendar, in lint and every other command', () => {
    const dir = copy({ holidaysFrom: 'holidays/scotland.ics' });
    const { code, json } = lintJson(dir);
    expect(code).toBe(1);
    expect(found(json)).toEqual([`m.yaml:${FROM_LINE}:20 error holidays-file`]);
    expect(json.files[0]!.diagnostics[0]!.message).toBe('calendar "office": cannot read holidays/scotland.ics: no such file');
    for (const args of [['triage', '--severity', 'p3'], ['docs'], ['simulate', '--severity', 'p3', '--at', '2026-12-24T10:00'], ['export', 'ics']]) {
      const result = runCli([...args, '--matrix', 'm.yaml'], { cwd: dir });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(`m.yaml:${FROM_LINE}:20: calendar "office": cannot read holidays/scotland.ics: no such file (holidays-file)`);
      expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it('errors inside the feed are reported at the feed line:col, and the matrix line says which calendar', () => {
    const broken = FEED.replace('DTSTART;VALUE=DATE:20261225', 'DTSTART;VALUE=DATE:20261325');
    const line = broken.split('\r\n').findIndex((l) => l.includes('20261325')) + 1;
    const dir = copy({ feed: broken });
    const { code, json } = lintJson(dir);
    expect(code).toBe(1);
    expect(found(json)).toEqual([`m.yaml:${FROM_LINE}:20 error holidays-file`, `holidays/england-and-wales.ics:${line}:20 error ics-event`]);
    expect(json.files[1]!.kind).toBe('holidays');
    const triage = runCli(['triage', '--matrix', 'm.yaml', '--severity', 'p3'], { cwd: dir });
    expect(triage.code).toBe(1);
    expect(triage.stderr).toContain(`holidays/england-and-wales.ics:${line}:20: DTSTART 20261325 is not a date in the calendar (ics-event)`);
  });

  it('a value after a folded line is reported on the physical line it is on, at its column there', () => {
    const feed = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=\r\n DATE:2026133\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const { code, json } = lintJson(copy({ feed }));
    expect(code).toBe(1);
    // Line 4 is `DTSTART;VALUE=` (14 characters); the value follows ` DATE:` on line 5.
    expect(found(json)).toEqual([`m.yaml:${FROM_LINE}:20 error holidays-file`, 'holidays/england-and-wales.ics:5:7 error ics-event']);
  });

  it('a timed event is a warning at its line; the rest of the feed counts', () => {
    const feed = FEED.replace('END:VCALENDAR', 'BEGIN:VEVENT\r\nUID:party@test\r\nDTSTART:20270709T150000Z\r\nDTEND:20270709T180000Z\r\nSUMMARY:Summer party\r\nEND:VEVENT\r\nEND:VCALENDAR');
    const line = feed.split('\r\n').findIndex((l) => l.startsWith('DTSTART:2027')) + 1;
    const { code, json } = lintJson(copy({ feed }));
    expect(code).toBe(0);
    expect(found(json)).toEqual([`holidays/england-and-wales.ics:${line}:9 warning ics-timed-event`]);
  });

  it.each([
    ['an absolute path', '/etc/passwd', 'invalid-path'],
    ['a path above the matrix folder', '../holidays.ics', 'invalid-path'],
    ['a path through ..', 'holidays/../../x.ics', 'invalid-path'],
    ['a Windows path', 'holidays\\uk.ics', 'invalid-path'],
  ])('%s is refused by the format check at the matrix line', (_name, path, check) => {
    const { code, json } = lintJson(copy({ holidaysFrom: JSON.stringify(path) }));
    expect(code).toBe(1);
    expect(found(json)).toEqual([`m.yaml:${FROM_LINE}:20 error ${check}`]);
  });

  it('a symbolic link to a file outside the matrix folder is refused; one inside is followed', () => {
    const outside = mkdtempSync(join(tmpdir(), 'escalate-outside-'));
    writeFileSync(join(outside, 'feed.ics'), FEED);
    const dir = copy({ holidaysFrom: 'holidays/linked.ics' });
    symlinkSync(join(outside, 'feed.ics'), join(dir, 'holidays', 'linked.ics'));
    const { code, json } = lintJson(dir);
    expect(code).toBe(1);
    expect(json.files[0]!.diagnostics[0]!.message).toBe(`calendar "office": cannot read holidays/linked.ics: it is a symbolic link to a file outside the matrix's folder; keep the holidays file beside the matrix`);

    const inside = copy({ holidaysFrom: 'linked.ics' });
    symlinkSync(join('holidays', 'england-and-wales.ics'), join(inside, 'linked.ics'));
    expect(lintJson(inside).code).toBe(0);
    // A symbolic link to a device is outside the folder, refused before it is opened.
    const device = copy({ holidaysFrom: 'zero.ics' });
    symlinkSync('/dev/zero', join(device, 'zero.ics'));
    expect(lintJson(device).json.files[0]!.diagnostics[0]!.message).toContain('outside the matrix');
  });

  it('a FIFO in the folder is refused without blocking, a folder as what it is', () => {
    const dir = copy({ holidaysFrom: 'holidays/pipe.ics' });
    expect(spawnSync('mkfifo', [join(dir, 'holidays', 'pipe.ics')]).status).toBe(0);
    // A real process with a timeout: a read that blocked on the pipe would be killed, not pass.
    const result = spawnSync(process.execPath, [BIN, 'lint', 'm.yaml', ...TODAY], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('cannot read holidays/pipe.ics: it is not a regular file but a named pipe (FIFO)');

    const folder = copy({ holidaysFrom: 'holidays' });
    expect(lintJson(folder).json.files[0]!.diagnostics[0]!.message).toBe('calendar "office": cannot read holidays: it is a directory');
  });

  it('a file over 1 MB is refused by its size, unread', () => {
    const dir = copy();
    writeFileSync(join(dir, 'holidays', 'england-and-wales.ics'), FEED.replace('END:VCALENDAR', `X-PADDING:${'x'.repeat(1024 * 1024)}\r\nEND:VCALENDAR`));
    const { code, json } = lintJson(dir);
    expect(code).toBe(1);
    expect(json.files[0]!.diagnostics[0]!.message).toMatch(/^calendar "office": cannot read holidays\/england-and-wales.ics: it is 1\.0 MB, over the limit for a holidays file of 1\.0 MB$/);
  });

  it('a huge recurrence is refused at its RRULE line', () => {
    const feed = FEED.replace('END:VCALENDAR', 'BEGIN:VEVENT\r\nUID:daily@test\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR');
    const line = feed.split('\r\n').indexOf('RRULE:FREQ=DAILY') + 1;
    const { code, json } = lintJson(copy({ feed }));
    expect(code).toBe(1);
    expect(found(json)).toContain(`holidays/england-and-wales.ics:${line}:7 error ics-too-many`);
  });
});

describe('holidays-horizon counts the file holidays', () => {
  it('warns at holidays_from when the feed runs out, and not while it lasts', () => {
    const dir = copy();
    const late = runCli(['lint', 'm.yaml', '--format', 'json', '--today', '2027-11-20'], { cwd: dir });
    const diagnostics = JSON.parse(late.stdout).files[0].diagnostics.filter((d: { code: string }) => d.code === 'holidays-horizon');
    expect(diagnostics.map((d: { code: string; line: number }) => `${d.line} ${d.code}`)).toEqual([`${FROM_LINE} holidays-horizon`]);
    expect(diagnostics[0].message).toContain('calendar "office" (with holidays/england-and-wales.ics) lists holidays up to 2027');
    expect(lintJson(dir).code).toBe(0);
  });
});

describe('diff sees the feed holidays', () => {
  const git = (dir: string, ...args: string[]) => {
    const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    expect(result.status, result.stderr).toBe(0);
  };

  it('between a committed revision and the working tree, a holiday taken out of the feed is a change', () => {
    const dir = copy();
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'matrix');
    // The people team withdraws the Boxing Day substitute from the feed.
    writeFileSync(join(dir, 'holidays', 'england-and-wales.ics'), FEED.replace('DTSTART;VALUE=DATE:20261228', 'DTSTART;VALUE=DATE:20261228\r\nSTATUS:CANCELLED'));
    const result = runCli(['diff', '--matrix', 'm.yaml', '--format', 'json'], { cwd: dir });
    expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
    const changes = JSON.parse(result.stdout).changes as { area: string; path: string[] | string; old?: unknown; new?: unknown }[];
    const holidays = changes.filter((c) => c.area === 'calendars');
    expect(JSON.stringify(holidays)).toContain('2026-12-28');
  });

  it('between two matrix files, each reads its own feed: the path and the dates that changed are shown', () => {
    const dir = copy();
    writeFileSync(join(dir, 'holidays', 'moved.ics'), FEED.replace('DTSTART;VALUE=DATE:20261228\r\nDTEND;VALUE=DATE:20261229', 'DTSTART;VALUE=DATE:20261229\r\nDTEND;VALUE=DATE:20261230'));
    writeFileSync(join(dir, 'n.yaml'), MATRIX.replace('holidays_from: holidays/england-and-wales.ics', 'holidays_from: holidays/moved.ics'));
    const result = runCli(['diff', 'm.yaml', 'n.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('~ calendar office holidays_from: holidays/england-and-wales.ics → holidays/moved.ics');
    expect(result.stdout).toContain('~ calendar office holidays: +2026-12-29, -2026-12-28');
  });

  it('reads the feed at the revision: a broken feed committed there is located at that revision', () => {
    const dir = copy();
    git(dir, 'init', '-q');
    writeFileSync(join(dir, 'holidays', 'england-and-wales.ics'), 'not a calendar\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'broken feed');
    copyFileSync(example('holidays/england-and-wales.ics'), join(dir, 'holidays', 'england-and-wales.ics'));
    const result = runCli(['diff', '--matrix', 'm.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HEAD:holidays/england-and-wales.ics:1:1: this line is not NAME:VALUE ("not a calendar") (ics-syntax)');
  });
});

describe('no command writes over the holidays file its matrix reads', () => {
  /** Every name in the folder and below it, for "nothing else was written". */
  const names = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();
  const refused = (result: ReturnType<typeof runCli>, message: RegExp) => {
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  };

  it('docs, export and report --out (and export --tests) refuse the feed by any name: its path, a symlink, a hard link, a linked folder', () => {
    const dir = copy();
    symlinkSync('holidays', join(dir, 'linked'));
    symlinkSync('holidays/england-and-wales.ics', join(dir, 'feed.md'));
    linkSync(join(dir, 'holidays', 'england-and-wales.ics'), join(dir, 'hard.ics'));
    const before = names(dir);
    const commands: [string[], string][] = [
      [['docs', '-m', 'm.yaml', '--out'], 'write the sheet to a markdown file'],
      [['export', 'ics', '-m', 'm.yaml', '--out'], 'write the export to another file'],
      [['export', 'pagerduty', '-m', 'm.yaml', '--out'], 'write the export to another file'],
      [['export', 'alertmanager', '-m', 'm.yaml', '--tests'], 'write the routing tests to another file'],
      [['report', example('records'), '--as-of', '2026-11-27T12:10:00Z', '--matrix', 'm.yaml', '--force', '--out'], 'write the report to another file'],
    ];
    for (const [command, fix] of commands) {
      for (const out of ['holidays/england-and-wales.ics', 'linked/england-and-wales.ics', 'feed.md', 'hard.ics']) {
        const flag = command[command.length - 1]!;
        refused(runCli([...command, out], { cwd: dir }), new RegExp(`^escalate: ${flag} ${out.replace('.', '\\.')} is the holidays file of calendar "office" \\(holidays_from: holidays/england-and-wales\\.ics\\); ${fix}\\n$`));
      }
    }
    expect(readFileSync(join(dir, 'holidays', 'england-and-wales.ics'), 'utf8')).toBe(FEED);
    expect(names(dir)).toEqual(before);
  });

  it('diff --coverage refuses a folder where a picture would replace a feed a matrix reads', () => {
    const dir = copy({ holidaysFrom: 'pictures/coverage-after.svg' });
    mkdirSync(join(dir, 'pictures'));
    writeFileSync(join(dir, 'pictures', 'coverage-after.svg'), FEED);
    const before = names(dir);
    refused(
      runCli(['diff', 'm.yaml', 'm.yaml', '--coverage', 'pictures', '--coverage-week', '2026-12-21'], { cwd: dir }),
      /^escalate: --coverage pictures: pictures\/coverage-after\.svg is the holidays file of calendar "office" \(holidays_from: pictures\/coverage-after\.svg\); name another folder\n$/,
    );
    // Neither picture is written, not even the one that was free.
    expect(names(dir)).toEqual(before);
    expect(readFileSync(join(dir, 'pictures', 'coverage-after.svg'), 'utf8')).toBe(FEED);
  });
});
