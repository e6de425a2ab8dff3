/** The `client-vendor` starter matrix of `escalate init` (see ../render.ts). Generic: no company names, no dates. */
export default `# A vendor running operations for a client. Escalation is layered operational →
# management → client → executive, so leadership hears of what needs leadership and the
# client always learns of a Sev1 from the vendor, on time, from a named client-facing role.
# Make it yours: rename the roles and their contacts (roles, never people), read every
# definition and target with the client, then run npx escalate lint --coverage.
version: 1
name: NAME
description: DESCRIPTION
owner: delivery-manager
reviewed: REVIEWED
review_every: 90d
review_triggers:
  - A Sev1, or a repeated Sev2 in one month
  - A change of scope, volume or staffing model in the statement of work
timezone: TIMEZONE

calendars:
  operations:
    days: [mon, tue, wed, thu, fri, sat]
    hours: "08:00-20:00"
    # holidays: [YYYY-MM-DD, ...]   # your public holidays: no target counts on them

roles:
  team-lead:
    title: Vendor team lead
    contact: "#programme-floor"
    description: Runs the shift; first to see queue, quality and staffing problems.
  ops-manager:
    title: Vendor operations manager
    contact: "pager:ops-manager"
    # What client messages show for {{owner_contact}}: a contact the client may use, never a pager.
    client_contact: "your delivery manager's mailbox and phone line"
  delivery-manager:
    title: Vendor delivery manager (client-facing)
    contact: "#client-delivery"
    client_contact: "your delivery manager's mailbox and phone line"
    description: Owns the client relationship day to day and every formal client notification.
  quality:
    title: Vendor quality and compliance lead
    contact: "#quality-compliance"
    client_contact: "your delivery manager's mailbox and phone line"
  it-support:
    title: Vendor IT service desk
    contact: "pager:it-service-desk"
  vendor-exec:
    title: Vendor account director
    contact: "#account-director"
  client-ops:
    title: Client operations lead
    contact: "named in the contract annex"
    side: client
  client-it:
    title: Client IT service desk
    contact: "the client's 24x7 IT service desk line"
    side: client
  client-exec:
    title: Client head of customer service
    contact: "named in the contract annex"
    side: client

severities:
  - id: sev1
    name: Critical
    definition: The programme cannot serve customers, a regulatory or data-protection breach is suspected, or a contractual deadline will be missed.
    impact: { scope: A whole programme or site, business: Customers cannot be served or a legal duty is at risk, workaround: None }
    examples:
      - Telephony down for the whole site
      - Customer card data emailed to the wrong recipient
      - Refunds batch for the weekly run not processed by its cut-off
    owner: ops-manager
    targets:
      acknowledge: 15m
      assign_owner: 15m
      notify_client: 30m
      escalate_after: 15m
      update_every: 1h
      workaround: 4h
      resolution: 1d
      rca: 2d
    promise: workaround
    escalation:
      - after: 0m
        layer: operational
        notify: [team-lead, ops-manager, it-support]
      - after: 15m
        layer: management
        notify: [delivery-manager]
      - after: 30m
        layer: client
        notify: [client-ops, client-it]
        notify_client: true
        note: The delivery manager calls the client operations lead; never an email first.
      - after: 2h
        layer: executive
        notify: [vendor-exec, client-exec]
        approval: delivery-manager
    client:
      notify: formal
      contact: client-ops
      by: delivery-manager
      channel: Phone call, then written incident notice
      audience: external
    handoff: [impact-summary, timeline, affected-volume, customer-deadline, communication-history]
    governance:
      rca_owner: quality
      review: Weekly business review
      risk_entry: { after: 1, within: 90d }
      follow_ups: [Formal RCA document signed off by the client, Service-credit assessment against the SLA schedule]

  - id: sev2
    name: High
    definition: A queue or process misses its service level, or a group of customers is affected; a workaround is costly.
    impact: { scope: "One queue, process or customer group", business: Service level missed, workaround: Costly }
    examples:
      - Average speed of answer above target for two intervals in a row
      - Knowledge base unavailable to agents
      - Wrong refund amounts for a batch of orders
    owner: ops-manager
    targets:
      acknowledge: 30m
      assign_owner: 30m
      notify_client: 2h
      escalate_after: 2h
      update_every: 2h
      workaround: 8h
      resolution: 2d
      rca: 5d
    promise: workaround
    escalation:
      - after: 0m
        layer: operational
        notify: [team-lead, ops-manager]
      - after: 2h
        layer: management
        notify: [delivery-manager]
        notify_client: true
      - after: 1d
        layer: client
        notify: [client-ops]
    client:
      notify: formal
      contact: client-ops
      by: delivery-manager
      channel: Email incident notice
      audience: external
    handoff: [impact-summary, timeline, affected-volume]
    governance:
      rca_owner: ops-manager
      review: Weekly business review
      risk_entry: { after: 2, within: 30d }

  - id: sev3
    name: Moderate
    definition: A single agent, case or minor process is affected; service levels hold.
    examples:
      - One agent's desktop cannot open the CRM
      - A macro gives outdated wording
    owner: team-lead
    calendar: operations
    targets:
      acknowledge: 1h
      assign_owner: 2h
      notify_client: 1d
      escalate_after: 1d
      update_every: 1d
      resolution: 5d
    promise: resolution
    escalation:
      - after: 0m
        layer: operational
        notify: [team-lead]
      - after: 1d
        layer: operational
        notify: [ops-manager]
    client:
      notify: informal
      contact: client-ops
      by: delivery-manager
      channel: Daily operations report
      audience: external
    handoff: [impact-summary]
    governance:
      review: Monthly service review
      risk_entry: { after: 3, within: 30d }
      follow_ups: [A repeated Sev3 becomes a risk-register entry]

  - id: sev4
    name: Low
    definition: A question, an improvement idea or a cosmetic issue with no service impact.
    examples:
      - Suggestion to shorten a script
      - Typo in an internal procedure
    owner: team-lead
    calendar: operations
    targets:
      acknowledge: 1d
      assign_owner: 1d
      resolution: 15d
    promise: resolution
    escalation:
      - after: 0m
        layer: operational
        notify: [team-lead]
    client:
      notify: none

triggers:
  - { id: sla-miss, when: A service level missed for two consecutive intervals, kind: sla, review_as: sev2 }
  - { id: data-protection, when: Personal or card data may have reached the wrong person, kind: security, review_as: sev1, route: compliance }
  - { id: outage, when: "Telephony, CRM or network unavailable to a team", kind: outage, review_as: sev2, route: it }
  - { id: deadline, when: A batch or report will miss its contractual cut-off, kind: deadline, review_as: sev1 }
  - { id: repeat, when: The same Sev3 three times in a month, kind: repeat, review_as: sev2 }

routes:
  it: { to: it-support, when: [Telephony, CRM, Network, Desktop] }
  compliance: { to: quality, when: [Data protection, Regulatory, Complaint to regulator] }
  client-systems: { to: client-it, when: [Client-owned systems such as the order platform], via: "Client IT service desk, 24x7 phone" }

triage:
  start: data
  questions:
    data:
      ask: Could personal or card data have reached the wrong person?
      answers:
        - { id: "yes", label: "Yes", unsure: true, outcome: { severity: sev1, owner: quality, route: compliance } }
        - { id: "no", label: "No", next: serving }
    serving:
      ask: Can the programme still serve customers?
      answers:
        - { id: "no", label: "No, customers cannot be served", unsure: true, next: whose-system }
        - { id: "yes", label: "Yes", next: deadline }
    whose-system:
      ask: Whose system is failing?
      answers:
        - { id: ours, label: "Ours (telephony, desktops, network)", unsure: true, outcome: { severity: sev1, route: it } }
        - { id: client, label: "The client's (order platform, CRM)", outcome: { severity: sev1, route: client-systems } }
    deadline:
      ask: Will a batch, report or refund run miss its contractual cut-off?
      answers:
        - { id: "yes", label: "Yes", unsure: true, outcome: { severity: sev1, owner: delivery-manager } }
        - { id: at-risk, label: "At risk", outcome: { severity: sev2 } }
        - { id: "no", label: "No", next: service-level }
    service-level:
      ask: Is a service level missed, or is a group of customers affected?
      answers:
        - { id: "yes", label: "Yes", unsure: true, outcome: { severity: sev2 } }
        - { id: "no", label: "No", next: single }
    single:
      ask: Is a single agent, case or minor process affected?
      answers:
        - { id: "yes", label: "Yes", unsure: true, outcome: { severity: sev3 } }
        - { id: "no", label: "No, it is a question or an idea", outcome: { severity: sev4 } }

tiers:
  core:
    description: The contracted programmes, on the standard SLA schedule.
  regulated:
    description: Programmes under financial regulation; every incident is also reported to the client's compliance team.
    calendar: 24x7
    targets:
      sev1: { notify_client: 15m, update_every: 30m }
      sev2: { notify_client: 1h, update_every: 1h }
    notify: [quality]

# The client's programmes with their tier:
# clients:
#   care:
#     name: Customer care programme
#     tier: core
#   payments:
#     name: Refunds and payments programme
#     tier: regulated
#
# Time-bound changes (a peak season, a migration), approved by a role:
# exceptions:
#   - id: peak-season
#     reason: Year-end peak with temporary agents
#     from: YYYY-MM-DDT00:00
#     until: YYYY-MM-DDT23:59
#     approved_by: delivery-manager
#     severities: [sev2, sev3]
#     targets:
#       sev2: { notify_client: 1h }

templates:
  - kind: acknowledge
    severities: [sev1, sev2]
    audience: client
    subject: "Incident notice: {{severity_name}} on {{client}}"
    body: |
      Dear {{client}} team,
      We are handling a {{severity_name}} incident that started at {{started_at}}.
      Current impact: {{impact}}
      Owner on our side: {{owner}} ({{owner_contact}}).
      You will hear from us again by {{next_update}}, and every {{update_every}} until it is resolved.
  - kind: acknowledge
    severities: [sev1, sev2, sev3]
    audience: internal
    body: |
      Logged as {{severity}} for {{client}}; {{owner}} owns it. Next update {{next_update}}.
  - kind: acknowledge
    audience: internal
    body: |
      Logged as {{severity}} for {{client}}; {{owner}} owns it.
  - kind: update
    severities: [sev1, sev2, sev3]
    audience: client
    subject: "Incident update: {{severity_name}}"
    body: |
      Summary: {{severity_name}} incident since {{started_at}}.
      Current impact: {{impact}}
      Actions taken: {{actions}}
      Next step: {{next_step}}
      Next update: {{next_update}} · Owner: {{owner}}
  - kind: resolution
    severities: [sev1, sev2]
    audience: client
    subject: "Incident resolved: {{severity_name}}"
    body: |
      The incident is resolved. Impact: {{impact}}. Actions: {{actions}}.
      The root-cause analysis will be shared by {{rca_by}} and discussed at the next business review.
  - kind: resolution
    audience: client
    subject: "Incident resolved: {{severity_name}}"
    body: |
      The incident is resolved. Impact: {{impact}}. Actions: {{actions}}.

handoff:
  - { id: impact-summary, label: Impact summary }
  - { id: timeline, label: Timeline of events }
  - { id: affected-volume, label: Affected contacts or transactions, help: Counts from the workforce-management or order system. }
  - { id: customer-deadline, label: Contractual deadline at stake }
  - { id: communication-history, label: What was said to the client and when }

authority:
  - { role: team-lead, may: Move agents between queues to protect a service level }
  - { role: ops-manager, may: Switch the programme to the business-continuity site, severities: [sev1] }
  - { role: delivery-manager, may: Agree a temporary workaround with the client operations lead, severities: [sev1, sev2] }

governance_review:
  - Any breach of a contractual service level (formal RCA owner required)
  - A Sev2 is discussed at the next weekly business review
  - A Sev3 repeated three times in a month becomes a risk-register entry

closing:
  - Confirm with the client operations lead that service is back to normal
  - Send the resolution notice
  - File the RCA and the service-credit assessment
  - Update the knowledge base and agent scripts
  - Tag the incident for the quarterly business review
`;
