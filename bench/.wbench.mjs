// ../../tmp/rb/wbench.ts
import { readdirSync, readFileSync, writeSync, openSync } from "node:fs";

// src/record/read.ts
import * as z4 from "zod/mini";

// src/record/schema.ts
import * as z3 from "zod/mini";

// src/zod-setup.ts
import * as z from "zod/mini";
z.config({ ...z.locales.en(), jitless: true });
function withMeta(schema, meta) {
  const target = z.globalRegistry.has(schema) ? schema.clone() : schema;
  z.globalRegistry.add(target, meta);
  return target;
}
var described = (schema, description) => withMeta(schema, { description });

// src/triage/result-schema.ts
import * as z2 from "zod/mini";
var iso = described(
  z2.string().check(z2.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}(:\d{2})?)$/)),
  "An instant, ISO 8601 with the display zone offset, like 2026-03-27T16:45:00+01:00; a historic local mean time keeps the seconds of its offset, like 1960-01-04T10:00:00-00:44:30."
);
var int2 = () => z2.number().check(z2.int());
var when = {
  at: iso,
  minutes_from_now: described(int2(), "Whole minutes from the moment the result was computed; negative once passed."),
  relative: described(z2.string(), 'The same in words: "in 12 min", "overdue by 5 min", "due now".')
};
var roleViewSchema = described(
  z2.strictObject({
    role: described(z2.string(), "The role id."),
    title: z2.string(),
    contact: z2.string(),
    side: z2.enum(["internal", "client", "vendor"]),
    backup: z2.optional(z2.string()),
    source: described(z2.optional(z2.string()), 'Set when a contract added the role: "tier premium", "client northwind", "exception x".')
  }),
  "A role with how to reach it."
);
var DEADLINE_KINDS = ["acknowledge", "assign_owner", "notify_client", "escalate_after", "workaround", "resolution", "rca", "next_update"];
var deadlineSchema = described(
  z2.strictObject({
    kind: z2.enum(DEADLINE_KINDS),
    label: z2.string(),
    target: described(z2.string(), "The time allowed as written in the matrix, like 15m; for next_update the cadence."),
    ...when,
    overdue: z2.boolean(),
    promised: described(z2.boolean(), "True for the one of workaround/resolution promised to the client."),
    source: described(z2.string(), 'Where the target came from: severity, "tier premium", "client northwind", "exception x".')
  }),
  "A deadline as a clock time."
);
var stepSchema = described(
  z2.strictObject({
    after: described(z2.string(), "The step\u2019s delay as written in the matrix."),
    ...when,
    layer: z2.optional(z2.enum(["operational", "management", "client", "executive"])),
    notify: described(z2.array(roleViewSchema), "Whom the step notifies."),
    notify_client: described(z2.boolean(), "Whether the client is formally notified at this step."),
    approval: z2.optional(roleViewSchema),
    note: z2.optional(z2.string()),
    reached: described(z2.boolean(), "True once the step\u2019s time has come.")
  }),
  "One escalation step as a clock time."
);
var moment = z2.strictObject(when);
var errorSchema = described(
  z2.strictObject({
    error: z2.strictObject({
      code: described(z2.string(), "missing_answer, invalid_answer, unknown_question, invalid_option, invalid_matrix, no_tree, \u2026"),
      message: z2.string(),
      question: z2.optional(
        z2.strictObject({
          id: z2.string(),
          text: z2.string(),
          help: z2.optional(z2.string()),
          choices: z2.array(z2.strictObject({ id: z2.string(), label: z2.string(), unsure: z2.optional(z2.boolean()) }))
        })
      ),
      given: z2.optional(z2.string()),
      path: z2.optional(z2.array(z2.strictObject({ question: z2.string(), answer: z2.string() }))),
      diagnostics: described(
        z2.optional(z2.array(z2.strictObject({ file: z2.string(), line: int2(), column: int2(), code: z2.string(), message: z2.string() }))),
        "With invalid_matrix: every error in the matrix, located."
      )
    })
  }),
  "What `escalate triage --json` prints on stdout when it cannot finish (exit 1 or 2)."
);
var triageResultSchema = described(
  z2.strictObject({
    version: described(z2.literal(1), "The version of this result shape."),
    matrix: z2.strictObject({
      name: z2.string(),
      file: z2.optional(z2.string()),
      sha256: described(z2.optional(z2.string()), "SHA-256 of the matrix file text, to tell which version a transcript used."),
      timezone: z2.string()
    }),
    started_at: described(iso, "The incident start."),
    computed_at: described(iso, 'When this result was computed ("now").'),
    timezone: described(z2.string(), "The zone the times are shown in."),
    decided_by: described(z2.enum(["tree", "severity"]), "Whether the triage tree or --severity decided the severity."),
    answers: described(z2.record(z2.string(), z2.string()), "The answers given, by question id (choice ids)."),
    path: described(
      z2.array(
        z2.strictObject({
          question: z2.string(),
          text: z2.string(),
          answer: z2.string(),
          label: z2.string(),
          unsure: described(z2.optional(z2.boolean()), "True when the responder was not sure and the more severe answer was taken.")
        })
      ),
      "The questions and answers that led to the outcome, in order."
    ),
    severity: z2.strictObject({
      id: z2.string(),
      name: z2.string(),
      definition: z2.string(),
      rank: described(int2(), "1 for the most severe level."),
      examples: z2.array(z2.string()),
      promise: z2.optional(z2.enum(["workaround", "resolution"]))
    }),
    owner: roleViewSchema,
    route: z2.optional(z2.strictObject({ id: z2.string(), to: roleViewSchema, via: z2.optional(z2.string()), when: z2.array(z2.string()) })),
    note: z2.optional(z2.string()),
    inform: described(z2.array(roleViewSchema), "Roles the triage answer adds to those told (the outcome\u2019s inform), internal or client-side; also pulled in at the first escalation step."),
    clock: described(
      z2.strictObject({
        id: described(z2.string(), "24x7, or the business-hours calendar the targets run on."),
        source: z2.string(),
        timezone: z2.optional(z2.string()),
        days: z2.optional(z2.array(z2.string())),
        hours: z2.optional(z2.string()),
        holidays: z2.optional(z2.array(z2.string()))
      }),
      "The clock the targets run on."
    ),
    deadlines: described(z2.array(deadlineSchema), "Every deadline, earliest first."),
    escalation: described(z2.array(stepSchema), "The escalation timeline, in time order."),
    client: z2.optional(
      z2.strictObject({
        notify: z2.enum(["formal", "informal", "none"]),
        contact: z2.optional(roleViewSchema),
        by: z2.optional(roleViewSchema),
        channel: z2.optional(z2.string()),
        audience: z2.optional(z2.enum(["external", "internal"])),
        due: described(z2.optional(moment), "The notify_client deadline."),
        step: described(z2.optional(moment), "When the first escalation step that notifies the client happens.")
      })
    ),
    updates: z2.strictObject({ every: z2.optional(z2.string()), next: described(z2.array(moment), "The next three status updates.") }),
    governance: z2.strictObject({
      rca: z2.optional(z2.strictObject({ due: z2.optional(moment), owner: z2.optional(roleViewSchema) })),
      review: described(z2.optional(z2.string()), "The meeting where the incident is discussed."),
      agenda: described(z2.array(z2.string()), "Items to raise about this incident at that meeting."),
      risk_entry: z2.optional(z2.strictObject({ after: int2(), within: z2.string() })),
      follow_ups: z2.array(z2.string()),
      review_thresholds: z2.array(z2.string()),
      closing: z2.array(z2.string())
    }),
    contract: described(
      z2.strictObject({
        tier: z2.optional(z2.strictObject({ id: z2.string(), description: z2.optional(z2.string()) })),
        client: z2.optional(z2.strictObject({ id: z2.string(), name: z2.string(), note: z2.optional(z2.string()) })),
        exceptions: z2.array(z2.strictObject({ id: z2.string(), reason: z2.string(), from: iso, until: iso, approved_by: roleViewSchema })),
        changes: described(
          z2.array(z2.strictObject({ kind: z2.string(), from: z2.optional(z2.string()), to: z2.string(), source: z2.string() })),
          "Targets the contract changed from the severity\u2019s own."
        ),
        added_roles: z2.array(z2.strictObject({ role: z2.string(), source: z2.string() })),
        owner: z2.optional(z2.strictObject({ role: z2.string(), source: z2.string() })),
        calendar: z2.strictObject({ id: z2.string(), source: z2.string() })
      }),
      "The contract that applied (tier, client, active exceptions) and what it changed."
    ),
    authority: z2.array(z2.strictObject({ role: roleViewSchema, may: z2.string(), limit: z2.optional(z2.string()), owner: z2.boolean() })),
    handoff: described(
      z2.strictObject({
        fields: z2.array(z2.strictObject({ id: z2.string(), label: z2.string(), help: z2.optional(z2.string()), value: z2.optional(z2.string()) })),
        missing: described(z2.array(z2.string()), "Required fields without a value."),
        extra: described(
          z2.optional(z2.array(z2.strictObject({ id: z2.string(), label: z2.string(), help: z2.optional(z2.string()), value: z2.string() }))),
          "Values given for handoff fields of the matrix that this severity does not require; kept, never dropped."
        )
      }),
      "The handoff packet the severity requires, and any other fields given."
    ),
    message: described(
      z2.optional(
        z2.strictObject({
          kind: z2.enum(["acknowledge", "update", "resolution"]),
          audience: z2.string(),
          subject: z2.optional(z2.string()),
          body: z2.string()
        })
      ),
      "The rendered communication template, with --message."
    )
  }),
  "The result of `escalate triage --json`, also written by --record."
);

// src/record/limits.ts
var RECORD_MAX_BYTES = 4 * 1024 * 1024;
var DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function impossibleTime(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:([+-])(\d{2}):(\d{2})(?::\d{2})?|Z)$/.exec(text);
  if (!m) return "not an instant like 2026-03-27T16:45:00+01:00";
  const [year, month, day, hour, minute, second, , oh, om] = [m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9]].map(Number);
  if (month < 1 || month > 12) return `month ${m[2]} does not exist`;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  if (day < 1 || day > days) return `${m[1]}-${m[2]} has no day ${m[3]}`;
  if (hour > 23 || minute > 59 || second > 59) return `${m[4]}:${m[5]}:${m[6]} is not a time of day`;
  if (m[7] !== void 0 && (oh > 23 || om > 59)) return `${m[7]}${m[8]}:${m[9]} is not an offset`;
  return void 0;
}
function two(s, i) {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}
function recordInstantMs(s) {
  const n = s.length;
  if (n !== 20 && n !== 25) return Number.NaN;
  const c1 = two(s, 0);
  const c2 = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (c1 < 0 || c2 < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const year = c1 * 100 + c2;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1])) return Number.NaN;
  let offset = 0;
  if (n === 20) {
    if (s.charCodeAt(19) !== 90) return Number.NaN;
  } else {
    const sign = s.charCodeAt(19);
    const oh = two(s, 20);
    const om = two(s, 23);
    if (sign !== 43 && sign !== 45 || s.charCodeAt(22) !== 58 || oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
    offset = (sign === 43 ? -1 : 1) * (oh * 60 + om) * 6e4;
  }
  return year < 100 ? Date.parse(s) : Date.UTC(year, month - 1, day, hour, minute, second) + offset;
}
function isRecordInstant(s) {
  return typeof s === "string" && !Number.isNaN(recordInstantMs(s));
}
function instantMs(s) {
  const t2 = recordInstantMs(s);
  return Number.isNaN(t2) ? Date.parse(s) : t2;
}
var EVENT_CLOCK_SKEW_MS = 6e4;
var TIME_SPAN_MS = 100 * 365.25 * 864e5;

// src/record/schema.ts
var RECORD_VERSION = 1;
var iso2 = described(
  z3.string().check(
    z3.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/),
    z3.superRefine((text, ctx) => {
      const why = impossibleTime(text);
      if (why !== void 0) ctx.addIssue({ code: "custom", message: `${text} is not a real time: ${why}`, input: text });
    })
  ),
  "An instant, ISO 8601 with an offset, like 2026-03-27T16:45:00+01:00; a real moment (no 31 February, 25:00 or offset past 23:59)."
);
var int4 = () => z3.number().check(z3.int());
var LAYERS = ["operational", "management", "client", "executive"];
var TARGET_KINDS = ["acknowledge", "assign_owner", "notify_client", "escalate_after", "workaround", "resolution", "rca"];
var roleRef = z3.strictObject({ role: z3.string(), title: z3.string(), contact: z3.string() });
var planSnapshotSchema = described(
  z3.strictObject({
    severity: z3.strictObject({ id: z3.string(), name: z3.string(), rank: int4(), promise: z3.optional(z3.enum(["workaround", "resolution"])) }),
    clock: described(
      z3.strictObject({
        id: z3.string(),
        timezone: z3.optional(z3.string()),
        days: z3.optional(z3.array(z3.string())),
        hours: z3.optional(z3.string()),
        holidays: z3.optional(z3.array(z3.string()))
      }),
      "The clock the targets run on: 24x7, or a business-hours calendar as it was when planned."
    ),
    deadlines: z3.array(z3.strictObject({ kind: z3.enum(TARGET_KINDS), target: z3.string(), at: iso2 })),
    escalation: z3.array(
      z3.strictObject({ after: z3.string(), at: iso2, layer: z3.optional(z3.enum(LAYERS)), notify: z3.array(roleRef), notify_client: z3.boolean() })
    ),
    update_every: z3.optional(z3.string())
  }),
  "A plan as clock times, re-planned from the moment the severity changed."
);
var common = {
  at: described(iso2, "When it happened: not before the incident started, nor more than a minute after `recorded_at`."),
  by: described(z3.string().check(z3.minLength(1)), "Who did it or recorded it."),
  recorded_at: described(iso2, "When the event was written to the record."),
  note: z3.optional(z3.string())
};
var SIMPLE_EVENTS = ["acknowledged", "client_notified", "update_sent", "workaround", "resolved", "rca_delivered", "note"];
var eventSchema = described(
  z3.discriminatedUnion("type", [
    z3.strictObject({ type: z3.enum(SIMPLE_EVENTS), ...common }),
    z3.strictObject({ type: z3.literal("owner_assigned"), ...common, role: described(z3.optional(z3.string()), "The role that now owns the incident.") }),
    z3.strictObject({
      type: z3.literal("escalated"),
      ...common,
      step: described(z3.optional(z3.number().check(z3.int(), z3.minimum(1))), "The escalation step reached, 1 for the first."),
      layer: z3.optional(z3.enum(LAYERS))
    }),
    z3.strictObject({
      type: z3.literal("severity_changed"),
      ...common,
      to: described(z3.string(), "The new severity id."),
      matrix_sha256: described(z3.string(), "SHA-256 of the matrix text it was re-planned with."),
      plan: planSnapshotSchema
    })
  ]),
  "One thing that happened to the incident."
);
var EVENT_TYPES = ["acknowledged", "owner_assigned", "client_notified", "update_sent", "escalated", "workaround", "resolved", "rca_delivered", "severity_changed", "note"];
var recordSchema = described(
  z3.extend(triageResultSchema, {
    version: described(z3.literal(RECORD_VERSION), "The record format version; a record of a newer format is refused, never rewritten."),
    events: described(z3.optional(z3.array(eventSchema)), "What happened since triage, in the order it was recorded; only ever appended to."),
    imported: described(
      z3.optional(
        z3.strictObject({
          from: described(z3.string(), "The file the ticket came from."),
          line: int4(),
          measured: described(z3.array(z3.enum(TARGET_KINDS)), "The targets the export can tell; the others, status updates, escalations and handoff are not judged.")
        })
      ),
      "Set on a record made by `escalate import` from a helpdesk ticket."
    )
  }),
  "An incident record: the triage result (`escalate triage --record`) and the events `escalate event` appends."
);

// src/record/read.ts
var iso3 = z4.string().check(
  z4.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/),
  z4.superRefine((text, ctx) => {
    const why = impossibleTime(text);
    if (why !== void 0) ctx.addIssue({ code: "custom", message: `${text} is not a real time: ${why}`, input: text });
  })
);
var role = z4.looseObject({ role: z4.string(), title: z4.string(), contact: z4.string() });
var leanSchema = z4.looseObject({
  version: z4.literal(RECORD_VERSION),
  matrix: z4.looseObject({ name: z4.string(), timezone: z4.string(), sha256: z4.optional(z4.string()) }),
  started_at: iso3,
  timezone: z4.string(),
  severity: z4.looseObject({ id: z4.string(), name: z4.string(), rank: z4.number(), promise: z4.optional(z4.enum(["workaround", "resolution"])) }),
  clock: z4.looseObject({ id: z4.string(), source: z4.string(), timezone: z4.optional(z4.string()), days: z4.optional(z4.array(z4.string())), hours: z4.optional(z4.string()), holidays: z4.optional(z4.array(z4.string())) }),
  deadlines: z4.array(z4.looseObject({ kind: z4.string(), target: z4.string(), at: iso3 })),
  escalation: z4.array(z4.looseObject({ after: z4.string(), at: iso3, layer: z4.optional(z4.string()), notify: z4.array(role), notify_client: z4.boolean() })),
  updates: z4.looseObject({ every: z4.optional(z4.string()) }),
  contract: z4.looseObject({ tier: z4.optional(z4.looseObject({ id: z4.string() })), client: z4.optional(z4.looseObject({ id: z4.string(), name: z4.string() })) }),
  handoff: z4.looseObject({ fields: z4.array(z4.looseObject({ id: z4.string(), value: z4.optional(z4.string()) })) }),
  // Events as judging reads them; `escalate event` checks each in full when it writes one.
  events: z4.optional(
    z4.array(
      z4.looseObject({
        type: z4.enum(EVENT_TYPES),
        at: iso3,
        by: z4.string(),
        recorded_at: z4.optional(iso3),
        step: z4.optional(z4.number()),
        layer: z4.optional(z4.enum(LAYERS)),
        plan: z4.optional(planSnapshotSchema)
      })
    )
  ),
  imported: z4.optional(z4.looseObject({ from: z4.string(), line: z4.number(), measured: z4.array(z4.enum(TARGET_KINDS)) }))
});
function prologue(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: "not_json", reason: `not JSON (${error instanceof Error ? error.message.split("\n")[0] : String(error)})` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { ok: false, code: "invalid_record", reason: "not an incident record (expected a JSON object)" };
  const version = data.version;
  if (typeof version === "number" && version > RECORD_VERSION) {
    return { ok: false, code: "newer_format", reason: `written in record format ${version} by a newer escalate; this one reads format ${RECORD_VERSION} and leaves the file untouched: upgrade escalate` };
  }
  return { ok: true, data };
}
function plainIssue(issue) {
  if (issue.code === "invalid_type" && / received undefined$/.test(issue.message)) return `missing (expected ${issue.expected})`;
  if (issue.code === "invalid_format" && issue.message.includes(String.raw`T\d{2}:\d{2}:\d{2}`)) return "not a time with an offset, like 2026-03-27T16:30:00+01:00";
  return issue.message;
}
var PROBLEMS_SHOWN = 30;
function invalid(error) {
  const byField = /* @__PURE__ */ new Map();
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "the record";
    if (!byField.has(field)) byField.set(field, `${field}: ${plainIssue(issue)}`);
  }
  const problems = [...byField.values()];
  const more = problems.length - PROBLEMS_SHOWN;
  return { ok: false, code: "invalid_record", reason: problems.slice(0, PROBLEMS_SHOWN).join("; ") + (more > 0 ? `; and ${more} more problem${more === 1 ? "" : "s"}` : "") };
}
function readRecordLean(text) {
  const pre = prologue(text);
  if (!pre.ok) return pre;
  if (leanValid(pre.data)) {
    const record2 = pre.data;
    const problem = eventTimeProblem(record2);
    return problem ? { ok: false, code: "invalid_record", reason: problem } : { ok: true, record: record2 };
  }
  return leanBySchema(pre.data);
}
function leanBySchema(data) {
  const parsed = z4.safeParse(leanSchema, data);
  if (!parsed.success) return invalid(parsed.error);
  const problem = eventTimeProblem(parsed.data);
  return problem ? { ok: false, code: "invalid_record", reason: problem } : { ok: true, record: parsed.data };
}
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var isString = (v) => typeof v === "string";
var optString = (v) => v === void 0 || typeof v === "string";
var isNumber = (v) => typeof v === "number" && Number.isFinite(v);
var stringList = (v) => Array.isArray(v) && v.every(isString);
var optStringList = (v) => v === void 0 || stringList(v);
var EVENT_TYPE_SET = new Set(EVENT_TYPES);
var LAYER_SET = new Set(LAYERS);
var TARGET_KIND_SET = new Set(TARGET_KINDS);
var isRole = (v) => isObject(v) && isString(v.role) && isString(v.title) && isString(v.contact);
function leanEvent(v) {
  if (!isObject(v) || !EVENT_TYPE_SET.has(v.type) || !isRecordInstant(v.at) || !isString(v.by)) return false;
  if (v.recorded_at !== void 0 && !isRecordInstant(v.recorded_at)) return false;
  if (v.step !== void 0 && !isNumber(v.step)) return false;
  if (v.layer !== void 0 && !LAYER_SET.has(v.layer)) return false;
  return v.plan === void 0 || planValid(v.plan);
}
var only = (v, keys) => {
  for (const k in v) if (!keys.has(k)) return false;
  return true;
};
var PLAN_KEYS = /* @__PURE__ */ new Set(["severity", "clock", "deadlines", "escalation", "update_every"]);
var SEVERITY_KEYS = /* @__PURE__ */ new Set(["id", "name", "rank", "promise"]);
var CLOCK_KEYS = /* @__PURE__ */ new Set(["id", "timezone", "days", "hours", "holidays"]);
var DEADLINE_KEYS = /* @__PURE__ */ new Set(["kind", "target", "at"]);
var STEP_KEYS = /* @__PURE__ */ new Set(["after", "at", "layer", "notify", "notify_client"]);
var ROLE_KEYS = /* @__PURE__ */ new Set(["role", "title", "contact"]);
function planValid(v) {
  if (!isObject(v) || !only(v, PLAN_KEYS) || !optString(v.update_every)) return false;
  const { severity, clock, deadlines, escalation } = v;
  if (!isObject(severity) || !only(severity, SEVERITY_KEYS) || !isString(severity.id) || !isString(severity.name) || !Number.isSafeInteger(severity.rank)) return false;
  if (severity.promise !== void 0 && severity.promise !== "workaround" && severity.promise !== "resolution") return false;
  if (!isObject(clock) || !only(clock, CLOCK_KEYS) || !isString(clock.id) || !optString(clock.timezone) || !optStringList(clock.days) || !optString(clock.hours) || !optStringList(clock.holidays)) return false;
  if (!Array.isArray(deadlines) || !deadlines.every((d) => isObject(d) && only(d, DEADLINE_KEYS) && TARGET_KIND_SET.has(d.kind) && isString(d.target) && isRecordInstant(d.at))) return false;
  return Array.isArray(escalation) && escalation.every(
    (x) => isObject(x) && only(x, STEP_KEYS) && isString(x.after) && isRecordInstant(x.at) && (x.layer === void 0 || LAYER_SET.has(x.layer)) && Array.isArray(x.notify) && x.notify.every((r) => isObject(r) && only(r, ROLE_KEYS) && isRole(r)) && typeof x.notify_client === "boolean"
  );
}
function leanValid(d) {
  if (!isObject(d) || d.version !== RECORD_VERSION) return false;
  const { matrix, severity, clock, deadlines, escalation, updates, contract, handoff, events, imported } = d;
  if (!isObject(matrix) || !isString(matrix.name) || !isString(matrix.timezone) || !optString(matrix.sha256)) return false;
  if (!isRecordInstant(d.started_at) || !isString(d.timezone)) return false;
  if (!isObject(severity) || !isString(severity.id) || !isString(severity.name) || !isNumber(severity.rank)) return false;
  if (severity.promise !== void 0 && severity.promise !== "workaround" && severity.promise !== "resolution") return false;
  if (!isObject(clock) || !isString(clock.id) || !isString(clock.source) || !optString(clock.timezone) || !optStringList(clock.days) || !optString(clock.hours) || !optStringList(clock.holidays)) return false;
  if (!Array.isArray(deadlines) || !deadlines.every((x) => isObject(x) && isString(x.kind) && isString(x.target) && isRecordInstant(x.at))) return false;
  if (!Array.isArray(escalation) || !escalation.every((x) => isObject(x) && isString(x.after) && isRecordInstant(x.at) && optString(x.layer) && Array.isArray(x.notify) && x.notify.every(isRole) && typeof x.notify_client === "boolean"))
    return false;
  if (!isObject(updates) || !optString(updates.every)) return false;
  if (!isObject(contract)) return false;
  if (contract.tier !== void 0 && !(isObject(contract.tier) && isString(contract.tier.id))) return false;
  if (contract.client !== void 0 && !(isObject(contract.client) && isString(contract.client.id) && isString(contract.client.name))) return false;
  if (!isObject(handoff) || !Array.isArray(handoff.fields) || !handoff.fields.every((f) => isObject(f) && isString(f.id) && optString(f.value))) return false;
  if (events !== void 0 && !(Array.isArray(events) && events.every(leanEvent))) return false;
  if (imported !== void 0 && !(isObject(imported) && isString(imported.from) && isNumber(imported.line) && Array.isArray(imported.measured) && imported.measured.every((k) => TARGET_KIND_SET.has(k)))) return false;
  return true;
}
function eventTimeProblem(record2) {
  const bad = isRecordInstant(record2.started_at) ? void 0 : impossibleTime(record2.started_at);
  if (bad !== void 0) return `started_at: ${record2.started_at} is not a real time: ${bad}`;
  const start = instantMs(record2.started_at);
  const events = record2.events ?? [];
  for (let i = 0; i < events.length; i++) {
    const { at, recorded_at: recorded } = events[i];
    const t2 = instantMs(at);
    if (t2 < start) return `events.${i}.at: ${at} is before the incident started (started_at ${record2.started_at})`;
    if (recorded !== void 0 && t2 > instantMs(recorded) + EVENT_CLOCK_SKEW_MS) return `events.${i}.at: ${at} is in the future of when it was recorded (recorded_at ${recorded})`;
  }
  return void 0;
}

// src/memo.ts
function remembered(map, key, limit, make) {
  let value = map.get(key);
  if (value === void 0) {
    value = make();
    if (map.size >= limit) map.clear();
    map.set(key, value);
  }
  return value;
}

// src/time/duration.ts
var UNIT_MINUTES = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 };
var DURATION = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;
var MAX_DURATION_MINUTES = 366 * 24 * 60;
function parseDuration(text) {
  if (typeof text !== "string") return { ok: false, reason: `a ${text === null ? "null" : typeof text} is not a duration; write it as text like 15m, 2h, 1d, 1h30m or 2w` };
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  if (trimmed === "" || !match || match.slice(1).every((part) => part === void 0)) {
    if (/^-/.test(trimmed)) return { ok: false, reason: `"${text}" is negative; durations count forward from the incident start` };
    return { ok: false, reason: `"${text}" is not a duration; write it like 15m, 2h, 1d, 1h30m or 2w` };
  }
  const units = ["w", "d", "h", "m"];
  let minutes = 0;
  units.forEach((unit, i) => {
    const part = match[i + 1];
    if (part !== void 0) minutes += Number(part) * UNIT_MINUTES[unit];
  });
  if (minutes > MAX_DURATION_MINUTES) return { ok: false, reason: `"${text}" is longer than a year; is it a typo?` };
  return { ok: true, minutes };
}
function durationParts(text) {
  return remembered(partsRead, text, 1024, () => {
    const match = DURATION.exec(text.trim());
    if (!match || !parseDuration(text).ok) throw new Error(`invalid duration reached the core: "${text}"`);
    const n = (i) => Number(match[i] ?? 0);
    return Object.freeze({ weeks: n(1), days: n(2), hours: n(3), minutes: n(4) });
  });
}
var partsRead = /* @__PURE__ */ new Map();

// src/time/zone.ts
var COMMON_ZONES = /* @__PURE__ */ new Set([
  "UTC",
  "Etc/UTC",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Europe/Rome",
  "Europe/Amsterdam",
  "Europe/Brussels",
  "Europe/Zurich",
  "Europe/Vienna",
  "Europe/Stockholm",
  "Europe/Oslo",
  "Europe/Copenhagen",
  "Europe/Helsinki",
  "Europe/Warsaw",
  "Europe/Prague",
  "Europe/Budapest",
  "Europe/Athens",
  "Europe/Bucharest",
  "Europe/Istanbul",
  "Europe/Moscow",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "America/Halifax",
  "America/Toronto",
  "America/Vancouver",
  "America/Mexico_City",
  "America/Bogota",
  "America/Lima",
  "America/Santiago",
  "America/Sao_Paulo",
  "America/Argentina/Buenos_Aires",
  "Pacific/Honolulu",
  "Asia/Dubai",
  "Asia/Riyadh",
  "Asia/Jerusalem",
  "Asia/Karachi",
  "Asia/Kolkata",
  "Asia/Calcutta",
  "Asia/Kathmandu",
  "Asia/Dhaka",
  "Asia/Bangkok",
  "Asia/Ho_Chi_Minh",
  "Asia/Kuala_Lumpur",
  "Asia/Jakarta",
  "Asia/Singapore",
  "Asia/Hong_Kong",
  "Asia/Shanghai",
  "Asia/Taipei",
  "Asia/Manila",
  "Asia/Seoul",
  "Asia/Tokyo",
  "Australia/Perth",
  "Australia/Adelaide",
  "Australia/Brisbane",
  "Australia/Sydney",
  "Australia/Melbourne",
  "Pacific/Auckland",
  "Africa/Cairo",
  "Africa/Johannesburg",
  "Africa/Lagos",
  "Africa/Nairobi"
]);
var canonical;
function isListedTimeZone(zone) {
  if (COMMON_ZONES.has(zone)) return true;
  canonical ??= new Set(Intl.supportedValuesOf("timeZone"));
  return canonical.has(zone);
}

// src/time/offset.ts
var host = "off";
var SECOND = 1e3;
var DAY = 864e5;
var QUARTER_HOUR = 9e5;
var STRETCH = 4 * DAY;
var memo = /* @__PURE__ */ new Map();
var MEMO_LIMIT = 3e4;
var MEMO_RANGE = 864e13 - 3 * STRETCH;
function offsetSeconds(timeZone, ms2) {
  if (!(Math.abs(ms2) < MEMO_RANGE)) return readSeconds(timeZone, [ms2])[0];
  const stretch = stretchOffsets(timeZone, Math.floor(ms2 / STRETCH));
  if (typeof stretch === "number") return stretch;
  return ms2 < stretch.at ? stretch.before : stretch.after;
}
function stretchOffsets(timeZone, k) {
  let zone = memo.get(timeZone);
  if (!zone || zone.stretches.size >= MEMO_LIMIT) memo.set(timeZone, zone = { edges: /* @__PURE__ */ new Map(), stretches: /* @__PURE__ */ new Map() });
  let known = zone.stretches.get(k);
  if (known !== void 0) return known;
  const { edges } = zone;
  if (!edges.has(k) || !edges.has(k + 1)) {
    const ahead = host === "on" || host === "unchecked";
    const wanted = [];
    for (let i = ahead ? k - 1 : k; i <= (ahead ? k + 4 : k + 1); i++) if (!edges.has(i)) wanted.push(i);
    readSeconds(timeZone, wanted.map((i) => i * STRETCH)).forEach((s, j) => edges.set(wanted[j], s));
  }
  const before = edges.get(k);
  const after = edges.get(k + 1);
  if (before === after || Number.isNaN(before) || Number.isNaN(after)) known = before;
  else {
    let lo = k * STRETCH;
    let hi = (k + 1) * STRETCH;
    const ways = host === "on" ? 16 : 2;
    const narrow = (unit) => {
      while (hi - lo > unit) {
        const step = Math.max(unit, Math.floor((hi - lo) / ways / unit) * unit);
        const points = [];
        for (let t2 = lo + step; t2 < hi; t2 += step) points.push(t2);
        const seconds = host === "on" && unit === QUARTER_HOUR && step === unit;
        const read = readSeconds(timeZone, seconds ? [...points, ...points.map((t2) => t2 - SECOND)] : points);
        const first = points.findIndex((_, i) => read[i] !== before);
        if (first === -1) lo = points.at(-1);
        else {
          hi = points[first];
          if (first > 0) lo = points[first - 1];
          if (seconds && read[points.length + first] === before) lo = hi - SECOND;
        }
      }
    };
    narrow(QUARTER_HOUR);
    if (hi - lo > SECOND && readSeconds(timeZone, [hi - SECOND])[0] === before) lo = hi - SECOND;
    narrow(SECOND);
    known = { at: hi, before, after };
  }
  zone.stretches.set(k, known);
  return known;
}
var FIXED = /^([+-])(\d{2}):?(\d{2})$/;
function readSeconds(zone, instants) {
  const fixed = FIXED.exec(zone);
  if (fixed) {
    const seconds = (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * 3600 + Number(fixed[3]) * 60) + 0;
    return instants.map((ms2) => Math.abs(ms2) <= 864e13 ? seconds : Number.NaN);
  }
  if ((host === "on" || host === "unchecked") && hostTakes(zone) && instants.every((ms2) => Math.abs(ms2) < HOST_RANGE)) {
    if (host === "unchecked") host = hostClockMoves() ? "on" : "off";
    if (host === "on") {
      if (++hostBatches >= hostBudget) host = "spent";
      return hostSeconds(zone, instants);
    }
  }
  return instants.map((ms2) => intlSeconds(zone, ms2));
}
var HOST_BUDGET = 64;
var hostBatches = 0;
var hostBudget = HOST_BUDGET;
var HOST_RANGE = 864e13 - 3 * DAY;
var hostTakes = (zone) => !/\d/.test(zone) && isListedTimeZone(zone);
function hostSeconds(zone, instants) {
  const env = process.env;
  const previous = env.TZ;
  if (previous !== zone) env.TZ = zone;
  try {
    return instants.map((ms2) => Math.round((localFieldsAsUtc(new Date(ms2)) - ms2) / SECOND) + 0);
  } finally {
    if (previous === void 0) delete env.TZ;
    else if (previous !== zone) env.TZ = previous;
  }
}
function localFieldsAsUtc(date) {
  const wall = /* @__PURE__ */ new Date(0);
  wall.setUTCFullYear(date.getFullYear(), date.getMonth(), date.getDate());
  wall.setUTCHours(date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds());
  return wall.getTime();
}
function hostClockMoves() {
  const jan2020 = Date.UTC(2020, 0, 15, 12);
  try {
    return hostSeconds("Asia/Kolkata", [jan2020])[0] === 330 * 60 && hostSeconds("America/St_Johns", [jan2020])[0] === -210 * 60;
  } catch {
    return false;
  }
}
var formats = /* @__PURE__ */ new Map();
var FIELDS = /^(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)$/;
function intlSeconds(zone, ms2) {
  let format = formats.get(zone);
  if (format === void 0) {
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric"
      });
    } catch {
      format = null;
    }
    formats.set(zone, format);
  }
  if (!format || !(Math.abs(ms2) <= 864e13)) return Number.NaN;
  const whole = Math.floor(ms2 / SECOND) * SECOND;
  const text = format.format(whole);
  let fields = FIELDS.exec(text)?.slice(1);
  if (!fields) {
    const parts = Object.fromEntries(format.formatToParts(whole).map((p) => [p.type, p.value]));
    fields = [parts.month, parts.day, parts.year, parts.era, parts.hour, parts.minute, parts.second].map(String);
  }
  const [mo, d, y, era, h, mi, s] = fields;
  const day = daysFromCivil(era === "BC" ? 1 - Number(y) : Number(y), Number(mo), Number(d));
  const wall = day * DAY + (Number(h) % 24 * 3600 + Number(mi) * 60 + Number(s)) * SECOND;
  return Math.round((wall - whole) / SECOND) + 0;
}
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// src/time/wall.ts
var SECOND2 = 1e3;
var MAX_OFFSET = 19 * 36e5;
var wallOf = (zone, ms2) => ms2 + offsetSeconds(zone, ms2) * SECOND2;
function wallInstants(zone, wall) {
  const offsets = /* @__PURE__ */ new Set();
  const changes = [];
  for (let k = Math.floor((wall - MAX_OFFSET) / STRETCH); k <= Math.floor((wall + MAX_OFFSET) / STRETCH); k++) {
    const s = stretchOffsets(zone, k);
    if (typeof s === "number") offsets.add(s);
    else {
      offsets.add(s.before).add(s.after);
      changes.push(s);
    }
  }
  if ([...offsets].some(Number.isNaN)) return { kind: "unknown-zone" };
  const hits = [...offsets].map((o) => wall - o * SECOND2).filter((t2) => wallOf(zone, t2) === wall).sort((a, b) => a - b);
  if (hits.length === 1) return { kind: "unique", at: hits[0] };
  if (hits.length > 1) return { kind: "repeated", earlier: hits[0], later: hits.at(-1) };
  const jump = changes.find((c) => c.at + c.before * SECOND2 <= wall && wall < c.at + c.after * SECOND2);
  if (!jump) throw new Error(`no instant and no jump for ${new Date(wall).toISOString().slice(0, 19)} in ${zone}`);
  return { kind: "skipped", jump: jump.at };
}
function wallToInstant(zone, wall) {
  const first = Math.floor((wall - MAX_OFFSET) / STRETCH);
  const offset = stretchOffsets(zone, first);
  if (typeof offset === "number" && offset === offset) {
    let steady = true;
    for (let k = first + 1; k <= Math.floor((wall + MAX_OFFSET) / STRETCH); k++) if (stretchOffsets(zone, k) !== offset) steady = false;
    const at = wall - offset * SECOND2;
    if (steady && wallOf(zone, at) === wall) return at;
  }
  const found = wallInstants(zone, wall);
  switch (found.kind) {
    case "unique":
      return found.at;
    case "repeated":
      return found.earlier;
    case "skipped":
      return found.jump;
    default:
      return Number.NaN;
  }
}

// src/time/working-time.ts
var NoWorkingTimeError = class extends Error {
  constructor(calendar, minutes) {
    super(`calendar "${calendar}" does not have ${minutes} minutes of working time within ${HORIZON_YEARS} years of the start`);
    this.calendar = calendar;
    this.minutes = minutes;
  }
  calendar;
  minutes;
  name = "NoWorkingTimeError";
};
var WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
var DAY_MS = 864e5;
var MINUTE = 6e4;
var HORIZON_YEARS = 100;
var HORIZON_DAYS = Math.ceil(HORIZON_YEARS * 365.25);
var clockMinutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
function workingCalendar(calendar, matrixZone, name) {
  return {
    zone: calendar.timezone ?? matrixZone,
    days: new Set(calendar.days.map((day) => WEEKDAYS.indexOf(day))),
    open: clockMinutes(calendar.hours.slice(0, 5)),
    close: clockMinutes(calendar.hours.slice(6)),
    holidays: new Set(calendar.holidays ?? []),
    ...name !== void 0 ? { name } : {}
  };
}
function sharedWorkingCalendar(calendar, matrixZone, name) {
  const key = `${name ?? ""}
${calendar.timezone ?? matrixZone}
${calendar.days.join()}
${calendar.hours}
${(calendar.holidays ?? []).join()}`;
  return remembered(sharedCalendars, key, 256, () => workingCalendar(calendar, matrixZone, name));
}
var sharedCalendars = /* @__PURE__ */ new Map();
var workingDayMinutes = (calendar) => calendar.close - calendar.open;
var holidayDays = /* @__PURE__ */ new WeakMap();
function holidaysOf(calendar) {
  let days = holidayDays.get(calendar);
  if (!days) {
    days = new Set([...calendar.holidays].map((iso5) => Math.floor(Date.parse(`${iso5}T00:00:00Z`) / DAY_MS)));
    holidayDays.set(calendar, days);
  }
  return days;
}
var dayStart = (calendar, day) => wallToInstant(calendar.zone, day * DAY_MS);
function windowOf(calendar, day) {
  const weekday = ((day + 4) % 7 + 7) % 7;
  if (!calendar.days.has(weekday) || holidaysOf(calendar).has(day)) return void 0;
  const midnight = day * DAY_MS;
  return { open: wallToInstant(calendar.zone, midnight + calendar.open * MINUTE), close: wallToInstant(calendar.zone, midnight + calendar.close * MINUTE) };
}
function dayOf(calendar, instant) {
  let day = Math.floor(wallOf(calendar.zone, instant) / DAY_MS);
  while (dayStart(calendar, day + 1) <= instant) day++;
  while (dayStart(calendar, day) > instant) day--;
  return day;
}
function addWorkingMinutes(start, minutes, calendar) {
  const from = start.getTime();
  let remaining = minutes * MINUTE;
  if (!(remaining > 0) || !Number.isFinite(from)) return new Date(from);
  const weekMost = calendar.days.size * (calendar.close - calendar.open + 180) * MINUTE;
  if (remaining > weekMost * Math.ceil(HORIZON_DAYS / 7)) throw new NoWorkingTimeError(calendar.name ?? calendar.zone, minutes);
  const first = dayOf(calendar, from);
  for (let day = first; day <= first + HORIZON_DAYS; day++) {
    const window = windowOf(calendar, day);
    if (!window) continue;
    const open = Math.max(from, window.open);
    if (open >= window.close) continue;
    const available = window.close - open;
    if (remaining <= available) return new Date(open + remaining);
    remaining -= available;
  }
  throw new NoWorkingTimeError(calendar.name ?? calendar.zone, minutes);
}
function workingMinutesBetween(from, to, calendar) {
  const [begin, end] = [from.getTime(), to.getTime()];
  if (!(end > begin)) return 0;
  let total = 0;
  const last = dayOf(calendar, end);
  for (let day = dayOf(calendar, begin); day <= last; day++) {
    const window = windowOf(calendar, day);
    if (!window) continue;
    const open = Math.max(begin, window.open);
    const close = Math.min(end, window.close);
    if (close > open) total += close - open;
  }
  return Math.floor(total / MINUTE);
}

// src/time/clock.ts
var ROUND_THE_CLOCK = "24x7";
var elapsedClock = { kind: "elapsed", id: ROUND_THE_CLOCK };
function clockMinutes2(clock, duration) {
  const { weeks, days, hours, minutes } = durationParts(duration);
  if (clock.kind === "elapsed") return ((weeks * 7 + days) * 24 + hours) * 60 + minutes;
  const day = workingDayMinutes(clock.calendar);
  return (weeks * clock.calendar.days.size + days) * day + hours * 60 + minutes;
}
function addOnClock(clock, start, minutes) {
  if (clock.kind === "elapsed") return new Date(start.getTime() + minutes * 6e4);
  return addWorkingMinutes(start, minutes, clock.calendar);
}
function minutesOnClock(clock, from, to) {
  if (clock.kind === "working") return workingMinutesBetween(from, to, clock.calendar);
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 6e4));
}

// src/time/instant.ts
function offsetLabel(seconds) {
  const abs = Math.abs(Math.round(seconds));
  const hm = `${seconds < 0 ? "-" : "+"}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}`;
  return abs % 60 === 0 ? hm : `${hm}:${pad(abs % 60)}`;
}
function formatInstant(date, zone) {
  const offset = offsetSeconds(zone, date.getTime());
  const wall = Math.floor(date.getTime() / 1e3) * 1e3 + offset * 1e3;
  return `${wallFields(wall) ?? new Date(wall).toISOString().slice(0, 19)}${offsetLabel(offset)}`;
}
function wallFields(ms2) {
  if (!(ms2 >= -621672192e5 && ms2 < 2534023008e5)) return void 0;
  const days = Math.floor(ms2 / 864e5);
  const seconds = Math.floor((ms2 - days * 864e5) / 1e3);
  const z5 = days + 719468;
  const era = Math.floor(z5 / 146097);
  const doe = z5 - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(m)}:${pad(seconds % 60)}`;
}
var TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0"));
var pad = (n) => TWO_DIGITS[n] ?? String(n).padStart(2, "0");

// src/triage/plan.ts
var DEADLINE_LABELS = {
  acknowledge: "Acknowledge",
  assign_owner: "Owner assigned",
  notify_client: "Client notified",
  escalate_after: "Escalate if unresolved",
  workaround: "Workaround",
  resolution: "Resolution",
  rca: "Root-cause analysis",
  next_update: "Next status update"
};
var EARLIEST = Date.UTC(1e3, 0, 1);
var LATEST = Date.UTC(9998, 0, 1);
var DEADLINE_ORDER = ["acknowledge", "assign_owner", "notify_client", "next_update", "escalate_after", "workaround", "resolution", "rca"];
var DEADLINE_RANK = Object.fromEntries(DEADLINE_ORDER.map((kind, i) => [kind, i]));

// src/record/snapshot.ts
function snapshotOf(result) {
  const { severity, clock } = result;
  return {
    severity: { id: severity.id, name: severity.name, rank: severity.rank, ...severity.promise ? { promise: severity.promise } : {} },
    clock: {
      id: clock.id,
      ...clock.timezone ? { timezone: clock.timezone } : {},
      ...clock.days ? { days: clock.days } : {},
      ...clock.hours ? { hours: clock.hours } : {},
      ...clock.holidays ? { holidays: clock.holidays } : {}
    },
    deadlines: result.deadlines.filter((d) => TARGET_KINDS.includes(d.kind)).map((d) => ({ kind: d.kind, target: d.target, at: d.at })),
    escalation: result.escalation.map((s) => ({
      after: s.after,
      at: s.at,
      ...s.layer ? { layer: s.layer } : {},
      notify: s.notify.map((r) => ({ role: r.role, title: r.title, contact: r.contact })),
      notify_client: s.notify_client
    })),
    ...result.updates.every ? { update_every: result.updates.every } : {}
  };
}
var seen = /* @__PURE__ */ new WeakMap();
function clockOf(clock, zone) {
  if (!clock.days || !clock.hours) return elapsedClock;
  const known = seen.get(clock);
  if (known?.zone === zone) return known.clock;
  const calendar = { days: clock.days, hours: clock.hours, holidays: clock.holidays ?? [], ...clock.timezone ? { timezone: clock.timezone } : {} };
  const found = { kind: "working", id: clock.id, calendar: sharedWorkingCalendar(calendar, zone) };
  seen.set(clock, { zone, clock: found });
  return found;
}

// src/record/evaluate.ts
var MEETS = {
  acknowledge: ["acknowledged"],
  assign_owner: ["owner_assigned"],
  notify_client: ["client_notified"],
  // "Escalate if unresolved": a resolution in time makes it not needed, never met.
  escalate_after: ["escalated"],
  workaround: ["workaround", "resolved"],
  resolution: ["resolved"],
  rca: ["rca_delivered"]
};
var ms = instantMs;
function lateBy(clock, due, at) {
  if (at.getTime() <= due.getTime()) return void 0;
  const minutes = minutesOnClock(clock, due, at);
  return minutes >= 1 ? minutes : void 0;
}
function planIn(plans, t2) {
  let found = plans[0];
  for (const p of plans) if (p.from <= t2) found = p;
  return found;
}
var atPlanStart = (step, from) => ms(step.at) <= from;
function isEscalation(e, plans) {
  if (e.type !== "escalated") return false;
  const { from, plan } = planIn(plans, ms(e.at));
  if (e.step !== void 0) {
    const step = plan.escalation[e.step - 1];
    return step === void 0 || !atPlanStart(step, from);
  }
  if (e.layer !== void 0) {
    const layered = plan.escalation.filter((s) => s.layer === e.layer);
    return layered.length === 0 || layered.some((s) => !atPlanStart(s, from));
  }
  return true;
}
function evaluate(record2, asOf2, options = {}) {
  const zone = record2.matrix.timezone;
  const start = new Date(ms(record2.started_at));
  const base = snapshotOf(record2);
  if (asOf2.getTime() < start.getTime()) return notStarted(record2, base, start, asOf2);
  const events = (record2.events ?? []).map((e, i) => ({ e, i, t: ms(e.at) })).filter((x) => x.t <= asOf2.getTime()).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.e);
  const plans = [{ from: start.getTime(), plan: base }];
  for (const e of events) if (e.type === "severity_changed" && ms(e.at) >= start.getTime()) plans.push({ from: ms(e.at), plan: e.plan });
  const counts = (e) => e.type !== "escalated" || isEscalation(e, plans);
  const first = (types) => events.find((e) => types.includes(e.type) && counts(e));
  const resolved = first(["resolved"]);
  const acknowledged = first(["acknowledged"]);
  const resolvedAt = resolved ? new Date(ms(resolved.at)) : void 0;
  const open = resolvedAt === void 0;
  const end = resolvedAt ?? asOf2;
  const current = planIn(plans, end.getTime());
  const plan = current.plan;
  const baseClock = clockOf(base.clock, zone);
  const targets = [];
  const measured = record2.imported?.measured;
  for (const kind of Object.keys(MEETS)) {
    if (measured && !measured.includes(kind)) continue;
    const met = first(MEETS[kind]);
    const governing = governingPlan(plans, kind, met ? ms(met.at) : kind === "rca" ? asOf2.getTime() : end.getTime());
    if (!governing) continue;
    targets.push(judgeTarget(kind, governing, clockOf(governing.plan.clock, zone), met, resolvedAt, asOf2));
  }
  targets.sort((a, b) => a.due.getTime() - b.due.getTime());
  const steps = measured || options.steps === false ? [] : stepMarks(plan, current.from, events.filter((e) => ms(e.at) >= current.from), end, asOf2, open, clockOf(plan.clock, zone));
  const escalations = [];
  for (const e of events) {
    if (e.type !== "escalated" || !isEscalation(e, plans)) continue;
    const layer = e.layer ?? (e.step !== void 0 ? planIn(plans, ms(e.at)).plan.escalation[e.step - 1]?.layer : void 0) ?? "unlayered";
    if (escalations.some((x) => x.layer === layer)) continue;
    const at = new Date(ms(e.at));
    escalations.push({ layer, at, minutes: minutesOnClock(baseClock, start, at) });
  }
  const updates = events.filter((e) => e.type === "update_sent").map((e) => new Date(ms(e.at)));
  const cadence = measured ? { kept: 0, missed: 0 } : cadenceOf(start, end, open, updates, plans, zone);
  const fields = measured ? [] : record2.handoff.fields;
  const evaluation = { start, started: true, asOf: asOf2, zone: record2.timezone, plan, severity: plan.severity.id };
  if (record2.contract.tier) evaluation.tier = record2.contract.tier.id;
  if (record2.contract.client) evaluation.client = record2.contract.client.id;
  evaluation.open = open;
  if (acknowledged) {
    const at = new Date(ms(acknowledged.at));
    evaluation.acknowledgedAt = at;
    evaluation.acknowledgeMinutes = minutesOnClock(baseClock, start, at);
  }
  if (resolvedAt) {
    evaluation.resolvedAt = resolvedAt;
    evaluation.resolveMinutes = minutesOnClock(baseClock, start, resolvedAt);
  }
  evaluation.targets = targets;
  evaluation.steps = steps;
  evaluation.escalations = escalations;
  evaluation.escalated = events.some((e) => isEscalation(e, plans));
  evaluation.imported = measured !== void 0;
  evaluation.cadence = cadence;
  evaluation.handoff = { required: fields.length, filled: fields.filter((f) => f.value !== void 0 && f.value.trim() !== "").length };
  evaluation.events = events;
  evaluation.overdue = false;
  evaluation.overdue = isOverdue(evaluation);
  return evaluation;
}
function isOverdue(e) {
  return e.targets.some((t2) => t2.state === "overdue") || e.cadence.next?.overdue === true || e.steps.some((s) => s.state === "due" && s.lateMinutes !== void 0);
}
function judgeTarget(kind, { deadline }, clock, met, resolvedAt, asOf2) {
  const due = new Date(ms(deadline.at));
  const mark = { kind, label: DEADLINE_LABELS[kind], target: deadline.target, due, state: "due", clock: clock.id };
  if (met) {
    const at = new Date(ms(met.at));
    mark.doneAt = at;
    mark.by = met.by;
    const late = lateBy(clock, due, at);
    if (late !== void 0) {
      mark.state = "late";
      mark.lateMinutes = late;
    } else mark.state = "on_time";
  } else if (resolvedAt && kind !== "rca") {
    const late = lateBy(clock, due, resolvedAt);
    if (late !== void 0) {
      mark.state = "missed";
      mark.lateMinutes = late;
    } else mark.state = "not_needed";
  } else {
    const late = lateBy(clock, due, asOf2);
    if (late !== void 0) {
      mark.state = "overdue";
      mark.lateMinutes = late;
    }
  }
  return mark;
}
function notStarted(record2, plan, start, asOf2) {
  return {
    start,
    started: false,
    asOf: asOf2,
    zone: record2.timezone,
    plan,
    severity: plan.severity.id,
    ...record2.contract.tier ? { tier: record2.contract.tier.id } : {},
    ...record2.contract.client ? { client: record2.contract.client.id } : {},
    open: true,
    targets: [],
    steps: [],
    escalations: [],
    escalated: false,
    imported: record2.imported !== void 0,
    cadence: { kept: 0, missed: 0 },
    handoff: { required: 0, filled: 0 },
    events: [],
    overdue: false
  };
}
function governingPlan(plans, kind, until) {
  for (let i = 0; i < plans.length; i++) {
    const { plan } = plans[i];
    const deadline = plan.deadlines.find((d) => d.kind === kind);
    const next = plans[i + 1]?.from ?? Infinity;
    if (until < next) return deadline ? { plan, deadline } : void 0;
    if (deadline && ms(deadline.at) < next) return { plan, deadline };
  }
  return void 0;
}
function stepMarks(plan, from, events, end, asOf2, open, clock) {
  const marks = plan.escalation.map((s, i) => {
    const at = new Date(ms(s.at));
    return s.layer ? { index: i + 1, after: s.after, at, layer: s.layer, notify: s.notify, notifyClient: s.notify_client, state: "upcoming" } : { index: i + 1, after: s.after, at, notify: s.notify, notifyClient: s.notify_client, state: "upcoming" };
  });
  const take = (mark, at) => {
    if (mark.doneAt) return;
    mark.doneAt = at;
    mark.state = "done";
    const late = lateBy(clock, mark.at, at);
    if (late !== void 0) mark.lateMinutes = late;
  };
  plan.escalation.forEach((s, i) => {
    if (atPlanStart(s, from)) take(marks[i], new Date(from));
  });
  for (const e of events) {
    if (e.type !== "escalated") continue;
    const at = new Date(ms(e.at));
    if (e.step !== void 0) {
      const mark = marks[e.step - 1];
      if (mark) take(mark, at);
    } else if (e.layer !== void 0) {
      for (const mark of marks) if (mark.layer === e.layer) take(mark, at);
    } else {
      const mark = marks.find((m) => !m.doneAt);
      if (mark) take(mark, at);
    }
  }
  for (const mark of marks) {
    if (mark.doneAt) continue;
    if (mark.at.getTime() > end.getTime()) mark.state = open ? "upcoming" : "not_needed";
    else if (!open) mark.state = "not_needed";
    else {
      mark.state = "due";
      const late = lateBy(clock, mark.at, asOf2);
      if (late !== void 0) mark.lateMinutes = late;
    }
  }
  return marks;
}
function cadenceOf(start, end, open, updates, plans, zone) {
  let last = start;
  let kept = 0;
  let missed = 0;
  let every;
  const stepOf = (at) => {
    const plan = planIn(plans, at.getTime()).plan;
    if (!plan.update_every) return void 0;
    const clock = clockOf(plan.clock, zone);
    const step = clockMinutes2(clock, plan.update_every);
    return step > 0 ? { clock, step, every: plan.update_every } : void 0;
  };
  const missedIn = (clock, step, from, to) => {
    const m = minutesOnClock(clock, from, to);
    return m >= 1 ? Math.floor((m - 1) / step) : 0;
  };
  const anchors = [
    ...updates.map((at) => ({ at, update: true })),
    ...plans.slice(1).map((p) => ({ at: new Date(p.from), update: false }))
  ].filter(({ at }) => at.getTime() > start.getTime() && at.getTime() <= end.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime() || Number(b.update) - Number(a.update));
  for (const { at, update } of anchors) {
    if (update && at.getTime() <= last.getTime()) continue;
    const cadence2 = stepOf(last);
    if (cadence2) {
      every = cadence2.every;
      const n2 = missedIn(cadence2.clock, cadence2.step, last, at);
      missed += n2;
      if (update && n2 === 0) kept++;
    }
    last = at;
  }
  const cadence = stepOf(last);
  if (!cadence) return every ? { every, kept, missed } : { kept, missed };
  const n = missedIn(cadence.clock, cadence.step, last, end);
  missed += n;
  if (!open) return { every: cadence.every, kept, missed };
  const due = addOnClock(cadence.clock, last, cadence.step);
  return {
    every: cadence.every,
    kept,
    missed,
    next: n > 0 ? { due, overdue: true, lateMinutes: minutesOnClock(cadence.clock, due, end) } : { due, overdue: false }
  };
}

// src/record/report.ts
var JUDGED = ["on_time", "late", "missed", "overdue"];
var round = (n, places) => Math.round(n * 10 ** places) / 10 ** places;
var rate = (part, whole) => whole > 0 ? round(part / whole, 4) : void 0;
function stats(values, pending) {
  if (values.length === 0) return { count: 0, pending };
  const sorted = values.some(Number.isNaN) ? [...values].sort((a, b) => a - b) : Float64Array.from(values).sort();
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  return { count: n, pending, median: round(median, 1), p90: round(p90, 1), mean: round(mean, 1) };
}
var emptyTally = () => ({ on_time: 0, late: 0, missed: 0, overdue: 0, due: 0, not_needed: 0 });
var MARK_STATES = ["on_time", "late", "missed", "overdue", "due", "not_needed"];
var markCode = (kind, state) => {
  const k = TARGET_KINDS.indexOf(kind);
  const j = MARK_STATES.indexOf(state);
  if (k < 0 || j < 0) throw new Error(`no such target mark: ${kind} ${state}`);
  return k * MARK_STATES.length + j;
};
function closeTally(t2) {
  const judged = t2.on_time + t2.late + t2.missed + t2.overdue;
  const compliance = rate(t2.on_time, judged);
  return compliance === void 0 ? t2 : { ...t2, compliance };
}
function figures(s, by, key, rows) {
  const counts = new Int32Array(TARGET_KINDS.length * MARK_STATES.length);
  const ack = [];
  const resolve = [];
  const layers = /* @__PURE__ */ new Map();
  let open = 0;
  let escalated = 0;
  let tracked = 0;
  const updates = { kept: 0, missed: 0 };
  const handoff = { required: 0, filled: 0, complete: 0 };
  const num2 = s.num.a;
  const int5 = s.int.a;
  for (const i of rows) {
    const f = i * NF;
    const k = i * NI;
    const flags = int5[k + I_FLAGS];
    if (flags & OPEN) open++;
    if (flags & ESCALATED) escalated++;
    if (!(flags & IMPORTED)) tracked++;
    for (const code of s.markCodes(int5[k + I_MARKS])) counts[code]++;
    if (flags & HAS_ACK_MIN) ack.push(num2[f + F_ACK_MIN]);
    if (flags & HAS_RESOLVE_MIN) resolve.push(num2[f + F_RESOLVE_MIN]);
    const first = int5[k + I_ESC];
    const count = int5[k + I_ESCS];
    for (let j = first; j < first + count; j++) {
      const layer = s.texts[s.escLayer.a[j]];
      const list = layers.get(layer);
      const minutes = s.escNum.a[j * EF + 1];
      if (list) list.push(minutes);
      else layers.set(layer, [minutes]);
    }
    updates.kept += num2[f + F_KEPT];
    updates.missed += num2[f + F_MISSED];
    const required = num2[f + F_REQUIRED];
    const filled = num2[f + F_FILLED];
    handoff.required += required;
    handoff.filled += filled;
    if (required > 0 && filled >= required) handoff.complete++;
  }
  const ordered = {};
  let onTime = 0;
  let judged = 0;
  for (let kindAt = 0; kindAt < TARGET_KINDS.length; kindAt++) {
    const kind = TARGET_KINDS[kindAt];
    const at = kindAt * MARK_STATES.length;
    if (counts.subarray(at, at + MARK_STATES.length).every((c) => c === 0)) continue;
    const t2 = emptyTally();
    MARK_STATES.forEach((state, j) => t2[state] = counts[at + j]);
    ordered[kind] = closeTally(t2);
    onTime += t2.on_time;
    judged += JUDGED.reduce((sum, s2) => sum + t2[s2], 0);
  }
  const overall = rate(onTime, judged);
  const n = rows.length;
  const escalationRate = rate(escalated, tracked);
  const updateRate = rate(updates.kept, updates.kept + updates.missed);
  const handoffRate = rate(handoff.filled, handoff.required);
  return {
    by,
    key,
    incidents: n,
    open,
    compliance: { ...overall !== void 0 ? { overall } : {}, targets: ordered },
    time_to_acknowledge: stats(ack, n - ack.length),
    time_to_resolve: stats(resolve, n - resolve.length),
    time_to_escalate: Object.fromEntries([...layers].sort(([a], [b]) => layerOrder(a) - layerOrder(b)).map(([layer, values]) => [layer, stats(values, 0)])),
    escalated,
    ...escalationRate !== void 0 ? { escalation_rate: escalationRate } : {},
    updates: { ...updates, ...updateRate !== void 0 ? { rate: updateRate } : {} },
    client_notices: ordered.notify_client ?? emptyTally(),
    handoff: { ...handoff, ...handoffRate !== void 0 ? { rate: handoffRate } : {} }
  };
}
var LAYER_ORDER = ["operational", "management", "client", "executive", "unlayered"];
var layerOrder = (layer) => LAYER_ORDER.indexOf(layer);
var ReportAccumulator = class {
  constructor(asOf2) {
    this.asOf = asOf2;
  }
  asOf;
  store = new Store();
  /** One judged incident (a judgement, or an incident of another report). */
  add(judged) {
    const e = judged.evaluation;
    if (!e.started) return;
    if ("plan" in e && "steps" in e) this.store.addEvaluation(judged.file, e);
    else this.store.addFigures(judged.file, e);
  }
  /** How many incidents are held (all that started by `asOf`). */
  get size() {
    return this.store.n;
  }
  /** Every incident held, as plain data (typed arrays and strings): for `addRows` of another accumulator. */
  rows() {
    return this.store.rows();
  }
  /** The incidents of another accumulator's `rows()`, as if each had been added here. */
  addRows(rows) {
    this.store.addRows(rows);
  }
  /** Incidents that started in [from, to) and by `asOf`, judged as of `asOf`, grouped. */
  finish(range = {}) {
    const { from, to } = range;
    const asOf2 = this.asOf;
    const lo = from ? from.getTime() : -Infinity;
    const hi = to ? to.getTime() : Infinity;
    const s = this.store;
    const chosen = [];
    for (let i = 0; i < s.n; i++) {
      const start = s.num.a[i * NF + F_START];
      if (start >= lo && start < hi) chosen.push(i);
    }
    const files = s.files;
    chosen.sort((a, b) => s.num.a[a * NF + F_START] - s.num.a[b * NF + F_START] || (files[a] < files[b] ? -1 : files[a] > files[b] ? 1 : 0));
    const groups = [figures(s, "all", "all", chosen)];
    const keyed = (by, field, order) => {
      const map = /* @__PURE__ */ new Map();
      for (const i of chosen) {
        const k = s.int.a[i * NI + field];
        if (k < 0) continue;
        const list = map.get(k);
        if (list) list.push(i);
        else map.set(k, [i]);
      }
      for (const k of [...map.keys()].sort((a, b) => order(s.texts[a], s.texts[b]))) groups.push(figures(s, by, s.texts[k], map.get(k)));
    };
    const rank = /* @__PURE__ */ new Map();
    for (const i of chosen) {
      const severity = s.texts[s.int.a[i * NI + I_SEVERITY]];
      if (!rank.has(severity)) rank.set(severity, s.num.a[i * NF + F_RANK]);
    }
    const byName = (a, b) => a < b ? -1 : a > b ? 1 : 0;
    keyed("severity", I_SEVERITY, (a, b) => rank.get(a) - rank.get(b) || byName(a, b));
    keyed("tier", I_TIER, byName);
    keyed("client", I_CLIENT, byName);
    let breachCount = 0;
    for (const i of chosen) breachCount += s.int.a[i * NI + I_BREACHES];
    const walk = {
      incidents: chosen.length,
      breaches: breachCount,
      *eachIncident() {
        for (const i of chosen) yield new IncidentView(s, i);
      },
      *eachBreach() {
        for (const i of chosen) {
          const first = s.int.a[i * NI + I_BREACH];
          const count = s.int.a[i * NI + I_BREACHES];
          for (let k = first; k < first + count; k++) yield new BreachView(s, k);
        }
      }
    };
    return lazyReport({ asOf: asOf2, ...from ? { from } : {}, ...to ? { to } : {} }, groups, walk);
  }
};
var WALK = /* @__PURE__ */ Symbol("report walk");
function reportWalk(report) {
  return Object.hasOwn(report, WALK) ? report[WALK]() : void 0;
}
function lazyReport(head, groups, walk) {
  const report = { ...head };
  let walked = true;
  const list = (key, make) => {
    let made;
    Object.defineProperty(report, key, {
      enumerable: true,
      configurable: true,
      get: () => made ??= make(),
      set(value) {
        if (Object.isFrozen(report)) throw new TypeError(`Cannot assign to read only property '${key}' of object`);
        made = value;
        walked = false;
      }
    });
  };
  list("incidents", () => [...walk.eachIncident()]);
  report.groups = groups;
  list("breaches", () => [...walk.eachBreach()]);
  Object.defineProperty(report, WALK, { value: () => walked ? walk : void 0 });
  Object.defineProperty(report, /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom"), { value: () => ({ ...report }) });
  return report;
}
var Column = class {
  constructor(a, make) {
    this.a = a;
    this.make = make;
  }
  a;
  make;
  n = 0;
  /** Room for `k` more; returns where they go. */
  grow(k) {
    if (this.n + k > this.a.length) {
      const next = this.make(Math.max(Math.ceil(this.a.length * 1.5), this.n + k));
      next.set(this.a.subarray(0, this.n));
      this.a = next;
    }
    const at = this.n;
    this.n += k;
    return at;
  }
  /** Numbers at the end, as they are. */
  append(values) {
    const at = this.grow(values.length);
    this.a.set(values, at);
  }
  /** The filled part, copied. */
  used() {
    return this.a.slice(0, this.n);
  }
};
var f64 = (n) => new Float64Array(n);
var i32 = (n) => new Int32Array(n);
var F_START = 0;
var F_AS_OF = 1;
var F_ACK = 2;
var F_RESOLVED = 3;
var F_ACK_MIN = 4;
var F_RESOLVE_MIN = 5;
var F_RANK = 6;
var F_KEPT = 7;
var F_MISSED = 8;
var F_REQUIRED = 9;
var F_FILLED = 10;
var NF = 11;
var I_SEVERITY = 0;
var I_TIER = 1;
var I_CLIENT = 2;
var I_FLAGS = 3;
var I_MARKS = 4;
var I_ESC = 5;
var I_ESCS = 6;
var I_BREACH = 7;
var I_BREACHES = 8;
var NI = 9;
var OPEN = 1;
var ESCALATED = 2;
var IMPORTED = 4;
var HAS_ACK = 8;
var HAS_RESOLVED = 16;
var HAS_ACK_MIN = 32;
var HAS_RESOLVE_MIN = 64;
var B_DUE = 0;
var B_AT = 1;
var B_LATE = 2;
var BF = 3;
var B_INCIDENT = 0;
var B_KIND = 1;
var B_LABEL = 2;
var B_STATE = 3;
var B_CLOCK = 4;
var B_HAS_AT = 5;
var BI = 6;
var EF = 2;
var MARKS = /* @__PURE__ */ new Map();
var MARK_LISTS = /* @__PURE__ */ new Map();
function marksOfKey(key) {
  let list = MARK_LISTS.get(key);
  if (!list) {
    list = Object.freeze(
      key.split(",").filter(Boolean).map((pair) => {
        let mark = MARKS.get(pair);
        if (!mark) {
          const [kind, state] = pair.split(" ");
          MARKS.set(pair, mark = Object.freeze({ kind, state }));
        }
        return mark;
      })
    );
    if (MARK_LISTS.size < 1e4) MARK_LISTS.set(key, list);
  }
  return list;
}
var NONE = Object.freeze([]);
var dateOf = (ms2) => ms2 === void 0 ? void 0 : new Date(ms2);
var Store = class {
  n = 0;
  files = [];
  texts = [];
  textIndex = /* @__PURE__ */ new Map();
  num = new Column(f64(64 * NF), f64);
  int = new Column(i32(64 * NI), i32);
  escLayer = new Column(i32(64), i32);
  escNum = new Column(f64(64 * EF), f64);
  bNum = new Column(f64(64 * BF), f64);
  bInt = new Column(i32(64 * BI), i32);
  text(value) {
    if (value === void 0) return -1;
    let i = this.textIndex.get(value);
    if (i === void 0) {
      i = this.texts.length;
      this.texts.push(value);
      this.textIndex.set(value, i);
    }
    return i;
  }
  textAt(i) {
    return i < 0 ? void 0 : this.texts[i];
  }
  codes = /* @__PURE__ */ new Map();
  /** The marks of the marks text at `i`, each as its markCode (made once per text). */
  markCodes(i) {
    let codes = this.codes.get(i);
    if (!codes) this.codes.set(i, codes = Int32Array.from(marksOfKey(this.texts[i]), (m) => markCode(m.kind, m.state)));
    return codes;
  }
  row(file, e, rank, targets) {
    const i = this.n++;
    this.files.push(file);
    const f = this.num.grow(NF);
    const num2 = this.num.a;
    num2[f + F_START] = e.start.getTime();
    num2[f + F_AS_OF] = e.asOf.getTime();
    const ack = e.acknowledgedAt?.getTime();
    const resolved = e.resolvedAt?.getTime();
    num2[f + F_ACK] = ack ?? 0;
    num2[f + F_RESOLVED] = resolved ?? 0;
    num2[f + F_ACK_MIN] = e.acknowledgeMinutes ?? 0;
    num2[f + F_RESOLVE_MIN] = e.resolveMinutes ?? 0;
    num2[f + F_RANK] = rank;
    num2[f + F_KEPT] = e.cadence.kept;
    num2[f + F_MISSED] = e.cadence.missed;
    num2[f + F_REQUIRED] = e.handoff.required;
    num2[f + F_FILLED] = e.handoff.filled;
    let key = "";
    for (const t2 of targets) key += `${t2.kind} ${t2.state},`;
    const k = this.int.grow(NI);
    const int5 = this.int.a;
    int5[k + I_SEVERITY] = this.text(e.severity);
    int5[k + I_TIER] = this.text(e.tier);
    int5[k + I_CLIENT] = this.text(e.client);
    int5[k + I_FLAGS] = (e.open ? OPEN : 0) | (e.escalated ? ESCALATED : 0) | (e.imported ? IMPORTED : 0) | (ack !== void 0 ? HAS_ACK : 0) | (resolved !== void 0 ? HAS_RESOLVED : 0) | (e.acknowledgeMinutes !== void 0 ? HAS_ACK_MIN : 0) | (e.resolveMinutes !== void 0 ? HAS_RESOLVE_MIN : 0);
    int5[k + I_MARKS] = this.text(key);
    int5[k + I_ESC] = this.escLayer.n;
    int5[k + I_ESCS] = e.escalations.length;
    for (const x of e.escalations) {
      const layer = this.text(x.layer);
      const j = this.escLayer.grow(1);
      this.escLayer.a[j] = layer;
      const at = this.escNum.grow(EF);
      this.escNum.a[at] = x.at.getTime();
      this.escNum.a[at + 1] = x.minutes;
    }
    int5[k + I_BREACH] = this.bInt.n / BI;
    int5[k + I_BREACHES] = 0;
    return i;
  }
  breach(incident, kind, label, due, state, at, late, clock) {
    const f = this.bNum.grow(BF);
    this.bNum.a[f + B_DUE] = due;
    this.bNum.a[f + B_AT] = at ?? 0;
    this.bNum.a[f + B_LATE] = late;
    const k = this.bInt.grow(BI);
    const b = this.bInt.a;
    b[k + B_INCIDENT] = incident;
    b[k + B_KIND] = this.text(kind);
    b[k + B_LABEL] = this.text(label);
    b[k + B_STATE] = this.text(state);
    b[k + B_CLOCK] = this.text(clock);
    b[k + B_HAS_AT] = at === void 0 ? 0 : 1;
    this.int.a[incident * NI + I_BREACHES]++;
  }
  /** A judgement: its figures, and its breaches by due time. */
  addEvaluation(file, e) {
    const i = this.row(file, e, e.plan.severity.rank, e.targets);
    const found = [];
    for (const t2 of e.targets) {
      if (t2.state !== "late" && t2.state !== "missed" && t2.state !== "overdue") continue;
      found.push({ kind: t2.kind, label: t2.label, due: t2.due.getTime(), state: t2.state, at: t2.doneAt?.getTime(), late: t2.lateMinutes ?? 0, clock: t2.clock });
    }
    if (e.cadence.missed > 0) {
      const next = e.cadence.next;
      const label = `Status updates (${e.cadence.missed} missed, every ${e.cadence.every})`;
      found.push({ kind: "update", label, due: (next?.overdue ? next.due : e.start).getTime(), state: next?.overdue ? "overdue" : "missed", at: void 0, late: next?.lateMinutes ?? 0, clock: e.plan.clock.id });
    }
    if (found.length > 1) found.sort((a, b) => a.due - b.due);
    for (const b of found) this.breach(i, b.kind, b.label, b.due, b.state, b.at, b.late, b.clock);
  }
  /** An incident of a report (its figures and breaches, as they are). */
  addFigures(file, e) {
    const i = this.row(file, e, e.rank, e.targets);
    for (const b of e.breaches) this.breach(i, b.kind, b.label, b.due.getTime(), b.state, b.at?.getTime(), b.late_minutes, b.clock);
  }
  rows() {
    return {
      files: this.files.slice(),
      texts: this.texts.slice(),
      num: this.num.used(),
      int: this.int.used(),
      escLayer: this.escLayer.used(),
      escNum: this.escNum.used(),
      bNum: this.bNum.used(),
      bInt: this.bInt.used()
    };
  }
  addRows(rows) {
    const map = Int32Array.from(rows.texts, (t2) => this.text(t2));
    const text = (i) => i < 0 ? -1 : map[i];
    const base = this.n;
    const escBase = this.escLayer.n;
    const breachBase = this.bInt.n / BI;
    const count = rows.files.length;
    for (const file of rows.files) this.files.push(file);
    this.n += count;
    this.num.append(rows.num);
    const k0 = this.int.grow(rows.int.length);
    const int5 = this.int.a;
    int5.set(rows.int, k0);
    for (let k = k0; k < k0 + rows.int.length; k += NI) {
      int5[k + I_SEVERITY] = text(int5[k + I_SEVERITY]);
      int5[k + I_TIER] = text(int5[k + I_TIER]);
      int5[k + I_CLIENT] = text(int5[k + I_CLIENT]);
      int5[k + I_MARKS] = text(int5[k + I_MARKS]);
      int5[k + I_ESC] += escBase;
      int5[k + I_BREACH] += breachBase;
    }
    const e0 = this.escLayer.grow(rows.escLayer.length);
    for (let j = 0; j < rows.escLayer.length; j++) this.escLayer.a[e0 + j] = text(rows.escLayer[j]);
    this.escNum.append(rows.escNum);
    this.bNum.append(rows.bNum);
    const b0 = this.bInt.grow(rows.bInt.length);
    const b = this.bInt.a;
    b.set(rows.bInt, b0);
    for (let k = b0; k < b0 + rows.bInt.length; k += BI) {
      b[k + B_INCIDENT] += base;
      b[k + B_KIND] = text(b[k + B_KIND]);
      b[k + B_LABEL] = text(b[k + B_LABEL]);
      b[k + B_STATE] = text(b[k + B_STATE]);
      b[k + B_CLOCK] = text(b[k + B_CLOCK]);
    }
  }
};
var IncidentView = class {
  constructor(s, i) {
    this.s = s;
    this.i = i;
  }
  s;
  i;
  n(field) {
    return this.s.num.a[this.i * NF + field];
  }
  k(field) {
    return this.s.int.a[this.i * NI + field];
  }
  has(flag) {
    return (this.k(I_FLAGS) & flag) !== 0;
  }
  get file() {
    return this.s.files[this.i];
  }
  get evaluation() {
    return this;
  }
  get started() {
    return true;
  }
  get start() {
    return new Date(this.n(F_START));
  }
  get asOf() {
    return new Date(this.n(F_AS_OF));
  }
  get severity() {
    return this.s.textAt(this.k(I_SEVERITY));
  }
  get rank() {
    return this.n(F_RANK);
  }
  get tier() {
    return this.s.textAt(this.k(I_TIER));
  }
  get client() {
    return this.s.textAt(this.k(I_CLIENT));
  }
  get open() {
    return this.has(OPEN);
  }
  get escalated() {
    return this.has(ESCALATED);
  }
  get imported() {
    return this.has(IMPORTED);
  }
  get acknowledgedAt() {
    return dateOf(this.has(HAS_ACK) ? this.n(F_ACK) : void 0);
  }
  get resolvedAt() {
    return dateOf(this.has(HAS_RESOLVED) ? this.n(F_RESOLVED) : void 0);
  }
  get acknowledgeMinutes() {
    return this.has(HAS_ACK_MIN) ? this.n(F_ACK_MIN) : void 0;
  }
  get resolveMinutes() {
    return this.has(HAS_RESOLVE_MIN) ? this.n(F_RESOLVE_MIN) : void 0;
  }
  get targets() {
    return marksOfKey(this.s.textAt(this.k(I_MARKS)));
  }
  get escalations() {
    const first = this.k(I_ESC);
    const count = this.k(I_ESCS);
    if (count === 0) return NONE;
    const out = [];
    for (let j = first; j < first + count; j++) out.push({ layer: this.s.textAt(this.s.escLayer.a[j]), at: new Date(this.s.escNum.a[j * EF]), minutes: this.s.escNum.a[j * EF + 1] });
    return out;
  }
  get cadence() {
    return { kept: this.n(F_KEPT), missed: this.n(F_MISSED) };
  }
  get handoff() {
    return { required: this.n(F_REQUIRED), filled: this.n(F_FILLED) };
  }
  get breaches() {
    const first = this.k(I_BREACH);
    const count = this.k(I_BREACHES);
    if (count === 0) return NONE;
    const out = [];
    for (let j = first; j < first + count; j++) out.push(new BreachView(this.s, j));
    return out;
  }
};
var BreachView = class {
  constructor(s, j) {
    this.s = s;
    this.j = j;
  }
  s;
  j;
  k(field) {
    return this.s.bInt.a[this.j * BI + field];
  }
  of(field) {
    return this.s.int.a[this.k(B_INCIDENT) * NI + field];
  }
  get file() {
    return this.s.files[this.k(B_INCIDENT)];
  }
  get severity() {
    return this.s.textAt(this.of(I_SEVERITY));
  }
  get tier() {
    return this.s.textAt(this.of(I_TIER));
  }
  get client() {
    return this.s.textAt(this.of(I_CLIENT));
  }
  get kind() {
    return this.s.textAt(this.k(B_KIND));
  }
  get label() {
    return this.s.textAt(this.k(B_LABEL));
  }
  get due() {
    return new Date(this.s.bNum.a[this.j * BF + B_DUE]);
  }
  get state() {
    return this.s.textAt(this.k(B_STATE));
  }
  get at() {
    return this.k(B_HAS_AT) === 1 ? new Date(this.s.bNum.a[this.j * BF + B_AT]) : void 0;
  }
  get late_minutes() {
    return this.s.bNum.a[this.j * BF + B_LATE];
  }
  get clock() {
    return this.s.textAt(this.k(B_CLOCK));
  }
};

// src/record/report-format.ts
var iso4 = (d, zone) => formatInstant(d, zone);
function reportJsonText(report, zone, extra = {}) {
  return jsonPieces({ ...reportJsonTop(report, zone, true), ...extra });
}
function reportJsonTop(report, zone, text = false) {
  const walk = reportWalk(report);
  return {
    report_version: 1,
    as_of: iso4(report.asOf, zone),
    ...report.from ? { from: iso4(report.from, zone) } : {},
    ...report.to ? { to: iso4(report.to, zone) } : {},
    timezone: zone,
    incidents: walk ? walk.incidents : report.incidents.length,
    groups: report.groups,
    breaches: new Lazy(function* () {
      for (const b of walk ? walk.eachBreach() : report.breaches) yield text ? breachText(b, zone) : breachJson(b, zone);
    }),
    records: new Lazy(function* () {
      for (const { file, evaluation: e } of walk ? walk.eachIncident() : report.incidents) yield text ? recordText(file, e, zone) : recordJson(file, e, zone);
    })
  };
}
function breachJson(b, zone) {
  const at = b.at;
  return {
    file: b.file,
    severity: b.severity,
    ...b.tier ? { tier: b.tier } : {},
    ...b.client ? { client: b.client } : {},
    kind: b.kind,
    label: b.label,
    due: iso4(b.due, zone),
    state: b.state,
    ...at ? { at: iso4(at, zone) } : {},
    late_minutes: b.late_minutes,
    clock: b.clock
  };
}
function recordJson(file, e, zone) {
  const acknowledged = e.acknowledgedAt;
  const resolved = e.resolvedAt;
  return {
    file,
    severity: e.severity,
    ...e.tier ? { tier: e.tier } : {},
    ...e.client ? { client: e.client } : {},
    started_at: iso4(e.start, zone),
    ...acknowledged ? { acknowledged_at: iso4(acknowledged, zone) } : {},
    ...resolved ? { resolved_at: iso4(resolved, zone) } : {},
    open: e.open,
    targets: targetsOf(e.targets)
  };
}
var targetsOf = (targets) => Object.fromEntries(targets.map((t2) => [t2.kind, t2.state]));
var targetTexts = /* @__PURE__ */ new WeakMap();
function targetsText(targets) {
  let text = targetTexts.get(targets);
  if (text === void 0) targetTexts.set(targets, text = flatJson(targetsOf(targets), "      "));
  return text;
}
var q = JSON.stringify;
var num = (n) => Number.isFinite(n) ? String(n) : "null";
function breachText(b, zone) {
  const at = b.at;
  return `{
      "file": ${q(b.file)},
      "severity": ${q(b.severity)},${b.tier ? `
      "tier": ${q(b.tier)},` : ""}${b.client ? `
      "client": ${q(b.client)},` : ""}
      "kind": ${q(b.kind)},
      "label": ${q(b.label)},
      "due": ${q(iso4(b.due, zone))},
      "state": ${q(b.state)},${at ? `
      "at": ${q(iso4(at, zone))},` : ""}
      "late_minutes": ${num(b.late_minutes)},
      "clock": ${q(b.clock)}
    }`;
}
function recordText(file, e, zone) {
  const acknowledged = e.acknowledgedAt;
  const resolved = e.resolvedAt;
  return `{
      "file": ${q(file)},
      "severity": ${q(e.severity)},${e.tier ? `
      "tier": ${q(e.tier)},` : ""}${e.client ? `
      "client": ${q(e.client)},` : ""}
      "started_at": ${q(iso4(e.start, zone))},${acknowledged ? `
      "acknowledged_at": ${q(iso4(acknowledged, zone))},` : ""}${resolved ? `
      "resolved_at": ${q(iso4(resolved, zone))},` : ""}
      "open": ${e.open ? "true" : "false"},
      "targets": ${targetsText(e.targets)}
    }`;
}
var Lazy = class {
  constructor(items) {
    this.items = items;
  }
  items;
};
function flatJson(object, indent) {
  let out = "";
  const inner = `${indent}  `;
  for (const key in object) {
    const v = object[key];
    let text;
    if (typeof v === "string") text = JSON.stringify(v);
    else if (typeof v === "number") text = Number.isFinite(v) ? String(v) : "null";
    else if (typeof v === "boolean") text = v ? "true" : "false";
    else if (v === void 0 || typeof v === "function" || typeof v === "symbol") continue;
    else if (typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype) text = flatJson(v, inner);
    else text = JSON.stringify(v, null, 2).replace(/\n/g, `
${inner}`);
    out += `${out === "" ? "" : ","}
${inner}${JSON.stringify(key)}: ${text}`;
  }
  return out === "" ? "{}" : `{${out}
${indent}}`;
}
function* jsonPieces(object) {
  const keys = Object.keys(object).filter((k) => object[k] !== void 0);
  if (keys.length === 0) {
    yield "{}";
    return;
  }
  yield "{\n";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = object[key];
    const end = i < keys.length - 1 ? ",\n" : "\n";
    if (value instanceof Lazy) {
      let first = true;
      for (const item of value.items()) {
        yield `${first ? `  ${JSON.stringify(key)}: [
` : ",\n"}    ${typeof item === "string" ? item : flatJson(item, "    ")}`;
        first = false;
      }
      yield first ? `  ${JSON.stringify(key)}: []${end}` : `
  ]${end}`;
    } else yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, "\n  ")}${end}`;
  }
  yield "}";
}

// src/matrix/controls.ts
var CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
var TEXT_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/gu;
var escapeCode = (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
var CONTROL_IN_TEXT = new RegExp(TEXT_CONTROLS.source, "u");
var CONTROL_ANY = new RegExp(CONTROL_CHARACTERS.source, "u");
var MAY_HOLD_TEXT_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
function escapeControls(text) {
  return MAY_HOLD_TEXT_CONTROLS.test(text) ? text.replace(TEXT_CONTROLS, escapeCode) : text;
}

// src/cli/io.ts
var MARK_SLOT = /* @__PURE__ */ Symbol.for("escalate.output-mark");
function outputMark() {
  const slot = globalThis;
  return slot[MARK_SLOT] ??= `\u2063${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}\u2063`;
}
var CI_COMMAND = /(^|\n)((?:[ \t]|\x1b\[[0-9;]*m)*)(::|##\[|##vso\[)/g;
function safeText(given, atLineStart = true) {
  const mark = outputMark();
  const text = given.isWellFormed() ? given : given.toWellFormed();
  const controlled = escapeControls(text);
  const marked = controlled.includes(mark);
  const escaped = marked ? controlled.replaceAll(`${mark}[`, "\x1B[") : controlled;
  const defused = escaped.includes("::") || escaped.includes("##") ? escaped.replace(
    CI_COMMAND,
    (whole, start, lead, command, offset) => offset === 0 && start === "" && !atLineStart ? whole : `${start}${lead}${escapeCode(command[0])}${command.slice(1)}`
  ) : escaped;
  return marked ? defused.replaceAll(`${mark}::`, "::") : defused;
}
function* inLines(pieces) {
  const CHUNK = 1 << 16;
  let parts = [];
  let length = 0;
  let flushAt = CHUNK;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length < flushAt) continue;
    const text = parts.join("");
    const cut = text.lastIndexOf("\n") + 1;
    if (cut === 0) {
      parts = [text];
      flushAt = length * 2;
      continue;
    }
    yield text.slice(0, cut);
    const rest = text.slice(cut);
    parts = rest === "" ? [] : [rest];
    length = rest.length;
    flushAt = CHUNK;
  }
  const last = parts.join("");
  if (last !== "") yield last;
}

// ../../tmp/rb/wbench.ts
var dir = process.argv[2] ?? "/tmp/rb/r10k/";
var asOf = /* @__PURE__ */ new Date("2026-11-27T12:10:00Z");
var acc = new ReportAccumulator(asOf);
var t = performance.now();
for (const name of readdirSync(dir)) {
  const r = readRecordLean(readFileSync(dir + name, "utf8"));
  if (!r.ok) throw new Error(r.reason);
  acc.add({ file: dir + name, evaluation: evaluate(r.record, asOf, { steps: false }) });
}
console.error("judged", (performance.now() - t).toFixed(0));
var fd = openSync("/dev/null", "w");
var sizes = 0;
var hash = 0;
for (let round2 = 0; round2 < Number(process.env.ROUNDS ?? 6); round2++) {
  t = performance.now();
  const review = acc.finish();
  const t1 = performance.now();
  let n = 0;
  for (const chunk of inLines(reportJsonText(review, "America/New_York"))) {
    const s = safeText(chunk);
    n += s.length;
    writeSync(fd, s);
    if (round2 === 0) for (let i = 0; i < s.length; i += 97) hash = hash * 31 + s.charCodeAt(i) | 0;
  }
  console.error(`finish ${(t1 - t).toFixed(0)} ms, write ${(performance.now() - t1).toFixed(0)} ms, ${n} chars`);
  sizes = n;
}
console.error("hash", hash, sizes);
