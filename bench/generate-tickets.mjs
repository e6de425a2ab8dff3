// Generated helpdesk exports for the bench: `plain` has the six columns import reads; `wide`
// is shaped like a full Freshdesk ticket export (15 columns, a quoted subject with commas and
// quotes, agent and group), about 500 bytes a row, so 60,000 rows make a 29 MB file.
const pad = (n) => String(n).padStart(2, '0');
const priorities = ['Urgent', 'High', 'Medium', 'Low'];
const companies = ['Northwind Logistics', 'Harbor Dental Group', 'Contoso Legal', 'Fabrikam Retail'];

/** CSV text of `rows` tickets over 300 days of 2026, each answered after it was created. */
export function generateTickets(rows, { wide = false } = {}) {
  const out = [
    wide
      ? 'Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,Last update time,Initial response time,Company Name\n'
      : 'Ticket ID,Created time,Initial response time,Resolved time,Priority,Company Name\n',
  ];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2026, 0, 5) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
    const h = 9 + (i % 8);
    const created = `${day} ${pad(h)}:${pad(i % 50)}:00`;
    const first = `${day} ${pad(h)}:${pad((i % 50) + 7)}:00`;
    const resolved = i % 10 === 0 ? '' : `${day} ${pad(h + 1)}:00:00`;
    const company = wide ? companies[i % 4] : 'Northwind Logistics';
    if (!wide) out.push(`${100000 + i},${created},${first},${resolved},${priorities[i % 4]},${company}\n`);
    else {
      const subject = `"Ticket ${i}: printer, scanner or ""VPN"" trouble at site ${i % 97}; ${'the user reports that it stopped working after the update and asks for a call back '.repeat(3)}"`;
      out.push(`${100000 + i},${subject},Resolved,${priorities[i % 4]},Email,Incident,Agent ${i % 31},L${1 + (i % 3)} Service desk,${created},${day} 23:00:00,${resolved},${resolved},${resolved || first},${first},${company}\n`);
    }
  }
  return out.join('');
}
