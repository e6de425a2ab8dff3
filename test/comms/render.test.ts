import { describe, expect, it } from 'vitest';
import { pickTemplate, renderMessage, renderText, type PlaceholderValues } from '../../src/comms/render.js';
import { clientValues, placeholderValues } from '../../src/comms/values.js';
import { PLACEHOLDERS, type Placeholder } from '../../src/matrix/placeholders.js';
import { planIncident } from '../../src/triage/plan.js';
import { buildResult } from '../../src/triage/result.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { loadExample } from '../triage/load-example.js';

const saas = loadExample('saas-support.yaml');
const msp = loadExample('msp.yaml');
const vendor = loadExample('client-vendor.yaml');

const values = (overrides: Partial<Record<Placeholder, string>> = {}): PlaceholderValues =>
  ({ ...Object.fromEntries(Object.keys(PLACEHOLDERS).map((k) => [k, `<${k}>`])), ...overrides }) as PlaceholderValues;

function result(matrix: Matrix, severity: string, start: string, extra: { client?: string; handoff?: Record<string, string> } = {}) {
  const planned = planIncident(matrix, severity, { start: new Date(start), now: new Date(start), ...(extra.client ? { client: extra.client } : {}) });
  if (!planned.ok) throw new Error(planned.reason);
  return buildResult(matrix, planned.plan, { path: [], decidedBy: 'severity', ...(extra.handoff ? { handoff: extra.handoff } : {}) });
}

describe('renderText: plain substitution', () => {
  it('fills every placeholder, with or without spaces inside the braces', () => {
    expect(renderText('{{owner}} owns {{ severity }}; next {{next_update}}', values())).toEqual({ ok: true, text: '<owner> owns <severity>; next <next_update>' });
  });

  it('inserts values literally: no second expansion, no replacement patterns', () => {
    const text = renderText('Impact: {{impact}} / {{actions}}', values({ impact: 'see {{owner}}', actions: "$& $1 $` $'" }));
    expect(text).toEqual({ ok: true, text: "Impact: see {{owner}} / $& $1 $` $'" });
  });

  it('refuses unknown placeholders instead of leaving them empty', () => {
    expect(renderText('Hi {{customer}}, {{owner}} and {{ eta }}', values())).toEqual({ ok: false, unknown: ['customer', 'eta'] });
  });

  it('leaves text without placeholders and single braces alone', () => {
    expect(renderText('a {b} {{ } c', values())).toEqual({ ok: true, text: 'a {b} {{ } c' });
  });
});

describe('choosing a template', () => {
  it('prefers the one naming the severity, else the shared one', () => {
    expect(pickTemplate(saas, 'acknowledge', 'sev1')?.severities).toEqual(['sev1', 'sev2']);
    expect(pickTemplate(saas, 'acknowledge', 'sev3')?.severities).toBeUndefined();
  });
  it('filters by audience when asked', () => {
    expect(pickTemplate(vendor, 'acknowledge', 'sev1')?.audience).toBe('client');
    expect(pickTemplate(vendor, 'acknowledge', 'sev1', 'internal')?.audience).toBe('internal');
    expect(pickTemplate(vendor, 'acknowledge', 'sev3', 'client')).toBeUndefined();
  });
  it('without an audience prefers a client template over an internal one, even one naming the severity', () => {
    const templates: Matrix['templates'] = [
      { kind: 'update', audience: 'internal', severities: ['sev1'], body: 'internal for sev1' },
      { kind: 'update', audience: 'client', body: 'client for all' },
    ];
    expect(pickTemplate({ ...saas, templates }, 'update', 'sev1')?.body).toBe('client for all');
    expect(pickTemplate({ ...saas, templates: templates.slice(0, 1) }, 'update', 'sev1')?.body).toBe('internal for sev1');
  });
  it('reports a missing template or an unknown placeholder with a code', () => {
    expect(renderMessage(vendor, 'acknowledge', 'sev3', values(), 'client')).toMatchObject({ ok: false, code: 'no_template' });
    const broken: Matrix = { ...saas, templates: [{ kind: 'update', audience: 'client', body: 'ETA {{eta}}' }] };
    expect(renderMessage(broken, 'update', 'sev1', values())).toMatchObject({ ok: false, code: 'unknown_placeholder', reason: expect.stringContaining('{{eta}}') });
  });
});

describe('the rendered acknowledgment', () => {
  it('carries the real owner and the next update time', () => {
    const r = result(saas, 'sev1', '2026-03-27T16:30:00+01:00');
    const { values: v, gaps } = placeholderValues(r, { impact: 'Checkout fails for all tenants' });
    const message = renderMessage(saas, 'acknowledge', 'sev1', v);
    expect(message).toMatchObject({ ok: true, message: { kind: 'acknowledge', audience: 'client', subject: '[Critical] We are on it' } });
    if (!message.ok) return;
    expect(message.message.body).toBe(
      'We have confirmed the issue you reported and classified it as Critical.\n' +
        'Support lead (incident commander) now owns it. Current impact: Checkout fails for all tenants.\n' +
        'Our next update will reach you by Fri 27 Mar 17:00 (UTC+01:00).\n',
    );
    expect(message.used).toEqual(['severity_name', 'owner', 'impact', 'next_update']);
    expect(gaps).toEqual(['actions', 'next_step']);
  });

  it('names the client and uses the contract\u2019s cadence', () => {
    const r = result(msp, 'p1', '2026-11-10T10:00:00-05:00', { client: 'northwind' });
    const message = renderMessage(msp, 'acknowledge', 'p1', placeholderValues(r, {}).values, undefined, clientValues(msp, r).values);
    expect(message.ok && message.message.body).toBe(
      'Hello Northwind Logistics, we have logged your issue as p1 (Critical).\n' +
        'L2 systems engineer is working on it (servicedesk@northpoint.example, quoting your ticket number). Next update by Tue 10 Nov 10:30 (UTC-05:00).\n',
    );
  });

  it('a client template never renders an internal contact: a role without client_contact leaves a gap', () => {
    const bare = { ...msp, roles: { ...msp.roles, l2: { ...msp.roles.l2!, client_contact: undefined } } } as typeof msp;
    delete (bare.roles.l2 as { client_contact?: string }).client_contact;
    const r = result(bare, 'p1', '2026-11-10T10:00:00-05:00', { client: 'northwind' });
    const forClient = clientValues(bare, r);
    expect(forClient).toEqual({ values: { owner_contact: '[owner_contact]' }, gaps: ['owner_contact'] });
    const message = renderMessage(bare, 'acknowledge', 'p1', placeholderValues(r, {}).values, undefined, forClient.values);
    expect(message.ok && message.message.body).toContain('L2 systems engineer is working on it ([owner_contact])');
    expect(message.ok && message.message.body).not.toContain('pager:');
  });

  it('shows a value the responder has not given as a visible gap, and takes impact from the handoff packet', () => {
    const r = result(saas, 'sev1', '2026-03-27T16:30:00+01:00');
    expect(placeholderValues(r, {}).values.impact).toBe('[impact]');
    const withField = result(saas, 'sev1', '2026-03-27T16:30:00+01:00', { handoff: { 'impact-summary': 'Login down in EU' } });
    expect(placeholderValues(withField, {}).values.impact).toBe('Login down in EU');
    expect(placeholderValues(withField, { impact: 'given' }).values.impact).toBe('given');
  });

  it('fills every placeholder the format defines', () => {
    const r = result(vendor, 'sev1', '2026-12-10T10:00:00Z', { client: 'contoso-care' });
    const { values: v } = placeholderValues(r, { impact: 'i', actions: 'a', nextStep: 'n' });
    for (const name of Object.keys(PLACEHOLDERS) as Placeholder[]) expect(v[name], name).not.toMatch(/^\[|^$/);
    expect(v.client).toBe('Contoso Retail · customer care');
    expect(v.tier).toBe('core');
    expect(v.rca_by).toBe('Sat 12 Dec 10:00 (UTC+00:00)');
  });
});
