/** The `msp` starter matrix of `escalate init` (see ../render.ts). Generic: no company names, no dates. */
export default `# A managed service provider: L1 service desk, L2 systems engineers, L3 senior engineers
# and service management, with contract tiers per client. Make it yours: rename the roles
# and their contacts to your queues and pagers (roles, never people), add your clients
# below, read every definition and target with the team, then run npx escalate lint --coverage.
version: 1
name: NAME
description: DESCRIPTION
owner: service-manager
reviewed: REVIEWED
review_every: 90d
review_triggers:
  - A new client is onboarded or a contract changes
  - After every P1
timezone: TIMEZONE

calendars:
  business:
    days: [mon, tue, wed, thu, fri]
    hours: "08:00-18:00"
    # holidays: [YYYY-MM-DD, ...]   # your public holidays: no target counts on them

roles:
  l1:
    title: L1 service desk
    contact: "#service-desk"
    # What client messages show for {{owner_contact}}: a contact the client may use, never a pager.
    client_contact: "your service desk address or phone line"
    description: First contact; resets, how-to questions, known fixes.
  l2:
    title: L2 systems engineer
    contact: "pager:l2-oncall"
    client_contact: "your service desk address or phone line, quoting the ticket number"
    description: Servers, networks, cloud tenants; owns outages.
  l3:
    title: L3 senior engineer
    contact: "pager:l3-oncall"
  service-manager:
    title: Service delivery manager
    contact: "pager:sdm"
  account-manager:
    title: Client account manager
    contact: "#accounts"
  security:
    title: Security operations
    contact: "pager:secops"
    client_contact: "your service desk address or phone line, quoting the ticket number"
  vendor:
    title: Hardware or cloud vendor support
    contact: "Vendor portal, priority case"
    side: vendor
  client-it:
    title: Client IT contact
    contact: "named in the client's contract annex"
    side: client

severities:
  - id: p1
    name: Critical
    definition: A server, network or cloud service is down for many users or a whole site, with no workaround.
    impact: { scope: Many users or a whole site, business: Work stopped, workaround: None }
    examples:
      - File server down for the whole office
      - Site-to-site VPN down, branch cannot reach line-of-business app
      - Ransomware suspected on a server
    owner: l2
    targets:
      acknowledge: 15m
      assign_owner: 15m
      notify_client: 30m
      escalate_after: 1h
      update_every: 1h
      workaround: 4h
      resolution: 8h
      rca: 2d
    promise: workaround
    escalation:
      - after: 0m
        layer: operational
        notify: [l1, l2]
        note: L1 logs and hands straight to L2; no L1 troubleshooting.
      - after: 30m
        layer: client
        notify: [account-manager]
        notify_client: true
      - after: 1h
        layer: operational
        notify: [l3]
      - after: 2h
        layer: management
        notify: [service-manager]
        approval: service-manager
        note: Service manager decides on vendor escalation and on-site dispatch.
    client:
      notify: formal
      contact: client-it
      by: account-manager
      channel: Phone call, then email
      audience: external
    handoff: [affected-systems, actions-taken, recent-changes, logs]
    governance:
      rca_owner: l3
      review: Monthly service review with the client
      risk_entry: { after: 2, within: 90d }

  - id: p2
    name: High
    definition: A business service is degraded, or one team or a VIP cannot work; a workaround is poor.
    impact: { scope: "One team, a VIP or one service", business: Work slowed or one team blocked, workaround: Poor }
    examples:
      - Email delays of over an hour for one client
      - The finance team cannot open the accounting app
      - Suspicious sign-in on a user account
    owner: l2
    targets:
      acknowledge: 30m
      assign_owner: 1h
      notify_client: 1h
      escalate_after: 4h
      update_every: 2h
      workaround: 8h
      resolution: 1d
      rca: 5d
    promise: workaround
    escalation:
      - after: 0m
        layer: operational
        notify: [l1, l2]
      - after: 4h
        layer: operational
        notify: [l3]
      - after: 8h
        layer: management
        notify: [service-manager, account-manager]
        notify_client: true
    client:
      notify: formal
      contact: client-it
      by: l2
      channel: Email
      audience: external
    handoff: [affected-systems, actions-taken, recent-changes]
    governance:
      rca_owner: l2
      review: Monthly service review with the client

  - id: p3
    name: Normal
    definition: One user is affected or a question needs an answer; a workaround exists.
    examples:
      - How do I set up a shared mailbox?
      - A printer driver fails for one user
      - Password reset for a staff member
    owner: l1
    calendar: business
    targets:
      acknowledge: 1h
      assign_owner: 2h
      notify_client: 4h
      escalate_after: 4h
      update_every: 1d
      resolution: 3d
    promise: resolution
    escalation:
      - after: 0m
        layer: operational
        notify: [l1]
      - after: 4h
        layer: operational
        notify: [l2]
        note: A configuration question stays at L1 for its 4 hours, then goes to L2.
    client:
      notify: informal
      contact: client-it
      by: l1
      channel: Ticket portal
    handoff: [actions-taken]
    governance:
      risk_entry: { after: 5, within: 30d }

  - id: p4
    name: Low
    definition: A request or change with no impact on work today.
    examples:
      - New starter account for next month
      - Request for a second monitor
    owner: l1
    calendar: business
    targets:
      acknowledge: 4h
      assign_owner: 1d
      resolution: 10d
    promise: resolution
    escalation:
      - after: 0m
        layer: operational
        notify: [l1]
    client:
      notify: none

triggers:
  - { id: server-down, when: A monitored server or service is down, kind: outage, review_as: p1, route: systems }
  - { id: security-alert, when: EDR or sign-in alert on a client device or account, kind: security, review_as: p2, route: security }
  - { id: backup-failed, when: A client backup failed two nights in a row, kind: sla, review_as: p2, route: systems }
  - { id: repeat-ticket, when: Three tickets about the same issue from one client in a week, kind: repeat, review_as: p3 }

routes:
  systems: { to: l2, when: [Server, Network, Cloud tenant, Backup] }
  security: { to: security, when: [Compromised account, Malware, Suspicious sign-in] }
  vendor: { to: vendor, when: [Hardware failure under warranty, Cloud provider outage], via: "Vendor portal, priority case" }
  service-desk: { to: l1, when: [How-to, Password reset, Request] }

triage:
  start: outage
  questions:
    outage:
      ask: Is a server, network link or cloud service down or badly degraded?
      help: Check the monitoring board before answering.
      answers:
        - { id: "yes", label: "Yes", unsure: true, next: reach }
        - { id: "no", label: "No", next: password }
    reach:
      ask: How many users does it affect?
      answers:
        - { id: many, label: Many users or a whole site, unsure: true, outcome: { severity: p1, route: systems } }
        - { id: few, label: One team or fewer, next: hardware }
    hardware:
      ask: Is it failed hardware under a vendor warranty?
      answers:
        - { id: "yes", label: "Yes", outcome: { severity: p2, route: vendor } }
        - { id: "no", label: "No", unsure: true, outcome: { severity: p2, route: systems } }
    password:
      ask: Is it a password reset or an account unlock?
      answers:
        - { id: "yes", label: "Yes", next: reset-risk }
        - { id: "no", label: "No", unsure: true, next: question }
    reset-risk:
      ask: Is there a security concern, or is the user a VIP on the client's list?
      help: Unexpected lockouts, sign-ins from new countries, or a reset the user did not ask for are security concerns.
      answers:
        - { id: security, label: Security concern, unsure: true, outcome: { severity: p2, owner: security, route: security } }
        - { id: vip, label: A VIP, outcome: { severity: p3, owner: l2, note: "Reset within the hour and call the VIP back." } }
        - { id: neither, label: Neither, outcome: { severity: p3, route: service-desk, note: "Reset after identity check; no escalation." } }
    question:
      ask: Is it a how-to or configuration question, or a new request?
      answers:
        - { id: question, label: A question for one user, outcome: { severity: p3, route: service-desk } }
        - { id: request, label: A request or planned change, outcome: { severity: p4, route: service-desk } }
        - { id: fault, label: A fault that stops a team, unsure: true, outcome: { severity: p2, route: systems } }

tiers:
  standard:
    description: Standard contract; P1 and P2 run round the clock, P3 and P4 in business hours.
  premium:
    description: Round-the-clock contract with faster P1-P3 targets; the account manager is told of every incident.
    calendar: 24x7
    targets:
      p1: { acknowledge: 10m, assign_owner: 10m, notify_client: 20m, update_every: 30m }
      p2: { acknowledge: 15m, assign_owner: 30m, notify_client: 30m, update_every: 1h }
      p3: { acknowledge: 30m, assign_owner: 1h }
    notify: [account-manager]

# Each client with its contract tier (and its own targets, if the contract sets them):
# clients:
#   client-a:
#     name: Client A
#     tier: premium
#     notify: [service-manager]
#
# Time-bound changes (a migration weekend, a peak season), approved by a role:
# exceptions:
#   - id: client-a-migration
#     reason: Client A data-centre migration weekend
#     from: YYYY-MM-DDT18:00
#     until: YYYY-MM-DDT08:00
#     approved_by: service-manager
#     clients: [client-a]
#     severities: [p1]
#     targets:
#       p1: { acknowledge: 5m }

templates:
  - kind: acknowledge
    severities: [p1, p2, p3]
    body: |
      Hello {{client}}, we have logged your issue as {{severity}} ({{severity_name}}).
      {{owner}} is working on it ({{owner_contact}}). Next update by {{next_update}}.
  - kind: acknowledge
    body: |
      Hello {{client}}, we have logged your request as {{severity}} ({{severity_name}}).
      {{owner}} will follow up ({{owner_contact}}).
  - kind: update
    severities: [p1, p2, p3]
    body: |
      {{severity}} update for {{client}}.
      Impact: {{impact}}
      Done so far: {{actions}}
      Next: {{next_step}}, next update by {{next_update}}. Owner: {{owner}}.
  - kind: resolution
    severities: [p1, p2]
    body: |
      Resolved: {{impact}}. Actions: {{actions}}.
      {{severity}} incidents receive a root-cause report by {{rca_by}}.
  - kind: resolution
    body: |
      Resolved: {{impact}}. Actions: {{actions}}.

handoff:
  - { id: affected-systems, label: Affected systems and users }
  - { id: actions-taken, label: Actions taken so far }
  - { id: recent-changes, label: Recent changes, help: "Patches, firewall rules or licence changes this week." }
  - { id: logs, label: Logs and screenshots }

authority:
  - { role: l1, may: Reset passwords after an identity check, severities: [p3, p4] }
  - { role: l2, may: Restart services and fail over to the standby server, severities: [p1, p2] }
  - { role: l2, may: Open a priority vendor case, limit: within the client's support contract }

governance_review:
  - Any P1 that breaches its resolution target
  - More than two P1s for one client in a quarter

closing:
  - Confirm with the client IT contact that users can work
  - Send the resolution message
  - Record the root cause and update the client's runbook
  - Tag the ticket for the monthly service review
`;
