/** The `support` starter matrix of `escalate init` (see ../render.ts). Generic: no company names, no dates. */
export default `# A support team with four severity levels, routes to engineering, billing, security,
# customer success and a payment provider, and a triage tree frontline can answer in
# under a minute. Make it yours: rename the roles and their contacts to the queues,
# pagers and channels your team uses (roles, never people), read every definition and
# target with the team, then run npx escalate lint --coverage.
version: 1
name: NAME
description: DESCRIPTION
owner: support-lead
reviewed: REVIEWED
review_every: 90d
review_triggers:
  - After every Sev1 incident
  - When an on-call rotation or support tier changes
timezone: TIMEZONE

calendars:
  office:
    days: [mon, tue, wed, thu, fri]
    hours: "09:00-18:00"
    # holidays: [YYYY-MM-DD, ...]   # your public holidays: no target counts on them

roles:
  frontline:
    title: Frontline support
    contact: "#support-queue"
    description: Logs, verifies and reproduces; owns low-impact tickets end to end.
  specialist:
    title: Product specialist
    contact: "#support-specialists"
    description: Deep product knowledge; reviews Sev2 issues and writes reproduction steps.
  support-lead:
    title: Support lead (incident commander)
    contact: "pager:support-lead"
    backup: "pager:support-manager"
  eng-oncall:
    title: Engineering on-call
    contact: "pager:eng-primary"
    backup: "pager:eng-secondary"
  security:
    title: Security on-call
    contact: "pager:security"
  finance:
    title: Billing operations
    contact: "#billing-ops"
  customer-success:
    title: Customer success manager
    contact: "#cs-escalations"
  vendor:
    title: Payment provider support
    contact: "Payment provider priority support line"
    side: vendor
  head-of-support:
    title: Head of support
    contact: "pager:head-of-support"
  executive:
    title: Executive on duty
    contact: "pager:executive-on-duty"
  client-admin:
    title: Customer's account administrator
    contact: "the admin contact on the customer's account"
    side: client

severities:
  - id: sev1
    name: Critical
    definition: Many customers or a critical segment cannot use a core function and there is no acceptable workaround.
    impact:
      scope: Many accounts or the whole platform
      business: Service unavailable or revenue at risk
      workaround: None
    examples:
      - Checkout fails for all tenants
      - Customer data visible to another account
      - Login outage in one region
    owner: support-lead
    targets:
      acknowledge: 15m
      assign_owner: 15m
      notify_client: 30m
      escalate_after: 30m
      update_every: 30m
      workaround: 4h
      resolution: 24h
      rca: 48h
    promise: workaround
    escalation:
      - after: 0m
        layer: operational
        notify: [frontline, support-lead, eng-oncall]
        note: Frontline verifies, the support lead declares Sev1 and opens the incident channel.
      - after: 30m
        layer: management
        notify: [head-of-support, customer-success]
        notify_client: true
        note: Customer success tells affected accounts; status page updated.
      - after: 2h
        layer: executive
        notify: [executive]
        approval: head-of-support
        note: Leadership is briefed when no workaround is in sight.
    client:
      notify: formal
      contact: client-admin
      by: customer-success
      channel: Status page, then email to the account admin
      audience: external
    handoff: [impact-summary, reproduction, recent-changes, logs, customer-deadline, communication-history]
    governance:
      rca_owner: eng-oncall
      review: Weekly support review
      risk_entry: { after: 2, within: 90d }
      follow_ups: [Publish a post-incident summary to affected customers]

  - id: sev2
    name: High
    definition: One customer or a meaningful group has major disruption; a workaround is difficult or risky.
    impact:
      scope: One account or a group of users
      business: Important workflow blocked or degraded
      workaround: Difficult or risky
    examples:
      - One enterprise tenant cannot export invoices
      - Reports time out for a group of users
      - Payment provider declines cards for one region
    owner: specialist
    targets:
      acknowledge: 30m
      assign_owner: 1h
      notify_client: 1h
      escalate_after: 2h
      update_every: 2h
      workaround: 8h
      resolution: 3d
      rca: 5d
    promise: workaround
    escalation:
      - after: 0m
        layer: operational
        notify: [frontline, specialist]
      - after: 2h
        layer: operational
        notify: [eng-oncall, support-lead]
        note: Engineering reviews when the specialist has no workaround.
      - after: 8h
        layer: management
        notify: [head-of-support, customer-success]
        notify_client: true
    client:
      notify: formal
      contact: client-admin
      by: specialist
      channel: Ticket reply and email
      audience: external
    handoff: [impact-summary, reproduction, recent-changes, logs, customer-deadline]
    governance:
      rca_owner: specialist
      review: Weekly support review

  - id: sev3
    name: Moderate
    definition: A limited functional issue with a workaround; normal business continues with some friction.
    examples:
      - A filter ignores one field; exporting and filtering in a spreadsheet works
      - Email notifications arrive late
    owner: frontline
    calendar: office
    targets:
      acknowledge: 4h
      assign_owner: 4h
      notify_client: 4h
      escalate_after: 1d
      update_every: 1d
      resolution: 10d
    promise: resolution
    escalation:
      - after: 0m
        layer: operational
        notify: [frontline]
      - after: 1d
        layer: operational
        notify: [specialist]
    client:
      notify: informal
      contact: client-admin
      by: frontline
      channel: Ticket reply
    handoff: [impact-summary, reproduction]
    governance:
      review: Monthly quality review
      risk_entry: { after: 3, within: 30d }

  - id: sev4
    name: Low
    definition: A question, minor or cosmetic issue, or request with no operational impact.
    examples:
      - How do I change my invoice address?
      - A label is misaligned on the settings page
    owner: frontline
    calendar: office
    targets:
      acknowledge: 1d
      assign_owner: 1d
      resolution: 20d
    promise: resolution
    escalation:
      - after: 0m
        layer: operational
        notify: [frontline]
    client:
      notify: none

triggers:
  - { id: outage, when: Service outage or severe degradation, kind: outage, review_as: sev1, route: engineering }
  - { id: repeat-reports, when: Five or more reports of the same issue within an hour, kind: repeat, review_as: sev2, route: engineering }
  - { id: billing-failure, when: Revenue-impacting billing failure, kind: billing, review_as: sev2, route: finance }
  - { id: data-exposure, when: Possible data exposure or account compromise, kind: security, review_as: sev1, route: security }
  - { id: deadline, when: "Payroll, invoicing or a compliance submission is due within 48 hours", kind: deadline, review_as: sev2 }
  - { id: sla-miss, when: A contractual SLA missed two periods in a row, kind: sla, review_as: sev2, route: customer-success }

routes:
  engineering: { to: eng-oncall, when: [Bug, Outage, Performance], via: "Engineering incident template" }
  finance: { to: finance, when: [Billing, Refunds, Invoices], via: "billing-ops queue" }
  security: { to: security, when: [Data exposure, Account compromise, Permissions], via: "Security incident form" }
  customer-success: { to: customer-success, when: [Contract, Renewal risk, SLA credits] }
  vendor: { to: vendor, when: [Payment provider outage], via: "Provider priority support line" }

triage:
  start: security
  questions:
    security:
      ask: Could customer data be exposed or an account compromised?
      help: Unexpected data in another account, leaked credentials, or permissions granted by mistake.
      answers:
        - { id: "yes", label: "Yes", unsure: true, outcome: { severity: sev1, owner: security, route: security } }
        - { id: "no", label: "No", next: confirmed }
    confirmed:
      ask: Can you reproduce it, or do monitoring and other reports confirm it?
      answers:
        - { id: "yes", label: "Yes, confirmed", unsure: true, next: scope }
        - { id: "no", label: "No, a single unconfirmed report", outcome: { severity: sev4, note: "Ask for steps, screenshots and the time it happened." } }
    scope:
      ask: How many customers are affected?
      help: Count accounts, not tickets; check the status dashboard.
      answers:
        - { id: many, label: Many accounts or everyone, unsure: true, next: core }
        - { id: one, label: One account or a group of its users, next: blocked }
    core:
      ask: Is a core workflow blocked (login, checkout, data access) with no workaround?
      answers:
        - { id: "yes", label: "Yes", unsure: true, outcome: { severity: sev1, route: engineering } }
        - { id: "no", label: "No, degraded or a workaround exists", outcome: { severity: sev2, owner: specialist, route: engineering } }
    blocked:
      ask: Is their work blocked, or is a workaround difficult or risky?
      answers:
        - { id: "yes", label: "Yes", unsure: true, next: domain }
        - { id: "no", label: "No, a workaround works", next: minor }
    domain:
      ask: Does it involve billing, a payment provider, or neither?
      answers:
        - { id: billing, label: Billing or invoices, outcome: { severity: sev2, owner: finance, route: finance } }
        - { id: vendor, label: The payment provider, outcome: { severity: sev2, owner: specialist, route: vendor } }
        - { id: neither, label: Neither, unsure: true, outcome: { severity: sev2, route: engineering } }
    minor:
      ask: Is it only a question, a cosmetic issue or a request?
      answers:
        - { id: "yes", label: "Yes", outcome: { severity: sev4 } }
        - { id: "no", label: "No, a real defect", unsure: true, outcome: { severity: sev3 } }

templates:
  - kind: acknowledge
    severities: [sev1, sev2]
    subject: "[{{severity_name}}] We are on it"
    body: |
      We have confirmed the issue you reported and classified it as {{severity_name}}.
      {{owner}} now owns it. Current impact: {{impact}}.
      Our next update will reach you by {{next_update}}.
  - kind: acknowledge
    body: |
      Thanks for reporting this. We have logged it as {{severity_name}} and {{owner}} will follow up.
  - kind: update
    severities: [sev1, sev2, sev3]
    subject: "[{{severity_name}}] Update"
    body: |
      Summary: {{severity_name}} incident, started {{started_at}}.
      Current impact: {{impact}}
      Actions taken: {{actions}}
      Next step: {{next_step}}
      Next update: {{next_update}} · Owner: {{owner}}
  - kind: resolution
    severities: [sev1, sev2]
    body: |
      The issue is resolved. Impact: {{impact}}. What we did: {{actions}}.
      A root-cause summary follows by {{rca_by}}.
  - kind: resolution
    body: |
      The issue is resolved. Impact: {{impact}}. What we did: {{actions}}.

handoff:
  - { id: impact-summary, label: Impact summary, help: "Who is affected and how badly, in one sentence." }
  - { id: reproduction, label: Reproduction steps }
  - { id: recent-changes, label: Recent changes, help: "Deploys, configuration or feature flags in the last 24 hours." }
  - { id: logs, label: Logs and attachments }
  - { id: customer-deadline, label: Customer deadline, help: "Payroll run, launch or compliance date at stake." }
  - { id: communication-history, label: Communication history }

authority:
  - { role: frontline, may: Roll back a feature flag that the release notes list as safe to disable }
  - { role: frontline, may: Issue a service credit, limit: up to 10% of the monthly fee, severities: [sev3, sev4] }
  - { role: specialist, may: Restart a customer's background jobs, severities: [sev2, sev3] }

governance_review:
  - Any Sev1 without a workaround after 4 hours
  - Credits above 10% of the monthly fee

closing:
  - Confirm with the customer that the impact has ended
  - Send the final customer message
  - Record the root cause and link the knowledge-base article
  - Tag the ticket for trend analysis
  - Open follow-up tasks for preventive fixes
`;
